// Charts: the report's inline SVG bar charts, drawn from the tally (tally.h) — the monthly
// amounts of each program as grouped bars, and the year's amount of each township as
// horizontal bars — and the value scale both use.
//
// Geometry is in whole pixels computed with integers (Int128 where an amount is scaled),
// and every amount a chart prints (scale ticks, labels, each bar's tooltip) is exact Money
// text. A bar for a negative amount is drawn at zero, marked, and keeps its exact label.
// Each SVG has a <title> and role="img" for screen readers. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "report/tally.h"

namespace minsheng::report {

// Beyond these a chart would not be read (bars a pixel wide, colours repeating): the page
// says so and leaves the figures to its tables. Ten programs is the palette's size.
inline constexpr size_t kMaxChartPrograms = 10;
inline constexpr size_t kMaxChartMonths = 36;
inline constexpr size_t kMaxChartTownships = 100;

// A value axis from zero to top in steps of 1, 2 or 5 × 10^k fen.
struct ChartScale {
  int64_t top = 0;   // > 0
  int64_t step = 0;  // > 0, top is a multiple of step (or INT64_MAX at the very end)
};

// The scale with the smallest step that reaches largest in at most max_steps steps
// (max_steps ≥ 2). When largest ≤ 0 (no positive amount), a scale of ¥1.00.
ChartScale ScaleFor(int64_t largest, int max_steps);

// value as a length along an axis of length_px pixels for the scale: 0 for value ≤ 0,
// length_px for value ≥ top.
int64_t ScaledLength(int64_t value, const ChartScale& scale, int64_t length_px);

// The rectangle a vertical chart plots in: bars rise from its bottom edge (the zero line).
struct PlotArea {
  int64_t left = 0, width = 0;
  int64_t top = 0, height = 0;
  int64_t bottom() const { return top + height; }
};

// A money scale up the plot's left side: a grid line and an exact tick label (Money text)
// at each step from zero to the scale's top, the zero line across, and the axis title
// "金额（元）/ amount (yuan)" turned up the left edge.
void AppendMoneyAxis(std::string& out, const ChartScale& scale, const PlotArea& plot);

// A program's colour in the monthly chart and its legend, from a palette of ten
// (kMaxChartPrograms) that reads for colour-blind readers and in print (Okabe and Ito, Tol).
const char* ProgramColour(size_t program_index);

// The SVG elements' attribute and element text: "x=\"12\"", "<title>…</title>".
std::string Attribute(std::string_view name, int64_t value);
std::string SvgTitle(std::string_view html);

// The monthly chart: a group of bars per month (one per program), a value scale, a legend.
// Months are labelled "3月" when all are of the report's year, else by their text. Nothing
// for an empty tally, or one beyond kMaxChartPrograms or kMaxChartMonths.
std::string MonthlyChartSvg(const Tally& tally, int year);

// The townships' chart: one horizontal bar per township with its exact amount beside it.
// Nothing for an empty tally, or one beyond kMaxChartTownships.
std::string TownshipChartSvg(const Tally& tally);

}  // namespace minsheng::report
