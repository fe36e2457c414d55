// ledger_bench: durable transfers per second through the ledger's own API.
//
// A plain main(), like engine_bench: each figure is a run of whole batches, too long and
// too stateful (every transfer is a new journal row) for Google Benchmark's loop. In a
// fresh directory on disk (not /dev/shm: what is measured is what survives a power cut)
// it opens a SQLite store, declares the unit CNY, one income account without limits and
// kAccounts fund accounts that may not be overdrawn, and funds them (untimed, at
// synchronous=NORMAL, since 10,000 declarations are 10,000 commits). Each run then
// opens its own copy of those funded books as the ledger runs in production,
// synchronous=FULL (the write-ahead log is synced on every commit), and times
// Ledger::Submit of transfers between random pairs of the fund accounts in batches of 1,
// 100, 1,000 and 8,190: transfers per second, and the latency of one Submit (for a batch
// of 1: of a single durable transfer). Every transfer must be accepted; the amounts are
// too small to overdraw anything.
//
// Also printed: the disk's own cost of a synced write, one 8,190 batch answered
// entirely from the store ("exists": the id lookups, nothing written), and, unless
// --quick, batches of 1 and 8,190 at synchronous=NORMAL, to show what the sync costs.
// Missing the target is printed, never an error: benchmarks print figures (STYLE.md).
//
//   ledger_bench [--transfers N] [--batch B ...] [--quick] [--no-replay] [--dir DIR] [--json PATH]
// --transfers N  transfers per batch size of 100 and more (default 100,000), rounded up
//                to whole batches; a batch of 1 gets N / 50 (one sync each)
// --batch B      time this batch size only (repeatable), e.g. under perf record
// --quick        a smoke run: 16,380 transfers (unless --transfers says otherwise) and
//                no NORMAL comparison
// --no-replay    leave out the replay (so a profiler sees only new transfers)
// --dir DIR      where the store's directory is made (default $TMPDIR, else /tmp)
// --json PATH    also write the figures as JSON (scripts/bench-ledger-postgres reads it)
//
// Single-threaded, as the ledger is (one writer).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "timing.h"

#include "ledger/ledger.h"
#include "ledger/model.h"
#include "store/store.h"

namespace minsheng::bench {
namespace {

using ledger::Account;
using ledger::AccountKind;
using ledger::Ledger;
using ledger::Transfer;
using ledger::TransferResult;

// --- Tunables -------------------------------------------------------------------------

// The figure: transfers between 10,000 accounts.
constexpr size_t kAccounts = 10'000;
// 1 is the latency of one durable transfer; 8,190 the largest batch the ledger takes.
const std::vector<size_t> kBatchSizes = {1, 100, 1'000, ledger::kMaxBatchTransfers};
// 100,000 transfers take a second or more at every batch size of 100 and up.
constexpr size_t kDefaultTransfers = 100'000;
// A batch of 1 is one sync per transfer, so it gets a fiftieth: 2,000 by default.
constexpr size_t kSingleTransfersDivisor = 50;
constexpr size_t kMinSingleTransfers = 20;
// --quick: two batches of 8,190, and 327 single transfers.
constexpr size_t kQuickTransfers = 2 * ledger::kMaxBatchTransfers;
// Far below what a run could ever make: the bench's transfers live in memory before
// they are submitted.
constexpr size_t kMaxTransfers = 10'000'000;
// Amounts of 1 fen to 1 yuan; every account is funded with more than it could ever pay
// out (kMaxAmountFen times every transfer of the run), so none is ever refused.
constexpr int64_t kMaxAmountFen = 100;
// Fixed, so that every run moves the same money between the same accounts.
constexpr uint64_t kSeed = 20'240'101;
// The disk's cost of a sync: this many 4 KiB writes, each followed by fdatasync.
constexpr int kSyncProbes = 100;

// The target: durable transfers per second at the largest batch.
constexpr size_t kTargetBatch = ledger::kMaxBatchTransfers;
constexpr double kTargetPerSecond = 300'000;

// --- Small helpers --------------------------------------------------------------------

// "8,190"
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

// The process's processor time so far, user and system: beside the wall clock it tells
// work from waiting (on the disk's syncs, or for the processor).
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "ledger_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(const Status& status, const char* doing) {
  if (!status.ok()) Fail(std::string(doing) + ": " + status.ToString());
}

// The nearest-rank percentile of sorted values (p in (0, 1]).
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// --- The directory --------------------------------------------------------------------

// A fresh directory for the store, removed when the bench ends.
class BenchDirectory {
 public:
  explicit BenchDirectory(const std::filesystem::path& base)
      : path_(base / ("minsheng-ledger-bench-" + std::to_string(getpid()))) {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
    if (!std::filesystem::create_directories(path_, error)) {
      Fail("cannot create " + path_.string() + ": " + error.message());
    }
  }
  ~BenchDirectory() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  BenchDirectory(const BenchDirectory&) = delete;
  BenchDirectory& operator=(const BenchDirectory&) = delete;

  std::string File(const char* name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The file system's name, and whether it lives in memory (where a sync costs nothing
// and the figures would say nothing about durability).
struct FileSystem {
  std::string name;
  bool in_memory = false;
};

FileSystem FileSystemOf(const std::filesystem::path& path) {
  struct statfs info {};
  if (statfs(path.c_str(), &info) != 0) return {"unknown", false};
  switch (static_cast<unsigned long>(info.f_type)) {
    case 0xEF53: return {"ext2/3/4", false};
    case 0x58465342: return {"xfs", false};
    case 0x9123683E: return {"btrfs", false};
    case 0x2FC12FC1: return {"zfs", false};
    case 0x794C7630: return {"overlayfs", false};
    case 0x01021994: return {"tmpfs", true};
    case 0x858458F6: return {"ramfs", true};
    default: {
      char hex[32];
      std::snprintf(hex, sizeof hex, "0x%lx", static_cast<unsigned long>(info.f_type));
      return {hex, false};
    }
  }
}

struct SyncCost {
  double p50_ms = 0;
  double p99_ms = 0;
};

// kSyncProbes overwrites of one 4 KiB block, each made durable with fdatasync: the floor
// under any durable commit on this disk.
SyncCost ProbeSync(const BenchDirectory& directory) {
  const std::string path = directory.File("sync-probe");
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) Fail("cannot create " + path);
  std::vector<char> block(4096, 'x');
  std::vector<double> times_ms;
  for (int i = 0; i < kSyncProbes; ++i) {
    const auto start = Clock::now();
    const bool written =
        pwrite(fd, block.data(), block.size(), 0) == static_cast<ssize_t>(block.size());
    if (!written || fdatasync(fd) != 0) Fail("cannot write and sync " + path);
    times_ms.push_back(SecondsSince(start) * 1e3);
  }
  close(fd);
  std::filesystem::remove(path);
  std::sort(times_ms.begin(), times_ms.end());
  return {Percentile(times_ms, 0.5), Percentile(times_ms, 0.99)};
}

// --- The books ------------------------------------------------------------------------

// An open store and the ledger over it (declared in this order, so that the ledger is
// destroyed first).
struct Books {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Ledger> ledger;
};

Books Open(const std::string& path, store::Durability durability) {
  auto store = store::OpenSqlite(path, {.durability = durability});
  if (!store.ok()) Fail(store.status().ToString());
  auto ledger = Ledger::Open(**store);
  if (!ledger.ok()) Fail(ledger.status().ToString());
  return {std::move(*store), std::move(*ledger)};
}

// One value a query returns (a PRAGMA, sqlite_version()), as text.
std::string QueryText(store::Store& store, const char* sql) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) Fail(statement.status().ToString());
  auto row = (*statement)->Step();
  if (!row.ok()) Fail(row.status().ToString());
  std::string text = *row ? (*statement)->Text(0) : "";
  (*statement)->Reset();
  return text;
}

std::string FundCode(size_t index) {
  char code[32];
  std::snprintf(code, sizeof code, "fund/%05zu", index);
  return code;
}

constexpr const char* kIncomeCode = "income/appropriation";

Account BenchAccount(const std::string& code, AccountKind kind, bool no_overdraft) {
  Account account;
  account.code = code;
  account.unit = "CNY";
  account.kind = kind;
  account.name_zh = code;
  account.name_en = code;
  account.debits_must_not_exceed_credits = no_overdraft;
  return account;
}

// Submits one batch and insists every transfer was accepted (or, replayed, "exists").
void SubmitAll(Ledger& ledger, std::vector<Transfer> batch, TransferResult expected) {
  auto results = ledger.Submit(std::move(batch));
  if (!results.ok()) Fail("Submit: " + results.status().ToString());
  for (TransferResult result : *results) {
    if (result != expected) {
      Fail(std::string("a transfer was answered '") + ledger::ResultName(result) + "', not '" +
           ledger::ResultName(expected) + "'");
    }
  }
}

// Declares the unit and the accounts and funds every fund account with `funding_fen`,
// in batches of the largest size. Untimed; at synchronous=NORMAL, since each declaration
// is its own commit.
double Populate(const std::string& path, int64_t funding_fen) {
  const auto start = Clock::now();
  Books books = Open(path, store::Durability::kNormal);
  Ledger& ledger = *books.ledger;
  Check(ledger.AddUnit({"CNY", "人民币", "Chinese yuan", "fen"}), "declaring CNY");
  Check(ledger.AddAccount(BenchAccount(kIncomeCode, AccountKind::kIncome, false)),
        "declaring the income account");
  for (size_t i = 0; i < kAccounts; ++i) {
    Check(ledger.AddAccount(BenchAccount(FundCode(i), AccountKind::kFund, true)),
          "declaring a fund account");
  }
  std::vector<Transfer> batch;
  for (size_t i = 0; i < kAccounts; ++i) {
    Transfer transfer;
    transfer.id = "funding/" + FundCode(i);
    transfer.debit_account = kIncomeCode;
    transfer.credit_account = FundCode(i);
    transfer.amount = funding_fen;
    transfer.unit = "CNY";
    batch.push_back(std::move(transfer));
    if (batch.size() == ledger::kMaxBatchTransfers || i + 1 == kAccounts) {
      SubmitAll(ledger, std::move(batch), TransferResult::kOk);
      batch.clear();
    }
  }
  return SecondsSince(start);
}

// --- The transfers --------------------------------------------------------------------

// Transfers between random pairs of distinct fund accounts, with ids unique over the run.
class TransferMaker {
 public:
  TransferMaker() : rng_(kSeed) {}

  std::vector<Transfer> Batch(size_t size) {
    std::vector<Transfer> batch(size);
    for (Transfer& transfer : batch) {
      // rng() % n rather than a distribution, whose output the standard leaves to each
      // library: the transfers must not change with the compiler.
      const size_t debit = rng_() % kAccounts;
      const size_t credit = (debit + 1 + rng_() % (kAccounts - 1)) % kAccounts;
      char id[32];
      std::snprintf(id, sizeof id, "bench/%010llu", static_cast<unsigned long long>(++made_));
      transfer.id = id;
      transfer.debit_account = FundCode(debit);
      transfer.credit_account = FundCode(credit);
      transfer.amount = 1 + static_cast<int64_t>(rng_() % kMaxAmountFen);
      transfer.unit = "CNY";
    }
    return batch;
  }

 private:
  std::mt19937_64 rng_;
  uint64_t made_ = 0;
};

// --- The runs -------------------------------------------------------------------------

struct Figures {
  std::string label;  // "FULL", "NORMAL", "replay (exists)"
  size_t batch_size = 0;
  size_t transfers = 0;
  size_t batches = 0;
  double seconds = 0;      // the sum of the Submit calls
  double cpu_seconds = 0;  // processor time (user and system) over the same calls
  double submit_p50_ms = 0;
  double submit_p99_ms = 0;
  double submit_max_ms = 0;
  double store_mib = 0;  // the store on disk (database and log) after the run
  double per_second() const { return seconds > 0 ? transfers / seconds : 0; }
};

// Submits `batches` (made beforehand, outside the clock) one by one, timing each Submit.
Figures TimeBatches(Ledger& ledger, std::vector<std::vector<Transfer>> batches,
                    TransferResult expected, std::string label) {
  Figures figures{.label = std::move(label), .batch_size = batches.front().size()};
  std::vector<double> times_ms;
  times_ms.reserve(batches.size());
  const double cpu_start = CpuSeconds();
  for (std::vector<Transfer>& batch : batches) {
    figures.transfers += batch.size();
    const auto start = Clock::now();
    SubmitAll(ledger, std::move(batch), expected);
    const double seconds = SecondsSince(start);
    figures.seconds += seconds;
    times_ms.push_back(seconds * 1e3);
  }
  // Between the calls only the loop runs, so this is the Submit calls' own time.
  figures.cpu_seconds = CpuSeconds() - cpu_start;
  figures.batches = batches.size();
  std::sort(times_ms.begin(), times_ms.end());
  figures.submit_p50_ms = Percentile(times_ms, 0.5);
  figures.submit_p99_ms = Percentile(times_ms, 0.99);
  figures.submit_max_ms = times_ms.back();
  return figures;
}

// Whole batches of `size`, at least `transfers` transfers in all.
std::vector<std::vector<Transfer>> MakeBatches(TransferMaker& maker, size_t size,
                                               size_t transfers) {
  std::vector<std::vector<Transfer>> batches((transfers + size - 1) / size);
  for (auto& batch : batches) batch = maker.Batch(size);
  return batches;
}

// The store's size on disk: the database file and its write-ahead log.
double StoreMiB(const std::string& path) {
  std::error_code error;
  uintmax_t bytes = 0;
  for (const std::string& file : {path, path + "-wal"}) {
    const uintmax_t size = std::filesystem::file_size(file, error);
    if (!error) bytes += size;
  }
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

// A run's own books: a copy of the funded store, so that every run starts from the same
// books and one run's journal does not slow the next. Removed when the run ends.
class RunBooks {
 public:
  RunBooks(const std::string& funded, std::string path, store::Durability durability)
      : path_(std::move(path)) {
    // The funded store was closed, so its log is normally checkpointed away; a log left
    // behind is part of the database and is copied with it.
    for (const char* suffix : {"", "-wal"}) {
      std::error_code error;
      if (!std::filesystem::exists(funded + suffix, error)) continue;
      std::filesystem::copy_file(funded + suffix, path_ + suffix,
                                 std::filesystem::copy_options::overwrite_existing, error);
      if (error) Fail("cannot copy " + funded + suffix + ": " + error.message());
    }
    books_ = Open(path_, durability);
  }
  ~RunBooks() {
    books_.ledger.reset();
    books_.store.reset();
    std::error_code error;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix, error);
  }
  RunBooks(const RunBooks&) = delete;
  RunBooks& operator=(const RunBooks&) = delete;

  Ledger& ledger() { return *books_.ledger; }
  double mib() const { return StoreMiB(path_); }

 private:
  std::string path_;
  Books books_;
};

// Where the runs' books are, and how durable.
struct RunPlace {
  std::string funded;    // the funded store every run copies
  std::string run_path;  // the copy a run works in
  store::Durability durability = store::Durability::kFull;
};

Figures TimeSize(const RunPlace& place, TransferMaker& maker, size_t size, size_t transfers,
                 const char* label) {
  RunBooks books(place.funded, place.run_path, place.durability);
  Figures figures =
      TimeBatches(books.ledger(), MakeBatches(maker, size, transfers), TransferResult::kOk, label);
  figures.store_mib = books.mib();
  return figures;
}

// The transfers of one batch of the largest size, submitted, then submitted again: the
// second time every one is answered "exists" from the store and nothing is written, so
// its time is the decision's id lookups and checks without the commit.
Figures TimeReplay(const RunPlace& place, TransferMaker& maker) {
  RunBooks books(place.funded, place.run_path, place.durability);
  std::vector<Transfer> batch = maker.Batch(ledger::kMaxBatchTransfers);
  SubmitAll(books.ledger(), batch, TransferResult::kOk);
  std::vector<std::vector<Transfer>> again;
  again.push_back(std::move(batch));
  Figures figures =
      TimeBatches(books.ledger(), std::move(again), TransferResult::kExists, "replay (exists)");
  figures.store_mib = books.mib();
  return figures;
}

// --- Printing -------------------------------------------------------------------------

void PrintRow(const Figures& figures) {
  std::printf("  %-15s %6s %9s %7s %7.2f %5.0f%% %11s %12.2f %8.2f %8.2f %6.0f\n",
              figures.label.c_str(), Grouped(figures.batch_size).c_str(),
              Grouped(figures.transfers).c_str(), Grouped(figures.batches).c_str(), figures.seconds,
              100 * figures.cpu_seconds / figures.seconds,
              Grouped(static_cast<uint64_t>(figures.per_second())).c_str(), figures.submit_p50_ms,
              figures.submit_p99_ms, figures.submit_max_ms, figures.store_mib);
}

void PrintTableHeader() {
  std::printf("  %-15s %6s %9s %7s %7s %6s %11s %12s %8s %8s %6s\n", "run", "batch", "transfers",
              "batches", "seconds", "cpu", "transfers/s", "Submit p50ms", "p99 ms", "max ms",
              "MiB");
}

const Figures* FindSize(const std::vector<Figures>& all, size_t size) {
  for (const Figures& figures : all) {
    if (figures.batch_size == size) return &figures;
  }
  return nullptr;
}

void PrintVerdicts(const std::vector<Figures>& durable) {
  if (const Figures* single = FindSize(durable, 1)) {
    std::printf("  a single durable transfer (batch of 1): p50 %.2f ms, p99 %.2f ms\n",
                single->submit_p50_ms, single->submit_p99_ms);
  }
  if (const Figures* largest = FindSize(durable, kTargetBatch)) {
    const double measured = largest->per_second();
    std::string verdict = "met";
    if (measured < kTargetPerSecond) {
      char text[64];
      std::snprintf(text, sizeof text, "missed, %.1fx short", kTargetPerSecond / measured);
      verdict = text;
    }
    std::printf("  target at %s per batch: >= %s durable transfers/s: %s (%s)\n",
                Grouped(kTargetBatch).c_str(),
                Grouped(static_cast<uint64_t>(kTargetPerSecond)).c_str(),
                Grouped(static_cast<uint64_t>(measured)).c_str(), verdict.c_str());
  }
}

// The figures as JSON, one run per line (scripts/bench-ledger-postgres reads them with
// line tools when jq is missing).
void WriteJson(const std::string& path, const std::string& sqlite_version, const SyncCost& sync,
               const std::vector<Figures>& all) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) Fail("cannot write " + path);
  std::fprintf(file, "{\"sqlite_version\": \"%s\", \"accounts\": %zu,\n", sqlite_version.c_str(),
               kAccounts);
  std::fprintf(file, "\"fdatasync_p50_ms\": %.4f, \"fdatasync_p99_ms\": %.4f,\n", sync.p50_ms,
               sync.p99_ms);
  std::fprintf(file, "\"target_batch_size\": %zu, \"target_transfers_per_second\": %.0f,\n",
               kTargetBatch, kTargetPerSecond);
  std::fprintf(file, "\"runs\": [\n");
  for (size_t i = 0; i < all.size(); ++i) {
    const Figures& f = all[i];
    std::fprintf(file,
                 "{\"run\": \"%s\", \"batch_size\": %zu, \"transfers\": %zu, "
                 "\"seconds\": %.6f, \"cpu_seconds\": %.6f, \"transfers_per_second\": %.1f, "
                 "\"submit_p50_ms\": %.4f, \"submit_p99_ms\": %.4f, \"submit_max_ms\": %.4f, "
                 "\"store_mib\": %.1f}%s\n",
                 f.label.c_str(), f.batch_size, f.transfers, f.seconds, f.cpu_seconds,
                 f.per_second(), f.submit_p50_ms, f.submit_p99_ms, f.submit_max_ms, f.store_mib,
                 i + 1 < all.size() ? "," : "");
  }
  std::fprintf(file, "]}\n");
  if (std::fclose(file) != 0) Fail("cannot write " + path);
}

// --- Arguments ------------------------------------------------------------------------

struct Options {
  size_t transfers = 0;       // 0: kDefaultTransfers, or kQuickTransfers with --quick
  std::vector<size_t> sizes;  // empty: kBatchSizes
  bool quick = false;
  bool replay = true;
  std::string directory;  // empty: $TMPDIR, else /tmp
  std::string json_path;
};

bool ParseCount(std::string_view text, size_t& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && out > 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: ledger_bench [--transfers N] [--batch B ...] [--quick] [--no-replay] "
               "[--dir DIR] [--json PATH]\n"
               "N: transfers per batch size, up to %zu (default %zu); B: 1 to %zu\n",
               kMaxTransfers, kDefaultTransfers, ledger::kMaxBatchTransfers);
  return 2;
}

bool ParseArguments(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    const bool has_value = i + 1 < argc;
    size_t count = 0;
    if (argument == "--transfers" && has_value && ParseCount(argv[i + 1], count) &&
        count <= kMaxTransfers) {
      options.transfers = count;
      ++i;
    } else if (argument == "--batch" && has_value && ParseCount(argv[i + 1], count) &&
               count <= ledger::kMaxBatchTransfers) {
      options.sizes.push_back(count);
      ++i;
    } else if (argument == "--quick") {
      options.quick = true;
    } else if (argument == "--no-replay") {
      options.replay = false;
    } else if (argument == "--dir" && has_value) {
      options.directory = argv[++i];
    } else if (argument == "--json" && has_value) {
      options.json_path = argv[++i];
    } else {
      std::fprintf(stderr, "ledger_bench: bad argument '%s'\n", argv[i]);
      return false;
    }
  }
  if (options.sizes.empty()) options.sizes = kBatchSizes;
  if (options.transfers == 0) {
    options.transfers = options.quick ? kQuickTransfers : kDefaultTransfers;
  }
  return true;
}

std::filesystem::path BaseDirectory(const Options& options) {
  if (!options.directory.empty()) return options.directory;
  if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir != nullptr && *tmpdir != '\0') {
    return tmpdir;
  }
  return "/tmp";
}

// --- Main -----------------------------------------------------------------------------

size_t TransfersFor(const Options& options, size_t size) {
  if (size > 1) return options.transfers;
  return std::max(kMinSingleTransfers, options.transfers / kSingleTransfersDivisor);
}

// What the figures were measured on, printed above them.
struct Setting {
  std::string store_path;
  FileSystem file_system;
  SyncCost sync;
  double setup_seconds = 0;
  std::string sqlite_version;
  std::string journal_mode;
  std::string synchronous;
};

void PrintHeader(const Setting& setting, bool quick) {
  std::printf("ledger_bench: durable transfers through Ledger::Submit\n");
  std::printf("  store       %s (%s)\n", setting.store_path.c_str(),
              setting.file_system.name.c_str());
  if (setting.file_system.in_memory) {
    std::printf(
        "  WARNING     the store is in memory: syncs cost nothing and the figures are\n"
        "              not durable ones (use --dir on a disk)\n");
  }
  std::printf(
      "  SQLite      %s, journal_mode=%s, synchronous=%s (the log is synced on every "
      "commit)\n",
      setting.sqlite_version.c_str(), setting.journal_mode.c_str(), setting.synchronous.c_str());
  std::printf("  disk        4 KiB pwrite + fdatasync: p50 %.3f ms, p99 %.3f ms (%d probes)\n",
              setting.sync.p50_ms, setting.sync.p99_ms, kSyncProbes);
  std::printf(
      "  books       1 income account, %s fund accounts (no overdraft), declared and\n"
      "              funded in %.1f s (untimed, synchronous=NORMAL)\n",
      Grouped(kAccounts).c_str(), setting.setup_seconds);
  std::printf(
      "  transfers   random pairs of fund accounts (seed %llu), 1-%lld fen, unique ids;\n"
      "              each Submit is one batch: decided, written, committed and synced\n",
      static_cast<unsigned long long>(kSeed), static_cast<long long>(kMaxAmountFen));
  if (quick) std::printf("  --quick     a smoke run: figures are rough\n");
  std::printf("\n");
  PrintTableHeader();
  std::fflush(stdout);
}

void PrintNotes() {
  std::printf(
      "  (every run starts from a copy of the same funded books; MiB: its store on disk\n"
      "   after the run, database and log. cpu: processor time, user and system, over\n"
      "   the seconds; the rest is waiting, on the disk's syncs or for the processor.\n"
      "   replay: one %s batch submitted again, every transfer answered 'exists' from\n"
      "   the store: the id lookups and checks, nothing written. NORMAL: not durable,\n"
      "   for comparison only: the log is synced at checkpoints, not on each commit)\n\n",
      Grouped(ledger::kMaxBatchTransfers).c_str());
}

std::string SynchronousName(const std::string& code) {
  if (code == "2") return "FULL";
  if (code == "3") return "EXTRA";
  return "not FULL (" + code + ")";
}

// The store's settings as SQLite reports them when opened as the runs open it.
void ReadSettings(const std::string& path, Setting& setting) {
  auto store = store::OpenSqlite(path, {.durability = store::Durability::kFull});
  if (!store.ok()) Fail(store.status().ToString());
  setting.sqlite_version = QueryText(**store, "SELECT sqlite_version()");
  setting.journal_mode = QueryText(**store, "PRAGMA journal_mode");
  setting.synchronous = SynchronousName(QueryText(**store, "PRAGMA synchronous"));
}

// Every batch size at `durability` (NORMAL: only 1 and 8,190, those of them --batch
// asked for), a row each; at FULL, then the replay.
void RunAll(const Options& options, const RunPlace& place, TransferMaker& maker,
            std::vector<Figures>& all) {
  const bool durable = place.durability == store::Durability::kFull;
  for (size_t size : options.sizes) {
    if (!durable && size != 1 && size != kTargetBatch) continue;
    all.push_back(
        TimeSize(place, maker, size, TransfersFor(options, size), durable ? "FULL" : "NORMAL"));
    PrintRow(all.back());
    std::fflush(stdout);
  }
  if (durable && options.replay) {
    all.push_back(TimeReplay(place, maker));
    PrintRow(all.back());
    std::fflush(stdout);
  }
}

int Main(int argc, char** argv) {
  Options options;
  if (!ParseArguments(argc, argv, options)) return Usage();
  BenchDirectory directory(BaseDirectory(options));
  Setting setting;
  setting.store_path = directory.File("run.sqlite");
  setting.file_system = FileSystemOf(directory.path());
  setting.sync = ProbeSync(directory);

  // Fund every account with more than any run could take from it: its transfers rounded
  // up to whole batches, and the replay's batch.
  size_t planned = ledger::kMaxBatchTransfers;
  for (size_t size : options.sizes) planned += TransfersFor(options, size) + size;
  const std::string funded = directory.File("funded.sqlite");
  setting.setup_seconds = Populate(funded, static_cast<int64_t>(planned) * kMaxAmountFen);
  ReadSettings(funded, setting);
  PrintHeader(setting, options.quick);

  std::vector<Figures> all;
  TransferMaker maker;
  RunAll(options, {funded, setting.store_path, store::Durability::kFull}, maker, all);
  if (!options.quick) {
    RunAll(options, {funded, setting.store_path, store::Durability::kNormal}, maker, all);
  }
  PrintNotes();
  std::vector<Figures> durable;
  for (const Figures& figures : all) {
    if (figures.label == "FULL") durable.push_back(figures);
  }
  PrintVerdicts(durable);
  if (!options.json_path.empty()) {
    WriteJson(options.json_path, setting.sqlite_version, setting.sync, all);
  }
  return 0;
}

}  // namespace
}  // namespace minsheng::bench

int main(int argc, char** argv) {
  return minsheng::bench::Main(argc, argv);
}
