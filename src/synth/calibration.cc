// The figures of Wudi (2013) and Zibo (2017). docs/synth.md lists each with its source:
// "seed" figures quote the two reports (seeds 000_040c84a1c57c7066, 004_679fe13bb222b18b);
// everything else is an assumption, and the comment says why it is plausible.
#include "synth/calibration.h"

#include <array>
#include <string>

namespace minsheng::synth {
namespace {

// Wudi: one county; 450,000 persons (assumption: 无棣县's registered population was about
// 450,000 around 2013; the seed's 39.3万 beneficiaries of ncms + urbmi fit inside it).
constexpr std::array<DistrictFigures, 1> kWudiDistricts = {{
    {.code = "371623", .persons = 450'000, .urban_percent = 30, .poverty_weight = 1},
}};

// Wudi's towns by persons (assumption: the two 街道 hold the county seat, about 30%; the
// ten 镇 split the rest by their size on the map, the coastal 马山子镇 smallest).
constexpr std::array<TownFigures, 12> kWudiTowns = {{
    {"371623001", 85'000},  // 棣丰街道, the county seat
    {"371623002", 50'000},  // 海丰街道
    {"371623101", 40'000},  // 水湾镇
    {"371623102", 38'000},  // 碣石山镇
    {"371623103", 30'000},  // 小泊头镇
    {"371623104", 25'000},  // 埕口镇
    {"371623105", 14'000},  // 马山子镇
    {"371623106", 36'000},  // 车王镇
    {"371623107", 34'000},  // 柳堡镇
    {"371623108", 28'000},  // 佘家镇
    {"371623109", 32'000},  // 信阳镇
    {"371623110", 38'000},  // 西小王镇
}};

// Zibo: 4.7M persons (assumption: 淄博市's resident population was about 4.7M in 2017),
// by district roughly as in the 2010 census; urban shares by how built-up each is; the
// 建档立卡 weights put the poor in the hill counties (沂源, 博山, 淄川, and 高青 on the
// Yellow River), as the seed's 相对特困山区 says.
constexpr std::array<DistrictFigures, 8> kZiboDistricts = {{
    {.code = "370302", .persons = 810'000, .urban_percent = 40, .poverty_weight = 3},  // 淄川区
    {.code = "370303", .persons = 960'000, .urban_percent = 75, .poverty_weight = 1},  // 张店区
    {.code = "370304", .persons = 460'000, .urban_percent = 45, .poverty_weight = 4},  // 博山区
    {.code = "370305", .persons = 640'000, .urban_percent = 50, .poverty_weight = 1},  // 临淄区
    {.code = "370306", .persons = 370'000, .urban_percent = 55, .poverty_weight = 1},  // 周村区
    {.code = "370321", .persons = 500'000, .urban_percent = 25, .poverty_weight = 1},  // 桓台县
    {.code = "370322", .persons = 370'000, .urban_percent = 20, .poverty_weight = 3},  // 高青县
    {.code = "370323", .persons = 590'000, .urban_percent = 20, .poverty_weight = 5},  // 沂源县
}};

// Seed: 淄博市中心医院 and 淄博市第一人民医院 are named among the city's public hospitals.
constexpr std::array<CityHospital, 2> kZiboCityHospitals = {{
    {"hospital/370300/central", "淄博市中心医院", "370303"},
    {"hospital/370300/first", "淄博市第一人民医院", "370303"},
}};

const CountyFigures kWudi = {
    .id = "wudi",
    .name = "无棣县",
    .reference_year = 2013,
    .districts = kWudiDistricts,
    .towns = kWudiTowns,
    // Seed: 受益群众39.3万人 — the persons in ncms and urbmi.
    .resident_insured = 393'000,
    .merged_resident_scheme = false,
    // Assumption: about 40,000 employees, retirees and civil servants in employee insurance.
    .employee_per_mille_urban_working = 320,
    .employee_per_mille_rural_working = 25,
    .employee_per_mille_urban_retired = 350,
    .employee_per_mille_rural_retired = 15,
    // Seed: 全县7400余名中小学生受益.
    .school_bus_riders = 7'400,
    // Assumption: about 4.5% of rural and 1.5% of urban persons, ~20,000 persons.
    .dibao_households = 10'000,
    // Assumption: the seed's 700余万元 new 五保 money a year at ~3,500 yuan a person.
    .tekun_persons = 2'000,
    .tekun_nursing_home_percent = 60,
    .poverty_households = 0,
    .poverty_persons = 0,
    // Assumption: Shandong's county dibao lines of 2013.
    .dibao_line_rural_yuan_per_year = 2'300,
    .dibao_line_urban_yuan_per_year = 4'560,
    .poverty_line_yuan_per_year = 2'300,
    .income = {.rural_earner_median = 1'300,
               .urban_earner_median = 1'700,
               .employee_median = 2'600,
               .pension_median = 1'800,
               .rural_elder_median = 180,
               .urban_elder_median = 400,
               .earner_sigma = 0.55,
               .employee_sigma = 0.40,
               .elder_sigma = 0.60},
    .admission_rate_percent = 100,
    .cost_percent = 100,
    .city_hospitals = {},
    .persons_per_village = 700,
    .persons_per_community = 4'000,
};

const CountyFigures kZibo = {
    .id = "zibo",
    .name = "淄博市",
    .reference_year = 2017,
    .districts = kZiboDistricts,
    .towns = {},
    // Seed: 截至目前,参保居民298万人.
    .resident_insured = 2'980'000,
    .merged_resident_scheme = true,
    // Assumption: "the rest mostly employee": about 1.6M, leaving ~2% uninsured.
    .employee_per_mille_urban_working = 640,
    .employee_per_mille_rural_working = 300,
    .employee_per_mille_urban_retired = 640,
    .employee_per_mille_rural_retired = 150,
    .school_bus_riders = 0,
    // Assumption: about 1.2% of persons in dibao, ~56,000 persons.
    .dibao_households = 30'000,
    // Assumption: about 0.3% of persons, as in Shandong around 2017.
    .tekun_persons = 14'000,
    .tekun_nursing_home_percent = 40,
    // Seed: 惠及65668户、122657名建档立卡贫困群众.
    .poverty_households = 65'668,
    .poverty_persons = 122'657,
    // Assumption: the zibo-2017 pack's dibao line (5,000 a year), and Shandong's poverty
    // line of about 3,400 a year.
    .dibao_line_rural_yuan_per_year = 5'000,
    .dibao_line_urban_yuan_per_year = 5'000,
    .poverty_line_yuan_per_year = 3'400,
    .income = {.rural_earner_median = 2'000,
               .urban_earner_median = 2'600,
               .employee_median = 3'800,
               .pension_median = 2'600,
               .rural_elder_median = 300,
               .urban_elder_median = 600,
               .earner_sigma = 0.55,
               .employee_sigma = 0.40,
               .elder_sigma = 0.60},
    .admission_rate_percent = 140,
    .cost_percent = 125,
    .city_hospitals = kZiboCityHospitals,
    // Assumption: ~2,900 villages, close to the seed's 建设标准化村卫生室2848个 (one a village).
    .persons_per_village = 900,
    .persons_per_community = 4'000,
};

}  // namespace

const CountyFigures& WudiFigures() {
  return kWudi;
}

const CountyFigures& ZiboFigures() {
  return kZibo;
}

Result<const CountyFigures*> FindCountyFigures(std::string_view id) {
  if (id == kWudi.id) return &kWudi;
  if (id == kZibo.id) return &kZibo;
  return InvalidArgument("no synthetic county '" + std::string(id) + "'; choose wudi or zibo");
}

}  // namespace minsheng::synth
