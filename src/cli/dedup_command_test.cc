// Tests for `minsheng dedup`: generated lists linked through the command, its five files
// written and agreeing with the terminal, the saving from the Zibo pack, and bad input —
// a missing column, a broken row, a bad threshold — refused with its place and nothing
// written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/testing.h"
#include "core/money.h"

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;
using testing::RunMinsheng;

class DedupCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("minsheng_dedup_command_" + std::to_string(::getpid()));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  static std::string Read(const fs::path& path) {
    std::ifstream input(path, std::ios::binary);
    std::ostringstream text;
    text << input.rdbuf();
    return text.str();
  }
  void Write(const fs::path& path, const std::string& text) {
    std::ofstream output(path, std::ios::binary);
    output << text;
  }
  // Generated lists of 3,000 persons, 150 of them enrolled twice.
  void Generate() {
    const auto made = RunMinsheng({"synth", "dedup", "--persons", "3000", "--dup-rate", "0.05", "--out",
                                   (directory_ / "lists").string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }

  fs::path directory_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(DedupCommandTest, GeneratedListsAreLinkedAndTheSavingCosted) {
  Generate();
  const fs::path lists = directory_ / "lists";
  const fs::path out = directory_ / "out";
  const auto run = RunMinsheng({"dedup", (lists / "ncms.csv").string(), (lists / "urbmi.csv").string(),
                                "--truth", (lists / "truth.csv").string(), "--pack",
                                std::string(MINSHENG_SOURCE_DIR) + "/policies/zibo-2017", "--year", "2013",
                                "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "list ncms:")) << run.out;
  EXPECT_TRUE(Contains(run.out, "duplicate enrollments / 重复参保:")) << run.out;
  EXPECT_TRUE(Contains(run.out, "× ¥280.00 =")) << run.out;  // the 2013 subsidy

  for (const char* name : {"clusters.csv", "pairs.csv", "review.csv", "model.csv", "summary.json"}) {
    EXPECT_TRUE(fs::exists(out / name)) << name;
  }
  const auto summary = nlohmann::json::parse(Read(out / "summary.json"));
  const int64_t duplicates = summary["duplicates"].get<int64_t>();
  EXPECT_GE(duplicates, 145);
  EXPECT_LE(duplicates, 152);
  EXPECT_EQ(summary["saving"]["total"].get<std::string>(), Money::FromYuan(duplicates * 280)->ToString());
  EXPECT_GE(summary["truth"]["f1"].get<double>(), 0.98);
  // Each duplicate is one non-kept row of clusters.csv.
  const std::string clusters = Read(out / "clusters.csv");
  int64_t not_kept = 0;
  for (size_t at = clusters.find(",false,"); at != std::string::npos; at = clusters.find(",false,", at + 1)) {
    ++not_kept;
  }
  EXPECT_EQ(not_kept, duplicates);
  EXPECT_TRUE(Contains(run.out, std::to_string(duplicates))) << run.out;
}

TEST_F(DedupCommandTest, AListMissingAColumnIsRefusedAndNothingWritten) {
  Write(directory_ / "ncms.csv", "record_id,name\nN1,张伟\n");
  const fs::path out = directory_ / "out";
  const auto run = RunMinsheng({"dedup", (directory_ / "ncms.csv").string(), "--out", out.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, "ncms.csv")) << run.err;
  EXPECT_TRUE(Contains(run.err, "no column 'resident_id'")) << run.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(DedupCommandTest, ABrokenRowIsRefusedWithItsRowAndNothingWritten) {
  Generate();
  // A second list whose third row has a field too few: the whole run writes nothing.
  Write(directory_ / "extra.csv",
        "record_id,resident_id,name,sex\nE1,,王静,女\nE2,,李娜\nE3,,赵敏,女\n");
  const fs::path out = directory_ / "out";
  const auto run = RunMinsheng({"dedup", (directory_ / "lists" / "ncms.csv").string(),
                                (directory_ / "extra.csv").string(), "--out", out.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, "extra.csv: row 3")) << run.err;
  EXPECT_TRUE(Contains(run.err, "expected 4 fields")) << run.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(DedupCommandTest, BadOptionsAreRefused) {
  Write(directory_ / "ncms.csv", "record_id,resident_id,name\nN1,,张伟\n");
  const std::string list = (directory_ / "ncms.csv").string();
  EXPECT_TRUE(Contains(RunMinsheng({"dedup", list, "--match", "0.4", "--review", "0.5"}).err, "--review"));
  EXPECT_TRUE(Contains(RunMinsheng({"dedup", list, "--block", "birth_date+town"}).err, "no key 'town'"));
  EXPECT_TRUE(Contains(RunMinsheng({"dedup", list, "--subsidy", "abc"}).err, "--subsidy"));
  EXPECT_TRUE(Contains(RunMinsheng({"dedup", list, "--against-registry"}).err, "--db"));
  EXPECT_EQ(RunMinsheng({"dedup", list, "--pack", std::string(MINSHENG_SOURCE_DIR) + "/policies/zibo-2017"})
                .exit_code,
            1);  // --pack needs --year
}

}  // namespace
}  // namespace minsheng::cli
