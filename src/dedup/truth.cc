#include "dedup/truth.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "core/csv_reader.h"
#include "core/error_list.h"
#include "core/read_file.h"

namespace minsheng::dedup {
namespace {

int64_t PairsOf(int64_t count) {
  return count * (count - 1) / 2;
}

}  // namespace

Result<TruthScore> ScoreAgainstTruth(const std::string& truth_path,
                                     const std::vector<EnrollmentList>& lists,
                                     const std::vector<Record>& records, const Linkage& linkage) {
  auto text = ReadFileAtMost(truth_path, kMaxListFileBytes, "'" + truth_path + "' is too large");
  if (!text.ok()) return text.status();
  const std::string display = std::filesystem::path(truth_path).filename().string();
  CsvReader csv(*text, display);

  // Which record is which: (list, record_id) → index.
  std::unordered_map<std::string, uint32_t> list_of;
  std::vector<std::unordered_map<std::string_view, uint32_t>> index_of(lists.size());
  for (size_t list = 0; list < lists.size(); ++list) list_of[lists[list].name] = static_cast<uint32_t>(list);
  for (uint32_t i = 0; i < records.size(); ++i) index_of[records[i].list][records[i].raw->record_id] = i;

  auto header = csv.Next();
  if (!header.ok()) return header.status();
  if (!*header) return InvalidArgument(display + ": the file is empty");
  const std::vector<std::string_view> names = csv.fields();
  csv.SetColumnNames(names);
  int list_column = -1, record_column = -1, person_column = -1, noise_column = -1;
  for (size_t column = 0; column < names.size(); ++column) {
    if (names[column] == "list") list_column = static_cast<int>(column);
    if (names[column] == "record_id") record_column = static_cast<int>(column);
    if (names[column] == "person") person_column = static_cast<int>(column);
    if (names[column] == "noise") noise_column = static_cast<int>(column);
  }
  if (list_column < 0 || record_column < 0 || person_column < 0) {
    return InvalidArgument(display + ": expected the columns list, record_id and person");
  }

  ErrorList errors;
  std::vector<int64_t> person_of(records.size(), -1);
  std::vector<std::vector<std::string>> noise_of(records.size());
  std::unordered_map<std::string, int64_t> person_ids;
  TruthScore score;
  for (;;) {
    auto next = csv.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const auto& fields = csv.fields();
    if (fields.size() != names.size()) {
      errors.Add(csv.Error(-1, csv.FieldCountMessage(names.size())));
      continue;
    }
    const auto list = list_of.find(std::string(fields[static_cast<size_t>(list_column)]));
    if (list == list_of.end()) {
      errors.Add(csv.Error(list_column, "no list '" + std::string(fields[static_cast<size_t>(list_column)]) + "' was linked"));
      continue;
    }
    const auto& records_of_list = index_of[list->second];
    const auto record = records_of_list.find(fields[static_cast<size_t>(record_column)]);
    if (record == records_of_list.end()) {
      errors.Add(csv.Error(record_column, "no record '" + std::string(fields[static_cast<size_t>(record_column)]) +
                                              "' in list '" + list->first + "'"));
      continue;
    }
    const auto [person, added] = person_ids.emplace(std::string(fields[static_cast<size_t>(person_column)]),
                                                    static_cast<int64_t>(person_ids.size()));
    person_of[record->second] = person->second;
    ++score.records_labelled;
    if (noise_column >= 0) {
      std::string_view noise = fields[static_cast<size_t>(noise_column)];
      while (!noise.empty()) {
        const size_t end = std::min(noise.find(';'), noise.size());
        if (end > 0) noise_of[record->second].emplace_back(noise.substr(0, end));
        noise.remove_prefix(std::min(end + 1, noise.size()));
      }
    }
  }
  if (!errors.empty()) return errors.ToStatus(display, "the linkage was not scored");
  // Unlabelled records: persons of their own.
  int64_t next_person = static_cast<int64_t>(person_ids.size());
  for (int64_t& person : person_of) {
    if (person < 0) person = next_person++;
  }

  // True pairs: records sharing a person.
  std::unordered_map<int64_t, std::vector<uint32_t>> records_of_person;
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (person_ids.size() > 0 && person_of[i] < static_cast<int64_t>(person_ids.size())) {
      records_of_person[person_of[i]].push_back(i);
    }
  }
  std::vector<uint32_t> cluster_of(records.size(), UINT32_MAX);
  for (uint32_t c = 0; c < linkage.clusters.size(); ++c) {
    for (uint32_t member : linkage.clusters[c].members) cluster_of[member] = c;
  }
  std::map<std::string, NoiseRecall> by_noise;
  for (const auto& [person, members] : records_of_person) {
    score.true_pairs += PairsOf(static_cast<int64_t>(members.size()));
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) {
        const bool found = cluster_of[members[i]] != UINT32_MAX && cluster_of[members[i]] == cluster_of[members[j]];
        std::vector<std::string> kinds = noise_of[members[i]];
        kinds.insert(kinds.end(), noise_of[members[j]].begin(), noise_of[members[j]].end());
        std::sort(kinds.begin(), kinds.end());
        kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
        for (const std::string& kind : kinds) {
          NoiseRecall& recall = by_noise[kind];
          recall.noise = kind;
          ++recall.true_pairs;
          recall.found += found;
        }
      }
    }
  }
  // Found pairs: records sharing a cluster; correct when they share a person too.
  for (const Cluster& cluster : linkage.clusters) {
    score.found_pairs += PairsOf(static_cast<int64_t>(cluster.members.size()));
    std::unordered_map<int64_t, int64_t> per_person;
    for (uint32_t member : cluster.members) ++per_person[person_of[member]];
    for (const auto& [person, count] : per_person) score.correct_pairs += PairsOf(count);
  }
  score.precision = score.found_pairs == 0 ? 1.0 : static_cast<double>(score.correct_pairs) / static_cast<double>(score.found_pairs);
  score.recall = score.true_pairs == 0 ? 1.0 : static_cast<double>(score.correct_pairs) / static_cast<double>(score.true_pairs);
  score.f1 = score.precision + score.recall == 0 ? 0 : 2 * score.precision * score.recall / (score.precision + score.recall);
  for (auto& [kind, recall] : by_noise) score.by_noise.push_back(recall);
  return score;
}

}  // namespace minsheng::dedup
