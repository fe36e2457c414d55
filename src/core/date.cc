// Date arithmetic on top of <chrono>: a Date holds days since 1970-01-01 (sys_days), and
// every conversion to and from year/month/day goes through year_month_day, so the
// calendar arithmetic lives in the standard library. Only IsLeapYear and DaysInMonth,
// which accept any int year, are written out here.
#include "core/date.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <ostream>

namespace minsheng {

namespace {

namespace chrono = std::chrono;

// |months| beyond this would carry any date out of years 1..9999. Only asserts read it,
// hence maybe_unused for release builds.
[[maybe_unused]] constexpr int64_t kMonthsMax = int64_t{12} * Date::kMaxYear;

constexpr chrono::year_month_day ToCivil(int32_t days_since_epoch) {
  return chrono::year_month_day{chrono::sys_days{chrono::days{days_since_epoch}}};
}

constexpr int32_t ToDaysSinceEpoch(chrono::year_month_day civil) {
  return static_cast<int32_t>(chrono::sys_days{civil}.time_since_epoch().count());
}

static_assert(ToDaysSinceEpoch(chrono::year{Date::kMinYear} / chrono::January / 1) ==
              Date::kMinDaysSinceEpoch);
static_assert(ToDaysSinceEpoch(chrono::year{Date::kMaxYear} / chrono::December / 31) ==
              Date::kMaxDaysSinceEpoch);

bool IsYearInRange(int year) {
  return year >= Date::kMinYear && year <= Date::kMaxYear;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// The value of a run of ASCII digits the caller has checked.
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// "YYYY-MM-DD" with digits where the letters are.
bool HasDateShape(std::string_view text) {
  if (text.size() != 10) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool is_separator = i == 4 || i == 7;
    if (is_separator ? text[i] != '-' : !IsDigit(text[i])) return false;
  }
  return true;
}

std::string FormatYmd(int year, int month, int day) {
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

}  // namespace

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (!IsYearInRange(year)) {
    return OutOfRange("year " + std::to_string(year) + " is outside 1..9999");
  }
  // Checked by hand before <chrono> sees them: chrono::month and chrono::day keep only a
  // byte, so 257 would silently become 1.
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return InvalidArgument("no such date " + FormatYmd(year, month, day));
  }
  const chrono::year_month_day civil{chrono::year{year},
                                     chrono::month{static_cast<unsigned>(month)},
                                     chrono::day{static_cast<unsigned>(day)}};
  return Date(ToDaysSinceEpoch(civil));
}

Result<Date> Date::Parse(std::string_view text) {
  if (!HasDateShape(text)) return InvalidArgument("expected YYYY-MM-DD");
  return FromYmd(DigitsValue(text.substr(0, 4)), DigitsValue(text.substr(5, 2)),
                 DigitsValue(text.substr(8, 2)));
}

Date Date::FromDaysSinceEpoch(int32_t days) {
  assert(days >= kMinDaysSinceEpoch);
  assert(days <= kMaxDaysSinceEpoch);
  return Date(days);
}

Date Date::Today() {
  // localtime_r rather than <chrono>'s current_zone(): g++ 12's library has no time zone
  // database, and the C library already knows the machine's zone.
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return FromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday).value();
}

int Date::year() const {
  return static_cast<int>(ToCivil(days_since_epoch_).year());
}

int Date::month() const {
  return static_cast<int>(static_cast<unsigned>(ToCivil(days_since_epoch_).month()));
}

int Date::day() const {
  return static_cast<int>(static_cast<unsigned>(ToCivil(days_since_epoch_).day()));
}

int Date::day_of_week() const {
  const chrono::weekday weekday{chrono::sys_days{chrono::days{days_since_epoch_}}};
  return static_cast<int>(weekday.iso_encoding());
}

std::string Date::ToString() const {
  // The digits written directly, the civil date computed once: dates are written by the
  // million (claims, receipts, CSV), and snprintf was most of the cost.
  const chrono::year_month_day civil = ToCivil(days_since_epoch_);
  const int year = static_cast<int>(civil.year());  // 1..9999
  const auto month = static_cast<int>(static_cast<unsigned>(civil.month()));
  const auto day = static_cast<int>(static_cast<unsigned>(civil.day()));
  std::string text = "0000-00-00";
  const auto digit = [](int value) { return static_cast<char>('0' + value); };
  text[0] = digit(year / 1000);
  text[1] = digit(year / 100 % 10);
  text[2] = digit(year / 10 % 10);
  text[3] = digit(year % 10);
  text[5] = digit(month / 10);
  text[6] = digit(month % 10);
  text[8] = digit(day / 10);
  text[9] = digit(day % 10);
  return text;
}

Date Date::AddDays(int32_t days) const {
  const int64_t result = int64_t{days_since_epoch_} + days;
  assert(result >= kMinDaysSinceEpoch);
  assert(result <= kMaxDaysSinceEpoch);
  return Date(static_cast<int32_t>(result));
}

Date Date::AddMonths(int months) const {
  return AddMonthsClamped(months);
}

Date Date::AddYears(int years) const {
  return AddMonthsClamped(int64_t{12} * years);
}

// Both AddMonths and AddYears come here, so the month-end rule is written once.
Date Date::AddMonthsClamped(int64_t months) const {
  // chrono::year holds a short: keep the sum far from its limits before computing it.
  assert(months >= -kMonthsMax);
  assert(months <= kMonthsMax);
  const chrono::year_month_day civil = ToCivil(days_since_epoch_);
  const chrono::year_month target =
      civil.year() / civil.month() + chrono::months{static_cast<int>(months)};
  assert(IsYearInRange(static_cast<int>(target.year())));
  const chrono::day last_day = (target / chrono::last).day();
  return Date(ToDaysSinceEpoch(target / std::min(civil.day(), last_day)));
}

std::ostream& operator<<(std::ostream& out, Date date) {
  return out << date.ToString();
}

// Written out rather than through chrono::year, which keeps only a short and so would
// answer for the wrong year outside -32767..32767.
bool IsLeapYear(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int DaysInMonth(int year, int month) {
  assert(month >= 1);
  assert(month <= 12);
  constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDaysInMonth[month - 1];
}

int32_t DaysBetween(Date from, Date to) {
  return to.days_since_epoch() - from.days_since_epoch();
}

int AgeOn(Date birth, Date on) {
  assert(birth <= on);
  const chrono::year_month_day born = ToCivil(birth.days_since_epoch());
  const chrono::year_month_day today = ToCivil(on.days_since_epoch());
  const int years = static_cast<int>(today.year()) - static_cast<int>(born.year());
  // month_day compares month first, then day: 03-01 is past a 02-29 birthday, 02-28 is not.
  const bool anniversary_reached = today.month() / today.day() >= born.month() / born.day();
  return anniversary_reached ? years : years - 1;
}

}  // namespace minsheng
