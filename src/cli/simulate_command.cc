// minsheng simulate: a reform costed over the registry against the baseline (docs/simulate.md).
//
//   simulate --pack DIR --reform FILE --period 2013 [--db FILE | --synth wudi|zibo [--scale S] [--seed N]]
//            [--household ID]... [--sample N] [--out DIR] [--json]
//
// The registry is the store's (--db, read only), or a synthetic county made for the run in
// a temporary folder and removed after it (--synth). The terminal shows the summary; --out
// writes every table as CSV, the whole result as JSON and the HTML report, all or nothing.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/output_files.h"
#include "cli/progress.h"
#include "core/mask.h"
#include "core/money.h"
#include "ledger/ledger.h"
#include "policy/loader.h"
#include "policy/reform.h"
#include "registry/import.h"
#include "simulate/report_page.h"
#include "simulate/simulation.h"
#include "simulate/tables.h"
#include "store/store.h"
#include "synth/synth.h"

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;

struct SimulateArguments {
  std::string pack, reform, period, db, synth, out;
  double scale = 0.05;
  uint64_t seed = 1;
  std::vector<std::string> households;
  size_t sample = 3;
  bool json = false;
};

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToString(); }

std::string Signed(int64_t fen) { return (fen > 0 ? "+" : "") + Yuan(fen); }

// A synthetic county in a temporary folder, removed when this goes out of scope.
class SyntheticRegistry {
 public:
  ~SyntheticRegistry() {
    store_.reset();
    std::error_code ignored;
    if (!folder_.empty()) fs::remove_all(folder_, ignored);
  }

  Status Make(const SimulateArguments& arguments) {
    folder_ = fs::temp_directory_path() / ("minsheng-simulate-" + std::to_string(::getpid()));
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
    auto synthesized = synth::Synthesize({arguments.synth, (folder_ / "registry").string(), arguments.scale, arguments.seed});
    if (!synthesized.ok()) return synthesized.status();
    auto store = store::OpenSqlite((folder_ / "registry.db").string(), {.durability = store::Durability::kNormal});
    if (!store.ok()) return store.status();
    store_ = std::move(store).value();
    auto imported = registry::ImportFolder(*store_, (folder_ / "registry").string(),
                                           {.recorded_at = ledger::SystemNanoseconds(), .today = Date::Today()});
    if (!imported.ok()) return imported.status();
    return Status::Ok();
  }
  store::Store& store() { return *store_; }

 private:
  fs::path folder_;
  std::unique_ptr<store::Store> store_;
};

// "  淄川区 370302: 278063 households, ¥… → ¥… (+¥…)": a county or region's line.
void PrintPlace(const simulate::GroupResult& g, std::ostream& out) {
  out << "  " << g.label << " " << g.key << ": " << g.households << " households, " << Yuan(g.cost_fen.baseline)
      << " → " << Yuan(g.cost_fen.reform) << " (" << Signed(g.cost_fen.change()) << ")\n";
}

void PrintSummary(const simulate::Simulation& s, const std::string& source, std::ostream& out) {
  out << "改革 / reform: " << s.reform_title_zh << " / " << s.reform_title_en << " (" << s.reform_id << ")\n";
  out << "期间 / period: " << s.period.ToString() << "; 人口 / population: " << s.persons << " persons 人, "
      << s.households << " households 户 (" << source << ")\n";
  out << "改动 / changes:";
  for (const policy::ReformChange& change : s.changes) {
    out << " " << change.kind << " " << change.name << (change.added ? " (new 新增)" : "");
    if (&change != &s.changes.back()) out << ",";
  }
  out << "\n\n各项目成本 / cost by program (基线 baseline → 改革 reform, 变化 change; 受益人数 beneficiaries)\n";
  for (const simulate::ProgramResult& p : s.programs) {
    out << "  " << p.title_zh << " / " << p.title_en << "\n      " << Yuan(p.cost_fen.baseline) << " → "
        << Yuan(p.cost_fen.reform) << "  (" << Signed(p.cost_fen.change()) << ");  " << p.beneficiaries.baseline
        << " → " << p.beneficiaries.reform << "\n";
  }
  out << "  合计 / total\n      " << Yuan(s.total_cost_fen.baseline) << " → " << Yuan(s.total_cost_fen.reform) << "  ("
      << Signed(s.total_cost_fen.change()) << ")\n\n";
  out << "家庭 / households: " << s.winners << " 增加 gain, " << s.losers << " 减少 lose, " << s.unchanged
      << " 不变 unchanged; 最大增加 largest gain " << Signed(s.largest_gain_fen) << ", 最大减少 largest loss "
      << Signed(s.largest_loss_fen) << "\n";
  for (const simulate::ChangeBand& band : s.distribution) {
    if (band.households == 0) continue;
    out << "  " << band.label_zh << " / " << band.label_en << ": " << band.households << " (" << Signed(band.change_fen)
        << ")\n";
  }
  out << "\n按收入十分位 / by income decile (人均月收入 monthly income per member)\n";
  for (const simulate::GroupResult& g : s.by_decile) {
    out << "  " << std::left << std::setw(14) << g.label << std::right << g.households << " households, "
        << Yuan(g.cost_fen.baseline) << " → " << Yuan(g.cost_fen.reform) << " (" << Signed(g.cost_fen.change())
        << "), " << g.winners << " gain, " << g.losers << " lose\n";
  }
  if (s.by_county.size() > 1) {
    out << "\n按县区 / by county or district\n";
    for (const simulate::GroupResult& g : s.by_county) PrintPlace(g, out);
  }
  // The regions that changed most; all of them are in regions.csv.
  std::vector<simulate::GroupResult> regions = s.by_region;
  std::stable_sort(regions.begin(), regions.end(), [](const auto& a, const auto& b) {
    const int64_t x = a.cost_fen.change(), y = b.cost_fen.change();
    return (x < 0 ? -x : x) > (y < 0 ? -y : y);
  });
  constexpr size_t kRegionsShown = 10;
  out << "\n按地区 / by region" << (regions.size() > kRegionsShown ? " (变化最大的10个 the 10 that changed most)" : "")
      << "\n";
  for (size_t i = 0; i < regions.size() && i < kRegionsShown; ++i) PrintPlace(regions[i], out);
  for (const simulate::HouseholdWhy& why : s.explained) {
    out << "\n为何 / why: household 家庭 " << why.household_id << " (" << why.region << "): "
        << Yuan(why.amount_fen.baseline) << " → " << Yuan(why.amount_fen.reform) << "\n";
    if (why.items.empty()) out << "  没有变化 / nothing changed\n";
    for (const simulate::HouseholdWhy::Item& item : why.items) {
      out << "  " << item.month.ToString() << " " << item.program;
      if (!item.member_id.empty()) out << ", " << MaskIdNumber(item.member_id);
      out << ": " << Yuan(item.amount_fen.baseline) << " → " << Yuan(item.amount_fen.reform) << "\n";
      std::string quoted;  // each source once per item
      for (const simulate::TreeDifference& d : item.differences) {
        out << "    " << simulate::TreeDifferenceKindName(d.kind) << " in " << d.path << ": ";
        if (d.kind == simulate::TreeDifference::Kind::kFormula) {
          out << d.baseline_text << "  ⇒  " << d.reform_text << "\n";
        } else if (d.kind == simulate::TreeDifference::Kind::kBranch) {
          out << d.baseline_note_zh << " ⇒ " << d.reform_note_zh << " / " << d.baseline_note_en << " ⇒ "
              << d.reform_note_en << "\n";
        } else {
          out << d.baseline_text << " " << d.baseline_value << " ⇒ " << d.reform_value << "\n";
        }
        if (!d.source_quote.empty() && d.kind == simulate::TreeDifference::Kind::kParameter && d.source_quote != quoted) {
          out << "      依据 / source: " << d.source_quote << "\n";
          quoted = d.source_quote;
        }
      }
    }
  }
}

Status RunSimulate(const SimulateArguments& arguments, Context& context) {
  if (arguments.db.empty() == arguments.synth.empty()) {
    return InvalidArgument("give the registry: --db FILE, or --synth wudi|zibo");
  }
  Result<Period> period = Period::Parse(arguments.period);
  if (!period.ok()) return period.status().Prefixed("--period");
  auto baseline = policy::LoadAndCheckPack(arguments.pack);
  if (!baseline.ok()) {
    context.err << "minsheng: " << policy::FormatDiagnostic(baseline.status(), arguments.pack);
    return Status(baseline.status().code(), "");
  }
  auto reform = policy::LoadReform(arguments.reform);
  Result<policy::ReformedPack> reformed =
      reform.ok() ? policy::ApplyReform(*baseline, *reform) : Result<policy::ReformedPack>(reform.status());
  if (!reformed.ok()) {
    context.err << "minsheng: "
                << policy::FormatReformDiagnostic(reformed.status(), arguments.reform, arguments.pack);
    return Status(reformed.status().code(), "");  // reported above, with its line
  }

  std::unique_ptr<store::Store> opened;
  SyntheticRegistry synthetic;
  store::Store* store = nullptr;
  std::string source;
  if (!arguments.db.empty()) {
    auto store_opened = store::OpenSqlite(arguments.db, {.durability = store::Durability::kFull, .must_exist = true});
    if (!store_opened.ok()) return store_opened.status();
    opened = std::move(store_opened).value();
    store = opened.get();
    source = "registry " + arguments.db;
  } else {
    if (Status made = synthetic.Make(arguments); !made.ok()) return made;
    store = &synthetic.store();
    std::ostringstream text;
    text << "synthetic " << arguments.synth << " at scale " << arguments.scale << ", seed " << arguments.seed;
    source = text.str();
  }
  auto view = registry::RegistryView::Load(*store, {period->first_day(), period->last_day(), INT64_MAX});
  if (!view.ok()) return view.status();

  simulate::SimulationOptions options;
  options.period = *period;
  options.explain_households = arguments.households;
  options.sample = arguments.sample;
  ProgressBar bar(context.err, "simulating / 模拟");
  options.progress = [&bar](int done, int total) { bar.Update(done, total); };
  auto simulated = simulate::Simulate(*baseline, *reform, *reformed, *view, options);
  if (!simulated.ok()) return simulated.status();

  if (arguments.json) {
    context.out << simulate::SimulationJson(*simulated);
  } else {
    PrintSummary(*simulated, source, context.out);
  }
  if (!arguments.out.empty()) {
    std::vector<OutputFile> files;
    for (const simulate::Table& table : simulate::SimulationTables(*simulated)) {
      files.push_back({table.name + ".csv", simulate::TableCsv(table)});
    }
    files.push_back({"simulation.json", simulate::SimulationJson(*simulated)});
    files.push_back({"simulation.html", simulate::RenderSimulationHtml(*simulated, source)});
    if (Status written = WriteAllOrNothing(arguments.out, files); !written.ok()) return written;
    if (!arguments.json) {
      context.out << "\n写入 / wrote " << files.size() << " files to " << arguments.out
                  << " (simulation.html, simulation.json, *.csv)\n";
    }
  }
  return Status::Ok();
}

}  // namespace

void AddSimulateCommand(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<SimulateArguments>();
  CLI::App* command = app.add_subcommand("simulate", "cost a reform over the registry: who gains, who loses, why");
  command->add_option("--pack", arguments->pack, "the baseline pack folder")->required();
  command->add_option("--reform", arguments->reform, "the reform file (docs/simulate.md)")->required();
  command->add_option("--period", arguments->period, "a year (2013), a quarter (2013-Q3) or a month (2013-07)")
      ->required();
  command->add_option("--db", arguments->db, "the registry's store (read only)");
  command->add_option("--synth", arguments->synth, "a synthetic county instead: wudi or zibo")
      ->check(CLI::IsMember({"wudi", "zibo"}));
  command->add_option("--scale", arguments->scale, "with --synth: the share of the county (default 0.05)");
  command->add_option("--seed", arguments->seed, "with --synth: the random seed (default 1)");
  command->add_option("--household", arguments->households, "explain this household too (repeatable)");
  command->add_option("--sample", arguments->sample, "households explained among those changed (default 3)");
  command->add_option("--out", arguments->out, "write the tables (CSV), simulation.json and simulation.html here");
  command->add_flag("--json", arguments->json, "print the result as JSON");
  command->callback([arguments, &context] { context.status = RunSimulate(*arguments, context); });
}

}  // namespace minsheng::cli
