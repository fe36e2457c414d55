// The projection as CSV and JSON (render.h).
#include <nlohmann/json.hpp>

#include "core/csv_field.h"
#include "projection/render.h"
#include "projection/summary_text.h"

namespace minsheng::projection {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kColumns[] = {
    "fund_year",  "year",          "start_date",        "opening_balance",
    "allocation", "donations",     "investment_income", "cases",
    "per_case",   "disbursements", "closing_balance",   "floor",
    "margin",     "meets_floor"};

std::string Plain(Money amount) {
  return amount.ToPlainString();
}

Json OptionalPlain(const std::optional<Money>& amount) {
  return amount.has_value() ? Json(Plain(*amount)) : Json(nullptr);
}

// A row with its values in kColumns' order, as JSON values: the CSV writes the same.
Json RowJson(const ProjectionRow& row) {
  return Json{{"fund_year", row.fund_year},
              {"year", row.year},
              {"start_date", row.start.ToString()},
              {"opening_balance", Plain(row.opening)},
              {"allocation", Plain(row.allocation)},
              {"donations", Plain(row.donations)},
              {"investment_income", Plain(row.investment_income)},
              {"cases", row.cases},
              {"per_case", Plain(row.per_case)},
              {"disbursements", Plain(row.disbursements)},
              {"closing_balance", Plain(row.closing)},
              {"floor", OptionalPlain(row.floor)},
              {"margin", OptionalPlain(row.margin)},
              {"meets_floor", row.margin.has_value() ? Json(row.meets_floor()) : Json(nullptr)}};
}

// One JSON value as its CSV field: strings as they are, numbers in decimal, null empty.
std::string CsvText(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

Json YearJson(const std::optional<ProjectionRow>& row, const char* amount_key, Money amount) {
  if (!row.has_value()) return nullptr;
  return Json{{"year", row->year}, {"fund_year", row->fund_year}, {amount_key, Plain(amount)}};
}

Json SummaryJson(const ProjectionSummary& summary) {
  Json below_floor = nullptr;
  if (const auto& row = summary.first_below_floor; row.has_value()) {
    const Result<Money> short_by = row->margin->Negate();
    below_floor = Json{{"year", row->year},
                       {"fund_year", row->fund_year},
                       {"opening_balance", Plain(row->opening)},
                       {"floor", Plain(*row->floor)},
                       {"short_by", short_by.ok() ? Json(Plain(*short_by)) : Json(nullptr)}};
  }
  const auto& zero = summary.first_below_zero;
  const auto& tightest = summary.tightest;
  return Json{{"holds", summary.holds},
              {"first_below_floor", below_floor},
              {"first_below_zero",
               YearJson(zero, "closing_balance", zero.has_value() ? zero->closing : Money())},
              {"tightest",
               YearJson(tightest, "margin", tightest.has_value() ? *tightest->margin : Money())}};
}

Json FundJson(const FundScenario& fund) {
  Json assumptions = Json::array();
  for (const Assumption& assumption : fund.assumptions) {
    assumptions.push_back({{"field", assumption.field}, {"why", assumption.why}});
  }
  Json floor = nullptr;
  if (fund.floor.has_value()) {
    floor = Json{{"amount", Plain(fund.floor->amount)},
                 {"from_fund_year", fund.floor->from_year},
                 {"from_year", YearLabel(fund, fund.floor->from_year)}};
  }
  return Json{{"id", fund.id},
              {"title_zh", fund.title_zh},
              {"title_en", fund.title_en},
              {"account", fund.account.empty() ? Json(nullptr) : Json(fund.account)},
              {"file", fund.file},
              {"first_year", fund.first_year},
              {"year_starts", YearStartsText(fund)},
              {"opening_balance", Plain(fund.opening_balance)},
              {"allocation",
               {{"first", Plain(fund.allocation.first)},
                {"step", Plain(fund.allocation.step)},
                {"step_from_year", fund.allocation.step_from_year}}},
              {"donations", Plain(fund.donations)},
              {"investment_rate", fund.investment_rate.ToDecimalString()},
              {"floor", floor},
              {"source",
               {{"text", fund.source},
                {"file", fund.source_location.file},
                {"line", fund.source_location.line}}},
              {"assumptions", assumptions}};
}

}  // namespace

std::string RenderCsv(const Projection& projection) {
  std::string out;
  for (const char* column : kColumns) {
    if (column != kColumns[0]) out += ',';
    out += column;
  }
  out += '\n';
  for (const ProjectionRow& row : projection.rows) {
    const Json values = RowJson(row);
    bool first = true;
    for (const char* column : kColumns) {
      if (!first) out += ',';
      first = false;
      AppendCsvField(out, CsvText(values.at(column)));
    }
    out += '\n';
  }
  return out;
}

std::string RenderJson(const Projection& projection) {
  Json caseload = Json::array();
  for (const ScheduledCaseload& entry : projection.caseload) {
    caseload.push_back({{"from_fund_year", entry.from_year},
                        {"from_year", YearLabel(projection.scenario, entry.from_year)},
                        {"cases", entry.cases},
                        {"per_case", Plain(entry.per_case)},
                        {"from_command_line", entry.from_command_line}});
  }
  Json sentences = Json::array();
  for (const Sentence& sentence : SummarySentences(projection)) {
    sentences.push_back({{"zh", sentence.zh}, {"en", sentence.en}});
  }
  Json summary = SummaryJson(projection.summary);
  summary["sentences"] = sentences;
  Json plan = nullptr;
  if (projection.plan.has_value()) {
    Json openings = Json::array();
    for (size_t i = 0; i < projection.rows.size(); ++i) {
      openings.push_back({{"year", projection.rows[i].year},
                          {"opening_balance", Plain(projection.plan->openings[i])}});
    }
    plan = Json{{"summary", SummaryJson(projection.plan->summary)}, {"opening_balances", openings}};
  }
  Json rows = Json::array();
  for (const ProjectionRow& row : projection.rows) rows.push_back(RowJson(row));
  const ProjectionTotals& totals = projection.totals;
  const Json document{{"fund", FundJson(projection.scenario)},
                      {"years", {{"from", projection.years.from}, {"to", projection.years.to}}},
                      {"caseload", caseload},
                      {"caseload_changed", projection.caseload_changed},
                      {"summary", summary},
                      {"plan", plan},
                      {"rows", rows},
                      {"totals",
                       {{"allocation", Plain(totals.allocation)},
                        {"donations", Plain(totals.donations)},
                        {"investment_income", Plain(totals.investment_income)},
                        {"cases", totals.cases},
                        {"disbursements", Plain(totals.disbursements)}}}};
  // A path given on the command line need not be UTF-8; everything read from the file is.
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace minsheng::projection
