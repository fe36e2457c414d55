// The first pass and the person groups (person_quotas.h).
#include "synth/person_quotas.h"

#include <string>
#include <vector>

namespace minsheng::synth {
namespace {

// Persons in a program have their premiums paid by the government, so nearly all of them
// are insured: a weight of 1000 against 1 for everyone else. Rural students ride the bus
// three times as often as urban ones, who mostly walk to school (assumptions).
constexpr std::array<int64_t, 4> kResidentWeight = {1, 1000, 1, 1000};
constexpr std::array<int64_t, 2> kRiderWeight = {3, 1};

template <size_t N>
Result<std::array<Selection, N>> Quotas(int64_t wanted, const std::array<int64_t, N>& pools,
                                        const std::array<int64_t, N>& weights,
                                        const std::string& what) {
  std::array<int64_t, N> weighted{};
  for (size_t i = 0; i < N; ++i) weighted[i] = weights[i] * pools[i];
  const std::vector<int64_t> chosen = AllocateCapped(wanted, weighted, pools);
  std::array<Selection, N> selections;
  int64_t placed = 0;
  for (size_t i = 0; i < N; ++i) {
    selections[i] = Selection(chosen[i], pools[i]);
    placed += chosen[i];
  }
  if (placed < wanted) {
    return InvalidArgument("only " + std::to_string(placed) + " persons can be " + what + ", not " +
                           std::to_string(wanted) + "; the scale is too small");
  }
  return selections;
}

}  // namespace

uint64_t HouseholdSeed(const CountyPlan& plan, const TownPlan& town, size_t household) {
  return StreamSeed(plan.seed, static_cast<uint64_t>(Stream::kHousehold),
                    std::stoull(town.town->code), household);
}

int ResidentGroup(const Member& member, bool urban, uint8_t flags) {
  if (member.employee) return -1;
  const bool in_program = (flags & (kTekunFlag | kDibaoFlag | kPovertyFlag)) != 0;
  return (urban ? 2 : 0) + (in_program ? 1 : 0);
}

int RiderGroup(const Member& member, bool urban) {
  if (member.stage != SchoolStage::kPrimary && member.stage != SchoolStage::kMiddle) return -1;
  return urban ? 1 : 0;
}

Result<PersonQuotas> CountPersonQuotas(const CountyPlan& plan) {
  std::array<int64_t, 4> resident_pool{};
  std::array<int64_t, 2> rider_pool{};
  std::vector<Member> members;
  for (const TownPlan& town : plan.towns) {
    for (size_t h = 0; h < town.households.size(); ++h) {
      Random random(HouseholdSeed(plan, town, h));
      BuildMembers(town.households[h], town.urban, *plan.figures, random, members);
      for (const Member& member : members) {
        if (const int group = ResidentGroup(member, town.urban, town.households[h].flags);
            group >= 0) {
          ++resident_pool[static_cast<size_t>(group)];
        }
        if (const int group = RiderGroup(member, town.urban); group >= 0) {
          ++rider_pool[static_cast<size_t>(group)];
        }
      }
    }
  }
  auto resident = Quotas(plan.resident_insured, resident_pool, kResidentWeight, "resident-insured");
  if (!resident.ok()) return resident.status();
  auto riders = Quotas(plan.school_bus_riders, rider_pool, kRiderWeight, "school-bus riders");
  if (!riders.ok()) return riders.status();
  return PersonQuotas{.resident = *resident, .riders = *riders};
}

}  // namespace minsheng::synth
