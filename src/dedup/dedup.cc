#include "dedup/dedup.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "core/csv_field.h"
#include "dedup/explain.h"
#include "dedup/registry_list.h"

namespace minsheng::dedup {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Fixed(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void AddRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out.push_back(',');
    AppendCsvField(out, field);
    first = false;
  }
  out.push_back('\n');
}

constexpr std::string_view kPairHeader =
    "left_list,left_record,right_list,right_record,probability,weight,"
    "resident_id,name,birth_date,sex,county,explanation";

// One pair's row after its leading columns: both records, score, each field's level and
// weight, and the whole explanation.
void AppendPair(std::string& out, const DedupRun& run, uint32_t a, uint32_t b,
                std::initializer_list<std::string_view> leading) {
  const Record& left = run.records[a];
  const Record& right = run.records[b];
  const PairExplanation explanation = ExplainPair(left, right, run.linkage.ModelFor(a, b));
  std::vector<std::string> cells;
  for (const FieldExplanation& field : explanation.fields) cells.push_back(FieldCell(field));
  bool first = true;
  for (std::string_view field : leading) {
    if (!first) out.push_back(',');
    AppendCsvField(out, field);
    first = false;
  }
  for (std::string_view field :
       {std::string_view(run.lists[left.list].name), left.raw->record_id,
        std::string_view(run.lists[right.list].name), right.raw->record_id}) {
    if (!first) out.push_back(',');
    AppendCsvField(out, field);
    first = false;
  }
  const std::string probability = Fixed(explanation.probability, 6);
  const std::string weight = Fixed(explanation.weight, 2);
  const std::string text = ExplanationText(explanation);
  for (std::string_view field : {std::string_view(probability), std::string_view(weight),
                                 std::string_view(cells[0]), std::string_view(cells[1]),
                                 std::string_view(cells[2]), std::string_view(cells[3]),
                                 std::string_view(cells[4]), std::string_view(text)}) {
    out.push_back(',');
    AppendCsvField(out, field);
  }
  out.push_back('\n');
}

std::string ClustersCsv(const DedupRun& run) {
  std::string out = "cluster,list,record_id,keep,resident_id,name,birth_date,weakest_probability\n";
  for (size_t c = 0; c < run.linkage.clusters.size(); ++c) {
    const Cluster& cluster = run.linkage.clusters[c];
    const std::string number = std::to_string(c + 1);
    const std::string weakest = Fixed(cluster.weakest, 6);
    for (uint32_t member : cluster.members) {
      const Record& record = run.records[member];
      const std::string birth = record.has_birth ? record.birth.ToString() : "";
      AddRow(out, {number, run.lists[record.list].name, record.raw->record_id,
                   member == cluster.keep ? "true" : "false",
                   record.id.comparable() ? record.id.text() : std::string_view(), record.name,
                   birth, weakest});
    }
  }
  return out;
}

std::string PairsCsv(const DedupRun& run) {
  std::string out = std::string(kPairHeader) + "\n";
  for (const ScoredPair& pair : run.linkage.matches) AppendPair(out, run, pair.a, pair.b, {});
  return out;
}

std::string ReviewCsv(const DedupRun& run) {
  std::string out = "reason,worst_left_record,worst_right_record,worst_probability," +
                    std::string(kPairHeader) + "\n";
  for (const ReviewItem& item : run.linkage.review) {
    const bool chain = item.reason == ReviewReason::kChain;
    const std::string worst = chain ? Fixed(item.worst_probability, 6) : "";
    AppendPair(out, run, item.pair.a, item.pair.b,
               {ReviewReasonName(item.reason),
                chain ? run.records[item.worst_a].raw->record_id : std::string_view(),
                chain ? run.records[item.worst_b].raw->record_id : std::string_view(), worst});
  }
  return out;
}

std::string ModelCsv(const Linkage& linkage) {
  std::string out = "model,field,level,m,u,weight,candidate_pairs\n";
  std::vector<const Model*> models = {&linkage.baseline};
  for (const Model& model : linkage.models) models.push_back(&model);
  for (const Model* model : models) {
    for (int f = 0; f < kFieldCount; ++f) {
      const auto field = static_cast<Field>(f);
      if (model->IsMasked(field)) continue;
      const FieldModel& values = model->fields[static_cast<size_t>(f)];
      for (int level = 0; level < LevelCount(field); ++level) {
        const auto l = static_cast<size_t>(level);
        AddRow(out, {model->basis, FieldName(field), LevelName(field, static_cast<uint8_t>(level)),
                     Fixed(values.m[l], 6), Fixed(values.u[l], 6), Fixed(values.weight[l], 4),
                     Fixed(values.candidates[l], 0)});
      }
    }
  }
  return out;
}

nlohmann::ordered_json ModelJson(const Model& model) {
  nlohmann::ordered_json json = {{"basis", model.basis}, {"prior", model.prior},
                                 {"iterations", model.iterations}, {"converged", model.converged},
                                 {"candidate_pairs", model.candidate_pairs}, {"fields", nlohmann::ordered_json::object()}};
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    if (model.IsMasked(field)) continue;
    nlohmann::ordered_json levels = nlohmann::ordered_json::object();
    for (int level = 0; level < LevelCount(field); ++level) {
      const auto l = static_cast<size_t>(level);
      const FieldModel& values = model.fields[static_cast<size_t>(f)];
      levels[LevelName(field, static_cast<uint8_t>(level))] = {
          {"m", values.m[l]}, {"u", values.u[l]}, {"weight", values.weight[l]}};
    }
    json["fields"][FieldName(field)] = levels;
  }
  return json;
}

nlohmann::ordered_json SummaryJson(const DedupRun& run, const DedupOptions& options) {
  using Json = nlohmann::ordered_json;
  const Linkage& linkage = run.linkage;
  Json lists = Json::array();
  for (const EnrollmentList& list : run.lists) {
    lists.push_back({{"list", list.name}, {"file", list.file_name},
                     {"records", list.records.size()}, {"ignored_columns", list.ignored_columns}});
  }
  const FieldCounts& c = run.counts;
  Json fields = {
      {"records", c.records},
      {"resident_id", {{"valid", c.ids_valid}, {"upgraded", c.ids_upgraded}, {"suspect", c.ids_suspect},
                       {"malformed", c.ids_malformed}, {"missing", c.ids_missing}}},
      {"name", {{"traditional", c.names_traditional}, {"reshaped", c.names_reshaped}}},
      {"birth_date", {{"missing", c.births_missing}, {"typed", c.births_typed},
                      {"unreadable", c.births_unreadable}, {"differs_from_id", c.births_disagree}}},
      {"sex", {{"missing", c.sexes_missing}, {"differs_from_id", c.sexes_disagree}}},
      {"county", {{"missing", c.counties_missing}}},
  };
  Json blocking = Json::array();
  for (const RuleCounts& rule : linkage.blocking) {
    blocking.push_back({{"rule", rule.rule}, {"records_keyed", rule.records_keyed},
                        {"blocks", rule.blocks}, {"largest_block", rule.largest_block},
                        {"pairs", rule.pairs}, {"blocks_skipped", rule.blocks_skipped},
                        {"records_skipped", rule.records_skipped}});
  }
  Json models = Json::array();
  for (const Model& model : linkage.models) models.push_back(ModelJson(model));
  Json model = {{"by_rule", models}, {"baseline", ModelJson(linkage.baseline)}};
  int64_t uncertain = 0, chains = 0, too_large = 0;
  for (const ReviewItem& item : linkage.review) {
    uncertain += item.reason == ReviewReason::kUncertain;
    chains += item.reason == ReviewReason::kChain;
    too_large += item.reason == ReviewReason::kTooLarge;
  }
  std::set<uint32_t> lists_in_cluster;
  int64_t across = 0;
  for (const Cluster& cluster : linkage.clusters) {
    lists_in_cluster.clear();
    for (uint32_t member : cluster.members) lists_in_cluster.insert(run.records[member].list);
    across += lists_in_cluster.size() > 1;
  }
  Json summary = {
      {"lists", lists},
      {"fields", fields},
      {"blocking", blocking},
      {"candidate_pairs", linkage.candidate_pairs},
      {"model", model},
      {"thresholds", {{"match", options.link.match_threshold}, {"review", options.link.review_threshold},
                      {"max_cluster", options.link.max_cluster}}},
      {"matches", linkage.matches.size()},
      {"review", {{"uncertain", uncertain}, {"chain", chains}, {"too_large", too_large}}},
      {"clusters", linkage.clusters.size()},
      {"clusters_across_lists", across},
      {"duplicates", linkage.duplicates},
  };
  if (run.saving) {
    summary["saving"] = {{"per_person", options.subsidy->ToString()},
                         {"source", options.subsidy_source},
                         {"total", run.saving->ToString()}};
  }
  if (run.truth) {
    Json by_noise = Json::object();
    for (const NoiseRecall& noise : run.truth->by_noise) {
      by_noise[noise.noise] = {{"true_pairs", noise.true_pairs}, {"found", noise.found}};
    }
    summary["truth"] = {{"records_labelled", run.truth->records_labelled},
                        {"true_pairs", run.truth->true_pairs},
                        {"found_pairs", run.truth->found_pairs},
                        {"correct_pairs", run.truth->correct_pairs},
                        {"precision", run.truth->precision},
                        {"recall", run.truth->recall},
                        {"f1", run.truth->f1},
                        {"by_noise", by_noise}};
  }
  summary["seconds"] = {{"read", run.times.read}, {"normalise", run.times.normalise},
                        {"block", linkage.times.block}, {"compare", linkage.times.count},
                        {"estimate", linkage.times.estimate}, {"score", linkage.times.score},
                        {"cluster", linkage.times.cluster}};
  return summary;
}

}  // namespace

Result<DedupRun> RunDedup(const std::vector<std::string>& paths, std::vector<EnrollmentList> extra,
                          const DedupOptions& options) {
  DedupRun run;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& path : paths) {
    auto list = ReadList(path);
    if (!list.ok()) return list.status();
    run.lists.push_back(std::move(*list));
  }
  for (EnrollmentList& list : extra) run.lists.push_back(std::move(list));
  for (size_t i = 0; i < run.lists.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (run.lists[i].name == run.lists[j].name) {
        return InvalidArgument("two lists are named '" + run.lists[i].name + "' (" +
                               run.lists[j].file_name + ", " + run.lists[i].file_name +
                               "): a list is named by its file's stem, so rename one");
      }
    }
  }
  size_t total = 0;
  for (const EnrollmentList& list : run.lists) total += list.records.size();
  if (total >= UINT32_MAX) return InvalidArgument("more than 4,294,967,294 records: link in parts");
  run.times.read = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  auto records = BuildRecords(run.lists, options.today, options.link.threads, run.counts);
  if (!records.ok()) return records.status();
  run.records = std::move(*records);
  run.times.normalise = SecondsSince(start);

  run.linkage = Link(run.records, options.link);
  // Against the registry, a cluster holding a registry person keeps that person's record:
  // the registry is whom the lists are checked against.
  for (uint32_t list = 0; list < run.lists.size(); ++list) {
    if (run.lists[list].name != kRegistryListName) continue;
    for (Cluster& cluster : run.linkage.clusters) {
      if (run.records[cluster.keep].list == list) continue;
      for (uint32_t member : cluster.members) {
        if (run.records[member].list == list) {
          cluster.keep = member;
          break;
        }
      }
    }
  }
  if (!options.truth_path.empty()) {
    auto truth = ScoreAgainstTruth(options.truth_path, run.lists, run.records, run.linkage);
    if (!truth.ok()) return truth.status();
    run.truth = std::move(*truth);
  }
  if (options.subsidy) {
    auto saving = options.subsidy->Multiply(run.linkage.duplicates);
    if (!saving.ok()) return saving.status();
    run.saving = *saving;
  }
  return run;
}

std::vector<NamedText> DedupFiles(const DedupRun& run, const DedupOptions& options) {
  return {
      {"clusters.csv", ClustersCsv(run)},
      {"pairs.csv", PairsCsv(run)},
      {"review.csv", ReviewCsv(run)},
      {"model.csv", ModelCsv(run.linkage)},
      {"summary.json", DedupSummaryJson(run, options)},
  };
}

std::string DedupSummaryJson(const DedupRun& run, const DedupOptions& options) {
  return SummaryJson(run, options).dump(2) + "\n";
}

}  // namespace minsheng::dedup
