// Project (projection.h): the caseload schedule with the command line's changes, the fund
// years run one after another in checked Money, and the verdict on every year up to the
// last shown.
#include "projection/projection.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

namespace minsheng::projection {
namespace {

std::string FundYearText(const FundScenario& scenario, int fund_year) {
  return "fund year " + std::to_string(fund_year) + " (" +
         std::to_string(YearLabel(scenario, fund_year)) + ")";
}

Status CheckYears(const FundScenario& scenario, YearRange years) {
  // The loader reads only these; a scenario built in code is held to them too, since every
  // fund year's first day must be a date.
  if (scenario.first_year < Date::kMinYear ||
      !Date::FromYmd(2001, scenario.start_month, scenario.start_day).ok()) {
    return InvalidArgument("the fund's first year or the day its years start is not a date");
  }
  const std::string shown = std::to_string(years.from) + ".." + std::to_string(years.to);
  if (years.from < scenario.first_year) {
    return InvalidArgument("the years " + shown + " start before the fund's first year " +
                           std::to_string(scenario.first_year));
  }
  if (years.to < years.from) {
    return InvalidArgument("the years " + shown + " end before they start");
  }
  if (years.to > Date::kMaxYear) {
    return InvalidArgument("the years " + shown + " run beyond the year " +
                           std::to_string(Date::kMaxYear));
  }
  if (years.to - scenario.first_year + 1 > kFundYearsMax) {
    return InvalidArgument("the years " + shown + " run beyond " + std::to_string(kFundYearsMax) +
                           " fund years from " + std::to_string(scenario.first_year));
  }
  return Status::Ok();
}

// The scenario's caseload entry in force in a fund year: the last one starting no later.
template <typename Entry>
const Entry& InForce(const std::vector<Entry>& schedule, int fund_year) {
  auto after =
      std::upper_bound(schedule.begin(), schedule.end(), fund_year,
                       [](int year, const Entry& entry) { return year < entry.from_year; });
  return *std::prev(after);  // the first entry is from year 1 (checked by Schedule)
}

Status CheckOverrideYear(const FundScenario& scenario, YearRange years, int year) {
  const std::string text = "the caseload change for year " + std::to_string(year);
  if (year < scenario.first_year) {
    std::string hint;
    if (year >= 1 && year <= kFundYearsMax) {
      hint = ": give the calendar year the fund year starts in (fund year " + std::to_string(year) +
             " is " + std::to_string(YearLabel(scenario, year)) + ")";
    }
    return InvalidArgument(text + " is before the fund's first year " +
                           std::to_string(scenario.first_year) + hint);
  }
  if (year > years.to) {
    return InvalidArgument(text + " is after the last year shown (" + std::to_string(years.to) +
                           "): it would change nothing shown");
  }
  return Status::Ok();
}

// The scenario's caseload with the overrides put in: each replaces the entry starting in
// its year, or is added in order of years.
Result<std::vector<ScheduledCaseload>> Schedule(const FundScenario& scenario,
                                                const std::vector<CaseloadOverride>& overrides,
                                                YearRange years) {
  if (scenario.caseload.empty() || scenario.caseload.front().from_year != 1) {
    return InvalidArgument("the fund's caseload must start in fund year 1");
  }
  std::vector<ScheduledCaseload> schedule;
  for (const CaseloadEntry& entry : scenario.caseload) {
    schedule.push_back({.from_year = entry.from_year,
                        .cases = entry.cases,
                        .per_case = entry.per_case,
                        .from_command_line = false});
  }
  std::set<int> seen;
  for (const CaseloadOverride& change : overrides) {
    if (Status valid = CheckOverrideYear(scenario, years, change.year); !valid.ok()) return valid;
    if (!seen.insert(change.year).second) {
      return InvalidArgument("the caseload for year " + std::to_string(change.year) +
                             " is changed twice");
    }
    if (change.cases < 0 || (change.per_case.has_value() && change.per_case->is_negative())) {
      return InvalidArgument("the caseload change for year " + std::to_string(change.year) +
                             " is negative");
    }
    const int fund_year = change.year - scenario.first_year + 1;
    const ScheduledCaseload entry{
        .from_year = fund_year,
        .cases = change.cases,
        .per_case = change.per_case.value_or(InForce(scenario.caseload, fund_year).per_case),
        .from_command_line = true};
    auto at = std::lower_bound(
        schedule.begin(), schedule.end(), fund_year,
        [](const ScheduledCaseload& existing, int year) { return existing.from_year < year; });
    if (at != schedule.end() && at->from_year == fund_year) {
      *at = entry;
    } else {
      schedule.insert(at, entry);
    }
  }
  return schedule;
}

// A checked step of a year's arithmetic, its overflow named by year and column.
Result<Money> Checked(const Result<Money>& result, const FundScenario& scenario, int fund_year,
                      const char* what) {
  if (result.ok()) return result;
  return Overflow(FundYearText(scenario, fund_year) + ": the " + what +
                  " is beyond what minsheng can hold (int64 fen)");
}

Result<ProjectionRow> RunYear(const FundScenario& scenario, const ScheduledCaseload& caseload,
                              int fund_year, Money opening, Money allocation) {
  ProjectionRow row{.fund_year = fund_year,
                    .year = YearLabel(scenario, fund_year),
                    .start = FundYearStart(scenario, fund_year),
                    .opening = opening,
                    .allocation = allocation,
                    .donations = scenario.donations,
                    .cases = caseload.cases,
                    .per_case = caseload.per_case};
  // An empty (or overdrawn) fund earns nothing; what its deficit would cost is not modelled.
  if (opening > Money::Zero()) {
    Result<Money> income =
        Checked(opening.MultiplyRate(scenario.investment_rate, Rounding::kHalfUpFen), scenario,
                fund_year, "investment income");
    if (!income.ok()) return income.status();
    row.investment_income = *income;
  }
  Result<Money> paid =
      Checked(caseload.per_case.Multiply(caseload.cases), scenario, fund_year, "disbursement");
  if (!paid.ok()) return paid.status();
  row.disbursements = *paid;
  Result<Money> closing = opening.Add(allocation);
  if (closing.ok()) closing = closing->Add(row.donations);
  if (closing.ok()) closing = closing->Add(row.investment_income);
  if (closing.ok()) closing = closing->Subtract(row.disbursements);
  closing = Checked(closing, scenario, fund_year, "closing balance");
  if (!closing.ok()) return closing.status();
  row.closing = *closing;
  if (scenario.floor.has_value() && fund_year >= scenario.floor->from_year) {
    Result<Money> margin =
        Checked(opening.Subtract(scenario.floor->amount), scenario, fund_year, "margin");
    if (!margin.ok()) return margin.status();
    row.floor = scenario.floor->amount;
    row.margin = *margin;
  }
  return row;
}

// Fund years 1 to last_fund_year, each opening with the previous one's closing.
Result<std::vector<ProjectionRow>> RunYears(const FundScenario& scenario,
                                            const std::vector<ScheduledCaseload>& schedule,
                                            int last_fund_year) {
  std::vector<ProjectionRow> rows;
  Money opening = scenario.opening_balance;
  Money allocation = scenario.allocation.first;
  for (int fund_year = 1; fund_year <= last_fund_year; ++fund_year) {
    if (fund_year > 1 && fund_year >= scenario.allocation.step_from_year) {
      Result<Money> stepped =
          Checked(allocation.Add(scenario.allocation.step), scenario, fund_year, "allocation");
      if (!stepped.ok()) return stepped.status();
      allocation = *stepped;
    }
    Result<ProjectionRow> row =
        RunYear(scenario, InForce(schedule, fund_year), fund_year, opening, allocation);
    if (!row.ok()) return row.status();
    opening = row->closing;
    rows.push_back(std::move(*row));
  }
  return rows;
}

ProjectionSummary Summarize(const std::vector<ProjectionRow>& rows) {
  ProjectionSummary summary;
  for (const ProjectionRow& row : rows) {
    if (!row.meets_floor() && !summary.first_below_floor.has_value()) {
      summary.first_below_floor = row;
    }
    if (row.closing.is_negative() && !summary.first_below_zero.has_value()) {
      summary.first_below_zero = row;
    }
    if (row.margin.has_value() &&
        (!summary.tightest.has_value() || *row.margin < *summary.tightest->margin)) {
      summary.tightest = row;
    }
  }
  summary.holds = !summary.first_below_floor.has_value() && !summary.first_below_zero.has_value();
  return summary;
}

Result<ProjectionTotals> Total(const FundScenario& scenario,
                               const std::vector<ProjectionRow>& rows) {
  ProjectionTotals totals;
  for (const ProjectionRow& row : rows) {
    const std::pair<Money*, Money> sums[] = {{&totals.allocation, row.allocation},
                                             {&totals.donations, row.donations},
                                             {&totals.investment_income, row.investment_income},
                                             {&totals.disbursements, row.disbursements}};
    for (const auto& [sum, amount] : sums) {
      Result<Money> added = Checked(sum->Add(amount), scenario, row.fund_year, "total");
      if (!added.ok()) return added.status();
      *sum = *added;
    }
    if (__builtin_add_overflow(totals.cases, row.cases, &totals.cases)) {
      return Overflow(FundYearText(scenario, row.fund_year) + ": the total of cases overflows");
    }
  }
  return totals;
}

// Every fund year from 1 to the last year shown, and the summary of them all: a year that
// broke the plan before the first year shown still broke it, and the verdict says so.
struct Run {
  std::vector<ProjectionRow> shown;
  ProjectionSummary summary;
};

Result<Run> RunAndSummarize(const FundScenario& scenario,
                            const std::vector<ScheduledCaseload>& schedule, YearRange years) {
  Result<std::vector<ProjectionRow>> rows =
      RunYears(scenario, schedule, years.to - scenario.first_year + 1);
  if (!rows.ok()) return rows.status();
  Run run{.shown = {}, .summary = Summarize(*rows)};
  for (ProjectionRow& row : *rows) {
    if (row.year >= years.from) run.shown.push_back(std::move(row));
  }
  return run;
}

}  // namespace

int YearLabel(const FundScenario& scenario, int fund_year) {
  return scenario.first_year + fund_year - 1;
}

Date FundYearStart(const FundScenario& scenario, int fund_year) {
  // The loader takes only a day every year has, and CheckYears keeps the year in range.
  return Date::FromYmd(YearLabel(scenario, fund_year), scenario.start_month, scenario.start_day)
      .value();
}

Result<Projection> Project(const FundScenario& scenario, const ProjectionRequest& request) {
  if (Status valid = CheckYears(scenario, request.years); !valid.ok()) return valid;
  Result<std::vector<ScheduledCaseload>> schedule =
      Schedule(scenario, request.caseload_overrides, request.years);
  if (!schedule.ok()) return schedule.status();
  Result<Run> run = RunAndSummarize(scenario, *schedule, request.years);
  if (!run.ok()) return run.status();
  Result<ProjectionTotals> totals = Total(scenario, run->shown);
  if (!totals.ok()) return totals.status();

  Projection projection{.scenario = scenario,
                        .years = request.years,
                        .caseload = std::move(*schedule),
                        .caseload_changed = !request.caseload_overrides.empty(),
                        .rows = std::move(run->shown),
                        .totals = *totals,
                        .summary = std::move(run->summary)};
  if (projection.caseload_changed) {
    Result<std::vector<ScheduledCaseload>> written = Schedule(scenario, {}, request.years);
    if (!written.ok()) return written.status();
    Result<Run> plan_run = RunAndSummarize(scenario, *written, request.years);
    if (!plan_run.ok()) return plan_run.status();
    PlanComparison plan{.summary = std::move(plan_run->summary), .openings = {}};
    for (const ProjectionRow& row : plan_run->shown) plan.openings.push_back(row.opening);
    projection.plan = std::move(plan);
  }
  return projection;
}

}  // namespace minsheng::projection
