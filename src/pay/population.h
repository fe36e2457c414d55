// The engine's population for one period from the registry: the persons and households
// of a RegistryView as a pack's member and group entities, and each input variable of the
// pack that the registry knows (docs/registry.md, "Registry variables") filled from it.
// Inputs the registry does not know take their defaults.
#pragma once

#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "engine/table.h"
#include "policy/pack.h"
#include "registry/view.h"

namespace minsheng::pay {

struct RegistryPopulation {
  engine::Population population;  // member rows are persons, group rows households
  // For each member row, the person's index in the view; for each group row, the
  // household's (members are sorted by household, so the two orders differ).
  std::vector<uint32_t> member_person;
  // The inputs filled from the registry, and those left at their defaults.
  std::vector<std::string> filled, defaulted;
};

// The tables beyond persons and households that the pack's registry inputs are read
// from: what a view for PopulationFromRegistry needs to load (RegistryView::Load).
registry::ViewTables TablesRead(const policy::Pack& pack);

// Fails when the pack has no member entity with a group, or declares a registry variable
// with another type than the registry gives (the message names both).
Result<RegistryPopulation> PopulationFromRegistry(const policy::Pack& pack,
                                                  const registry::RegistryView& view);

// The same for one month of a longer view (a simulation's year read once): the persons
// and households as the view has them, but the enrollments in force in the month, the
// admissions discharged in it, and ages on its first day. `month` lies within the view's
// span. With the month equal to the view's span, the same as the call above.
Result<RegistryPopulation> PopulationFromRegistry(const policy::Pack& pack,
                                                  const registry::RegistryView& view,
                                                  const Period& month);

// Moves a population built from `view` (the call above) to another period within the
// view's span: fills again only the inputs that depend on the days (enrollments in force,
// admissions discharged, ages), leaving the persons, households, ids and the other
// columns as they are. The same as building it for that period, at a fraction of the cost.
Status RefillForPeriod(const policy::Pack& pack, const registry::RegistryView& view, const Period& period,
                       RegistryPopulation& built);

}  // namespace minsheng::pay
