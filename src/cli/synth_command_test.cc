// Tests for `minsheng synth`: run in-process into a temporary folder, it writes the five
// registry files and prints a line for each and the time taken; a wrong county or scale is
// a user error (exit 1) with a message. `synth dedup` writes the two enrollment lists and
// the truth, with a line of counts; a bad --persons or --dup-rate is a user error.
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

TEST_F(SynthCommandTest, DedupWritesTheListsAndTheTruthAndSaysSo) {
  // Proves `synth dedup` writes ncms.csv, urbmi.csv and truth.csv, prints their rows (2,000
  // persons + 100 duplicates = 2,100 records), the counts of duplicates across and within
  // the lists and of each noise kind, and the time.
  const Outcome outcome = RunSynth({"dedup", "--persons", "2000", "--dup-rate", "0.05", "--out",
                                    directory_.string(), "--seed", "4"});
  ASSERT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  for (const char* file : {"ncms.csv", "urbmi.csv", "truth.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(directory_ / file)) << file;
    EXPECT_NE(outcome.out.find(file), std::string::npos) << outcome.out;
  }
  EXPECT_NE(outcome.out.find("truth.csv               2,100 rows"), std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("2,000 persons ("), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("100 duplicates (80 across lists / 20 within a list); noise: old_id "),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find(", moved "), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("dedup (2,000 persons, dup-rate 0.05, seed 4) → "), std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find(" s / 用时"), std::string::npos) << outcome.out;
}

TEST_F(SynthCommandTest, DedupRefusesABadRateOrPersons) {
  // Proves a rate outside 0..1 or not a number, persons outside 1..50,000,000 and a missing
  // option are user errors (exit 1) that say what is wrong, and nothing is written.
  const auto dedup = [this](const std::string& persons, const std::string& rate) {
    return RunSynth(
        {"dedup", "--persons", persons, "--dup-rate", rate, "--out", directory_.string()});
  };
  const Outcome too_high = dedup("2000", "1.5");
  EXPECT_EQ(too_high.exit_code, kExitUserError);
  EXPECT_NE(too_high.err.find("the duplicate rate must be 0 to 1, not 1.5"), std::string::npos)
      << too_high.err;
  const Outcome not_a_number = dedup("2000", "abc");
  EXPECT_EQ(not_a_number.exit_code, kExitUserError);
  EXPECT_NE(not_a_number.err.find("--dup-rate: rate 'abc': not a number"), std::string::npos)
      << not_a_number.err;
  const Outcome no_persons = dedup("0", "0.04");
  EXPECT_EQ(no_persons.exit_code, kExitUserError);
  EXPECT_NE(no_persons.err.find("persons must be 1 to 50,000,000, not 0"), std::string::npos)
      << no_persons.err;
  const Outcome too_many = dedup("50000001", "0.04");
  EXPECT_EQ(too_many.exit_code, kExitUserError);
  EXPECT_NE(too_many.err.find("not 50000001"), std::string::npos) << too_many.err;
  EXPECT_FALSE(std::filesystem::exists(directory_));
  const Outcome missing = RunSynth({"dedup", "--persons", "10", "--out", directory_.string()});
  EXPECT_EQ(missing.exit_code, kExitUserError);
  EXPECT_NE(missing.err.find("--dup-rate is required"), std::string::npos) << missing.err;
}

TEST_F(SynthCommandTest, SynthNamesItsThreeKinds) {
  // Proves `synth` alone says what it can write, and `synth --help` lists wudi, zibo and
  // dedup.
  const Outcome bare = RunSynth({});
  EXPECT_EQ(bare.exit_code, kExitUserError);
  EXPECT_NE(bare.err.find("give wudi, zibo or dedup"), std::string::npos) << bare.err;
  const Outcome help = RunSynth({"--help"});
  EXPECT_EQ(help.exit_code, kExitSuccess);
  for (const char* kind : {"wudi", "zibo", "dedup"}) {
    EXPECT_NE(help.out.find(std::string("  ") + kind + " "), std::string::npos) << help.out;
  }
}

}  // namespace
}  // namespace minsheng::cli
