// Tests of LoadFundScenario (scenario.h): a valid file read whole, and every kind of error
// pinned with its whole file:line:column message — a file with any error yields nothing.
#include "projection/scenario.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace minsheng::projection {
namespace {

// Line numbers, for reading the error tests: 2 the quote, 4 the fence, 5 `fund:`, 10
// opening_balance, 11 floor, 12 allocation, 13 caseload, 14 and 15 its entries.
const std::string kValid = R"(# 测试基金
> 设立的初始基金规模为1000万元。

```minsheng
fund:
  id: test-fund
  title: {zh: 测试基金, en: Test fund}
  first_year: 2013
  year_starts: 08-01
  opening_balance: 1000万
  floor: {amount: 2000万, from_year: 4}
  allocation: {first: 500万, step: 100万, step_from_year: 2}
  caseload:
    - {from_year: 1, cases: 50, per_case: 25000}
    - {from_year: 4, cases: 200, per_case: 25000}
```
)";

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The whole error a text gives, or "OK".
std::string ErrorOf(const std::string& text) {
  Result<FundScenario> scenario = ParseFundScenario(text, "fund.md");
  return scenario.ok() ? "OK" : scenario.status().ToString();
}

TEST(FundScenarioTest, ReadsEveryField) {
  // Proves the values are read as packs read theirs (1000万 is 10,000,000.00), defaults
  // fill what is not given, and the quote above the block is the fund's source.
  Result<FundScenario> scenario = ParseFundScenario(kValid, "fund.md");
  ASSERT_TRUE(scenario.ok()) << scenario.status().ToString();
  EXPECT_EQ(scenario->id, "test-fund");
  EXPECT_EQ(scenario->title_zh, "测试基金");
  EXPECT_EQ(scenario->title_en, "Test fund");
  EXPECT_EQ(scenario->file, "fund.md");
  EXPECT_EQ(scenario->first_year, 2013);
  EXPECT_EQ(scenario->start_month, 8);
  EXPECT_EQ(scenario->start_day, 1);
  EXPECT_EQ(scenario->opening_balance, Money::FromFen(1'000'000'000));
  ASSERT_TRUE(scenario->floor.has_value());
  EXPECT_EQ(scenario->floor->amount, Money::FromFen(2'000'000'000));
  EXPECT_EQ(scenario->floor->from_year, 4);
  EXPECT_EQ(scenario->allocation.first, Money::FromFen(500'000'000));
  EXPECT_EQ(scenario->allocation.step, Money::FromFen(100'000'000));
  EXPECT_EQ(scenario->allocation.step_from_year, 2);
  EXPECT_EQ(scenario->donations, Money::Zero());
  EXPECT_EQ(scenario->investment_rate, Rate::Zero());
  ASSERT_EQ(scenario->caseload.size(), 2u);
  EXPECT_EQ(scenario->caseload[1].from_year, 4);
  EXPECT_EQ(scenario->caseload[1].cases, 200);
  EXPECT_EQ(scenario->caseload[1].per_case, Money::FromFen(2'500'000));
  EXPECT_EQ(scenario->caseload[1].location.ToString(), "fund.md:15:7");
  EXPECT_EQ(scenario->source, "设立的初始基金规模为1000万元。");
  EXPECT_EQ(scenario->source_location.ToString(), "fund.md:2");
  EXPECT_EQ(scenario->location.ToString(), "fund.md:5:1");
}

TEST(FundScenarioTest, ReadsOptionalFieldsAndAssumptions) {
  // Proves donations, the investment rate, the account, the fund's own source and the
  // assumptions are read; a fund with `source:` needs no quote above it.
  std::string text = Replaced(kValid, "> 设立的初始基金规模为1000万元。\n", "");
  text = Replaced(text, "  first_year: 2013\n",
                  "  first_year: 2013\n  account: fund/relief_fund/county\n  donations: 2.5万\n"
                  "  investment_rate: 1.5%\n  source: 初始基金规模为1000万元\n"
                  "  assumptions:\n    donations: a guess\n    allocation.first: the smallest\n");
  Result<FundScenario> scenario = ParseFundScenario(text, "fund.md");
  ASSERT_TRUE(scenario.ok()) << scenario.status().ToString();
  EXPECT_EQ(scenario->account, "fund/relief_fund/county");
  EXPECT_EQ(scenario->donations, Money::FromFen(2'500'000));
  EXPECT_EQ(scenario->investment_rate, Rate::FromParts(15'000'000));
  EXPECT_EQ(scenario->source, "初始基金规模为1000万元");
  EXPECT_EQ(scenario->source_location.ToString(), "fund.md:11:11");
  ASSERT_EQ(scenario->assumptions.size(), 2u);
  EXPECT_EQ(scenario->assumptions[1].field, "allocation.first");
  EXPECT_EQ(scenario->assumptions[1].why, "the smallest");
}

TEST(FundScenarioErrorTest, InvalidYaml) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "en: Test fund}", "en: Test fund")),
            "fund.md:8:13: invalid YAML: end of map flow not found");
}

TEST(FundScenarioErrorTest, UnknownKeyWithHint) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "opening_balance:", "opening_balence:")),
            "fund.md:10:3: unknown key 'opening_balence' in `fund:`; did you mean "
            "'opening_balance'?");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "cases: 50", "case: 50")),
            "fund.md:14:22: unknown key 'case' in caseload entry 1; did you mean 'cases'?");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "```minsheng\nfund:", "```minsheng\nfunds:")),
            "fund.md:5:1: unknown key 'funds' in a scenario's ```minsheng block; did you mean "
            "'fund'?");
  const std::string assumed =
      Replaced(kValid, "  caseload:\n", "  assumptions:\n    alocation.first: why\n  caseload:\n");
  EXPECT_EQ(ErrorOf(assumed),
            "fund.md:14:5: unknown key 'alocation.first' in `assumptions` of the fund; did you "
            "mean 'allocation.first'?");
}

TEST(FundScenarioErrorTest, MissingKey) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "  opening_balance: 1000万\n", "")),
            "fund.md:5:1: the fund needs `opening_balance:` (e.g. 1000万)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "{amount: 2000万, from_year: 4}", "{amount: 2000万}")),
            "fund.md:11:3: `floor` of the fund needs `from_year:` (the first fund year it "
            "holds, e.g. 4)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, ", per_case: 25000}\n    - {from_year: 4",
                             "}\n    - {from_year: 4")),
            "fund.md:14:7: caseload entry 1 needs `per_case:` (paid to each a year, e.g. 25000)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "en: Test fund", "zh2: x")),
            "fund.md:7:21: unknown key 'zh2' in `title` of the fund; did you mean 'zh'?");
  EXPECT_EQ(ErrorOf(Replaced(kValid, ", en: Test fund", "")),
            "fund.md:7:3: `title` of the fund needs `en:`");
}

TEST(FundScenarioErrorTest, BadValues) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "1000万\n", "1000万x\n")),
            "fund.md:10:20: not a money value for `opening_balance` of the fund: amount "
            "'1000万x': not a number: '1000万x'");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "first_year: 2013", "first_year: 2013.5")),
            "fund.md:8:15: `first_year` of the fund cannot be '2013.5': expected a year such as "
            "2013");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "year_starts: 08-01", "year_starts: 02-29")),
            "fund.md:9:16: `year_starts` of the fund cannot be '02-29': expected the day each "
            "fund year starts as MM-DD, e.g. 08-01 (a day every year has)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "  caseload:\n", "  investment_rate: 150%\n  caseload:\n")),
            "fund.md:13:20: `investment_rate` of the fund cannot be 150%: expected 0% to 100% a "
            "year");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "step_from_year: 2", "step_from_year: 1")),
            "fund.md:12:57: `step_from_year` of `allocation` of the fund cannot be '1': expected "
            "a fund year from 2 to 200 (1 is the year the fund was set up)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "id: test-fund", "id: Test Fund")),
            "fund.md:6:7: `id` of the fund should be lowercase letters, digits and -, at most 64 "
            "characters: e.g. wudi-relief-fund");
  EXPECT_EQ(ErrorOf(Replaced(kValid,
                             "    - {from_year: 1, cases: 50, per_case: 25000}\n"
                             "    - {from_year: 4, cases: 200, per_case: 25000}\n",
                             "    from_year: 1\n")),
            "fund.md:14:5: `caseload` of the fund should be a list of {from_year: …, cases: …, "
            "per_case: …}");
}

TEST(FundScenarioErrorTest, NegativeAmounts) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "per_case: 25000}\n    - {from_year: 4",
                             "per_case: -25000}\n    - {from_year: 4")),
            "fund.md:14:43: `per_case` of caseload entry 1 cannot be negative: -¥25,000.00");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "step: 100万", "step: -100万")),
            "fund.md:12:35: `step` of `allocation` of the fund cannot be negative: "
            "-¥1,000,000.00");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "cases: 200", "cases: -200")),
            "fund.md:15:29: `cases` of caseload entry 2 cannot be '-200': expected a count of 0 "
            "or more");
}

TEST(FundScenarioErrorTest, FundYearsOutOfOrder) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "{from_year: 4,", "{from_year: 1,")),
            "fund.md:15:19: caseload entry 2 is from fund year 1, not after the previous entry's "
            "year 1: list the entries in the order of their years, each year once");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "{from_year: 1,", "{from_year: 2,")),
            "fund.md:14:19: caseload entry 1 is from fund year 2: the first entry must be from "
            "year 1 (give `cases: 0` for years that pay nothing)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "from_year: 4}", "from_year: 201}")),
            "fund.md:11:37: `from_year` of `floor` of the fund cannot be '201': expected a fund "
            "year from 1 to 200 (1 is the year the fund was set up)");
}

TEST(FundScenarioErrorTest, SourceAndFundCount) {
  EXPECT_EQ(ErrorOf(Replaced(kValid, "> 设立的初始基金规模为1000万元。\n", "")),
            "fund.md:4:1: the fund has no source: quote the text it implements above its "
            "```minsheng block, or give `source:`");
  EXPECT_EQ(ErrorOf(kValid + "\n```minsheng\nfund:\n  id: again\n```\n"),
            "fund.md:19:1: a second `fund:`; a scenario file describes one fund, and the first "
            "is at fund.md:5");
  EXPECT_EQ(ErrorOf("# nothing\n\n> a quote\n"),
            "fund.md: no `fund:` in the file: quote the text, then give the fund in a ```minsheng "
            "block (docs/simulate.md)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "  id: test-fund\n", "  id: test-fund\n  id: again\n")),
            "fund.md:7:3: key 'id' appears twice in `fund:` (first at line 6)");
  EXPECT_EQ(ErrorOf(Replaced(kValid, "```\n", "")),
            "fund.md:4:1: this ```minsheng block is never closed: end it with a line of ```");
  EXPECT_EQ(ErrorOf("# 基金\n\xff\n"),
            "fund.md:2:1: the file is not UTF-8 text (byte 10 is not part of a UTF-8 character)");
}

TEST(FundScenarioFileTest, MissingFileAndDiagnosticWithCaret) {
  // Proves a missing file is named, and an error in a file is shown with its line and a
  // caret under the column, CJK characters counting two columns.
  Result<FundScenario> missing = LoadFundScenario("/nonexistent/fund.md");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().ToString(), "no scenario file at '/nonexistent/fund.md'");

  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("minsheng_scenario_" + std::to_string(::getpid()) + ".md");
  std::ofstream(path) << Replaced(kValid, "  opening_balance: 1000万\n",
                                  "  opening_balance: 1000万\n  donations: 一百\n");
  Result<FundScenario> bad = LoadFundScenario(path.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(FormatScenarioDiagnostic(bad.status()),
            path.string() +
                ":11:14: not a money value for `donations` of the fund: amount '一百': not a "
                "number: '一百'\n      donations: 一百\n                 ^\n");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace minsheng::projection
