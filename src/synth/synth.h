// Synthesize: writes a synthetic county's registry files (docs/registry.md, docs/synth.md)
// — persons.csv, households.csv, orgs.csv, enrollments.csv, admissions.csv — to a folder.
// Deterministic: the same county, scale and seed give the same bytes on every machine.
// Plans the county in memory (a few bytes a household), counts once, then streams the rows
// to disk. One thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace minsheng::synth {

struct SynthOptions {
  std::string county;         // "wudi" or "zibo"
  std::string out_directory;  // created if missing; the five files are overwritten
  double scale = 1;           // 0 < scale <= 1: multiplies every count
  uint64_t seed = 1;
};

struct FileSummary {
  std::string name;  // "persons.csv"
  int64_t rows = 0;  // data rows, without the header
  int64_t bytes = 0;
};

struct SynthSummary {
  std::vector<FileSummary>
      files;  // in the order written: orgs, households, persons, enrollments, admissions
};

Result<SynthSummary> Synthesize(const SynthOptions& options);

}  // namespace minsheng::synth
