// The projection's command-line values, read here so that every caller (the command, a
// future server) reads them alike: the years shown (`2013..2022`) and a caseload change
// (`2016:400`, `2016:400:30000`). Errors say what is wrong without naming the option; the
// caller prefixes it. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "core/status.h"
#include "projection/projection.h"

namespace minsheng::projection {

// "2013..2022", or one year "2016" (2016..2016). Years are 1 to 9999.
Result<YearRange> ParseYearRange(std::string_view text);

// "YEAR:CASES" or "YEAR:CASES:PER_CASE": the calendar year a fund year starts in, the
// persons paid a year from then on (digits), and what each is paid a year (money as
// Money::Parse reads it: 25000, 25,000.00, 2.5万).
Result<CaseloadOverride> ParseCaseloadOverride(std::string_view text);

}  // namespace minsheng::projection
