// minsheng dedup: persons enrolled more than once, within and across lists (docs/dedup.md).
//
//   dedup LIST.csv [LIST2.csv …] [--against-registry --db FILE] --out DIR
//         [--block RULE]… [--match P] [--review P] [--max-block N] [--max-cluster N]
//         [--threads N] [--truth FILE] [--subsidy YUAN | --pack DIR --year YYYY] [--json]
//   dedup apply DIR --db FILE [--on YYYY-MM-DD] [--accept FILE]   (dedup_apply_command.cc)
//   dedup merges --db FILE [--person RESIDENT_ID]
//
// The terminal shows what the lists held, how many pairs were compared, the model, the
// clusters and the saving; --out writes the clusters, the pairs with their explanations,
// the review list, the model and the summary, all or nothing.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/app.h"
#include "cli/output_files.h"
#include "core/count_text.h"
#include "dedup/dedup.h"
#include "dedup/registry_list.h"
#include "policy/loader.h"
#include "store/store.h"

namespace minsheng::cli {
namespace {

struct DedupArguments {
  std::vector<std::string> lists;
  bool against_registry = false;
  std::string db, out, truth, subsidy, pack;
  int year = 0;
  std::vector<std::string> blocks;
  double match = 0.9, review = 0.5;
  uint32_t max_block = dedup::kDefaultMaxBlock;
  uint32_t max_cluster = 10;
  int threads = 0;
  bool json = false;
};

constexpr std::string_view kSubsidyParameter = "resident_insurance_subsidy";

std::string Fixed(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// The per-person subsidy: given, or the pack's parameter on 1 January of the year.
Status ChooseSubsidy(const DedupArguments& arguments, dedup::DedupOptions& options) {
  if (!arguments.subsidy.empty()) {
    auto subsidy = Money::Parse(arguments.subsidy);
    if (!subsidy.ok()) return InvalidArgument("--subsidy: " + subsidy.status().message());
    if (subsidy->fen() < 0) return InvalidArgument("--subsidy: must not be negative");
    options.subsidy = *subsidy;
    options.subsidy_source = "--subsidy";
    return Status::Ok();
  }
  if (arguments.pack.empty()) return Status::Ok();
  if (arguments.year == 0) return InvalidArgument("--pack needs --year: the year whose subsidy counts");
  auto pack = policy::LoadPack(arguments.pack);
  if (!pack.ok()) return pack.status();
  const policy::Parameter* parameter = pack->FindParameter(kSubsidyParameter);
  if (parameter == nullptr) {
    return NotFound("pack '" + pack->id + "' has no parameter '" + std::string(kSubsidyParameter) + "'");
  }
  auto first_day = Date::FromYmd(arguments.year, 1, 1);
  if (!first_day.ok()) return InvalidArgument("--year: " + first_day.status().message());
  auto value = parameter->ValueAt(*first_day);
  if (!value.ok()) return value.status();
  if (value->type != policy::Type::kMoney) {
    return InvalidArgument("parameter '" + std::string(kSubsidyParameter) + "' is not money");
  }
  options.subsidy = Money::FromFen(value->raw);
  options.subsidy_source = pack->id + " " + std::string(kSubsidyParameter) + " on " +
                           first_day->ToString();
  return Status::Ok();
}

// A model's prior and each field's level weights.
void PrintModel(const dedup::Model& model, const std::string& title, std::ostream& out) {
  char prior[32];
  std::snprintf(prior, sizeof prior, "%.3g", model.prior);
  out << title << ": prior " << prior << "\n";
  for (int f = 0; f < dedup::kFieldCount; ++f) {
    const auto field = static_cast<dedup::Field>(f);
    if (model.IsMasked(field)) continue;
    out << "  " << dedup::FieldName(field) << ":";
    for (int level = 0; level < dedup::LevelCount(field); ++level) {
      out << " " << dedup::LevelName(field, static_cast<uint8_t>(level)) << " "
          << Fixed(model.fields[static_cast<size_t>(f)].weight[static_cast<size_t>(level)], 2);
    }
    out << "\n";
  }
}

void PrintSummary(const dedup::DedupRun& run, const dedup::DedupOptions& options, std::ostream& out) {
  const dedup::FieldCounts& c = run.counts;
  for (const dedup::EnrollmentList& list : run.lists) {
    out << "list " << list.name << ": " << GroupedCount(static_cast<int64_t>(list.records.size()))
        << " records / 条记录";
    if (!list.ignored_columns.empty()) out << " (" << list.ignored_columns.size() << " columns ignored)";
    out << "\n";
  }
  out << "resident IDs / 身份证号: " << GroupedCount(c.ids_valid) << " valid, " << GroupedCount(c.ids_upgraded)
      << " upgraded from 15 digits, " << GroupedCount(c.ids_suspect) << " failing their check, "
      << GroupedCount(c.ids_missing + c.ids_malformed) << " missing or unreadable\n";
  out << "names / 姓名: " << GroupedCount(c.names_traditional) << " in traditional characters, "
      << GroupedCount(c.names_reshaped) << " with spaces, dots or full-width forms\n";
  out << "birth dates / 出生日期: " << GroupedCount(c.births_typed) << " typed otherwise, "
      << GroupedCount(c.births_disagree) << " differing from the ID, " << GroupedCount(c.births_missing)
      << " missing\n";
  const dedup::Linkage& linkage = run.linkage;
  for (const dedup::RuleCounts& rule : linkage.blocking) {
    out << "block " << rule.rule << ": " << GroupedCount(rule.pairs) << " pairs in " << GroupedCount(rule.blocks)
        << " blocks (largest " << rule.largest_block << ")";
    if (rule.blocks_skipped > 0) {
      out << "; " << GroupedCount(rule.blocks_skipped) << " blocks over the limit skipped ("
          << GroupedCount(rule.records_skipped) << " records)";
    }
    out << "\n";
  }
  out << "candidate pairs / 候选对: " << GroupedCount(linkage.candidate_pairs) << "\n";
  // Each learnt model, then the baseline once, with the rules it scores.
  std::string baseline_rules;
  for (size_t rule = 0; rule < linkage.models.size(); ++rule) {
    const dedup::Model& model = linkage.models[rule];
    if (model.iterations == 0) {
      baseline_rules += (baseline_rules.empty() ? "" : ", ") + linkage.blocking[rule].rule;
      continue;
    }
    PrintModel(model, "model, " + model.basis + ", " + std::to_string(model.iterations) + " EM iterations" +
                          (model.converged ? "" : " (not converged)"),
               out);
  }
  PrintModel(linkage.baseline,
             "baseline model (random pairs)" + (baseline_rules.empty() ? "" : ", for " + baseline_rules), out);
  out << "matches / 同一人: " << GroupedCount(static_cast<int64_t>(linkage.matches.size())) << " pairs in "
      << GroupedCount(static_cast<int64_t>(linkage.clusters.size())) << " clusters; review / 待复核: "
      << GroupedCount(static_cast<int64_t>(linkage.review.size())) << " pairs\n";
  out << "duplicate enrollments / 重复参保: " << GroupedCount(linkage.duplicates) << "\n";
  if (run.saving) {
    out << "saving / 减少重复补助: " << GroupedCount(linkage.duplicates) << " × " << options.subsidy->ToString()
        << " = " << run.saving->ToString() << " a year (" << options.subsidy_source << ")\n";
  }
  if (run.truth) {
    out << "against the truth: precision " << Fixed(run.truth->precision, 5) << ", recall "
        << Fixed(run.truth->recall, 5) << ", F1 " << Fixed(run.truth->f1, 5) << " ("
        << GroupedCount(run.truth->correct_pairs) << " of " << GroupedCount(run.truth->true_pairs)
        << " true pairs found, " << GroupedCount(run.truth->found_pairs - run.truth->correct_pairs)
        << " wrong)\n";
    for (const dedup::NoiseRecall& noise : run.truth->by_noise) {
      out << "  " << noise.noise << ": " << GroupedCount(noise.found) << " of " << GroupedCount(noise.true_pairs)
          << " found\n";
    }
  }
}

Status RunDedupCommand(const DedupArguments& arguments, std::ostream& out) {
  const auto start = std::chrono::steady_clock::now();
  dedup::DedupOptions options;
  options.today = Date::Today();
  options.truth_path = arguments.truth;
  dedup::LinkOptions& link = options.link;
  if (!arguments.blocks.empty()) {
    link.rules.clear();
    for (const std::string& text : arguments.blocks) {
      auto rule = dedup::ParseBlockingRule(text);
      if (!rule.ok()) return rule.status();
      link.rules.push_back(std::move(*rule));
    }
  }
  if (!(arguments.review > 0 && arguments.review <= arguments.match && arguments.match < 1)) {
    return InvalidArgument("thresholds: need 0 < --review <= --match < 1");
  }
  link.match_threshold = arguments.match;
  link.review_threshold = arguments.review;
  link.max_block = arguments.max_block;
  link.max_cluster = arguments.max_cluster;
  link.threads = arguments.threads > 0 ? arguments.threads
                                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (Status status = ChooseSubsidy(arguments, options); !status.ok()) return status;

  std::vector<dedup::EnrollmentList> extra;
  if (arguments.against_registry) {
    if (arguments.db.empty()) return InvalidArgument("--against-registry needs --db FILE");
    auto store = store::OpenSqlite(arguments.db, {.durability = store::Durability::kFull, .must_exist = true});
    if (!store.ok()) return store.status();
    auto registry = dedup::RegistryList(**store, options.today);
    if (!registry.ok()) return registry.status();
    extra.push_back(std::move(*registry));
  }
  if (arguments.lists.empty() && extra.empty()) return InvalidArgument("no lists given");

  auto run = dedup::RunDedup(arguments.lists, std::move(extra), options);
  if (!run.ok()) return run.status();
  if (!arguments.out.empty()) {
    std::vector<OutputFile> files;
    for (dedup::NamedText& file : dedup::DedupFiles(*run, options)) {
      files.push_back({std::move(file.name), std::move(file.text)});
    }
    if (Status status = WriteAllOrNothing(arguments.out, files); !status.ok()) return status;
  }
  if (arguments.json) {
    out << dedup::DedupSummaryJson(*run, options);
    return Status::Ok();
  }
  PrintSummary(*run, options, out);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  out << Fixed(elapsed.count(), 2) << " s / 用时";
  if (!arguments.out.empty()) out << "; written to " << arguments.out;
  out << "\n";
  return Status::Ok();
}

}  // namespace

void AddDedupCommand(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "dedup", "Find persons enrolled more than once / 查找重复参保人员");
  auto arguments = std::make_shared<DedupArguments>();
  command->add_option("LISTS", arguments->lists, "enrollment lists (CSV; docs/dedup.md)");
  command->add_flag("--against-registry", arguments->against_registry,
                    "link the registry's insured persons too, as the list 'registry'");
  command->add_option("--db", arguments->db, "the store, for --against-registry");
  command->add_option("--out", arguments->out, "folder for clusters.csv, pairs.csv, review.csv, model.csv, summary.json");
  command->add_option("--block", arguments->blocks,
                      "a blocking rule, keys joined by + (repeatable; default: id, birth_date+county, "
                      "pinyin+birth_year, pinyin+id_head, pinyin+id_tail)");
  command->add_option("--match", arguments->match, "probability from which a pair is one person (default 0.9)");
  command->add_option("--review", arguments->review, "probability from which a pair is reviewed (default 0.5)");
  command->add_option("--max-block", arguments->max_block, "blocks larger than this are skipped (default 1000)");
  command->add_option("--max-cluster", arguments->max_cluster, "no cluster grows past this (default 10)");
  command->add_option("--threads", arguments->threads, "threads (default: every core)");
  command->add_option("--truth", arguments->truth, "a truth file (list, record_id, person) to score against");
  command->add_option("--subsidy", arguments->subsidy, "subsidy per person and year, yuan, for the saving");
  command->add_option("--pack", arguments->pack, "a pack with resident_insurance_subsidy, for the saving");
  command->add_option("--year", arguments->year, "the year of --pack's subsidy");
  command->add_flag("--json", arguments->json, "print summary.json instead of the summary");
  AddDedupApplyCommand(*command, context);
  command->callback([&context, arguments, command] {
    if (!command->get_subcommands().empty()) return;  // dedup apply, dedup merges: theirs
    context.status = RunDedupCommand(*arguments, context.out);
  });
}

}  // namespace minsheng::cli
