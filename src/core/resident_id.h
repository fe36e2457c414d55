// ResidentId: the citizen identity number of GB 11643-1999 (公民身份号码).
//
// Eighteen characters: a 6-digit administrative region code (GB/T 2260) of the place of
// first registration, the birth date as YYYYMMDD, a 3-digit sequence whose parity gives
// the sex (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X). Numbers
// issued before 1999 had 15 digits (2-digit year, no check character); UpgradeFifteenDigit
// converts them. The region code is checked for shape and province only: codes retired
// before the earliest revision minsheng holds are still valid in old numbers.
// Values; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace minsheng {

enum class Sex { kFemale, kMale };
const char* SexName(Sex sex);         // "female", "male"
const char* SexNameChinese(Sex sex);  // "女", "男"

// The check character of the first 17 digits (which must be ASCII digits).
char ResidentIdCheckCharacter(std::string_view first_seventeen);

class ResidentId {
 public:
  // The earliest birth year accepted: no living or recently deceased person was born
  // before it, and a year before it in a number is a typing error.
  static constexpr int kMinBirthYear = 1850;

  // Parses and validates an 18-character number; a lower-case x is accepted and stored
  // as X. Birth dates after `today` are refused. Each error says why, e.g. "check
  // character should be X", "no such date 1990-02-30", "expected 18 characters, got 17".
  static Result<ResidentId> Parse(std::string_view text, Date today = Date::Today());

  // Parses an 18-character number, or a 15-digit one converted to 18 characters.
  static Result<ResidentId> ParseAnyLength(std::string_view text, Date today = Date::Today());

  const std::string& number() const { return number_; }  // normalised: upper-case X
  std::string_view region_code() const { return std::string_view(number_).substr(0, 6); }
  Date birth_date() const { return birth_date_; }
  int sequence() const;  // 0-999, the 3 digits after the birth date
  Sex sex() const { return sequence() % 2 == 1 ? Sex::kMale : Sex::kFemale; }

  friend bool operator==(const ResidentId& a, const ResidentId& b) {
    return a.number_ == b.number_;
  }
  friend auto operator<=>(const ResidentId& a, const ResidentId& b) {
    return a.number_ <=> b.number_;
  }

 private:
  ResidentId(std::string number, Date birth_date)
      : number_(std::move(number)), birth_date_(birth_date) {}

  std::string number_;
  Date birth_date_;
};

// 110105491231002 → 11010519491231002X: inserts "19" before the 2-digit year and appends
// the check character. The result is validated like any 18-character number.
Result<std::string> UpgradeFifteenDigit(std::string_view number, Date today = Date::Today());

}  // namespace minsheng
