// Tests for Money: parsing as people write amounts, formatting, checked arithmetic and
// the rounding of Money × Rate, with properties checked against 128-bit arithmetic.
#include "core/money.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <limits>

namespace minsheng {
namespace {

int64_t ParseFen(std::string_view text) {
  auto money = Money::Parse(text);
  EXPECT_TRUE(money.ok()) << text << ": " << money.status().ToString();
  return money.ok() ? money->fen() : -1;
}

std::string ParseError(std::string_view text) {
  auto money = Money::Parse(text);
  EXPECT_FALSE(money.ok()) << text << " parsed as " << (money.ok() ? money->ToString() : "");
  return money.ok() ? "" : money.status().message();
}

TEST(MoneyParse, AcceptsTheFormsPeopleWrite) {
  // Proves every form the issue lists parses to the exact fen.
  EXPECT_EQ(ParseFen("140"), 14000);
  EXPECT_EQ(ParseFen("140.5"), 14050);
  EXPECT_EQ(ParseFen("140.50"), 14050);
  EXPECT_EQ(ParseFen("1,234.56"), 123456);
  EXPECT_EQ(ParseFen("¥1234.56"), 123456);
  EXPECT_EQ(ParseFen("￥1234.56"), 123456);
  EXPECT_EQ(ParseFen("1234.56元"), 123456);
  EXPECT_EQ(ParseFen("-3.20"), -320);
  EXPECT_EQ(ParseFen("12万"), 12000000);
  EXPECT_EQ(ParseFen("0.5万"), 500000);
  EXPECT_EQ(ParseFen("869.4万元"), 869400000);
  EXPECT_EQ(ParseFen("1,000万"), 1000000000);
  EXPECT_EQ(ParseFen("-¥3.20"), -320);
  EXPECT_EQ(ParseFen("¥-3.20"), -320);
  EXPECT_EQ(ParseFen(" 200 "), 20000);
  EXPECT_EQ(ParseFen("0"), 0);
  EXPECT_EQ(ParseFen("1.230"), 123) << "trailing zeros beyond the fen are exact";
}

TEST(MoneyParse, RejectsWithAReason) {
  // Proves each malformed amount is refused and the message says why.
  EXPECT_NE(ParseError("1.234").find("finer than a fen"), std::string::npos);
  EXPECT_NE(ParseError("abc").find("not a number"), std::string::npos);
  EXPECT_NE(ParseError("").find("empty"), std::string::npos);
  EXPECT_NE(ParseError("1,23").find("grouped in threes"), std::string::npos);
  EXPECT_NE(ParseError("12,34,567").find("grouped in threes"), std::string::npos);
  EXPECT_NE(ParseError(".5").find("before the decimal point"), std::string::npos);
  EXPECT_NE(ParseError("5.").find("after the decimal point"), std::string::npos);
  EXPECT_NE(ParseError("--3").find("two signs"), std::string::npos);
  EXPECT_NE(ParseError("0.1234567万").find("finer than a fen"), std::string::npos);
  EXPECT_NE(ParseError("1 2").find("not a number"), std::string::npos);
}

TEST(MoneyParse, RejectsOverflow) {
  // Proves the int64 bounds are exact: the largest and smallest parse, one fen more fails.
  EXPECT_EQ(ParseFen("92233720368547758.07"), INT64_MAX);
  EXPECT_EQ(ParseFen("-92233720368547758.08"), INT64_MIN);
  EXPECT_NE(ParseError("92233720368547758.08").find("beyond the largest amount"),
            std::string::npos);
  EXPECT_NE(ParseError("-92233720368547758.09").find("beyond"), std::string::npos);
  EXPECT_NE(ParseError("99999999999999999999999").find("beyond"), std::string::npos);
  EXPECT_NE(ParseError("9223372036855万").find("beyond"), std::string::npos);
}

TEST(MoneyFormat, GroupsAndSigns) {
  // Proves both renderings: grouped with the yuan sign, and plain for files.
  EXPECT_EQ(Money::FromFen(123456).ToString(), "¥1,234.56");
  EXPECT_EQ(Money::FromFen(123456).ToPlainString(), "1234.56");
  EXPECT_EQ(Money::FromFen(-320).ToString(), "-¥3.20");
  EXPECT_EQ(Money::FromFen(-320).ToPlainString(), "-3.20");
  EXPECT_EQ(Money::FromFen(0).ToString(), "¥0.00");
  EXPECT_EQ(Money::FromFen(5).ToPlainString(), "0.05");
  EXPECT_EQ(Money::FromFen(100000000).ToString(), "¥1,000,000.00");
  EXPECT_EQ(Money::FromFen(INT64_MIN).ToPlainString(), "-92233720368547758.08");
  EXPECT_EQ(Money::FromFen(INT64_MAX).ToString(), "¥92,233,720,368,547,758.07");
}

TEST(MoneyArithmetic, OverflowIsAnErrorNotAWrap) {
  // Proves add, subtract, multiply and negate report overflow at the int64 edges.
  const Money max = Money::FromFen(INT64_MAX);
  const Money min = Money::FromFen(INT64_MIN);
  EXPECT_EQ(max.Add(Money::FromFen(-1))->fen(), INT64_MAX - 1);
  EXPECT_EQ(max.Add(Money::FromFen(1)).status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(min.Subtract(Money::FromFen(1)).status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(max.Multiply(2).status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(min.Multiply(-1).status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(min.Negate().status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(Money::FromFen(14000).Multiply(12)->fen(), 168000);
  EXPECT_EQ(Money::FromYuan(140)->fen(), 14000);
  EXPECT_EQ(Money::FromYuan(INT64_MAX / 10).status().code(), ErrorCode::kOverflow);
}

Money Times(std::string_view amount, std::string_view rate, Rounding rounding) {
  return Money::Parse(amount)->MultiplyRate(*Rate::Parse(rate), rounding).value();
}

TEST(MoneyRate, EachRoundingMode) {
  // Proves the four rounding modes on halves, below halves and negatives.
  // 0.05 × 50% = 0.025: half up → 0.03, half even → 0.02, toward zero → 0.02.
  EXPECT_EQ(Times("0.05", "50%", Rounding::kHalfUpFen).fen(), 3);
  EXPECT_EQ(Times("0.05", "50%", Rounding::kHalfEvenFen).fen(), 2);
  EXPECT_EQ(Times("0.07", "50%", Rounding::kHalfEvenFen).fen(), 4);
  EXPECT_EQ(Times("0.05", "50%", Rounding::kTowardZeroFen).fen(), 2);
  EXPECT_EQ(Times("-0.05", "50%", Rounding::kHalfUpFen).fen(), -3);
  EXPECT_EQ(Times("-0.05", "50%", Rounding::kTowardZeroFen).fen(), -2);
  // 1.00 × 50% = 0.50 yuan → 1 yuan; 1.49 yuan rounds down; -1.50 → -2.
  EXPECT_EQ(Times("1", "50%", Rounding::kHalfUpYuan).fen(), 100);
  EXPECT_EQ(Times("2.98", "50%", Rounding::kHalfUpYuan).fen(), 100);
  EXPECT_EQ(Times("-3", "50%", Rounding::kHalfUpYuan).fen(), -200);
  // The seeds: half of 140 yuan is 70; 80% of 1,000 is 800.
  EXPECT_EQ(Times("140", "50%", Rounding::kHalfUpFen).fen(), 7000);
  EXPECT_EQ(Times("1000", "80%", Rounding::kHalfUpFen).fen(), 80000);
  EXPECT_EQ(Times("0.01", "0.0000001%", Rounding::kHalfUpFen).fen(), 0);
}

TEST(MoneyRate, OverflowIsAnError) {
  // Proves a product beyond int64 is refused, not wrapped.
  auto product = Money::FromFen(INT64_MAX).MultiplyRate(*Rate::Parse("200%"));
  EXPECT_EQ(product.status().code(), ErrorCode::kOverflow);
}

TEST(MoneyRounding, NamesRoundTrip) {
  // Proves rounding names, as packs will write them, parse back.
  for (Rounding rounding : {Rounding::kHalfUpFen, Rounding::kHalfEvenFen, Rounding::kTowardZeroFen,
                            Rounding::kHalfUpYuan}) {
    EXPECT_EQ(*ParseRounding(RoundingName(rounding)), rounding);
  }
  EXPECT_FALSE(ParseRounding("half_up").ok());
}

RC_GTEST_PROP(MoneyProperty, ParseOfFormatIsIdentity, (int64_t fen)) {
  // Proves formatting loses nothing: both renderings parse back to the same fen.
  const Money money = Money::FromFen(fen);
  RC_ASSERT(Money::Parse(money.ToString())->fen() == fen);
  RC_ASSERT(Money::Parse(money.ToPlainString())->fen() == fen);
}

RC_GTEST_PROP(MoneyProperty, AddAndSubtractAgreeWith128Bits, (int64_t a, int64_t b)) {
  // Proves checked add/subtract give the true result or report overflow, never a wrap.
  const Int128 sum = static_cast<Int128>(a) + b;
  const Int128 difference = static_cast<Int128>(a) - b;
  auto add = Money::FromFen(a).Add(Money::FromFen(b));
  auto subtract = Money::FromFen(a).Subtract(Money::FromFen(b));
  const bool sum_fits = sum >= INT64_MIN && sum <= INT64_MAX;
  const bool difference_fits = difference >= INT64_MIN && difference <= INT64_MAX;
  RC_ASSERT(add.ok() == sum_fits);
  RC_ASSERT(subtract.ok() == difference_fits);
  if (sum_fits) RC_ASSERT(add->fen() == static_cast<int64_t>(sum));
  if (difference_fits) RC_ASSERT(subtract->fen() == static_cast<int64_t>(difference));
}

RC_GTEST_PROP(MoneyProperty, MultiplyAgreesWith128Bits, (int64_t a, int64_t factor)) {
  // Proves checked multiply gives the true product or reports overflow.
  const Int128 product = static_cast<Int128>(a) * factor;
  auto result = Money::FromFen(a).Multiply(factor);
  const bool fits = product >= INT64_MIN && product <= INT64_MAX;
  RC_ASSERT(result.ok() == fits);
  if (fits) RC_ASSERT(result->fen() == static_cast<int64_t>(product));
}

// The exact rational fen × parts / scale, rounded by comparing twice the remainder with
// the divisor in plain integers: a second, independent statement of each rounding rule.
Int128 ReferenceRound(Int128 numerator, Int128 divisor, Rounding rounding) {
  const bool negative = numerator < 0;
  const Int128 magnitude = negative ? -numerator : numerator;
  Int128 floor_quotient = magnitude / divisor;
  const Int128 remainder = magnitude - floor_quotient * divisor;
  Int128 rounded = floor_quotient;
  switch (rounding) {
    case Rounding::kTowardZeroFen: break;
    case Rounding::kHalfUpFen:
    case Rounding::kHalfUpYuan:
      if (2 * remainder >= divisor) rounded += 1;
      break;
    case Rounding::kHalfEvenFen:
      if (2 * remainder > divisor || (2 * remainder == divisor && floor_quotient % 2 == 1)) {
        rounded += 1;
      }
      break;
  }
  return negative ? -rounded : rounded;
}

RC_GTEST_PROP(MoneyProperty, RoundingAgreesWithExactRationals, ()) {
  // Proves every rounding mode equals exact rational arithmetic on amounts and rates
  // drawn from the whole range that policies use, halves included.
  const int64_t fen = *rc::gen::inRange<int64_t>(-1'000'000'000'000, 1'000'000'000'000);
  const int64_t parts = *rc::gen::oneOf(
      rc::gen::inRange<int64_t>(-2 * Rate::kScale, 2 * Rate::kScale),
      rc::gen::element<int64_t>(Rate::kScale / 2, Rate::kScale / 4, Rate::kScale / 200));
  const Rounding rounding = *rc::gen::element(Rounding::kHalfUpFen, Rounding::kHalfEvenFen,
                                              Rounding::kTowardZeroFen, Rounding::kHalfUpYuan);
  const Int128 exact = static_cast<Int128>(fen) * parts;
  Int128 expected = 0;
  if (rounding == Rounding::kHalfUpYuan) {
    expected = ReferenceRound(exact, static_cast<Int128>(Rate::kScale) * 100, rounding) * 100;
  } else {
    expected = ReferenceRound(exact, Rate::kScale, rounding);
  }
  auto result = Money::FromFen(fen).MultiplyRate(Rate::FromParts(parts), rounding);
  RC_ASSERT(result.ok());
  RC_ASSERT(static_cast<Int128>(result->fen()) == expected);
}

}  // namespace
}  // namespace minsheng
