// WriteDedupLists: test lists for record linkage with the truth known. Zibo's two resident
// medical insurance lists before the 2013 merger — ncms.csv (rural, 新农合) and urbmi.csv
// (urban, 城镇居民医保) — where some persons are enrolled twice, across the lists or twice
// in one, the second record noisy as real re-entries are (dedup_noise.h); truth.csv says
// which person each record is and what noise it carries. docs/synth.md, "Duplicate
// enrollment lists". Deterministic: the same persons, rate and seed give the same bytes on
// every machine. Holds the persons in memory (about 24 bytes a person with the lists'
// order), writes the rows through 1 MiB buffers. One thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/rate.h"
#include "core/status.h"
#include "synth/dedup_noise.h"
#include "synth/synth.h"

namespace minsheng::synth {

// The most persons a run may ask for: about 52 million records, 1.2 GB of memory.
inline constexpr int64_t kDedupMaxPersons = 50'000'000;

// Per cent of the duplicated persons enrolled once in each list; the rest are enrolled
// twice in their home list (assumption, docs/synth.md).
inline constexpr int64_t kAcrossListsPercent = 80;

struct DedupListsOptions {
  int64_t persons = 0;        // distinct real people, 1 to kDedupMaxPersons
  Rate duplicate_rate{};      // the share of them enrolled twice, 0 to 1, exact
  std::string out_directory;  // created if missing; the three files are overwritten
  uint64_t seed = 1;
};

struct DedupListsSummary {
  std::vector<FileSummary> files;  // ncms.csv, urbmi.csv, truth.csv
  int64_t persons = 0;
  int64_t duplicates = 0;    // persons with two records
  int64_t across_lists = 0;  // …one in each list
  int64_t within_list = 0;   // …both in their home list
  int64_t twin_pairs = 0;
  // Records carrying each kind (NoiseKinds() order), background name_spacing included.
  std::array<int64_t, kNoiseKindCount> noise{};
};

// The persons enrolled twice: persons × rate rounded to the nearest whole number, halves
// up, in exact integer arithmetic (the rate is a count of billionths).
int64_t DuplicateCount(int64_t persons, Rate rate);
// Of those, the ones enrolled in both lists: duplicates × kAcrossListsPercent / 100, rounded
// the same way.
int64_t AcrossListsCount(int64_t duplicates);

// Errors (invalid argument) say what is wrong: "persons must be 1 to 50,000,000, not 0",
// "the duplicate rate must be 0 to 1, not 1.5".
Status CheckDedupListsOptions(const DedupListsOptions& options);

Result<DedupListsSummary> WriteDedupLists(const DedupListsOptions& options);

}  // namespace minsheng::synth
