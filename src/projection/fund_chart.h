// The page's chart of a fund's path (render_html.cc): for each year shown, the money in
// (allocation, donations, investment income) and the disbursements as a pair of bars, the
// opening balance as a line across the years, the floor as a dashed line from its first
// year, and, when the command line changed the caseload, the scenario's own opening
// balances as a grey dashed line to read the change against.
//
// It uses the county report's scale and SVG helpers (report/chart.h): integer geometry,
// a value scale of 1/2/5 × 10^k fen, exact Money text in every label and tooltip. A
// balance below zero is drawn at zero and marked, and keeps its exact amount in its
// tooltip. Pure function; thread-safe. Internal to the projection capability.
#pragma once

#include <cstddef>
#include <string>

#include "projection/projection.h"

namespace minsheng::projection {

// Beyond this many years a year would be a few pixels wide: the page leaves the figures
// to its table and says so.
inline constexpr size_t kMaxChartYears = 60;

// The chart's <svg> element; "" when there is no year to draw or more than kMaxChartYears.
std::string FundChartSvg(const Projection& projection);

}  // namespace minsheng::projection
