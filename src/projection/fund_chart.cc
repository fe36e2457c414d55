// The chart of a fund's path (fund_chart.h).
#include "projection/fund_chart.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/rounding.h"
#include "report/chart.h"
#include "report/html_text.h"

namespace minsheng::projection {
namespace {

using report::Attribute;
using report::ChartScale;
using report::ScaledLength;
using report::SvgTitle;
using report::YuanText;

// Layout, in pixels. The plot widens when there are many years, so that a pair of bars
// never gets thinner than the minimum; the page scales the SVG down to fit.
constexpr int64_t kTop = 16;
constexpr int64_t kPlotHeight = 260;
constexpr int64_t kPlotWidth = 640;
constexpr int64_t kRight = 16;
constexpr int64_t kMinimumGroupWidth = 16;
constexpr int64_t kMaximumBarWidth = 24;
constexpr int64_t kYearLabelBelow = 20;
constexpr int64_t kAxisTitleBelow = 40;
constexpr int64_t kLegendBelow = 64;
constexpr int64_t kLegendRow = 20;
constexpr int64_t kYearLabelWidth = 40;
constexpr int64_t kTickCharacterWidth = 7;
constexpr int kValueSteps = 5;

// The report's palette (Okabe and Ito): blue for the balance, green for money in, orange
// for money out; the floor in the report's red, the scenario's own path in grey.
constexpr const char* kOpeningColour = "#0072b2";
constexpr const char* kInColour = "#009e73";
constexpr const char* kOutColour = "#e69f00";
constexpr const char* kFloorColour = "#b00000";
constexpr const char* kPlanColour = "#999999";

struct Layout {
  int64_t left = 0;
  int64_t group_width = 0;
  int64_t bar_width = 0;
  int64_t plot_width = 0;
  int64_t width = 0;
  int64_t height = 0;
  int64_t baseline = 0;
};

// Money in over a year, exact in 128 bits and held at int64's end for the scale (the
// tooltip says "beyond" rather than print a wrapped amount).
Int128 MoneyIn(const ProjectionRow& row) {
  return static_cast<Int128>(row.allocation.fen()) + row.donations.fen() +
         row.investment_income.fen();
}

int64_t Clamped(Int128 value) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  return value > kMax ? kMax : static_cast<int64_t>(value);
}

size_t CharacterCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

int64_t Largest(const Projection& projection) {
  int64_t largest = 0;
  for (const ProjectionRow& row : projection.rows) {
    largest = std::max({largest, row.opening.fen(), Clamped(MoneyIn(row)), row.disbursements.fen(),
                        row.floor.value_or(Money()).fen()});
  }
  if (projection.plan.has_value()) {
    for (Money opening : projection.plan->openings) largest = std::max(largest, opening.fen());
  }
  return largest;
}

Layout LayoutFor(const Projection& projection, const ChartScale& scale, int64_t legend_rows) {
  const auto years = static_cast<int64_t>(projection.rows.size());
  Layout layout;
  layout.left =
      40 + kTickCharacterWidth * static_cast<int64_t>(CharacterCount(YuanText(scale.top)));
  layout.group_width = std::max(kPlotWidth / years, kMinimumGroupWidth);
  layout.bar_width = std::clamp<int64_t>(layout.group_width * 3 / 10, 2, kMaximumBarWidth);
  layout.plot_width = layout.group_width * years;
  layout.width = layout.left + layout.plot_width + kRight;
  layout.baseline = kTop + kPlotHeight;
  layout.height = layout.baseline + kLegendBelow + legend_rows * kLegendRow;
  return layout;
}

int64_t GroupCentre(const Layout& layout, size_t index) {
  return layout.left + static_cast<int64_t>(index) * layout.group_width + layout.group_width / 2;
}

int64_t HeightOf(int64_t value, const ChartScale& scale) {
  return ScaledLength(value, scale, kPlotHeight);
}

void AppendValueAxis(std::string& out, const Layout& layout, const ChartScale& scale,
                     const Projection& projection) {
  report::AppendMoneyAxis(out, scale,
                          {.left = layout.left, .width = layout.plot_width, .top = kTop, .height = kPlotHeight});
  const std::string starts = YearStartsText(projection.scenario);
  out += "<text class=\"axis-title\" text-anchor=\"middle\"" +
         Attribute("x", layout.left + layout.plot_width / 2) +
         Attribute("y", layout.baseline + kAxisTitleBelow) + ">基金年度（自" + starts +
         "起）/ fund year (from " + starts + ")</text>\n";
}

void AppendBar(std::string& out, const Layout& layout, const ChartScale& scale, int64_t x,
               int64_t value, const char* colour, const std::string& tooltip) {
  const int64_t height = HeightOf(value, scale);
  out += "<rect fill=\"" + std::string(colour) + "\"" + Attribute("x", x) +
         Attribute("y", layout.baseline - height) + Attribute("width", layout.bar_width) +
         Attribute("height", height) + ">" + SvgTitle(tooltip) + "</rect>\n";
}

void AppendBarsAndYears(std::string& out, const Projection& projection, const Layout& layout,
                        const ChartScale& scale) {
  const int64_t label_every =
      std::max<int64_t>(1, (kYearLabelWidth + layout.group_width - 1) / layout.group_width);
  for (size_t i = 0; i < projection.rows.size(); ++i) {
    const ProjectionRow& row = projection.rows[i];
    const int64_t centre = GroupCentre(layout, i);
    const std::string year = std::to_string(row.year);
    const Int128 in = MoneyIn(row);
    const std::string in_text =
        FitsInt64(in) ? YuanText(static_cast<int64_t>(in)) : "溢出 / overflow";
    AppendBar(out, layout, scale, centre - layout.bar_width, Clamped(in), kInColour,
              year + " 收入 / money in " + in_text);
    AppendBar(out, layout, scale, centre, row.disbursements.fen(), kOutColour,
              year + " 救助支出 / disbursements " + YuanText(row.disbursements.fen()));
    if (static_cast<int64_t>(i) % label_every != 0) continue;
    out += "<text class=\"tick\" text-anchor=\"middle\"" + Attribute("x", centre) +
           Attribute("y", layout.baseline + kYearLabelBelow) + ">" + year + "</text>\n";
  }
}

// A path of balances: a polyline through the years and a dot with its exact amount at
// each; a balance below zero is drawn at zero with a hollow red dot.
void AppendPath(std::string& out, const Projection& projection, const std::vector<Money>& openings,
                const Layout& layout, const ChartScale& scale, const char* colour, bool dashed,
                const std::string& label) {
  std::string points;
  std::string dots;
  for (size_t i = 0; i < openings.size(); ++i) {
    const int64_t x = GroupCentre(layout, i);
    const int64_t y = layout.baseline - HeightOf(openings[i].fen(), scale);
    points += (i == 0 ? "" : " ") + std::to_string(x) + "," + std::to_string(y);
    const bool negative = openings[i].is_negative();
    dots += "<circle" + std::string(negative ? " class=\"negative\"" : "") + " fill=\"" +
            (negative ? "#ffffff" : colour) + "\" stroke=\"" + (negative ? kFloorColour : colour) +
            "\"" + Attribute("cx", x) + Attribute("cy", y) + Attribute("r", 3) + ">" +
            SvgTitle(std::to_string(projection.rows[i].year) + " " + label + " " +
                     YuanText(openings[i].fen())) +
            "</circle>\n";
  }
  out += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"2\"" +
         (dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + points + "\"/>\n" + dots;
}

// The floor from the first year it holds in to the end of the plot; the legend gives its
// amount, where no line or bar can cover it.
void AppendFloor(std::string& out, const Projection& projection, const Layout& layout,
                 const ChartScale& scale) {
  const auto first = std::find_if(projection.rows.begin(), projection.rows.end(),
                                  [](const ProjectionRow& row) { return row.floor.has_value(); });
  if (first == projection.rows.end()) return;
  const int64_t floor = first->floor->fen();
  const auto index = static_cast<int64_t>(first - projection.rows.begin());
  const int64_t x = layout.left + index * layout.group_width;
  const int64_t y = layout.baseline - HeightOf(floor, scale);
  out += "<line class=\"floor\" stroke=\"" + std::string(kFloorColour) +
         "\" stroke-width=\"2\" stroke-dasharray=\"8 4\"" + Attribute("x1", x) +
         Attribute("x2", layout.left + layout.plot_width) + Attribute("y1", y) +
         Attribute("y2", y) + ">" + SvgTitle("底线 / floor " + YuanText(floor)) + "</line>\n";
}

struct LegendItem {
  const char* colour;
  bool bar;     // a square; else a line
  bool dashed;  // for a line
  std::string text;
};

std::vector<LegendItem> Legend(const Projection& projection) {
  std::vector<LegendItem> items = {
      {kOpeningColour, false, false, "年初余额 / opening balance"},
      {kInColour, true, false,
       "收入（拨款、捐助、投资收益）/ money in (allocation, donations, income)"},
      {kOutColour, true, false, "救助支出 / disbursements"}};
  if (projection.plan.has_value()) {
    items.push_back(
        {kPlanColour, false, true,
         "方案原有救助规模下的年初余额 / opening balance with the scenario's own caseload"});
  }
  const auto floor = std::find_if(projection.rows.begin(), projection.rows.end(),
                                  [](const ProjectionRow& row) { return row.floor.has_value(); });
  if (floor != projection.rows.end()) {
    items.push_back({kFloorColour, false, true,
                     "底线 / floor " + YuanText(floor->floor->fen()) + " (" +
                         std::to_string(floor->year) + "–)"});
  }
  return items;
}

void AppendLegend(std::string& out, const std::vector<LegendItem>& items, const Layout& layout) {
  for (size_t i = 0; i < items.size(); ++i) {
    const LegendItem& item = items[i];
    const int64_t y = layout.baseline + kLegendBelow + static_cast<int64_t>(i) * kLegendRow;
    if (item.bar) {
      out += "<rect fill=\"" + std::string(item.colour) + "\"" + Attribute("x", layout.left) +
             Attribute("y", y - 11) + Attribute("width", 12) + Attribute("height", 12) + "/>";
    } else {
      out += "<line stroke=\"" + std::string(item.colour) + "\" stroke-width=\"2\"" +
             (item.dashed ? " stroke-dasharray=\"6 3\"" : "") + Attribute("x1", layout.left - 4) +
             Attribute("x2", layout.left + 14) + Attribute("y1", y - 5) + Attribute("y2", y - 5) +
             "/>";
    }
    out += "<text class=\"legend\"" + Attribute("x", layout.left + 20) + Attribute("y", y) + ">" +
           item.text + "</text>\n";
  }
}

}  // namespace

std::string FundChartSvg(const Projection& projection) {
  if (projection.rows.empty() || projection.rows.size() > kMaxChartYears) return "";
  const ChartScale scale = report::ScaleFor(Largest(projection), kValueSteps);
  const std::vector<LegendItem> legend = Legend(projection);
  const Layout layout = LayoutFor(projection, scale, static_cast<int64_t>(legend.size()));
  std::string out = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"fund-chart-title\"" +
                    Attribute("width", layout.width) + Attribute("height", layout.height) +
                    " viewBox=\"0 0 " + std::to_string(layout.width) + " " +
                    std::to_string(layout.height) + "\">\n";
  out +=
      "<title id=\"fund-chart-title\">基金年初余额、收入与救助支出 / The fund's opening "
      "balance, money in and disbursements</title>\n";
  AppendValueAxis(out, layout, scale, projection);
  AppendBarsAndYears(out, projection, layout, scale);
  if (projection.plan.has_value()) {
    AppendPath(out, projection, projection.plan->openings, layout, scale, kPlanColour, true,
               "方案原有救助规模下的年初余额 / opening with the scenario's own caseload");
  }
  std::vector<Money> openings;
  for (const ProjectionRow& row : projection.rows) openings.push_back(row.opening);
  AppendPath(out, projection, openings, layout, scale, kOpeningColour, false,
             "年初余额 / opening balance");
  AppendFloor(out, projection, layout, scale);
  AppendLegend(out, legend, layout);
  out += "</svg>\n";
  return out;
}

}  // namespace minsheng::projection
