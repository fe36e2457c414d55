// The ledger's tables, as versioned migrations of the component "ledger".
//
// ledger_journal is the record: every unit, account, closing, transfer (accepted or
// refused) and expiry, one row each at a global position, grouped into committed
// batches (ledger_batches) whose hashes chain. Everything else is derived from it and
// checked against it by the audit: ledger_units, ledger_accounts, ledger_balances and
// ledger_pending are the current state, kept in the same transaction as the journal so
// that opening the ledger need not replay it.
#pragma once

#include <span>

#include "store/store.h"

namespace minsheng::ledger {

// The journal's row kinds (ledger_journal.kind).
inline constexpr const char* kEntryUnit = "unit";
inline constexpr const char* kEntryAccount = "account";
inline constexpr const char* kEntryClose = "close";        // id = the account closed
inline constexpr const char* kEntryTransfer = "transfer";  // accepted
inline constexpr const char* kEntryRefused = "refused";    // result = why
inline constexpr const char* kEntryExpire = "expire";      // id = the pending released

std::span<const store::Migration> LedgerMigrations();

}  // namespace minsheng::ledger
