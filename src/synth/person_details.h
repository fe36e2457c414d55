// What a synthetic person has beyond demography: a disability grade, a monthly income,
// and inpatient admissions over the reference year. Drawn from the household's stream
// after its members; the rates, medians and spreads below are assumptions, listed in
// docs/synth.md. Amounts are drawn as doubles, rounded to whole yuan, and only then
// turned into fen (exactly); nothing else touches money in floating point. Pure
// functions of their inputs; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "synth/household.h"
#include "synth/plan.h"

namespace minsheng::synth {

// 0 (none) to 4: a registered disability (持残疾证).
int DisabilityGrade(const Member& member, bool in_program, Random& random);

// Monthly income in whole yuan: wages, a pension, or a rural elder's basic pension and
// farming; 0 for children and students.
int64_t IncomeYuan(const Member& member, bool urban, const CountyFigures& county, Random& random);

// Lowers the incomes of a household in a means-tested program so that its income per head
// stays below 90% of the line (yuan a year per person): its members would not qualify
// otherwise. Integer arithmetic; the sum ends at or below the limit.
void KeepBelowLine(std::vector<int64_t>& incomes_yuan, int64_t line_yuan_per_year);

struct Admission {
  const std::string* hospital = nullptr;  // the org_id, owned by AdmissionPlaces
  Date admitted;
  Date discharged;
  int64_t total_fen = 0;      // whole yuan
  int64_t compliant_fen = 0;  // the policy-range part, to the fen
};

// The hospitals a town's residents go to: their town's, their district's, the city's.
struct AdmissionPlaces {
  std::string township;
  std::string county_people;
  std::string county_traditional;
  std::vector<std::string> city;  // may be empty (Wudi)
};

// The admissions of one person in the reference year (usually none), each discharged by 31
// December.
void DrawAdmissions(const Member& member, bool urban, const CountyFigures& county,
                    const AdmissionPlaces& places, Random& random,
                    std::vector<Admission>& admissions);

}  // namespace minsheng::synth
