// Tests for Date: the text form, invalid dates, leap years, the month-end rule of
// AddMonths and AddYears, weekdays and AgeOn, as worked cases and as rapidcheck
// properties over the whole range of years 1..9999.
#include "core/date.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

namespace minsheng {
namespace {

using ::testing::HasSubstr;

// Builds a date the test knows to be valid.
Date D(int year, int month, int day) {
  Result<Date> date = Date::FromYmd(year, month, day);
  EXPECT_TRUE(date.ok()) << date.status().ToString();
  return date.ok() ? *date : Date();
}

Date ParseOrDie(std::string_view text) {
  Result<Date> date = Date::Parse(text);
  EXPECT_TRUE(date.ok()) << text << ": " << date.status().ToString();
  return date.ok() ? *date : Date();
}

// Any date from 0001-01-01 to 9999-12-31.
rc::Gen<Date> ArbitraryDate() {
  return rc::gen::map(
      rc::gen::inRange<int32_t>(Date::kMinDaysSinceEpoch, Date::kMaxDaysSinceEpoch + 1),
      [](int32_t days) { return Date::FromDaysSinceEpoch(days); });
}

// The default date is the epoch, 1970-01-01, day 0.
TEST(DateTest, DefaultIsEpoch) {
  const Date epoch;
  EXPECT_EQ(epoch.days_since_epoch(), 0);
  EXPECT_EQ(epoch.ToString(), "1970-01-01");
  EXPECT_EQ(epoch, D(1970, 1, 1));
}

// Parse reads the fields and ToString writes them back with zero padding.
TEST(DateTest, ParseAndFormatRoundTrip) {
  const Date date = ParseOrDie("2012-08-01");
  EXPECT_EQ(date.year(), 2012);
  EXPECT_EQ(date.month(), 8);
  EXPECT_EQ(date.day(), 1);
  EXPECT_EQ(date.ToString(), "2012-08-01");
  for (const char* text : {"0001-01-01", "0999-12-31", "2000-02-29", "9999-12-31"}) {
    EXPECT_EQ(ParseOrDie(text).ToString(), text);
  }
}

// Dates that do not exist in the calendar are errors that name the date.
TEST(DateTest, ParseRejectsDatesThatDoNotExist) {
  for (const char* text : {"1990-02-30", "2019-02-29", "2013-13-01", "2013-00-10", "2013-04-31",
                           "2013-01-00", "1900-02-29"}) {
    Result<Date> date = Date::Parse(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.status().code(), ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(date.status().message(), std::string("no such date ") + text);
  }
}

// Anything that is not exactly YYYY-MM-DD is a format error, not a guess.
TEST(DateTest, ParseRejectsOtherShapes) {
  for (const char* text :
       {"", "2012-8-1", "2012-08-1", "12-08-01", "2012/08/01", "20120801", " 2012-08-01",
        "2012-08-01 ", "2012-08-01T00:00", "+012-08-01", "2012-O8-01", "２０１２-08-01"}) {
    Result<Date> date = Date::Parse(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.status().code(), ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(date.status().message(), "expected YYYY-MM-DD") << text;
  }
}

// Year 0 has the right shape but is outside the supported years.
TEST(DateTest, ParseRejectsYearZero) {
  Result<Date> date = Date::Parse("0000-01-01");
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.status().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(date.status().message(), "year 0 is outside 1..9999");
}

// FromYmd checks every field, including values that would wrap in chrono's byte fields.
TEST(DateTest, FromYmdRejectsInvalidFields) {
  EXPECT_EQ(Date::FromYmd(1990, 2, 30).status().message(), "no such date 1990-02-30");
  EXPECT_FALSE(Date::FromYmd(2012, 257, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2012, 1, 257).ok());
  EXPECT_FALSE(Date::FromYmd(2012, -1, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2012, 1, -1).ok());
  EXPECT_THAT(Date::FromYmd(10000, 1, 1).status().message(), HasSubstr("outside 1..9999"));
  EXPECT_THAT(Date::FromYmd(-5, 1, 1).status().message(), HasSubstr("outside 1..9999"));
}

// Century years are leap only when divisible by 400.
TEST(DateTest, LeapYears) {
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_TRUE(IsLeapYear(2012));
  EXPECT_FALSE(IsLeapYear(2019));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2019, 4), 30);
  EXPECT_EQ(DaysInMonth(2019, 12), 31);
}

// The supported range ends where the constants say.
TEST(DateTest, RangeLimits) {
  EXPECT_EQ(D(1, 1, 1).days_since_epoch(), Date::kMinDaysSinceEpoch);
  EXPECT_EQ(D(9999, 12, 31).days_since_epoch(), Date::kMaxDaysSinceEpoch);
  EXPECT_EQ(Date::FromDaysSinceEpoch(Date::kMinDaysSinceEpoch).ToString(), "0001-01-01");
}

// AddDays crosses month, year and leap-day boundaries.
TEST(DateTest, AddDays) {
  EXPECT_EQ(D(2012, 2, 28).AddDays(1), D(2012, 2, 29));
  EXPECT_EQ(D(2013, 2, 28).AddDays(1), D(2013, 3, 1));
  EXPECT_EQ(D(2012, 12, 31).AddDays(1), D(2013, 1, 1));
  EXPECT_EQ(D(2013, 1, 1).AddDays(-1), D(2012, 12, 31));
  EXPECT_EQ(D(2012, 1, 1).AddDays(366), D(2013, 1, 1));
  EXPECT_EQ(DaysBetween(D(2012, 1, 1), D(2013, 1, 1)), 366);
  EXPECT_EQ(DaysBetween(D(2013, 1, 1), D(2012, 1, 1)), -366);
}

// A day that does not exist in the target month becomes that month's last day.
TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(D(2018, 1, 31).AddMonths(1), D(2018, 2, 28));
  EXPECT_EQ(D(2020, 1, 31).AddMonths(1), D(2020, 2, 29));
  EXPECT_EQ(D(2018, 3, 31).AddMonths(-1), D(2018, 2, 28));
  EXPECT_EQ(D(2018, 1, 31).AddMonths(13), D(2019, 2, 28));
  EXPECT_EQ(D(2018, 1, 31).AddMonths(3), D(2018, 4, 30));
  EXPECT_EQ(D(2018, 1, 15).AddMonths(-13), D(2016, 12, 15));
  EXPECT_EQ(D(2018, 5, 31).AddMonths(0), D(2018, 5, 31));
}

// The rule loses the day once clamped: stepping one month at a time drifts, which is why
// the header says to add n months to the first date.
TEST(DateTest, AddMonthsIsNotReversible) {
  EXPECT_EQ(D(2018, 1, 31).AddMonths(1).AddMonths(-1), D(2018, 1, 28));
  EXPECT_EQ(D(2018, 1, 31).AddMonths(1).AddMonths(1), D(2018, 3, 28));
  EXPECT_EQ(D(2018, 1, 31).AddMonths(2), D(2018, 3, 31));
}

// AddYears follows the same rule: 29 February lands on 28 February in a common year.
TEST(DateTest, AddYearsClampsLeapDay) {
  EXPECT_EQ(D(2020, 2, 29).AddYears(1), D(2021, 2, 28));
  EXPECT_EQ(D(2020, 2, 29).AddYears(4), D(2024, 2, 29));
  EXPECT_EQ(D(2020, 2, 29).AddYears(-1), D(2019, 2, 28));
  EXPECT_EQ(D(2019, 3, 1).AddYears(1), D(2020, 3, 1));
}

// day_of_week is ISO: Monday is 1 and Sunday is 7.
TEST(DateTest, DayOfWeek) {
  EXPECT_EQ(D(1970, 1, 1).day_of_week(), 4);  // a Thursday
  EXPECT_EQ(D(2012, 8, 1).day_of_week(), 3);  // a Wednesday
  EXPECT_EQ(D(2024, 6, 2).day_of_week(), 7);  // a Sunday
  EXPECT_EQ(D(2024, 6, 3).day_of_week(), 1);  // a Monday
  EXPECT_EQ(D(1, 1, 1).day_of_week(), 1);     // proleptic Gregorian: a Monday
}

// Age goes up on the birthday, not the day before; a 29 February birthday counts on
// 1 March in common years.
TEST(DateTest, AgeOn) {
  EXPECT_EQ(AgeOn(D(1960, 5, 10), D(2020, 5, 9)), 59);
  EXPECT_EQ(AgeOn(D(1960, 5, 10), D(2020, 5, 10)), 60);
  EXPECT_EQ(AgeOn(D(1960, 5, 10), D(1960, 5, 10)), 0);
  EXPECT_EQ(AgeOn(D(2000, 2, 29), D(2001, 2, 28)), 0);
  EXPECT_EQ(AgeOn(D(2000, 2, 29), D(2001, 3, 1)), 1);
  EXPECT_EQ(AgeOn(D(2000, 2, 29), D(2004, 2, 28)), 3);
  EXPECT_EQ(AgeOn(D(2000, 2, 29), D(2004, 2, 29)), 4);
  EXPECT_EQ(AgeOn(D(1999, 12, 31), D(2000, 1, 1)), 0);
}

// Today is the UTC date of the system clock give or take one day: no time zone is more
// than 14 hours from UTC.
TEST(DateTest, TodayIsWithinADayOfUtc) {
  const auto utc_days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const auto utc_days_since_epoch = static_cast<int32_t>(utc_days.time_since_epoch().count());
  EXPECT_LE(std::abs(Date::Today().days_since_epoch() - utc_days_since_epoch), 1);
}

// Dates order as the days they stand for.
TEST(DateTest, Ordering) {
  EXPECT_LT(D(2012, 12, 31), D(2013, 1, 1));
  EXPECT_GT(D(2013, 1, 2), D(2013, 1, 1));
  EXPECT_NE(D(2013, 1, 2), D(2013, 1, 1));
}

// Days since the epoch convert to a date and back unchanged, across the whole range.
RC_GTEST_PROP(DatePropertyTest, DaysSinceEpochRoundTrip, ()) {
  const auto days =
      *rc::gen::inRange<int32_t>(Date::kMinDaysSinceEpoch, Date::kMaxDaysSinceEpoch + 1);
  RC_ASSERT(Date::FromDaysSinceEpoch(days).days_since_epoch() == days);
}

// ToString gives exactly the text Parse reads back to the same date, and FromYmd of the
// fields gives it too.
RC_GTEST_PROP(DatePropertyTest, ParseToStringRoundTrip, ()) {
  const Date date = *ArbitraryDate();
  const std::string text = date.ToString();
  RC_ASSERT(text.size() == 10u);
  const Result<Date> parsed = Date::Parse(text);
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == date);
  const Result<Date> built = Date::FromYmd(date.year(), date.month(), date.day());
  RC_ASSERT(built.ok());
  RC_ASSERT(*built == date);
}

// The day after any date is one day later in the count, and a weekday later.
RC_GTEST_PROP(DatePropertyTest, NextDayAdvancesWeekday, ()) {
  const Date date = *ArbitraryDate();
  RC_PRE(date.days_since_epoch() < Date::kMaxDaysSinceEpoch);
  const Date next = date.AddDays(1);
  RC_ASSERT(DaysBetween(date, next) == 1);
  RC_ASSERT(next.day_of_week() == date.day_of_week() % 7 + 1);
}

// AddMonths keeps the day when it exists in the target month and otherwise gives the
// month's last day; it always lands in the right month.
RC_GTEST_PROP(DatePropertyTest, AddMonthsMonthEndRule, ()) {
  // Up to 100 years either way, from dates at least 101 years inside the range.
  constexpr int32_t kMarginDays = 101 * 366;
  const Date date = Date::FromDaysSinceEpoch(*rc::gen::inRange<int32_t>(
      Date::kMinDaysSinceEpoch + kMarginDays, Date::kMaxDaysSinceEpoch - kMarginDays));
  const int months = *rc::gen::inRange(-1200, 1201);
  const Date moved = date.AddMonths(months);
  const int month_index = date.year() * 12 + (date.month() - 1) + months;
  RC_ASSERT(moved.year() * 12 + (moved.month() - 1) == month_index);
  const int last_day = DaysInMonth(moved.year(), moved.month());
  RC_ASSERT(moved.day() == std::min(date.day(), last_day));
}

}  // namespace
}  // namespace minsheng
