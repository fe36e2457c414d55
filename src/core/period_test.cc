// Tests for Period and PeriodRange: the four text forms and their errors, first and last
// days, stepping across year ends, Split, Contains and iteration, as worked cases and as
// rapidcheck properties over years 1..9999.
#include "core/period.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <iterator>
#include <ranges>
#include <string>
#include <vector>

namespace minsheng {
namespace {

constexpr PeriodKind kAllKinds[] = {PeriodKind::kDay, PeriodKind::kMonth, PeriodKind::kQuarter,
                                    PeriodKind::kYear};

// Builds a date the test knows to be valid.
Date D(int year, int month, int day) {
  Result<Date> date = Date::FromYmd(year, month, day);
  EXPECT_TRUE(date.ok()) << date.status().ToString();
  return date.ok() ? *date : Date();
}

Period ParseOrDie(std::string_view text) {
  Result<Period> period = Period::Parse(text);
  EXPECT_TRUE(period.ok()) << text << ": " << period.status().ToString();
  return period.ok() ? *period : Period();
}

std::string ParseError(std::string_view text) {
  Result<Period> period = Period::Parse(text);
  EXPECT_FALSE(period.ok()) << text << " parsed as " << period.value();
  return period.ok() ? "" : period.status().message();
}

rc::Gen<PeriodKind> ArbitraryKind() {
  return rc::gen::element(PeriodKind::kDay, PeriodKind::kMonth, PeriodKind::kQuarter,
                          PeriodKind::kYear);
}

// Any period of any kind within years 1..9999.
rc::Gen<Period> ArbitraryPeriod() {
  return rc::gen::apply(
      [](PeriodKind kind, int32_t days) {
        return Period::Containing(kind, Date::FromDaysSinceEpoch(days));
      },
      ArbitraryKind(),
      rc::gen::inRange<int32_t>(Date::kMinDaysSinceEpoch, Date::kMaxDaysSinceEpoch + 1));
}

// Each text form parses to the right kind and first day and is written back unchanged.
TEST(PeriodTest, ParseAndFormatRoundTrip) {
  const Period day = ParseOrDie("2012-08-01");
  EXPECT_EQ(day.kind(), PeriodKind::kDay);
  EXPECT_EQ(day.first_day(), D(2012, 8, 1));
  const Period month = ParseOrDie("2012-08");
  EXPECT_EQ(month.kind(), PeriodKind::kMonth);
  EXPECT_EQ(month, Period::Month(2012, 8));
  const Period quarter = ParseOrDie("2013-Q3");
  EXPECT_EQ(quarter.kind(), PeriodKind::kQuarter);
  EXPECT_EQ(quarter, Period::Quarter(2013, 3));
  const Period year = ParseOrDie("2013");
  EXPECT_EQ(year.kind(), PeriodKind::kYear);
  EXPECT_EQ(year, Period::Year(2013));
  for (const char* text : {"2012-08-01", "2012-08", "2013-Q3", "2013", "0001", "9999-Q4"}) {
    EXPECT_EQ(ParseOrDie(text).ToString(), text);
  }
}

// A lower-case q is accepted, and written back upper-case.
TEST(PeriodTest, ParseAcceptsLowerCaseQuarter) {
  EXPECT_EQ(ParseOrDie("2013-q3"), Period::Quarter(2013, 3));
  EXPECT_EQ(ParseOrDie("2013-q3").ToString(), "2013-Q3");
}

// Each kind of mistake gets its own message.
TEST(PeriodTest, ParseErrorsSayWhy) {
  EXPECT_EQ(ParseError("2013-13"), "month 13 does not exist");
  EXPECT_EQ(ParseError("2013-00"), "month 0 does not exist");
  EXPECT_EQ(ParseError("2013-Q5"), "quarter must be Q1..Q4");
  EXPECT_EQ(ParseError("2013-Q0"), "quarter must be Q1..Q4");
  EXPECT_EQ(ParseError("2013-Q"), "quarter must be Q1..Q4");
  EXPECT_EQ(ParseError("2013-Q12"), "quarter must be Q1..Q4");
  EXPECT_EQ(ParseError("1990-02-30"), "no such date 1990-02-30");
  EXPECT_EQ(ParseError("2013-13-01"), "no such date 2013-13-01");
  EXPECT_EQ(ParseError("0000"), "year 0 is outside 1..9999");
  for (const char* text : {"", "13", "2013-8", "2012-8-1", "2013/08", "2013-", "2013-H1", " 2013",
                           "2013 ", "20130", "2013-08-", "Q3-2013"}) {
    EXPECT_EQ(ParseError(text), "expected YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD") << text;
  }
}

// Period kinds have names, and only those names parse.
TEST(PeriodTest, KindNames) {
  for (PeriodKind kind : kAllKinds) {
    Result<PeriodKind> parsed = ParsePeriodKind(PeriodKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_STREQ(PeriodKindName(PeriodKind::kQuarter), "quarter");
  EXPECT_FALSE(ParsePeriodKind("week").ok());
  EXPECT_FALSE(ParsePeriodKind("Month").ok());
  EXPECT_FALSE(ParsePeriodKind("").ok());
}

// Quarters start on the first of January, April, July and October and end with the
// months' real last days.
TEST(PeriodTest, QuarterFirstAndLastDays) {
  EXPECT_EQ(Period::Quarter(2013, 1).first_day(), D(2013, 1, 1));
  EXPECT_EQ(Period::Quarter(2013, 1).last_day(), D(2013, 3, 31));
  EXPECT_EQ(Period::Quarter(2013, 2).first_day(), D(2013, 4, 1));
  EXPECT_EQ(Period::Quarter(2013, 2).last_day(), D(2013, 6, 30));
  EXPECT_EQ(Period::Quarter(2013, 3).first_day(), D(2013, 7, 1));
  EXPECT_EQ(Period::Quarter(2013, 3).last_day(), D(2013, 9, 30));
  EXPECT_EQ(Period::Quarter(2013, 4).first_day(), D(2013, 10, 1));
  EXPECT_EQ(Period::Quarter(2013, 4).last_day(), D(2013, 12, 31));
  EXPECT_EQ(Period::Quarter(2012, 1).day_count(), 91);
  EXPECT_EQ(Period::Quarter(2013, 1).day_count(), 90);
}

// day_count follows month lengths and leap years.
TEST(PeriodTest, DayCounts) {
  EXPECT_EQ(Period::Day(D(2012, 8, 1)).day_count(), 1);
  EXPECT_EQ(Period::Month(2012, 2).day_count(), 29);
  EXPECT_EQ(Period::Month(1900, 2).day_count(), 28);
  EXPECT_EQ(Period::Month(2013, 4).day_count(), 30);
  EXPECT_EQ(Period::Year(2012).day_count(), 366);
  EXPECT_EQ(Period::Year(2013).day_count(), 365);
  EXPECT_EQ(Period::Year(9999).last_day(), D(9999, 12, 31));
}

// Containing finds the period of each kind around a date.
TEST(PeriodTest, Containing) {
  const Date date = D(2013, 8, 15);
  EXPECT_EQ(Period::Containing(PeriodKind::kDay, date), Period::Day(date));
  EXPECT_EQ(Period::Containing(PeriodKind::kMonth, date), Period::Month(2013, 8));
  EXPECT_EQ(Period::Containing(PeriodKind::kQuarter, date), Period::Quarter(2013, 3));
  EXPECT_EQ(Period::Containing(PeriodKind::kYear, date), Period::Year(2013));
  EXPECT_EQ(Period::Containing(PeriodKind::kQuarter, D(2013, 12, 31)), Period::Quarter(2013, 4));
}

// Next and Previous cross year ends for every kind.
TEST(PeriodTest, NextAndPreviousAcrossYearEnds) {
  EXPECT_EQ(Period::Day(D(2012, 12, 31)).Next(), Period::Day(D(2013, 1, 1)));
  EXPECT_EQ(Period::Day(D(2013, 1, 1)).Previous(), Period::Day(D(2012, 12, 31)));
  EXPECT_EQ(Period::Month(2012, 12).Next(), Period::Month(2013, 1));
  EXPECT_EQ(Period::Month(2013, 1).Previous(), Period::Month(2012, 12));
  EXPECT_EQ(Period::Quarter(2012, 4).Next(), Period::Quarter(2013, 1));
  EXPECT_EQ(Period::Quarter(2013, 1).Previous(), Period::Quarter(2012, 4));
  EXPECT_EQ(Period::Year(2012).Next(), Period::Year(2013));
  EXPECT_EQ(Period::Year(2013).Previous(), Period::Year(2012));
  EXPECT_EQ(Period::Month(2012, 1).Offset(25), Period::Month(2014, 2));
  EXPECT_EQ(Period::Quarter(2012, 1).Offset(-5), Period::Quarter(2010, 4));
  EXPECT_EQ(Period::Month(2012, 1).Offset(0), Period::Month(2012, 1));
}

// Split gives the finer periods in order: 12 months or 366 days in 2012.
TEST(PeriodTest, SplitCounts) {
  const Period year = Period::Year(2012);
  const std::vector<Period> months = year.Split(PeriodKind::kMonth);
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.front(), Period::Month(2012, 1));
  EXPECT_EQ(months.back(), Period::Month(2012, 12));
  EXPECT_EQ(year.Split(PeriodKind::kDay).size(), 366u);
  EXPECT_EQ(year.Split(PeriodKind::kQuarter).size(), 4u);
  EXPECT_EQ(Period::Year(2013).Split(PeriodKind::kDay).size(), 365u);
  EXPECT_EQ(Period::Month(2012, 2).Split(PeriodKind::kDay).size(), 29u);
  EXPECT_EQ(Period::Quarter(2012, 3).Split(PeriodKind::kMonth),
            (std::vector<Period>{Period::Month(2012, 7), Period::Month(2012, 8),
                                 Period::Month(2012, 9)}));
  EXPECT_EQ(year.Split(PeriodKind::kYear), std::vector<Period>{year});
  EXPECT_EQ(Period::Year(9999).Split(PeriodKind::kMonth).back(), Period::Month(9999, 12));
}

// Contains holds for the period's own days and for periods nested inside it, only.
TEST(PeriodTest, Contains) {
  const Period quarter = Period::Quarter(2013, 3);
  EXPECT_TRUE(quarter.Contains(D(2013, 7, 1)));
  EXPECT_TRUE(quarter.Contains(D(2013, 9, 30)));
  EXPECT_FALSE(quarter.Contains(D(2013, 6, 30)));
  EXPECT_FALSE(quarter.Contains(D(2013, 10, 1)));
  EXPECT_TRUE(quarter.Contains(Period::Month(2013, 8)));
  EXPECT_TRUE(quarter.Contains(quarter));
  EXPECT_FALSE(quarter.Contains(Period::Month(2013, 10)));
  EXPECT_FALSE(quarter.Contains(Period::Year(2013)));
  EXPECT_TRUE(Period::Year(2013).Contains(quarter));
  EXPECT_FALSE(Period::Month(2013, 8).Contains(quarter));
}

// Periods order by first day, then by kind: a day comes before the month that starts on it.
TEST(PeriodTest, Ordering) {
  EXPECT_LT(Period::Day(D(2013, 1, 1)), Period::Month(2013, 1));
  EXPECT_LT(Period::Month(2013, 1), Period::Quarter(2013, 1));
  EXPECT_LT(Period::Quarter(2013, 1), Period::Year(2013));
  EXPECT_LT(Period::Year(2013), Period::Day(D(2013, 1, 2)));
  EXPECT_NE(Period::Month(2013, 1), Period::Year(2013));
}

// PeriodRange visits every period from the first to the last, both included.
TEST(PeriodRangeTest, IteratesInclusive) {
  std::vector<std::string> seen;
  for (Period quarter : PeriodRange(Period::Quarter(2012, 3), Period::Quarter(2013, 2))) {
    seen.push_back(quarter.ToString());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"2012-Q3", "2012-Q4", "2013-Q1", "2013-Q2"}));
  EXPECT_EQ(PeriodRange(Period::Month(2012, 1), Period::Month(2012, 12)).size(), 12);
  EXPECT_EQ(PeriodRange(Period::Day(D(2012, 1, 1)), Period::Day(D(2012, 12, 31))).size(), 366);
}

// PeriodRange works with the standard library's iterator and range algorithms too.
static_assert(std::input_iterator<PeriodRange::Iterator>);
static_assert(std::ranges::input_range<const PeriodRange>);

// A range of one period yields it once; a range that ends before it starts is empty.
TEST(PeriodRangeTest, SingleAndEmpty) {
  const PeriodRange single(Period::Year(2013), Period::Year(2013));
  ASSERT_EQ(single.size(), 1);
  EXPECT_EQ(*single.begin(), Period::Year(2013));
  const PeriodRange backwards(Period::Year(2013), Period::Year(2012));
  EXPECT_TRUE(backwards.empty());
  EXPECT_TRUE(backwards.begin() == backwards.end());
}

// A range may end at the last period there is without stepping past it.
TEST(PeriodRangeTest, EndsAtTheLastYear) {
  int count = 0;
  for (Period day : PeriodRange(Period::Day(D(9999, 12, 30)), Period::Day(D(9999, 12, 31)))) {
    EXPECT_EQ(day.first_day().year(), 9999);
    ++count;
  }
  EXPECT_EQ(count, 2);
}

// ToString gives text that Parse reads back to the same period.
RC_GTEST_PROP(PeriodPropertyTest, ParseToStringRoundTrip, ()) {
  const Period period = *ArbitraryPeriod();
  const Result<Period> parsed = Period::Parse(period.ToString());
  RC_ASSERT(parsed.ok());
  RC_ASSERT(*parsed == period);
}

// Stepping forward then back returns to the same period.
RC_GTEST_PROP(PeriodPropertyTest, NextThenPreviousIsIdentity, ()) {
  const Period period = *ArbitraryPeriod();
  RC_PRE(period.last_day().year() < Date::kMaxYear);
  RC_ASSERT(period.Next().Previous() == period);
  RC_ASSERT(period.Next() > period);
}

// Periods of one kind tile the calendar: the day after one ends, the next begins.
RC_GTEST_PROP(PeriodPropertyTest, NextStartsTheDayAfterLastDay, ()) {
  const Period period = *ArbitraryPeriod();
  RC_PRE(period.last_day().year() < Date::kMaxYear);
  RC_ASSERT(period.last_day().AddDays(1) == period.Next().first_day());
  RC_ASSERT(period.first_day() <= period.last_day());
  RC_ASSERT(period.day_count() == DaysBetween(period.first_day(), period.last_day()) + 1);
}

// A period contains exactly the dates from its first to its last day, and is the period
// of its kind containing each of them.
RC_GTEST_PROP(PeriodPropertyTest, ContainsAgreesWithContaining, ()) {
  const Period period = *ArbitraryPeriod();
  const Date date = Date::FromDaysSinceEpoch(
      *rc::gen::inRange<int32_t>(Date::kMinDaysSinceEpoch, Date::kMaxDaysSinceEpoch + 1));
  RC_ASSERT(period.Contains(date) == (Period::Containing(period.kind(), date) == period));
  RC_ASSERT(period.Contains(period.first_day()));
  RC_ASSERT(period.Contains(period.last_day()));
}

// Split into a finer kind covers the period's days exactly once, in order.
RC_GTEST_PROP(PeriodPropertyTest, SplitTilesThePeriod, ()) {
  const Period period = *ArbitraryPeriod();
  const PeriodKind finer = *ArbitraryKind();
  RC_PRE(finer <= period.kind());
  const std::vector<Period> parts = period.Split(finer);
  RC_ASSERT(!parts.empty());
  RC_ASSERT(parts.front().first_day() == period.first_day());
  RC_ASSERT(parts.back().last_day() == period.last_day());
  int32_t days = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    RC_ASSERT(parts[i].kind() == finer);
    RC_ASSERT(period.Contains(parts[i]));
    if (i > 0) RC_ASSERT(parts[i - 1].Next() == parts[i]);
    days += parts[i].day_count();
  }
  RC_ASSERT(days == period.day_count());
}

}  // namespace
}  // namespace minsheng
