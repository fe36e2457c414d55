// minsheng synth wudi|zibo --out DIR [--scale S] [--seed N]: writes a synthetic county's
// registry files (docs/synth.md), one line per file and the time taken.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>

#include "cli/app.h"
#include "synth/synth.h"

namespace minsheng::cli {
namespace {

// 1234567 → "1,234,567": counts people read at a glance.
std::string Grouped(int64_t number) {
  std::string digits = std::to_string(number);
  for (int position = static_cast<int>(digits.size()) - 3; position > 0; position -= 3) {
    digits.insert(static_cast<size_t>(position), ",");
  }
  return digits;
}

Status RunSynth(const synth::SynthOptions& options, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  Result<synth::SynthSummary> summary = synth::Synthesize(options);
  if (!summary.ok()) return summary.status();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  for (const synth::FileSummary& file : summary->files) {
    char line[160];
    std::snprintf(line, sizeof line, "%-16s %12s rows %16s bytes", file.name.c_str(),
                  Grouped(file.rows).c_str(), Grouped(file.bytes).c_str());
    out << line << "\n";
  }
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.2f s", elapsed.count());
  out << options.county << " (scale " << options.scale << ", seed " << options.seed << ") → "
      << options.out_directory << " in " << timing << " / 用时\n";
  return Status::Ok();
}

}  // namespace

void AddSynthCommand(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "synth", "Write a synthetic county's registry files / 生成模拟县（市）登记数据");
  auto options = std::make_shared<synth::SynthOptions>();
  command->add_option("COUNTY", options->county, "wudi (无棣县, 2013) or zibo (淄博市, 2017)")
      ->required()
      ->check(CLI::IsMember({"wudi", "zibo"}));
  command->add_option("--out", options->out_directory, "folder for the five CSV files")->required();
  command->add_option("--scale", options->scale, "multiplies every count, 0 < S <= 1 (default 1)");
  command->add_option("--seed", options->seed, "random seed (default 1)");
  command->footer(
      "Writes persons.csv, households.csv, orgs.csv, enrollments.csv and admissions.csv in the\n"
      "columns of docs/registry.md; the same county, scale and seed give the same bytes.");
  command->callback([&context, options] { context.status = RunSynth(*options, context.out); });
}

}  // namespace minsheng::cli
