// Tests for replaying a run and recomputing months after a correction: a replay proves
// the same amounts even after the registry changed, and names a payment the ledger lacks;
// a correction recorded after the runs produces exactly the arrears and recoveries
// computed by hand, once.
#include "pay/adjust.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ledger/audit.h"
#include "pay/run.h"
#include "pay/testing.h"

namespace minsheng::pay {
namespace {

using ::testing::HasSubstr;
using registry::FileKind;
using registry::testing::WudiId;
using testing::WudiPack;

const std::string kChild = WudiId("20050303", 22);  // H1, on dibao: 140 a month
const std::string kPupil = WudiId("20060404", 42);  // H2: 70 a month

class AdjustTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Import(FileKind::kOrgs, "org_id,name,kind,region\nwudi_school_bus_company,校车公司,enterprise,371623\n");
    Import(FileKind::kHouseholds, "household_id,region\nH1,371623101\nH2,371623102\n");
    Import(FileKind::kPersons, "resident_id,name,household_id,relation,is_student\n" + kChild +
                                   ",张小红,H1,child,true\n" + kPupil + ",李明,H2,child,true\n");
    Import(FileKind::kEnrollments, "program,person_id,household_id,valid_from\nschool_bus," + kChild +
                                       ",,2012-09-01\nschool_bus," + kPupil + ",,2012-09-01\ndibao,,H1,2012-01-01\n");
    ASSERT_NO_FATAL_FAILURE(testing::DeclareAndFund(*store_, 10'000));
    auto ledger = ledger::Ledger::Open(*store_);
    ASSERT_TRUE(ledger.ok());
    ledger_ = std::move(*ledger);
    for (int month = 1; month <= 3; ++month) {
      auto run = Pay(*store_, *ledger_, WudiPack(), {"school_bus_subsidy", Period::Month(2013, month), 200});
      ASSERT_TRUE(run.ok()) << run.status().ToString();
    }
  }
  // Imports `text` as recorded at `at` (the runs read the registry as of 200).
  void Import(FileKind kind, std::string text, int64_t at = 100) {
    auto summary = registry::ImportText(*store_, kind, std::move(text), "t.csv", registry::testing::At(at));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }
  Result<RecomputeSummary> RecomputeQuarter(int64_t now) {
    return Recompute(*store_, *ledger_, WudiPack(),
                     {"school_bus_subsidy", Period::Month(2013, 1), Period::Month(2013, 3), now});
  }
  int64_t CompanyBalance() {
    return ledger_->BalanceOf("payable/org/wudi_school_bus_company")->net_credit();
  }

  registry::testing::TestStore store_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

// A replay recomputes the run as it was made: after a correction recorded later it still
// gives the same amounts; a payment missing from the ledger is named.
TEST_F(AdjustTest, ReplayProvesTheSameAmountsAndNamesWhatDiffers) {
  Import(FileKind::kEnrollments, "program,household_id,valid_from\ndibao,H2,2013-02-01\n", 300);
  const std::string run_id = "school_bus_subsidy/2013-02/" + WudiPack().version.substr(0, 8);
  auto replay = Replay(*store_, *ledger_, WudiPack(), run_id);
  ASSERT_TRUE(replay.ok()) << replay.status().ToString();
  EXPECT_EQ(replay->payees, 2);
  EXPECT_EQ(replay->total_fen, 21000);
  EXPECT_TRUE(replay->differences.empty());

  const std::string pupil_payment =
      PaymentId("school_bus_subsidy", Period::Month(2013, 2), kPupil, WudiPack().version);
  ASSERT_TRUE((*store_).Execute("DELETE FROM ledger_journal WHERE id = '" + pupil_payment + "'").ok());
  replay = Replay(*store_, *ledger_, WudiPack(), run_id);
  ASSERT_TRUE(replay.ok());
  ASSERT_EQ(replay->differences.size(), 1u);
  EXPECT_EQ(replay->differences[0].person_id, kPupil);
  EXPECT_EQ(replay->differences[0].before_fen, 0);
  EXPECT_EQ(replay->differences[0].now_fen, 7000);

  policy::Pack other = WudiPack();
  other.version = "0000000000000000";
  auto refused = Replay(*store_, *ledger_, other, run_id);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().ToString(), HasSubstr("replay needs the pack it used"));
}

// H2 put on dibao from February, recorded after the runs: the pupil was owed the whole
// 140-yuan fare for February and March, and got 70: arrears of 70 and 70. Recomputing
// again posts nothing.
TEST_F(AdjustTest, ACorrectionAfterTheRunsPaysExactlyTheArrears) {
  Import(FileKind::kEnrollments, "program,household_id,valid_from\ndibao,H2,2013-02-01\n", 300);
  EXPECT_EQ(CompanyBalance(), 3 * 21000);
  auto recomputed = RecomputeQuarter(400);
  ASSERT_TRUE(recomputed.ok()) << recomputed.status().ToString();
  EXPECT_EQ(recomputed->posted, 2);
  EXPECT_EQ(recomputed->arrears_fen, 14000);
  EXPECT_EQ(recomputed->recoveries_fen, 0);
  ASSERT_EQ(recomputed->adjustments.size(), 2u);
  EXPECT_EQ(recomputed->adjustments[0].period, "2013-02");
  EXPECT_EQ(recomputed->adjustments[0].before_fen, 7000);
  EXPECT_EQ(recomputed->adjustments[0].now_fen, 14000);
  EXPECT_EQ(CompanyBalance(), 3 * 21000 + 14000);

  auto again = RecomputeQuarter(500);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->posted, 0);
  EXPECT_TRUE(again->adjustments.empty());
  EXPECT_EQ(CompanyBalance(), 3 * 21000 + 14000);

  auto statement = (*store_).Prepare(
      "SELECT receipt FROM pay_receipts WHERE transfer_id = ?");
  (*statement)->BindText(1, "adj/school_bus_subsidy/2013-03/" + kPupil + "/1");
  ASSERT_TRUE(*(*statement)->Step());
  auto receipt = nlohmann::json::parse((*statement)->Text(0));
  (*statement)->Reset();
  EXPECT_EQ(receipt["kind"], "arrears");
  EXPECT_EQ(receipt["paid_before"], "70.00");
  EXPECT_EQ(receipt["due_now"], "140.00");
  EXPECT_EQ(receipt["amount"], "70.00");
}

// The child's school-bus enrollment withdrawn, recorded after the runs: the 140 paid for
// each of the three months is recovered from the bus company's account.
TEST_F(AdjustTest, AWithdrawnEnrollmentIsRecovered) {
  Import(FileKind::kEnrollments, "program,person_id,valid_from,valid_until\nschool_bus," + kChild +
                                     ",2012-09-01,2012-08-31\n", 300);
  auto recomputed = RecomputeQuarter(400);
  ASSERT_TRUE(recomputed.ok()) << recomputed.status().ToString();
  EXPECT_EQ(recomputed->posted, 3);
  EXPECT_EQ(recomputed->recoveries_fen, 3 * 14000);
  EXPECT_EQ(CompanyBalance(), 3 * 7000);
  EXPECT_EQ(ledger_->BalanceOf("fund/school_bus/county")->net_credit(), 10'000 * 100 - 3 * 7000);
  auto report = ledger::Audit(*store_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->problems.empty());
  EXPECT_EQ(RecomputeQuarter(500)->posted, 0);
}

// A month no run paid is not recomputed: it is paid by a run.
TEST_F(AdjustTest, AMonthWithoutARunIsNotRecomputed) {
  auto recomputed = Recompute(*store_, *ledger_, WudiPack(),
                              {"school_bus_subsidy", Period::Month(2013, 3), Period::Month(2013, 4), 400});
  ASSERT_FALSE(recomputed.ok());
  EXPECT_THAT(recomputed.status().ToString(), HasSubstr("no payment run of school_bus_subsidy for 2013-04"));
  EXPECT_EQ(CompanyBalance(), 3 * 21000);
}

}  // namespace
}  // namespace minsheng::pay
