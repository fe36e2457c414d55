// Internal to the ledger: how a unit's or an account's declaration is kept in its
// journal row's `detail` (canonical JSON: keys sorted, so the row hash is stable), and
// the derived tables that hold them for lookups.
#pragma once

#include <string>

#include "core/status.h"
#include "ledger/model.h"
#include "store/store.h"

namespace minsheng::ledger {

std::string UnitDetail(const Unit& unit);
Result<Unit> UnitFromDetail(const std::string& code, const std::string& detail);

std::string AccountDetail(const Account& account);
Result<Account> AccountFromDetail(const std::string& code, const std::string& detail);

// Rows of ledger_units and ledger_accounts (the derived tables).
Status InsertUnitRow(store::Store& store, const Unit& unit, int64_t position);
Status InsertAccountRow(store::Store& store, const Account& account, int64_t position);
Status MarkAccountClosed(store::Store& store, const std::string& code);

// Earmarks as ledger_accounts keeps them: purposes separated by '\n'.
std::string JoinEarmarks(const std::vector<std::string>& earmarks);
std::vector<std::string> SplitEarmarks(const std::string& joined);

}  // namespace minsheng::ledger
