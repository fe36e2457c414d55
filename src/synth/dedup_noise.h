// The noise of the duplicate enrollment lists: what a second enrollment of the same person
// looks like after another clerk, another system and a few years. Ten kinds, each with an
// identifier written in truth.csv and a weight (docs/synth.md has the table); a duplicate
// record draws 0–3 kinds by weight without repetition, redrawing a kind that does not apply
// to the person or does not go with one already drawn. No kind may make a twin's record
// look like the other twin's (dedup_persons.h). Then the record's fields are written with
// the kinds applied. Pure functions of their arguments and the Random; thread-safe.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "synth/dedup_persons.h"
#include "synth/random.h"

namespace minsheng::synth {

enum class NoiseKind : uint8_t {
  kOldId,            // the 15-digit pre-1999 number
  kIdDigit,          // one of the first 17 digits changed, the check character kept
  kIdTransposed,     // two adjacent different digits of the first 17 swapped
  kMissingId,        // no number; the birth date is then written
  kTraditional,      // the name in traditional characters
  kHomophone,        // one given-name character replaced by a homophone
  kNameSpacing,      // a space or full-width space between surname and given name
  kBirthDateFormat,  // the birth date as the clerk typed it (1980/3/5, 19800305 …)
  kBirthDateTypo,    // the declared birth date wrong (day and month swapped, a day digit)
  kMoved,            // the region another district
};
inline constexpr size_t kNoiseKindCount = 10;

struct NoiseKindInfo {
  NoiseKind kind;
  std::string_view id;  // as written in truth.csv: "old_id"
  uint64_t weight;      // relative likelihood of being drawn for a duplicate
};
// In the order above, which is also the order truth.csv lists a record's kinds in.
std::span<const NoiseKindInfo, kNoiseKindCount> NoiseKinds();

// A set of kinds.
class NoiseSet {
 public:
  bool has(NoiseKind kind) const { return (bits_ & Bit(kind)) != 0; }
  void add(NoiseKind kind) { bits_ = static_cast<uint16_t>(bits_ | Bit(kind)); }
  size_t size() const { return static_cast<size_t>(std::popcount(bits_)); }
  bool empty() const { return bits_ == 0; }
  // "old_id;moved", "" when empty.
  std::string ToString() const;

 private:
  static uint16_t Bit(NoiseKind kind) {
    return static_cast<uint16_t>(1u << static_cast<int>(kind));
  }
  uint16_t bits_ = 0;
};

// Tunables of the duplicates (assumptions, docs/synth.md).
// How many kinds a duplicate carries: 0, 1, 2, 3 with these per cent.
inline constexpr std::array<uint64_t, 4> kNoiseCountPercent = {20, 50, 25, 5};
// Per cent of the duplicates within one list that carry `moved` (the person enrolled again
// after moving to another district), whatever else they draw.
inline constexpr uint64_t kWithinListMovedPercent = 80;
// Per mille of all records, first or second, that carry name_spacing as background noise.
inline constexpr uint64_t kBackgroundSpacingPerMille = 30;
// Per cent of urbmi records with a resident ID whose birth_date is left empty.
inline constexpr uint64_t kUrbmiEmptyBirthDatePercent = 30;

// The kinds of a duplicate (second) record of `person`, whose twin is `twin` (or null).
NoiseSet DrawDuplicateNoise(const DedupPerson& person, const DedupPerson* twin, bool within_list,
                            Random& random);

// One record's fields as written.
struct RecordFields {
  std::string resident_id;  // 18 or 15 characters, or empty
  std::string name;
  std::string sex;          // male/female (ncms) or 男/女 (urbmi)
  std::string birth_date;   // empty when left out
  std::string_view region;  // a district's 6-digit code
};

// The record of `person` with `kinds` applied; urbmi records write sex in Chinese and
// leave out some birth dates.
RecordFields MakeRecord(const DedupPerson& person, const DedupPerson* twin, NoiseSet kinds,
                        bool urbmi, Random& random);

}  // namespace minsheng::synth
