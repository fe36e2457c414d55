// The look every page minsheng writes shares (the county report, the fund projection, the
// reform simulation): black on white, ruled tables with right-aligned exact amounts, the
// fonts the machine has, the charts' text and grid, A4 in print. A page adds its own few
// rules after it.
#pragma once

namespace minsheng::report {

inline const char* ReportStyle() {
  return R"(
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
       color: #111; background: #fff; max-width: 1000px; margin: 0 auto; padding: 24px;
       line-height: 1.5; }
h1 { font-size: 1.6em; text-align: center; border-bottom: 2px solid #111;
     padding-bottom: 0.3em; margin-bottom: 0.3em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #888; margin-top: 2em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
.meta { text-align: center; margin: 0.2em 0; }
table { border-collapse: collapse; margin: 0.4em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #888; padding: 0.25em 0.6em; vertical-align: top; text-align: left; }
thead th { background: #eee; }
tbody td:first-child, tfoot td:first-child { white-space: nowrap; }
tfoot td { font-weight: bold; background: #f6f6f6; }
th.number, td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.section { background: #f3f3f3; }
.no-data, .note { font-size: 0.92em; color: #333; }
.no-data { font-style: italic; }
.passed { font-weight: bold; }
.failed { font-weight: bold; color: #b00000; }
code.hash { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; }
figure { margin: 0.4em 0 1em; }
svg.chart { max-width: 100%; height: auto; }
svg.chart text { font-size: 11px; fill: #222; }
svg.chart text.axis-title { font-size: 12px; }
svg.chart text.negative { fill: #b00000; }
svg.chart .grid { stroke: #ddd; }
svg.chart .axis { stroke: #333; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; }
  figure, .disclosure, .audit { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
)";
}

}  // namespace minsheng::report
