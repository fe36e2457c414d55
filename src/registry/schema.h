// The registry's tables, as migrations of the component "registry" (store/store.h).
#pragma once

#include <span>

#include "store/store.h"

namespace minsheng::registry {

std::span<const store::Migration> RegistryMigrations();

}  // namespace minsheng::registry
