// Reading the projection's command-line values (options.h).
#include "projection/options.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace minsheng::projection {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A year, 1 to 9999. Short ones are read too, so that Project can tell a fund year
// number given by mistake (4 for 2016) from a typo, and say which year to give.
Result<int> ParseYear(std::string_view text) {
  if (text.size() > 4 || !AllDigits(text) || text == "0") {
    return InvalidArgument("'" + std::string(text) + "' is not a year such as 2013");
  }
  int year = 0;
  std::from_chars(text.data(), text.data() + text.size(), year);
  return year;
}

}  // namespace

Result<YearRange> ParseYearRange(std::string_view text) {
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    Result<int> year = ParseYear(text);
    if (!year.ok()) return year.status().Prefixed("expected FROM..TO, e.g. 2013..2022");
    return YearRange{.from = *year, .to = *year};
  }
  Result<int> from = ParseYear(text.substr(0, dots));
  Result<int> to = ParseYear(text.substr(dots + 2));
  if (!from.ok() || !to.ok()) {
    return (from.ok() ? to : from).status().Prefixed("expected FROM..TO, e.g. 2013..2022");
  }
  if (*to < *from) {
    return InvalidArgument("'" + std::string(text) + "' ends before it starts");
  }
  return YearRange{.from = *from, .to = *to};
}

Result<CaseloadOverride> ParseCaseloadOverride(std::string_view text) {
  constexpr const char* kForm = "expected YEAR:CASES or YEAR:CASES:PER_CASE, e.g. 2016:400";
  const size_t first = text.find(':');
  if (first == std::string_view::npos) return InvalidArgument(kForm);
  const size_t second = text.find(':', first + 1);
  const std::string_view year_text = text.substr(0, first);
  const std::string_view cases_text = text.substr(
      first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1);
  Result<int> year = ParseYear(year_text);
  if (!year.ok()) return year.status().Prefixed(kForm);
  CaseloadOverride change{.year = *year};
  // Up to 18 digits: any count of persons, and never beyond int64.
  if (!AllDigits(cases_text) || cases_text.size() > 18) {
    return InvalidArgument("'" + std::string(cases_text) +
                           "' is not a count of cases (digits only): " + kForm);
  }
  std::from_chars(cases_text.data(), cases_text.data() + cases_text.size(), change.cases);
  if (second != std::string_view::npos) {
    Result<Money> per_case = Money::Parse(text.substr(second + 1));
    if (!per_case.ok()) return per_case.status().Prefixed("the amount per case");
    if (per_case->is_negative()) {
      return InvalidArgument("the amount per case cannot be negative: " + per_case->ToString());
    }
    change.per_case = *per_case;
  }
  return change;
}

}  // namespace minsheng::projection
