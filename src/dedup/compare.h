// Comparing two records field by field, each comparison giving a level (docs/dedup.md,
// "Scoring"): the comparison vector Fellegi and Sunter weigh. A missing value on either
// side gives the level `missing`, which weighs nothing. Levels per field:
//
//   resident_id  missing · exact · one_typo (one character changed or two adjacent
//                swapped) · different (more apart, one of them failing its check) ·
//                conflict (two numbers that both pass their checks: two people, or one
//                person registered twice)
//   name         missing · exact (simplified) · homophone (same pinyin) · one_character
//                (one character added, dropped or changed) · different
//   birth_date   missing · exact · one_typo (one digit changed, day and month swapped,
//                two adjacent digits swapped) · different
//   sex          missing · same · different
//   county       missing · same · different
//
// Values; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "dedup/record.h"

namespace minsheng::dedup {

enum Field : uint8_t { kFieldId, kFieldName, kFieldBirth, kFieldSex, kFieldCounty, kFieldCount };
inline constexpr uint8_t kLevelMissing = 0;
// Every field's levels fit in 3 bits; a comparison vector in 15.
inline constexpr int kLevelBits = 3;
inline constexpr int kMaxLevels = 5;
inline constexpr uint32_t kPatternCount = 1u << (kLevelBits * kFieldCount);

const char* FieldName(Field field);          // "resident_id", "name", …
int LevelCount(Field field);                 // including missing
const char* LevelName(Field field, uint8_t level);  // "exact", "homophone", …
// True for the levels at which two values disagree outright (different, conflict): they
// never count for a match, whatever a model's m and u say.
bool IsDisagreement(Field field, uint8_t level);

// A comparison vector: field f's level in bits [3f, 3f + 3).
using Pattern = uint16_t;
inline uint8_t LevelOf(Pattern pattern, Field field) {
  return static_cast<uint8_t>((pattern >> (kLevelBits * field)) & 7u);
}

// True when every field's level is one of its levels (Compare makes no other).
bool ValidPattern(Pattern pattern);

Pattern Compare(const Record& a, const Record& b);

// The pieces of Compare, for tests and explanations.
uint8_t CompareIds(const NormalisedId& a, const NormalisedId& b);
uint8_t CompareNames(std::string_view a, std::string_view a_pinyin, std::string_view b,
                     std::string_view b_pinyin);
uint8_t CompareBirths(const Record& a, const Record& b);

}  // namespace minsheng::dedup
