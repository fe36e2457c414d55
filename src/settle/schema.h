// The settlement's tables (settle_claims, settle_lines) as migrations of the component
// "settle" (store.h, Migrate).
#pragma once

#include <span>

#include "store/store.h"

namespace minsheng::settle {

std::span<const store::Migration> SettleMigrations();

}  // namespace minsheng::settle
