// BuildOrgs and the org ids (orgs.h).
#include "synth/orgs.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/region.h"

namespace minsheng::synth {
namespace {

// Assumption: a senior high school for about 150,000 persons (Wudi has three).
constexpr int64_t kPersonsPerHighSchool = 150'000;

std::string ChineseNumber(int number) {
  constexpr std::array<std::string_view, 10> kDigits = {"",   "一", "二", "三", "四",
                                                        "五", "六", "七", "八", "九"};
  if (number < 10) return std::string(kDigits[static_cast<size_t>(number)]);
  const int tens = number / 10;
  return std::string(tens == 1 ? "" : kDigits[static_cast<size_t>(tens % 10)]) + "十" +
         std::string(kDigits[static_cast<size_t>(number % 10)]);
}

std::string DistrictName(std::string_view code) {
  const std::optional<Region> region = RegionTable::Builtin().Find(code);
  return region ? region->name() : std::string(code);
}

std::string Numbered(std::string_view prefix, int number) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%d", number);
  return std::string(prefix) + digits;
}

void AddTownOrgs(const TownPlan& town, std::vector<Org>& orgs) {
  const std::string& code = town.town->code;
  const std::string& name = town.town->name;
  orgs.push_back({TownHospitalId(town), name + (town.urban ? "社区卫生服务中心" : "卫生院"),
                  "hospital", "township", code});
  orgs.push_back({"nursing_home/" + code, NursingHomeName(town), "nursing_home", "", code});
  for (int k = 1; k <= town.primary_schools; ++k) {
    orgs.push_back({PrimarySchoolId(town, k),
                    name + (town.primary_schools == 1 ? "中心" : "第" + ChineseNumber(k)) + "小学",
                    "school", "", code});
  }
  for (int k = 1; k <= town.middle_schools; ++k) {
    orgs.push_back({MiddleSchoolId(town, k),
                    name + (town.middle_schools == 1 ? "" : "第" + ChineseNumber(k)) + "中学",
                    "school", "", code});
  }
  if (town.urban) return;  // residents' communities have no collective economy
  for (size_t k = 0; k < town.village_names.size(); ++k) {
    char number[24];
    std::snprintf(number, sizeof number, "%03zu", k + 1);
    orgs.push_back({"village/" + code + "/" + number, town.village_names[k] + "村民委员会",
                    "village_collective", "", code});
  }
}

}  // namespace

std::string TownHospitalId(const TownPlan& town) {
  return "hospital/" + town.town->code;
}

std::string CountyHospitalId(std::string_view district_code, bool traditional_medicine) {
  return "hospital/" + std::string(district_code) + (traditional_medicine ? "/tcm" : "/people");
}

std::string PrimarySchoolId(const TownPlan& town, int number) {
  return Numbered("school/" + town.town->code + "/primary-", number);
}

std::string MiddleSchoolId(const TownPlan& town, int number) {
  return Numbered("school/" + town.town->code + "/middle-", number);
}

std::string HighSchoolId(std::string_view district_code, int number) {
  return Numbered("school/" + std::string(district_code) + "/high-", number);
}

std::string NursingHomeName(const TownPlan& town) {
  return town.town->name + "敬老院";
}

int HighSchools(const CountyPlan& plan, int district) {
  int64_t persons = 0;
  for (const TownPlan& town : plan.towns) persons += town.district == district ? town.persons : 0;
  return static_cast<int>(
      std::max<int64_t>(1, (persons + kPersonsPerHighSchool / 2) / kPersonsPerHighSchool));
}

std::vector<Org> BuildOrgs(const CountyPlan& plan) {
  std::vector<Org> orgs;
  const CountyFigures& figures = *plan.figures;
  for (const CityHospital& hospital : figures.city_hospitals) {
    orgs.push_back({std::string(hospital.org_id), std::string(hospital.name), "hospital", "city",
                    std::string(hospital.region)});
  }
  for (size_t d = 0; d < figures.districts.size(); ++d) {
    const std::string_view code = figures.districts[d].code;
    const std::string name = DistrictName(code);
    orgs.push_back({CountyHospitalId(code, false), name + "人民医院", "hospital", "county",
                    std::string(code)});
    orgs.push_back(
        {CountyHospitalId(code, true), name + "中医院", "hospital", "county", std::string(code)});
    const int high_schools = HighSchools(plan, static_cast<int>(d));
    for (int k = 1; k <= high_schools; ++k) {
      orgs.push_back({HighSchoolId(code, k), name + "第" + ChineseNumber(k) + "中学", "school", "",
                      std::string(code)});
    }
    for (const TownPlan& town : plan.towns) {
      if (town.district == static_cast<int>(d)) AddTownOrgs(town, orgs);
    }
  }
  if (plan.school_bus_riders > 0) {
    // Seed: 2010年9月成立了全省首家校车公司 — the company the subsidy is paid to.
    const std::string_view county = figures.districts.front().code;
    orgs.push_back({std::string(kSchoolBusCompanyId), DistrictName(county) + "校车公司",
                    "enterprise", "", std::string(county)});
  }
  return orgs;
}

}  // namespace minsheng::synth
