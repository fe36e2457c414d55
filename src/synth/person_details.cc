// Disability, income and admissions (person_details.h).
#include "synth/person_details.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "synth/calibration.h"

namespace minsheng::synth {
namespace {

// Registered disability per mille by age (assumption: China's 2006 sample survey found
// 6.3% with a disability; fewer hold a certificate, more of them old), ×3 in households in
// a program. Grades 1 (most severe) to 4, per cent.
constexpr std::array<int, 4> kDisabilityPerMilleByAge = {5, 20, 50, 90};  // <18, 18–59, 60–79, 80+
constexpr int kDisabilityProgramFactor = 3;
constexpr std::array<int, 4> kGradePercent = {15, 25, 25, 35};

// Share of working-age persons (not employees) with no income of their own (homemakers,
// the unemployed), per cent.
constexpr int kNoIncomePercentRural = 15;
constexpr int kNoIncomePercentUrban = 25;
constexpr int kWorkingFirstAge = 16;
constexpr int kElderFirstAge = 60;

// Inpatient admissions: the chance of a first admission in the year, per mille by age
// (assumption: China's hospitalization rate was about 11% of persons in 2013, far higher
// for the old and the very young), plus childbirth for women of 20–39; a second and third
// admission follow a first at these chances.
struct AdmissionRate {
  int first_age;
  int per_mille;
};
constexpr std::array<AdmissionRate, 7> kAdmissionPerMille = {
    {{0, 80}, {5, 30}, {15, 45}, {45, 85}, {60, 140}, {70, 200}, {80, 240}}};
constexpr int kChildbirthPerMille = 45;
constexpr int kRepeatPercent = 25;
constexpr int kMaxAdmissions = 3;

// Where: rural patients mostly at the township hospital, urban ones at the county's or the
// city's (assumption; Wudi's 全报销 at township hospitals pulled admissions there).
struct Placement {
  int township_percent;
  int city_percent;  // of the rest when the county has city hospitals
};
constexpr Placement kRuralPlacement = {55, 10};
constexpr Placement kUrbanPlacement = {20, 25};
constexpr int kTraditionalMedicinePercent = 30;

// Costs at 2013 prices (× cost_percent): log-normal medians in yuan and spreads; the
// compliant (policy-range) share in per mille; lengths of stay in days.
struct HospitalCosts {
  double median_yuan;
  double sigma;
  int compliant_low;
  int compliant_high;
  int stay_low;
  int stay_spread;  // stay = low + Below(spread) + Below(spread)
};
constexpr HospitalCosts kTownshipCosts = {1'500, 0.50, 900, 990, 3, 5};
constexpr HospitalCosts kCountyCosts = {5'000, 0.70, 780, 930, 4, 7};
constexpr HospitalCosts kCityCosts = {11'000, 0.80, 700, 900, 5, 9};
constexpr double kMinCostYuan = 150;
constexpr double kMaxCostYuan = 800'000;

int64_t RoundYuan(double yuan) {
  return std::llround(yuan);
}

int AgeBandIndex(int age) {
  return age < 18 ? 0 : age < 60 ? 1 : age < 80 ? 2 : 3;
}

int FirstAdmissionPerMille(const Member& member) {
  int per_mille = 0;
  for (const AdmissionRate& rate : kAdmissionPerMille) {
    if (member.age >= rate.first_age) per_mille = rate.per_mille;
  }
  if (member.sex == Sex::kFemale && member.age >= 20 && member.age <= 39) {
    per_mille += kChildbirthPerMille;
  }
  return per_mille;
}

Admission DrawOne(const std::string& hospital, const HospitalCosts& costs,
                  const CountyFigures& county, Random& random) {
  const double median = costs.median_yuan * county.cost_percent / 100;
  const double yuan = std::clamp(random.LogNormal(median, costs.sigma), kMinCostYuan, kMaxCostYuan);
  const int64_t total_fen = RoundYuan(yuan) * 100;
  const auto compliant_per_mille = random.Between(costs.compliant_low, costs.compliant_high);
  const auto spread = static_cast<uint64_t>(costs.stay_spread);
  const auto first_part = static_cast<int>(random.Below(spread));
  const int stay = costs.stay_low + first_part + static_cast<int>(random.Below(spread));
  const Date first = *Date::FromYmd(county.reference_year, 1, 1);
  const int32_t year_days = DaysBetween(first, *Date::FromYmd(county.reference_year + 1, 1, 1));
  const Date admitted =
      first.AddDays(static_cast<int32_t>(random.Below(static_cast<uint64_t>(year_days - stay))));
  return Admission{.hospital = &hospital,
                   .admitted = admitted,
                   .discharged = admitted.AddDays(stay),
                   .total_fen = total_fen,
                   .compliant_fen = total_fen * compliant_per_mille / 1000};
}

}  // namespace

int DisabilityGrade(const Member& member, bool in_program, Random& random) {
  const int per_mille = kDisabilityPerMilleByAge[static_cast<size_t>(AgeBandIndex(member.age))] *
                        (in_program ? kDisabilityProgramFactor : 1);
  if (random.Below(1000) >= static_cast<uint64_t>(per_mille)) return 0;
  int point = static_cast<int>(random.Below(100));
  for (int grade = 1; grade <= 4; ++grade) {
    point -= kGradePercent[static_cast<size_t>(grade - 1)];
    if (point < 0) return grade;
  }
  return 4;
}

int64_t IncomeYuan(const Member& member, bool urban, const CountyFigures& county, Random& random) {
  const IncomeFigures& income = county.income;
  if (member.age < kWorkingFirstAge || member.stage != SchoolStage::kNone) return 0;
  if (member.employee) {
    return member.retired
               ? RoundYuan(random.LogNormal(income.pension_median, income.employee_sigma))
               : RoundYuan(random.LogNormal(income.employee_median, income.employee_sigma));
  }
  if (member.age >= kElderFirstAge) {
    const int median = urban ? income.urban_elder_median : income.rural_elder_median;
    return RoundYuan(random.LogNormal(median, income.elder_sigma));
  }
  if (random.Below(100) <
      static_cast<uint64_t>(urban ? kNoIncomePercentUrban : kNoIncomePercentRural)) {
    return 0;
  }
  const int median = urban ? income.urban_earner_median : income.rural_earner_median;
  return RoundYuan(random.LogNormal(median, income.earner_sigma));
}

void KeepBelowLine(std::vector<int64_t>& incomes_yuan, int64_t line_yuan_per_year) {
  // 90% of the line a month for each member: size × line × 9 / (12 × 10).
  const int64_t limit = static_cast<int64_t>(incomes_yuan.size()) * line_yuan_per_year * 9 / 120;
  int64_t total = 0;
  for (const int64_t income : incomes_yuan) total += income;
  if (total <= limit) return;
  for (int64_t& income : incomes_yuan) income = income * limit / total;
}

void DrawAdmissions(const Member& member, bool urban, const CountyFigures& county,
                    const AdmissionPlaces& places, Random& random,
                    std::vector<Admission>& admissions) {
  admissions.clear();
  const int per_mille = FirstAdmissionPerMille(member) * county.admission_rate_percent / 100;
  if (random.Below(1000) >= static_cast<uint64_t>(per_mille)) return;
  const Placement& placement = urban ? kUrbanPlacement : kRuralPlacement;
  do {
    if (random.Below(100) < static_cast<uint64_t>(placement.township_percent)) {
      admissions.push_back(DrawOne(places.township, kTownshipCosts, county, random));
    } else if (!places.city.empty() &&
               random.Below(100) < static_cast<uint64_t>(placement.city_percent)) {
      const std::string& city = places.city[random.Below(places.city.size())];
      admissions.push_back(DrawOne(city, kCityCosts, county, random));
    } else {
      const bool traditional = random.Below(100) < kTraditionalMedicinePercent;
      admissions.push_back(DrawOne(traditional ? places.county_traditional : places.county_people,
                                   kCountyCosts, county, random));
    }
  } while (admissions.size() < kMaxAdmissions && random.Below(100) < kRepeatPercent);
}

}  // namespace minsheng::synth
