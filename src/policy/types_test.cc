// Tests for the policy language's value types: type names, reading values as packs write
// them for each type, and rendering them for people and for files.
#include "policy/types.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>

namespace minsheng::policy {
namespace {

Value Parsed(std::string_view text, Type type, const EnumType* enum_type = nullptr) {
  Result<Value> value = ParseValue(text, type, enum_type);
  EXPECT_TRUE(value.ok()) << text << ": " << value.status().ToString();
  return value.ok() ? *value : Value{};
}

std::string ParseError(std::string_view text, Type type, const EnumType* enum_type = nullptr) {
  Result<Value> value = ParseValue(text, type, enum_type);
  EXPECT_FALSE(value.ok()) << text << " parsed as " << (value.ok() ? value->ToString() : "");
  return value.ok() ? "" : value.status().message();
}

TEST(TypeName, RoundTripsEveryType) {
  // Proves each type's name parses back to the type, and that other names are refused.
  for (Type type :
       {Type::kMoney, Type::kRate, Type::kNumber, Type::kBool, Type::kDate, Type::kEnum}) {
    Result<Type> parsed = ParseTypeName(TypeName(type));
    ASSERT_TRUE(parsed.ok()) << TypeName(type);
    EXPECT_EQ(*parsed, type);
  }
  EXPECT_EQ(std::string(TypeName(Type::kMoney)), "money");
  EXPECT_FALSE(ParseTypeName("Money").ok());
  EXPECT_EQ(ParseTypeName("integer").status().message(),
            "unknown type 'integer' (expected money, rate, number, bool, date or enum)");
}

TEST(EnumType, IndexOfIsThePositionOrMinusOne) {
  // Proves an enum value is its index in the listed values, and unlisted ones are -1.
  EnumType scheme{.name = "scheme", .values = {"ncms", "urbmi", "resident"}};
  EXPECT_EQ(scheme.IndexOf("ncms"), 0);
  EXPECT_EQ(scheme.IndexOf("resident"), 2);
  EXPECT_EQ(scheme.IndexOf("employee"), -1);
  EXPECT_EQ(scheme.IndexOf(""), -1);
}

TEST(ParseValue, ReadsMoneyAndRatesExactly) {
  // Proves money goes through Money::Parse (fen) and rates through Rate::Parse (billionths).
  EXPECT_EQ(Parsed("140", Type::kMoney).raw, 14000);
  EXPECT_EQ(Parsed("1,234.56元", Type::kMoney).raw, 123456);
  EXPECT_EQ(Parsed("0.5万", Type::kMoney).raw, 500000);
  EXPECT_EQ(Parsed("80%", Type::kRate).raw, 800'000'000);
  EXPECT_EQ(Parsed("0.055", Type::kRate).raw, 55'000'000);
  EXPECT_EQ(Parsed("140", Type::kMoney).type, Type::kMoney);
  EXPECT_NE(ParseError("1.234", Type::kMoney), "");
  EXPECT_NE(ParseError("abc", Type::kRate), "");
}

TEST(ParseValue, NumbersAreWholeWithAnOptionalSign) {
  // Proves numbers take an optional sign, refuse fractions and text, and stay in int64.
  EXPECT_EQ(Parsed("12", Type::kNumber).raw, 12);
  EXPECT_EQ(Parsed("-3", Type::kNumber).raw, -3);
  EXPECT_EQ(Parsed("+7", Type::kNumber).raw, 7);
  EXPECT_EQ(Parsed("9223372036854775807", Type::kNumber).raw, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Parsed("-9223372036854775808", Type::kNumber).raw, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(ParseError("3.5", Type::kNumber), "expected a whole number, got '3.5'");
  EXPECT_EQ(ParseError("1,000", Type::kNumber), "expected a whole number, got '1,000'");
  EXPECT_EQ(ParseError("-", Type::kNumber), "expected a whole number, got '-'");
  EXPECT_EQ(ParseError("", Type::kNumber), "expected a whole number, got ''");
  EXPECT_EQ(ParseError("9223372036854775808", Type::kNumber),
            "number '9223372036854775808' is beyond the largest whole number");
  EXPECT_EQ(ParseValue("99999999999999999999", Type::kNumber).status().code(),
            ErrorCode::kOverflow);
}

TEST(ParseValue, BoolsInEnglishDigitsAndChinese) {
  // Proves every spelling of true and false the format allows, and that others are refused.
  for (std::string_view yes : {"true", "yes", "1", "是", "True", "YES"}) {
    EXPECT_EQ(Parsed(yes, Type::kBool).raw, 1) << yes;
  }
  for (std::string_view no : {"false", "no", "0", "否", "False"}) {
    EXPECT_EQ(Parsed(no, Type::kBool).raw, 0) << no;
  }
  EXPECT_EQ(ParseError("maybe", Type::kBool),
            "expected true or false (or yes/no, 1/0, 是/否), got 'maybe'");
  EXPECT_NE(ParseError("2", Type::kBool), "");
}

TEST(ParseValue, DatesAreIsoCalendarDates) {
  // Proves a date is held as days since 1970-01-01 and a bad one says what is wrong.
  EXPECT_EQ(Parsed("1970-01-02", Type::kDate).raw, 1);
  EXPECT_EQ(Parsed("2012-08-01", Type::kDate).ToString(), "2012-08-01");
  EXPECT_EQ(ParseError("2012-8-1", Type::kDate), "date '2012-8-1': expected YYYY-MM-DD");
  EXPECT_EQ(ParseError("1990-02-30", Type::kDate), "date '1990-02-30': no such date 1990-02-30");
}

TEST(ParseValue, EnumsAreIndexesIntoTheirType) {
  // Proves an enum value parses to its index with its type attached, and an unlisted one
  // names the listed values.
  EnumType scheme{.name = "scheme", .values = {"ncms", "urbmi"}};
  Value urbmi = Parsed("urbmi", Type::kEnum, &scheme);
  EXPECT_EQ(urbmi.raw, 1);
  EXPECT_EQ(urbmi.enum_type, &scheme);
  EXPECT_EQ(ParseError("employee", Type::kEnum, &scheme),
            "'employee' is not one of scheme's values (ncms, urbmi)");
  EXPECT_EQ(ParseValue("ncms", Type::kEnum).status().code(), ErrorCode::kInternal);
}

TEST(ValueToString, ForPeopleAndForFiles) {
  // Proves each type renders as documented in types.h, both ways.
  EnumType scheme{.name = "scheme", .values = {"ncms", "urbmi"}};
  const Value money = Value::OfMoney(Money::FromFen(123456));
  const Value rate = Value::OfRate(Rate::FromParts(800'000'000));
  const Value date = Parsed("2012-08-01", Type::kDate);
  const Value choice{Type::kEnum, 1, &scheme};
  EXPECT_EQ(money.ToString(), "¥1,234.56");
  EXPECT_EQ(money.ToPlainString(), "1234.56");
  EXPECT_EQ(rate.ToString(), "80%");
  EXPECT_EQ(rate.ToPlainString(), "0.8");
  EXPECT_EQ(Value::OfNumber(-12).ToString(), "-12");
  EXPECT_EQ(Value::OfBool(true).ToString(), "true");
  EXPECT_EQ(Value::OfBool(false).ToPlainString(), "false");
  EXPECT_EQ(date.ToString(), "2012-08-01");
  EXPECT_EQ(date.ToPlainString(), "2012-08-01");
  EXPECT_EQ(choice.ToString(), "urbmi");
  EXPECT_EQ(choice.ToPlainString(), "urbmi");
}

TEST(ValueToString, NeverAssertsOnValuesOutsideTheirDomain) {
  // Proves a value that arithmetic pushed out of its domain still prints, so an error
  // message about it can be shown.
  EXPECT_EQ((Value{Type::kDate, int64_t{1} << 40, nullptr}).ToString(), "day 1099511627776");
  EXPECT_EQ((Value{Type::kEnum, 3, nullptr}).ToString(), "enum#3");
}

TEST(ParseValue, EveryRenderedValueParsesBack) {
  // Proves ToPlainString output is what ParseValue reads, for each type.
  EnumType scheme{.name = "scheme", .values = {"ncms", "urbmi"}};
  const Value values[] = {Value::OfMoney(Money::FromFen(-320)),
                          Value::OfRate(Rate::FromParts(55'000'000)),
                          Value::OfNumber(42),
                          Value::OfBool(true),
                          Parsed("2020-02-29", Type::kDate),
                          Value{Type::kEnum, 1, &scheme}};
  for (const Value& value : values) {
    Value again = Parsed(value.ToPlainString(), value.type, &scheme);
    EXPECT_EQ(again.raw, value.raw) << value.ToPlainString();
  }
}

// Proves AppendPlainTo writes exactly what ToPlainString returns, for money, numbers
// and bools at any value, the limits included.
RC_GTEST_PROP(ValueProperty, AppendPlainToIsToPlainString, ()) {
  const Type type = *rc::gen::element(Type::kMoney, Type::kNumber, Type::kBool);
  const int64_t raw = *rc::gen::oneOf(rc::gen::arbitrary<int64_t>(),
                                      rc::gen::inRange<int64_t>(-1000, 1001),
                                      rc::gen::element(std::numeric_limits<int64_t>::min(),
                                                       std::numeric_limits<int64_t>::max()));
  const Value value{type, type == Type::kBool ? raw & 1 : raw, nullptr};
  std::string appended = "x";
  value.AppendPlainTo(appended);
  RC_ASSERT(appended == "x" + value.ToPlainString());
}

}  // namespace
}  // namespace minsheng::policy
