// The engine's population for one period from the registry: the persons and households
// of a RegistryView as a pack's member and group entities, and each input variable of the
// pack that the registry knows (docs/registry.md, "Registry variables") filled from it.
// Inputs the registry does not know take their defaults.
#pragma once

#include <string>
#include <vector>

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

// Fails when the pack has no member entity with a group, or declares a registry variable
// with another type than the registry gives (the message names both).
Result<RegistryPopulation> PopulationFromRegistry(const policy::Pack& pack,
                                                  const registry::RegistryView& view);

}  // namespace minsheng::pay
