// The page's tables section (sections.h): amounts by month and program, and by township
// and program, each with a total column and a total row.
#include <string>
#include <vector>

#include "report/html_table.h"
#include "report/html_text.h"
#include "report/sections.h"

namespace minsheng::report {
namespace {

// The header: the row labels' column(s), one column per program, the total.
std::vector<Cell> Header(const Tally& tally, std::vector<Cell> leading) {
  for (const ProgramColumn& program : tally.programs) {
    leading.push_back(NumberCell(ProgramHeadingHtml(program)));
  }
  leading.push_back(NumberCell("合计 / total"));
  return leading;
}

// A row: its label(s), the amount of each program, the row's total.
std::vector<Cell> AmountRow(std::vector<Cell> leading, const std::vector<Sum>& amounts,
                            const Sum& total) {
  for (const Sum& amount : amounts) leading.push_back(NumberCell(SumYuanText(amount)));
  leading.push_back(NumberCell(SumYuanText(total)));
  return leading;
}

// The total row: each program's year and the grand total.
std::vector<Cell> TotalRow(const Tally& tally, int label_columns) {
  std::vector<Cell> row = {{.html = "合计 / total", .span = label_columns}};
  for (const ProgramColumn& program : tally.programs) {
    row.push_back(NumberCell(SumYuanText(program.amount_fen)));
  }
  row.push_back(NumberCell(SumYuanText(tally.total_fen)));
  return row;
}

void AppendMonthTable(std::string& out, const Tally& tally) {
  out += "<h3>按月份和项目 / By month and program</h3>\n";
  HtmlTable table;
  table.header = Header(tally, {TextCell("月份 / month")});
  for (size_t m = 0; m < tally.months.size(); ++m) {
    table.rows.push_back(AmountRow({TextCell(MonthHtml(tally.months[m]))}, tally.month_program[m],
                                   tally.month_totals[m]));
  }
  table.totals.push_back(TotalRow(tally, 1));
  AppendTable(out, table);
}

void AppendTownshipTable(std::string& out, const Tally& tally) {
  out += "<h3>按乡镇和项目 / By township and program</h3>\n";
  HtmlTable table;
  table.header = Header(tally, {TextCell("乡镇 / township"), TextCell("代码 / code")});
  for (size_t t = 0; t < tally.townships.size(); ++t) {
    const TownshipRow& township = tally.townships[t];
    table.rows.push_back(
        AmountRow({TextCell(TownshipHtml(township)), TextCell(PublicText(township.code))},
                  tally.township_program[t], tally.township_totals[t]));
  }
  table.totals.push_back(TotalRow(tally, 2));
  AppendTable(out, table);
}

}  // namespace

void AppendTableSection(std::string& out, const Tally& tally) {
  out += "<section id=\"tables\">\n<h2>明细表 / Tables</h2>\n";
  if (tally.empty()) {
    AppendNoData(out);
  } else {
    AppendMonthTable(out, tally);
    AppendTownshipTable(out, tally);
  }
  out += "</section>\n";
}

}  // namespace minsheng::report
