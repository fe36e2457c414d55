// Worked cases: a pack's tests/*.yaml, run against the engine (docs/packs.md, "Tests").
//
// Each case gives a period, households with their members and inputs, and what must come
// out: values per entity (exact to the fen unless a margin is given), totals over all
// entities, or an expected error (message and place, as `minsheng` prints them). The
// runner builds a population per case, computes with the vectorized engine, checks every
// value also against the reference interpreter, and reports each failure with the
// place of the expectation in the test file.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "policy/pack.h"

namespace minsheng::engine {

struct CaseOutcome {
  std::string file;  // pack-relative, e.g. "tests/school_bus.yaml"
  std::string name;
  int line = 0;
  std::vector<std::string> failures;  // empty when the case passed
};

struct WorkedCaseReport {
  int passed = 0;
  int failed = 0;
  std::vector<CaseOutcome> cases;
};

// Runs every test file of the pack. A malformed test file is an error (file:line:column),
// distinct from a case that fails.
Result<WorkedCaseReport> RunWorkedCases(const policy::Pack& pack);

}  // namespace minsheng::engine
