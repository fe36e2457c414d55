// An account as JSON, every field by the name docs/ledger.md gives it: the one list of
// them that the journal's declarations and the command's --json output both use.
#pragma once

#include <nlohmann/json.hpp>

#include "ledger/model.h"

namespace minsheng::ledger {

nlohmann::json AccountJson(const Account& account);

}  // namespace minsheng::ledger
