// HtmlTable: the tables of the report page written one way — a header row, body rows and
// total rows, numbers right-aligned in their own class so that their digits line up.
// Cells hold HTML that is already escaped. Values; thread-compatible.
#pragma once

#include <string>
#include <vector>

namespace minsheng::report {

// Fund accounts deeper than this are indented no further, so a deep tree stays readable.
inline constexpr int kMaxIndent = 8;

struct Cell {
  std::string html;      // already escaped
  bool number = false;   // right-aligned, tabular digits
  bool heading = false;  // a heading for the rows under it (a disclosure's sections)
  int indent = 0;        // levels of indentation (accounts by depth), 0..kMaxIndent
  int span = 1;          // columns the cell spans
};

inline Cell TextCell(std::string html) {
  return {.html = std::move(html)};
}
inline Cell NumberCell(std::string html) {
  return {.html = std::move(html), .number = true};
}

struct HtmlTable {
  std::vector<Cell> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::vector<Cell>> totals;  // rows after the body, in bold
};

void AppendTable(std::string& out, const HtmlTable& table);

// "<p class="no-data">无数据 / no data</p>": what a section shows when it has nothing.
void AppendNoData(std::string& out);

}  // namespace minsheng::report
