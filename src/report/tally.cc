// Gathering the report's totals into grids (tally.h).
#include "report/tally.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "report/html_text.h"

namespace minsheng::report {
namespace {

constexpr int kMonthsInYear = 12;
constexpr const char* kOverflowText = "溢出 / overflow";

// The twelve months of year, as "YYYY-MM".
std::vector<std::string> MonthsOfYear(int year) {
  std::vector<std::string> months;
  for (int month = 1; month <= kMonthsInYear; ++month) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    months.emplace_back(text);
  }
  return months;
}

std::vector<std::string> MonthsShown(const CountyReport& report) {
  std::set<std::string> months;
  for (const ProgramTotal& total : report.totals) months.insert(total.month);
  const std::vector<std::string> year = MonthsOfYear(report.year);
  const bool any_in_year =
      std::any_of(year.begin(), year.end(), [&](const std::string& m) { return months.count(m); });
  if (any_in_year) months.insert(year.begin(), year.end());
  return {months.begin(), months.end()};
}

std::vector<TownshipRow> TownshipsShown(const CountyReport& report) {
  std::map<std::string, std::string> names;  // code → first non-empty name
  for (const ProgramTotal& total : report.totals) {
    std::string& name = names[total.township_code];
    if (name.empty()) name = total.township_name;
  }
  std::vector<TownshipRow> townships;
  for (const auto& [code, name] : names) townships.push_back({code, name});
  return townships;
}

// The position of each program, in the order they first appear; titles are filled in from
// the first line that has them.
std::vector<ProgramColumn> ProgramsShown(const CountyReport& report) {
  std::vector<ProgramColumn> programs;
  std::map<std::string, size_t> position;
  for (const ProgramTotal& total : report.totals) {
    auto [found, added] = position.emplace(total.program, programs.size());
    if (added) {
      programs.emplace_back();
      programs.back().program = total.program;
    }
    ProgramColumn& program = programs[found->second];
    if (program.title_zh.empty()) program.title_zh = total.title_zh;
    if (program.title_en.empty()) program.title_en = total.title_en;
  }
  return programs;
}

// The position of each key in a list of them.
template <typename Item, typename KeyOf>
std::map<std::string, size_t> Positions(const std::vector<Item>& items, KeyOf key_of) {
  std::map<std::string, size_t> positions;
  for (size_t i = 0; i < items.size(); ++i) positions.emplace(key_of(items[i]), i);
  return positions;
}

}  // namespace

void Sum::Add(int64_t amount) {
  if (overflowed) return;
  if (__builtin_add_overflow(value, amount, &value)) {
    overflowed = true;
    value = amount > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
}

Tally TallyTotals(const CountyReport& report) {
  Tally tally;
  tally.programs = ProgramsShown(report);
  tally.months = MonthsShown(report);
  tally.townships = TownshipsShown(report);
  const size_t program_count = tally.programs.size();
  tally.month_program.assign(tally.months.size(), std::vector<Sum>(program_count));
  tally.township_program.assign(tally.townships.size(), std::vector<Sum>(program_count));
  tally.month_totals.assign(tally.months.size(), Sum{});
  tally.township_totals.assign(tally.townships.size(), Sum{});

  const auto program_position =
      Positions(tally.programs, [](const ProgramColumn& p) { return p.program; });
  const auto month_position = Positions(tally.months, [](const std::string& m) { return m; });
  const auto township_position =
      Positions(tally.townships, [](const TownshipRow& t) { return t.code; });
  for (const ProgramTotal& total : report.totals) {
    const size_t program = program_position.at(total.program);
    const size_t month = month_position.at(total.month);
    const size_t township = township_position.at(total.township_code);
    tally.programs[program].amount_fen.Add(total.amount_fen);
    tally.programs[program].payees.Add(total.payees);
    tally.month_program[month][program].Add(total.amount_fen);
    tally.township_program[township][program].Add(total.amount_fen);
    tally.month_totals[month].Add(total.amount_fen);
    tally.township_totals[township].Add(total.amount_fen);
    tally.total_fen.Add(total.amount_fen);
    tally.payees.Add(total.payees);
  }
  return tally;
}

std::string SumYuanText(const Sum& sum) {
  return sum.overflowed ? kOverflowText : YuanText(sum.value);
}

std::string SumCountText(const Sum& sum) {
  return sum.overflowed ? kOverflowText : CountText(sum.value);
}

std::string ProgramHtml(const ProgramColumn& program) {
  return BilingualText(program.title_zh, program.title_en, HideIdNumbers(program.program));
}

std::string ProgramHeadingHtml(const ProgramColumn& program) {
  if (program.title_zh.empty() || program.title_en.empty()) return ProgramHtml(program);
  return PublicText(program.title_zh) + " /<br>" + PublicText(program.title_en);
}

std::string TownshipHtml(const TownshipRow& township) {
  if (!township.name.empty()) return PublicText(township.name);
  if (township.code.size() == 6) return "县本级 / county level";
  if (township.code.empty()) return "未填乡镇 / township not given";
  return PublicText(township.code);
}

std::string MonthHtml(const std::string& month) {
  return PublicText(month);
}

}  // namespace minsheng::report
