// Scoring a linkage against known truth: a file naming, for each record, the person it
// belongs to (`minsheng synth dedup` writes one; a data team can label a sample by hand).
// Counted over pairs of records: a pair is found when both records are in one cluster,
// and true when both belong to one person. Values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "dedup/linkage.h"
#include "dedup/list_file.h"

namespace minsheng::dedup {

struct NoiseRecall {
  std::string noise;       // a kind from the truth file's `noise` column
  int64_t true_pairs = 0;  // true pairs with a record carrying it
  int64_t found = 0;
};

struct TruthScore {
  int64_t records_labelled = 0;
  int64_t true_pairs = 0;
  int64_t found_pairs = 0;
  int64_t correct_pairs = 0;
  double precision = 0, recall = 0, f1 = 0;
  std::vector<NoiseRecall> by_noise;  // by kind's name
};

// truth.csv: columns `list` (a list's stem), `record_id`, `person`, and optionally `noise`
// (kinds joined by ;). Records the file does not name count as persons of their own; a row
// naming a record no list holds is an error, with its row.
Result<TruthScore> ScoreAgainstTruth(const std::string& truth_path,
                                     const std::vector<EnrollmentList>& lists,
                                     const std::vector<Record>& records, const Linkage& linkage);

}  // namespace minsheng::dedup
