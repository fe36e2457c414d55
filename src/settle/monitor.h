// Dual control (双控): each hospital's month of settled stays — admissions, total cost,
// average cost per admission, average cost per diagnosis — held against the limits the
// pack sets, and against the hospital's own previous month (docs/settle.md, Monitor).
//
// The limits are the pack's parameters, by name, in force on the month's first day; a
// limit the pack does not define is not checked:
//   dual_control_cost_per_admission_<level>  money: the highest average cost per admission
//   dual_control_total_cost_<level>          money: the highest total cost of a month
//   dual_control_growth                      rate: the most the average cost per admission,
//                                            the total cost and each diagnosis's average
//                                            cost may grow over the hospital's previous month
// (<level> is the hospital's: village, township, county, city, out_of_area).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "policy/pack.h"
#include "store/store.h"

namespace minsheng::settle {

struct HospitalMonth {
  std::string hospital, level;
  Period month = Period::Month(2013, 1);
  int64_t admissions = 0;
  int64_t total_fen = 0;
  int64_t per_admission_fen = 0;  // rounded half up to the fen
};

struct Finding {
  std::string hospital, level;
  Period month = Period::Month(2013, 1);
  // cost_per_admission, total_cost: over the limit; growth_cost_per_admission,
  // growth_total_cost, growth_diagnosis: grown more than allowed since the previous month.
  std::string check;
  std::string diagnosis;  // for growth_diagnosis
  int64_t value_fen = 0;  // the month's figure
  int64_t limit_fen = 0;  // the limit, or what the growth allowed (previous × (1 + growth))
  int64_t previous_fen = 0;  // for growth checks: the previous month's figure
};

struct MonitorReport {
  std::vector<HospitalMonth> months;  // by month, then hospital
  std::vector<Finding> findings;      // in the same order
};

// Every hospital-month of the settled stays (cancelled ones left out), or those of
// `month` only (each still compared with its previous month).
Result<MonitorReport> Monitor(store::Store& store, const policy::Pack& pack, std::optional<Period> month);

}  // namespace minsheng::settle
