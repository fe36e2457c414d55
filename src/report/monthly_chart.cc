// The monthly chart (chart.h): for each month a group of bars, one per program, over a
// value scale of exact Money ticks, with month labels, axis titles and a legend.
#include <algorithm>
#include <string>
#include <vector>

#include "core/rounding.h"
#include "report/chart.h"
#include "report/html_text.h"

namespace minsheng::report {
namespace {

// Layout, in pixels. The plot widens when there are many months or programs, so that a
// bar is never thinner than kMinimumBarWidth; the page scales the SVG down to fit.
constexpr int64_t kTop = 16;
constexpr int64_t kPlotHeight = 240;
constexpr int64_t kPlotWidth = 600;
constexpr int64_t kRight = 16;
constexpr int64_t kMinimumBarWidth = 2;
constexpr int64_t kMaximumBarWidth = 28;
constexpr int64_t kMonthLabelBelow = 22;  // from the zero line to a month label's baseline
constexpr int64_t kAxisTitleBelow = 42;
constexpr int64_t kLegendBelow = 66;  // from the zero line to the legend's first row
constexpr int64_t kLegendRow = 20;
constexpr int64_t kMonthLabelWidth = 44;  // a label needs this much room, or some are skipped
constexpr int64_t kTickCharacterWidth = 7;
constexpr int kValueSteps = 5;

struct Layout {
  int64_t left = 0;  // the plot's left edge: room for the value labels
  int64_t group_width = 0;
  int64_t bar_width = 0;
  int64_t plot_width = 0;
  int64_t width = 0;
  int64_t height = 0;
  int64_t baseline = 0;  // the zero line's y
};

size_t CharacterCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Layout LayoutFor(const Tally& tally, const ChartScale& scale) {
  const auto months = static_cast<int64_t>(tally.months.size());
  const auto programs = static_cast<int64_t>(tally.programs.size());
  Layout layout;
  layout.left =
      40 + kTickCharacterWidth * static_cast<int64_t>(CharacterCount(YuanText(scale.top)));
  layout.group_width = std::max(kPlotWidth / months, programs * kMinimumBarWidth + 8);
  layout.bar_width =
      std::clamp(layout.group_width * 4 / 5 / programs, kMinimumBarWidth, kMaximumBarWidth);
  layout.plot_width = layout.group_width * months;
  layout.width = layout.left + layout.plot_width + kRight;
  layout.baseline = kTop + kPlotHeight;
  layout.height = layout.baseline + kLegendBelow + programs * kLegendRow;
  return layout;
}

int64_t Largest(const Tally& tally) {
  int64_t largest = 0;
  for (const std::vector<Sum>& month : tally.month_program) {
    for (const Sum& amount : month) largest = std::max(largest, amount.value);
  }
  return largest;
}

// "3月" when every month shown is of the report's year, else the month's own text.
std::string MonthLabel(const std::string& month, bool one_year) {
  if (!one_year) return PublicText(month);
  const std::string number = month.substr(month.size() - 2);
  return PublicText(number[0] == '0' ? number.substr(1) : number) + "月";
}

bool AllOfYear(const std::vector<std::string>& months, int year) {
  const std::string prefix = std::to_string(year) + "-";
  return std::all_of(months.begin(), months.end(), [&](const std::string& month) {
    return month.size() == prefix.size() + 2 && month.starts_with(prefix);
  });
}

void AppendValueAxis(std::string& out, const Layout& layout, const ChartScale& scale) {
  AppendMoneyAxis(out, scale, {.left = layout.left, .width = layout.plot_width, .top = kTop, .height = kPlotHeight});
  out += "<text class=\"axis-title\" text-anchor=\"middle\"" +
         Attribute("x", layout.left + layout.plot_width / 2) +
         Attribute("y", layout.baseline + kAxisTitleBelow) + ">月份 / month</text>\n";
}

// One bar, or for an amount below zero a marker under the zero line; both carry the exact
// amount as their tooltip.
void AppendBar(std::string& out, const Layout& layout, const ChartScale& scale, int64_t x,
               size_t program, const std::string& tooltip, const Sum& amount) {
  const std::string colour = ProgramColour(program);
  if (amount.value < 0) {
    const int64_t width = std::max<int64_t>(layout.bar_width, 6);
    const int64_t top = layout.baseline + 2;
    out += "<polygon class=\"negative\" fill=\"" + colour + "\" points=\"" + std::to_string(x) +
           "," + std::to_string(top) + " " + std::to_string(x + width) + "," + std::to_string(top) +
           " " + std::to_string(x + width / 2) + "," + std::to_string(top + 7) + "\">" +
           SvgTitle(tooltip) + "</polygon>\n";
    return;
  }
  const int64_t height = ScaledLength(amount.value, scale, kPlotHeight);
  out += "<rect fill=\"" + colour + "\"" + Attribute("x", x) +
         Attribute("y", layout.baseline - height) + Attribute("width", layout.bar_width) +
         Attribute("height", height) + ">" + SvgTitle(tooltip) + "</rect>\n";
}

void AppendBars(std::string& out, const Tally& tally, const Layout& layout, const ChartScale& scale,
                int year) {
  const auto programs = static_cast<int64_t>(tally.programs.size());
  const int64_t padding = (layout.group_width - layout.bar_width * programs) / 2;
  const bool one_year = AllOfYear(tally.months, year);
  const int64_t label_every =
      std::max<int64_t>(1, (kMonthLabelWidth + layout.group_width - 1) / layout.group_width);
  for (size_t m = 0; m < tally.months.size(); ++m) {
    const int64_t group_left = layout.left + static_cast<int64_t>(m) * layout.group_width;
    for (size_t p = 0; p < tally.programs.size(); ++p) {
      const Sum& amount = tally.month_program[m][p];
      const std::string tooltip = ProgramHtml(tally.programs[p]) + " · " +
                                  MonthHtml(tally.months[m]) + " · " + SumYuanText(amount);
      const int64_t x = group_left + padding + static_cast<int64_t>(p) * layout.bar_width;
      AppendBar(out, layout, scale, x, p, tooltip, amount);
    }
    if (static_cast<int64_t>(m) % label_every != 0) continue;
    out += "<text class=\"tick\" text-anchor=\"middle\"" +
           Attribute("x", group_left + layout.group_width / 2) +
           Attribute("y", layout.baseline + kMonthLabelBelow) + ">" +
           MonthLabel(tally.months[m], one_year) + "</text>\n";
  }
}

void AppendLegend(std::string& out, const Tally& tally, const Layout& layout) {
  for (size_t p = 0; p < tally.programs.size(); ++p) {
    const int64_t y = layout.baseline + kLegendBelow + static_cast<int64_t>(p) * kLegendRow;
    out += "<rect fill=\"" + std::string(ProgramColour(p)) + "\"" + Attribute("x", layout.left) +
           Attribute("y", y - 11) + Attribute("width", 12) + Attribute("height", 12) + "/>";
    out += "<text class=\"legend\"" + Attribute("x", layout.left + 18) + Attribute("y", y) + ">" +
           ProgramHtml(tally.programs[p]) + "</text>\n";
  }
}

}  // namespace

std::string MonthlyChartSvg(const Tally& tally, int year) {
  if (tally.empty() || tally.months.empty()) return "";
  if (tally.programs.size() > kMaxChartPrograms || tally.months.size() > kMaxChartMonths) return "";
  const ChartScale scale = ScaleFor(Largest(tally), kValueSteps);
  const Layout layout = LayoutFor(tally, scale);
  std::string out = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"monthly-chart-title\"" +
                    Attribute("width", layout.width) + Attribute("height", layout.height) +
                    " viewBox=\"0 0 " + std::to_string(layout.width) + " " +
                    std::to_string(layout.height) + "\">\n";
  out +=
      "<title id=\"monthly-chart-title\">各月各项目发放金额 / Monthly payments by "
      "program</title>\n";
  AppendValueAxis(out, layout, scale);
  AppendBars(out, tally, layout, scale, year);
  AppendLegend(out, tally, layout);
  out += "</svg>\n";
  return out;
}

}  // namespace minsheng::report
