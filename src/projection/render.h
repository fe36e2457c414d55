// A projection written out: CSV and JSON for scripts and spreadsheets, and one
// self-contained bilingual HTML page for people (inline CSS and SVG, no script, no
// external resource, printable on A4). Every amount is exact Money text: plain
// ("20500000.00") in CSV and JSON, where strings keep every fen that a JSON number might
// not, and "¥20,500,000.00" on the page. The CSV's rows and the JSON's "rows" are the
// same table, column for column (docs/simulate.md, "Output files"). Pure functions;
// thread-safe.
#pragma once

#include <string>

#include "projection/projection.h"

namespace minsheng::projection {

// The year table: a header row, then one row per year shown; RFC 4180, UTF-8 without a
// byte order mark, rows ending in "\n". Columns: fund_year, year, start_date,
// opening_balance, allocation, donations, investment_income, cases, per_case,
// disbursements, closing_balance, floor, margin, meets_floor (floor, margin and
// meets_floor empty in years before the floor holds).
std::string RenderCsv(const Projection& projection);

// Everything: the fund as the scenario gives it, the years, the caseload as projected,
// the summary (with its sentences) and, when the command line changed the caseload, the
// scenario's own verdict and opening balances; then "rows" (the CSV's, with counts as
// numbers and an absent floor as null) and "totals". Indented by two spaces.
std::string RenderJson(const Projection& projection);

// The page: the verdict, the plan's terms, a chart of the opening balance with the floor
// (and the scenario's own path when the caseload was changed) over the money in and out
// each year, the year table with totals, the caseload, the source text and assumptions,
// and how each column is computed.
std::string RenderHtml(const Projection& projection);

}  // namespace minsheng::projection
