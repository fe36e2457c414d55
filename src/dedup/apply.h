// Applying accepted clusters to the registry (docs/dedup.md, "Applying merges to the
// registry"): the records a deduplication run found to be one person are merged, and
// where they name two or more registry persons, the persons merged into the one kept
// hand their enrollments over to it and their insurance scheme ends — all as new records,
// recorded by one registry import (docs/registry.md), so the registry before the merge
// stays readable as of any earlier time. Nothing is changed or deleted.
//
// The clusters file (and the reviewer's accepted pairs) are checked strictly before
// anything is written: a missing column, a broken row, a cluster keeping no record or two
// refuse the whole apply with file, row and column. Then every change is made in one
// store transaction, all or nothing. Applying the same folder again records nothing:
// merges the registry holds already are skipped, and so are enrollments and schemes
// already moved. Not thread-safe: one apply on a store at a time, like every import.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "store/store.h"

namespace minsheng::dedup {

// The origin of an enrollment recorded for the person kept (registry_enrollments.origin).
inline constexpr const char* kMergeOrigin = "merge";
// The kind of the registry import an apply records itself as (registry_imports.kind).
inline constexpr const char* kMergesImportKind = "merges";
// Files past this are refused: a clusters file lists duplicates only, a few rows per
// person enrolled twice; a city's is megabytes.
inline constexpr uint64_t kMaxMergeFileBytes = uint64_t{256} << 20;
// `dedup merges` lists at most this many unless told otherwise.
inline constexpr size_t kDefaultMergesListed = 1000;

struct ApplyOptions {
  Date on;                  // the day the merges take effect (the CLI's default: today)
  int64_t recorded_at = 0;  // nanoseconds since the Unix epoch: when they are recorded
};

// The files an apply reads, as text (UTF-8 or GB18030, as the registry's imports).
struct MergeFiles {
  std::string clusters;                        // clusters.csv of a dedup run
  std::string clusters_name = "clusters.csv";  // names it in errors and registry_imports
  std::optional<std::string> accepted;         // review pairs a reviewer accepted; none: none
  std::string accepted_name = "accepted.csv";
};

struct ApplySummary {
  int64_t clusters = 0;              // clusters applied (accepted review pairs joined in)
  int64_t merges_recorded = 0;       // registry_merges rows recorded now
  int64_t already_applied = 0;       // merges the registry held already (skipped)
  int64_t persons_merged = 0;        // registry persons whose records this apply changed
  int64_t enrollments_moved = 0;     // their enrollments ended (or withdrawn) from `on`
  int64_t enrollments_recorded = 0;  // enrollments recorded for the persons kept
  int64_t schemes_ended = 0;         // merged persons whose scheme ended from `on`
  int64_t schemes_taken = 0;         // kept persons without a scheme given the merged one's
  int64_t import_id = 0;             // registry_imports.id; 0 when nothing was new
};

// Applies the clusters (and accepted pairs) of `files` as of `options.on`.
Result<ApplySummary> ApplyMergeFiles(store::Store& store, const MergeFiles& files,
                                     const ApplyOptions& options);
// The same, reading FOLDER/clusters.csv and, when `accepted_path` is not empty, that file.
Result<ApplySummary> ApplyMerges(store::Store& store, const std::string& folder,
                                 const std::string& accepted_path, const ApplyOptions& options);

// One row of registry_merges.
struct RecordedMerge {
  int64_t seq = 0;
  int64_t import_id = 0;
  int64_t recorded_at = 0;  // nanoseconds since the Unix epoch
  std::string cluster;
  std::string kept_list, kept_record, kept_person;        // person "" when none
  std::string merged_list, merged_record, merged_person;  // person "" when none
  Date valid_from;
};

struct MergeQuery {
  std::string person;  // a resident ID (15 or 18 characters): the merges naming them; "" all
  size_t limit = kDefaultMergesListed;
};

struct MergeListing {
  std::vector<RecordedMerge> merges;  // newest first, at most MergeQuery::limit
  int64_t total = 0;                  // how many the query matched
};

// The merges recorded, newest first: what was merged, into what, from when, recorded when.
Result<MergeListing> ListMerges(store::Store& store, const MergeQuery& query);

}  // namespace minsheng::dedup
