#include "dedup/model.h"

#include <algorithm>
#include <cmath>

namespace minsheng::dedup {
namespace {

// Neither m nor u may reach 0: a level never seen among matches (or non-matches) must not
// veto (or prove) a pair for ever.
constexpr double kMinimumProbability = 1e-6;

// How many matches the baseline's m assumes before the rules' own (BaselineModel).
constexpr double kPriorMatches = 20;

// The starting m: most records of one person agree exactly, a few are one typo off, a
// few lack the value.
std::array<double, kMaxLevels> StartingM(Field field) {
  const int levels = LevelCount(field);
  std::array<double, kMaxLevels> m{};
  m[kLevelMissing] = 0.05;
  if (levels == 3) {
    m[1] = 0.9;
    m[2] = 0.05;
  } else if (levels == 4) {
    m[1] = 0.85;
    m[2] = 0.07;
    m[3] = 0.03;
  } else {
    m[1] = 0.8;
    m[2] = 0.07;
    m[3] = 0.05;
    m[4] = 0.03;
  }
  return m;
}

// Sets m of resident_id `conflict` to `m` and scales the other levels to fill the rest.
void HoldConflict(std::array<double, kMaxLevels>& values, double m) {
  constexpr size_t kConflict = 4;
  double others = 0;
  for (size_t level = 0; level < kConflict; ++level) others += values[level];
  for (size_t level = 0; level < kConflict; ++level) {
    values[level] = others > 0 ? values[level] * (1 - m) / others : (1 - m) / kConflict;
  }
  values[kConflict] = m;
}

// Shares of `counts` over a field's levels, with half a pair added to each (so that no
// level is impossible).
void Shares(const std::array<double, kMaxLevels>& counts, int levels, std::array<double, kMaxLevels>& out) {
  double total = 0;
  for (int level = 0; level < levels; ++level) total += counts[static_cast<size_t>(level)] + 0.5;
  for (int level = 0; level < levels; ++level) {
    out[static_cast<size_t>(level)] = (counts[static_cast<size_t>(level)] + 0.5) / total;
  }
}

void SetWeights(Model& model) {
  for (int f = 0; f < kFieldCount; ++f) {
    FieldModel& field = model.fields[static_cast<size_t>(f)];
    for (int level = 0; level < LevelCount(static_cast<Field>(f)); ++level) {
      const auto l = static_cast<size_t>(level);
      // A level no candidate showed, in a model learnt on candidates, has only the
      // smoothing's m and u: it weighs nothing rather than their ratio.
      const bool unseen = model.candidate_pairs > 0 && field.candidates[l] == 0;
      field.weight[l] = model.IsMasked(static_cast<Field>(f)) || unseen
                            ? 0
                            : std::log2(std::max(field.m[l], kMinimumProbability) /
                                        std::max(field.u[l], kMinimumProbability));
      // Values that disagree outright are never evidence of one person: where u could not
      // be seen (one county's registry has no pair of different counties), m over u would
      // say they were.
      if (IsDisagreement(static_cast<Field>(f), static_cast<uint8_t>(level))) {
        field.weight[l] = std::min(field.weight[l], 0.0);
      }
    }
  }
}

}  // namespace

double Model::PriorWeight() const {
  const double p = std::clamp(prior, 1e-12, 1 - 1e-12);
  return std::log2(p / (1 - p));
}

double Model::Weight(Pattern pattern) const {
  double weight = PriorWeight();
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    if (!IsMasked(field)) weight += fields[static_cast<size_t>(f)].weight[LevelOf(pattern, field)];
  }
  return weight;
}

double Model::Probability(Pattern pattern) const {
  const double odds = std::exp2(Weight(pattern));
  return odds / (1 + odds);
}

LevelCounts SampleRandomPairs(const std::vector<Record>& records, int64_t pairs, uint64_t seed) {
  LevelCounts levels{};
  if (records.size() < 2) return levels;
  uint64_t state = seed;
  // splitmix64: a stream specified to the bit, so that a run repeats on any machine.
  auto next = [&state] {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  const uint64_t n = records.size();
  for (int64_t drawn = 0; drawn < pairs;) {
    const uint64_t a = next() % n;
    const uint64_t b = next() % n;
    if (a == b) continue;
    const Pattern pattern = Compare(records[a], records[b]);
    for (int f = 0; f < kFieldCount; ++f) {
      ++levels[static_cast<size_t>(f)][LevelOf(pattern, static_cast<Field>(f))];
    }
    ++drawn;
  }
  return levels;
}

RuleMatches MatchesOf(const Model& model) {
  RuleMatches out;
  out.matches = model.prior * static_cast<double>(model.candidate_pairs);
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    for (int level = 0; level < LevelCount(field); ++level) {
      const auto l = static_cast<size_t>(level);
      out.levels[static_cast<size_t>(f)][l] =
          model.IsMasked(field) ? (level == 1 ? out.matches : 0) : out.matches * model.fields[static_cast<size_t>(f)].m[l];
    }
  }
  return out;
}

Model BaselineModel(const std::vector<RuleMatches>& rules, const LevelCounts& random,
                    int64_t records, double id_conflict_m) {
  Model model;
  model.converged = true;
  double matches = 0;
  for (const RuleMatches& rule : rules) matches += rule.matches;
  const double all_pairs = static_cast<double>(records) * static_cast<double>(records - 1) / 2;
  model.prior = all_pairs > 0 ? std::clamp(matches / all_pairs, 1e-12, 0.5) : 0.5;
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    FieldModel& values = model.fields[static_cast<size_t>(f)];
    const int levels = LevelCount(field);
    std::array<double, kMaxLevels> sampled{};
    std::array<double, kMaxLevels> matched{};
    for (int level = 0; level < levels; ++level) {
      const auto l = static_cast<size_t>(level);
      sampled[l] = static_cast<double>(random[static_cast<size_t>(f)][l]);
      for (const RuleMatches& rule : rules) matched[l] += rule.levels[static_cast<size_t>(f)][l];
      values.candidates[l] = matched[l];  // the matches at each level
    }
    Shares(sampled, levels, values.u);
    // m is the matches' shares, with kPriorMatches matches of StartingM's shares added: a
    // level the rules' matches cannot show (the ID rule's matches are never one typo
    // apart) keeps the share one expects, rather than none.
    const std::array<double, kMaxLevels> starting = StartingM(field);
    for (int level = 0; level < levels; ++level) {
      matched[static_cast<size_t>(level)] += kPriorMatches * starting[static_cast<size_t>(level)];
    }
    Shares(matched, levels, values.m);
    if (field == kFieldId) HoldConflict(values.m, id_conflict_m);
  }
  SetWeights(model);
  // A value missing weighs nothing here, as in Splink: random pairs cannot tell how often
  // one person's records lack it. The rules' own models learn it.
  for (FieldModel& values : model.fields) values.weight[kLevelMissing] = 0;
  return model;
}

Model EstimateModel(const std::vector<int64_t>& pattern_counts, uint8_t masked, const EmOptions& options) {
  Model model;
  model.masked = masked;
  std::vector<Pattern> present;
  for (uint32_t pattern = 0; pattern < pattern_counts.size() && pattern < kPatternCount; ++pattern) {
    // Compare makes only valid vectors; a count at any other is not a comparison's.
    if (pattern_counts[pattern] > 0 && ValidPattern(static_cast<Pattern>(pattern))) {
      present.push_back(static_cast<Pattern>(pattern));
      model.candidate_pairs += pattern_counts[pattern];
    }
  }
  // u starts as each level's share among all candidates (most of them are not matches),
  // m as most records of one person agree (StartingM); the prior at one in ten.
  std::array<std::array<double, kMaxLevels>, kFieldCount> candidates{};
  for (Pattern pattern : present) {
    for (int f = 0; f < kFieldCount; ++f) {
      candidates[static_cast<size_t>(f)][LevelOf(pattern, static_cast<Field>(f))] +=
          static_cast<double>(pattern_counts[pattern]);
    }
  }
  for (int f = 0; f < kFieldCount; ++f) {
    FieldModel& field = model.fields[static_cast<size_t>(f)];
    const int levels = LevelCount(static_cast<Field>(f));
    field.candidates = candidates[static_cast<size_t>(f)];
    Shares(field.candidates, levels, field.u);
    field.m = StartingM(static_cast<Field>(f));
    if (f == kFieldId) HoldConflict(field.m, options.id_conflict_m);
  }
  model.prior = 0.1;
  if (model.candidate_pairs == 0) {
    SetWeights(model);
    return model;
  }

  for (model.iterations = 1; model.iterations <= options.max_iterations; ++model.iterations) {
    // E: each pattern's probability of being a match; M: m, u and the prior from them.
    std::array<std::array<double, kMaxLevels>, kFieldCount> matched{}, unmatched{};
    double matches = 0;
    for (Pattern pattern : present) {
      double pm = model.prior;
      double pu = 1 - model.prior;
      for (int f = 0; f < kFieldCount; ++f) {
        if (model.IsMasked(static_cast<Field>(f))) continue;
        const uint8_t level = LevelOf(pattern, static_cast<Field>(f));
        pm *= std::max(model.fields[static_cast<size_t>(f)].m[level], kMinimumProbability);
        pu *= std::max(model.fields[static_cast<size_t>(f)].u[level], kMinimumProbability);
      }
      const double count = static_cast<double>(pattern_counts[pattern]);
      const double share = pm / (pm + pu);
      matches += share * count;
      for (int f = 0; f < kFieldCount; ++f) {
        const uint8_t level = LevelOf(pattern, static_cast<Field>(f));
        matched[static_cast<size_t>(f)][level] += share * count;
        unmatched[static_cast<size_t>(f)][level] += (1 - share) * count;
      }
    }
    double change = 0;
    for (int f = 0; f < kFieldCount; ++f) {
      FieldModel& field = model.fields[static_cast<size_t>(f)];
      const int levels = LevelCount(static_cast<Field>(f));
      const std::array<double, kMaxLevels> m = field.m, u = field.u;
      Shares(matched[static_cast<size_t>(f)], levels, field.m);
      Shares(unmatched[static_cast<size_t>(f)], levels, field.u);
      if (f == kFieldId) HoldConflict(field.m, options.id_conflict_m);
      for (int level = 0; level < levels; ++level) {
        const auto l = static_cast<size_t>(level);
        change = std::max({change, std::abs(field.m[l] - m[l]), std::abs(field.u[l] - u[l])});
      }
    }
    const double prior = matches / static_cast<double>(model.candidate_pairs);
    change = std::max(change, std::abs(prior - model.prior));
    model.prior = prior;
    if (change < options.tolerance) {
      model.converged = true;
      break;
    }
  }
  model.iterations = std::min(model.iterations, options.max_iterations);
  SetWeights(model);
  return model;
}

}  // namespace minsheng::dedup
