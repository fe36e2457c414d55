// The value types of the policy language: their names, and values as text both ways.
//
// ParseValue reads the literal text a pack writes for a parameter's value or a variable's
// default; ToString and ToPlainString render a value for people and for files. Pure
// functions; thread-safe.
#include "policy/types.h"

#include <charconv>
#include <limits>

namespace minsheng::policy {
namespace {

constexpr Type kAllTypes[] = {Type::kMoney, Type::kRate, Type::kNumber,
                              Type::kBool,  Type::kDate, Type::kEnum};

std::string Quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

// Strips ASCII spaces and tabs at both ends, as Money::Parse and Rate::Parse do.
std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// A whole number with an optional sign: "12", "-3", "+7". Decimals, grouping commas and
// exponents are refused rather than guessed at: a count is never fractional.
Result<Value> ParseNumber(std::string_view text) {
  std::string_view digits = TrimSpaces(text);
  bool negative = false;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return InvalidArgument("expected a whole number, got " + Quoted(text));
  for (char c : digits) {
    if (c < '0' || c > '9') {
      return InvalidArgument("expected a whole number, got " + Quoted(text));
    }
  }
  // Parse the magnitude as unsigned so that INT64_MIN, whose magnitude is one more than
  // INT64_MAX, still reads.
  uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  const uint64_t limit =
      negative ? uint64_t{1} << 63 : uint64_t{std::numeric_limits<int64_t>::max()};
  if (error != std::errc() || end != digits.data() + digits.size() || magnitude > limit) {
    return Overflow("number " + Quoted(text) + " is beyond the largest whole number");
  }
  int64_t number = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return Value::OfNumber(number);
}

Result<Value> ParseBool(std::string_view text) {
  std::string_view word = TrimSpaces(text);
  for (std::string_view yes : {"true", "yes", "1", "是"}) {
    if (EqualsIgnoringAsciiCase(word, yes)) return Value::OfBool(true);
  }
  for (std::string_view no : {"false", "no", "0", "否"}) {
    if (EqualsIgnoringAsciiCase(word, no)) return Value::OfBool(false);
  }
  return InvalidArgument("expected true or false (or yes/no, 1/0, 是/否), got " + Quoted(text));
}

Result<Value> ParseEnum(std::string_view text, const EnumType* enum_type) {
  if (enum_type == nullptr) return Internal("an enum value was parsed without its enum type");
  std::string_view word = TrimSpaces(text);
  int index = enum_type->IndexOf(word);
  if (index < 0) {
    std::string listed;
    for (const std::string& value : enum_type->values) {
      listed += (listed.empty() ? "" : ", ") + value;
    }
    return InvalidArgument(Quoted(word) + " is not one of " + enum_type->name + "'s values (" +
                           listed + ")");
  }
  return Value{Type::kEnum, index, enum_type};
}

// Dates are held as days since the epoch; one outside the calendar's range can only come
// from arithmetic gone wrong, and is shown as its raw count rather than asserted on.
std::string DateText(int64_t days) {
  if (days < Date::kMinDaysSinceEpoch || days > Date::kMaxDaysSinceEpoch) {
    return "day " + std::to_string(days);
  }
  return Date::FromDaysSinceEpoch(static_cast<int32_t>(days)).ToString();
}

std::string EnumText(int64_t index, const EnumType* enum_type) {
  if (enum_type == nullptr || index < 0 ||
      index >= static_cast<int64_t>(enum_type->values.size())) {
    return "enum#" + std::to_string(index);
  }
  return enum_type->values[static_cast<size_t>(index)];
}

}  // namespace

const char* TypeName(Type type) {
  switch (type) {
    case Type::kMoney: return "money";
    case Type::kRate: return "rate";
    case Type::kNumber: return "number";
    case Type::kBool: return "bool";
    case Type::kDate: return "date";
    case Type::kEnum: return "enum";
  }
  return "unknown";
}

Result<Type> ParseTypeName(std::string_view name) {
  for (Type type : kAllTypes) {
    if (name == TypeName(type)) return type;
  }
  return InvalidArgument("unknown type " + Quoted(name) +
                         " (expected money, rate, number, bool, date or enum)");
}

int EnumType::IndexOf(std::string_view value) const {
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == value) return static_cast<int>(i);
  }
  return -1;
}

std::string Value::ToString() const {
  switch (type) {
    case Type::kMoney: return Money::FromFen(raw).ToString();
    case Type::kRate: return Rate::FromParts(raw).ToString();
    case Type::kNumber: return std::to_string(raw);
    case Type::kBool: return raw != 0 ? "true" : "false";
    case Type::kDate: return DateText(raw);
    case Type::kEnum: return EnumText(raw, enum_type);
  }
  return std::to_string(raw);
}

std::string Value::ToPlainString() const {
  switch (type) {
    case Type::kMoney: return Money::FromFen(raw).ToPlainString();
    case Type::kRate: return Rate::FromParts(raw).ToDecimalString();
    case Type::kNumber:
    case Type::kBool:
    case Type::kDate:
    case Type::kEnum: return ToString();
  }
  return std::to_string(raw);
}

void Value::AppendPlainTo(std::string& out) const {
  char digits[24];
  switch (type) {
    case Type::kMoney: Money::FromFen(raw).AppendPlainTo(out); return;
    case Type::kNumber: {
      char* end = std::to_chars(digits, digits + sizeof digits, raw).ptr;
      out.append(digits, static_cast<size_t>(end - digits));
      return;
    }
    case Type::kBool: out += raw != 0 ? "true" : "false"; return;
    default: out += ToPlainString(); return;
  }
}

Result<Value> ParseValue(std::string_view text, Type type, const EnumType* enum_type) {
  switch (type) {
    case Type::kMoney: {
      Result<Money> money = Money::Parse(text);
      if (!money.ok()) return money.status();
      return Value::OfMoney(*money);
    }
    case Type::kRate: {
      Result<Rate> rate = Rate::Parse(text);
      if (!rate.ok()) return rate.status();
      return Value::OfRate(*rate);
    }
    case Type::kNumber: return ParseNumber(text);
    case Type::kBool: return ParseBool(text);
    case Type::kDate: {
      Result<Date> date = Date::Parse(TrimSpaces(text));
      if (!date.ok()) return date.status().Prefixed("date " + Quoted(text));
      return Value::OfDate(*date);
    }
    case Type::kEnum: return ParseEnum(text, enum_type);
  }
  return Internal("unknown type");
}

}  // namespace minsheng::policy
