// Simulate: a pack's programs computed twice over the same registry population — under
// the baseline and under a reform (policy/reform.h) — and compared: cost per program,
// beneficiaries, households that gain and lose, by region and by income decile, and why
// for some households (docs/simulate.md).
//
// The population is the registry view's persons and households (as on the period's first
// day); each month of the period takes the enrollments in force and the admissions
// discharged in that month (pay::PopulationFromRegistry with a month), and a yearly
// program is computed once for each whole year of the period, with that year's. The baseline and the
// reform each have their own Engine over the same population, so nothing one computes can
// reach the other's cache. Amounts are int64 fen, sums checked.
// Not thread-safe; one simulation at a time per view.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "policy/pack.h"
#include "policy/reform.h"
#include "registry/view.h"
#include "simulate/explain_diff.h"

namespace minsheng::simulate {

struct SimulationOptions {
  Period period = Period::Year(2013);  // a month, a quarter or a year
  // Households explained (the baseline's and the reform's explanation trees compared):
  // these, by household id, and `sample` more among those whose amount changed, chosen
  // evenly over the changed households in registry order (deterministic).
  std::vector<std::string> explain_households;
  size_t sample = 3;
  // Called after each month (and each whole year, for yearly programs) with (steps done,
  // steps in all), e.g. for a progress bar.
  std::function<void(int, int)> progress;
};

// Baseline and reform side by side.
struct Pair {
  int64_t baseline = 0;
  int64_t reform = 0;
  int64_t change() const { return reform - baseline; }
};

struct ProgramResult {
  std::string program, title_zh, title_en;
  Pair cost_fen;       // the period's amounts summed
  Pair beneficiaries;  // persons (or households, for a household program) paid in any month
};

// A group of households (a region, an income decile).
struct GroupResult {
  std::string key;    // region or county code; decile "1" … "10"
  std::string label;  // region name, "D1 (lowest)"…
  int64_t households = 0;
  int64_t persons = 0;
  Pair cost_fen;
  int64_t winners = 0, losers = 0;
};

// Households whose change over the period is of a magnitude between two bounds (groups.h):
// a loss in [from, to), a gain in (from, to]; no bound where absent.
struct ChangeBand {
  std::string label_en, label_zh;  // "loss 100 to 1,000", "减少100至1,000元"
  std::optional<int64_t> from_fen, to_fen;
  int64_t households = 0;
  int64_t change_fen = 0;  // their changes summed
};

// Why one household's amount changed: per program, month and member, the differences
// between the baseline's and the reform's explanation trees.
struct HouseholdWhy {
  std::string household_id;
  std::string region;
  Pair amount_fen;  // the household's period total
  struct Item {
    std::string program;
    std::string member_id;  // the person; "" for a household program
    Period month;  // the month, or the year of a yearly program
    Pair amount_fen;
    std::vector<TreeDifference> differences;
  };
  // The first month (or year, for a yearly program) in which the household's amounts
  // differ: each program's amount for each member that differs then.
  std::vector<Item> items;
};

struct Simulation {
  std::string baseline_version, reform_version;
  std::string reform_id, reform_title_zh, reform_title_en;
  std::string reform_quote;  // the draft notice quoted above the reform's `reform:` block
  Date reform_from;
  Period period;
  std::vector<policy::ReformChange> changes;
  int64_t persons = 0, households = 0;
  std::vector<ProgramResult> programs;
  Pair total_cost_fen;
  int64_t winners = 0, losers = 0, unchanged = 0;
  int64_t largest_gain_fen = 0, largest_loss_fen = 0;  // loss: as a negative change
  std::vector<ChangeBand> distribution;
  std::vector<GroupResult> by_region;  // the households' regions: towns (or counties)
  std::vector<GroupResult> by_county;  // counties and districts: a city's first breakdown
  std::vector<GroupResult> by_decile;
  std::vector<HouseholdWhy> explained;
  // Where the time went, in seconds (for bench/simulate_bench.cc).
  struct Times {
    double population = 0;  // the population built for the first step
    double steps = 0;       // every step: inputs moved to it, both packs computed, tallied
    double groups = 0;      // winners, losers, bands, regions, deciles
    double explained = 0;   // the households explained
  } times;
};

// Simulates `reform` (ApplyReform of `baseline`) over the view, which must cover the
// period (its as_of span from the period's first to its last day). Errors: an engine fault
// (naming the entity, expression and place), a household asked for that the view does not
// hold, a pack without programs.
Result<Simulation> Simulate(const policy::Pack& baseline, const policy::Reform& reform_file,
                            const policy::ReformedPack& reform, const registry::RegistryView& view,
                            const SimulationOptions& options);

}  // namespace minsheng::simulate
