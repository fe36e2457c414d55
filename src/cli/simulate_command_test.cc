// Tests for `minsheng simulate`: the Wudi 2012-08-01 change costed by its undoing on a
// small synthetic Wudi — the summary, the files written and their figures agreeing — and a
// reform with an error, reported at its line, with nothing run or written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/testing.h"

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;

const std::string kPack = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";
const std::string kReform = kPack + "/reforms/township-2012-undone.md";

class SimulateCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("minsheng_simulate_command_" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path directory_;
};

TEST_F(SimulateCommandTest, CostsTheTownshipChangeOnSyntheticWudi) {
  const fs::path out = directory_ / "out";
  testing::Outcome outcome = testing::RunMinsheng({"simulate", "--pack", kPack, "--reform", kReform, "--period", "2013",
                                                   "--synth", "wudi", "--scale", "0.01", "--out", out.string()});
  ASSERT_EQ(outcome.exit_code, kExitSuccess) << outcome.out << outcome.err;
  EXPECT_NE(outcome.out.find("乡镇卫生院住院报销 / Township-hospital inpatient reimbursement"), std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("为何 / why"), std::string::npos);
  EXPECT_EQ(outcome.err, "") << "no progress bar when stderr is not a terminal";
  for (const char* name : {"programs.csv", "distribution.csv", "deciles.csv", "counties.csv", "regions.csv", "explained.csv",
                           "simulation.json", "simulation.html"}) {
    EXPECT_TRUE(fs::exists(out / name)) << name;
  }
  // The JSON's figures are the CSV's: the township program costs less without the change,
  // the school bus the same.
  const nlohmann::json json = nlohmann::json::parse(Read(out / "simulation.json"));
  EXPECT_EQ(json["reform"]["id"], "township-2012-undone");
  const std::string programs = Read(out / "programs.csv");
  for (const auto& program : json["programs"]) {
    const std::string row = program["program"].get<std::string>() + "," + program["title_zh"].get<std::string>();
    const size_t at = programs.find(row);
    ASSERT_NE(at, std::string::npos) << row;
    EXPECT_NE(programs.find(program["cost"]["baseline"].get<std::string>() + "," +
                                program["cost"]["reform"].get<std::string>(),
                            at),
              std::string::npos);
  }
  EXPECT_EQ(json["programs"][0]["cost"]["change"], "0.00");  // the school bus
  EXPECT_EQ(json["programs"][1]["cost"]["change"].get<std::string>().front(), '-');
  EXPECT_GT(json["households_changed"]["losers"].get<int64_t>(), 0);
  // The page is self-contained and hides ID numbers.
  const std::string html = Read(out / "simulation.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
}

TEST_F(SimulateCommandTest, AReformWithAnErrorIsReportedAtItsLineAndNothingRuns) {
  const fs::path reform = directory_ / "bad.md";
  std::ofstream(reform) << "> 文\n\n```minsheng\nreform: {id: bad, title: {zh: 坏, en: Bad}, from: 2013-01-01}\n"
                           "variables:\n  school_bus_subsidy:\n    entity: person\n    period: month\n"
                           "    type: money\n    formula: p.school_bus_fair\n```\n";
  const fs::path out = directory_ / "out";
  testing::Outcome outcome = testing::RunMinsheng({"simulate", "--pack", kPack, "--reform", reform.string(), "--period",
                                                   "2013", "--synth", "wudi", "--scale", "0.01", "--out", out.string()});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_NE(outcome.err.find(reform.string() + ":10:14: unknown parameter 'school_bus_fair'; did you mean "
                                               "'school_bus_fare'?"),
            std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("    formula: p.school_bus_fair\n"), std::string::npos) << outcome.err;
  EXPECT_EQ(outcome.out, "");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(SimulateCommandTest, TheRegistryMustBeGivenOnce) {
  testing::Outcome outcome =
      testing::RunMinsheng({"simulate", "--pack", kPack, "--reform", kReform, "--period", "2013"});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_NE(outcome.err.find("--db FILE, or --synth"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace minsheng::cli
