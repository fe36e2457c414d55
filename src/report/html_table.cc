// Writing the report's tables (html_table.h).
#include "report/html_table.h"

#include <algorithm>

namespace minsheng::report {
namespace {

void AppendCell(std::string& out, const Cell& cell, const char* tag) {
  out += '<';
  out += tag;
  if (cell.number) out += " class=\"number\"";
  if (cell.heading) out += " class=\"section\"";
  if (cell.span > 1) out += " colspan=\"" + std::to_string(cell.span) + "\"";
  const int indent = std::clamp(cell.indent, 0, kMaxIndent);
  if (indent > 0) {
    out += " style=\"padding-left: calc(0.4em + " + std::to_string(indent) + " * 1.5em)\"";
  }
  out += '>';
  out += cell.html;
  out += "</";
  out += tag;
  out += '>';
}

void AppendRow(std::string& out, const std::vector<Cell>& row, const char* tag) {
  out += "<tr>";
  for (const Cell& cell : row) AppendCell(out, cell, cell.heading ? "th" : tag);
  out += "</tr>\n";
}

}  // namespace

void AppendTable(std::string& out, const HtmlTable& table) {
  out += "<table>\n";
  if (!table.header.empty()) {
    out += "<thead>";
    AppendRow(out, table.header, "th");
    out += "</thead>\n";
  }
  out += "<tbody>\n";
  for (const std::vector<Cell>& row : table.rows) AppendRow(out, row, "td");
  out += "</tbody>\n";
  if (!table.totals.empty()) {
    out += "<tfoot>\n";
    for (const std::vector<Cell>& row : table.totals) AppendRow(out, row, "td");
    out += "</tfoot>\n";
  }
  out += "</table>\n";
}

void AppendNoData(std::string& out) {
  out += "<p class=\"no-data\">无数据 / no data</p>\n";
}

}  // namespace minsheng::report
