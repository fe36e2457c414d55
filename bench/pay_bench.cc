// pay_bench: a county's registry and one program's monthly payment run, end to end, at
// full scale — the figures of issue 5's performance targets:
//   registry → engine tables at Zibo scale (4.7M persons): time and peak memory;
//   one program's monthly run (compute, post, store receipts): Wudi at full scale, and
//   Zibo, whose target is ≤ 30 s.
//
//   pay_bench [--county wudi|zibo] [--scale S] [--dir DIR [--reuse]]
//
// With --dir the files stay; --reuse then skips synthesis and import when DIR holds a
// county.db from an earlier run (and pays in a copy of it, so every run starts alike).
//
// Phases, each timed: synthesis (minsheng synth), import of the five files, the
// registry's view for the month and the engine's population built from it, the run
// (Pay: compute, declare payees, receipts, linked batches of transfers, synced), and the
// same run again (every payment found posted). Wudi pays its school-bus subsidy and
// township reimbursements for 2013-03; Zibo pays the dibao top-up of
// bench/packs/zibo-dibao for 2017-03 (the synthetic Zibo is of 2017).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "timing.h"

#include "core/money.h"
#include "ledger/ledger.h"
#include "pay/population.h"
#include "pay/run.h"
#include "policy/loader.h"
#include "registry/import.h"
#include "registry/view.h"
#include "synth/synth.h"

namespace minsheng::bench {
namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "pay_bench: %s\n", what.c_str());
  std::exit(1);
}

void Check(const Status& status, const char* doing) {
  if (!status.ok()) Fail(std::string(doing) + ": " + status.ToString());
}

struct Options {
  std::string county = "wudi";
  double scale = 1.0;
  std::string dir;
  bool reuse = false;
};

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--county" && i + 1 < argc) {
      options.county = argv[++i];
    } else if (argument == "--scale" && i + 1 < argc) {
      options.scale = std::stod(argv[++i]);
    } else if (argument == "--dir" && i + 1 < argc) {
      options.dir = argv[++i];
    } else if (argument == "--reuse") {
      options.reuse = true;
    } else {
      Fail("usage: pay_bench [--county wudi|zibo] [--scale S] [--dir DIR [--reuse]]");
    }
  }
  if (options.county != "wudi" && options.county != "zibo") Fail("--county is wudi or zibo");
  return options;
}

// Declares CNY, a budget and each program's payer, funded far beyond the month.
void DeclareBooks(ledger::Ledger& ledger, const policy::Pack& pack) {
  Check(ledger.AddUnit({"CNY", "人民币", "Chinese yuan", "fen"}), "unit");
  ledger::Account income;
  income.code = "income/budget";
  income.unit = "CNY";
  income.kind = ledger::AccountKind::kIncome;
  income.name_zh = income.name_en = "budget";
  Check(ledger.AddAccount(income), "income account");
  for (const policy::Program& program : pack.programs) {
    ledger::Account fund = income;
    fund.code = program.payer_account;
    fund.kind = ledger::AccountKind::kFund;
    fund.debits_must_not_exceed_credits = true;
    Check(ledger.AddAccount(fund), "payer account");
    ledger::Transfer funding;
    funding.id = "budget/" + program.name;
    funding.debit_account = "income/budget";
    funding.credit_account = program.payer_account;
    funding.amount = int64_t{100'000'000'000};  // a billion yuan
    funding.unit = "CNY";
    auto results = ledger.Submit({funding});
    if (!results.ok()) Fail(results.status().ToString());
  }
}

// Synthesises the county and imports it into DIR/imported.db.
void Prepare(const Options& options, const std::filesystem::path& dir) {
  auto start = Clock::now();
  auto synthesized = synth::Synthesize({options.county, (dir / "registry").string(), options.scale, 1});
  if (!synthesized.ok()) Fail(synthesized.status().ToString());
  int64_t persons = 0;
  for (const synth::FileSummary& file : synthesized->files) {
    if (file.name == "persons.csv") persons = file.rows;
  }
  std::printf("  synthesis        %8.2f s   %lld persons\n", SecondsSince(start),
              static_cast<long long>(persons));

  auto store = store::OpenSqlite((dir / "imported.db").string());
  if (!store.ok()) Fail(store.status().ToString());
  start = Clock::now();
  for (registry::FileKind kind : registry::kImportOrder) {
    const auto file_start = Clock::now();
    const std::string path = (dir / "registry" / (std::string(registry::FileKindName(kind)) + ".csv")).string();
    auto imported = registry::ImportFile(**store, kind, path,
                                         {.recorded_at = 1, .today = Date::FromYmd(2026, 1, 1).value()});
    if (!imported.ok()) Fail(imported.status().ToString());
    std::printf("    import %-12s %7.2f s   %lld rows\n", registry::FileKindName(kind),
                SecondsSince(file_start), static_cast<long long>(imported->rows));
  }
  std::printf("  import           %8.2f s   peak %.0f MiB\n", SecondsSince(start), PeakMib());
}

// The registry's view for the month, the engine's tables, and each program's run, twice.
void PayAMonth(bool zibo, store::Store& store) {
  const std::string pack_dir = zibo ? std::string(MINSHENG_SOURCE_DIR) + "/bench/packs/zibo-dibao"
                                    : std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";
  auto pack = policy::LoadAndCheckPack(pack_dir);
  if (!pack.ok()) Fail(pack.status().ToString());
  const Period month = zibo ? Period::Month(2017, 3) : Period::Month(2013, 3);

  auto start = Clock::now();
  auto view = registry::RegistryView::Load(store, {month.first_day(), month.last_day(), 2}, nullptr, pay::TablesRead(*pack));
  if (!view.ok()) Fail(view.status().ToString());
  const double view_seconds = SecondsSince(start);
  start = Clock::now();
  auto built = pay::PopulationFromRegistry(*pack, *view);
  if (!built.ok()) Fail(built.status().ToString());
  std::printf("  registry → engine tables for %s: view %.2f s + population %.2f s, %zu persons, "
              "%zu households, peak %.0f MiB\n",
              month.ToString().c_str(), view_seconds, SecondsSince(start), view->persons().size(),
              view->households().size(), PeakMib());

  auto ledger = ledger::Ledger::Open(store);
  if (!ledger.ok()) Fail(ledger.status().ToString());
  DeclareBooks(**ledger, *pack);
  for (const policy::Program& program : pack->programs) {
    start = Clock::now();
    auto run = pay::Pay(store, **ledger, *pack, {program.name, month, 2});
    if (!run.ok()) Fail(run.status().ToString());
    std::printf("  run %-33s %7.2f s   %lld payees, %lld posted, total %s yuan, peak %.0f MiB\n",
                program.name.c_str(), SecondsSince(start), static_cast<long long>(run->payees),
                static_cast<long long>(run->posted),
                Money::FromFen(run->total_fen).ToPlainString().c_str(), PeakMib());
    start = Clock::now();
    auto again = pay::Pay(store, **ledger, *pack, {program.name, month, 3});
    if (!again.ok()) Fail(again.status().ToString());
    std::printf("  again (all posted before)             %7.2f s   %lld found posted\n",
                SecondsSince(start), static_cast<long long>(again->already));
  }
  if (zibo) std::printf("  target: a Zibo-scale monthly run of one program <= 30 s\n");
}

int Main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  const bool zibo = options.county == "zibo";
  const std::filesystem::path dir =
      !options.dir.empty() ? std::filesystem::path(options.dir)
                           : std::filesystem::temp_directory_path() /
                                 ("minsheng-pay-bench-" + std::to_string(getpid()));
  const bool reuse = options.reuse && !options.dir.empty() && std::filesystem::exists(dir / "imported.db");
  if (!reuse) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  std::printf("pay_bench: %s at scale %.3g, in %s%s\n", options.county.c_str(), options.scale,
              dir.c_str(), reuse ? " (reusing its registry)" : "");
  if (!reuse) Prepare(options, dir);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove((dir / "county.db").string() + suffix);
  std::filesystem::copy_file(dir / "imported.db", dir / "county.db");
  auto store = store::OpenSqlite((dir / "county.db").string());
  if (!store.ok()) Fail(store.status().ToString());
  PayAMonth(zibo, **store);
  store->reset();
  if (options.dir.empty()) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace minsheng::bench

int main(int argc, char** argv) {
  return minsheng::bench::Main(argc, argv);
}
