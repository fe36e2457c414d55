// The charts' value scale, palette and SVG text helpers (chart.h).
#include <cassert>
#include <limits>

#include "core/rounding.h"
#include "report/chart.h"
#include "report/html_text.h"

namespace minsheng::report {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
// The scale when there is no positive amount to show: ¥0.00 to ¥1.00.
constexpr ChartScale kEmptyScale = {.top = 100, .step = 100};

// Okabe and Ito's colours without their yellow (too faint on paper), then three of Paul
// Tol's that stay apart from them: one for each of kMaxChartPrograms.
constexpr const char* kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9",
                                    "#d55e00", "#000000", "#882255", "#44aa99", "#999933"};

}  // namespace

ChartScale ScaleFor(int64_t largest, int max_steps) {
  assert(max_steps >= 2);
  if (largest <= 0) return kEmptyScale;
  // 10^18 is the last power of ten whose 1, 2 and 5 multiples fit in int64; 5 × 10^18
  // reaches INT64_MAX in 2 steps, so the loop always returns.
  int64_t base = 1;
  while (true) {
    for (int64_t multiple : {1, 2, 5}) {
      const int64_t step = multiple * base;
      const int64_t steps = largest / step + (largest % step != 0 ? 1 : 0);
      if (steps > max_steps) continue;
      const Int128 top = static_cast<Int128>(steps) * step;
      return {.top = top > kInt64Max ? kInt64Max : static_cast<int64_t>(top), .step = step};
    }
    if (base > kInt64Max / 10) break;
    base *= 10;
  }
  return {.top = kInt64Max, .step = kInt64Max};
}

int64_t ScaledLength(int64_t value, const ChartScale& scale, int64_t length_px) {
  assert(scale.top > 0);
  if (value <= 0) return 0;
  if (value >= scale.top) return length_px;
  return static_cast<int64_t>(static_cast<Int128>(value) * length_px / scale.top);
}

const char* ProgramColour(size_t program_index) {
  constexpr size_t kColours = sizeof kPalette / sizeof kPalette[0];
  static_assert(kColours >= kMaxChartPrograms, "every program charted has its own colour");
  return kPalette[program_index % kColours];
}

std::string Attribute(std::string_view name, int64_t value) {
  return " " + std::string(name) + "=\"" + std::to_string(value) + "\"";
}

std::string SvgTitle(std::string_view html) {
  return "<title>" + std::string(html) + "</title>";
}

void AppendMoneyAxis(std::string& out, const ChartScale& scale, const PlotArea& plot) {
  for (Int128 tick = 0; tick <= scale.top; tick += scale.step) {
    const auto value = static_cast<int64_t>(tick);
    const int64_t y = plot.bottom() - ScaledLength(value, scale, plot.height);
    out += "<line class=\"grid\"" + Attribute("x1", plot.left) + Attribute("x2", plot.left + plot.width) +
           Attribute("y1", y) + Attribute("y2", y) + "/>";
    out += "<text class=\"tick\" text-anchor=\"end\"" + Attribute("x", plot.left - 6) + Attribute("y", y + 4) + ">" +
           YuanText(value) + "</text>\n";
  }
  out += "<line class=\"axis\"" + Attribute("x1", plot.left) + Attribute("x2", plot.left + plot.width) +
         Attribute("y1", plot.bottom()) + Attribute("y2", plot.bottom()) + "/>\n";
  out += "<text class=\"axis-title\" text-anchor=\"middle\" transform=\"rotate(-90)\"" +
         Attribute("x", -(plot.top + plot.height / 2)) + Attribute("y", 14) + ">金额（元）/ amount (yuan)</text>\n";
}

}  // namespace minsheng::report
