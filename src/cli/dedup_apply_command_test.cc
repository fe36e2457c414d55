// Tests for `minsheng dedup apply` and `minsheng dedup merges`: a folder's clusters merged
// into the registry with a line per count, the same folder again recording nothing, a bad
// clusters file refused with exit code 1 and its place on stderr, and the merges listed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/testing.h"
#include "core/resident_id.h"

namespace minsheng::cli {
namespace {

// A valid resident ID of Wudi born on `birth` ("19800101") with sequence `sequence`.
std::string WudiId(const std::string& birth, int sequence) {
  char first[18];
  std::snprintf(first, sizeof first, "371623%s%03d", birth.c_str(), sequence % 1000);
  const std::string id(first, 17);
  return id + ResidentIdCheckCharacter(id);
}

class DedupApplyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng_dedup_apply_command_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_ / "run");
    db_ = (directory_ / "registry.db").string();
  }
  void TearDown() override {
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (directory_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  void Import(const std::string& kind, const std::string& text) {
    const testing::Outcome outcome =
        testing::RunMinsheng({"import", kind, Write(kind + ".csv", text), "--db", db_});
    ASSERT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  }
  // Two registry persons who are one human, each insured and enrolled.
  void SetUpRegistry() {
    Import("households", "household_id,region\nH1,371623101\nH2,371623102\n");
    Import("persons", "resident_id,name,household_id,scheme\n" + kept_ + ",张伟,H1,ncms\n" +
                          merged_ + ",张伟,H2,urbmi\n");
    Import("enrollments", "program,person_id,valid_from\nschool_bus," + merged_ + ",2013-09-01\n");
    Write("run/clusters.csv",
          "cluster,list,record_id,keep,resident_id,name,birth_date,weakest_probability\n"
          "1,registry," +
              kept_ + ",true," + kept_ +
              ",张伟,1980-01-01,0.995000\n"
              "1,registry," +
              merged_ + ",false," + merged_ + ",张伟,1980-01-01,0.995000\n");
  }
  testing::Outcome Apply(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {
        "dedup", "apply", (directory_ / "run").string(), "--db", db_, "--on", "2013-10-01"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return testing::RunMinsheng(arguments);
  }

  std::filesystem::path directory_;
  std::string db_;
  const std::string kept_ = WudiId("19800101", 11);
  const std::string merged_ = WudiId("19800101", 21);
};

// The subcommand is found under `dedup` despite its positional lists, prints one line per
// count, and applying again records nothing and says so.
TEST_F(DedupApplyCommandTest, AppliesOnceAndSaysSoTheSecondTime) {
  SetUpRegistry();
  const testing::Outcome first = Apply();
  ASSERT_EQ(first.exit_code, kExitSuccess) << first.err;
  EXPECT_NE(first.out.find("clusters / 聚类: 1\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("merges recorded / 新记录的合并: 1\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("registry persons merged / 合并的在册人员: 1\n"), std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("enrollments moved / 转移的参保登记: 1 (1 recorded"), std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("in effect from 2013-10-01"), std::string::npos) << first.out;

  const testing::Outcome again = Apply({"--json"});
  ASSERT_EQ(again.exit_code, kExitSuccess) << again.err;
  const auto json = nlohmann::json::parse(again.out);
  EXPECT_EQ(json["merges_recorded"], 0);
  EXPECT_EQ(json["already_applied"], 1);
  EXPECT_EQ(json["import_id"], 0);
  const testing::Outcome text = Apply();
  EXPECT_NE(text.out.find("nothing new"), std::string::npos) << text.out;

  const testing::Outcome merges =
      testing::RunMinsheng({"dedup", "merges", "--db", db_, "--person", merged_});
  ASSERT_EQ(merges.exit_code, kExitSuccess) << merges.err;
  EXPECT_NE(merges.out.find("merges / 合并记录: 1\n"), std::string::npos) << merges.out;
  EXPECT_NE(merges.out.find("from 2013-10-01  cluster 1  registry/" + merged_ +
                            " → kept registry/" + kept_),
            std::string::npos)
      << merges.out;
}

// A cluster keeping two records is refused with its place, and nothing is recorded.
TEST_F(DedupApplyCommandTest, ABadFileIsRefusedWithItsPlace) {
  SetUpRegistry();
  Write("run/clusters.csv",
        "cluster,list,record_id,keep,resident_id\n1,ncms,N1,true,\n1,ncms,N2,true,\n");
  const testing::Outcome bad = Apply();
  EXPECT_EQ(bad.exit_code, kExitUserError);
  EXPECT_NE(
      bad.err.find("clusters.csv: row 3: field 'keep': column 4: cluster 1 keeps a second record"),
      std::string::npos)
      << bad.err;
  const testing::Outcome merges = testing::RunMinsheng({"dedup", "merges", "--db", db_});
  ASSERT_EQ(merges.exit_code, kExitSuccess) << merges.err;
  EXPECT_NE(merges.out.find("merges / 合并记录: 0\n"), std::string::npos) << merges.out;

  const testing::Outcome missing =
      testing::RunMinsheng({"dedup", "apply", (directory_ / "none").string(), "--db", db_});
  EXPECT_EQ(missing.exit_code, kExitUserError);
  EXPECT_NE(missing.err.find("clusters.csv"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace minsheng::cli
