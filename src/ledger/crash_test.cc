// Crash test (as SQLite's own): a child process commits batches in a loop and is killed
// with SIGKILL at a random moment; after every restart each batch the child saw
// acknowledged is wholly present, no batch is half applied, and the audit passes.
// Rounds: MINSHENG_CRASH_ROUNDS (20 by default; `make test-slow` runs 1,000).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "ledger/audit.h"
#include "ledger/ledger.h"
#include "ledger/testing.h"

namespace minsheng::ledger {
namespace {

constexpr int kTransfersPerBatch = 50;
constexpr int64_t kCheckpointEveryRows = 120;

std::string TransferId(int64_t batch, int i) {
  return "b" + std::to_string(batch) + "/" + std::to_string(i);
}

// The child: commits batch after batch from `first`, writing each acknowledged batch's
// number to `ack`. Never returns.
[[noreturn]] void CommitForever(const std::string& path, int64_t first, int ack) {
  auto store = store::OpenSqlite(path);
  if (!store.ok()) _exit(3);
  // Balances checkpointed every few batches, so that kills land in checkpoints too.
  auto ledger = Ledger::Open(**store, SystemNanoseconds, kCheckpointEveryRows);
  if (!ledger.ok()) _exit(4);
  for (int64_t batch = first;; ++batch) {
    std::vector<Transfer> transfers;
    for (int i = 0; i < kTransfersPerBatch; ++i) {
      transfers.push_back(testing::Move(TransferId(batch, i), "income/budget", "fund/county", 1 + i));
    }
    auto results = (*ledger)->Submit(std::move(transfers));
    if (!results.ok()) _exit(5);
    if (write(ack, &batch, sizeof batch) != sizeof batch) _exit(6);
  }
}

constexpr int kRoundsPerBook = 10;

// New books at `path` (any old file removed): a unit, a source and a fund.
void CreateBooks(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  auto store = store::OpenSqlite(path);
  ASSERT_TRUE(store.ok());
  auto ledger = Ledger::Open(**store);
  ASSERT_TRUE(ledger.ok());
  ASSERT_TRUE((*ledger)->AddUnit(testing::Cny()).ok());
  ASSERT_TRUE((*ledger)->AddAccount(testing::SourceAccount("income/budget")).ok());
  ASSERT_TRUE((*ledger)->AddAccount(testing::FundAccount("fund/county", false)).ok());
}

int64_t CountTransfers(store::Store& store, int64_t batch) {
  auto statement = store.Prepare(
      "SELECT COUNT(*) FROM ledger_journal WHERE kind = 'transfer' AND id >= ? AND id < ?");
  (*statement)->BindText(1, "b" + std::to_string(batch) + "/");
  (*statement)->BindText(2, "b" + std::to_string(batch) + "0");  // '0' follows '/'
  EXPECT_TRUE(*(*statement)->Step());
  const int64_t count = (*statement)->Int(0);
  (*statement)->Reset();
  return count;
}

TEST(LedgerCrash, KilledWriterLosesNoAcknowledgedBatchAndHalvesNone) {
  int rounds = 20;
  if (const char* text = std::getenv("MINSHENG_CRASH_ROUNDS")) rounds = std::atoi(text);
  testing::TempDirectory directory;
  // A SIGKILL tests the process dying mid-write; what it wrote stays in the kernel, so a
  // file in memory (/dev/shm) serves as well as one on disk (a power cut is not tested).
  const std::string path = directory.File("crash.db");
  std::mt19937 random(20130801);
  int64_t next = 1;  // the first batch number the next child commits
  int64_t committed = 0;  // batches committed over all rounds
  for (int round = 0; round < rounds; ++round) {
    // Fresh books every kRoundsPerBook rounds, so that each round's audit reads a journal
    // of bounded size and a thousand rounds take minutes, not hours.
    if (round % kRoundsPerBook == 0) {
      ASSERT_NO_FATAL_FAILURE(CreateBooks(path));
      next = 1;
    }
    int pipe_ends[2];
    ASSERT_EQ(pipe(pipe_ends), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(pipe_ends[0]);
      CommitForever(path, next, pipe_ends[1]);
    }
    close(pipe_ends[1]);
    usleep(std::uniform_int_distribution<useconds_t>(2'000, 40'000)(random));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child exited by itself: " << WEXITSTATUS(status);
    int64_t acknowledged = next - 1;
    int64_t batch = 0;
    while (read(pipe_ends[0], &batch, sizeof batch) == sizeof batch) acknowledged = batch;
    close(pipe_ends[0]);

    auto store = store::OpenSqlite(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto ledger = Ledger::Open(**store);
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    for (int64_t b = next; b <= acknowledged; ++b) {
      ASSERT_EQ(CountTransfers(**store, b), kTransfersPerBatch) << "acknowledged batch " << b;
    }
    // The batch in flight when killed is wholly there or wholly absent.
    const int64_t in_flight = CountTransfers(**store, acknowledged + 1);
    ASSERT_TRUE(in_flight == 0 || in_flight == kTransfersPerBatch) << in_flight;
    committed += acknowledged + (in_flight == 0 ? 1 : 2) - next;
    next = acknowledged + (in_flight == 0 ? 1 : 2);
    auto report = Audit(**store);
    ASSERT_TRUE(report.ok());
    for (const AuditProblem& problem : report->problems) FAIL() << problem.what;
  }
  EXPECT_GT(committed, int64_t{rounds}) << "the children committed too little to test anything";
}

}  // namespace
}  // namespace minsheng::ledger
