// The Fellegi–Sunter model (docs/dedup.md, "Scoring"): for every field and level, m — how
// often two records of one person compare at that level — and u — how often two records
// of different persons do. A level's weight is log2(m / u); a pair's match weight is the
// prior's log-odds plus its levels' weights, and its probability follows. `missing` is a
// level like the others: where duplicates lack an ID more often than different persons'
// pairs do, a missing ID is evidence, and EM learns how much.
//
// Estimated on the data itself by expectation–maximisation over the candidate pairs'
// comparison vectors (Winkler's EM for record linkage; Splink's approach): m, u and the
// prior — the share of candidates that are matches — all learnt. u is that of candidate
// non-matches, not of random pairs: blocking makes candidates agree on their keys, and u
// taken from random pairs would make every pair in a block look like a match. Scores are
// doubles: they rank and explain pairs, they are never money. Values; thread-safe to read.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "dedup/compare.h"
#include "dedup/record.h"

namespace minsheng::dedup {

struct FieldModel {
  std::array<double, kMaxLevels> m{};
  std::array<double, kMaxLevels> u{};
  std::array<double, kMaxLevels> weight{};  // log2(m / u)
  std::array<double, kMaxLevels> candidates{};  // candidate pairs at each level
};

struct Model {
  std::array<FieldModel, kFieldCount> fields{};
  // Fields left out (bit f for field f): the keys of the blocking rule whose candidates the
  // model was learnt on, on which all of them agree, so that agreeing there tells nothing.
  uint8_t masked = 0;
  std::string basis;  // what it was learnt on: "pairs found by birth_date+county"
  double prior = 0;  // the share of candidate pairs that are matches
  int iterations = 0;
  bool converged = false;
  int64_t candidate_pairs = 0;

  bool IsMasked(Field field) const { return (masked >> field) & 1u; }
  double PriorWeight() const;
  // `pattern` must be one Compare made (ValidPattern).
  double Weight(Pattern pattern) const;
  // 2^w / (1 + 2^w) of the match weight.
  double Probability(Pattern pattern) const;
};

struct EmOptions {
  // m of resident_id `conflict` — one person's two records carrying two valid numbers
  // (registered twice) — held, not learnt: EM on its own would take namesakes born on one
  // day for one class with the duplicates, and learn that valid numbers may differ.
  double id_conflict_m = 0.001;
  int max_iterations = 1000;
  double tolerance = 1e-7;  // largest change of any m or of the prior
};

// Per field and level, how many of some record pairs compare so.
using LevelCounts = std::array<std::array<int64_t, kMaxLevels>, kFieldCount>;

// `pairs` record pairs drawn uniformly at random (never a record with itself), from a
// deterministic stream seeded with `seed`: nearly all of different persons.
LevelCounts SampleRandomPairs(const std::vector<Record>& records, int64_t pairs, uint64_t seed);

// What a rule's candidates say of matches: how many there are, and at which level of each
// field (counts, not shares).
struct RuleMatches {
  double matches = 0;
  std::array<std::array<double, kMaxLevels>, kFieldCount> levels{};
};
// A learnt model's matches: prior × candidates, at m's levels; a field it leaves out is
// at `exact` (level 1: every pair of the rule agrees on it).
RuleMatches MatchesOf(const Model& model);

// The baseline model, as Splink's: how two records drawn at random compare. m pooled over
// the rules' matches (with 20 matches of the starting shares added, for levels they cannot
// show), u from random pairs (with half a pair added to every level), the
// prior the rules' matches over all n(n-1)/2 pairs of `records` records. No field left
// out; `missing` weighs nothing (random pairs cannot tell how often one person's records
// lack a value). It scores the pairs of a rule whose own model cannot be learnt — one keyed on the
// ID, whose pairs are nearly all matches, or one with too few pairs — and pairs that share
// no block.
Model BaselineModel(const std::vector<RuleMatches>& rules, const LevelCounts& random,
                    int64_t records, double id_conflict_m);

// `pattern_counts[p]`: candidate pairs with comparison vector p (kPatternCount entries;
// counts at vectors Compare cannot make are ignored); the fields in `masked` are left out.
Model EstimateModel(const std::vector<int64_t>& pattern_counts, uint8_t masked,
                    const EmOptions& options);

}  // namespace minsheng::dedup
