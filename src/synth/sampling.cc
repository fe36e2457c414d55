// Integer sampling (sampling.h).
#include "synth/sampling.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <numeric>
#include <string>

namespace minsheng::synth {

WeightedTable::WeightedTable(std::span<const uint64_t> weights) {
  uint64_t sum = 0;
  cumulative_.reserve(weights.size());
  for (const uint64_t weight : weights) {
    sum += weight;
    cumulative_.push_back(sum);
  }
  assert(sum > 0);
}

size_t WeightedTable::Pick(Random& random) const {
  const uint64_t point = random.Below(cumulative_.back());
  // The first running sum above the point: zero-weight entries are never picked.
  return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), point) -
                             cumulative_.begin());
}

std::vector<int64_t> AllocateCapped(int64_t total, std::span<const int64_t> weights,
                                    std::span<const int64_t> capacities) {
  assert(weights.size() == capacities.size());
  const size_t count = weights.size();
  std::vector<int64_t> result(count, 0);
  std::vector<bool> open(count);
  for (size_t i = 0; i < count; ++i) open[i] = capacities[i] > 0 && weights[i] > 0;
  int64_t left = total;
  // Each round either places everything or fills at least one group, so rounds <= groups.
  while (left > 0) {
    int64_t weight_sum = 0;
    for (size_t i = 0; i < count; ++i) weight_sum += open[i] ? weights[i] : 0;
    if (weight_sum == 0) break;
    std::vector<int64_t> share(count, 0);
    std::vector<size_t> by_remainder;
    int64_t placed = 0;
    for (size_t i = 0; i < count; ++i) {
      if (!open[i]) continue;
      assert(weights[i] <= std::numeric_limits<int64_t>::max() / std::max<int64_t>(left, 1));
      share[i] = left * weights[i] / weight_sum;
      placed += share[i];
      by_remainder.push_back(i);
    }
    // Largest remainder first; the remainder is left·w mod W, compared exactly.
    std::stable_sort(by_remainder.begin(), by_remainder.end(), [&](size_t a, size_t b) {
      return left * weights[a] % weight_sum > left * weights[b] % weight_sum;
    });
    for (size_t k = 0; k < by_remainder.size() && placed < left; ++k, ++placed) {
      ++share[by_remainder[k]];
    }
    bool filled = false;
    for (size_t i = 0; i < count; ++i) {
      if (!open[i]) continue;
      const int64_t room = capacities[i] - result[i];
      if (share[i] >= room) {
        share[i] = room;
        open[i] = false;
        filled = true;
      }
      result[i] += share[i];
      left -= share[i];
    }
    if (!filled) break;  // every share fitted: all placed
  }
  return result;
}

bool Selection::Take(Random& random) {
  assert(pool_ > 0);
  const bool take =
      wanted_ > 0 && static_cast<int64_t>(random.Below(static_cast<uint64_t>(pool_))) < wanted_;
  --pool_;
  if (take) --wanted_;
  return take;
}

Result<std::vector<int64_t>> HouseholdSizeCounts(int64_t households, int64_t persons,
                                                 std::span<const int64_t> shares) {
  const auto largest = static_cast<int64_t>(shares.size());
  if (households < 0 || persons < households || persons > households * largest) {
    return InvalidArgument(std::to_string(households) + " households cannot hold " +
                           std::to_string(persons) + " persons with 1 to " +
                           std::to_string(largest) + " each");
  }
  const std::vector<int64_t> no_limit(shares.size(), std::numeric_limits<int64_t>::max());
  std::vector<int64_t> counts = AllocateCapped(households, shares, no_limit);
  int64_t have = 0;
  for (size_t size = 0; size < counts.size(); ++size) {
    have += counts[size] * static_cast<int64_t>(size + 1);
  }
  // Move one household at a time one size up (or down), from the size most over its share,
  // until the persons add up; each move changes the persons by one.
  while (have != persons) {
    const bool up = have < persons;
    size_t best = shares.size();
    int64_t best_excess = std::numeric_limits<int64_t>::min();
    for (size_t size = 0; size < counts.size(); ++size) {
      if (counts[size] == 0 || (up && size + 1 == counts.size()) || (!up && size == 0)) continue;
      const int64_t excess = counts[size] * 100 - shares[size] * households;
      if (excess > best_excess) {
        best_excess = excess;
        best = size;
      }
    }
    assert(best < shares.size());  // the bounds above guarantee a move
    --counts[best];
    ++counts[up ? best + 1 : best - 1];
    have += up ? 1 : -1;
  }
  return counts;
}

}  // namespace minsheng::synth
