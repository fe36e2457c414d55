// The plan of a synthetic county: its towns with their persons, each town's households
// (size and programs), villages and schools. Small enough to hold whole (two bytes a
// household; Zibo's 1.6 million households take 3 MB), and it fixes every exact count:
// the persons of each town, and which households are in 特困, dibao and 建档立卡.
// Persons are drawn later, household by household, from streams the plan does not touch.
// A CountyPlan is a value; PlanCounty is a pure function of its arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/town.h"
#include "synth/calibration.h"
#include "synth/household.h"

namespace minsheng::synth {

// What each random stream is for: part of its seed (StreamSeed), so streams never overlap.
enum class Stream : uint64_t {
  kHouseholdSizes = 1,
  kVillages,
  kTekun,
  kDibao,
  kPoverty,
  kHousehold,  // one per household: members, names, incomes, admissions
  kResidentInsurance,
  kSchoolBus,
  kOrgs,
};

struct TownPlan {
  const Town* town = nullptr;  // in TownTable::Builtin()
  int district = 0;            // index into CountyFigures::districts
  bool urban = false;          // a 街道
  int64_t persons = 0;
  std::vector<HouseholdPlan> households{};
  // Village k holds households [village_starts[k], village_starts[k + 1]) (the last runs to
  // the end); villages are 村 in a 镇 and 社区 in a 街道.
  std::vector<uint32_t> village_starts{};
  std::vector<std::string> village_names{};
  int primary_schools = 1;
  int middle_schools = 1;
};

struct CountyPlan {
  const CountyFigures* figures = nullptr;
  double scale = 1;
  uint64_t seed = 1;
  std::vector<TownPlan> towns{};
  // The calibrated counts at this scale; the plan and the persons meet them exactly.
  int64_t persons = 0;
  int64_t resident_insured = 0;
  int64_t school_bus_riders = 0;
  int64_t dibao_households = 0;
  int64_t tekun_persons = 0;
  int64_t poverty_households = 0;
  int64_t poverty_persons = 0;
};

// A count at the scale: count × scale rounded to the nearest whole number.
int64_t Scaled(int64_t count, double scale);

// Plans the county. Errors: a scale outside (0, 1], or a scale so small that an exact count
// cannot be placed (no household of the size it needs).
Result<CountyPlan> PlanCounty(const CountyFigures& figures, double scale, uint64_t seed);

}  // namespace minsheng::synth
