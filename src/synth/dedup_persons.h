// The real people behind the duplicate enrollment lists (dedup_lists.h): Zibo residents as
// of 2013, the year Zibo merged its rural and urban resident medical insurance. The
// persons are split exactly over the districts (by the synth's Zibo figures) and, within
// each, over the urban and rural home lists; then drawn household by household with the
// synthetic county's own tools — a household size, BuildMembers for the ages and sexes
// (the synth's age structure), PickSurname and GivenName for the names (children take the
// father's surname), ResidentNumbers for valid 18-character IDs — plus twins, the hard
// negatives a linker must keep apart. Held in memory, 20 bytes a person. Pure function of
// its arguments; one thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/resident_id.h"
#include "core/status.h"

namespace minsheng::synth {

// Ages are whole years on 1 January of this year; everyone is born before it.
inline constexpr int kDedupReferenceYear = 2013;

// Per mille of persons whose home list is urbmi (urban resident insurance) rather than
// ncms (assumption: about 56% of Zibo's resident-insured were urban at the 2013 merger).
// Each district's share follows its urban per cent in calibration.cc, scaled so that the
// city comes to this; the counts are exact (largest remainder).
inline constexpr int64_t kUrbanPerMille = 560;

// Per mille of persons born with a twin: each draws one at 5 per mille, so about 1% of
// persons are twins.
inline constexpr uint64_t kTwinPerMille = 5;

// What each random stream of the duplicate lists is for (StreamSeed's first part); apart
// from plan.h's Stream values.
enum class DedupStream : uint64_t {
  kHouseholds = 101,  // one per household: district, size, members, names, twins
  kDuplicates,        // who is enrolled twice, and where
  kShuffle,           // the order of a list's rows (second part: the list)
  kRecord,            // one per record: its noise (second part: person, third: copy)
};

enum DedupPersonFlag : uint8_t {
  kMalePerson = 1,
  kUrbanPerson = 2,     // home list urbmi
  kTwinOfNext = 4,      // the next person is this one's twin
  kTwinOfPrevious = 8,  // the previous person is this one's twin
};

struct DedupPerson {
  std::array<char, 9> name_bytes{};  // UTF-8, the one-character surname first
  uint8_t name_length = 0;
  uint8_t district = 0;    // index into ZiboFigures().districts
  uint8_t flags = 0;       // DedupPersonFlag bits
  uint16_t sequence = 0;   // the resident ID's 3-digit sequence number
  int32_t birth_days = 0;  // Date::days_since_epoch()

  std::string_view name() const { return {name_bytes.data(), name_length}; }
  std::string_view surname() const;     // the first character
  std::string_view given_name() const;  // the rest
  Date birth_date() const { return Date::FromDaysSinceEpoch(birth_days); }
  Sex sex() const { return (flags & kMalePerson) != 0 ? Sex::kMale : Sex::kFemale; }
  bool urban() const { return (flags & kUrbanPerson) != 0; }
  std::string_view district_code() const;
  // The 18-character number: district code, birth date, sequence, check character.
  std::string ResidentIdNumber() const;
};

// The index of the person's twin, or -1.
int64_t TwinOf(const std::vector<DedupPerson>& persons, size_t index);

// The number of Zibo's districts and counties, and the 6-digit code of one.
size_t DedupDistrictCount();
std::string_view DedupDistrictCode(size_t district);

// Exactly `count` persons (count >= 1), the same for the same count and seed. Twins come
// next to each other. Fails (internal) only if a district runs out of sequence numbers
// for a day, which needs far more persons than the command allows.
Result<std::vector<DedupPerson>> DrawDedupPersons(int64_t count, uint64_t seed);

}  // namespace minsheng::synth
