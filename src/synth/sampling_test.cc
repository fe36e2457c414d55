// Tests for the integer sampling: largest-remainder allocation meets its total and its
// caps, selection sampling draws exactly k of n, household-size counts meet both totals,
// and the weighted table never picks a zero weight.
#include "synth/sampling.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <numeric>
#include <vector>

namespace minsheng::synth {
namespace {

int64_t Sum(const std::vector<int64_t>& values) {
  return std::accumulate(values.begin(), values.end(), int64_t{0});
}

TEST(AllocateCapped, LargestRemainderWithTiesToTheLowerIndex) {
  // Proves 10 over weights 1:1:1 gives 4, 3, 3 and 7 over 5:3:2 gives 4, 2, 1 (3.5, 2.1, 1.4).
  const std::vector<int64_t> unlimited(3, 1'000);
  EXPECT_EQ(AllocateCapped(10, std::vector<int64_t>{1, 1, 1}, unlimited),
            (std::vector<int64_t>{4, 3, 3}));
  EXPECT_EQ(AllocateCapped(7, std::vector<int64_t>{5, 3, 2}, unlimited),
            (std::vector<int64_t>{4, 2, 1}));
}

TEST(AllocateCapped, AFullGroupPassesItsShareOn) {
  // Proves a group is never given more than its capacity, and the rest goes to the others.
  EXPECT_EQ(AllocateCapped(10, std::vector<int64_t>{100, 1, 1}, std::vector<int64_t>{2, 50, 50}),
            (std::vector<int64_t>{2, 4, 4}));
  EXPECT_EQ(AllocateCapped(10, std::vector<int64_t>{1, 1}, std::vector<int64_t>{3, 4}),
            (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(AllocateCapped(5, std::vector<int64_t>{0, 1}, std::vector<int64_t>{9, 9}),
            (std::vector<int64_t>{0, 5}));
}

RC_GTEST_PROP(AllocateCapped, MeetsTheTotalWithinTheCaps, ()) {
  // Proves, for any weights and caps, the result sums to min(total, capacity of the groups
  // with weight) and never exceeds a cap.
  const auto weights =
      *rc::gen::container<std::vector<int64_t>>(rc::gen::inRange<int64_t>(0, 1'000));
  std::vector<int64_t> caps;
  for (size_t i = 0; i < weights.size(); ++i) caps.push_back(*rc::gen::inRange<int64_t>(0, 500));
  const int64_t total = *rc::gen::inRange<int64_t>(0, 5'000);
  const std::vector<int64_t> result = AllocateCapped(total, weights, caps);
  int64_t room = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    RC_ASSERT(result[i] >= 0);
    RC_ASSERT(result[i] <= caps[i]);
    if (weights[i] > 0) room += caps[i];
  }
  RC_ASSERT(Sum(result) == std::min(total, room));
}

TEST(Selection, DrawsExactlyTheWantedNumber) {
  // Proves selection sampling draws exactly k of n for every k, and each item about k/n of
  // the time over many runs.
  Random random(3);
  std::vector<int> drawn(20, 0);
  for (int run = 0; run < 20'000; ++run) {
    Selection selection(5, 20);
    int taken = 0;
    for (int item = 0; item < 20; ++item) {
      if (selection.Take(random)) {
        ++taken;
        ++drawn[static_cast<size_t>(item)];
      }
    }
    ASSERT_EQ(taken, 5);
  }
  for (const int count : drawn) EXPECT_NEAR(count / 20'000.0, 0.25, 0.02);
}

TEST(HouseholdSizeCounts, MeetsHouseholdsAndPersons) {
  // Proves the seed's 65,668 households of 122,657 persons (Zibo's 建档立卡) are met exactly,
  // near the shares, and impossible totals are refused.
  const std::vector<int64_t> shares = {38, 44, 12, 5, 1};
  const auto counts = HouseholdSizeCounts(65'668, 122'657, shares);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  int64_t persons = 0;
  for (size_t size = 0; size < counts->size(); ++size) {
    persons += (*counts)[size] * static_cast<int64_t>(size + 1);
  }
  EXPECT_EQ(Sum(*counts), 65'668);
  EXPECT_EQ(persons, 122'657);
  EXPECT_NEAR(static_cast<double>((*counts)[0]) / 65'668, 0.38, 0.03);
  EXPECT_FALSE(HouseholdSizeCounts(10, 9, shares).ok());
  EXPECT_FALSE(HouseholdSizeCounts(10, 51, shares).ok());
  const auto none = HouseholdSizeCounts(0, 0, shares);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(Sum(*none), 0);
}

TEST(WeightedTable, NeverPicksAZeroWeight) {
  // Proves picks follow the weights and skip entries of weight 0.
  const std::vector<uint64_t> weights = {0, 3, 0, 1};
  const WeightedTable table(weights);
  Random random(5);
  std::vector<int> picks(4, 0);
  for (int i = 0; i < 40'000; ++i) ++picks[table.Pick(random)];
  EXPECT_EQ(picks[0], 0);
  EXPECT_EQ(picks[2], 0);
  EXPECT_NEAR(picks[1] / 40'000.0, 0.75, 0.01);
}

}  // namespace
}  // namespace minsheng::synth
