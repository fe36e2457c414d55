// Date: a civil calendar date (year, month, day) in the proleptic Gregorian calendar,
// without a time of day or a time zone.
//
// Programs pay by the day, the month and the year, and test ages on a given day; all of
// that is arithmetic on civil dates, done here with C++20 <chrono>. A Date is a value of
// four bytes (the count of days since 1970-01-01); it is immutable and thread-compatible.
// Years run from 1 to 9999, the years the text form YYYY-MM-DD can write. Functions that
// take a Date assume it is in that range; arithmetic that would leave it is a bug in the
// caller and is asserted.
//
// Adding months or years follows the month-end rule: when the day does not exist in the
// target month, the result is the last day of that month.
//   2018-01-31 + 1 month = 2018-02-28      2020-01-31 + 1 month = 2020-02-29
//   2018-03-31 - 1 month = 2018-02-28      2020-02-29 + 1 year  = 2021-02-28
// The rule is not reversible: 2018-01-31 + 1 month - 1 month = 2018-01-28. To step through
// a schedule of month ends, add n months to the first date, not 1 month n times.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng {

class Date {
 public:
  static constexpr int kMinYear = 1;
  static constexpr int kMaxYear = 9999;
  // 0001-01-01 and 9999-12-31 as days since 1970-01-01 (checked in date.cc).
  static constexpr int32_t kMinDaysSinceEpoch = -719162;
  static constexpr int32_t kMaxDaysSinceEpoch = 2932896;

  Date() = default;  // 1970-01-01

  // The date, or "no such date 1990-02-30" (invalid argument) when the month or day does
  // not exist, or "year 0 is outside 1..9999" (out of range).
  static Result<Date> FromYmd(int year, int month, int day);
  // Exactly "YYYY-MM-DD" (ISO 8601 calendar date, four-digit year, no spaces). Errors say
  // why: "expected YYYY-MM-DD", "no such date 1990-02-30", "year 0 is outside 1..9999".
  // They do not repeat the input: the caller places them (file:line:column, or field).
  static Result<Date> Parse(std::string_view text);
  // Requires kMinDaysSinceEpoch <= days <= kMaxDaysSinceEpoch (asserted).
  static Date FromDaysSinceEpoch(int32_t days);
  // The civil date now in the machine's local time zone (system clock).
  static Date Today();

  int year() const;
  int month() const;  // 1 = January
  int day() const;
  int32_t days_since_epoch() const { return days_since_epoch_; }
  int day_of_week() const;  // ISO: 1 = Monday ... 7 = Sunday

  std::string ToString() const;  // "2012-08-01"; Parse reads it back

  // The results must stay within years 1..9999 (asserted).
  Date AddDays(int32_t days) const;
  Date AddMonths(int months) const;  // month-end rule (see above)
  Date AddYears(int years) const;    // month-end rule: 2020-02-29 + 1 year = 2021-02-28

  friend auto operator<=>(Date, Date) = default;
  friend bool operator==(Date, Date) = default;

 private:
  explicit Date(int32_t days_since_epoch) : days_since_epoch_(days_since_epoch) {}

  Date AddMonthsClamped(int64_t months) const;

  int32_t days_since_epoch_ = 0;
};

// Writes ToString(): for test failure messages and logs.
std::ostream& operator<<(std::ostream& out, Date date);

bool IsLeapYear(int year);
// Requires 1 <= month <= 12 (asserted).
int DaysInMonth(int year, int month);

// to - from in days: DaysBetween(d, d) = 0, DaysBetween(d, d.AddDays(1)) = 1.
int32_t DaysBetween(Date from, Date to);

// Whole years completed on the day `on` by a person born on `birth`: the age goes up on
// each anniversary of the birth date. Someone born on 29 February has, in common years,
// their anniversary on 1 March (born 2000-02-29: 0 on 2001-02-28, 1 on 2001-03-01).
// Requires birth <= on (asserted).
int AgeOn(Date birth, Date on);

}  // namespace minsheng
