// minsheng project: a fund's years projected from a scenario file (docs/simulate.md,
// "Fund projections").
//
//   project --fund FILE [--years 2013..2022] [--caseload YEAR:CASES[:PER_CASE] ...]
//           [--out DIR] [--json]
//
// Everything is computed and rendered before anything is written, and the files under
// --out are written under temporary names and renamed only when all three are written:
// a scenario with an error, or a write that fails, leaves no file half-written.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "cli/output_files.h"
#include "projection/options.h"
#include "projection/projection.h"
#include "projection/render.h"
#include "projection/scenario.h"
#include "projection/summary_text.h"
#include "report/html_text.h"

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;
using projection::GroupedYuan;

// With no --years, ten fund years from the first: the seed's plans look four years ahead,
// and a bureau's medium-term budget ten.
constexpr int kDefaultYearsShown = 10;

struct ProjectArguments {
  std::string fund, years, out;
  std::vector<std::string> caseload;
  bool json = false;
};

Result<projection::ProjectionRequest> ReadRequest(const ProjectArguments& arguments,
                                                  const projection::FundScenario& scenario) {
  projection::ProjectionRequest request;
  if (arguments.years.empty()) {
    request.years = {.from = scenario.first_year,
                     .to = scenario.first_year + kDefaultYearsShown - 1};
  } else {
    Result<projection::YearRange> years = projection::ParseYearRange(arguments.years);
    if (!years.ok()) return years.status().Prefixed("--years '" + arguments.years + "'");
    request.years = *years;
  }
  for (const std::string& text : arguments.caseload) {
    Result<projection::CaseloadOverride> change = projection::ParseCaseloadOverride(text);
    if (!change.ok()) return change.status().Prefixed("--caseload '" + text + "'");
    request.caseload_overrides.push_back(*change);
  }
  return request;
}

void PrintHeading(const projection::Projection& result, std::ostream& out) {
  const projection::FundScenario& fund = result.scenario;
  out << fund.title_zh << " / " << fund.title_en << " (" << fund.id << ")\n"
      << "  scenario / 测算方案: " << fund.file << "\n"
      << "  fund years / 基金年度: start on " << projection::YearStartsText(fund)
      << ", fund year 1 is " << fund.first_year;
  if (fund.floor.has_value()) {
    out << "; floor / 底线: " << GroupedYuan(fund.floor->amount) << " from "
        << projection::YearLabel(fund, fund.floor->from_year) << " (fund year "
        << fund.floor->from_year << ")";
  }
  out << "\n";
  for (const projection::ScheduledCaseload& entry : result.caseload) {
    if (!entry.from_command_line) continue;
    out << "  caseload from the command line / 命令行救助规模: from "
        << projection::YearLabel(fund, entry.from_year) << ", " << entry.cases << " × "
        << GroupedYuan(entry.per_case) << "\n";
  }
}

// The year table, Chinese heading over English; donations and investment income only
// when some year has any (the files always carry every column).
void PrintYears(const projection::Projection& result, std::ostream& out) {
  const bool donations = !result.totals.donations.is_zero();
  const bool income = !result.totals.investment_income.is_zero();
  const bool floor = result.scenario.floor.has_value();
  std::vector<Row> rows(2);
  auto column = [&rows](const char* zh, const char* en) {
    rows[0].emplace_back(zh);
    rows[1].emplace_back(en);
  };
  column("年度", "year");
  column("年初余额", "opening");
  column("财政拨款", "allocation");
  if (donations) column("社会捐助", "donations");
  if (income) column("投资收益", "income");
  column("救助人数 × 人均", "cases × per case");
  column("救助支出", "paid");
  column("年末余额", "closing");
  if (floor) column("超出底线", "margin");
  for (const projection::ProjectionRow& row : result.rows) {
    Row line = {std::to_string(row.year) + " (" + std::to_string(row.fund_year) + ")",
                GroupedYuan(row.opening), GroupedYuan(row.allocation)};
    if (donations) line.push_back(GroupedYuan(row.donations));
    if (income) line.push_back(GroupedYuan(row.investment_income));
    line.push_back(std::to_string(row.cases) + " × " + GroupedYuan(row.per_case));
    line.push_back(GroupedYuan(row.disbursements));
    line.push_back(GroupedYuan(row.closing));
    if (floor) line.push_back(row.margin.has_value() ? GroupedYuan(*row.margin) : "");
    rows.push_back(std::move(line));
  }
  const projection::ProjectionTotals& totals = result.totals;
  Row total = {"合计 total", "", GroupedYuan(totals.allocation)};
  if (donations) total.push_back(GroupedYuan(totals.donations));
  if (income) total.push_back(GroupedYuan(totals.investment_income));
  total.push_back(report::CountText(totals.cases) + " person-years");
  total.push_back(GroupedYuan(totals.disbursements));
  rows.push_back(std::move(total));
  // The margin is blank before the floor holds: no trailing spaces where it would be.
  std::ostringstream table;
  PrintTable(rows, 1, table, "  ");
  std::istringstream lines(table.str());
  for (std::string line; std::getline(lines, line);) {
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
}

void PrintProjection(const projection::Projection& result, std::ostream& out) {
  PrintHeading(result, out);
  out << "\n";
  PrintYears(result, out);
  out << "\n";
  for (const projection::Sentence& sentence : projection::SummarySentences(result)) {
    out << sentence.zh << "\n" << sentence.en << "\n";
  }
}

Status RunProject(const ProjectArguments& arguments, Context& context) {
  Result<projection::FundScenario> scenario = projection::LoadFundScenario(arguments.fund);
  if (!scenario.ok()) {
    context.err << "minsheng: " << projection::FormatScenarioDiagnostic(scenario.status());
    return Status(scenario.status().code(), "");  // reported above, with its line
  }
  Result<projection::ProjectionRequest> request = ReadRequest(arguments, *scenario);
  if (!request.ok()) return request.status();
  Result<projection::Projection> result = projection::Project(*scenario, *request);
  if (!result.ok()) return result.status();

  const std::string json = projection::RenderJson(*result);
  std::vector<OutputFile> files;
  if (!arguments.out.empty()) {
    files = {{"projection.csv", projection::RenderCsv(*result)},
             {"projection.json", json},
             {"projection.html", projection::RenderHtml(*result)}};
    if (Status written = WriteAllOrNothing(arguments.out, files); !written.ok()) return written;
  }
  if (arguments.json) {
    context.out << json;
    return Status::Ok();
  }
  PrintProjection(*result, context.out);
  if (!files.empty()) {
    context.out << "\nwritten / 已写入:";
    for (const OutputFile& file : files) {
      context.out << " " << (fs::path(arguments.out) / file.name).string();
    }
    context.out << "\n";
  }
  return Status::Ok();
}

}  // namespace

void AddProjectCommand(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<ProjectArguments>();
  CLI::App* project = app.add_subcommand(
      "project", "Project a fund's balance year by year against its floor / 基金规模测算");
  project->add_option("--fund", arguments->fund, "the fund's scenario file (.md, docs/simulate.md)")
      ->required();
  project->add_option("--years", arguments->years,
                      "the years shown, FROM..TO, e.g. 2013..2022 (default: ten fund years from "
                      "the first); earlier fund years are computed too");
  project->add_option("--caseload", arguments->caseload,
                      "YEAR:CASES[:PER_CASE], repeatable: from the fund year starting in YEAR, "
                      "CASES persons a year (each paid PER_CASE, default the scenario's), until "
                      "the scenario's or another --caseload's next entry");
  project->add_option("--out", arguments->out,
                      "write projection.csv, projection.json and projection.html in DIR");
  project->add_flag("--json", arguments->json, "print the JSON instead of the table");
  project->footer(
      "Example: minsheng project --fund policies/wudi-2013/funds/relief_fund.md --years "
      "2013..2022\n"
      "         --caseload 2016:400   (400 cases a year from the fund year starting in 2016)");
  project->callback([&context, arguments] { context.status = RunProject(*arguments, context); });
}

}  // namespace minsheng::cli
