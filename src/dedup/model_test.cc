// The model's rules that hold whatever the data: a disagreement never counts for a match,
// the m of an ID conflict is held, missing weighs nothing in the baseline, and EM on
// cleanly separated pairs finds the matches' share.
#include "dedup/model.h"

#include <gtest/gtest.h>

namespace minsheng::dedup {
namespace {

Pattern PatternOf(uint8_t id, uint8_t name, uint8_t birth, uint8_t sex, uint8_t county) {
  return static_cast<Pattern>(id | name << 3 | birth << 6 | sex << 9 | county << 12);
}

TEST(DedupModel, ADisagreementNeverCountsForAMatch) {
  // One county's random pairs: never a pair of different counties, so u of `different`
  // is only the smoothing's, and m / u alone would make it strong evidence.
  LevelCounts random{};
  for (auto& field : random) field[1] = 1'000'000;
  random[kFieldId][3] = 1'000;  // IDs: a few suspect pairs
  RuleMatches matches;
  matches.matches = 100;
  for (auto& field : matches.levels) field[1] = 100;
  const Model model = BaselineModel({matches}, random, 10'000, 0.001);
  for (int f = 0; f < kFieldCount; ++f) {
    for (int level = 0; level < LevelCount(static_cast<Field>(f)); ++level) {
      if (IsDisagreement(static_cast<Field>(f), static_cast<uint8_t>(level))) {
        EXPECT_LE(model.fields[static_cast<size_t>(f)].weight[static_cast<size_t>(level)], 0)
            << FieldName(static_cast<Field>(f)) << " " << LevelName(static_cast<Field>(f), static_cast<uint8_t>(level));
      }
    }
    EXPECT_EQ(model.fields[static_cast<size_t>(f)].weight[kLevelMissing], 0);  // missing: nothing
  }
  EXPECT_DOUBLE_EQ(model.fields[kFieldId].m[4], 0.001);  // conflict held
  EXPECT_NEAR(model.prior, 100.0 / (10'000.0 * 9'999 / 2), 1e-12);
}

TEST(DedupModel, EmFindsTheMatchesShareOfCleanlySeparatedPairs) {
  // 100 matches agreeing on everything, 900 non-matches disagreeing on ID and name.
  std::vector<int64_t> counts(kPatternCount, 0);
  counts[PatternOf(1, 1, 1, 1, 1)] = 100;
  counts[PatternOf(4, 4, 1, 1, 1)] = 600;
  counts[PatternOf(4, 4, 3, 2, 1)] = 300;
  const Model model = EstimateModel(counts, 0, {});
  EXPECT_TRUE(model.converged);
  EXPECT_NEAR(model.prior, 0.1, 0.01);
  EXPECT_GT(model.Probability(PatternOf(1, 1, 1, 1, 1)), 0.99);
  EXPECT_LT(model.Probability(PatternOf(4, 4, 1, 1, 1)), 0.01);
  EXPECT_DOUBLE_EQ(model.fields[kFieldId].m[4], EmOptions{}.id_conflict_m);
}

TEST(DedupModel, ARuleLeavesItsKeysOut) {
  std::vector<int64_t> counts(kPatternCount, 0);
  counts[PatternOf(1, 1, 1, 1, 1)] = 100;
  counts[PatternOf(4, 4, 1, 1, 1)] = 900;
  const uint8_t birth_and_county = 1u << kFieldBirth | 1u << kFieldCounty;
  const Model model = EstimateModel(counts, birth_and_county, {});
  EXPECT_TRUE(model.IsMasked(kFieldBirth));
  EXPECT_EQ(model.fields[kFieldBirth].weight[1], 0);
  EXPECT_EQ(model.fields[kFieldCounty].weight[1], 0);
  EXPECT_GT(model.fields[kFieldName].weight[1], 0);
}

}  // namespace
}  // namespace minsheng::dedup
