// The households' changes summed up: winners and losers, the distribution of gains and
// losses in bands, and the cost and changes by region and by income decile
// (simulation.h). Internal to simulate; pure functions over the tallies.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "registry/view.h"
#include "simulate/simulation.h"

namespace minsheng::simulate {

// Each household of the view's period total under the baseline and the reform (fen).
struct Households {
  const registry::RegistryView& view;
  const std::vector<int64_t>& baseline;
  const std::vector<int64_t>& reform;
};

// The bands of a household's change over the period, in fen: below -10,000 yuan, -10,000
// to -1,000, -1,000 to -100, -100 to 0; then 0 to 100, 100 to 1,000, 1,000 to 10,000 and
// above. Households whose amount did not change are in no band.
std::vector<ChangeBand> EmptyBands();

// Fills the result's winners, losers, unchanged, largest gain and loss, distribution,
// by_region (the household's town or county code), by_county (its first six digits: the
// county or district) and by_decile. Deciles rank the households by monthly income per member (the
// registry's `income` on the view's first day, summed over the members and divided by
// their number; exact, compared as fractions), ties by registry order; decile 1 is the
// tenth with the lowest.
Status AddGroups(const Households& households, Simulation& result);

}  // namespace minsheng::simulate
