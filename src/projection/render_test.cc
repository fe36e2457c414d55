// Tests of the projection's outputs (render.h, summary_text.h): the verdict's sentences,
// the CSV's exact rows, the JSON's rows equal to the CSV's, and a self-contained page
// with the chart of the fund's path and its floor.
#include "projection/render.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "projection/scenario.h"
#include "projection/summary_text.h"
#include "report/html_testing.h"

namespace minsheng::projection {
namespace {

const std::string kWudiFund =
    std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013/funds/relief_fund.md";

Projection WudiProjection(std::vector<CaseloadOverride> overrides = {}) {
  Result<FundScenario> scenario = LoadFundScenario(kWudiFund);
  EXPECT_TRUE(scenario.ok()) << scenario.status().ToString();
  Result<Projection> projection =
      Project(*scenario, {.years = {2013, 2022}, .caseload_overrides = std::move(overrides)});
  EXPECT_TRUE(projection.ok()) << projection.status().ToString();
  return *projection;
}

size_t Count(std::string_view text, std::string_view part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream input(text);
  for (std::string line; std::getline(input, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream input(line);
  while (std::getline(input, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// A JSON value as the CSV writes it.
std::string CsvText(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

TEST(SummarySentencesTest, ThePlanHoldsAndTheHeavierCaseloadBreaksIt) {
  // Proves the verdicts read as a bureau writes them, with exact amounts: the plan's
  // tightest year, the heavier caseload's first year below the floor, and the scenario's
  // own verdict beside it.
  const std::vector<Sentence> plan = SummarySentences(WudiProjection());
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].en,
            "the plan holds: every opening balance from 2016 to 2022 is ≥ 20,000,000.00 (the "
            "tightest, 2016, by 500,000.00)");
  EXPECT_EQ(
      plan[0].zh,
      "计划可以实现：2016年至2022年每年初基金余额均不低于 20,000,000.00 元（最紧为2016年，高出 "
      "500,000.00 元）");

  const std::vector<Sentence> heavier =
      SummarySentences(WudiProjection({{.year = 2016, .cases = 400}}));
  ASSERT_EQ(heavier.size(), 2u);
  EXPECT_EQ(heavier[0].en,
            "the plan fails: the fund falls below its floor at the start of 2017 (fund year 5): "
            "18,500,000.00 against 20,000,000.00, short by 1,500,000.00");
  EXPECT_EQ(heavier[0].zh,
            "计划无法实现：2017年初（基金第5年）基金余额 18,500,000.00 元，低于底线 20,000,000.00 "
            "元，差 1,500,000.00 元");
  EXPECT_EQ(heavier[1].en,
            "with the scenario's own caseload (without the command line's), the plan holds: every "
            "opening balance from 2016 to 2022 is ≥ 20,000,000.00 (the tightest, 2016, by "
            "500,000.00)");
}

TEST(RenderCsvTest, ExactRowsWithTheFloorFromItsYear) {
  // Proves the CSV's header and rows, amounts as plain exact yuan, and the floor's
  // columns empty before fund year 4.
  const std::vector<std::string> lines = Lines(RenderCsv(WudiProjection()));
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[0],
            "fund_year,year,start_date,opening_balance,allocation,donations,investment_income,"
            "cases,per_case,disbursements,closing_balance,floor,margin,meets_floor");
  EXPECT_EQ(lines[1],
            "1,2013,2013-08-01,10000000.00,5000000.00,0.00,0.00,50,25000.00,1250000.00,"
            "13750000.00,,,");
  EXPECT_EQ(lines[4],
            "4,2016,2016-08-01,20500000.00,8000000.00,0.00,0.00,200,25000.00,5000000.00,"
            "23500000.00,20000000.00,500000.00,true");
  const std::vector<std::string> heavier =
      Lines(RenderCsv(WudiProjection({{.year = 2016, .cases = 400}})));
  EXPECT_EQ(heavier[5],
            "5,2017,2017-08-01,18500000.00,9000000.00,0.00,0.00,400,25000.00,10000000.00,"
            "17500000.00,20000000.00,-1500000.00,false");
}

TEST(RenderJsonTest, RowsAreTheCsvRows) {
  // Proves the JSON's "rows" hold the CSV's table value for value, and the summary and
  // the scenario's own verdict are there for scripts.
  const Projection projection = WudiProjection({{.year = 2016, .cases = 400}});
  const nlohmann::json json = nlohmann::json::parse(RenderJson(projection));
  const std::vector<std::string> lines = Lines(RenderCsv(projection));
  const std::vector<std::string> header = Split(lines[0]);
  ASSERT_EQ(json["rows"].size(), lines.size() - 1);
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> fields = Split(lines[i]);
    ASSERT_EQ(fields.size(), header.size()) << lines[i];
    const nlohmann::json& row = json["rows"][i - 1];
    EXPECT_EQ(row.size(), header.size());
    for (size_t c = 0; c < header.size(); ++c) {
      EXPECT_EQ(CsvText(row.at(header[c])), fields[c]) << header[c] << " of row " << i;
    }
  }
  EXPECT_EQ(json["summary"]["holds"], false);
  EXPECT_EQ(json["summary"]["first_below_floor"]["year"], 2017);
  EXPECT_EQ(json["summary"]["first_below_floor"]["short_by"], "1500000.00");
  EXPECT_EQ(json["plan"]["summary"]["holds"], true);
  EXPECT_EQ(json["plan"]["opening_balances"][4]["opening_balance"], "23500000.00");
  EXPECT_EQ(json["fund"]["floor"]["from_year"], 2016);
  EXPECT_EQ(json["fund"]["year_starts"], "08-01");
  EXPECT_EQ(json["caseload"][3]["from_command_line"], true);
  EXPECT_EQ(json["totals"]["disbursements"], "77500000.00");  // 7.5M + 7 × 10M
}

TEST(RenderHtmlTest, SelfContainedPageWithTheFundsPathAndFloor) {
  // Proves the page is self-contained and well nested, prints exact amounts, charts the
  // opening balance with its floor, and marks a year below the floor.
  const std::string html = RenderHtml(WudiProjection());
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "http://"));
  EXPECT_FALSE(Contains(html, "https://"));
  EXPECT_EQ(report::testing::NestingProblem(html), "");
  EXPECT_EQ(Count(html, "<svg"), 1u);
  EXPECT_TRUE(Contains(html, "class=\"floor\"")) << "the floor's line";
  EXPECT_TRUE(Contains(html, "<polyline")) << "the opening balance's path";
  EXPECT_TRUE(Contains(html, "2016 年初余额 / opening balance ¥20,500,000.00"));
  EXPECT_TRUE(Contains(html, "¥62,500,000.00")) << "2022's closing";
  EXPECT_TRUE(Contains(html, "计划可以实现"));
  EXPECT_TRUE(Contains(html, "设立的初始基金规模为1000万元")) << "the source quoted";
  EXPECT_TRUE(Contains(html, "<code>allocation.first</code>"));
  EXPECT_FALSE(Contains(html, "class=\"below\""));

  const std::string heavier = RenderHtml(WudiProjection({{.year = 2016, .cases = 400}}));
  EXPECT_EQ(report::testing::NestingProblem(heavier), "");
  EXPECT_TRUE(Contains(heavier, "verdict failed"));
  EXPECT_TRUE(Contains(heavier, "<span class=\"below\">-¥1,500,000.00</span>"));
  EXPECT_TRUE(Contains(heavier, "stroke=\"#999999\"")) << "the scenario's own path";
  EXPECT_TRUE(Contains(heavier, "命令行 / command line"));
}

TEST(RenderHtmlTest, EscapesTheScenariosText) {
  // Proves text from the scenario file cannot inject markup into the page.
  Projection projection = WudiProjection();
  projection.scenario.title_en = "<script>alert(1)</script>";
  projection.scenario.assumptions.push_back({.field = "donations", .why = "a & b <i>"});
  const std::string html = RenderHtml(projection);
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_TRUE(Contains(html, "&lt;script&gt;"));
  EXPECT_TRUE(Contains(html, "a &amp; b &lt;i&gt;"));
  EXPECT_EQ(report::testing::NestingProblem(html), "");
}

}  // namespace
}  // namespace minsheng::projection
