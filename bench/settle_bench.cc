// settle_bench: the one-stop settlement's cascade at a city's scale — issue 6's targets:
//   1M claims for 4.7M persons, the in-memory cascade ≥ 1M claims/s on one core.
//
//   settle_bench [--claims N] [--persons N] [--pack DIR]
//   settle_bench --books DIR [--claims N]
//
// Claims are synthetic and deterministic: persons drawn at random (so some have several
// stays a year, which settle in rounds), discharges over 2017, hospital levels weighted
// toward township and county, compliant costs log-normal around 8,000 yuan, one in ten
// poverty-registered. The pack is src/settle/testing.h's (basic insurance with an annual
// cap, critical illness over the year's accumulated self-pay) unless --pack names one.
//
// With --books, the claims are settled into books: DIR/imported.db must hold a registry
// (pay_bench --county zibo --dir DIR leaves one); it is copied to DIR/settle.db, the
// claims drawn among its persons and hospitals, the payers of policies/zibo-2017 declared
// and funded, and Settle (registry, cascade, recording, transfers) timed end to end: until
// it returns, every batch committed, and again once the store is closed.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "timing.h"

#include "ledger/ledger.h"
#include "policy/loader.h"
#include "registry/view.h"
#include "settle/cascade.h"
#include "settle/settle.h"
#include "settle/testing.h"

namespace minsheng::bench {
namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "settle_bench: %s\n", what.c_str());
  std::exit(1);
}

struct Options {
  size_t claims = 1'000'000;
  size_t persons = 4'700'000;
  std::string pack;
  std::string books;
};

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--claims" && i + 1 < argc) {
      options.claims = std::stoul(argv[++i]);
    } else if (argument == "--persons" && i + 1 < argc) {
      options.persons = std::stoul(argv[++i]);
    } else if (argument == "--pack" && i + 1 < argc) {
      options.pack = argv[++i];
    } else if (argument == "--books" && i + 1 < argc) {
      options.books = argv[++i];
    } else {
      Fail("usage: settle_bench [--claims N] [--persons N] [--pack DIR] | --books DIR [--claims N]");
    }
  }
  if (options.claims == 0 || options.persons == 0) Fail("--claims and --persons are above zero");
  return options;
}

// Settles synthetic claims of the registry in DIR/imported.db into books (see the top).
int Books(const Options& options) {
  const std::filesystem::path dir(options.books);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove((dir / "settle.db").string() + suffix);
  std::error_code error;
  std::filesystem::copy_file(dir / "imported.db", dir / "settle.db", error);
  if (error) Fail("cannot copy " + (dir / "imported.db").string() + ": " + error.message());
  auto store = store::OpenSqlite((dir / "settle.db").string());
  if (!store.ok()) Fail(store.status().ToString());
  auto pack = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/zibo-2017");
  if (!pack.ok()) Fail(pack.status().ToString());

  auto start = Clock::now();
  auto view = registry::RegistryView::Load(**store, {Date::FromYmd(2017, 1, 1).value(), Date::FromYmd(2017, 12, 31).value(), INT64_MAX});
  if (!view.ok()) Fail(view.status().ToString());
  std::vector<std::string> hospitals;
  for (const registry::Org& org : view->orgs()) {
    if (org.kind == "hospital" && settle::HospitalLevelIndex(org.level) >= 0) hospitals.push_back(org.org_id);
  }
  if (view->persons().empty() || hospitals.empty()) Fail("the registry holds no persons or no hospitals");
  std::mt19937_64 random(2017);
  std::lognormal_distribution<double> cost(std::log(8000.0), 0.9);
  std::vector<settle::Claim> claims(options.claims);
  const Date first = Date::FromYmd(2017, 1, 1).value();
  for (size_t i = 0; i < options.claims; ++i) {
    settle::Claim& claim = claims[i];
    claim.claim_id = "C" + std::to_string(i);
    claim.person_id = std::string(view->person_ids()[static_cast<uint32_t>(random() % view->persons().size())]);
    claim.hospital = hospitals[random() % hospitals.size()];
    const auto day = static_cast<int32_t>(random() % 365);
    claim.discharged = Date::FromDaysSinceEpoch(first.days_since_epoch() + day);
    claim.admitted = Date::FromDaysSinceEpoch(first.days_since_epoch() + std::max(0, day - 9));
    claim.compliant_cost_fen = static_cast<int64_t>(cost(random) * 100);
    claim.total_cost_fen = claim.compliant_cost_fen + claim.compliant_cost_fen / 5;
  }
  std::printf("settle_bench: %zu claims of %zu persons at %zu hospitals, made in %.2f s\n", options.claims,
              view->persons().size(), hospitals.size(), SecondsSince(start));

  auto ledger = ledger::Ledger::Open(**store);
  if (!ledger.ok()) Fail(ledger.status().ToString());
  ledger::Ledger& books = **ledger;
  if (!books.AddUnit({"CNY", "人民币", "Chinese yuan", "fen"}).ok()) Fail("unit");
  ledger::Account income;
  income.code = "income/city";
  income.unit = "CNY";
  income.kind = ledger::AccountKind::kIncome;
  income.name_zh = income.name_en = "budget";
  if (!books.AddAccount(income).ok()) Fail("income account");
  for (const policy::Stage& stage : pack->stages) {
    ledger::Account fund = income;
    fund.code = stage.payer_account;
    fund.kind = ledger::AccountKind::kFund;
    if (!books.AddAccount(fund).ok()) Fail("payer account");
  }
  start = Clock::now();
  const CpuSeconds cpu_before = CpuSecondsSoFar();
  const long long written_before = BytesWrittenSoFar();
  auto settled = settle::Settle(**store, books, *pack, std::move(claims), {1});
  if (!settled.ok()) Fail(settled.status().ToString());
  // Committed (each commit syncs the write-ahead log): the claims are settled. Closing
  // then copies what the background checkpoints have not yet copied into the file,
  // which the command waits for too.
  const double committed = SecondsSince(start);
  const CpuSeconds cpu_after = CpuSecondsSoFar();
  ledger->reset();
  store->reset();
  const double closed = SecondsSince(start);
  const long long written = BytesWrittenSoFar() - written_before;
  std::printf("  settled into books  %7.2f s   %.0f claims/s (target >= 100,000/s), %lld transfers, peak %.0f MiB\n",
              committed, static_cast<double>(options.claims) / committed, static_cast<long long>(settled->posted),
              PeakMib());
  std::printf("  and store closed    %7.2f s   %.0f claims/s\n", closed, static_cast<double>(options.claims) / closed);
  const settle::SettleSummary::Times& t = settled->times;
  std::printf("  of which: years recorded before %.2f s, registry %.2f s, cascade %.2f s, recording %.2f s, "
              "posting %.2f s\n",
              t.years, t.registry, t.cascade, t.recording, t.posting);
  std::printf("  CPU while settling: %.2f s user, %.2f s system (%.2f cores busy on average); "
              "%.0f MiB written\n",
              cpu_after.user - cpu_before.user, cpu_after.system - cpu_before.system,
              (cpu_after.user - cpu_before.user + cpu_after.system - cpu_before.system) / committed,
              static_cast<double>(written) / 1048576.0);
  return 0;
}

int Main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  if (!options.books.empty()) return Books(options);
  auto pack = options.pack.empty() ? settle::testing::LoadCascadePack() : policy::LoadAndCheckPack(options.pack);
  if (!pack.ok()) Fail(pack.status().ToString());

  auto start = Clock::now();
  std::mt19937_64 random(2017);
  std::lognormal_distribution<double> cost(std::log(8000.0), 0.9);
  std::discrete_distribution<int> level({10, 45, 30, 12, 3});  // village … out of area
  std::vector<settle::Claim> claims(options.claims);
  settle::ClaimContext context;
  context.hospital_level.resize(options.claims);
  std::vector<int64_t>& poor = context.person_values["poverty_registered"];
  poor.resize(options.claims);
  const Date first = Date::FromYmd(2017, 1, 1).value();
  char id[32];
  for (size_t i = 0; i < options.claims; ++i) {
    settle::Claim& claim = claims[i];
    const uint64_t person = random() % options.persons;
    std::snprintf(id, sizeof id, "C%09zu", i);
    claim.claim_id = id;
    std::snprintf(id, sizeof id, "P%08llu", static_cast<unsigned long long>(person));
    claim.person_id = id;
    claim.hospital = "hospital/1";
    const auto day = static_cast<int32_t>(random() % 365);
    claim.discharged = Date::FromDaysSinceEpoch(first.days_since_epoch() + day);
    claim.admitted = Date::FromDaysSinceEpoch(first.days_since_epoch() + std::max(0, day - 9));
    claim.compliant_cost_fen = static_cast<int64_t>(cost(random) * 100);
    claim.total_cost_fen = claim.compliant_cost_fen + claim.compliant_cost_fen / 5;
    context.hospital_level[i] = static_cast<uint8_t>(level(random));
    poor[i] = person % 10 == 0;  // a person's status is the same on each of their claims
  }
  std::printf("settle_bench: %zu claims of %zu persons, made in %.2f s\n", options.claims,
              options.persons, SecondsSince(start));

  start = Clock::now();
  auto settled = settle::SettleClaims(*pack, claims, context);
  if (!settled.ok()) Fail(settled.status().ToString());
  const double seconds = SecondsSince(start);
  int64_t paid = 0, self_pay = 0;
  for (int64_t fen : settled->paid_fen) paid += fen;
  for (int64_t fen : settled->self_pay_fen) self_pay += fen;
  std::printf("  in-memory cascade  %7.3f s   %.0f claims/s (target >= 1,000,000/s on one core)\n",
              seconds, static_cast<double>(options.claims) / seconds);
  std::printf("  stages paid %s yuan, self-pay %s yuan, peak %.0f MiB\n",
              Money::FromFen(paid).ToPlainString().c_str(),
              Money::FromFen(self_pay).ToPlainString().c_str(), PeakMib());
  return 0;
}

}  // namespace
}  // namespace minsheng::bench

int main(int argc, char** argv) { return minsheng::bench::Main(argc, argv); }
