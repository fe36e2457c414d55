// One deduplication run (docs/dedup.md): lists read, records normalised, linked, scored
// against truth when a truth file is given, the saving estimated when a per-person
// subsidy is; then the files a data team works from. Nothing is written here: the caller
// writes the files, all or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "dedup/linkage.h"
#include "dedup/list_file.h"
#include "dedup/record.h"
#include "dedup/truth.h"

namespace minsheng::dedup {

struct DedupOptions {
  LinkOptions link;
  Date today;                     // bounds birth dates in IDs
  std::string truth_path;         // "" for none
  std::optional<Money> subsidy;   // per person and year
  std::string subsidy_source;     // where it came from: "--subsidy", "zibo-2017 …"
};

struct DedupTimes {
  double read = 0, normalise = 0;
};

struct DedupRun {
  std::vector<EnrollmentList> lists;
  std::vector<Record> records;
  FieldCounts counts;
  Linkage linkage;
  std::optional<TruthScore> truth;
  std::optional<Money> saving;    // duplicates × subsidy
  DedupTimes times;
};

// Reads `paths` (list names are their stems and must differ) and links them with `extra`
// (lists built elsewhere: the registry's). Any bad list refuses the run.
Result<DedupRun> RunDedup(const std::vector<std::string>& paths, std::vector<EnrollmentList> extra,
                          const DedupOptions& options);

struct NamedText {
  std::string name;  // "clusters.csv"
  std::string text;
};
// clusters.csv, pairs.csv, review.csv, model.csv, summary.json (docs/dedup.md, "Output").
std::vector<NamedText> DedupFiles(const DedupRun& run, const DedupOptions& options);
// summary.json alone (`--json`), without the explanations of every pair the others hold.
std::string DedupSummaryJson(const DedupRun& run, const DedupOptions& options);

}  // namespace minsheng::dedup
