// Why two records were judged one person, or not: each field's level, what it contributed
// to the match weight, and what normalising did to get there (an old ID upgraded, a name
// written in traditional characters, a birth date typed another way). Values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "dedup/compare.h"
#include "dedup/model.h"
#include "dedup/record.h"

namespace minsheng::dedup {

struct FieldExplanation {
  Field field = kFieldId;
  uint8_t level = kLevelMissing;
  double weight = 0;
  std::string left, right;  // the compared values, as normalised
  std::string note;         // e.g. "right: 15 digits upgraded"; may be empty
};

struct PairExplanation {
  std::string basis;  // the model's: "pairs found by birth_date+county"
  double prior_weight = 0;
  std::vector<FieldExplanation> fields;  // in Field order
  double weight = 0;
  double probability = 0;
};

PairExplanation ExplainPair(const Record& left, const Record& right, const Model& model);

// "resident_id exact +13.91; name homophone +4.20 (张伟 / 张玮: zhangwei); …"
std::string ExplanationText(const PairExplanation& explanation);
// "exact +13.91": one field's cell in pairs.csv.
std::string FieldCell(const FieldExplanation& field);

}  // namespace minsheng::dedup
