// Tests for settling claims into the books with the Wudi pack: each stage posted once, a
// late claim posting only the differences it makes, a cancellation paying back and
// settling the year again, and bad claims changing nothing — amounts computed by hand.
#include "settle/settle.h"

#include <gtest/gtest.h>

#include <map>

#include "ledger/ledger.h"
#include "ledger/testing.h"
#include "pay/testing.h"
#include "registry/testing.h"
#include "settle/books_testing.h"
#include "settle/schema.h"
#include "settle/testing.h"

namespace minsheng::settle {
namespace {

using testing::MakeClaim;

class SettleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pay::testing::Import(*store_, registry::FileKind::kOrgs,
                         "org_id,name,kind,level,region\n"
                         "hospital/101,水湾镇卫生院,hospital,township,371623101\n"
                         "hospital/county,无棣县人民医院,hospital,county,371623\n"
                         "school/1,水湾镇中学,school,,371623101\n");
    pay::testing::Import(*store_, registry::FileKind::kHouseholds, "household_id,region\nH1,371623101\n");
    pay::testing::Import(*store_, registry::FileKind::kPersons,
                         "resident_id,name,household_id,relation,scheme\n" + a_ + ",张伟,H1,head,ncms\n" + r_ +
                             ",李娜,H1,spouse,ncms\n");
    pay::testing::Import(*store_, registry::FileKind::kEnrollments,
                         "program,person_id,household_id,valid_from\nrelief_case," + r_ + ",,2013-01-01\n");
    ASSERT_NO_FATAL_FAILURE(testing::DeclareWudiFunds(*store_, 1'000'000));
    auto opened = ledger::Ledger::Open(*store_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ledger_ = std::move(*opened);
  }

  Claim At(const char* id, const std::string& person, const char* hospital, const char* discharged,
           int64_t total, int64_t compliant) {
    Claim claim = MakeClaim(id, person, discharged, discharged, total, compliant);
    claim.hospital = hospital;
    return claim;
  }
  Result<SettleSummary> Run(const std::vector<Claim>& claims) {
    return Settle(*store_, *ledger_, pay::testing::WudiPack(), claims, {++now_});
  }
  // What the ledger holds credited (less debited) on an account, in fen.
  int64_t Balance(const std::string& account) {
    auto balance = ledger_->BalanceOf(account);
    return balance.ok() ? balance->credits_posted - balance->debits_posted : -1;
  }
  int64_t Rows(const char* table) { return registry::testing::CountRows(*store_, table); }
  // The recordings of claims counted (settle_state).
  int64_t Recordings() {
    auto statement = (*store_).Prepare("SELECT recordings FROM settle_state WHERE id = 1");
    EXPECT_TRUE(*(*statement)->Step());
    const int64_t recordings = (*statement)->Int(0);
    (*statement)->Reset();
    return recordings;
  }
  // R2 and R3 settled, then R1, discharged before them: what each posts (worked out above
  // ALateClaimAndACancellationPostOnlyTheDifferences).
  void SettleRAndTheLateR1() {
    auto first = Run({At("R2", r_, "hospital/101", "2013-10-05", 8000, 3000),
                      At("R3", r_, "hospital/county", "2013-11-20", 50000, 50000)});
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_EQ(first->posted, 3);
    EXPECT_EQ(Balance("payable/person/" + r_), 10000 + 1990000);
    auto late = Run({At("R1", r_, "hospital/101", "2013-09-10", 10000, 6000)});
    ASSERT_TRUE(late.ok()) << late.status().ToString();
    EXPECT_EQ(late->posted, 3);
    EXPECT_EQ(late->adjustments, 2);
    EXPECT_EQ(late->stages[0].fen, 580000);
    EXPECT_EQ(late->stages[1].fen, 0) << "+2,100 and −2,100";
    EXPECT_EQ(Balance("payable/person/" + r_), 220000 + 1780000);
  }
  // The inputs a line keeps: the year's sums before its claim.
  std::string InputsOf(const std::string& transfer_id) {
    auto statement = (*store_).Prepare("SELECT inputs FROM settle_lines WHERE transfer_id = ?");
    (*statement)->BindText(1, transfer_id);
    auto row = (*statement)->Step();
    std::string inputs = row.ok() && *row ? (*statement)->Text(0) : "(none)";
    (*statement)->Reset();
    return inputs;
  }
  // R's claims as stored, in discharge order: "id self-pay year-to-date" each, "-" for
  // what a cancelled claim keeps none of.
  std::string ClaimsOfR() {
    auto statement = (*store_).Prepare(
        "SELECT claim_id, self_pay, year_to_date FROM settle_claims WHERE person_id = ? AND year = 2013");
    (*statement)->BindText(1, r_);
    std::map<std::string, std::string> by_discharge;  // R1, R2, R3 are discharged in that order
    while (*(*statement)->Step()) {
      const std::string id = (*statement)->Text(0);
      by_discharge[id] = id + " " + ((*statement)->IsNull(1) ? "-" : std::to_string((*statement)->Int(1))) + " " +
                         ((*statement)->IsNull(2) ? "-" : (*statement)->Text(2));
    }
    std::string claims;
    for (const auto& [id, claim] : by_discharge) claims += (claims.empty() ? "" : "; ") + claim;
    return claims;
  }

  registry::testing::TestStore store_;
  std::unique_ptr<ledger::Ledger> ledger_;
  const std::string a_ = registry::testing::WudiId("19800101", 11);
  const std::string r_ = registry::testing::WudiId("19820202", 12);
  int64_t now_ = 1000;
};

// A1 (NCMS, township, 2013-03-10, compliant 1,000) pays (1,000 − 200) × 100% = 800.00 to
// the hospital, once: settling the same file again posts nothing.
TEST_F(SettleTest, EachStagePostsOnceToItsPayee) {
  const std::vector<Claim> claims = {At("A1", a_, "hospital/101", "2013-03-10", 1200, 1000)};
  auto first = Run(claims);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->recorded, 1);
  EXPECT_EQ(first->posted, 1);
  EXPECT_EQ(first->stages[0].fen, 80000);
  EXPECT_EQ(Balance("payable/org/hospital/101"), 80000);
  EXPECT_EQ(Recordings(), 1);
  auto again = Run(claims);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->known, 1);
  EXPECT_EQ(again->posted, 0);
  EXPECT_EQ(Balance("payable/org/hospital/101"), 80000);
  EXPECT_EQ(Recordings(), 1) << "nothing new, changed or to pay: nothing recorded";
}

// The relief fund over R's year. R2 (township, 2013-10-05, total 8,000, compliant 3,000)
// and R3 (county, 2013-11-20, total 50,000) first: R2 basic 2,800, self-pay 5,200, relief
// (5,200 − 5,000) × 50% = 100.00; R3 self-pay 50,000 above: 25,000, the cap leaves
// 19,900.00. Then R1 arrives late (township, 2013-09-10, total 10,000, compliant 6,000):
// basic 5,800, self-pay 4,200, relief 0; R2 becomes (9,400 − 5,000) × 50% = 2,200.00
// (+2,100) and R3 20,000 − 2,200 = 17,800.00 (−2,100): two adjustments and R1's line.
// Cancelling R1 pays its 5,800 back and returns R2 and R3 to 100.00 and 19,900.00.
TEST_F(SettleTest, ALateClaimAndACancellationPostOnlyTheDifferences) {
  ASSERT_NO_FATAL_FAILURE(SettleRAndTheLateR1());
  auto r2 = ExplainSettled(*store_, *ledger_, pay::testing::WudiPack(), "R2");
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->lines[1].due_fen, 220000);
  EXPECT_EQ(r2->lines[1].posted_fen, 220000);
  EXPECT_EQ(r2->self_pay_fen, 800000 - 280000 - 220000);
  ASSERT_EQ(r2->transfers.size(), 3u);
  EXPECT_EQ(r2->transfers[2].id, "settle/R2/relief_fund/2");
  // Each line keeps the year's sums its stage read; the year's first claim read none.
  EXPECT_EQ(InputsOf("settle/R1/township_basic_insurance/1"), "{}");
  EXPECT_EQ(InputsOf("settle/R2/relief_fund/2"),
            R"({"self_paid_after_insurance_before":"4200.00"})");
  // The year: three stays of 68,000 in all; basic 5,800 + 2,800, relief 2,200 + 17,800.
  EXPECT_EQ(r2->year.admissions, 3);
  EXPECT_EQ(r2->year.paid_fen, (std::vector<int64_t>{860000, 2000000}));
  // Its accumulators: the self-pay after insurance 4,200 + 5,200 + 50,000, relief 20,000.
  // Each claim keeps its self-pay and the year to date: R1 10,000 − 5,800; R2 8,000 −
  // 2,800 − 2,200; R3 50,000 − 17,800, where the year's sums stand.
  EXPECT_EQ(ClaimsOfR(), R"(R1 420000 {"self_paid_after_insurance":"4200.00"}; )"
                         R"(R2 300000 {"self_paid_after_insurance":"9400.00","relief_fund":"2200.00"}; )"
                         R"(R3 3220000 {"self_paid_after_insurance":"59400.00","relief_fund":"20000.00"})");

  auto cancelled = Cancel(*store_, *ledger_, pay::testing::WudiPack(), "R1", {++now_});
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->posted, 3);
  EXPECT_EQ(cancelled->stages[0].fen, -580000);
  EXPECT_EQ(Balance("payable/org/hospital/101"), 280000);
  EXPECT_EQ(Balance("payable/person/" + r_), 10000 + 1990000);
  // R1 keeps nothing; R2 is back to 8,000 − 2,800 − 100 and R3 to 50,000 − 19,900.
  EXPECT_EQ(ClaimsOfR(), R"(R1 - -; R2 510000 {"self_paid_after_insurance":"5200.00","relief_fund":"100.00"}; )"
                         R"(R3 3010000 {"self_paid_after_insurance":"55200.00","relief_fund":"20000.00"})");
  auto resubmitted = Run({At("R1", r_, "hospital/101", "2013-09-10", 10000, 6000)});
  ASSERT_FALSE(resubmitted.ok());
  EXPECT_EQ(resubmitted.status().message(), "claim 'R1' was cancelled; a new stay needs a new claim id");
}

// A line whose transfer the ledger refused — the relief fund short — leaves the claim to
// be paid when it comes again (recorded before, then), once the fund is there, by the
// stage's next transfer id (a refused id stays refused): R3 alone, relief (50,000 − 5,000)
// × 50% capped at 20,000.00, from a fund drained to 10.00, then refilled.
TEST_F(SettleTest, LinesRecordedButNotPostedArePostedWhenTheClaimsComeAgain) {
  const auto move = [&](const char* id, const std::string& from, const std::string& to, int64_t fen) {
    auto results = ledger_->Submit({ledger::testing::Move(id, from, to, fen)});
    ASSERT_TRUE(results.ok() && results->front() == ledger::TransferResult::kOk);
  };
  ASSERT_NO_FATAL_FAILURE(move("drain", "fund/relief_fund/county", "income/county", 99'999'000));
  const std::vector<Claim> claims = {At("R3", r_, "hospital/county", "2013-11-20", 50000, 50000)};
  auto refused = Run(claims);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("the ledger refused settle/R3/relief_fund/1"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(Rows("settle_lines"), 1);  // recorded, not posted: no basic insurance at the county (NCMS 0)
  EXPECT_EQ(Balance("payable/person/" + r_), 0);

  ASSERT_NO_FATAL_FAILURE(move("refill", "income/county", "fund/relief_fund/county", 99'999'000));
  auto again = Run(claims);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->known, 1);
  EXPECT_EQ(again->posted, 1);
  // The refused transfer's id stays refused: the relief is paid by the stage's second.
  EXPECT_EQ(Rows("settle_lines"), 2);
  EXPECT_EQ(Balance("payable/person/" + r_), 2000000);
  auto explained = ExplainSettled(*store_, *ledger_, pay::testing::WudiPack(), "R3");
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  ASSERT_EQ(explained->transfers.size(), 1u);
  EXPECT_EQ(explained->transfers[0].id, "settle/R3/relief_fund/2");
  EXPECT_EQ(explained->lines[1].posted_fen, 2000000);
  auto once_more = Run(claims);
  ASSERT_TRUE(once_more.ok()) << once_more.status().ToString();
  EXPECT_EQ(once_more->posted, 0);
  EXPECT_EQ(Balance("payable/person/" + r_), 2000000);
}

// The same late claim among many recorded claims (of another person): its year's claims
// are then looked up, not read in one pass over all, and the same differences posted.
TEST_F(SettleTest, ALateClaimIsFoundAmongManyRecordedClaims) {
  std::vector<Claim> others;
  for (int month = 1; month <= 10; ++month) {
    const std::string day = "2013-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-01";
    others.push_back(At(("A" + std::to_string(month)).c_str(), a_, "hospital/101", day.c_str(), 1000, 1000));
  }
  auto recorded = Run(others);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(Rows("settle_facts"), 1) << "A's ten claims, one set of facts";
  SettleRAndTheLateR1();
  EXPECT_EQ(Rows("settle_facts"), 2) << "R, a relief case, has facts of her own";
}

// A settlement that fails in the cascade records nothing: here a claim whose compliant
// cost exceeds its total (which a claims file refuses), so that basic insurance would pay
// more than the stay cost.
TEST_F(SettleTest, AFailedCascadeRecordsNothing) {
  const int64_t batches = ledger_->batch_count();
  auto failed = Run({At("A1", a_, "hospital/101", "2013-03-10", 1200, 1000),
                     At("Z1", a_, "hospital/101", "2013-03-12", 500, 5000)});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("more than its total cost"), std::string::npos)
      << failed.status().message();
  EXPECT_EQ(Rows("settle_claims"), 0);
  EXPECT_EQ(Rows("settle_lines"), 0);
  EXPECT_EQ(ledger_->batch_count(), batches);
}

// Claims naming a person or a hospital the registry does not hold, an organisation that
// is not a hospital, or reusing an id with other data are refused; nothing is recorded
// or posted.
TEST_F(SettleTest, BadClaimsChangeNothing) {
  const int64_t batches = ledger_->batch_count();
  auto unknown = Run({At("A1", a_, "hospital/101", "2013-03-10", 1200, 1000),
                      At("X1", registry::testing::WudiId("19900101", 31), "hospital/101", "2013-03-10", 10, 10),
                      At("X2", a_, "school/1", "2013-03-10", 10, 10)});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("in the registry"), std::string::npos) << unknown.status().message();
  EXPECT_NE(unknown.status().message().find("school/1"), std::string::npos) << unknown.status().message();
  EXPECT_EQ(ledger_->batch_count(), batches);
  EXPECT_EQ(Rows("settle_claims"), 0);

  ASSERT_TRUE(Run({At("A1", a_, "hospital/101", "2013-03-10", 1200, 1000)}).ok());
  auto reused = Run({At("A1", a_, "hospital/101", "2013-03-10", 1500, 1000)});
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.status().code(), ErrorCode::kAlreadyExists);
  auto elsewhere = Run({At("A1", r_, "hospital/101", "2014-03-10", 1200, 1000)});
  ASSERT_FALSE(elsewhere.ok()) << "the id of a claim of another person and year";
  EXPECT_EQ(elsewhere.status().message(),
            "claim 'A1' was recorded with other data; cancel it (minsheng settle cancel) and submit the stay "
            "under a new id");
  EXPECT_EQ(Rows("settle_claims"), 1);

  // Among many new claims (written 64 to a statement), the one whose id another person's
  // year holds is named, and none of them is recorded.
  const int64_t posted_before = ledger_->batch_count();
  std::vector<Claim> many;
  std::vector<std::string> ids;
  for (int i = 0; i < 70; ++i) ids.push_back("R" + std::to_string(100 + i));
  ids[40] = "A1";
  for (const std::string& id : ids) many.push_back(At(id.c_str(), r_, "hospital/101", "2014-03-10", 120, 100));
  auto among = Run(many);
  ASSERT_FALSE(among.ok());
  EXPECT_EQ(among.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(among.status().message(),
            "claim 'A1' was recorded with other data; cancel it (minsheng settle cancel) and submit the stay "
            "under a new id");
  EXPECT_EQ(Rows("settle_claims"), 1);
  EXPECT_EQ(ledger_->batch_count(), posted_before);
}

// Two settlements of R's year at once: while R3 (county, 50,000 of self-pay) is being
// settled alone — its relief (50,000 − 5,000) × 50% capped at 20,000 — another process
// settles R2 (relief 100.00). Recorded, the two would pay 20,100 against the cap of
// 20,000; so the first records nothing and says to run it again, and run again it
// settles R3 after R2: 20,000 − 100 = 19,900.00.
TEST_F(SettleTest, ASettlementOvertakenByAnotherRecordsNothing) {
  SettleOptions options(++now_);
  options.before_recording = [&] {
    auto other = store_->OpenReader();  // another connection, as another process has
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    auto books = ledger::Ledger::Open(**other);
    ASSERT_TRUE(books.ok()) << books.status().ToString();
    auto r2 = Settle(**other, **books, pay::testing::WudiPack(),
                     {At("R2", r_, "hospital/101", "2013-10-05", 8000, 3000)}, {++now_});
    ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  };
  const Claim r3 = At("R3", r_, "hospital/county", "2013-11-20", 50000, 50000);
  auto overtaken = Settle(*store_, *ledger_, pay::testing::WudiPack(), {r3}, options);
  ASSERT_FALSE(overtaken.ok());
  EXPECT_EQ(overtaken.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(overtaken.status().message().find("run it again"), std::string::npos) << overtaken.status().message();
  EXPECT_EQ(Rows("settle_claims"), 1) << "R2 only";
  // This ledger's memory is behind the other connection's batch: opened again, as the
  // next command would.
  auto reopened = ledger::Ledger::Open(*store_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  ledger_ = std::move(*reopened);
  auto again = Run({r3});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->stages[1].fen, 1990000);
  EXPECT_EQ(Balance("payable/person/" + r_), 10000 + 1990000);
}

// A store of schema version 2 — claims, and each person's year in settle_years — is
// upgraded: settle_years is gone, the claims keep their data with no settlement stored,
// and the same claims submitted again store it (A1: 1,200 − 800.00 = 400.00 self-pay).
TEST_F(SettleTest, AStoreOfVersion2IsUpgraded) {
  ASSERT_TRUE(store::Migrate(*store_, "settle", SettleMigrations().first(2)).ok());
  ASSERT_TRUE(store::ExecuteBound(*store_,
                                  "INSERT INTO settle_claims (claim_id, person_id, year, hospital, hospital_level, "
                                  "admitted, discharged, total_cost, compliant_cost, diagnosis, items, person_facts, "
                                  "status, recorded_at) VALUES ('A1', ?, 2013, 'hospital/101', 'township', "
                                  "'2013-03-10', '2013-03-10', 120000, 100000, '', '[]', "
                                  "'{\"scheme\":\"ncms\",\"relief_case\":\"false\"}', 'settled', 1)",
                                  [&](store::Statement& s) { s.BindText(1, a_); })
                  .ok());
  ASSERT_TRUE(store::ExecuteBound(*store_,
                                  "INSERT INTO settle_years (person_id, year, admissions, total_cost, compliant_cost, "
                                  "self_pay, paid, accumulators, settled_at) VALUES (?, 2013, 1, 120000, 100000, "
                                  "40000, '{}', '{}', 1)",
                                  [&](store::Statement& s) { s.BindText(1, a_); })
                  .ok());
  ASSERT_TRUE(MigrateSettleTables(*store_).ok());
  auto tables = (*store_).Prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'settle_years'");
  ASSERT_TRUE(*(*tables)->Step());
  EXPECT_EQ((*tables)->Int(0), 0);
  (*tables)->Reset();
  // Version 5: the facts stored once and named by the claim; lines without accounts.
  auto facts = (*store_).Prepare(
      "SELECT settle_facts.id, settle_facts.facts FROM settle_claims JOIN settle_facts ON settle_facts.id = "
      "settle_claims.facts_id");
  ASSERT_TRUE(*(*facts)->Step());
  EXPECT_EQ((*facts)->Int(0), 1);
  EXPECT_EQ((*facts)->Text(1), R"({"scheme":"ncms","relief_case":"false"})");
  (*facts)->Reset();
  auto columns = (*store_).Prepare(
      "SELECT COUNT(*) FROM pragma_table_info('settle_lines') WHERE name IN ('payer_account', 'payee_account')");
  ASSERT_TRUE(*(*columns)->Step());
  EXPECT_EQ((*columns)->Int(0), 0);
  (*columns)->Reset();
  const auto stored = [&] {
    auto statement = (*store_).Prepare("SELECT total_cost, self_pay, year_to_date FROM settle_claims");
    EXPECT_TRUE(*(*statement)->Step());
    std::string row = std::to_string((*statement)->Int(0)) + " " +
                      ((*statement)->IsNull(1) ? "-" : std::to_string((*statement)->Int(1))) + " " +
                      ((*statement)->IsNull(2) ? "-" : (*statement)->Text(2));
    (*statement)->Reset();
    return row;
  };
  EXPECT_EQ(stored(), "120000 - -");
  auto again = Run({At("A1", a_, "hospital/101", "2013-03-10", 1200, 1000)});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->known, 1);
  EXPECT_EQ(again->posted, 1) << "the claim recorded under version 2 had no line yet";
  EXPECT_EQ(stored(), R"(120000 40000 {"self_paid_after_insurance":"400.00"})");
  EXPECT_EQ(Rows("settle_facts"), 1) << "the same facts, stored once";

  // A claim whose facts the store lacks is refused by name, never left out of its year.
  ASSERT_TRUE(store::ExecuteBound(*store_, "UPDATE settle_claims SET facts_id = 99", [](store::Statement&) {}).ok());
  auto lacking = Run({At("A2", a_, "hospital/101", "2013-04-10", 1200, 1000)});
  ASSERT_FALSE(lacking.ok());
  EXPECT_EQ(lacking.status().message(), "claim 'A1' names patient facts the store lacks (settle_facts)");
  EXPECT_EQ(Rows("settle_claims"), 1);
}

}  // namespace
}  // namespace minsheng::settle
