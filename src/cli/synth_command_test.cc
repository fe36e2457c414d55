// Tests for `minsheng synth`: run in-process into a temporary folder, it writes the five
// registry files and prints a line for each and the time taken; a wrong county or scale is
// a user error (exit 1) with a message.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/testing.h"

namespace minsheng::cli {
namespace {

using testing::Outcome;

Outcome RunSynth(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "synth");
  return testing::RunMinsheng(arguments);
}

class SynthCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng_synth_command_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path directory_;
};

TEST_F(SynthCommandTest, WritesTheFiveFilesAndSaysSo) {
  // Proves the command writes every file, prints one line per file with its rows, and the time.
  const Outcome outcome =
      RunSynth({"wudi", "--out", directory_.string(), "--scale", "0.01", "--seed", "3"});
  ASSERT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  for (const char* file :
       {"persons.csv", "households.csv", "orgs.csv", "enrollments.csv", "admissions.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(directory_ / file)) << file;
    EXPECT_NE(outcome.out.find(file), std::string::npos) << outcome.out;
  }
  EXPECT_NE(outcome.out.find("4,500 rows"), std::string::npos) << outcome.out;  // persons
  EXPECT_NE(outcome.out.find("wudi (scale 0.01, seed 3)"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find(" s / 用时"), std::string::npos) << outcome.out;
}

TEST_F(SynthCommandTest, RefusesAWrongCountyOrScale) {
  // Proves a county other than wudi or zibo, a scale outside (0, 1] and a missing --out are
  // user errors.
  const Outcome county = RunSynth({"beijing", "--out", directory_.string()});
  EXPECT_EQ(county.exit_code, kExitUserError);
  EXPECT_NE(county.err.find("beijing"), std::string::npos) << county.err;
  const Outcome scale = RunSynth({"zibo", "--out", directory_.string(), "--scale", "2"});
  EXPECT_EQ(scale.exit_code, kExitUserError);
  EXPECT_NE(scale.err.find("scale must be more than 0 and at most 1"), std::string::npos)
      << scale.err;
  const Outcome no_out = RunSynth({"wudi"});
  EXPECT_EQ(no_out.exit_code, kExitUserError);
  EXPECT_NE(no_out.err.find("--out"), std::string::npos) << no_out.err;
}

}  // namespace
}  // namespace minsheng::cli
