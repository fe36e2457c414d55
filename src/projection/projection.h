// Project: a fund's years computed from its scenario (scenario.h), optionally with a
// heavier (or lighter) caseload from the command line, as a table a finance bureau reads:
// for each fund year its opening balance, what comes in, what is paid, the closing
// balance, and the margin over the floor; and a summary of whether the plan holds.
//
// Fund year k (1 = the year the fund was set up) starts on `year_starts` of the calendar
// year first_year + k − 1, and is labelled by that year. Every fund year is computed
// from year 1, whatever the first year shown. The model (docs/simulate.md):
//   allocation(1) = first;  allocation(k) = allocation(k−1) + (k ≥ step_from_year ? step : 0)
//   income(k)     = opening(k) × investment_rate, half up to the fen (0 when opening ≤ 0)
//   paid(k)       = cases(k) × per_case(k), exact
//   closing(k)    = opening(k) + allocation(k) + donations + income(k) − paid(k)
//   opening(k+1)  = closing(k);  margin(k) = opening(k) − floor, from the floor's year on
// All of it in Money (int64 fen), every step checked: a result beyond int64 is an
// Overflow error naming the year, never a wrapped amount. Pure functions; thread-safe.
// Members with no other default are written `{}` so that designated initializers may leave
// them out without GCC's -Wmissing-field-initializers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "projection/scenario.h"

namespace minsheng::projection {

// The calendar years shown, by their labels: 2013..2022.
struct YearRange {
  int from = 0;
  int to = 0;
};

// From the fund year labelled `year` until the next entry, `cases` persons a year, each
// paid `per_case` — or, when not given, what the scenario pays a case that year. It adds
// an entry to the scenario's caseload, or replaces the one starting that year.
struct CaseloadOverride {
  int year = 0;
  int64_t cases = 0;
  std::optional<Money> per_case{};
};

struct ProjectionRequest {
  YearRange years{};
  std::vector<CaseloadOverride> caseload_overrides{};
};

// A caseload entry in force in the projection, and whether the command line gave it.
struct ScheduledCaseload {
  int from_year = 1;  // fund year
  int64_t cases = 0;
  Money per_case{};
  bool from_command_line = false;
};

struct ProjectionRow {
  int fund_year = 0;   // 1 = the year the fund was set up
  int year = 0;        // the label: the calendar year it starts in
  Date start{};        // its first day
  Money opening{};     // balance on its first day
  Money allocation{};  // from the budget
  Money donations{};
  Money investment_income{};
  int64_t cases = 0;
  Money per_case{};
  Money disbursements{};          // cases × per_case
  Money closing{};                // balance after its last day: the next year's opening
  std::optional<Money> floor{};   // when the floor holds this year
  std::optional<Money> margin{};  // opening − floor, when the floor holds
  bool meets_floor() const { return !margin.has_value() || !margin->is_negative(); }
};

// Sums over the years shown.
struct ProjectionTotals {
  Money allocation{}, donations{}, investment_income{}, disbursements{};
  int64_t cases = 0;  // persons paid, added over the years (person-years)
};

// The verdict covers every fund year from 1 to the last year shown, not only the years
// shown: a breach before the first year shown still breaks the plan.
struct ProjectionSummary {
  // Every year meets the floor (where it holds) and ends with a balance ≥ 0.
  bool holds = true;
  // The first year whose opening balance is below the floor.
  std::optional<ProjectionRow> first_below_floor{};
  // The first year whose closing balance is below zero: the fund could not pay that
  // year's disbursements in full.
  std::optional<ProjectionRow> first_below_zero{};
  // The year with the smallest margin over the floor (the earliest of equals).
  std::optional<ProjectionRow> tightest{};
};

// The scenario as written, beside a projection whose caseload the command line changed:
// what the change does is read against it.
struct PlanComparison {
  ProjectionSummary summary{};
  std::vector<Money> openings{};  // one per row shown
};

struct Projection {
  FundScenario scenario{};
  YearRange years{};
  std::vector<ScheduledCaseload> caseload{};  // as projected, overrides applied
  bool caseload_changed = false;              // some override was given
  std::vector<ProjectionRow> rows{};          // the years shown, in order
  ProjectionTotals totals{};
  ProjectionSummary summary{};
  std::optional<PlanComparison> plan{};  // when caseload_changed
};

// The fund's label for fund year k, and the first day of that year.
int YearLabel(const FundScenario& scenario, int fund_year);
Date FundYearStart(const FundScenario& scenario, int fund_year);

// Computes fund years 1 up to the last year asked for and keeps the years asked for.
// Errors: the years start before the fund's first year, end before they start, or run
// beyond kFundYearsMax fund years or the year 9999; an override's year outside the fund's
// first year .. the last year shown, or given twice; an amount beyond int64 fen.
Result<Projection> Project(const FundScenario& scenario, const ProjectionRequest& request);

}  // namespace minsheng::projection
