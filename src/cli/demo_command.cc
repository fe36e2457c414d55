// minsheng demo: the main job (`make run`). A small synthetic Wudi County is imported into
// an embedded SQLite file, its school-bus subsidy and township inpatient reimbursement
// are paid for the twelve months of 2013, its 五保 fund is allocated quarterly to the
// townships and paid monthly to the nursing homes, the ledger is audited, and a report a
// county official would recognise is written (report.html, and the public list as CSV).
// Each run starts from new books: the folder's demo.db is replaced.
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "cli/app.h"
#include "ledger/ledger.h"
#include "cli/demo.h"
#include "core/money.h"
#include "core/town.h"
#include "ledger/audit.h"
#include "pay/receipt.h"
#include "pay/run.h"
#include "policy/loader.h"
#include "registry/import.h"
#include "synth/synth.h"

namespace minsheng::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct DemoArguments {
  std::string out = "demo";
  std::string pack = "policies/wudi-2013";
  double scale = 0.05;
  uint64_t seed = 1;
};

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

std::string Yuan(int64_t fen) {
  return Money::FromFen(fen).ToString();
}

Status RunDemo(const DemoArguments& arguments, std::ostream& out) {
  const auto start = SteadyClock::now();
  const std::filesystem::path folder(arguments.out);
  const std::string db = (folder / "demo.db").string();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix, error);

  auto pack = policy::LoadAndCheckPack(arguments.pack);
  if (!pack.ok()) return pack.status().Prefixed(arguments.pack);
  const std::string registry_folder = (folder / "registry").string();
  auto synthesized = synth::Synthesize({"wudi", registry_folder, arguments.scale, arguments.seed});
  if (!synthesized.ok()) return synthesized.status();
  out << "1. synthesised Wudi at scale " << arguments.scale << " / 合成无棣县登记数据 → "
      << registry_folder << "\n";

  auto store = store::OpenSqlite(db);
  if (!store.ok()) return store.status();
  auto imported = registry::ImportFolder(**store, registry_folder,
                                         {.recorded_at = ledger::SystemNanoseconds(), .today = Date::Today()});
  if (!imported.ok()) return imported.status();
  int64_t persons = 0;
  for (const registry::ImportSummary& file : *imported) {
    if (file.kind == registry::FileKind::kPersons) persons = file.rows;
  }
  out << "2. imported " << persons << " persons into " << db << " / 导入登记数据\n";

  auto ledger = ledger::Ledger::Open(**store);
  if (!ledger.ok()) return ledger.status();
  std::vector<std::string> townships;
  for (const Town& town : TownTable::Builtin().Of("371623")) townships.push_back(town.code);
  if (Status status = demo::DeclareAndFund(**ledger, *pack, arguments.scale, townships); !status.ok()) {
    return status.Prefixed("the demo's books");
  }
  auto wubao = demo::RunWubaoYear(**store, **ledger);
  if (!wubao.ok()) return wubao.status();
  out << "3. 五保 fund: " << Yuan(wubao->allocated_fen) << " allocated quarterly to "
      << wubao->townships.size() << " townships, " << Yuan(wubao->paid_fen)
      << " paid to nursing homes / 按季拨付、按月支付\n";

  for (const policy::Program& program : pack->programs) {
    int64_t total = 0, payments = 0;
    for (int month = 1; month <= 12; ++month) {
      auto run = pay::Pay(**store, **ledger, *pack,
                          {program.name, Period::Month(demo::kYear, month), ledger::SystemNanoseconds()});
      if (!run.ok()) return run.status().Prefixed(program.name + " " + std::to_string(month));
      total += run->total_fen;
      payments += run->payees;
    }
    out << "4. " << program.title_zh << " / " << program.title_en << ": " << payments
        << " payments in 2013, " << Yuan(total) << "\n";
  }

  auto files = demo::WriteReport(**store, **ledger, *pack, folder.string(),
                                 pay::RecordedAtText(ledger::SystemNanoseconds()));
  if (!files.ok()) return files.status();
  auto audit = ledger::Audit(**store);
  if (!audit.ok()) return audit.status();
  if (Status checkpoint = (*ledger)->Checkpoint(); !checkpoint.ok()) return checkpoint;
  out << "5. ledger audit / 账本审计: " << (audit->ok() ? "passed / 通过" : "FAILED / 未通过") << ", "
      << audit->batches << " batches, head " << audit->head_hash << "\n";
  out << "6. report / 报告: " << files->html_path << "\n"
      << "   public list / 公示名单 (" << files->public_lines << " lines, names masked): "
      << files->csv_path << "\n";
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1f", SecondsSince(start));
  out << "done in " << elapsed << " s / 用时\n";
  if (!audit->ok()) return Status(ErrorCode::kInternal, "the audit found " + audit->problems.front().what);
  return Status::Ok();
}

}  // namespace

void AddDemoCommand(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<DemoArguments>();
  CLI::App* command = app.add_subcommand(
      "demo", "The main job: a synthetic Wudi's 2013 paid, audited and reported / 演示");
  command->add_option("--out", arguments->out, "the folder for demo.db, the registry files and the report (default demo)");
  command->add_option("--pack", arguments->pack, "the Wudi pack (default policies/wudi-2013)");
  command->add_option("--scale", arguments->scale, "the share of Wudi's 450,000 persons (default 0.05)")
      ->check(CLI::Range(0.0001, 1.0));
  command->add_option("--seed", arguments->seed, "the synthetic population's seed (default 1)");
  command->footer("Starts from new books each time: the folder's demo.db is replaced.");
  command->callback([&context, arguments] { context.status = RunDemo(*arguments, context.out); });
}

}  // namespace minsheng::cli
