// Tests for payment runs: a month paid once with a receipt for every amount, a re-run
// paying nothing, a fund that cannot cover the run paying nothing, a month paid under
// another pack refused, and a run failing at every write resuming to pay each payee once.
#include "pay/run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ledger/audit.h"
#include "policy/loader.h"
#include "registry/import.h"
#include "registry/testing.h"
#include "pay/receipt.h"
#include "pay/testing.h"
#include "store/faulty_store.h"

namespace minsheng::pay {
namespace {

using ::testing::HasSubstr;
using registry::FileKind;
using registry::testing::At;
using registry::testing::WudiId;

using testing::WudiPack;

const std::string kChild = WudiId("20050303", 22);   // rides, dibao household: 140 yuan
const std::string kPupil = WudiId("20060404", 42);   // rides: 70 yuan
const std::string kFather = WudiId("19800101", 11);  // a township admission: 1,200 yuan

// The registry and the books of a small Wudi: two students on the school bus (one of a
// dibao household), a father with a township-hospital admission in March 2013.
class RunTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(Build(*store_, 5'000)); }

  static void Import(store::Store& store, FileKind kind, std::string text) {
    testing::Import(store, kind, std::move(text));
  }
  // Imports the registry and declares and funds the payers with `fund_yuan` each.
  static void Build(store::Store& store, int64_t fund_yuan) {
    Import(store, FileKind::kOrgs, "org_id,name,kind,level,region\n"
                                   "hospital/1,水湾镇卫生院,hospital,township,371623101\n"
                                   "wudi_school_bus_company,无棣县校车公司,enterprise,,371623\n");
    Import(store, FileKind::kHouseholds, "household_id,region,village\nH1,371623101,东村\nH2,371623102,西村\n");
    Import(store, FileKind::kPersons, "resident_id,name,household_id,relation,scheme,is_student\n" +
                                          kFather + ",张伟,H1,head,ncms,false\n" + kChild +
                                          ",张小红,H1,child,ncms,true\n" + kPupil + ",李明,H2,child,urbmi,true\n");
    Import(store, FileKind::kEnrollments, "program,person_id,household_id,valid_from\n"
                                          "school_bus," + kChild + ",,2012-09-01\n"
                                          "school_bus," + kPupil + ",,2012-09-01\n"
                                          "dibao,,H1,2012-01-01\n");
    Import(store, FileKind::kAdmissions,
           "admission_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost\n"
           "A1," + kFather + ",hospital/1,2013-03-01,2013-03-05,1500,1400\n");
    testing::DeclareAndFund(store, fund_yuan);
  }

  Result<RunSummary> PayMarch(store::Store& store, const std::string& program,
                              const policy::Pack& pack = WudiPack()) {
    auto ledger = ledger::Ledger::Open(store);
    if (!ledger.ok()) return ledger.status();
    return Pay(store, **ledger, pack, {program, Period::Month(2013, 3), 500});
  }
  int64_t Balance(const std::string& account) {
    auto ledger = ledger::Ledger::Open(*store_);
    return (*ledger)->BalanceOf(account)->net_credit();
  }
  nlohmann::json Receipt(const std::string& transfer_id) {
    auto statement = (*store_).Prepare("SELECT receipt FROM pay_receipts WHERE transfer_id = ?");
    (*statement)->BindText(1, transfer_id);
    EXPECT_TRUE(*(*statement)->Step()) << "no receipt " << transfer_id;
    auto stored = nlohmann::ordered_json::parse((*statement)->Text(0));
    (*statement)->Reset();
    // As the command shows it: with the policy sentences it cites.
    auto quoted = WithQuotes(*store_, stored);
    EXPECT_TRUE(quoted.ok()) << quoted.status().ToString();
    return nlohmann::json::parse(quoted->dump());
  }
  void ExpectAuditPasses(store::Store& store) {
    auto report = ledger::Audit(store);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    for (const auto& problem : report->problems) ADD_FAILURE() << problem.what;
  }

  registry::testing::TestStore store_;
};

// March's school-bus subsidy: 140 yuan for the dibao child, 70 for the other, both paid
// to the bus company; the same run again pays nothing; each amount has its receipt.
TEST_F(RunTest, PaysOnceWithAReceiptForEveryAmount) {
  auto run = PayMarch(*store_, "school_bus_subsidy");
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->payees, 2);
  EXPECT_EQ(run->posted, 2);
  EXPECT_EQ(run->total_fen, 21000);
  EXPECT_EQ(Balance("payable/org/wudi_school_bus_company"), 21000);

  auto again = PayMarch(*store_, "school_bus_subsidy");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->resumed);
  EXPECT_EQ(again->posted, 0);
  EXPECT_EQ(again->already, 2);
  EXPECT_EQ(Balance("payable/org/wudi_school_bus_company"), 21000);

  const std::string id =
      PaymentId("school_bus_subsidy", Period::Month(2013, 3), kChild, WudiPack().version);
  nlohmann::json receipt = Receipt(id);
  EXPECT_EQ(receipt["amount"], "140.00");
  EXPECT_EQ(receipt["person_id"], kChild);
  EXPECT_EQ(receipt["payee_account"], "payable/org/wudi_school_bus_company");
  EXPECT_EQ(receipt["pack"]["version"], WudiPack().version);
  bool rides_from_enrollment = false, dibao_from_enrollment = false, fare_cited = false;
  for (const auto& input : receipt["inputs"]) {
    if (input["name"] == "rides_school_bus") {
      rides_from_enrollment = input["records"].size() == 1 &&
                              input["records"][0]["table"] == "registry_enrollments";
    }
    if (input["name"] == "dibao") dibao_from_enrollment = input["records"].size() == 1;
  }
  for (const auto& parameter : receipt["parameters"]) {
    if (parameter["name"] == "p.school_bus_fare") {
      fare_cited = parameter["value"] == "140.00" &&
                   parameter["quote"].get<std::string>().find("140元") != std::string::npos;
    }
  }
  EXPECT_TRUE(rides_from_enrollment) << receipt.dump(2);
  EXPECT_TRUE(dibao_from_enrollment) << receipt.dump(2);
  EXPECT_TRUE(fare_cited) << receipt.dump(2);
  EXPECT_THAT(receipt["explanation"]["zh"].get<std::string>(), HasSubstr("school_bus_subsidy"));
  EXPECT_THAT(receipt["explanation"]["zh"].get<std::string>(), HasSubstr("依据 school_bus.md:36"));
  EXPECT_EQ(receipt["explanation"]["zh"].get<std::string>().find("600多万元"), std::string::npos)
      << "the stored tree cites places; the sentence is kept once, in pay_sources";
  ASSERT_FALSE(receipt["quotes"].empty());
  EXPECT_THAT(receipt["quotes"][0]["quote"].get<std::string>(), HasSubstr("600多万元"));
  EXPECT_THAT(receipt["explanation"]["en"].get<std::string>(), HasSubstr("in force from 2010-09-01"));
  ExpectAuditPasses(*store_);
}

// A person payee gets an account of their own: the township reimbursement of 1,200.
TEST_F(RunTest, PaysPersonsIntoTheirOwnAccounts) {
  auto run = PayMarch(*store_, "township_inpatient_reimbursement");
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->payees, 1);
  EXPECT_EQ(Balance("payable/person/" + kFather), 120000);
  EXPECT_EQ(Balance("fund/medical_insurance/county"), 5'000 * 100 - 120000);
}

// A fund that cannot cover the run pays nothing and says by how much it falls short.
TEST_F(RunTest, AFundThatCannotCoverTheRunPaysNothing) {
  registry::testing::TestStore poor;
  ASSERT_NO_FATAL_FAILURE(Build(*poor, 100));
  auto run = PayMarch(*poor, "school_bus_subsidy");
  ASSERT_FALSE(run.ok());
  EXPECT_THAT(run.status().ToString(), HasSubstr("short by 110.00 yuan"));
  auto ledger = ledger::Ledger::Open(*poor);
  EXPECT_EQ((*ledger)->BalanceOf("fund/school_bus/county")->net_credit(), 10000);
  EXPECT_EQ((*ledger)->FindAccount("payable/org/wudi_school_bus_company"), nullptr);
}

// A month paid under one pack version refuses a run under another.
TEST_F(RunTest, AMonthPaidUnderAnotherPackIsRefused) {
  ASSERT_TRUE(PayMarch(*store_, "school_bus_subsidy").ok());
  policy::Pack changed = WudiPack();
  changed.version = "ffffffffffffffff";
  auto run = PayMarch(*store_, "school_bus_subsidy", changed);
  ASSERT_FALSE(run.ok());
  EXPECT_THAT(run.status().ToString(), HasSubstr("--recompute"));
}

// A store write failing at every point in turn leaves a run that, started again, pays
// each payee exactly once, and books whose audit passes.
TEST_F(RunTest, ARunFailingAtAnyWriteResumesAndPaysEachOnce) {
  for (int64_t fail_at = 1; fail_at < 200; ++fail_at) {
    registry::testing::TestStore fresh;
    ASSERT_NO_FATAL_FAILURE(Build(*fresh, 1'000));
    store::FaultyStore faulty(*fresh, fail_at);
    auto first = PayMarch(faulty, "school_bus_subsidy");
    const bool failed = faulty.failed();
    auto resumed = PayMarch(*fresh, "school_bus_subsidy");
    ASSERT_TRUE(resumed.ok()) << "fail at " << fail_at << ": " << resumed.status().ToString();
    EXPECT_EQ(resumed->posted + resumed->already, 2) << "fail at " << fail_at;
    auto ledger = ledger::Ledger::Open(*fresh);
    EXPECT_EQ((*ledger)->BalanceOf("payable/org/wudi_school_bus_company")->net_credit(), 21000)
        << "fail at " << fail_at;
    ExpectAuditPasses(*fresh);
    if (!failed) {
      ASSERT_TRUE(first.ok()) << first.status().ToString();
      EXPECT_GT(fail_at, 5);
      return;
    }
  }
  FAIL() << "the run never completed without a failure";
}

}  // namespace
}  // namespace minsheng::pay
