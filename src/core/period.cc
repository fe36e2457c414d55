// Period arithmetic. Months, quarters and years are all whole runs of months that start
// on the first of a month, so they share one rule for stepping, counting and finding the
// last day: a span of 1, 3 or 12 months. Days step by days.
#include "core/period.h"

#include <cassert>
#include <ostream>

namespace minsheng {

namespace {

constexpr std::string_view kPeriodFormatError = "expected YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD";

// The length in months of a month, quarter or year. Days have none.
int MonthSpan(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth: return 1;
    case PeriodKind::kQuarter: return 3;
    case PeriodKind::kYear: return 12;
    case PeriodKind::kDay: break;
  }
  assert(false && "a day has no month span");
  return 1;
}

// Months since January of year 0: lets months, quarters and years be counted by division.
int64_t MonthIndex(Date date) {
  return int64_t{date.year()} * 12 + (date.month() - 1);
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The value of a run of ASCII digits the caller has checked.
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

Date FirstOfMonth(int year, int month) {
  return Date::FromYmd(year, month, 1).value();
}

Result<Period> ParseMonth(int year, std::string_view month_digits) {
  const int month = DigitsValue(month_digits);
  if (month < 1 || month > 12) {
    return InvalidArgument("month " + std::to_string(month) + " does not exist");
  }
  return Period::Month(year, month);
}

// quarter_text is what follows "YYYY-Q": exactly one digit from 1 to 4.
Result<Period> ParseQuarter(int year, std::string_view quarter_text) {
  if (quarter_text.size() != 1 || quarter_text[0] < '1' || quarter_text[0] > '4') {
    return InvalidArgument("quarter must be Q1..Q4");
  }
  return Period::Quarter(year, quarter_text[0] - '0');
}

}  // namespace

const char* PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kDay: return "day";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kYear: return "year";
  }
  return "unknown";
}

Result<PeriodKind> ParsePeriodKind(std::string_view text) {
  for (PeriodKind kind :
       {PeriodKind::kDay, PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
    if (text == PeriodKindName(kind)) return kind;
  }
  return InvalidArgument("period kind must be day, month, quarter or year");
}

Period Period::Day(Date date) {
  return Period(PeriodKind::kDay, date);
}

Period Period::Month(int year, int month) {
  assert(month >= 1);
  assert(month <= 12);
  return Period(PeriodKind::kMonth, FirstOfMonth(year, month));
}

Period Period::Quarter(int year, int quarter) {
  assert(quarter >= 1);
  assert(quarter <= 4);
  return Period(PeriodKind::kQuarter, FirstOfMonth(year, 3 * (quarter - 1) + 1));
}

Period Period::Year(int year) {
  return Period(PeriodKind::kYear, FirstOfMonth(year, 1));
}

Period Period::Containing(PeriodKind kind, Date date) {
  switch (kind) {
    case PeriodKind::kDay: return Day(date);
    case PeriodKind::kMonth: return Month(date.year(), date.month());
    case PeriodKind::kQuarter: return Quarter(date.year(), (date.month() - 1) / 3 + 1);
    case PeriodKind::kYear: return Year(date.year());
  }
  assert(false && "unknown period kind");
  return Day(date);
}

Result<Period> Period::Parse(std::string_view text) {
  if (text.size() < 4 || !AllDigits(text.substr(0, 4))) {
    return InvalidArgument(std::string(kPeriodFormatError));
  }
  const int year = DigitsValue(text.substr(0, 4));
  if (year < Date::kMinYear) {
    return OutOfRange("year " + std::to_string(year) + " is outside 1..9999");
  }
  if (text.size() == 4) return Year(year);
  if (text[4] != '-') return InvalidArgument(std::string(kPeriodFormatError));

  const std::string_view rest = text.substr(5);
  if (!rest.empty() && (rest[0] == 'Q' || rest[0] == 'q')) {
    return ParseQuarter(year, rest.substr(1));
  }
  if (rest.size() == 2 && AllDigits(rest)) return ParseMonth(year, rest);
  if (text.size() == 10) {
    Result<Date> date = Date::Parse(text);
    if (!date.ok()) return date.status();
    return Day(*date);
  }
  return InvalidArgument(std::string(kPeriodFormatError));
}

Date Period::last_day() const {
  if (kind_ == PeriodKind::kDay) return first_day_;
  const int year = first_day_.year();
  const int last_month = first_day_.month() + MonthSpan(kind_) - 1;
  return Date::FromYmd(year, last_month, DaysInMonth(year, last_month)).value();
}

int32_t Period::day_count() const {
  return DaysBetween(first_day_, last_day()) + 1;
}

std::string Period::ToString() const {
  const std::string date = first_day_.ToString();  // "YYYY-MM-DD": the others are cuts of it
  switch (kind_) {
    case PeriodKind::kDay: return date;
    case PeriodKind::kMonth: return date.substr(0, 7);
    case PeriodKind::kQuarter:
      return date.substr(0, 5) + "Q" + std::to_string((first_day_.month() - 1) / 3 + 1);
    case PeriodKind::kYear: return date.substr(0, 4);
  }
  return date;
}

bool Period::Contains(Date date) const {
  return first_day_ <= date && date <= last_day();
}

bool Period::Contains(const Period& other) const {
  return first_day_ <= other.first_day_ && other.last_day() <= last_day();
}

Period Period::Offset(int steps) const {
  if (kind_ == PeriodKind::kDay) return Day(first_day_.AddDays(steps));
  // In 64 bits, and checked before narrowing: 12 * steps may not fit an int.
  const int64_t months = int64_t{MonthSpan(kind_)} * steps;
  assert(months >= -int64_t{12} * Date::kMaxYear);
  assert(months <= int64_t{12} * Date::kMaxYear);
  // The first day of a month has no month-end to clamp, so AddMonths is exact here.
  return Period(kind_, first_day_.AddMonths(static_cast<int>(months)));
}

std::vector<Period> Period::Split(PeriodKind finer) const {
  assert(finer <= kind_ && "Split needs a kind no coarser than the period's");
  const PeriodRange parts(Containing(finer, first_day_), Containing(finer, last_day()));
  std::vector<Period> result;
  result.reserve(static_cast<size_t>(parts.size()));
  for (Period part : parts) result.push_back(part);
  return result;
}

std::ostream& operator<<(std::ostream& out, const Period& period) {
  return out << period.ToString();
}

PeriodRange::PeriodRange(Period from, Period to) : from_(from) {
  assert(from.kind() == to.kind());
  if (to < from) return;  // empty
  if (from.kind() == PeriodKind::kDay) {
    size_ = DaysBetween(from.first_day(), to.first_day()) + 1;
    return;
  }
  const int64_t months = MonthIndex(to.first_day()) - MonthIndex(from.first_day());
  size_ = static_cast<int32_t>(months / MonthSpan(from.kind()) + 1);
}

}  // namespace minsheng
