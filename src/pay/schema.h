// The payment runs' tables, as migrations of the component "pay" (store/store.h).
#pragma once

#include <span>

#include "store/store.h"

namespace minsheng::pay {

std::span<const store::Migration> PayMigrations();

}  // namespace minsheng::pay
