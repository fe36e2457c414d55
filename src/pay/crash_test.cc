// Crash test: a child process pays the school-bus subsidy for the twelve months of 2013
// and is killed with SIGKILL at a random moment; after every kill the books open and
// their audit passes and every month is paid wholly or not at all, and once the runs
// are started again and finish, each student is paid exactly once a month.
// Rounds: MINSHENG_CRASH_ROUNDS (20 by default; `make test-slow` runs more).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "ledger/audit.h"
#include "pay/run.h"
#include "pay/testing.h"

namespace minsheng::pay {
namespace {

constexpr int kStudents = 400;
constexpr int kRoundsPerRegistry = 4;

// The child: pays every month of 2013 in order, then exits 0.
[[noreturn]] void PayTheYear(const std::string& path) {
  auto store = store::OpenSqlite(path);
  if (!store.ok()) _exit(3);
  auto ledger = ledger::Ledger::Open(**store);
  if (!ledger.ok()) _exit(4);
  for (int month = 1; month <= 12; ++month) {
    auto run = Pay(**store, **ledger, testing::WudiPack(),
                   {"school_bus_subsidy", Period::Month(2013, month), ledger::SystemNanoseconds()});
    if (!run.ok()) _exit(5);
  }
  _exit(0);
}

// Accepted school-bus payments of a month.
int64_t PaidIn(store::Store& store, int month) {
  char prefix[64];
  std::snprintf(prefix, sizeof prefix, "pay/school_bus_subsidy/2013-%02d/", month);
  auto statement = store.Prepare(
      "SELECT COUNT(*) FROM ledger_journal WHERE kind = 'transfer' AND id >= ? AND id < ?");
  (*statement)->BindText(1, prefix);
  std::string end = prefix;
  end.back() = '0';  // '0' follows '/'
  (*statement)->BindText(2, end);
  EXPECT_TRUE(*(*statement)->Step());
  const int64_t count = (*statement)->Int(0);
  (*statement)->Reset();
  return count;
}

void ExpectSound(store::Store& store) {
  auto report = ledger::Audit(store);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const ledger::AuditProblem& problem : report->problems) FAIL() << problem.what;
  for (int month = 1; month <= 12; ++month) {
    const int64_t paid = PaidIn(store, month);
    ASSERT_TRUE(paid == 0 || paid == kStudents) << "month " << month << " half paid: " << paid;
  }
}

TEST(PayCrash, KilledRunsResumeAndPayEachStudentOnceAMonth) {
  int rounds = 20;
  if (const char* text = std::getenv("MINSHENG_CRASH_ROUNDS")) rounds = std::atoi(text);
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("minsheng-pay-crash-" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "county.db").string();
  std::mt19937 random(20130301);
  int kills = 0;
  for (int round = 0; round < rounds; ++round) {
    if (round % kRoundsPerRegistry == 0) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
      auto store = store::OpenSqlite(path);
      ASSERT_TRUE(store.ok());
      ASSERT_NO_FATAL_FAILURE(testing::ImportStudents(**store, kStudents));
      ASSERT_NO_FATAL_FAILURE(testing::DeclareAndFund(**store, 1'000'000));
    }
    // Killed within 60 ms: a quiet machine pays the year's 4,800 payments in well under
    // 150 ms, and a kill drawn from a window that long often came after the year was paid
    // (8 kills in 20 rounds on 2026-11-24).
    if (testing::KillAtRandom([&] { PayTheYear(path); }, random, 60'000)) ++kills;
    if (::testing::Test::HasFailure()) return;
    auto store = store::OpenSqlite(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_NO_FATAL_FAILURE(ExpectSound(**store));
    if (round % kRoundsPerRegistry == kRoundsPerRegistry - 1 || round == rounds - 1) {
      // The runs started again and left to finish: every month paid once, in full.
      auto ledger = ledger::Ledger::Open(**store);
      ASSERT_TRUE(ledger.ok());
      for (int month = 1; month <= 12; ++month) {
        auto run = Pay(**store, **ledger, testing::WudiPack(),
                       {"school_bus_subsidy", Period::Month(2013, month), ledger::SystemNanoseconds()});
        ASSERT_TRUE(run.ok()) << run.status().ToString();
        ASSERT_EQ(run->posted + run->already, kStudents);
        ASSERT_EQ(PaidIn(**store, month), kStudents);
      }
      EXPECT_EQ((*ledger)->BalanceOf("payable/org/wudi_school_bus_company")->net_credit(),
                12 * testing::MonthlyFen(kStudents));
      ASSERT_NO_FATAL_FAILURE(ExpectSound(**store));
    }
  }
  std::filesystem::remove_all(directory);
  EXPECT_GE(kills, rounds / 2) << "most children should have been killed mid-year";
}

}  // namespace
}  // namespace minsheng::pay
