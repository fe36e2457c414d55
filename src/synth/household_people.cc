// The rest of a member's demography once the ages are known (household.h): the birth
// date, school and employee medical insurance.
#include <vector>

#include "synth/calibration.h"
#include "synth/household.h"

namespace minsheng::synth {
namespace {

// School by age on 1 January: primary 6–11, junior middle 12–14 (both compulsory, nearly
// everyone attends), senior high or vocational 15–17 (assumption: 90% urban, 80% rural).
constexpr int kPrimaryFirstAge = 6;
constexpr int kMiddleFirstAge = 12;
constexpr int kHighFirstAge = 15;
constexpr int kHighLastAge = 17;
constexpr int kCompulsoryPerMille = 995;
constexpr int kHighPerMilleUrban = 900;
constexpr int kHighPerMilleRural = 800;

// Working age for employee insurance, and the age employees retire at (men 60, women 50 to
// 55; 55 is taken).
constexpr int kWorkingFirstAge = 18;
constexpr int kRetirementAgeMale = 60;
constexpr int kRetirementAgeFemale = 55;

bool Draw(Random& random, int per_mille) {
  return random.Below(1000) < static_cast<uint64_t>(per_mille);
}

SchoolStage Stage(int age, bool urban, Random& random) {
  if (age < kPrimaryFirstAge || age > kHighLastAge) return SchoolStage::kNone;
  if (age >= kHighFirstAge) {
    return Draw(random, urban ? kHighPerMilleUrban : kHighPerMilleRural) ? SchoolStage::kHigh
                                                                         : SchoolStage::kNone;
  }
  if (!Draw(random, kCompulsoryPerMille)) return SchoolStage::kNone;
  return age >= kMiddleFirstAge ? SchoolStage::kMiddle : SchoolStage::kPrimary;
}

}  // namespace

void CompleteMembers(bool urban, bool in_program, const CountyFigures& county, Random& random,
                     std::vector<Member>& members) {
  const int year = county.reference_year;
  for (Member& member : members) {
    // Born between 2 January of (year - 1 - age) and 1 January of (year - age): exactly
    // `age` whole years old on 1 January of the reference year.
    const Date first = *Date::FromYmd(year - 1 - member.age, 1, 2);
    const Date last = *Date::FromYmd(year - member.age, 1, 1);
    member.birth_date = first.AddDays(
        static_cast<int32_t>(random.Below(static_cast<uint64_t>(DaysBetween(first, last)) + 1)));
    member.stage = Stage(member.age, urban, random);
    // Households in 特困, dibao or 建档立卡 have no employee in the family, by definition
    // nearly: a job with employee insurance would lift them out.
    if (member.stage != SchoolStage::kNone || member.age < kWorkingFirstAge || in_program) continue;
    const int retirement_age = member.sex == Sex::kMale ? kRetirementAgeMale : kRetirementAgeFemale;
    member.retired = member.age >= retirement_age;
    const int per_mille = member.retired ? (urban ? county.employee_per_mille_urban_retired
                                                  : county.employee_per_mille_rural_retired)
                                         : (urban ? county.employee_per_mille_urban_working
                                                  : county.employee_per_mille_rural_working);
    member.employee = Draw(random, per_mille);
    if (!member.employee) member.retired = false;
  }
}

}  // namespace minsheng::synth
