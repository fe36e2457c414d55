// Period: a calendar day, month, quarter or year, the units in which benefits are paid,
// budgets are set and reports are cut.
//
// A Period is its kind and its first day; the first day is always the start of a period of
// that kind (a quarter starts on 1 January, 1 April, 1 July or 1 October). Text forms,
// which Parse reads and ToString writes:
//   day "2012-08-01"   month "2012-08"   quarter "2013-Q3" (Parse accepts "2013-q3")
//   year "2013"
// Periods order by first day, then by kind (a day before the month that starts on it).
// PeriodRange walks the periods of one kind from one to another, inclusive. Values;
// immutable and thread-compatible. Years run from 1 to 9999, as for Date; stepping past
// them is a bug in the caller and is asserted.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace minsheng {

// Finest to coarsest: a kind is finer than every kind after it.
enum class PeriodKind { kDay, kMonth, kQuarter, kYear };

// "day", "month", "quarter", "year".
const char* PeriodKindName(PeriodKind kind);
// The inverse of PeriodKindName; anything else is an invalid-argument error naming the
// four kinds.
Result<PeriodKind> ParsePeriodKind(std::string_view text);

class Period {
 public:
  Period() = default;  // the day 1970-01-01, as Date() is

  static Period Day(Date date);
  // The factories below assert their arguments (years 1..9999, month 1..12, quarter 1..4);
  // input from users goes through Parse, which reports them as errors instead.
  static Period Month(int year, int month);
  static Period Quarter(int year, int quarter);
  static Period Year(int year);
  // The period of the kind that holds date: Containing(kQuarter, 2013-08-15) = 2013-Q3.
  static Period Containing(PeriodKind kind, Date date);

  // One of the text forms above. Errors say why: "month 13 does not exist",
  // "quarter must be Q1..Q4", "no such date 1990-02-30", "year 0 is outside 1..9999",
  // "expected YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD". Like Date::Parse's, they do not
  // repeat the input; the caller places them.
  static Result<Period> Parse(std::string_view text);

  PeriodKind kind() const { return kind_; }
  Date first_day() const { return first_day_; }
  Date last_day() const;
  int32_t day_count() const;  // last_day - first_day + 1

  std::string ToString() const;  // the canonical text form: "2013-Q3", never "2013-q3"

  bool Contains(Date date) const;
  // True when every day of other is in this period (a period contains itself).
  bool Contains(const Period& other) const;

  // The period of the same kind that follows, precedes, or lies steps away.
  Period Next() const { return Offset(1); }
  Period Previous() const { return Offset(-1); }
  Period Offset(int steps) const;

  // The periods of kind finer that make up this one, in order: the 12 months of a year,
  // the 28 to 31 days of a month. finer must not be coarser than kind() (asserted); the
  // same kind gives {*this}.
  std::vector<Period> Split(PeriodKind finer) const;

  // first_day_ is declared first, so the defaults order by first day, then kind.
  friend auto operator<=>(const Period&, const Period&) = default;
  friend bool operator==(const Period&, const Period&) = default;

 private:
  Period(PeriodKind kind, Date first_day) : first_day_(first_day), kind_(kind) {}

  Date first_day_;
  PeriodKind kind_ = PeriodKind::kDay;
};

// Writes ToString(): for test failure messages and logs.
std::ostream& operator<<(std::ostream& out, const Period& period);

// The periods from `from` to `to`, both included, for use in range-for:
//   for (Period month : PeriodRange(Period::Month(2012, 1), Period::Month(2012, 12))) ...
// from and to must be of the same kind (asserted); to before from gives an empty range.
class PeriodRange {
 public:
  // An input iterator that computes each period from the first and its position, so it
  // never steps past `to` (which may be the last period of year 9999).
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Period;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Period;

    Iterator() = default;
    Iterator(Period first, int32_t position) : first_(first), position_(position) {}

    Period operator*() const { return first_.Offset(position_); }
    Iterator& operator++() {
      ++position_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++position_;
      return before;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) {
      return a.position_ == b.position_;
    }

   private:
    Period first_;
    int32_t position_ = 0;
  };

  PeriodRange(Period from, Period to);

  Iterator begin() const { return Iterator(from_, 0); }
  Iterator end() const { return Iterator(from_, size_); }
  int32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  Period from_;
  int32_t size_ = 0;
};

}  // namespace minsheng
