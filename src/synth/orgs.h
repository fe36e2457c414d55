// The organisations of a synthetic county (orgs.csv) and the ids persons refer to:
// township hospitals, nursing homes and schools in every town, county hospitals and high
// schools in every district, Zibo's city hospitals, rural village collectives, and Wudi's
// school-bus company. Ids are built from region codes (hospital/371623101), so the person
// writer derives them without a look-up. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "synth/plan.h"

namespace minsheng::synth {

struct Org {
  std::string org_id;
  std::string name;
  std::string_view kind;   // hospital, nursing_home, school, village_collective, enterprise
  std::string_view level;  // hospitals: township, county, city; else empty
  std::string region;      // a town (9 digits) or county (6) code
};

// The school-bus company of Wudi, the payee of the school_bus_subsidy program.
inline constexpr std::string_view kSchoolBusCompanyId = "wudi_school_bus_company";

std::vector<Org> BuildOrgs(const CountyPlan& plan);

// Ids persons and admissions use; `number` counts from 1.
std::string TownHospitalId(const TownPlan& town);
std::string CountyHospitalId(std::string_view district_code, bool traditional_medicine);
std::string PrimarySchoolId(const TownPlan& town, int number);
std::string MiddleSchoolId(const TownPlan& town, int number);
std::string HighSchoolId(std::string_view district_code, int number);
// 水湾镇敬老院: the village of a 特困 elder living in the nursing home.
std::string NursingHomeName(const TownPlan& town);
// High schools a district has, by its persons (at least one).
int HighSchools(const CountyPlan& plan, int district);

}  // namespace minsheng::synth
