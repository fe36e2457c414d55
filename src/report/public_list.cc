// The public disclosure list (公示): its section of the page (sections.h) and its CSV
// (RenderPublicListCsv, report.h). Both show only what a public notice may: the name
// masked (MaskName again, which leaves a masked name as it is, so that a name the caller
// forgot to mask never shows), the village and township, the household's size, the
// program and the amount — never an ID number.
#include <string>
#include <string_view>

#include "core/csv_field.h"
#include "core/mask.h"
#include "core/money.h"
#include "report/html_table.h"
#include "report/html_text.h"
#include "report/report.h"
#include "report/sections.h"
#include "report/tally.h"

namespace minsheng::report {
namespace {

constexpr std::string_view kCsvHeader =
    "masked_name,village,township,household_size,program,amount\n";

std::string ShownName(const PublicLine& line) {
  return MaskName(line.masked_name);
}

}  // namespace

void AppendPublicListSection(std::string& out, const CountyReport& report) {
  out += "<section id=\"public-list\">\n<h2>发放名单公示 / Public disclosure list</h2>\n";
  const std::string title = BilingualText(report.public_list_title_zh, report.public_list_title_en);
  if (!title.empty()) out += "<h3>" + title + "</h3>\n";
  if (report.public_list.empty()) {
    AppendNoData(out);
    out += "</section>\n";
    return;
  }
  HtmlTable table;
  table.header = {TextCell("姓名 / name"),     TextCell("村（社区）/ village"),
                  TextCell("乡镇 / township"), NumberCell("家庭人数 / household size"),
                  TextCell("项目 / program"),  NumberCell("金额 / amount")};
  Sum total_fen;
  for (const PublicLine& line : report.public_list) {
    table.rows.push_back(
        {TextCell(PublicText(ShownName(line))), TextCell(PublicText(line.village)),
         TextCell(PublicText(line.township_name)), NumberCell(CountText(line.household_size)),
         TextCell(PublicText(line.program_title_zh)), NumberCell(YuanText(line.amount_fen))});
    total_fen.Add(line.amount_fen);
  }
  table.totals.push_back(
      {{.html = "合计 / total: " + CountText(static_cast<int64_t>(report.public_list.size())) +
                " 条 / lines",
        .span = 5},
       NumberCell(SumYuanText(total_fen))});
  AppendTable(out, table);
  out +=
      "<p class=\"note\">姓名已作脱敏处理，不公布身份证号码。/ Names are masked; ID numbers are "
      "never shown.</p>\n</section>\n";
}

std::string RenderPublicListCsv(const CountyReport& report) {
  std::string out(kCsvHeader);
  for (const PublicLine& line : report.public_list) {
    AppendCsvField(out, HideIdNumbers(ShownName(line)));
    out += ',';
    AppendCsvField(out, HideIdNumbers(line.village));
    out += ',';
    AppendCsvField(out, HideIdNumbers(line.township_name));
    out += ',';
    out += std::to_string(line.household_size);
    out += ',';
    AppendCsvField(out, HideIdNumbers(line.program_title_zh));
    out += ',';
    Money::FromFen(line.amount_fen).AppendPlainTo(out);
    out += '\n';
  }
  return out;
}

}  // namespace minsheng::report
