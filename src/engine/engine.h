// Engine: computes a checked pack's variables over a Population, batch by batch.
//
// Compute(variable, period) returns one value per row of the variable's entity table, as
// a Values column (values.h). It first computes what the variable's formula reads
// (dependencies, at the periods they are read at), then evaluates the formula in fixed
// batches of rows with the vectorized executor (executor.h) — only on the rows where it
// can differ from its common value when it folds (fold.h). Every (variable, period) is
// computed once and cached, and two periods whose formula reads the same parameter
// values and the same columns share one result: a rule whose parameters do not change
// within a year is evaluated once for its twelve months. A monthly variable asked for a
// year is the sum of its twelve months. Any fault (division by
// zero, overflow, a parameter with no value on the date) stops the computation with an
// error naming the entity, the expression and its place in the pack; nothing partial is
// returned. Not thread-safe: one Engine per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "engine/table.h"
#include "engine/values.h"
#include "policy/pack.h"

namespace minsheng::engine {

// Rows per batch: DuckDB's STANDARD_VECTOR_SIZE. Small enough that a batch's working
// vectors stay in L1/L2 cache, large enough that per-batch dispatch is noise.
inline constexpr size_t kBatchSize = 2048;

struct EngineOptions {
  size_t batch_size = kBatchSize;  // tests run with tiny batches to shake out edges
  // A formula that folds on a column is evaluated only on its exceptions when they are
  // at most this share of the table (beyond it, evaluating every row is as fast). Tests
  // set 1 to fold whenever possible, and 0 never to.
  double fold_share = 0.25;
};

// The period a variable is evaluated at: its own unit (eternity has no period).
struct PeriodKey {
  int variable = -1;
  int kind = -1;  // PeriodKind as int, or -1 for eternity
  int32_t first_day = 0;
  friend auto operator<=>(const PeriodKey&, const PeriodKey&) = default;
};

class Engine {
 public:
  Engine(const policy::Pack& pack, const Population& population, EngineOptions options = {});

  const policy::Pack& pack() const { return pack_; }
  const Population& population() const { return population_; }
  // The table of an entity ("person" → members, "household" → groups).
  const EntityTable& TableOf(const std::string& entity) const;
  bool IsMemberEntity(const std::string& entity) const;

  // The values of the variable for the period. A month or yearly variable takes the
  // period's kind: a monthly variable over a year period sums its months (money and
  // number only); a yearly variable over a month is the year holding it.
  Result<const Values*> Compute(int variable, const Period& period);

  // The key a variable is evaluated at when a formula running in `period` reads it.
  PeriodKey KeyFor(int variable, const Period& period) const;

 private:
  Result<const Values*> ComputeKey(const PeriodKey& key, const Period& period);
  Result<const Values*> ComputeTotal(int variable, const Period& period);
  Result<std::shared_ptr<const Values>> Evaluate(int variable, const Period& period);

  const policy::Pack& pack_;
  const Population& population_;
  EngineOptions options_;
  // Values by the period they were computed for; a monthly variable's totals over
  // quarters and years sit beside its months, under their own period kind.
  std::map<PeriodKey, std::shared_ptr<const Values>> cache_;
  // Results by what computed them: the variable, its formula and the executor's
  // signature (the parameter values and columns read). Equal keys, equal results.
  std::map<std::vector<int64_t>, std::shared_ptr<const Values>> by_signature_;
};

// The period a variable's formula runs at when the variable is asked for `period`: the
// month holding it for monthly variables, the year for yearly ones, `period` itself for
// eternal ones.
Period NaturalPeriod(const policy::Variable& variable, const Period& period);

}  // namespace minsheng::engine
