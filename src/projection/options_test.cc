// Tests of the command-line values (options.h): the years shown and a caseload change,
// and the messages for what is not one.
#include "projection/options.h"

#include <gtest/gtest.h>

namespace minsheng::projection {
namespace {

TEST(ParseYearRangeTest, RangesAndOneYear) {
  // Proves FROM..TO and a single year are read, and anything else is refused saying why.
  Result<YearRange> range = ParseYearRange("2013..2022");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->from, 2013);
  EXPECT_EQ(range->to, 2022);
  Result<YearRange> one = ParseYearRange("2016");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->from, 2016);
  EXPECT_EQ(one->to, 2016);
  EXPECT_EQ(ParseYearRange("2013-2022").status().ToString(),
            "expected FROM..TO, e.g. 2013..2022: '2013-2022' is not a year such as 2013");
  EXPECT_EQ(ParseYearRange("2013..20x").status().ToString(),
            "expected FROM..TO, e.g. 2013..2022: '20x' is not a year such as 2013");
  EXPECT_EQ(ParseYearRange("2022..2013").status().ToString(), "'2022..2013' ends before it starts");
}

TEST(ParseCaseloadOverrideTest, YearCasesAndPerCase) {
  // Proves YEAR:CASES leaves the amount per case to the scenario, YEAR:CASES:PER_CASE
  // reads it as money (万 too), and malformed values are refused.
  Result<CaseloadOverride> cases = ParseCaseloadOverride("2016:400");
  ASSERT_TRUE(cases.ok());
  EXPECT_EQ(cases->year, 2016);
  EXPECT_EQ(cases->cases, 400);
  EXPECT_FALSE(cases->per_case.has_value());
  Result<CaseloadOverride> amount = ParseCaseloadOverride("2017:250:2.5万");
  ASSERT_TRUE(amount.ok());
  EXPECT_EQ(amount->per_case, Money::FromFen(2'500'000));
  EXPECT_EQ(ParseCaseloadOverride("2016").status().ToString(),
            "expected YEAR:CASES or YEAR:CASES:PER_CASE, e.g. 2016:400");
  EXPECT_EQ(ParseCaseloadOverride("2016:-5").status().ToString(),
            "'-5' is not a count of cases (digits only): expected YEAR:CASES or "
            "YEAR:CASES:PER_CASE, e.g. 2016:400");
  EXPECT_EQ(ParseCaseloadOverride("2016:5:abc").status().ToString(),
            "the amount per case: amount 'abc': not a number: 'abc'");
  EXPECT_EQ(ParseCaseloadOverride("2016:5:-3").status().ToString(),
            "the amount per case cannot be negative: -¥3.00");
  EXPECT_EQ(ParseCaseloadOverride("2016x:400").status().ToString(),
            "expected YEAR:CASES or YEAR:CASES:PER_CASE, e.g. 2016:400: '2016x' is not a year "
            "such as 2013");
  // A fund year number is read as a year: Project says which calendar year to give.
  EXPECT_EQ(ParseCaseloadOverride("4:400")->year, 4);
}

}  // namespace
}  // namespace minsheng::projection
