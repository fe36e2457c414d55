// A synthetic household's members: their ages, sexes, relations to the head, school and
// employee-insurance status, drawn from the household's own random stream. The age and
// sex structure of the county comes out of these compositions (household.cc holds the
// tables; docs/synth.md shows how close to Shandong's the result is). Pure functions of
// their inputs; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "core/resident_id.h"
#include "synth/random.h"

namespace minsheng::synth {

enum class Relation : uint8_t { kHead, kSpouse, kChild, kParent, kOther };
const char* RelationName(Relation relation);  // "head", "spouse", …

enum class SchoolStage : uint8_t { kNone, kPrimary, kMiddle, kHigh };

// What a household is planned as: its size and the programs it is in.
struct HouseholdPlan {
  uint8_t size = 1;
  uint8_t flags = 0;  // HouseholdFlag bits
};

enum HouseholdFlag : uint8_t {
  kTekunFlag = 1,        // a 特困 elder living alone
  kNursingHomeFlag = 2,  // …in the town's 敬老院
  kDibaoFlag = 4,
  kPovertyFlag = 8,  // 建档立卡
};

struct Member {
  Date birth_date{};
  int age = 0;  // whole years on 1 January of the reference year
  Sex sex = Sex::kMale;
  Relation relation = Relation::kHead;
  SchoolStage stage = SchoolStage::kNone;  // kNone: not a student
  bool employee = false;                   // in the employee medical insurance
  bool retired = false;                    // 60+ (55+ women) employee: a pension, no wage
};

struct CountyFigures;

// The members of one household, head first; exactly plan.size of them, exactly one head.
void BuildMembers(const HouseholdPlan& plan, bool urban, const CountyFigures& county,
                  Random& random, std::vector<Member>& members);

}  // namespace minsheng::synth
