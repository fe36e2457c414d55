// Targeted tests of the engine (engine.h, executor.h): batch boundaries, selection
// vectors (if, and, or), aggregates over empty households, fault messages, periods
// (months summed over a year, a year read from a month), formula versions, parameters
// without a value, the Wudi seed figure and the bundled packs' worked cases; last, the
// bugs these tests and the differential test found, fixed since. Each result is also
// checked against the reference interpreter.
//
// The pack (kRules) is loaded from text, so error places are real file:line:column in
// rules.md; the tests that pin a message say which line of kRules it points at.
#include "engine/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "engine/interpreter.h"
#include "engine/testing_helpers.h"
#include "engine/worked_cases.h"
#include "policy/loader.h"

namespace minsheng::engine {
namespace {

using testing::BuildPopulationOrFail;
using testing::ComputeValues;
using ::testing::ElementsAre;
using testing::InterpretValues;
using testing::TestHousehold;
using testing::TestMember;

// Line numbers in comments are those of rules.md (the raw string's first line is line 1).
constexpr char kRules[] = R"rules(# Engine tests

> 引擎测试用规则。

```minsheng
parameters:
  fare:
    unit: money
    values:
      2012-08-01: 100
      2013-07-01: 120
  old_rate:
    unit: rate
    values:
      2010-01-01: {value: 50%, until: 2012-12-31}
      2014-01-01: 60%
  tax:
    scale: marginal
    brackets:
      2010-01-01:
        - {from: 0, rate: 0%}
        - {from: 1000, rate: 10%}
      2015-01-01:
        - {from: 0, rate: 0%}
        - {from: 1000, rate: 20%}
variables:
  income: {entity: person, period: month, type: money, input: true}
  annual_income: {entity: person, period: year, type: money, input: true}
  age: {entity: person, period: eternity, type: number, input: true}
  flag: {entity: person, period: eternity, type: bool, input: true}
  birth_date: {entity: person, period: eternity, type: date, input: true, default: 1980-01-01}
  dibao: {entity: household, period: month, type: bool, input: true}
  per_age: {entity: person, period: month, type: money, formula: "if age > 0 then income / age else 0"}
  guarded_and: {entity: person, period: month, type: bool, formula: "age != 0 and income / age > 1"}
  guarded_or: {entity: person, period: month, type: bool, formula: "age == 0 or income / age > 1"}
  unguarded: {entity: person, period: month, type: money, formula: "income / age"}
  h_sum: {entity: household, period: month, type: money, formula: "sum(members.income)"}
  h_count: {entity: household, period: month, type: number, formula: "count(members)"}
  h_any: {entity: household, period: month, type: bool, formula: "any(members.flag)"}
  h_all: {entity: household, period: month, type: bool, formula: "all(members.flag)"}
  h_max: {entity: household, period: month, type: number, formula: "max(members.age)"}
  h_min: {entity: household, period: month, type: money, formula: "min(members.income)"}
  h_any_where: {entity: household, period: month, type: bool, formula: "any(members where age >= 60)"}
  h_all_where: {entity: household, period: month, type: bool, formula: "all(members where age >= 60)"}
  h_count_where: {entity: household, period: month, type: number, formula: "count(members where flag)"}
  h_per_head: {entity: household, period: month, type: money, formula: "if size > 0 then h_sum / size else 0"}
  share_of_household: {entity: person, period: month, type: money, formula: "household.h_sum - income + (if flag then ¥0.01 else 0)"}
  bus: {entity: person, period: month, type: money, formula: "if flag then p.fare else 0"}
  bus_year: {entity: person, period: year, type: money, formula: sum_months(bus)}
  bus_month_average: {entity: person, period: month, type: money, formula: bus_year / 12}
  monthly_part: {entity: person, period: month, type: money, formula: annual_income / 12}
  versioned:
    entity: person
    period: month
    type: money
    default: 5
    formulas:
      - {from: 2010-09-01, until: 2012-07-31, formula: "70"}
      - {from: 2012-08-01, formula: "100"}
  uses_old_rate: {entity: person, period: month, type: money, formula: "income * p.old_rate"}
  old_rate_if_flag: {entity: person, period: month, type: money, formula: "if flag then income * p.old_rate else 0"}
  h_guarded_where: {entity: household, period: month, type: number, formula: "if dibao then count(members where income / age > 1) else 0"}
  taxed_at: {entity: person, period: month, type: money, formula: "scale(p.tax at 2012-01-01, income)"}
  swapped: {entity: person, period: month, type: money, formula: "(100 / age) * (income / age)"}
  far_future: {entity: person, period: month, type: money, formula: "p.fare at (birth_date + 3000000)"}
  flag_read_inside: {entity: person, period: month, type: money, formula: "if flag then (if not flag then ¥1 else income) else 0"}
```
)rules";

const policy::Pack& RulesPack() {
  static const policy::Pack pack = testing::LoadTestPackOrFail({{"rules.md", kRules}});
  return pack;
}

constexpr int64_t Yuan(int64_t yuan) {
  return yuan * 100;
}

// Both the engine (at each batch size given) and the interpreter give `expected`.
void ExpectValues(const Population& population, const std::string& variable, const Period& period,
                  const std::vector<int64_t>& expected,
                  std::initializer_list<size_t> batch_sizes = {1, 2, 3, kBatchSize}) {
  for (size_t batch_size : batch_sizes) {
    Result<std::vector<int64_t>> values =
        ComputeValues(RulesPack(), population, variable, period, batch_size);
    ASSERT_TRUE(values.ok()) << variable << " at batch size " << batch_size << ": "
                             << values.status().ToString();
    EXPECT_EQ(*values, expected) << variable << " at batch size " << batch_size;
  }
  Result<std::vector<int64_t>> interpreted =
      InterpretValues(RulesPack(), population, variable, period);
  ASSERT_TRUE(interpreted.ok()) << variable << ": " << interpreted.status().ToString();
  EXPECT_EQ(*interpreted, expected) << variable << " by the interpreter";
}

// Both the engine (at each batch size given) and the interpreter fail with `message`.
void ExpectError(const Population& population, const std::string& variable, const Period& period,
                 const std::string& message,
                 std::initializer_list<size_t> batch_sizes = {1, 2, 3, kBatchSize}) {
  for (size_t batch_size : batch_sizes) {
    Result<std::vector<int64_t>> values =
        ComputeValues(RulesPack(), population, variable, period, batch_size);
    ASSERT_FALSE(values.ok()) << variable << " at batch size " << batch_size << " computed";
    EXPECT_EQ(values.status().ToString(), message) << variable << " at batch size " << batch_size;
  }
  Result<std::vector<int64_t>> interpreted =
      InterpretValues(RulesPack(), population, variable, period);
  ASSERT_FALSE(interpreted.ok()) << variable << " computed by the interpreter";
  EXPECT_EQ(interpreted.status().ToString(), message) << variable << " by the interpreter";
}

// Households of three persons each, `persons` in all (a multiple of 3), with varied
// incomes, ages and flags.
Population ManyPersons(int persons) {
  std::vector<TestHousehold> households;
  for (int i = 0; i < persons; ++i) {
    if (i % 3 == 0) households.push_back({"h" + std::to_string(i / 3), {}, {}});
    households.back().members.push_back(
        {"p" + std::to_string(i),
         {{"income", std::to_string(i * 7 % 1000) + "." + std::to_string(10 + i % 90)},
          {"age", std::to_string(i % 97)},
          {"flag", i % 5 == 0 ? "true" : "false"}}});
  }
  return BuildPopulationOrFail(RulesPack(), households);
}

// Proves that batch boundaries do not change results: 2,049 persons (one more than a
// batch) in 683 households give the same person and household values with one batch of
// 2,048 and a batch of 1, and with batches that split households (2, 7, 2,047, 2,049),
// and that these values are what the formulas say, computed here independently.
TEST(EngineBatchTest, PopulationOfOneMoreThanABatchGivesTheSameResultsAtEveryBatchSize) {
  const Population population = ManyPersons(2049);
  ASSERT_EQ(population.members.size(), 2049u);
  const Period month = Period::Month(2013, 3);
  const std::vector<int64_t> incomes = population.members.Find("income")->values.ToVector();
  const std::vector<int64_t> flags = population.members.Find("flag")->values.ToVector();
  std::vector<int64_t> household_sums(population.groups.size(), 0);
  for (size_t row = 0; row < incomes.size(); ++row) household_sums[row / 3] += incomes[row];
  std::vector<int64_t> shares(incomes.size());
  for (size_t row = 0; row < incomes.size(); ++row) {
    shares[row] = household_sums[row / 3] - incomes[row] + (flags[row] != 0 ? 1 : 0);
  }
  const std::initializer_list<size_t> batch_sizes = {1, 2, 7, 2047, 2048, 2049};
  ExpectValues(population, "h_sum", month, household_sums, batch_sizes);
  ExpectValues(population, "share_of_household", month, shares, batch_sizes);
  // per_age divides only where age > 0; rows with age 0 fall at several batch offsets.
  Result<std::vector<int64_t>> reference =
      ComputeValues(RulesPack(), population, "per_age", month, 1);
  ASSERT_TRUE(reference.ok()) << reference.status().ToString();
  ExpectValues(population, "per_age", month, *reference, batch_sizes);
}

// Proves that `if` evaluates each branch only on the rows that take it: a division by
// zero in the branch a row does not take does not fail, in a person's formula and in a
// household's (per head, over an empty household).
TEST(EngineSelectionTest, UntakenBranchDoesNotFail) {
  const Population population = BuildPopulationOrFail(
      RulesPack(),
      {{"h1",
        {},
        {{"p1", {{"income", "300"}, {"age", "0"}}}, {"p2", {{"income", "300"}, {"age", "3"}}}}},
       {"h2", {}, {}}});
  const Period month = Period::Month(2013, 3);
  ExpectValues(population, "per_age", month, {0, Yuan(100)});
  ExpectValues(population, "h_per_head", month, {Yuan(300), 0});
}

// Proves that `and` and `or` evaluate their right side only where the left does not
// decide: `age != 0 and income / age > 1` and `age == 0 or income / age > 1` never divide
// by zero.
TEST(EngineSelectionTest, AndOrShortCircuit) {
  const Population population =
      BuildPopulationOrFail(RulesPack(), {{"h1",
                                           {},
                                           {{"p1", {{"income", "300"}, {"age", "0"}}},
                                            {"p2", {{"income", "300"}, {"age", "3"}}},
                                            {"p3", {{"income", "2"}, {"age", "3"}}}}}});
  const Period month = Period::Month(2013, 3);
  ExpectValues(population, "guarded_and", month, {0, 1, 0});
  ExpectValues(population, "guarded_or", month, {1, 1, 0});
}

// Proves the documented values of aggregates over no members: sum and count 0, any
// false, all true, max and min 0; and over members that none meets the where of.
// (`all(members where c)` over members is in a disabled test below.)
TEST(EngineAggregateTest, EmptyHouseholds) {
  const Population population = BuildPopulationOrFail(
      RulesPack(), {{"empty1", {}, {}},
                    {"h",
                     {},
                     {{"p1", {{"income", "10"}, {"age", "70"}, {"flag", "true"}}},
                      {"p2", {{"income", "-5"}, {"age", "20"}, {"flag", "false"}}}}},
                    {"empty2", {}, {}},
                    {"young", {}, {{"p3", {{"income", "7"}, {"age", "30"}, {"flag", "true"}}}}}});
  const Period month = Period::Month(2013, 3);
  ExpectValues(population, "h_sum", month, {0, Yuan(5), 0, Yuan(7)});
  ExpectValues(population, "h_count", month, {0, 2, 0, 1});
  ExpectValues(population, "h_any", month, {0, 1, 0, 1});
  ExpectValues(population, "h_all", month, {1, 0, 1, 1});
  ExpectValues(population, "h_max", month, {0, 70, 0, 30});
  ExpectValues(population, "h_min", month, {0, Yuan(-5), 0, Yuan(7)});
  ExpectValues(population, "h_any_where", month, {0, 1, 0, 0});
  ExpectValues(population, "h_count_where", month, {0, 1, 0, 1});
}

// Proves that a division by zero stops the computation with an error naming the
// expression, the entity and its id, and the expression's place in the pack (line 36 of
// rules.md, column 69 where `income / age` begins), at every batch size, and that the
// interpreter says exactly the same. p2 is the first row to fail; p3 would fail too.
TEST(EngineFaultTest, DivisionByZeroNamesEntityExpressionAndPlace) {
  const Population population = BuildPopulationOrFail(
      RulesPack(),
      {{"h1", {}, {{"p1", {{"income", "300"}, {"age", "3"}}}}},
       {"h2",
        {},
        {{"p2", {{"income", "300"}, {"age", "0"}}}, {"p3", {{"income", "300"}, {"age", "0"}}}}}});
  ExpectError(population, "unguarded", Period::Month(2013, 3),
              "rules.md:36:69: division by zero in 'income / age' for person 'p2'");
  Result<std::vector<int64_t>> values =
      ComputeValues(RulesPack(), population, "unguarded", Period::Month(2013, 3));
  ASSERT_FALSE(values.ok());
  EXPECT_EQ(values.status().code(), ErrorCode::kInvalidArgument);
}

// Proves that a monthly variable asked for a year is the sum of its twelve months, here
// across a change of the fare on 2013-07-01 (6 × ¥100 + 6 × ¥120), that a quarter sums
// its three months, and that a yearly formula's sum_months gives the same.
TEST(EnginePeriodTest, MonthlyVariableOverAYearSumsTwelveMonths) {
  const Population population = BuildPopulationOrFail(
      RulesPack(), {{"h1", {}, {{"rider", {{"flag", "true"}}}, {"walker", {{"flag", "false"}}}}}});
  ExpectValues(population, "bus", Period::Month(2013, 6), {Yuan(100), 0});
  ExpectValues(population, "bus", Period::Month(2013, 7), {Yuan(120), 0});
  ExpectValues(population, "bus", Period::Year(2013), {Yuan(1320), 0});
  ExpectValues(population, "bus", Period::Quarter(2013, 3), {Yuan(360), 0});
  ExpectValues(population, "bus_year", Period::Year(2013), {Yuan(1320), 0});
  // The fare has a value from 2012-08-01: the last quarter of 2012 computes.
  ExpectValues(population, "bus", Period::Quarter(2012, 4), {Yuan(300), 0});
}

// Proves that a monthly formula reads a yearly variable as the year holding the month:
// an input (¥12,000 a year is ¥1,000 a month) and a formula (the average of bus_year).
TEST(EnginePeriodTest, YearlyVariableReadFromAMonthFormula) {
  const Population population = BuildPopulationOrFail(
      RulesPack(), {{"h1",
                     {},
                     {{"p1", {{"flag", "true"}, {"annual_income", "12000"}}},
                      {"p2", {{"flag", "false"}, {"annual_income", "100"}}}}}});
  ExpectValues(population, "monthly_part", Period::Month(2013, 5), {Yuan(1000), 833});
  ExpectValues(population, "bus_month_average", Period::Month(2013, 2), {Yuan(110), 0});
}

// Proves that a variable with dated formula versions uses the version in force on the
// first day of the period: ¥70 until 2012-07-31, ¥100 from 2012-08-01, and its default
// (¥5) before the first version.
TEST(EnginePeriodTest, FormulaVersionsSwitchAtADate) {
  const Population population = BuildPopulationOrFail(RulesPack(), {{"h1", {}, {{"p1", {}}}}});
  ExpectValues(population, "versioned", Period::Month(2010, 8), {Yuan(5)});
  ExpectValues(population, "versioned", Period::Month(2010, 9), {Yuan(70)});
  ExpectValues(population, "versioned", Period::Month(2012, 7), {Yuan(70)});
  ExpectValues(population, "versioned", Period::Month(2012, 8), {Yuan(100)});
  ExpectValues(population, "versioned", Period::Year(2012), {Yuan(70 * 7 + 100 * 5)});
}

// Proves that reading a parameter on a date it has no value (after its `until`, before
// its next value) is an error naming the parameter and the date, placed at the
// parameter's definition (line 12 of rules.md), while the dates around it compute; and
// that a monthly variable over a year fails when one of its months does.
TEST(EngineFaultTest, ParameterWithNoValueAtTheDateIsAnError) {
  const Population population =
      BuildPopulationOrFail(RulesPack(), {{"h1", {}, {{"p1", {{"income", "200"}}}}}});
  ExpectValues(population, "uses_old_rate", Period::Month(2012, 3), {Yuan(100)});
  ExpectValues(population, "uses_old_rate", Period::Month(2014, 3), {Yuan(120)});
  ExpectError(population, "uses_old_rate", Period::Month(2013, 3),
              "rules.md:12:3: parameter 'old_rate' has no value on 2013-03-01");
  ExpectValues(population, "uses_old_rate", Period::Year(2012), {Yuan(1200)});
  ExpectError(population, "uses_old_rate", Period::Year(2013),
              "rules.md:12:3: parameter 'old_rate' has no value on 2013-01-01");
}

// Proves the Wudi pack's seed figure: 7,400 students riding the school bus, none in a
// dibao household, are subsidised ¥70 a month each, ¥6,216,000.00 over 2013 ("600多万元").
TEST(EnginePackTest, WudiSeedFigure) {
  Result<policy::Pack> pack = policy::LoadAndCheckPack(MINSHENG_SOURCE_DIR "/policies/wudi-2013");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  std::vector<TestHousehold> households;
  for (int i = 0; i < 7400; ++i) {
    households.push_back({"h" + std::to_string(i),
                          {},
                          {{"p" + std::to_string(i),
                            {{"is_student", "true"}, {"rides_school_bus", "true"}},
                            "child"}}});
  }
  const Population population = BuildPopulationOrFail(*pack, households);
  for (size_t batch_size : {size_t{1}, size_t{7}, kBatchSize}) {
    Result<std::vector<int64_t>> values =
        ComputeValues(*pack, population, "school_bus_subsidy", Period::Year(2013), batch_size);
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    ASSERT_EQ(values->size(), 7400u);
    EXPECT_EQ(values->front(), Yuan(840));
    EXPECT_EQ(std::accumulate(values->begin(), values->end(), int64_t{0}), Yuan(6'216'000))
        << "batch size " << batch_size;
  }
}

// Proves that every worked case of both bundled packs passes (RunWorkedCases checks the
// engine and the interpreter against each expectation).
TEST(EnginePackTest, WorkedCasesOfBundledPacksPass) {
  for (const char* name : {"wudi-2013", "zibo-2017"}) {
    Result<policy::Pack> pack =
        policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR "/policies/") + name);
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    Result<WorkedCaseReport> report = RunWorkedCases(*pack);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->failed, 0) << name;
    EXPECT_GT(report->passed, 0) << name;
    for (const CaseOutcome& outcome : report->cases) {
      for (const std::string& failure : outcome.failures) {
        ADD_FAILURE() << name << ": " << outcome.file << ":" << outcome.line << " " << outcome.name
                      << ": " << failure;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Bugs these tests found, all fixed since; each comment says where the fault was.

// Proves that an aggregate's where-condition is evaluated only for the members of the
// households that reach the aggregate: h1 is not dibao, so the division by zero its member
// would cause is never evaluated (the interpreter agrees, and so does the engine at batch
// size 1). Found by the differential test: Executor::EvaluateAggregate evaluated the
// where-condition (and the value) over every member of every household in the batch,
// ignoring the selection, so at batch size 2 it failed: "rules.md:62:113: division by
// zero in 'income / age' for person 'p1'".
TEST(EngineSelectionTest, WhereConditionOnlyForSelectedHouseholds) {
  const Population population = BuildPopulationOrFail(
      RulesPack(), {{"h1", {{"dibao", "false"}}, {{"p1", {{"income", "300"}, {"age", "0"}}}}},
                    {"h2", {{"dibao", "true"}}, {{"p2", {{"income", "300"}, {"age", "3"}}}}}});
  ExpectValues(population, "h_guarded_where", Period::Month(2013, 3), {0, 1});
}

// Proves that a parameter read only in a branch no row takes does not stop the
// computation when it has no value on the date, as the interpreter has it. Was:
// Executor::CompileNode (case kParameter) read the parameter's value at the period's
// start when compiling, before any row is selected, and failed with "rules.md:12:3:
// parameter 'old_rate' has no value on 2013-03-01" where the interpreter computes 0.
TEST(EngineSelectionTest, ParameterInUntakenBranchNeedsNoValue) {
  const Population population = BuildPopulationOrFail(
      RulesPack(), {{"h1", {}, {{"p1", {{"income", "200"}, {"flag", "false"}}}}}});
  ExpectValues(population, "old_rate_if_flag", Period::Month(2013, 3), {0});
}

// Proves that `all(members where c)` is whether every member meets c (docs/packs.md,
// "Aggregates": "all(members where c) … whether every member is"): false for a household
// of a 70- and a 20-year-old, and for one of a 30-year-old, with `age >= 60`. Was: both
// Executor::EvaluateAggregate and Interpreter::EvaluateAggregate read the where as a
// filter and folded true for each member that passed it, so the result was always true
// (the two agreed, so only this test could see it).
TEST(EngineAggregateTest, AllWithOnlyAWhereAsksEveryMember) {
  const Population population = BuildPopulationOrFail(
      RulesPack(), {{"empty", {}, {}},
                    {"h", {}, {{"p1", {{"age", "70"}}}, {"p2", {{"age", "20"}}}}},
                    {"young", {}, {{"p3", {{"age", "30"}}}}},
                    {"old", {}, {{"p4", {{"age", "60"}}}}}});
  ExpectValues(population, "h_all_where", Period::Month(2013, 3), {1, 0, 0, 1});
}

// Proves that `scale(p.s at DATE, x)` applies the scale in force on DATE (docs/packs.md,
// "Functions": "The scale of scale(p.s at 2015-01-01, x) is read at that date"): on
// 2012-01-01 the tax is 10% above ¥1,000, so ¥2,000 gives ¥100 even in 2015, when the
// rate is 20%. Was: Executor::CompileNode (case kCall) and Interpreter::EvaluateCall
// both called ScaleAt(period's first day) and never evaluated the `at` date; both gave
// ¥200.
TEST(EngineScaleTest, ScaleAtADateReadsThatDatesVersion) {
  const Population population =
      BuildPopulationOrFail(RulesPack(), {{"h1", {}, {{"p1", {{"income", "2000"}}}}}});
  ExpectValues(population, "taxed_at", Period::Month(2015, 3), {Yuan(100)});
}

// Proves that when both operands of `rate × money` fault, the engine reports the left
// one, as the interpreter does: operands are evaluated in the order written, whatever
// order the kernel takes them in. Found by the differential test: Executor::EvaluateBinary
// evaluated children[1] first when ChooseKernel swaps the operands (rate × money,
// number × rate), and reported "rules.md:64:82: division by zero in 'income / age' for
// person 'p1'". Values were not affected, only which of two faults was named.
TEST(EngineFaultTest, BothOperandsFaultReportsTheLeftOne) {
  const Population population =
      BuildPopulationOrFail(RulesPack(), {{"h1", {}, {{"p1", {{"income", "300"}, {"age", "0"}}}}}});
  ExpectError(population, "swapped", Period::Month(2013, 3),
              "rules.md:64:68: division by zero in '100 / age' for person 'p1'");
}

// Proves that date arithmetic leaving the years 1–9999 is an error naming the expression,
// the entity and the place (line 65 of rules.md), in the engine and the interpreter alike,
// rather than a date out of the calendar: birth_date + 3,000,000 days is past 9999-12-31.
// Was: the kAdd and
// kSubtract kernels checked only int64 overflow, so the date left the calendar; `p.fare
// at` it then called Date::FromDaysSinceEpoch, which asserts in a debug build (a crash)
// and, without asserts, read the fare as ¥120 in the year 10203.
TEST(EngineFaultTest, DateBeyondTheCalendarIsAnError) {
  const Population population =
      BuildPopulationOrFail(RulesPack(), {{"h1", {}, {{"p1", {{"birth_date", "1990-01-01"}}}}}});
  ExpectError(population, "far_future", Period::Month(2013, 3),
              "rules.md:65:81: a date outside the years 1-9999 in 'birth_date + 3000000' for "
              "person 'p1'");
}

// ---------------------------------------------------------------------------------------
// Folding (fold.h) and results shared between periods.

// Twenty persons, one with the flag and an income: `bus` and `old_rate_if_flag` fold on
// `flag` (0 wherever it is false), so only that person is evaluated.
Population OneFlaggedAmongTwenty() {
  std::vector<TestHousehold> households;
  for (int h = 0; h < 10; ++h) {
    TestHousehold household{"h" + std::to_string(h), {}, {}};
    for (int m = 0; m < 2; ++m) {
      const bool flagged = h == 7 && m == 1;
      household.members.push_back({"p" + std::to_string(h) + "-" + std::to_string(m),
                                   {{"flag", flagged ? "true" : "false"}, {"income", "300"}},
                                   m == 0 ? "head" : "spouse"});
    }
    households.push_back(household);
  }
  return BuildPopulationOrFail(RulesPack(), households);
}

// Proves that a formula evaluated only on a column's exceptions gives every row the
// value it would get row by row, whatever share of the table folding may use.
TEST(EngineFoldTest, FoldedFormulaGivesTheSameValuesAsEvaluatingEveryRow) {
  const Population population = OneFlaggedAmongTwenty();
  std::vector<int64_t> expected(20, 0);
  expected[15] = Yuan(100);
  for (double share : {0.0, 0.25, 1.0}) {
    Result<std::vector<int64_t>> values =
        ComputeValues(RulesPack(), population, "bus", Period::Month(2013, 3), 2, share);
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    EXPECT_EQ(*values, expected) << "fold share " << share;
  }
  ExpectValues(population, "bus", Period::Month(2013, 3), expected);
}

// Proves that a bool column read again inside a formula folded on it holds its other
// value there: evaluated only on the flagged person, `not flag` is false for her.
TEST(EngineFoldTest, FoldedOnABoolTheBoolReadsAsItsOtherValue) {
  const Population population = OneFlaggedAmongTwenty();
  std::vector<int64_t> expected(20, 0);
  expected[15] = Yuan(300);
  for (double share : {0.0, 0.25, 1.0}) {
    Result<std::vector<int64_t>> values = ComputeValues(
        RulesPack(), population, "flag_read_inside", Period::Month(2013, 3), 2, share);
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    EXPECT_EQ(*values, expected) << "fold share " << share;
  }
}

// Proves that folding never hides a fault: the parameter has no value in 2013, and the
// one flagged person reaches it, so the run fails naming that person's formula; the
// others, folded to 0, would not have failed.
TEST(EngineFoldTest, FaultOnAnExceptionRowIsStillReported) {
  const Population population = OneFlaggedAmongTwenty();
  ExpectError(population, "old_rate_if_flag", Period::Month(2013, 3),
              "rules.md:12:3: parameter 'old_rate' has no value on 2013-03-01");
}

// Proves that months reading the same formula and parameter values share one result,
// and that a month whose parameter changed does not.
TEST(EngineFoldTest, MonthsThatReadTheSameValuesShareOneResult) {
  const Population population = OneFlaggedAmongTwenty();
  Engine engine(RulesPack(), population);
  const int bus = RulesPack().VariableIndex("bus");
  auto march = engine.Compute(bus, Period::Month(2013, 3));
  auto april = engine.Compute(bus, Period::Month(2013, 4));
  auto july = engine.Compute(bus, Period::Month(2013, 7));  // the fare rose to 120
  ASSERT_TRUE(march.ok() && april.ok() && july.ok());
  EXPECT_EQ(*march, *april);
  EXPECT_NE(*march, *july);
  EXPECT_EQ((*april)->At(15), Yuan(100));
  EXPECT_EQ((*july)->At(15), Yuan(120));
  auto year = engine.Compute(bus, Period::Year(2013));
  ASSERT_TRUE(year.ok());
  EXPECT_EQ((*year)->At(15), 6 * Yuan(100) + 6 * Yuan(120));
  EXPECT_EQ((*year)->At(0), 0);
}

}  // namespace
}  // namespace minsheng::engine
