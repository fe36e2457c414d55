// The simulation's HTML page (report_page.h) and its three charts.
#include "simulate/report_page.h"

#include <algorithm>

#include "core/mask.h"
#include "core/rounding.h"
#include "report/chart.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/page_style.h"

namespace minsheng::simulate {
namespace {

using report::Attribute;
using report::Cell;
using report::CountText;
using report::EscapeHtml;
using report::HtmlTable;
using report::NumberCell;
using report::TextCell;
using report::YuanText;

constexpr const char* kExtraStyle = R"(
.baseline { fill: #999; } .reform { fill: #0072b2; } .loss { fill: #d55e00; } .gain { fill: #0072b2; }
.legend rect { stroke: none; }
blockquote { border-left: 3px solid #888; margin: 0.5em 0; padding: 0.2em 0.8em; background: #fafafa; }
.gain-text { color: #005a8c; } .loss-text { color: #b00000; }
)";

// Horizontal bars, one row per label: each row one bar per series, over a value scale.
struct BarRow {
  std::string label_html;
  std::vector<int64_t> values;  // one per series
};
struct BarSeries {
  std::string css_class;  // baseline, reform, loss, gain
  std::string name_html;
};

constexpr int64_t kLeft = 200, kBarArea = 420, kWidth = 820, kTop = 34, kBarHeight = 12;

std::string BarsSvg(const std::string& id, const std::string& title_html, const std::vector<BarSeries>& series,
                    const std::vector<BarRow>& rows, bool money, const std::vector<std::string>& row_classes = {}) {
  int64_t largest = 0;
  for (const BarRow& row : rows) {
    for (int64_t value : row.values) largest = std::max(largest, value);
  }
  const report::ChartScale scale = report::ScaleFor(largest, 4);
  const int64_t row_height = kBarHeight * static_cast<int64_t>(series.size()) + 10;
  const int64_t rows_bottom = kTop + row_height * static_cast<int64_t>(rows.size());
  const int64_t height = rows_bottom + 30;
  auto value_text = [money](int64_t value) { return money ? YuanText(value) : CountText(value); };
  std::string out = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"" + id + "-title\"" + Attribute("width", kWidth) +
                    Attribute("height", height) + " viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                    std::to_string(height) + "\">\n<title id=\"" + id + "-title\">" + title_html + "</title>\n";
  // Legend.
  int64_t x = kLeft;
  for (const BarSeries& s : series) {
    out += "<g class=\"legend\"><rect class=\"" + s.css_class + "\"" + Attribute("x", x) + Attribute("y", 8) +
           Attribute("width", 12) + Attribute("height", 12) + "/><text" + Attribute("x", x + 16) + Attribute("y", 18) +
           ">" + s.name_html + "</text></g>\n";
    x += 180;
  }
  for (Int128 tick = 0; tick <= scale.top; tick += scale.step) {
    const auto value = static_cast<int64_t>(tick);
    const int64_t tick_x = kLeft + report::ScaledLength(value, scale, kBarArea);
    out += "<line class=\"grid\"" + Attribute("x1", tick_x) + Attribute("x2", tick_x) + Attribute("y1", kTop) +
           Attribute("y2", rows_bottom) + "/><text class=\"tick\" text-anchor=\"middle\"" + Attribute("x", tick_x) +
           Attribute("y", rows_bottom + 16) + ">" + value_text(value) + "</text>\n";
  }
  out += "<line class=\"axis\"" + Attribute("x1", kLeft) + Attribute("x2", kLeft) + Attribute("y1", kTop) +
         Attribute("y2", rows_bottom) + "/>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    const int64_t top = kTop + row_height * static_cast<int64_t>(r);
    out += "<text class=\"label\" text-anchor=\"end\"" + Attribute("x", kLeft - 8) +
           Attribute("y", top + row_height / 2 + 4) + ">" + rows[r].label_html + "</text>";
    for (size_t k = 0; k < series.size(); ++k) {
      const int64_t value = rows[r].values[k];
      const int64_t length = report::ScaledLength(value, scale, kBarArea);
      const int64_t bar_y = top + 5 + kBarHeight * static_cast<int64_t>(k);
      const std::string css = r < row_classes.size() ? row_classes[r] : series[k].css_class;
      out += "<rect class=\"" + css + "\"" + Attribute("x", kLeft) + Attribute("y", bar_y) + Attribute("width", length) +
             Attribute("height", kBarHeight - 2) + ">" +
             report::SvgTitle(rows[r].label_html + " · " + series[k].name_html + " · " + value_text(value)) + "</rect>";
      out += "<text class=\"value" + std::string(value < 0 ? " negative" : "") + "\"" +
             Attribute("x", kLeft + length + 6) + Attribute("y", bar_y + kBarHeight - 3) + ">" + value_text(value) +
             "</text>\n";
    }
  }
  return out + "</svg>\n";
}

std::string Signed(int64_t fen) { return (fen > 0 ? "+" : "") + YuanText(fen); }

std::vector<Cell> PairCells(const Pair& pair) {
  return {NumberCell(YuanText(pair.baseline)), NumberCell(YuanText(pair.reform)), NumberCell(Signed(pair.change()))};
}

void AppendPrograms(std::string& out, const Simulation& s) {
  out += "<h2>各项目成本 / Cost by program</h2>\n";
  std::vector<BarRow> rows;
  for (const ProgramResult& p : s.programs) {
    rows.push_back({EscapeHtml(p.title_zh), {p.cost_fen.baseline, p.cost_fen.reform}});
  }
  out += "<figure>" +
         BarsSvg("programs", "各项目成本 / Cost by program",
                 {{"baseline", "基线 / baseline"}, {"reform", "改革 / reform"}}, rows, true) +
         "</figure>\n";
  HtmlTable table;
  table.header = {TextCell("项目 / program"), NumberCell("基线 / baseline"), NumberCell("改革 / reform"),
                  NumberCell("变化 / change"), NumberCell("受益·基线 / paid, baseline"),
                  NumberCell("受益·改革 / paid, reform")};
  for (const ProgramResult& p : s.programs) {
    std::vector<Cell> row = {TextCell(EscapeHtml(p.title_zh) + " / " + EscapeHtml(p.title_en))};
    for (Cell& cell : PairCells(p.cost_fen)) row.push_back(std::move(cell));
    row.push_back(NumberCell(CountText(p.beneficiaries.baseline)));
    row.push_back(NumberCell(CountText(p.beneficiaries.reform)));
    table.rows.push_back(std::move(row));
  }
  std::vector<Cell> total = {TextCell("合计 / total")};
  for (Cell& cell : PairCells(s.total_cost_fen)) total.push_back(std::move(cell));
  total.push_back(NumberCell(""));
  total.push_back(NumberCell(""));
  table.totals.push_back(std::move(total));
  report::AppendTable(out, table);
}

void AppendDistribution(std::string& out, const Simulation& s) {
  out += "<h2>家庭得失分布 / Households' gains and losses</h2>\n";
  out += "<p>" + CountText(s.winners) + " 户增加 / gain, " + CountText(s.losers) + " 户减少 / lose, " +
         CountText(s.unchanged) + " 户不变 / unchanged. 最大增加 / largest gain " + Signed(s.largest_gain_fen) +
         "; 最大减少 / largest loss " + Signed(s.largest_loss_fen) + ".</p>\n";
  std::vector<BarRow> rows;
  std::vector<std::string> classes;
  for (const ChangeBand& band : s.distribution) {
    rows.push_back({EscapeHtml(band.label_zh), {band.households}});
    classes.push_back(band.to_fen && *band.to_fen <= 0 ? "loss" : "gain");
  }
  out += "<figure>" +
         BarsSvg("distribution", "家庭得失分布 / Households by gain or loss", {{"gain", "户数 / households"}}, rows,
                 false, classes) +
         "</figure>\n";
  HtmlTable table;
  table.header = {TextCell("变化 / change"), NumberCell("户数 / households"), NumberCell("合计 / summed")};
  for (const ChangeBand& band : s.distribution) {
    table.rows.push_back({TextCell(EscapeHtml(band.label_zh) + " / " + EscapeHtml(band.label_en)),
                          NumberCell(CountText(band.households)), NumberCell(Signed(band.change_fen))});
  }
  report::AppendTable(out, table);
}

void AppendGroupTable(std::string& out, const std::vector<GroupResult>& groups, const std::string& first_header) {
  HtmlTable table;
  table.header = {TextCell(first_header),         NumberCell("户数 / households"), NumberCell("人数 / persons"),
                  NumberCell("基线 / baseline"),   NumberCell("改革 / reform"),     NumberCell("变化 / change"),
                  NumberCell("增加 / gain"),       NumberCell("减少 / lose")};
  for (const GroupResult& g : groups) {
    std::vector<Cell> row = {TextCell(EscapeHtml(g.label) + (g.key != g.label && g.label.rfind('D', 0) != 0
                                                                  ? " <span class=\"note\">" + EscapeHtml(g.key) + "</span>"
                                                                  : "")),
                             NumberCell(CountText(g.households)), NumberCell(CountText(g.persons))};
    for (Cell& cell : PairCells(g.cost_fen)) row.push_back(std::move(cell));
    row.push_back(NumberCell(CountText(g.winners)));
    row.push_back(NumberCell(CountText(g.losers)));
    table.rows.push_back(std::move(row));
  }
  report::AppendTable(out, table);
}

void AppendDeciles(std::string& out, const Simulation& s) {
  out += "<h2>按收入十分位 / By income decile</h2>\n<p class=\"note\">家庭人均月收入由低到高，每组十分之一的家庭 / "
         "households ranked by monthly income per member, a tenth in each; D1 the lowest.</p>\n";
  std::vector<BarRow> rows;
  for (const GroupResult& g : s.by_decile) rows.push_back({EscapeHtml(g.label), {g.cost_fen.baseline, g.cost_fen.reform}});
  out += "<figure>" +
         BarsSvg("deciles", "按收入十分位的成本 / Cost by income decile",
                 {{"baseline", "基线 / baseline"}, {"reform", "改革 / reform"}}, rows, true) +
         "</figure>\n";
  AppendGroupTable(out, s.by_decile, "十分位 / decile");
}

void AppendWhy(std::string& out, const Simulation& s) {
  out += "<h2>为何变化 / Why amounts changed</h2>\n";
  if (s.explained.empty()) {
    report::AppendNoData(out);
    return;
  }
  for (const HouseholdWhy& why : s.explained) {
    out += "<h3>家庭 / household " + EscapeHtml(why.household_id) + " (" + EscapeHtml(why.region) + "): " +
           YuanText(why.amount_fen.baseline) + " → " + YuanText(why.amount_fen.reform) + "</h3>\n";
    if (why.items.empty()) {
      out += "<p class=\"note\">没有变化 / nothing changed</p>\n";
      continue;
    }
    HtmlTable table;
    table.header = {TextCell("月份 / month"), TextCell("项目 / program"), TextCell("成员 / member"),
                    NumberCell("基线 / baseline"), NumberCell("改革 / reform"), TextCell("原因 / why")};
    for (const HouseholdWhy::Item& item : why.items) {
      std::string reasons, quoted;
      for (const TreeDifference& d : item.differences) {
        reasons += "<div>" + EscapeHtml(TreeDifferenceKindName(d.kind)) + " · " + EscapeHtml(d.path) + ": ";
        if (d.kind == TreeDifference::Kind::kFormula) {
          reasons += "<code>" + EscapeHtml(d.baseline_text) + "</code> ⇒ <code>" + EscapeHtml(d.reform_text) + "</code>";
        } else if (d.kind == TreeDifference::Kind::kBranch) {
          reasons += EscapeHtml(d.baseline_note_zh) + " ⇒ " + EscapeHtml(d.reform_note_zh);
        } else {
          reasons += "<code>" + EscapeHtml(d.baseline_text) + "</code> " + EscapeHtml(d.baseline_value) + " ⇒ " +
                     EscapeHtml(d.reform_value);
        }
        if (!d.source_quote.empty() && d.kind == TreeDifference::Kind::kParameter && d.source_quote != quoted) {
          reasons += "<blockquote>" + report::PublicText(d.source_quote) + "</blockquote>";
          quoted = d.source_quote;
        }
        reasons += "</div>";
      }
      table.rows.push_back({TextCell(EscapeHtml(item.month.ToString())), TextCell(EscapeHtml(item.program)),
                            TextCell(EscapeHtml(MaskIdNumber(item.member_id))),
                            NumberCell(YuanText(item.amount_fen.baseline)), NumberCell(YuanText(item.amount_fen.reform)),
                            TextCell(reasons)});
    }
    report::AppendTable(out, table);
  }
}

}  // namespace

std::string RenderSimulationHtml(const Simulation& s, const std::string& source) {
  const std::string title = EscapeHtml(s.reform_title_zh) + " / " + EscapeHtml(s.reform_title_en);
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>改革模拟 / "
                    "Reform simulation: " +
                    title + "</title>\n<style>" + std::string(report::ReportStyle()) + kExtraStyle +
                    "</style>\n</head>\n<body>\n";
  out += "<h1>改革模拟 / Reform simulation<br>" + title + "</h1>\n";
  out += "<p class=\"meta\">" + EscapeHtml(s.reform_id) + " · 自 / from " + EscapeHtml(s.reform_from.ToString()) +
         " · 期间 / period " + EscapeHtml(s.period.ToString()) + "</p>\n";
  out += "<p class=\"meta\">" + CountText(s.persons) + " 人 / persons, " + CountText(s.households) +
         " 户 / households · " + EscapeHtml(source) + " · pack " + EscapeHtml(s.baseline_version) + " → " +
         EscapeHtml(s.reform_version) + "</p>\n<main>\n";
  if (!s.reform_quote.empty()) out += "<blockquote>" + report::PublicText(s.reform_quote) + "</blockquote>\n";
  out += "<p><strong>合计 / total: " + YuanText(s.total_cost_fen.baseline) + " → " + YuanText(s.total_cost_fen.reform) +
         " (" + Signed(s.total_cost_fen.change()) + ")</strong></p>\n";
  std::string changed;
  for (const policy::ReformChange& c : s.changes) {
    changed += (changed.empty() ? "" : ", ") + EscapeHtml(c.kind) + " <code>" + EscapeHtml(c.name) + "</code>" +
               (c.added ? " (新增 / new)" : "");
  }
  out += "<p class=\"note\">改动 / changes: " + changed + "</p>\n";
  AppendPrograms(out, s);
  AppendDistribution(out, s);
  AppendDeciles(out, s);
  if (s.by_county.size() > 1) {
    out += "<h2>按县区 / By county or district</h2>\n";
    AppendGroupTable(out, s.by_county, "县区 / county or district");
  }
  out += "<h2>按地区 / By region</h2>\n";
  AppendGroupTable(out, s.by_region, "地区 / region");
  AppendWhy(out, s);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace minsheng::simulate
