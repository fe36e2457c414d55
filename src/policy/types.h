// The value types of the policy language and how values are held.
//
// Every value the language computes fits one int64, so that the engine's columns, the
// reference interpreter and parameter tables share one representation:
//   money  fen (core Money)             rate  billionths (core Rate::parts)
//   number a whole number               bool  0 or 1
//   date   days since 1970-01-01        enum  index into the variable's listed values
// ParseValue is also how the projection's scenario loader (src/projection) reads its money,
// rates and counts, so a scenario writes them as a pack does. Values; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/rate.h"
#include "core/status.h"

namespace minsheng::policy {

enum class Type { kMoney, kRate, kNumber, kBool, kDate, kEnum };

const char* TypeName(Type type);  // "money", "rate", "number", "bool", "date", "enum"
Result<Type> ParseTypeName(std::string_view name);

// An enum type: its listed values, in order; a value is its index. Enum types are
// compared by identity (the variable or parameter that declared them).
struct EnumType {
  std::string name;  // the declaring variable's name
  std::vector<std::string> values;
  int IndexOf(std::string_view value) const;  // -1 when not listed
};

// A typed value, as parameters and literals hold it.
struct Value {
  Type type = Type::kNumber;
  int64_t raw = 0;
  const EnumType* enum_type = nullptr;  // for kEnum

  static Value OfMoney(Money money) { return {Type::kMoney, money.fen(), nullptr}; }
  static Value OfRate(Rate rate) { return {Type::kRate, rate.parts(), nullptr}; }
  static Value OfNumber(int64_t number) { return {Type::kNumber, number, nullptr}; }
  static Value OfBool(bool flag) { return {Type::kBool, flag ? 1 : 0, nullptr}; }
  static Value OfDate(Date date) { return {Type::kDate, date.days_since_epoch(), nullptr}; }

  // "¥1,234.56", "80%", "12", "true", "2012-08-01", "ncms".
  std::string ToString() const;
  // "1234.56", "0.8", "12", "true", "2012-08-01", "ncms": what CSV and JSON carry.
  std::string ToPlainString() const;
  // Appends ToPlainString() to out; money, numbers and bools without a temporary string
  // (writing millions of CSV fields).
  void AppendPlainTo(std::string& out) const;
};

// Parses text as a value of the type: money as Money::Parse, rate as Rate::Parse,
// number a whole number, bool true/false/yes/no/1/0 (and 是/否), date YYYY-MM-DD, enum
// one of the listed values. Errors say why, without a location.
Result<Value> ParseValue(std::string_view text, Type type, const EnumType* enum_type = nullptr);

}  // namespace minsheng::policy
