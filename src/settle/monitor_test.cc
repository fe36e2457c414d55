// Tests for dual control (双控) with the Wudi pack's limits: a township hospital's month
// over its cost per admission, its growth over the previous month, a diagnosis's growth,
// and a month within every limit; cancelled stays do not count.
#include "settle/monitor.h"

#include <gtest/gtest.h>

#include "pay/testing.h"
#include "registry/testing.h"
#include "settle/books_testing.h"
#include "settle/settle.h"
#include "settle/testing.h"

namespace minsheng::settle {
namespace {

class MonitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pay::testing::Import(*store_, registry::FileKind::kOrgs,
                         "org_id,name,kind,level,region\nhospital/101,水湾镇卫生院,hospital,township,371623101\n");
    pay::testing::Import(*store_, registry::FileKind::kHouseholds, "household_id,region\nH1,371623101\n");
    pay::testing::Import(*store_, registry::FileKind::kPersons,
                         "resident_id,name,household_id,relation,scheme\n" + a_ + ",张伟,H1,head,ncms\n");
    ASSERT_NO_FATAL_FAILURE(testing::DeclareWudiFunds(*store_, 1'000'000));
    auto ledger = ledger::Ledger::Open(*store_);
    ASSERT_TRUE(ledger.ok());
    ledger_ = std::move(*ledger);
  }
  void Stay(const char* id, const char* discharged, int64_t total, const char* diagnosis) {
    Claim claim = testing::MakeClaim(id, a_, discharged, discharged, total, total);
    claim.hospital = "hospital/101";
    claim.diagnosis = diagnosis;
    auto settled = Settle(*store_, *ledger_, pay::testing::WudiPack(), {claim}, {++now_});
    ASSERT_TRUE(settled.ok()) << settled.status().ToString();
  }

  registry::testing::TestStore store_;
  std::unique_ptr<ledger::Ledger> ledger_;
  const std::string a_ = registry::testing::WudiId("19800101", 11);
  int64_t now_ = 1000;
};

// March: 1,000 and 1,100 (J18.9), average 1,050.00, within the 1,500 limit.
// April: 1,500 (J18.9) and 1,700 (I10), average 1,600.00: over 1,500, and over March's
// 1,050 × 110% = 1,155.00; the total 3,200 over 2,100 × 110% = 2,310.00; J18.9's 1,500
// over its March average 1,050 × 110% = 1,155.00 (I10 had no March to grow from).
// A third April stay, cancelled, counts nowhere.
TEST_F(MonitorTest, AMonthOverItsLimitsAndItsGrowth) {
  Stay("M1", "2013-03-05", 1000, "J18.9");
  Stay("M2", "2013-03-20", 1100, "J18.9");
  Stay("A1", "2013-04-03", 1500, "J18.9");
  Stay("A2", "2013-04-18", 1700, "I10");
  Stay("A3", "2013-04-25", 90000, "I10");
  ASSERT_TRUE(Cancel(*store_, *ledger_, pay::testing::WudiPack(), "A3", {++now_}).ok());

  auto all = Monitor(*store_, pay::testing::WudiPack(), std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->months.size(), 2u);
  EXPECT_EQ(all->months[0].per_admission_fen, 105000);
  EXPECT_EQ(all->months[1].admissions, 2);
  EXPECT_EQ(all->months[1].total_fen, 320000);
  ASSERT_EQ(all->findings.size(), 4u);
  EXPECT_EQ(all->findings[0].check, "cost_per_admission");
  EXPECT_EQ(all->findings[0].value_fen, 160000);
  EXPECT_EQ(all->findings[0].limit_fen, 150000);
  EXPECT_EQ(all->findings[1].check, "growth_cost_per_admission");
  EXPECT_EQ(all->findings[1].limit_fen, 115500);
  EXPECT_EQ(all->findings[1].previous_fen, 105000);
  EXPECT_EQ(all->findings[2].check, "growth_total_cost");
  EXPECT_EQ(all->findings[2].limit_fen, 231000);
  EXPECT_EQ(all->findings[3].check, "growth_diagnosis");
  EXPECT_EQ(all->findings[3].diagnosis, "J18.9");
  EXPECT_EQ(all->findings[3].value_fen, 150000);

  auto march = Monitor(*store_, pay::testing::WudiPack(), Period::Month(2013, 3));
  ASSERT_TRUE(march.ok());
  EXPECT_EQ(march->months.size(), 1u);
  EXPECT_TRUE(march->findings.empty());
}

}  // namespace
}  // namespace minsheng::settle
