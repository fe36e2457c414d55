// The figures a synthetic county is built to: populations, counts of riders, insured,
// 低保, 特困 and 建档立卡 households, incomes, hospital use. Each figure says where it comes
// from: a sentence of the seed reports (quoted in docs/synth.md) or an assumption, with why.
// Counts are at scale 1; Plan multiplies them by --scale. Constant data; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.h"

namespace minsheng::synth {

// One county-level unit of the synthetic county: Wudi is one, Zibo eight.
struct DistrictFigures {
  std::string_view code;  // GB/T 2260, "370303"
  int64_t persons;        // at scale 1
  int urban_percent;      // share of its persons living in its 街道
  int poverty_weight;     // relative likelihood of a rural household being 建档立卡
};

// A town whose persons are given rather than derived from the urban share (Wudi).
struct TownFigures {
  std::string_view code;  // 9 digits
  int64_t persons;
};

// A hospital above the county level (Zibo's city hospitals).
struct CityHospital {
  std::string_view org_id;
  std::string_view name;
  std::string_view region;
};

// Monthly incomes, yuan: log-normal medians and spreads (sigma of the log).
struct IncomeFigures {
  int rural_earner_median;  // a farmer or rural wage earner
  int urban_earner_median;  // urban informal or self-employed
  int employee_median;      // insured in the employee scheme, working
  int pension_median;       // a retired employee
  int rural_elder_median;  // 60+, rural, not a retired employee: basic pension and a little farming
  int urban_elder_median;  // 60+, urban, not a retired employee
  double earner_sigma;
  double employee_sigma;
  double elder_sigma;
};

struct CountyFigures {
  std::string_view id;    // "wudi", "zibo": what the command takes
  std::string_view name;  // 无棣县, 淄博市
  int reference_year;     // ages are on 1 January; admissions fall in this year
  std::span<const DistrictFigures> districts;
  std::span<const TownFigures> towns;  // empty: towns split by urban_percent
  // Medical insurance: persons in the resident schemes (ncms + urbmi, or the merged
  // `resident`), exact; employee-scheme membership is drawn per person (per mille by
  // age group and place), so its count is approximate.
  int64_t resident_insured;
  bool merged_resident_scheme;
  int employee_per_mille_urban_working;
  int employee_per_mille_rural_working;
  int employee_per_mille_urban_retired;
  int employee_per_mille_rural_retired;
  int64_t school_bus_riders;  // 0: no school-bus program
  int64_t dibao_households;
  int64_t tekun_persons;
  int tekun_nursing_home_percent;  // 集中供养: living in their town's 敬老院
  int64_t poverty_households;      // 0: none registered
  int64_t poverty_persons;
  int dibao_line_rural_yuan_per_year;
  int dibao_line_urban_yuan_per_year;
  int poverty_line_yuan_per_year;
  IncomeFigures income;
  int admission_rate_percent;  // × the age-specific rates of person_details.cc
  int cost_percent;            // × the 2013 cost medians of the admissions
  std::span<const CityHospital> city_hospitals;
  int persons_per_village;    // rural 村
  int persons_per_community;  // urban 社区
};

const CountyFigures& WudiFigures();
const CountyFigures& ZiboFigures();
// "wudi" or "zibo"; otherwise an error naming both.
Result<const CountyFigures*> FindCountyFigures(std::string_view id);

}  // namespace minsheng::synth
