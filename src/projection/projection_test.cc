// Tests of Project (projection.h): the shipped scenario of Wudi's relief fund reproduced
// year by year, to the fen, as worked by hand below; a heavier caseload's breach year; the
// caseload changes; investment income's rounding; the years asked for; overflow.
#include "projection/projection.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "projection/scenario.h"

namespace minsheng::projection {
namespace {

const std::string kWudiFund =
    std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013/funds/relief_fund.md";

Money Yuan(int64_t yuan) {
  return Money::FromFen(yuan * 100);
}

FundScenario Wudi() {
  Result<FundScenario> scenario = LoadFundScenario(kWudiFund);
  EXPECT_TRUE(scenario.ok()) << scenario.status().ToString();
  return scenario.ok() ? *scenario : FundScenario{};
}

// A small scenario built in code: fund year 1 is 2020, no floor, nothing in or out.
FundScenario Plain(Money opening) {
  FundScenario scenario;
  scenario.file = "plain.md";
  scenario.id = "plain";
  scenario.first_year = 2020;
  scenario.opening_balance = opening;
  scenario.caseload = {CaseloadEntry{.from_year = 1, .cases = 0, .per_case = Money::Zero()}};
  return scenario;
}

struct Expected {
  int year;
  int64_t opening, allocation, cases, disbursements, closing;
};

// Wudi's relief fund as the seed plans it (policies/wudi-2013/funds/relief_fund.md), in
// yuan. The allocation is 5,000,000 in fund year 1 and 1,000,000 more each year after;
// 50, 100 and 150 cases in years 1 to 3, then 200, at 25,000 each:
//   2013  10,000,000 + 5,000,000 − 1,250,000 = 13,750,000
//   2014  13,750,000 + 6,000,000 − 2,500,000 = 17,250,000
//   2015  17,250,000 + 7,000,000 − 3,750,000 = 20,500,000
//   2016  20,500,000 + 8,000,000 − 5,000,000 = 23,500,000   opens 20,500,000 ≥ 20M, by 500,000
//   2017  23,500,000 + 9,000,000 − 5,000,000 = 27,500,000   by 3,500,000
//   2018  27,500,000 + 10,000,000 − 5,000,000 = 32,500,000  by 7,500,000
//   2019  32,500,000 + 11,000,000 − 5,000,000 = 38,500,000  by 12,500,000
//   2020  38,500,000 + 12,000,000 − 5,000,000 = 45,500,000  by 18,500,000
//   2021  45,500,000 + 13,000,000 − 5,000,000 = 53,500,000  by 25,500,000
//   2022  53,500,000 + 14,000,000 − 5,000,000 = 62,500,000  by 33,500,000
const std::vector<Expected> kWudiPlan = {
    {2013, 10'000'000, 5'000'000, 50, 1'250'000, 13'750'000},
    {2014, 13'750'000, 6'000'000, 100, 2'500'000, 17'250'000},
    {2015, 17'250'000, 7'000'000, 150, 3'750'000, 20'500'000},
    {2016, 20'500'000, 8'000'000, 200, 5'000'000, 23'500'000},
    {2017, 23'500'000, 9'000'000, 200, 5'000'000, 27'500'000},
    {2018, 27'500'000, 10'000'000, 200, 5'000'000, 32'500'000},
    {2019, 32'500'000, 11'000'000, 200, 5'000'000, 38'500'000},
    {2020, 38'500'000, 12'000'000, 200, 5'000'000, 45'500'000},
    {2021, 45'500'000, 13'000'000, 200, 5'000'000, 53'500'000},
    {2022, 53'500'000, 14'000'000, 200, 5'000'000, 62'500'000},
};

void ExpectRows(const std::vector<ProjectionRow>& rows, const std::vector<Expected>& expected) {
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const ProjectionRow& row = rows[i];
    SCOPED_TRACE("year " + std::to_string(expected[i].year));
    EXPECT_EQ(row.year, expected[i].year);
    EXPECT_EQ(row.opening, Yuan(expected[i].opening));
    EXPECT_EQ(row.allocation, Yuan(expected[i].allocation));
    EXPECT_EQ(row.cases, expected[i].cases);
    EXPECT_EQ(row.per_case, Yuan(25'000));
    EXPECT_EQ(row.disbursements, Yuan(expected[i].disbursements));
    EXPECT_EQ(row.closing, Yuan(expected[i].closing));
    EXPECT_EQ(row.donations, Money::Zero());
    EXPECT_EQ(row.investment_income, Money::Zero());
    if (row.year < 2016) {
      EXPECT_FALSE(row.floor.has_value());
      EXPECT_FALSE(row.margin.has_value());
    } else {
      EXPECT_EQ(row.floor, Yuan(20'000'000));
      EXPECT_EQ(row.margin, Yuan(expected[i].opening - 20'000'000));
    }
  }
}

TEST(ProjectTest, ReproducesWudiPlanYearByYear) {
  // Proves the shipped scenario reproduces the seed's plan: ≥ 20,000,000 at the start of
  // fund year 4 (2016-08-01) and of every later year, with 5,000,000 paid to 200 persons a
  // year in steady state; the table is the one worked by hand above.
  Result<Projection> projection = Project(Wudi(), {.years = {2013, 2022}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  ExpectRows(projection->rows, kWudiPlan);
  EXPECT_EQ(projection->rows[0].fund_year, 1);
  EXPECT_EQ(projection->rows[0].start.ToString(), "2013-08-01");
  EXPECT_EQ(projection->rows[3].fund_year, 4);
  EXPECT_EQ(projection->rows[3].start.ToString(), "2016-08-01");
  EXPECT_TRUE(projection->summary.holds);
  EXPECT_FALSE(projection->summary.first_below_floor.has_value());
  EXPECT_FALSE(projection->summary.first_below_zero.has_value());
  ASSERT_TRUE(projection->summary.tightest.has_value());
  EXPECT_EQ(projection->summary.tightest->year, 2016);
  EXPECT_EQ(projection->totals.allocation, Yuan(95'000'000));  // 5M + 6M + … + 14M
  EXPECT_EQ(projection->totals.disbursements, Yuan(42'500'000));
  EXPECT_EQ(projection->totals.cases, 1'700);
  EXPECT_FALSE(projection->caseload_changed);
  EXPECT_FALSE(projection->plan.has_value());
}

TEST(ProjectTest, HeavierCaseloadFallsBelowTheFloorIn2017) {
  // Proves a heavier caseload from the command line — 400 cases from fund year 4 (2016),
  // twice the plan's — breaks the floor at the start of 2017:
  //   2016  20,500,000 + 8,000,000 − 10,000,000 = 18,500,000   (opens 500,000 above)
  //   2017  opens 18,500,000: 1,500,000 short of 20,000,000
  //         18,500,000 + 9,000,000 − 10,000,000 = 17,500,000
  //   2018  17,500,000 + 10,000,000 − 10,000,000 = 17,500,000
  //   2019  17,500,000 + 11,000,000 − 10,000,000 = 18,500,000
  //   2020  18,500,000 + 12,000,000 − 10,000,000 = 20,500,000
  //   2021  20,500,000 + 13,000,000 − 10,000,000 = 23,500,000
  //   2022  23,500,000 + 14,000,000 − 10,000,000 = 27,500,000
  // while the scenario as written still holds.
  Result<Projection> projection = Project(
      Wudi(), {.years = {2013, 2022}, .caseload_overrides = {{.year = 2016, .cases = 400}}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  std::vector<Expected> expected(kWudiPlan.begin(), kWudiPlan.begin() + 3);
  const int64_t openings[] = {20'500'000, 18'500'000, 17'500'000, 17'500'000,
                              18'500'000, 20'500'000, 23'500'000};
  for (int i = 0; i < 7; ++i) {
    expected.push_back({2016 + i, openings[i], 8'000'000 + i * 1'000'000, 400, 10'000'000,
                        openings[i] + 8'000'000 + i * 1'000'000 - 10'000'000});
  }
  ExpectRows(projection->rows, expected);
  EXPECT_FALSE(projection->summary.holds);
  ASSERT_TRUE(projection->summary.first_below_floor.has_value());
  EXPECT_EQ(projection->summary.first_below_floor->year, 2017);
  EXPECT_EQ(projection->summary.first_below_floor->fund_year, 5);
  EXPECT_EQ(projection->summary.first_below_floor->margin, Yuan(-1'500'000));
  EXPECT_FALSE(projection->summary.first_below_zero.has_value());
  EXPECT_EQ(projection->summary.tightest->year, 2018);  // the first of 2018 and 2019's −2.5M
  ASSERT_TRUE(projection->plan.has_value());
  EXPECT_TRUE(projection->plan->summary.holds);
  EXPECT_EQ(projection->plan->openings[4], Yuan(23'500'000));  // 2017 as written
  ASSERT_EQ(projection->caseload.size(), 4u);
  EXPECT_TRUE(projection->caseload[3].from_command_line);
  EXPECT_EQ(projection->caseload[3].per_case, Yuan(25'000)) << "the scenario's per case";
}

TEST(ProjectTest, EarlierYearsAreComputedButNotShown) {
  // Proves the projection always starts from fund year 1: 2016..2018 open with 2016's
  // 20,500,000, the balance three years of the plan have built.
  Result<Projection> projection = Project(Wudi(), {.years = {2016, 2018}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  ExpectRows(projection->rows, {kWudiPlan.begin() + 3, kWudiPlan.begin() + 6});
  EXPECT_EQ(projection->totals.disbursements, Yuan(15'000'000));
}

TEST(ProjectTest, ABreachBeforeTheYearsShownStillBreaksThePlan) {
  // Proves the verdict covers every fund year up to the last shown: with 400 cases from
  // 2016, 2021 and 2022 open above the floor (20,500,000 and 23,500,000), but the fund
  // fell below it in 2017, and the summary says so.
  Result<Projection> projection = Project(
      Wudi(), {.years = {2021, 2022}, .caseload_overrides = {{.year = 2016, .cases = 400}}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  ASSERT_EQ(projection->rows.size(), 2u);
  EXPECT_TRUE(projection->rows[0].meets_floor());
  EXPECT_TRUE(projection->rows[1].meets_floor());
  EXPECT_FALSE(projection->summary.holds);
  ASSERT_TRUE(projection->summary.first_below_floor.has_value());
  EXPECT_EQ(projection->summary.first_below_floor->year, 2017);
}

TEST(ProjectTest, CaseloadChangesAddOrReplaceEntries) {
  // Proves a change in a year the scenario has no entry for is added and holds until the
  // scenario's next entry; one in a year it has replaces it; a per case given is used.
  Result<Projection> projection = Project(
      Wudi(), {.years = {2013, 2017},
               .caseload_overrides = {{.year = 2014, .cases = 120, .per_case = Yuan(20'000)},
                                      {.year = 2017, .cases = 180}}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  const std::vector<ProjectionRow>& rows = projection->rows;
  EXPECT_EQ(rows[1].cases, 120);
  EXPECT_EQ(rows[1].disbursements, Yuan(2'400'000));
  EXPECT_EQ(rows[2].cases, 150) << "the scenario's entry from year 3 still holds";
  EXPECT_EQ(rows[3].cases, 200);
  EXPECT_EQ(rows[4].cases, 180);
  EXPECT_EQ(rows[4].per_case, Yuan(25'000));
  ASSERT_EQ(projection->caseload.size(), 5u);
  EXPECT_EQ(projection->caseload[1].from_year, 2);
  EXPECT_TRUE(projection->caseload[1].from_command_line) << "replaces the scenario's year 2";
  EXPECT_EQ(projection->caseload[4].from_year, 5);
}

TEST(ProjectTest, RefusesYearsAndChangesOutsideTheFund) {
  // Proves the years shown and the caseload changes are checked, with messages that say
  // what to give instead.
  const FundScenario wudi = Wudi();
  auto error = [&wudi](const ProjectionRequest& request) {
    Result<Projection> projection = Project(wudi, request);
    return projection.ok() ? std::string("OK") : projection.status().ToString();
  };
  EXPECT_EQ(error({.years = {2010, 2022}}),
            "the years 2010..2022 start before the fund's first year 2013");
  EXPECT_EQ(error({.years = {2016, 2015}}), "the years 2016..2015 end before they start");
  EXPECT_EQ(error({.years = {2013, 2213}}),
            "the years 2013..2213 run beyond 200 fund years from 2013");
  EXPECT_EQ(error({.years = {2013, 2022}, .caseload_overrides = {{.year = 4, .cases = 400}}}),
            "the caseload change for year 4 is before the fund's first year 2013: give the "
            "calendar year the fund year starts in (fund year 4 is 2016)");
  EXPECT_EQ(error({.years = {2013, 2022}, .caseload_overrides = {{.year = 2030, .cases = 1}}}),
            "the caseload change for year 2030 is after the last year shown (2022): it would "
            "change nothing shown");
  EXPECT_EQ(error({.years = {2013, 2022},
                   .caseload_overrides = {{.year = 2016, .cases = 1}, {.year = 2016, .cases = 2}}}),
            "the caseload for year 2016 is changed twice");
  EXPECT_EQ(error({.years = {2013, 2212}}), "OK") << "200 fund years is the limit, not beyond";
}

TEST(ProjectTest, InvestmentIncomeRoundsHalfUpToTheFen) {
  // Proves income is the opening balance × the rate, rounded once, half up to the fen,
  // and compounds: 12,345,678.91 × 0.35% = 43,209.876185 → 43,209.88; the next year
  // 12,388,888.79 × 0.35% = 43,361.110765 → 43,361.11. And 1.00 × 0.5% = 0.005 → 0.01:
  // the half goes up, where banker's rounding would give 0.00.
  FundScenario scenario = Plain(Money::FromFen(1'234'567'891));
  scenario.investment_rate = Rate::FromParts(3'500'000);  // 0.35%
  Result<Projection> projection = Project(scenario, {.years = {2020, 2021}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  EXPECT_EQ(projection->rows[0].investment_income, Money::FromFen(4'320'988));
  EXPECT_EQ(projection->rows[1].opening, Money::FromFen(1'238'888'879));
  EXPECT_EQ(projection->rows[1].investment_income, Money::FromFen(4'336'111));
  EXPECT_EQ(projection->totals.investment_income, Money::FromFen(8'657'099));

  FundScenario one_yuan = Plain(Money::FromFen(100));
  one_yuan.investment_rate = Rate::FromParts(5'000'000);  // 0.5%
  Result<Projection> half = Project(one_yuan, {.years = {2020, 2020}});
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->rows[0].investment_income, Money::FromFen(1));
}

TEST(ProjectTest, AnOverdrawnFundEarnsNothingAndIsReported) {
  // Proves a fund that pays more than it holds shows the year its balance goes below
  // zero, earns no income on a negative balance, and does not hold.
  FundScenario scenario = Plain(Yuan(100));
  scenario.investment_rate = Rate::FromParts(100'000'000);  // 10%
  scenario.caseload = {CaseloadEntry{.from_year = 1, .cases = 1, .per_case = Yuan(150)}};
  Result<Projection> projection = Project(scenario, {.years = {2020, 2021}});
  ASSERT_TRUE(projection.ok()) << projection.status().ToString();
  EXPECT_EQ(projection->rows[0].investment_income, Yuan(10));
  EXPECT_EQ(projection->rows[0].closing, Yuan(-40));
  EXPECT_EQ(projection->rows[1].investment_income, Money::Zero());
  EXPECT_EQ(projection->rows[1].closing, Yuan(-190));
  EXPECT_FALSE(projection->summary.holds);
  ASSERT_TRUE(projection->summary.first_below_zero.has_value());
  EXPECT_EQ(projection->summary.first_below_zero->year, 2020);
  EXPECT_FALSE(projection->summary.first_below_floor.has_value()) << "no floor is set";
}

TEST(ProjectTest, AnOpeningEqualToTheFloorMeetsIt) {
  // Proves 以上 includes the amount: a fund opening with exactly its floor meets it.
  FundScenario scenario = Plain(Yuan(1'000));
  scenario.floor = FundFloor{.amount = Yuan(1'000), .from_year = 1};
  Result<Projection> projection = Project(scenario, {.years = {2020, 2022}});
  ASSERT_TRUE(projection.ok());
  EXPECT_TRUE(projection->summary.holds);
  EXPECT_EQ(projection->rows[0].margin, Money::Zero());
  scenario.floor->amount = Money::FromFen(100'001);
  EXPECT_FALSE(Project(scenario, {.years = {2020, 2022}})->summary.holds) << "one fen short";
}

TEST(ProjectTest, OverflowIsAnErrorNamingTheYear) {
  // Proves an amount beyond int64 fen is refused with its year, never wrapped.
  FundScenario scenario = Plain(Money::FromFen(std::numeric_limits<int64_t>::max() - 100));
  scenario.allocation.first = Money::FromFen(50);
  scenario.allocation.step = Money::FromFen(50);
  Result<Projection> projection = Project(scenario, {.years = {2020, 2022}});
  ASSERT_FALSE(projection.ok());
  EXPECT_EQ(projection.status().code(), ErrorCode::kOverflow);
  EXPECT_EQ(projection.status().ToString(),
            "fund year 2 (2021): the closing balance is beyond what minsheng can hold (int64 fen)");

  FundScenario many = Plain(Money::Zero());
  many.caseload = {CaseloadEntry{
      .from_year = 1, .cases = std::numeric_limits<int64_t>::max() / 2, .per_case = Yuan(1)}};
  EXPECT_EQ(Project(many, {.years = {2020, 2020}}).status().ToString(),
            "fund year 1 (2020): the disbursement is beyond what minsheng can hold (int64 fen)");
}

}  // namespace
}  // namespace minsheng::projection
