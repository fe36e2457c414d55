// ResidentNumbers (resident_numbers.h).
#include "synth/resident_numbers.h"

#include <cassert>
#include <cstdio>

#include "synth/random.h"

namespace minsheng::synth {
namespace {

// Sequence numbers 001–999: 500 odd ones for men, 499 even ones (002–998) for women, so
// none is 000.
constexpr int kMaleSlots = 500;
constexpr int kFemaleSlots = 499;
constexpr int kOldestAge = 102;

}  // namespace

ResidentNumbers::ResidentNumbers(int reference_year, size_t districts)
    : first_day_(*Date::FromYmd(reference_year - kOldestAge, 1, 1)),
      days_(DaysBetween(first_day_, *Date::FromYmd(reference_year + 1, 1, 1))),
      issued_(districts, std::vector<uint16_t>(static_cast<size_t>(days_) * 2, 0)) {}

Result<std::string> ResidentNumbers::Next(size_t district, std::string_view district_code,
                                          Date birth, Sex sex) {
  const int32_t day = DaysBetween(first_day_, birth);
  assert(district < issued_.size() && day >= 0 && day < days_);
  const bool male = sex == Sex::kMale;
  uint16_t& issued = issued_[district][static_cast<size_t>(day) * 2 + (male ? 1 : 0)];
  const int slots = male ? kMaleSlots : kFemaleSlots;
  if (issued >= slots) {
    return Internal("more than " + std::to_string(slots) + " persons of one sex born on " +
                    birth.ToString() + " in " + std::string(district_code));
  }
  // Real sequence numbers do not start at 001 each day (their first digits name the
  // police station): start each (district, day) at a slot fixed by a hash, and wrap.
  const auto start = static_cast<int>(Mix64(static_cast<uint64_t>(day) * 131 + district) % slots);
  const int slot = (start + issued) % slots;
  ++issued;
  const int sequence = male ? 2 * slot + 1 : 2 * slot + 2;
  char first_seventeen[40];
  const int length =
      std::snprintf(first_seventeen, sizeof first_seventeen, "%.6s%04d%02d%02d%03d",
                    district_code.data(), birth.year(), birth.month(), birth.day(), sequence);
  assert(length == 17);
  std::string number(first_seventeen, static_cast<size_t>(length));
  number += ResidentIdCheckCharacter(number);
  return number;
}

}  // namespace minsheng::synth
