// Sampling on integers, so that counts come out exact and the same on every machine:
// weighted choice, largest-remainder allocation of a total over weighted groups, drawing
// exactly k of n in one pass, and household-size counts that meet a household and a
// person total at once. Values; thread-compatible.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "synth/random.h"

namespace minsheng::synth {

// Picks an index with probability weight / total weight. Weights need not be normalized;
// at least one must be positive.
class WeightedTable {
 public:
  explicit WeightedTable(std::span<const uint64_t> weights);
  size_t Pick(Random& random) const;
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<uint64_t> cumulative_;  // running sums; back() is the total
};

// Splits `total` over groups in proportion to weights[i] (largest remainder, ties to the
// lower index), never giving a group more than capacities[i]; what a full group cannot take
// goes to the others. The result sums to min(total, sum of capacities). Weights up to
// 2^40 and totals up to 2^22·… are exact: the products are checked to fit int64 (asserted).
std::vector<int64_t> AllocateCapped(int64_t total, std::span<const int64_t> weights,
                                    std::span<const int64_t> capacities);

// Draws exactly `wanted` of `pool` items met one by one (Knuth's selection sampling,
// Algorithm S): Take() says whether the current item is drawn. Every subset of the size is
// equally likely. Taking beyond the pool is a bug (asserted).
class Selection {
 public:
  Selection() = default;
  Selection(int64_t wanted, int64_t pool) : wanted_(wanted), pool_(pool) {}
  bool Take(Random& random);
  int64_t wanted() const { return wanted_; }

 private:
  int64_t wanted_ = 0;  // still to draw
  int64_t pool_ = 0;    // still to meet
};

// How many households of each size 1..shares.size() make `households` households of
// `persons` persons in all, as close to the shares (percent, by size) as the totals allow.
// Fails when no such counts exist (persons < households, or more than the largest size
// allows).
Result<std::vector<int64_t>> HouseholdSizeCounts(int64_t households, int64_t persons,
                                                 std::span<const int64_t> shares);

}  // namespace minsheng::synth
