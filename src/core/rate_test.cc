// Tests for Rate: exact parsing of percentages and decimals, percentage-point changes,
// formatting and checked arithmetic.
#include "core/rate.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace minsheng {
namespace {

int64_t Parts(std::string_view text) {
  auto rate = Rate::Parse(text);
  EXPECT_TRUE(rate.ok()) << text << ": " << rate.status().ToString();
  return rate.ok() ? rate->parts() : -1;
}

TEST(RateParse, PercentagesAndDecimalsAreExact) {
  // Proves the forms policies write reach the same exact parts.
  EXPECT_EQ(Parts("80%"), 800'000'000);
  EXPECT_EQ(Parts("0.8"), 800'000'000);
  EXPECT_EQ(Parts("5.5%"), 55'000'000);
  EXPECT_EQ(Parts("100%"), Rate::kScale);
  EXPECT_EQ(Parts("1"), Rate::kScale);
  EXPECT_EQ(Parts("80％"), 800'000'000);
  EXPECT_EQ(Parts(" 70 % "), 700'000'000);
  EXPECT_EQ(Parts("-2.5%"), -25'000'000);
  EXPECT_EQ(Parts("0.0000001%"), 1);
  EXPECT_EQ(*Rate::Parse("0.8"), *Rate::Parse("80%"));
  EXPECT_EQ(*Rate::Percent(80), *Rate::Parse("80%"));
}

TEST(RateParse, RejectsWithAReason) {
  // Proves bad rates are refused and say why.
  EXPECT_NE(Rate::Parse("").status().message().find("empty"), std::string::npos);
  EXPECT_NE(Rate::Parse("abc").status().message().find("not a number"), std::string::npos);
  EXPECT_NE(Rate::Parse("0.00000001%").status().message().find("precision"), std::string::npos);
  EXPECT_NE(Rate::Parse("1,000%").status().message().find("not a number"), std::string::npos);
  EXPECT_EQ(Rate::Parse("99999999999").status().code(), ErrorCode::kOverflow);
}

TEST(RatePercentagePoints, AddsPoints) {
  // Proves "+5 percentage points" is the rate 0.05, in every spelling.
  EXPECT_EQ(Rate::ParsePercentagePoints("+5 percentage points")->parts(), 50'000'000);
  EXPECT_EQ(Rate::ParsePercentagePoints("+5pp")->parts(), 50'000'000);
  EXPECT_EQ(Rate::ParsePercentagePoints("5个百分点")->parts(), 50'000'000);
  EXPECT_EQ(Rate::ParsePercentagePoints("-2.5 percentage points")->parts(), -25'000'000);
  EXPECT_EQ(Rate::ParsePercentagePoints("+1 percentage point")->parts(), 10'000'000);
  const Rate raised =
      Rate::Parse("80%")->Add(*Rate::ParsePercentagePoints("+5 percentage points")).value();
  EXPECT_EQ(raised, *Rate::Parse("85%"));
  EXPECT_FALSE(Rate::ParsePercentagePoints("+5%").ok());
  EXPECT_FALSE(Rate::ParsePercentagePoints("x pp").ok());
}

TEST(RateFormat, ShortestExactForm) {
  // Proves formatting prints the shortest exact percentage and decimal.
  EXPECT_EQ(Rate::Parse("80%")->ToString(), "80%");
  EXPECT_EQ(Rate::Parse("5.5%")->ToString(), "5.5%");
  EXPECT_EQ(Rate::Parse("0.8")->ToDecimalString(), "0.8");
  EXPECT_EQ(Rate::Parse("100%")->ToDecimalString(), "1");
  EXPECT_EQ(Rate::Parse("-2.5%")->ToString(), "-2.5%");
  EXPECT_EQ(Rate::FromParts(1).ToString(), "0.0000001%");
}

TEST(RateArithmetic, ComparesAndChecks) {
  // Proves ordering, complement and overflow checks used by scales.
  EXPECT_LT(*Rate::Parse("70%"), *Rate::Parse("80%"));
  EXPECT_EQ(Rate::Parse("80%")->Complement()->ToString(), "20%");
  EXPECT_EQ(Rate::Parse("30%")->Subtract(*Rate::Parse("50%"))->ToString(), "-20%");
  EXPECT_EQ(Rate::Parse("5%")->Multiply(3)->ToString(), "15%");
  EXPECT_EQ(Rate::FromParts(INT64_MAX).Add(Rate::FromParts(1)).status().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(Rate::FromParts(INT64_MIN).Subtract(Rate::FromParts(1)).status().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(Rate::FromParts(INT64_MAX).Multiply(2).status().code(), ErrorCode::kOverflow);
}

RC_GTEST_PROP(RateProperty, ParseOfFormatIsIdentity, (int64_t parts)) {
  // Proves both renderings parse back to the same exact rate.
  const Rate rate = Rate::FromParts(parts);
  RC_ASSERT(Rate::Parse(rate.ToString())->parts() == parts);
  RC_ASSERT(Rate::Parse(rate.ToDecimalString())->parts() == parts);
}

}  // namespace
}  // namespace minsheng
