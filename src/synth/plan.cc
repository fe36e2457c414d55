// PlanCounty (plan.h): persons by district and town, households by size, villages and
// schools. The programs (特困, dibao, 建档立卡) are chosen in plan_programs.cc.
#include "synth/plan.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string>

#include "synth/names.h"
#include "synth/sampling.h"

namespace minsheng::synth {
namespace {

// Household sizes, per cent, sizes 1 to 6 (assumption: near Shandong's 2010 census, about
// 3.0 persons a rural household and 2.8 an urban one; 6 stands for "6 or more").
constexpr std::array<uint64_t, 6> kRuralSizePercent = {11, 28, 27, 21, 9, 4};
constexpr std::array<uint64_t, 6> kUrbanSizePercent = {13, 29, 35, 15, 6, 2};

// Schools a town has, by persons (assumption: a primary school for about 8,000 persons, a
// junior middle school for about 20,000; at least one of each).
constexpr int64_t kPersonsPerPrimarySchool = 8'000;
constexpr int64_t kPersonsPerMiddleSchool = 20'000;

// Towns of a district differ in size: each town's weight is 70–130% of the average, fixed
// by its code (not by --seed), so the split is the same in every run.
int64_t TownJitter(const std::string& code) {
  return 70 + static_cast<int64_t>(Mix64(std::stoull(code)) % 61);
}

int64_t AtLeastOne(int64_t persons, int64_t per_unit) {
  return std::max<int64_t>(1, (persons + per_unit / 2) / per_unit);
}

// Splits a district's persons over its towns: the 街道 share the urban per cent, the 镇
// and 乡 the rest, each by its jitter; or as the county's town table says.
Result<std::vector<int64_t>> TownPersons(const CountyFigures& figures,
                                         const DistrictFigures& district,
                                         std::span<const Town> towns, int64_t persons) {
  std::vector<int64_t> weights;
  if (!figures.towns.empty()) {
    for (const Town& town : towns) {
      const auto listed =
          std::find_if(figures.towns.begin(), figures.towns.end(),
                       [&](const TownFigures& entry) { return entry.code == town.code; });
      if (listed == figures.towns.end()) return Internal("town " + town.code + " has no figures");
      weights.push_back(listed->persons);
    }
  } else {
    int64_t street_jitter = 0;
    int64_t town_jitter = 0;
    for (const Town& town : towns) {
      (town.IsStreet() ? street_jitter : town_jitter) += TownJitter(town.code);
    }
    for (const Town& town : towns) {
      // Weight = group share × own jitter / group's jitter, over a common denominator.
      const int64_t share = town.IsStreet() ? district.urban_percent : 100 - district.urban_percent;
      const int64_t own = TownJitter(town.code);
      weights.push_back(town.IsStreet() ? share * own * town_jitter : share * own * street_jitter);
    }
    if (street_jitter == 0 || town_jitter == 0) {
      for (size_t i = 0; i < towns.size(); ++i) weights[i] = TownJitter(towns[i].code);
    }
  }
  const std::vector<int64_t> no_limit(towns.size(), INT64_MAX);
  return AllocateCapped(persons, weights, no_limit);
}

void PlanHouseholds(TownPlan& plan, uint64_t seed) {
  static const WeightedTable rural(kRuralSizePercent);
  static const WeightedTable urban(kUrbanSizePercent);
  const uint64_t town_number = std::stoull(plan.town->code);
  Random random(StreamSeed(seed, static_cast<uint64_t>(Stream::kHouseholdSizes), town_number));
  int64_t left = plan.persons;
  while (left > 0) {
    const auto size = static_cast<int64_t>((plan.urban ? urban : rural).Pick(random) + 1);
    plan.households.push_back(
        HouseholdPlan{.size = static_cast<uint8_t>(std::min(size, left)), .flags = 0});
    left -= plan.households.back().size;
  }
}

void PlanVillages(TownPlan& plan, const CountyFigures& figures, uint64_t seed) {
  const uint64_t town_number = std::stoull(plan.town->code);
  Random random(StreamSeed(seed, static_cast<uint64_t>(Stream::kVillages), town_number));
  const auto households = static_cast<int64_t>(plan.households.size());
  const int64_t count =
      std::min<int64_t>(std::max<int64_t>(households, 1),
                        AtLeastOne(plan.persons, plan.urban ? figures.persons_per_community
                                                            : figures.persons_per_village));
  // Villages differ in size, 60–140% of the average.
  std::vector<int64_t> weights;
  for (int64_t k = 0; k < count; ++k) weights.push_back(random.Between(60, 140));
  const std::vector<int64_t> no_limit(weights.size(), INT64_MAX);
  const std::vector<int64_t> sizes = AllocateCapped(households, weights, no_limit);
  std::set<std::string> used;
  uint32_t start = 0;
  for (int64_t k = 0; k < count; ++k) {
    plan.village_starts.push_back(start);
    start += static_cast<uint32_t>(sizes[static_cast<size_t>(k)]);
    // Communities are named from a list; each 街道 starts at its own place in it.
    const auto first_community = static_cast<int>(Mix64(town_number) % 60);
    std::string name =
        plan.urban ? CommunityName(first_community, static_cast<int>(k)) : VillageName(random);
    // Two villages of a town never share a name: draw again, then number it.
    for (int attempt = 0; attempt < 20 && used.contains(name); ++attempt) {
      name = VillageName(random);
    }
    if (used.contains(name)) {
      name.insert(name.size() - std::string("村").size(), std::to_string(k + 1));
    }
    used.insert(name);
    plan.village_names.push_back(std::move(name));
  }
}

}  // namespace

int64_t Scaled(int64_t count, double scale) {
  return std::llround(static_cast<double>(count) * scale);
}

// Defined in plan_programs.cc.
Status PlanPrograms(CountyPlan& plan);

Result<CountyPlan> PlanCounty(const CountyFigures& figures, double scale, uint64_t seed) {
  if (!(scale > 0 && scale <= 1)) {
    return InvalidArgument("scale must be more than 0 and at most 1, not " + std::to_string(scale));
  }
  CountyPlan plan{.figures = &figures, .scale = scale, .seed = seed};
  std::vector<int64_t> district_weights;
  int64_t persons_at_full_scale = 0;
  for (const DistrictFigures& district : figures.districts) {
    district_weights.push_back(district.persons);
    persons_at_full_scale += district.persons;
  }
  plan.persons = Scaled(persons_at_full_scale, scale);
  plan.resident_insured = Scaled(figures.resident_insured, scale);
  plan.school_bus_riders = Scaled(figures.school_bus_riders, scale);
  plan.dibao_households = Scaled(figures.dibao_households, scale);
  plan.tekun_persons = Scaled(figures.tekun_persons, scale);
  plan.poverty_households = Scaled(figures.poverty_households, scale);
  plan.poverty_persons = Scaled(figures.poverty_persons, scale);

  const std::vector<int64_t> no_limit(district_weights.size(), INT64_MAX);
  const std::vector<int64_t> district_persons =
      AllocateCapped(plan.persons, district_weights, no_limit);
  for (size_t d = 0; d < figures.districts.size(); ++d) {
    const DistrictFigures& district = figures.districts[d];
    const std::span<const Town> towns = TownTable::Builtin().Of(district.code);
    if (towns.empty()) return Internal("district " + std::string(district.code) + " has no towns");
    Result<std::vector<int64_t>> town_persons =
        TownPersons(figures, district, towns, district_persons[d]);
    if (!town_persons.ok()) return town_persons.status();
    for (size_t t = 0; t < towns.size(); ++t) {
      TownPlan town{.town = &towns[t],
                    .district = static_cast<int>(d),
                    .urban = towns[t].IsStreet(),
                    .persons = (*town_persons)[t]};
      PlanHouseholds(town, seed);
      PlanVillages(town, figures, seed);
      town.primary_schools = static_cast<int>(AtLeastOne(town.persons, kPersonsPerPrimarySchool));
      town.middle_schools = static_cast<int>(AtLeastOne(town.persons, kPersonsPerMiddleSchool));
      plan.towns.push_back(std::move(town));
    }
  }
  if (Status programs = PlanPrograms(plan); !programs.ok()) return programs;
  return plan;
}

}  // namespace minsheng::synth
