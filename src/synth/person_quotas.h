// The exact person counts (resident medical insurance, school-bus riders) and the first
// pass that makes them exact: every household's members are drawn once to count who
// could be chosen, by group; the writing pass draws the same members again (same streams)
// and chooses exactly the wanted number from each group by selection sampling.
// PersonQuotas is a value; one thread at a time.
#pragma once

#include <array>
#include <cstdint>

#include "core/status.h"
#include "synth/household.h"
#include "synth/plan.h"
#include "synth/sampling.h"

namespace minsheng::synth {

// The seed of a household's own stream: its members, names, incomes and admissions.
uint64_t HouseholdSeed(const CountyPlan& plan, const TownPlan& town, size_t household);

// Who can be in the resident medical insurance (everyone not in the employee scheme), by
// group: 0 rural, 1 rural in a program (特困, dibao, 建档立卡), 2 urban, 3 urban in a program.
int ResidentGroup(const Member& member, bool urban, uint8_t flags);
// Who can ride the school bus (a primary or junior middle student), by group: 0 rural,
// 1 urban; -1 for everyone else.
int RiderGroup(const Member& member, bool urban);

struct PersonQuotas {
  std::array<Selection, 4> resident;
  std::array<Selection, 2> riders;
};

// The first pass. Errors when the wanted counts do not fit the persons (a scale so small
// that, say, more riders are wanted than there are students).
Result<PersonQuotas> CountPersonQuotas(const CountyPlan& plan);

}  // namespace minsheng::synth
