// Tally: the report's totals (one line per program, month and township) gathered into the
// grids the page shows — by program, by month and program, by township and program —
// with checked sums. A sum that would leave int64 is kept saturated and marked, and the
// page prints "溢出 / overflow" for it instead of a wrong amount. Values; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/report.h"

namespace minsheng::report {

// A checked running sum of fen or of counts.
struct Sum {
  int64_t value = 0;        // saturated at the int64 limit once overflowed
  bool overflowed = false;  // the exact sum left int64: value is not it
  void Add(int64_t amount);
};

struct ProgramColumn {
  std::string program, title_zh, title_en;  // the first non-empty titles seen
  Sum amount_fen;
  Sum payees;  // payee-months: the sum of the lines' payees
};

struct TownshipRow {
  std::string code;
  std::string name;  // the first non-empty name seen
};

struct Tally {
  std::vector<ProgramColumn> programs;  // in the order they first appear in the totals
  // The months present, in order; when one of them is in the report's year, all twelve
  // of that year are there too, so that a month without payments shows as zero.
  std::vector<std::string> months;
  std::vector<TownshipRow> townships;              // by code
  std::vector<std::vector<Sum>> month_program;     // [month][program], fen
  std::vector<std::vector<Sum>> township_program;  // [township][program], fen
  std::vector<Sum> month_totals;                   // [month], fen
  std::vector<Sum> township_totals;                // [township], fen
  Sum total_fen;
  Sum payees;

  bool empty() const { return programs.empty(); }
};

Tally TallyTotals(const CountyReport& report);

// A sum of fen as the page prints it: "¥6,216,000.00", or "溢出 / overflow".
std::string SumYuanText(const Sum& sum);
// A sum of counts: "1,234", or "溢出 / overflow".
std::string SumCountText(const Sum& sum);

// How the page names a program: "校车乘车补贴 / School bus subsidy", or its code when it
// has no title. Escaped.
std::string ProgramHtml(const ProgramColumn& program);
// The same for a column heading, the English on a second line so that columns stay narrow:
// "校车乘车补贴 /<br>School bus subsidy".
std::string ProgramHeadingHtml(const ProgramColumn& program);
// How the page names a township: its name, or "县本级 / county level" for the county's
// own 6-digit code, or the code. Escaped.
std::string TownshipHtml(const TownshipRow& township);
// A month as a row of a table shows it: "2013-03". Escaped.
std::string MonthHtml(const std::string& month);

}  // namespace minsheng::report
