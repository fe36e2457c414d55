// Crash test: a child process settles a year of a township hospital's claims, a month's
// file at a time, and is killed with SIGKILL at a random moment; after every kill the
// books open and their audit passes, and once the months are settled again each claim is
// paid exactly what it is due — once.
// Rounds: MINSHENG_CRASH_ROUNDS (20 by default; `make test-slow` runs more).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "ledger/audit.h"
#include "pay/testing.h"
#include "registry/testing.h"
#include "settle/books_testing.h"
#include "settle/settle.h"
#include "settle/testing.h"

namespace minsheng::settle {
namespace {

constexpr int kPersons = 120;
constexpr int kRoundsPerRegistry = 4;

std::string PersonId(int i) {
  char birth[16];
  std::snprintf(birth, sizeof birth, "1960%02d%02d", 1 + i % 12, 1 + (i / 12) % 28);
  return registry::testing::WudiId(birth, 2 * (i / 336) + 1);
}

// A month's claims: every person one stay at the township hospital, discharged on the
// 10th, compliant cost 1,000 to 1,600; NCMS pays it less the 200 deductible.
std::vector<Claim> MonthOfClaims(int month) {
  std::vector<Claim> claims;
  char discharged[16];
  std::snprintf(discharged, sizeof discharged, "2013-%02d-10", month);
  for (int i = 0; i < kPersons; ++i) {
    const int64_t compliant = 1000 + (i % 7) * 100;
    Claim claim = testing::MakeClaim("C" + std::to_string(month) + "-" + std::to_string(i), PersonId(i),
                                     discharged, discharged, compliant + 50, compliant);
    claim.hospital = "hospital/101";
    claims.push_back(std::move(claim));
  }
  return claims;
}

int64_t DueForTheYear() {
  int64_t fen = 0;
  for (int i = 0; i < kPersons; ++i) fen += (800 + (i % 7) * 100) * 100;
  return 12 * fen;
}

void Prepare(store::Store& store) {
  pay::testing::Import(store, registry::FileKind::kOrgs,
                       "org_id,name,kind,level,region\nhospital/101,水湾镇卫生院,hospital,township,371623101\n");
  std::string households = "household_id,region\n", persons = "resident_id,name,household_id,relation,scheme\n";
  for (int i = 0; i < kPersons; ++i) {
    households += "H" + std::to_string(i) + ",371623101\n";
    persons += PersonId(i) + ",某,H" + std::to_string(i) + ",head,ncms\n";
  }
  pay::testing::Import(store, registry::FileKind::kHouseholds, households);
  pay::testing::Import(store, registry::FileKind::kPersons, persons);
  ASSERT_NO_FATAL_FAILURE(testing::DeclareWudiFunds(store, 10'000'000));
}

// The child: settles each month's file in order, then exits 0.
[[noreturn]] void SettleTheYear(const std::string& path) {
  auto store = store::OpenSqlite(path);
  if (!store.ok()) _exit(3);
  auto ledger = ledger::Ledger::Open(**store);
  if (!ledger.ok()) _exit(4);
  for (int month = 1; month <= 12; ++month) {
    auto settled = Settle(**store, **ledger, pay::testing::WudiPack(), MonthOfClaims(month), {ledger::SystemNanoseconds()});
    if (!settled.ok()) _exit(5);
  }
  _exit(0);
}

void ExpectSound(store::Store& store) {
  auto report = ledger::Audit(store);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const ledger::AuditProblem& problem : report->problems) FAIL() << problem.what;
}

TEST(SettleCrash, KilledSettlementsResumeAndPayEachClaimOnce) {
  int rounds = 20;
  if (const char* text = std::getenv("MINSHENG_CRASH_ROUNDS")) rounds = std::atoi(text);
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("minsheng-settle-crash-" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "county.db").string();
  std::mt19937 random(20130810);
  int kills = 0;
  for (int round = 0; round < rounds; ++round) {
    if (round % kRoundsPerRegistry == 0) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
      auto store = store::OpenSqlite(path);
      ASSERT_TRUE(store.ok());
      ASSERT_NO_FATAL_FAILURE(Prepare(**store));
    }
    if (pay::testing::KillAtRandom([&] { SettleTheYear(path); }, random, 200'000)) ++kills;
    if (::testing::Test::HasFailure()) return;
    auto store = store::OpenSqlite(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_NO_FATAL_FAILURE(ExpectSound(**store));
    if (round % kRoundsPerRegistry == kRoundsPerRegistry - 1 || round == rounds - 1) {
      // Every month settled again and left to finish: each claim paid what it is due.
      auto ledger = ledger::Ledger::Open(**store);
      ASSERT_TRUE(ledger.ok());
      for (int month = 1; month <= 12; ++month) {
        auto settled = Settle(**store, **ledger, pay::testing::WudiPack(), MonthOfClaims(month),
                              {ledger::SystemNanoseconds()});
        ASSERT_TRUE(settled.ok()) << settled.status().ToString();
        ASSERT_EQ(settled->recorded + settled->known, kPersons);
      }
      EXPECT_EQ((*ledger)->BalanceOf("payable/org/hospital/101")->net_credit(), DueForTheYear());
      auto again = Settle(**store, **ledger, pay::testing::WudiPack(), MonthOfClaims(6), {ledger::SystemNanoseconds()});
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(again->posted, 0) << "nothing is paid twice";
      ASSERT_NO_FATAL_FAILURE(ExpectSound(**store));
    }
  }
  std::filesystem::remove_all(directory);
  EXPECT_GE(kills, rounds / 2) << "most children should have been killed mid-year";
}

}  // namespace
}  // namespace minsheng::settle
