// The fields of an enrollment record as lists really hold them, read leniently: a
// resident ID of 15 or 18 characters, with full-width digits or a failing check character;
// a birth date typed in any of the usual ways; sex as words, characters or GB/T 2261.1
// codes; a region of 6, 9 or 12 digits. A value that cannot be read is "missing", never an
// error: a record linker weighs what a list holds, it does not refuse it. Values;
// thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/date.h"

namespace minsheng::dedup {

// How far a record's resident ID can be trusted.
enum class IdState : uint8_t {
  kMissing,    // empty
  kValid,      // 18 characters that pass GB 11643-1999's checks
  kUpgraded,   // 15 digits (before 1999), upgraded to a valid 18-character number
  kSuspect,    // the shape of an ID, but the check character or the date fails: a typo
  kMalformed,  // not the shape of an ID: not compared
};
const char* IdStateName(IdState state);  // "missing", "valid", "upgraded", "suspect", "malformed"

struct NormalisedId {
  IdState state = IdState::kMissing;
  // The 18 characters (upper-case X) when the state is valid, upgraded or suspect.
  std::array<char, 18> number = {};
  // What the number says of its holder, when it says it (a suspect number's date may not
  // be a date).
  bool has_birth = false;
  Date birth;
  bool has_sex = false;
  bool male = false;

  std::string_view text() const { return {number.data(), number.size()}; }
  bool comparable() const {
    return state == IdState::kValid || state == IdState::kUpgraded || state == IdState::kSuspect;
  }
};

// Spaces, hyphens and full-width forms dropped or folded, x upper-cased; then 18
// characters are checked, 15 digits upgraded (19 before the year, the check character
// appended). `today` bounds birth dates, as core's ResidentId does.
NormalisedId NormaliseId(std::string_view raw, Date today);

struct TypedDate {
  bool ok = false;
  Date date;
  bool typed_differently = false;  // not YYYY-MM-DD: 1980/3/5, 19800305, 1980年3月5日 …
};
// YYYY-MM-DD, YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYYMMDD and YYYY年M月D日 (日 optional),
// digits full-width or not.
TypedDate ParseTypedDate(std::string_view raw);

// 0: not known (empty or unreadable), 1: female, 2: male. Reads male/female, m/f, 男/女 and
// GB/T 2261.1's 1 (male) and 2 (female), any case.
uint8_t ParseSex(std::string_view raw);
inline constexpr uint8_t kSexUnknown = 0, kSexFemale = 1, kSexMale = 2;

// The county-level code (the first 6 digits) of a 6-, 9- or 12-digit region code; 0 when
// the text is not one.
uint32_t ParseCounty(std::string_view raw);

}  // namespace minsheng::dedup
