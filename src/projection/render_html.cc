// The projection as one self-contained HTML page (render.h), laid out with the county
// report's tables and text helpers (report/html_table.h, report/html_text.h) so that the
// two read alike: bilingual headings, exact amounts right-aligned, no script.
#include <string>
#include <vector>

#include "projection/fund_chart.h"
#include "projection/render.h"
#include "projection/summary_text.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/page_style.h"

namespace minsheng::projection {
namespace {

using report::AppendTable;
using report::Cell;
using report::CountText;
using report::HtmlTable;
using report::NumberCell;
using report::PublicText;
using report::TextCell;

// The county report's look (report/page_style.h), and what this page adds: the verdict,
// red for a year below its floor, a wider table, A4 landscape in print.
constexpr const char* kProjectionStyle = R"(
.years table { font-size: 0.85em; }
.verdict { font-weight: bold; margin: 0.3em 0; }
.passed { color: #111; }
.failed, .below { color: #b00000; }
blockquote { border-left: 3px solid #888; margin: 0.5em 0; padding: 0.2em 0.8em; background: #fafafa; }
@page { size: A4 landscape; margin: 12mm; }
)";

std::string Yuan(Money amount) {
  return report::YuanText(amount.fen());
}

std::string YearsText(const Projection& projection) {
  return std::to_string(projection.years.from) + "–" + std::to_string(projection.years.to);
}

void AppendHeader(std::string& out, const Projection& projection) {
  const FundScenario& fund = projection.scenario;
  out += "<header>\n<h1>" + PublicText(fund.title_zh) + " 基金测算 " + YearsText(projection) +
         " / " + PublicText(fund.title_en) + ": fund projection " + YearsText(projection) +
         "</h1>\n";
  out += "<p class=\"meta\">测算方案 / scenario: " + PublicText(fund.file) + " (" +
         PublicText(fund.id) + ")";
  if (!fund.account.empty()) out += " · 台账账户 / ledger account: " + PublicText(fund.account);
  out += "</p>\n<p class=\"meta\">基金年度自每年 " + YearStartsText(fund) + " 起，第1年为 " +
         std::to_string(fund.first_year) + " 年 / fund years start on " + YearStartsText(fund) +
         "; fund year 1 is " + std::to_string(fund.first_year) + "</p>\n</header>\n";
}

std::string AllocationText(const AllocationRule& allocation) {
  std::string text = Yuan(allocation.first) + " in fund year 1";
  if (!allocation.step.is_zero()) {
    text += ", then " + Yuan(allocation.step) + " more each year from fund year " +
            std::to_string(allocation.step_from_year);
  }
  return text;
}

void AppendSummary(std::string& out, const Projection& projection) {
  out += "<section>\n<h2>结论 / Summary</h2>\n";
  for (const Sentence& sentence : SummarySentences(projection)) {
    out += "<p class=\"verdict " + std::string(sentence.holds ? "passed" : "failed") + "\">" +
           PublicText(sentence.zh) + "<br>" + PublicText(sentence.en) + "</p>\n";
  }
  const FundScenario& fund = projection.scenario;
  HtmlTable terms;
  terms.header = {TextCell("方案 / plan"), TextCell("")};
  terms.rows.push_back(
      {TextCell("初始规模 / opening balance"), NumberCell(Yuan(fund.opening_balance))});
  terms.rows.push_back({TextCell("财政拨款 / budget allocation"),
                        TextCell(PublicText(AllocationText(fund.allocation)))});
  terms.rows.push_back({TextCell("社会捐助 / donations a year"), NumberCell(Yuan(fund.donations))});
  terms.rows.push_back(
      {TextCell("投资收益率 / investment income a year"),
       TextCell(PublicText(fund.investment_rate.ToString()) + " of the opening balance")});
  if (fund.floor.has_value()) {
    terms.rows.push_back(
        {TextCell("底线 / floor"),
         TextCell("≥ " + Yuan(fund.floor->amount) + " at the start of every fund year from year " +
                  std::to_string(fund.floor->from_year) + " (" +
                  std::to_string(YearLabel(fund, fund.floor->from_year)) + ")")});
  }
  AppendTable(out, terms);
  out += "</section>\n";
}

void AppendChart(std::string& out, const Projection& projection) {
  out += "<section>\n<h2>基金走势 / The fund's path</h2>\n";
  const std::string svg = FundChartSvg(projection);
  if (svg.empty()) {
    out +=
        "<p class=\"note\">年度过多，图略，见下表 / too many years to chart: see the table "
        "below</p>\n";
  } else {
    out += "<figure>\n" + svg +
           "<figcaption class=\"note\">年初余额（线）与底线（虚线），各年收入与救助支出（柱）/ "
           "opening balance (line) and floor (dashed), each year's money in and disbursements "
           "(bars)</figcaption>\n</figure>\n";
  }
  out += "</section>\n";
}

Cell Amount(Money amount, bool below = false) {
  Cell cell = NumberCell(Yuan(amount));
  if (below) cell.html = "<span class=\"below\">" + cell.html + "</span>";
  return cell;
}

Cell OptionalAmount(const std::optional<Money>& amount, bool below = false) {
  return amount.has_value() ? Amount(*amount, below) : NumberCell("—");
}

// The CSV's table less its start date and floor, which the page's header and terms give
// once: ten columns fit an A4 page in landscape.
void AppendYearTable(std::string& out, const Projection& projection) {
  out += "<section>\n<h2>逐年测算 / Year by year</h2>\n";
  HtmlTable table;
  for (const char* heading :
       {"年度<br>year", "年初余额<br>opening", "财政拨款<br>allocation", "社会捐助<br>donations",
        "投资收益<br>income", "救助人数<br>cases", "人均<br>per case", "救助支出<br>disbursements",
        "年末余额<br>closing", "超出底线<br>margin"}) {
    table.header.push_back(NumberCell(heading));
  }
  table.header[0].number = false;
  for (const ProjectionRow& row : projection.rows) {
    table.rows.push_back(
        {TextCell(std::to_string(row.year) + " (" + std::to_string(row.fund_year) + ")"),
         Amount(row.opening, !row.meets_floor()), Amount(row.allocation), Amount(row.donations),
         Amount(row.investment_income), NumberCell(CountText(row.cases)), Amount(row.per_case),
         Amount(row.disbursements), Amount(row.closing, row.closing.is_negative()),
         OptionalAmount(row.margin, !row.meets_floor())});
  }
  const ProjectionTotals& totals = projection.totals;
  table.totals.push_back({TextCell("合计 / total"), TextCell(""), Amount(totals.allocation),
                          Amount(totals.donations), Amount(totals.investment_income),
                          NumberCell(CountText(totals.cases)), TextCell(""),
                          Amount(totals.disbursements), TextCell(""), TextCell("")});
  out += "<div class=\"years\">\n";
  AppendTable(out, table);
  out += "</div>\n";
  out +=
      "<p class=\"note\">年度按起始年份标注，括号内为基金第几年；超出底线 = 年初余额 − "
      "底线，红色为低于底线或年末余额为负。/ A year is labelled by the calendar year it "
      "starts in, its fund year in brackets; margin = opening − floor; red marks a year below "
      "its floor or a closing balance below zero. The total of cases counts person-years. "
      "projection.csv also has each year's start date and floor.</p>\n";
  out += "</section>\n";
}

void AppendCaseload(std::string& out, const Projection& projection) {
  out += "<section>\n<h2>救助规模 / Caseload</h2>\n";
  HtmlTable table;
  table.header = {TextCell("自 / from"), NumberCell("救助人数 / cases"),
                  NumberCell("人均 / per case"), NumberCell("每年 / a year"),
                  TextCell("来源 / given by")};
  for (const ScheduledCaseload& entry : projection.caseload) {
    const Result<Money> a_year = entry.per_case.Multiply(entry.cases);
    table.rows.push_back(
        {TextCell(std::to_string(YearLabel(projection.scenario, entry.from_year)) + " (" +
                  std::to_string(entry.from_year) + ")"),
         NumberCell(CountText(entry.cases)), Amount(entry.per_case),
         a_year.ok() ? Amount(*a_year) : NumberCell("溢出 / overflow"),
         TextCell(entry.from_command_line ? "命令行 / command line" : "测算方案 / scenario")});
  }
  AppendTable(out, table);
  out += "</section>\n";
}

void AppendSources(std::string& out, const FundScenario& fund) {
  out += "<section>\n<h2>依据与假设 / Source and assumptions</h2>\n<blockquote>";
  std::string quote = PublicText(fund.source);
  for (size_t at = quote.find('\n'); at != std::string::npos; at = quote.find('\n', at)) {
    quote.replace(at, 1, "<br>");
  }
  out += quote + "</blockquote>\n<p class=\"note\">引自 / quoted in " +
         PublicText(fund.source_location.ToString()) + "</p>\n";
  if (fund.assumptions.empty()) {
    out += "<p class=\"note\">无假设 / no assumptions</p>\n";
  } else {
    HtmlTable table;
    table.header = {TextCell("假设 / assumption"), TextCell("理由 / why")};
    for (const Assumption& assumption : fund.assumptions) {
      table.rows.push_back({TextCell("<code>" + PublicText(assumption.field) + "</code>"),
                            TextCell(PublicText(assumption.why))});
    }
    AppendTable(out, table);
  }
  out += "</section>\n";
}

void AppendMethod(std::string& out) {
  out += R"(<section>
<h2>测算方法 / How it is computed</h2>
<ul class="note">
<li>财政拨款：第1年为首年拨款，此后每年等于上年拨款，自递增起始年起每年加上递增额。/ allocation: the first in fund year 1; each later year the previous year's, plus the step from the step's first year on.</li>
<li>投资收益 = 年初余额 × 收益率，四舍五入到分；余额不为正时为零。/ investment income = opening × rate, rounded half up to the fen; none on a balance at or below zero.</li>
<li>救助支出 = 救助人数 × 人均救助。/ disbursements = cases × per case, exact.</li>
<li>年末余额 = 年初余额 + 财政拨款 + 社会捐助 + 投资收益 − 救助支出，即下年年初余额。/ closing = opening + allocation + donations + income − disbursements: the next year's opening.</li>
<li>自底线起始年起，年初余额不得低于底线（等于底线视为达到）。/ from the floor's first year on, each opening balance must be at least the floor (equal to it meets it).</li>
</ul>
</section>
)";
}

}  // namespace

std::string RenderHtml(const Projection& projection) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>" + PublicText(projection.scenario.title_zh) + " 基金测算 / " +
         PublicText(projection.scenario.title_en) + ": fund projection</title>\n";
  out += "<style>" + std::string(report::ReportStyle()) + kProjectionStyle + "</style>\n</head>\n<body>\n";
  AppendHeader(out, projection);
  AppendSummary(out, projection);
  AppendChart(out, projection);
  AppendYearTable(out, projection);
  AppendCaseload(out, projection);
  AppendSources(out, projection.scenario);
  AppendMethod(out);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace minsheng::projection
