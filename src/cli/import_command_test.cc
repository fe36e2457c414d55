// Tests for `minsheng import`: a file recorded, the same again changing nothing, and a
// bad row refusing the file with exit code 1 and its place on stderr.
#include <gtest/gtest.h>
#include <unistd.h>

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

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng_import_command_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  using Outcome = testing::Outcome;
  Outcome Import(const std::string& kind, const std::string& name, const std::string& text,
                 bool json = false) {
    const std::string path = (directory_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    std::vector<std::string> arguments = {"import", kind, path, "--db",
                                          (directory_ / "registry.db").string()};
    if (json) arguments.push_back("--json");
    return testing::RunMinsheng(arguments);
  }

  std::filesystem::path directory_;
};

TEST_F(ImportCommandTest, RecordsOnceAndRefusesABadFileWhole) {
  const std::string households = "household_id,region,village\nH1,371623101,东村\nH2,371623102,\n";
  Outcome first = Import("households", "households.csv", households, true);
  ASSERT_EQ(first.exit_code, kExitSuccess) << first.err;
  auto json = nlohmann::json::parse(first.out);
  EXPECT_EQ(json["rows"], 2);
  EXPECT_EQ(json["new_rows"], 2);
  EXPECT_EQ(json["encoding"], "utf-8");

  Outcome again = Import("households", "households.csv", households);
  ASSERT_EQ(again.exit_code, kExitSuccess) << again.err;
  EXPECT_NE(again.out.find("2 rows, 0 new"), std::string::npos) << again.out;

  Outcome bad = Import("persons", "persons.csv",
                       "resident_id,name,household_id\n371623198001010015,张伟,H1\n"
                       "371623198001010015,张伟,H3\n");
  EXPECT_EQ(bad.exit_code, kExitUserError);
  EXPECT_NE(bad.err.find("persons.csv: row 3: the same resident_id, valid_from as row 2"),
            std::string::npos)
      << bad.err;

  Outcome kind = Import("people", "x.csv", "a\n1\n");
  EXPECT_EQ(kind.exit_code, kExitUserError);
  EXPECT_NE(kind.err.find("unknown kind 'people'"), std::string::npos) << kind.err;
}

}  // namespace
}  // namespace minsheng::cli
