// Tests for `minsheng settle`: the example registry of examples/settle imported, four of
// Zibo's stays settled through every payer, a late stay posting the difference it makes,
// a claim explained in both languages and as JSON, cancelled, the hospitals' months
// monitored, and a bad file refused
// without anything recorded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/testing.h"

namespace minsheng::cli {
namespace {

const std::string kExamples = std::string(MINSHENG_SOURCE_DIR) + "/examples/settle/";
const std::string kPack = std::string(MINSHENG_SOURCE_DIR) + "/policies/zibo-2017";

class SettleCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("minsheng_settle_command_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    db_ = (directory_ / "zibo.db").string();
    for (const char* kind : {"orgs", "households", "persons", "enrollments"}) {
      Ok({"import", kind, kExamples + kind + ".csv"});
    }
    Ok({"ledger", "unit", "add", "CNY", "--name-zh", "人民币", "--step", "fen"});
    Ok({"ledger", "account", "add", "income/city", "--unit", "CNY", "--kind", "income"});
    for (const char* fund : {"resident_medical_insurance", "critical_illness", "medical_assistance",
                             "employee_critical_illness"}) {
      const std::string code = std::string("fund/") + fund + "/city";
      Ok({"ledger", "account", "add", code, "--unit", "CNY", "--kind", "fund", "--no-overdraft"});
      Ok({"ledger", "transfer", std::string("budget/") + fund, "--debit", "income/city", "--credit", code,
          "--amount", "1000000", "--unit", "CNY"});
    }
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  testing::Outcome Run(std::vector<std::string> arguments) {
    for (const std::string& option : {std::string("--db"), db_}) arguments.push_back(option);
    return testing::RunMinsheng(arguments);
  }
  std::string Ok(std::vector<std::string> arguments) {
    testing::Outcome outcome = Run(arguments);
    EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.out << outcome.err;
    return outcome.out;
  }

  std::filesystem::path directory_;
  std::string db_;
};

// The four stays of claims.csv pay, by stage, 6,860 + 13,650 + 3,360 = 23,870.00 basic,
// 1,392.50 critical illness, 3,694.50 + 1,312 = 5,006.50 assistance and 14,000.00 to the
// employee (docs/settle.md works them out). The late stay Z2 (discharged before Z1) pays
// its own 69,440 and 9,280, and moves Z1 up the critical-illness segments: +1,570.00.
TEST_F(SettleCommandTest, SettlesThroughEveryPayerAndALateStayPostsTheDifference) {
  const std::string out = Ok({"settle", "--claims", kExamples + "claims.csv", "--pack", kPack});
  EXPECT_NE(out.find("(resident_basic_insurance): 23870.00 yuan"), std::string::npos) << out;
  EXPECT_NE(out.find("(resident_critical_illness): 1392.50 yuan"), std::string::npos) << out;
  EXPECT_NE(out.find("(medical_assistance): 5006.50 yuan"), std::string::npos) << out;
  EXPECT_NE(out.find("(employee_critical_illness): 14000.00 yuan"), std::string::npos) << out;
  EXPECT_NE(out.find("本次入账 7 "), std::string::npos) << out;

  const std::string again = Ok({"settle", "--claims", kExamples + "claims.csv", "--pack", kPack});
  EXPECT_NE(again.find("本次入账 0 "), std::string::npos) << again;

  auto late = nlohmann::json::parse(Ok({"settle", "--claims", kExamples + "late.jsonl", "--pack", kPack, "--json"}));
  EXPECT_EQ(late["posted"], 3);
  EXPECT_EQ(late["adjustments"], 1);
  EXPECT_EQ(late["stages"][1]["posted_now"], "10850.00") << "9,280 for Z2 and 1,570 more for Z1";

  const std::string zh = Ok({"settle", "explain", "Z1", "--pack", kPack});
  EXPECT_NE(zh.find("2. 居民大病保险 (resident_critical_illness): 应付 1570.00，已入账 1570.00"), std::string::npos) << zh;
  EXPECT_NE(zh.find("critical_self_paid_before（claim 'Z1'） [2017-03] = ¥30,560.00"), std::string::npos) << zh;
  EXPECT_NE(zh.find("个人自付：2570.00"), std::string::npos) << zh;
  // Wang's year: Z2 and Z1, 121,000 in all; basic 69,440 + 6,860, critical 9,280 + 1,570.
  EXPECT_NE(zh.find("本年累计（2017）：住院 2 次，总费用 121000.00，个人自付 33850.00"), std::string::npos) << zh;
  EXPECT_NE(zh.find("    居民大病保险 10850.00"), std::string::npos) << zh;
  EXPECT_NE(zh.find("    累计 critical_self_paid_on_stay = 33700.00"), std::string::npos) << zh;
  const std::string en = Ok({"settle", "explain", "Z3", "--lang", "en", "--pack", kPack});
  EXPECT_NE(en.find("3. Medical assistance (medical_assistance): due 3694.50, posted 3694.50"), std::string::npos) << en;
  auto json = nlohmann::json::parse(Ok({"settle", "explain", "Z3", "--json", "--pack", kPack}));
  EXPECT_EQ(json["self_pay"], "3263.00");
  EXPECT_EQ(json["lines"][1]["explanation"]["value"], "1392.50");

  const std::string cancelled = Ok({"settle", "cancel", "Z6", "--pack", kPack});
  EXPECT_NE(cancelled.find("(resident_basic_insurance): -3360.00 yuan"), std::string::npos) << cancelled;
  auto after = nlohmann::json::parse(Ok({"settle", "explain", "Z6", "--json", "--pack", kPack}));
  EXPECT_EQ(after["status"], "cancelled");
  EXPECT_EQ(after["lines"][0]["posted"], "0.00");

  // Zibo's pack sets no dual-control limits: the hospital-months, nothing over.
  auto monitored = nlohmann::json::parse(Ok({"settle", "monitor", "--json", "--pack", kPack}));
  ASSERT_EQ(monitored["months"].size(), 4u) << "Z6 was cancelled";
  EXPECT_EQ(monitored["months"][0]["month"], "2017-02");
  EXPECT_EQ(monitored["months"][0]["cost_per_admission"], "110000.00");
  EXPECT_TRUE(monitored["findings"].empty());
}

// A claims file with a bad row is refused whole, naming the row; a claim of a person the
// registry does not hold is refused naming its row; nothing is recorded either way.
TEST_F(SettleCommandTest, BadFilesChangeNothing) {
  const std::string bad = (directory_ / "bad.csv").string();
  std::ofstream(bad) << "claim_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost\n"
                        "B1,370302195803100116,hospital/xiazhuang,2017-03-01,2017-03-10,100.00,200.00\n";
  testing::Outcome refused = Run({"settle", "--claims", bad, "--pack", kPack});
  EXPECT_EQ(refused.exit_code, kExitUserError);
  EXPECT_NE(refused.err.find("bad.csv:2:"), std::string::npos) << refused.err;

  const std::string stranger = (directory_ / "stranger.csv").string();
  std::ofstream(stranger) << "claim_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost\n"
                             "S1,370302195803100116,hospital/xiazhuang,2017-03-01,2017-03-10,100.00,100.00\n"
                             "S2,370302199001010010,hospital/xiazhuang,2017-03-01,2017-03-10,100.00,100.00\n";
  refused = Run({"settle", "--claims", stranger, "--pack", kPack});
  EXPECT_EQ(refused.exit_code, kExitUserError);
  EXPECT_NE(refused.err.find("stranger.csv:3"), std::string::npos) << refused.err;
  testing::Outcome explained = Run({"settle", "explain", "S1", "--pack", kPack});
  EXPECT_EQ(explained.exit_code, kExitUserError);
  EXPECT_NE(explained.err.find("no claim 'S1' is recorded"), std::string::npos) << explained.err;
}

}  // namespace
}  // namespace minsheng::cli
