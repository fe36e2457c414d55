// RenderHtml (report.h): the page's frame — its head with the inline style sheet — and its
// first sections: the title, the summary by program and the charts. The other sections
// are in tables.cc, ledger_sections.cc and public_list.cc.
#include <algorithm>
#include <string>

#include "report/chart.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/page_style.h"
#include "report/report.h"
#include "report/sections.h"
#include "report/tally.h"

namespace minsheng::report {
namespace {

// A report, not an application: black on white, ruled tables, fonts the machine already
// has (no web font), A4 when printed, charts scaled to the page.


// A fact of the title block, or a dash when the report does not give it.
std::string OrDash(const std::string& text) {
  return text.empty() ? "—" : PublicText(text);
}

bool AnyNegative(const Tally& tally) {
  for (const std::vector<Sum>& month : tally.month_program) {
    for (const Sum& amount : month) {
      if (amount.value < 0) return true;
    }
  }
  return std::any_of(tally.township_totals.begin(), tally.township_totals.end(),
                     [](const Sum& amount) { return amount.value < 0; });
}

}  // namespace

std::string PageTitle(const CountyReport& report) {
  const std::string year = std::to_string(report.year);
  return PublicText(report.county_name_zh) + " " + year + "年民生资金发放报告 / " +
         PublicText(report.county_name_en) + " livelihood payments " + year;
}

void AppendTitleSection(std::string& out, const CountyReport& report) {
  out += "<header>\n<h1>" + PageTitle(report) + "</h1>\n";
  out += "<p class=\"meta\">行政区划代码 / region code: " + OrDash(report.county_code) +
         " · 生成时间 / generated at: " + OrDash(report.generated_at) + "</p>\n";
  out += "<p class=\"meta\">登记在册 / registry: " + CountText(report.persons) + " 人 / persons, " +
         CountText(report.households) + " 户 / households</p>\n</header>\n";
}

void AppendSummarySection(std::string& out, const Tally& tally) {
  out += "<section id=\"summary\">\n<h2>项目汇总 / Summary by program</h2>\n";
  if (tally.empty()) {
    AppendNoData(out);
    out += "</section>\n";
    return;
  }
  HtmlTable table;
  table.header = {TextCell("项目 / program"), NumberCell("发放人次 / payee-months"),
                  NumberCell("全年金额 / year's total")};
  for (const ProgramColumn& program : tally.programs) {
    table.rows.push_back({TextCell(ProgramHtml(program)), NumberCell(SumCountText(program.payees)),
                          NumberCell(SumYuanText(program.amount_fen))});
  }
  table.totals.push_back({TextCell("合计 / total"), NumberCell(SumCountText(tally.payees)),
                          NumberCell(SumYuanText(tally.total_fen))});
  AppendTable(out, table);
  out +=
      "<p class=\"note\">发放人次为各月领取人数之和。/ Payee-months: the payees of each month, "
      "added over the months.</p>\n</section>\n";
}

namespace {

// A chart in its figure; "no data" for an empty tally, and for one too large to chart a
// note that sends the reader to the tables.
void AppendFigure(std::string& out, const Tally& tally, const std::string& svg) {
  if (tally.empty()) {
    AppendNoData(out);
  } else if (svg.empty()) {
    out +=
        "<p class=\"note\">项目、月份或乡镇过多，不作图，数字见明细表。/ Too many programs, months "
        "or townships to chart; the figures are in the tables.</p>\n";
  } else {
    out += "<figure>\n" + svg + "</figure>\n";
  }
}

}  // namespace

void AppendChartSection(std::string& out, const Tally& tally, int year) {
  out += "<section id=\"charts\">\n<h2>图表 / Charts</h2>\n";
  out += "<h3>各月各项目发放金额 / Monthly payments by program</h3>\n";
  AppendFigure(out, tally, MonthlyChartSvg(tally, year));
  out += "<h3>各乡镇全年发放金额 / Year's payments by township</h3>\n";
  AppendFigure(out, tally, TownshipChartSvg(tally));
  if (AnyNegative(tally)) {
    out +=
        "<p class=\"note\">净额为负（追回多于发放）的柱按零绘制，月度图中以 ▼ "
        "标出；确切金额见明细表。/ A bar whose net amount is negative (recoveries above "
        "payments) is drawn at zero, and marked ▼ in the monthly chart; the exact amounts are "
        "in the tables.</p>\n";
  }
  out += "</section>\n";
}

std::string RenderHtml(const CountyReport& report) {
  const Tally tally = TallyTotals(report);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + PageTitle(report) + "</title>\n<style>" + std::string(ReportStyle()) + "</style>\n</head>\n";
  out += "<body>\n";
  AppendTitleSection(out, report);
  out += "<main>\n";
  AppendSummarySection(out, tally);
  AppendChartSection(out, tally, report.year);
  AppendTableSection(out, tally);
  AppendFundSection(out, report);
  AppendDisclosureSection(out, report, tally);
  AppendPublicListSection(out, report);
  AppendAuditSection(out, report.audit);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace minsheng::report
