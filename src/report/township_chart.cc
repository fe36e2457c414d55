// The townships' chart (chart.h): one horizontal bar per township for the year's amount,
// its exact Money text beside the bar, over a value scale of exact Money ticks.
#include <algorithm>
#include <string>

#include "core/rounding.h"
#include "report/chart.h"
#include "report/html_text.h"

namespace minsheng::report {
namespace {

// Layout, in pixels: township names on the left, bars in the middle, amounts after them.
constexpr int64_t kTop = 12;
constexpr int64_t kLeft = 190;
constexpr int64_t kBarArea = 360;
constexpr int64_t kWidth = 760;
constexpr int64_t kRowHeight = 22;
constexpr int64_t kBarHeight = 14;
constexpr int64_t kTickLabelBelow = 16;  // from the last row to the scale's labels
constexpr int64_t kAxisTitleBelow = 36;
constexpr int64_t kBottom = 46;
// Scale labels such as "¥60,000,000.00" are wide; three steps keep them apart.
constexpr int kValueSteps = 3;

int64_t Largest(const Tally& tally) {
  int64_t largest = 0;
  for (const Sum& amount : tally.township_totals) largest = std::max(largest, amount.value);
  return largest;
}

void AppendValueAxis(std::string& out, const ChartScale& scale, int64_t rows_bottom) {
  for (Int128 tick = 0; tick <= scale.top; tick += scale.step) {
    const auto value = static_cast<int64_t>(tick);
    const int64_t x = kLeft + ScaledLength(value, scale, kBarArea);
    out += "<line class=\"grid\"" + Attribute("x1", x) + Attribute("x2", x) +
           Attribute("y1", kTop) + Attribute("y2", rows_bottom) + "/>";
    out += "<text class=\"tick\" text-anchor=\"middle\"" + Attribute("x", x) +
           Attribute("y", rows_bottom + kTickLabelBelow) + ">" + YuanText(value) + "</text>\n";
  }
  out += "<line class=\"axis\"" + Attribute("x1", kLeft) + Attribute("x2", kLeft) +
         Attribute("y1", kTop) + Attribute("y2", rows_bottom) + "/>\n";
  out += "<text class=\"axis-title\" text-anchor=\"middle\"" +
         Attribute("x", kLeft + kBarArea / 2) + Attribute("y", rows_bottom + kAxisTitleBelow) +
         ">全年金额（元）/ year's amount (yuan)</text>\n";
}

void AppendRow(std::string& out, const Tally& tally, const ChartScale& scale, size_t t) {
  const int64_t row_top = kTop + static_cast<int64_t>(t) * kRowHeight;
  const int64_t text_y = row_top + kRowHeight / 2 + 4;
  const std::string name = TownshipHtml(tally.townships[t]);
  const Sum& amount = tally.township_totals[t];
  const int64_t length = ScaledLength(amount.value, scale, kBarArea);
  out += "<text class=\"label\" text-anchor=\"end\"" + Attribute("x", kLeft - 8) +
         Attribute("y", text_y) + ">" + name + "</text>";
  out += "<rect fill=\"" + std::string(ProgramColour(0)) + "\"" + Attribute("x", kLeft) +
         Attribute("y", row_top + (kRowHeight - kBarHeight) / 2) + Attribute("width", length) +
         Attribute("height", kBarHeight) + ">" + SvgTitle(name + " · " + SumYuanText(amount)) +
         "</rect>";
  out += "<text class=\"value" + std::string(amount.value < 0 ? " negative" : "") + "\"" +
         Attribute("x", kLeft + length + 6) + Attribute("y", text_y) + ">" + SumYuanText(amount) +
         "</text>\n";
}

}  // namespace

std::string TownshipChartSvg(const Tally& tally) {
  if (tally.empty() || tally.townships.size() > kMaxChartTownships) return "";
  const ChartScale scale = ScaleFor(Largest(tally), kValueSteps);
  const int64_t rows_bottom = kTop + static_cast<int64_t>(tally.townships.size()) * kRowHeight;
  const int64_t height = rows_bottom + kBottom;
  std::string out = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"township-chart-title\"" +
                    Attribute("width", kWidth) + Attribute("height", height) + " viewBox=\"0 0 " +
                    std::to_string(kWidth) + " " + std::to_string(height) + "\">\n";
  out +=
      "<title id=\"township-chart-title\">各乡镇全年发放金额 / Year's payments by "
      "township</title>\n";
  AppendValueAxis(out, scale, rows_bottom);
  for (size_t t = 0; t < tally.townships.size(); ++t) AppendRow(out, tally, scale, t);
  out += "</svg>\n";
  return out;
}

}  // namespace minsheng::report
