// minsheng synth wudi|zibo --out DIR [--scale S] [--seed N]: writes a synthetic county's
// registry files (docs/synth.md), one line per file and the time taken.
// minsheng synth dedup --persons N --dup-rate R --out DIR [--seed S]: writes Zibo's two
// resident medical insurance lists with known duplicates and their truth (docs/synth.md,
// "Duplicate enrollment lists"), one line per file, a line of counts, and the time taken.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>

#include "cli/app.h"
#include "core/count_text.h"
#include "core/rate.h"
#include "synth/dedup_lists.h"
#include "synth/synth.h"

namespace minsheng::cli {
namespace {

void PrintFiles(const std::vector<synth::FileSummary>& files, std::ostream& out) {
  for (const synth::FileSummary& file : files) {
    char line[160];
    std::snprintf(line, sizeof line, "%-16s %12s rows %16s bytes", file.name.c_str(),
                  GroupedCount(file.rows).c_str(), GroupedCount(file.bytes).c_str());
    out << line << "\n";
  }
}

std::string Seconds(std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.2f s", elapsed.count());
  return timing;
}

Status RunSynth(const synth::SynthOptions& options, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  Result<synth::SynthSummary> summary = synth::Synthesize(options);
  if (!summary.ok()) return summary.status();
  const std::string timing = Seconds(start);
  PrintFiles(summary->files, out);
  out << options.county << " (scale " << options.scale << ", seed " << options.seed << ") → "
      << options.out_directory << " in " << timing << " / 用时\n";
  return Status::Ok();
}

// What `synth dedup` reads before the rate is parsed: the rate as typed.
struct DedupArguments {
  synth::DedupListsOptions options;
  std::string duplicate_rate;
};

Status RunDedup(DedupArguments& arguments, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  Result<Rate> rate = Rate::Parse(arguments.duplicate_rate);
  if (!rate.ok()) return rate.status().Prefixed("--dup-rate");
  synth::DedupListsOptions& options = arguments.options;
  options.duplicate_rate = *rate;
  Result<synth::DedupListsSummary> summary = synth::WriteDedupLists(options);
  if (!summary.ok()) return summary.status();
  const std::string timing = Seconds(start);
  PrintFiles(summary->files, out);
  out << GroupedCount(summary->persons) << " persons (" << GroupedCount(summary->twin_pairs)
      << " twin pairs), " << GroupedCount(summary->duplicates) << " duplicates ("
      << GroupedCount(summary->across_lists) << " across lists / " << GroupedCount(summary->within_list)
      << " within a list); noise:";
  for (size_t k = 0; k < synth::kNoiseKindCount; ++k) {
    out << (k == 0 ? " " : ", ") << synth::NoiseKinds()[k].id << " " << GroupedCount(summary->noise[k]);
  }
  out << "\n";
  out << "dedup (" << GroupedCount(options.persons) << " persons, dup-rate "
      << options.duplicate_rate.ToDecimalString() << ", seed " << options.seed << ") → "
      << options.out_directory << " in " << timing << " / 用时\n";
  return Status::Ok();
}

void AddCountySubcommand(CLI::App& synth_command, Context& context, const std::string& county,
                         const std::string& description) {
  CLI::App* command = synth_command.add_subcommand(county, description);
  auto options = std::make_shared<synth::SynthOptions>();
  options->county = county;
  command->add_option("--out", options->out_directory, "folder for the five CSV files")->required();
  command->add_option("--scale", options->scale, "multiplies every count, 0 < S <= 1 (default 1)");
  command->add_option("--seed", options->seed, "random seed (default 1)");
  command->footer(
      "Writes persons.csv, households.csv, orgs.csv, enrollments.csv and admissions.csv in the\n"
      "columns of docs/registry.md; the same county, scale and seed give the same bytes.");
  command->callback([&context, options] { context.status = RunSynth(*options, context.out); });
}

void AddDedupSubcommand(CLI::App& synth_command, Context& context) {
  CLI::App* command = synth_command.add_subcommand(
      "dedup",
      "Zibo's ncms and urbmi enrollment lists with known duplicates / 含已知重复参保的新农合、"
      "城镇居民医保名单");
  auto arguments = std::make_shared<DedupArguments>();
  command->add_option("--persons", arguments->options.persons, "distinct persons, 1 to 50,000,000")
      ->required();
  command
      ->add_option("--dup-rate", arguments->duplicate_rate,
                   "share of them enrolled twice, 0 to 1 (0.04, or 4%), exact")
      ->required();
  command
      ->add_option("--out", arguments->options.out_directory,
                   "folder for ncms.csv, urbmi.csv and truth.csv")
      ->required();
  command->add_option("--seed", arguments->options.seed, "random seed (default 1)");
  command->footer(
      "Writes ncms.csv and urbmi.csv (record_id,resident_id,name,sex,birth_date,region) and\n"
      "truth.csv (list,record_id,person,noise). Persons x rate, rounded, are enrolled twice;\n"
      "the same persons, rate and seed give the same bytes (docs/synth.md).");
  command->callback([&context, arguments] { context.status = RunDedup(*arguments, context.out); });
}

}  // namespace

void AddSynthCommand(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "synth",
      "Write synthetic data: a county's registry files, or enrollment lists with known "
      "duplicates / 生成模拟数据");
  command->footer("Run 'minsheng synth wudi|zibo|dedup --help' for their options (docs/synth.md).");
  AddCountySubcommand(*command, context, "wudi",
                      "无棣县 (371623) as of 2013: the registry's five CSV files");
  AddCountySubcommand(*command, context, "zibo",
                      "淄博市's eight districts and counties as of 2017: the registry's five CSV "
                      "files");
  AddDedupSubcommand(*command, context);
  // Without one of the three, say what was given (`synth beijing`) and what can be; extras
  // are allowed here only to be named (set after the subcommands, which do not inherit it).
  command->require_subcommand(0, 1);
  command->allow_extras();
  command->callback([&context, command] {
    if (!command->get_subcommands().empty()) return;
    const std::vector<std::string> given = command->remaining();
    context.status = InvalidArgument(given.empty() ? std::string("synth: give wudi, zibo or dedup")
                                                   : "synth: unknown kind '" + given.front() +
                                                         "': wudi, zibo or dedup");
  });
}

}  // namespace minsheng::cli
