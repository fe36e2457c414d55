// Link: the whole linkage over normalised records (docs/dedup.md) — block, compare every
// candidate once and count the comparison vectors, estimate the model, score the
// candidates again and keep those at or above the review threshold, then cluster the
// matches by union-find, refusing a merge that would chain unlike records. Deterministic:
// the same records and options give the same result on any number of threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dedup/blocking.h"
#include "dedup/model.h"
#include "dedup/record.h"

namespace minsheng::dedup {

struct LinkOptions {
  std::vector<BlockingRule> rules = DefaultBlockingRules();
  uint32_t max_block = kDefaultMaxBlock;
  // Probabilities: at or above `match` a pair is one person; from `review` to `match` a
  // person decides.
  double match_threshold = 0.9;
  double review_threshold = 0.5;
  int threads = 2;
  // No cluster grows past this many records: a bigger one is a chain, not a person.
  uint32_t max_cluster = 10;
  EmOptions em;
  uint64_t seed = 1;  // of the random pairs
};

enum class Decision : uint8_t { kMatch, kReview };

struct ScoredPair {
  uint32_t a = 0, b = 0;  // record indices, a < b
  uint32_t rule = 0;      // the rule that found it
  Pattern pattern = 0;
  double weight = 0;
  double probability = 0;
};

// Why a pair is on the review list.
enum class ReviewReason : uint8_t {
  kUncertain,  // its probability is between the thresholds
  kChain,      // a match, but it would put in one cluster two records that do not match
  kTooLarge,   // a match, but the cluster would exceed max_cluster
};
const char* ReviewReasonName(ReviewReason reason);  // "uncertain", "chain", "too_large"

struct ReviewItem {
  ScoredPair pair;
  ReviewReason reason = ReviewReason::kUncertain;
  // For a chain: the two records of the would-be cluster that compare worst, and how.
  uint32_t worst_a = 0, worst_b = 0;
  double worst_probability = 0;
};

struct Cluster {
  std::vector<uint32_t> members;  // record indices, ascending
  uint32_t keep = 0;              // the record kept: the best ID, then the first listed
                                  // (RunDedup: the registry's, when it holds one)
  double weakest = 0;             // the lowest probability of the links that made it
};

struct LinkTimes {
  double block = 0, count = 0, estimate = 0, score = 0, cluster = 0;
};

// Fewer candidates than this under a rule, and its pairs are scored by the model of all
// candidates: EM needs enough pairs of both kinds.
inline constexpr int64_t kMinPairsForRuleModel = 5000;
// Random pairs drawn for the baseline model's u.
inline constexpr int64_t kRandomPairs = 1'000'000;

struct Linkage {
  // One model per blocking rule: learnt by EM on the pairs it found first, its keys left
  // out; or, for a rule keyed on the ID (nearly all its pairs are matches) and a rule
  // with too few pairs, the baseline model (model.h), which also scores pairs that share
  // no block (the cluster guard's).
  std::vector<Model> models;
  Model baseline;
  std::vector<std::vector<uint64_t>> keys;  // [rule][record], from the blocking
  std::vector<RuleCounts> blocking;
  int64_t candidate_pairs = 0;
  std::vector<ScoredPair> matches;  // by weight, highest first
  std::vector<Cluster> clusters;    // by first member
  std::vector<ReviewItem> review;   // by weight, highest first
  int64_t duplicates = 0;           // records beyond the first of each cluster
  LinkTimes times;

  // The first rule under which a and b share a block, or -1.
  int RuleOf(uint32_t a, uint32_t b) const;
  // The model that scores a and b: their rule's, else the baseline.
  const Model& ModelFor(uint32_t a, uint32_t b) const;
};

Linkage Link(const std::vector<Record>& records, const LinkOptions& options);

}  // namespace minsheng::dedup
