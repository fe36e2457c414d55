// Tests for `minsheng pay`, `receipt` and `receipts`: a month paid once from a registry
// imported with `minsheng import`, the receipt in both languages and as JSON, a person's
// receipts, and a run over an empty registry refused without being recorded.
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
#include "core/resident_id.h"

namespace minsheng::cli {
namespace {

std::string Id(const std::string& first_seventeen) {
  return first_seventeen + ResidentIdCheckCharacter(first_seventeen);
}

class PayCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng_pay_command_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    db_ = (directory_ / "county.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  using Outcome = testing::Outcome;
  // Runs `minsheng ARGUMENTS... --db <the test's file>`.
  Outcome Run(std::vector<std::string> arguments) {
    arguments.push_back("--db");
    arguments.push_back(db_);
    return testing::RunMinsheng(arguments);
  }
  std::string Ok(std::vector<std::string> arguments) {
    Outcome outcome = Run(arguments);
    EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.out << outcome.err;
    return outcome.out;
  }
  void Import(const std::string& kind, const std::string& text) {
    const std::string path = (directory_ / (kind + ".csv")).string();
    std::ofstream(path, std::ios::binary) << text;
    Ok({"import", kind, path});
  }
  void DeclareBooks() {
    Ok({"ledger", "init"});
    Ok({"ledger", "unit", "add", "CNY", "--name-zh", "人民币", "--step", "fen"});
    Ok({"ledger", "account", "add", "income/county", "--unit", "CNY", "--kind", "income"});
    Ok({"ledger", "account", "add", "fund/school_bus/county", "--unit", "CNY", "--kind", "fund",
        "--no-overdraft"});
    Ok({"ledger", "transfer", "f1", "--debit", "income/county", "--credit",
        "fund/school_bus/county", "--amount", "1000", "--unit", "CNY"});
  }
  void ImportRegistry() {
    Import("orgs", "org_id,name,kind,region\nwudi_school_bus_company,无棣县校车公司,enterprise,371623\n");
    Import("households", "household_id,region,village\nH1,371623101,东村\nH2,371623102,西村\n");
    Import("persons", "resident_id,name,household_id,relation,is_student\n" + father_ +
                          ",张伟,H1,head,false\n" + child_ + ",张小红,H1,child,true\n" + pupil_ +
                          ",李明,H2,child,true\n");
    Import("enrollments", "program,person_id,household_id,valid_from\nschool_bus," + child_ +
                              ",,2012-09-01\nschool_bus," + pupil_ + ",,2012-09-01\ndibao,,H1,2012-01-01\n");
  }
  std::vector<std::string> PayMarch() {
    return {"pay", "--program", "school_bus_subsidy", "--period", "2013-03", "--pack",
            std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013"};
  }

  std::filesystem::path directory_;
  std::string db_;
  const std::string father_ = Id("37162319800101001");
  const std::string child_ = Id("37162320050303022");
  const std::string pupil_ = Id("37162320060404042");
};

TEST_F(PayCommandTest, PaysOnceAndShowsEveryReceipt) {
  DeclareBooks();
  // Over an empty registry the run is refused, and not recorded: it can run once there is one.
  Outcome empty = Run(PayMarch());
  EXPECT_EQ(empty.exit_code, kExitUserError);
  EXPECT_NE(empty.err.find("the registry holds no persons on 2013-03-01"), std::string::npos) << empty.err;

  ImportRegistry();
  std::vector<std::string> json_run = PayMarch();
  json_run.push_back("--json");
  auto first = nlohmann::json::parse(Ok(json_run));
  EXPECT_EQ(first["payees"], 2);
  EXPECT_EQ(first["posted"], 2);
  EXPECT_EQ(first["total"], "210.00");
  auto second = nlohmann::json::parse(Ok(json_run));
  EXPECT_EQ(second["posted"], 0);
  EXPECT_EQ(second["already_posted"], 2);
  EXPECT_EQ(second["resumed"], true);

  const std::string listed = Ok({"receipts", "--person", child_});
  EXPECT_NE(listed.find("2013-03  school_bus_subsidy  140.00"), std::string::npos) << listed;
  const std::string run_id = first["run_id"];
  const std::string transfer_id =
      "pay/school_bus_subsidy/2013-03/" + child_ + "/" + run_id.substr(run_id.rfind('/') + 1);
  const std::string zh = Ok({"receipt", transfer_id});
  EXPECT_NE(zh.find("金额：140.00 元"), std::string::npos) << zh;
  EXPECT_NE(zh.find("依据 school_bus.md"), std::string::npos) << zh;
  const std::string en = Ok({"receipt", transfer_id, "--lang", "en"});
  EXPECT_NE(en.find("amount: 140.00 yuan"), std::string::npos) << en;
  auto json = nlohmann::json::parse(Ok({"receipt", transfer_id, "--json"}));
  EXPECT_EQ(json["posted"], true);
  EXPECT_EQ(json["amount"], "140.00");

  Outcome missing = Run({"receipt", "pay/none"});
  EXPECT_EQ(missing.exit_code, kExitUserError);

  // A replay proves the run's amounts; a correction is paid by recomputation, once.
  const std::string pack = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";
  const std::string replayed = Ok({"pay", "--replay", run_id, "--pack", pack});
  EXPECT_NE(replayed.find("the same amounts, to the fen"), std::string::npos) << replayed;
  Outcome unpaid = Run({"pay", "--program", "school_bus_subsidy", "--recompute", "2013-02..2013-03",
                        "--pack", pack});
  EXPECT_EQ(unpaid.exit_code, kExitUserError);
  EXPECT_NE(unpaid.err.find("no payment run of school_bus_subsidy for 2013-02"), std::string::npos);
  Import("enrollments", "program,household_id,valid_from\ndibao,H2,2013-02-01\n");
  auto recomputed = nlohmann::json::parse(Ok({"pay", "--program", "school_bus_subsidy", "--recompute",
                                              "2013-03..2013-03", "--pack", pack, "--json"}));
  EXPECT_EQ(recomputed["arrears"], "70.00");
  EXPECT_EQ(recomputed["posted"], 1);
  EXPECT_EQ(recomputed["adjustments"][0]["person_id"], pupil_);
  auto again = nlohmann::json::parse(Ok({"pay", "--program", "school_bus_subsidy", "--recompute",
                                         "2013-03", "--pack", pack, "--json"}));
  EXPECT_EQ(again["posted"], 0);
  Ok({"ledger", "audit"});
}

}  // namespace
}  // namespace minsheng::cli
