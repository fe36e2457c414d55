// Tests for `minsheng project`: Wudi's relief fund projected from the shipped scenario
// (the plan holds), under a heavier caseload from the command line (it falls below its
// floor in 2017), its three files written and agreeing with each other, and a scenario
// with an error refused with its file:line:column and nothing written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/testing.h"

namespace minsheng::cli {
namespace {

const std::string kFund =
    std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013/funds/relief_fund.md";

class ProjectCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng_project_command_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  static std::string Read(const std::filesystem::path& path) {
    std::ifstream input(path, std::ios::binary);
    std::ostringstream text;
    text << input.rdbuf();
    return text.str();
  }

  std::filesystem::path directory_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The text with each run of spaces made one: the table's columns widen with their
// contents, and the tests read the values, not the padding.
std::string Squeezed(const std::string& text) {
  std::string squeezed;
  for (char c : text) {
    if (c != ' ' || squeezed.empty() || squeezed.back() != ' ') squeezed += c;
  }
  return squeezed;
}

TEST_F(ProjectCommandTest, ThePlanHoldsAndAHeavierCaseloadBreaksIt) {
  // Proves the terminal shows the years with their margins and the verdict: the plan
  // holds from 2016 with 500,000.00 to spare; with 400 cases from 2016 the fund opens
  // 2017 at 18,500,000.00, short of its floor.
  const testing::Outcome plan =
      testing::RunMinsheng({"project", "--fund", kFund, "--years", "2013..2022"});
  ASSERT_EQ(plan.exit_code, kExitSuccess) << plan.err;
  EXPECT_TRUE(Contains(Squeezed(plan.out),
                       "\n 2016 (4) 20,500,000.00 8,000,000.00 200 × 25,000.00 "
                       "5,000,000.00 23,500,000.00 500,000.00\n"))
      << plan.out;
  EXPECT_TRUE(Contains(Squeezed(plan.out),
                       "\n 2013 (1) 10,000,000.00 5,000,000.00 50 × 25,000.00 "
                       "1,250,000.00 13,750,000.00\n"))
      << "no margin before the floor holds";
  EXPECT_TRUE(Contains(
      plan.out, "the plan holds: every opening balance from 2016 to 2022 is ≥ 20,000,000.00"))
      << plan.out;

  const testing::Outcome heavier = testing::RunMinsheng(
      {"project", "--fund", kFund, "--years", "2013..2022", "--caseload", "2016:400"});
  ASSERT_EQ(heavier.exit_code, kExitSuccess) << heavier.err;
  EXPECT_TRUE(Contains(heavier.out,
                       "falls below its floor at the start of 2017 (fund year 5): 18,500,000.00 "
                       "against 20,000,000.00, short by 1,500,000.00"))
      << heavier.out;
  EXPECT_TRUE(Contains(
      heavier.out, "caseload from the command line / 命令行救助规模: from 2016, 400 × 25,000.00"))
      << heavier.out;
}

TEST_F(ProjectCommandTest, WritesThreeFilesThatAgree) {
  // Proves --out writes projection.csv, .json and .html (and nothing else), the CSV's
  // rows are the JSON's rows value for value, and --json prints the same JSON.
  const std::filesystem::path out = directory_ / "out";
  const testing::Outcome outcome =
      testing::RunMinsheng({"project", "--fund", kFund, "--years", "2013..2022", "--caseload",
                            "2016:400", "--out", out.string()});
  ASSERT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(out))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{"projection.csv", "projection.html", "projection.json"}));

  const nlohmann::json json = nlohmann::json::parse(Read(out / "projection.json"));
  std::istringstream csv(Read(out / "projection.csv"));
  std::string line;
  std::getline(csv, line);
  std::vector<std::string> header;
  for (std::istringstream fields(line); std::getline(fields, line, ',');) header.push_back(line);
  ASSERT_EQ(header.size(), 14u);
  size_t rows = 0;
  while (std::getline(csv, line)) {
    const nlohmann::json& row = json["rows"][rows++];
    std::string expected;
    for (size_t c = 0; c < header.size(); ++c) {
      const nlohmann::json& value = row.at(header[c]);
      expected += c == 0 ? "" : ",";
      expected += value.is_null()      ? ""
                  : value.is_string()  ? value.get<std::string>()
                  : value.is_boolean() ? (value.get<bool>() ? "true" : "false")
                                       : value.dump();
    }
    EXPECT_EQ(line, expected);
  }
  EXPECT_EQ(rows, 10u);
  EXPECT_EQ(json["rows"].size(), 10u);
  EXPECT_EQ(json["summary"]["first_below_floor"]["year"], 2017);
  EXPECT_TRUE(Contains(Read(out / "projection.html"), "<svg"));

  const testing::Outcome printed = testing::RunMinsheng(
      {"project", "--fund", kFund, "--years", "2013..2022", "--caseload", "2016:400", "--json"});
  ASSERT_EQ(printed.exit_code, kExitSuccess) << printed.err;
  EXPECT_EQ(printed.out, Read(out / "projection.json"));
}

TEST_F(ProjectCommandTest, AScenarioWithAnErrorWritesNothing) {
  // Proves an error in the scenario is shown at its file:line:column with the line and
  // a caret, the exit code is 1, and --out's folder is not even created.
  const std::filesystem::path bad = directory_ / "bad.md";
  std::ifstream input(kFund);
  std::ostringstream text;
  text << input.rdbuf();
  std::string scenario = text.str();
  scenario.replace(scenario.find("per_case: 25000}"), 16, "per_case: 25k}");
  std::ofstream(bad) << scenario;
  const std::filesystem::path out = directory_ / "out";
  const testing::Outcome outcome = testing::RunMinsheng(
      {"project", "--fund", bad.string(), "--years", "2013..2022", "--out", out.string()});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_EQ(outcome.out, "");
  EXPECT_TRUE(Contains(
      outcome.err, bad.string() + ":64:43: not a money value for `per_case` of caseload entry 1"))
      << outcome.err;
  EXPECT_TRUE(Contains(outcome.err, "\n        - {from_year: 1, cases: 50, per_case: 25k}\n"))
      << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(ProjectCommandTest, RefusesYearsAndCaseloadsOutsideTheFund) {
  // Proves the command line's values are checked, named by their option, before anything
  // is computed or written.
  const std::filesystem::path out = directory_ / "out";
  const testing::Outcome early = testing::RunMinsheng(
      {"project", "--fund", kFund, "--years", "2010..2022", "--out", out.string()});
  EXPECT_EQ(early.exit_code, kExitUserError);
  EXPECT_EQ(early.err, "minsheng: the years 2010..2022 start before the fund's first year 2013\n");
  const testing::Outcome fund_year = testing::RunMinsheng(
      {"project", "--fund", kFund, "--caseload", "4:400", "--out", out.string()});
  EXPECT_EQ(fund_year.exit_code, kExitUserError);
  EXPECT_EQ(fund_year.err,
            "minsheng: the caseload change for year 4 is before the fund's first year 2013: give "
            "the calendar "
            "year the fund year starts in (fund year 4 is 2016)\n");
  const testing::Outcome malformed =
      testing::RunMinsheng({"project", "--fund", kFund, "--caseload", "2016"});
  EXPECT_EQ(malformed.exit_code, kExitUserError);
  EXPECT_EQ(
      malformed.err,
      "minsheng: --caseload '2016': expected YEAR:CASES or YEAR:CASES:PER_CASE, e.g. 2016:400\n");
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace minsheng::cli
