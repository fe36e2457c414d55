#include "dedup/linkage.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace minsheng::dedup {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs work(part) for each part of the blocks on its own thread.
template <typename Work>
void OnThreads(const std::vector<size_t>& bounds, Work&& work) {
  std::vector<std::thread> pool;
  for (size_t part = 1; part + 1 < bounds.size(); ++part) pool.emplace_back(work, part);
  work(0);
  for (std::thread& thread : pool) thread.join();
}

bool HeavierFirst(const ScoredPair& x, const ScoredPair& y) {
  if (x.weight != y.weight) return x.weight > y.weight;
  if (x.a != y.a) return x.a < y.a;
  return x.b < y.b;
}

// Which record of a cluster is kept: a valid ID before an upgraded one before anything
// else, then the first listed.
int IdRank(IdState state) {
  switch (state) {
    case IdState::kValid: return 0;
    case IdState::kUpgraded: return 1;
    case IdState::kSuspect: return 2;
    default: return 3;
  }
}

// Union-find over records, with each root's members, merging the smaller into the larger.
class Clusters {
 public:
  explicit Clusters(size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  const std::vector<uint32_t>& MembersOf(uint32_t root) {
    auto found = members_.find(root);
    if (found == members_.end()) {
      single_ = {root};
      return single_;
    }
    return found->second;
  }
  void Union(uint32_t root_a, uint32_t root_b, double probability) {
    std::vector<uint32_t> a = TakeMembers(root_a);
    std::vector<uint32_t> b = TakeMembers(root_b);
    const double weakest = std::min({WeakestOf(root_a), WeakestOf(root_b), probability});
    weakest_.erase(root_a);
    weakest_.erase(root_b);
    if (a.size() < b.size()) {
      std::swap(a, b);
      std::swap(root_a, root_b);
    }
    parent_[root_b] = root_a;
    a.insert(a.end(), b.begin(), b.end());
    members_[root_a] = std::move(a);
    weakest_[root_a] = weakest;
  }
  const std::unordered_map<uint32_t, std::vector<uint32_t>>& clusters() const { return members_; }
  // The lowest probability among the links that made the cluster; 1 for a single record.
  double WeakestOf(uint32_t root) const {
    const auto found = weakest_.find(root);
    return found == weakest_.end() ? 1.0 : found->second;
  }

 private:
  std::vector<uint32_t> TakeMembers(uint32_t root) {
    auto found = members_.find(root);
    if (found == members_.end()) return {root};
    std::vector<uint32_t> members = std::move(found->second);
    members_.erase(found);
    return members;
  }

  std::vector<uint32_t> parent_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> members_;  // roots of 2 or more
  std::unordered_map<uint32_t, double> weakest_;
  std::vector<uint32_t> single_;
};

}  // namespace

const char* ReviewReasonName(ReviewReason reason) {
  switch (reason) {
    case ReviewReason::kUncertain: return "uncertain";
    case ReviewReason::kChain: return "chain";
    case ReviewReason::kTooLarge: return "too_large";
  }
  return "?";
}

int Linkage::RuleOf(uint32_t a, uint32_t b) const {
  for (size_t rule = 0; rule < keys.size(); ++rule) {
    if (keys[rule][a] != 0 && keys[rule][a] == keys[rule][b]) return static_cast<int>(rule);
  }
  return -1;
}

const Model& Linkage::ModelFor(uint32_t a, uint32_t b) const {
  const int rule = RuleOf(a, b);
  return rule < 0 ? baseline : models[static_cast<size_t>(rule)];
}

Linkage Link(const std::vector<Record>& records, const LinkOptions& options) {
  Linkage linkage;
  const int threads = std::max(options.threads, 1);

  auto start = std::chrono::steady_clock::now();
  Blocking blocking(records, options.rules, options.max_block, threads);
  const std::vector<size_t> bounds = blocking.Split(static_cast<size_t>(threads));
  linkage.times.block = SecondsSince(start);

  // Pass 1: every candidate compared once, its comparison vector counted under its rule.
  start = std::chrono::steady_clock::now();
  const size_t parts = bounds.size() - 1;
  const size_t rules = blocking.rule_count();
  std::vector<std::vector<std::vector<int64_t>>> part_counts(
      parts, std::vector<std::vector<int64_t>>(rules, std::vector<int64_t>(kPatternCount, 0)));
  OnThreads(bounds, [&](size_t part) {
    for (size_t block = bounds[part]; block < bounds[part + 1]; ++block) {
      std::vector<int64_t>& counts = part_counts[part][blocking.rule_of(block)];
      blocking.ForEachPair(block, block + 1,
                           [&](uint32_t a, uint32_t b) { ++counts[Compare(records[a], records[b])]; });
    }
  });
  std::vector<std::vector<int64_t>> counts(rules, std::vector<int64_t>(kPatternCount, 0));
  std::vector<int64_t> all_counts(kPatternCount, 0);
  std::vector<int64_t> pairs_per_rule(rules, 0);
  for (size_t part = 0; part < parts; ++part) {
    for (size_t rule = 0; rule < rules; ++rule) {
      for (size_t p = 0; p < kPatternCount; ++p) {
        const int64_t count = part_counts[part][rule][p];
        counts[rule][p] += count;
        all_counts[p] += count;
        pairs_per_rule[rule] += count;
      }
    }
  }
  blocking.SetPairs(pairs_per_rule);
  linkage.blocking = blocking.counts();
  for (int64_t pairs : pairs_per_rule) linkage.candidate_pairs += pairs;
  linkage.times.count = SecondsSince(start);

  // The models: m, u and the prior by EM over the comparison vectors counted.
  start = std::chrono::steady_clock::now();
  std::vector<std::vector<double>> probability_of(rules, std::vector<double>(kPatternCount, 0));
  std::vector<std::vector<double>> weight_of(rules, std::vector<double>(kPatternCount, 0));
  // Rules keyed on the ID find (nearly) only matches, and EM needs both kinds: they, and
  // rules with too few pairs, are scored by the baseline, learnt from the others.
  auto is_identity = [&](size_t rule) {
    const auto& keys = blocking.rules()[rule].keys;
    return std::find(keys.begin(), keys.end(), BlockKey::kId) != keys.end();
  };
  linkage.models.resize(rules);
  std::vector<RuleMatches> matches;
  std::vector<bool> learnt(rules, false);
  for (size_t rule = 0; rule < rules; ++rule) {
    if (is_identity(rule)) {
      // Its pairs are matches: their levels are the matches' levels.
      RuleMatches found;
      found.matches = static_cast<double>(pairs_per_rule[rule]);
      for (uint32_t pattern = 0; pattern < kPatternCount; ++pattern) {
        if (counts[rule][pattern] == 0) continue;
        for (int f = 0; f < kFieldCount; ++f) {
          found.levels[static_cast<size_t>(f)][LevelOf(static_cast<Pattern>(pattern), static_cast<Field>(f))] +=
              static_cast<double>(counts[rule][pattern]);
        }
      }
      matches.push_back(found);
    } else if (pairs_per_rule[rule] >= kMinPairsForRuleModel) {
      Model& model = linkage.models[rule];
      model = EstimateModel(counts[rule], AgreedFields(blocking.rules()[rule]), options.em);
      model.basis = "pairs found by " + blocking.rules()[rule].text;
      matches.push_back(MatchesOf(model));
      learnt[rule] = true;
    }
  }
  const LevelCounts random = SampleRandomPairs(records, kRandomPairs, options.seed);
  linkage.baseline = BaselineModel(matches, random, static_cast<int64_t>(records.size()), options.em.id_conflict_m);
  linkage.baseline.basis = "baseline (random pairs)";
  for (size_t rule = 0; rule < rules; ++rule) {
    if (learnt[rule]) continue;
    linkage.models[rule] = linkage.baseline;
    linkage.models[rule].candidate_pairs = pairs_per_rule[rule];
    linkage.models[rule].basis = "baseline (random pairs) for " + blocking.rules()[rule].text +
                                 (is_identity(rule) ? ", an identity" : ", too few pairs to learn from");
  }
  for (size_t rule = 0; rule < rules; ++rule) {
    for (uint32_t pattern = 0; pattern < kPatternCount; ++pattern) {
      if (counts[rule][pattern] == 0) continue;
      weight_of[rule][pattern] = linkage.models[rule].Weight(static_cast<Pattern>(pattern));
      probability_of[rule][pattern] = linkage.models[rule].Probability(static_cast<Pattern>(pattern));
    }
  }
  linkage.times.estimate = SecondsSince(start);

  // Pass 2: the candidates again, those at or above the review threshold kept.
  start = std::chrono::steady_clock::now();
  std::vector<std::vector<ScoredPair>> kept(parts);
  OnThreads(bounds, [&](size_t part) {
    for (size_t block = bounds[part]; block < bounds[part + 1]; ++block) {
      const uint32_t rule = blocking.rule_of(block);
      blocking.ForEachPair(block, block + 1, [&](uint32_t a, uint32_t b) {
        const Pattern pattern = Compare(records[a], records[b]);
        if (probability_of[rule][pattern] < options.review_threshold) return;
        kept[part].push_back({a, b, rule, pattern, weight_of[rule][pattern], probability_of[rule][pattern]});
      });
    }
  });
  linkage.keys = blocking.TakeKeys();
  std::vector<ScoredPair> scored;
  for (auto& part : kept) scored.insert(scored.end(), part.begin(), part.end());
  std::sort(scored.begin(), scored.end(), HeavierFirst);
  linkage.times.score = SecondsSince(start);

  // Clusters: matches joined heaviest first; a join that would hold two records scoring
  // below the review threshold, or grow past max_cluster, goes to review instead.
  start = std::chrono::steady_clock::now();
  Clusters clusters(records.size());
  for (const ScoredPair& pair : scored) {
    if (pair.probability < options.match_threshold) {
      linkage.review.push_back({pair, ReviewReason::kUncertain, pair.a, pair.b, pair.probability});
      continue;
    }
    const uint32_t root_a = clusters.Find(pair.a);
    const uint32_t root_b = clusters.Find(pair.b);
    if (root_a == root_b) {
      linkage.matches.push_back(pair);
      continue;
    }
    const std::vector<uint32_t> a = clusters.MembersOf(root_a);
    const std::vector<uint32_t>& b = clusters.MembersOf(root_b);
    if (a.size() + b.size() > options.max_cluster) {
      linkage.review.push_back({pair, ReviewReason::kTooLarge, pair.a, pair.b, pair.probability});
      continue;
    }
    ReviewItem worst{pair, ReviewReason::kChain, pair.a, pair.b, pair.probability};
    for (uint32_t x : a) {
      for (uint32_t y : b) {
        const double probability = linkage.ModelFor(x, y).Probability(Compare(records[x], records[y]));
        if (probability < worst.worst_probability) {
          worst.worst_a = std::min(x, y);
          worst.worst_b = std::max(x, y);
          worst.worst_probability = probability;
        }
      }
    }
    if (worst.worst_probability < options.review_threshold) {
      linkage.review.push_back(worst);
      continue;
    }
    clusters.Union(root_a, root_b, pair.probability);
    linkage.matches.push_back(pair);
  }
  for (const auto& [root, members] : clusters.clusters()) {
    Cluster cluster;
    cluster.members = members;
    std::sort(cluster.members.begin(), cluster.members.end());
    cluster.keep = cluster.members.front();
    for (uint32_t member : cluster.members) {
      if (IdRank(records[member].id.state) < IdRank(records[cluster.keep].id.state)) cluster.keep = member;
    }
    cluster.weakest = clusters.WeakestOf(root);
    linkage.duplicates += static_cast<int64_t>(cluster.members.size()) - 1;
    linkage.clusters.push_back(std::move(cluster));
  }
  std::sort(linkage.clusters.begin(), linkage.clusters.end(),
            [](const Cluster& x, const Cluster& y) { return x.members.front() < y.members.front(); });
  linkage.times.cluster = SecondsSince(start);
  return linkage;
}

}  // namespace minsheng::dedup
