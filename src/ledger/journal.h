// The journal's rows and hashes (internal to the ledger: ledger.cc writes them, audit.cc
// reads them back).
//
// Each row's hash is SHA-256 over a canonical encoding of its fields; each batch's hash
// is SHA-256 over the previous batch's hash, the batch's own fields and its rows'
// hashes in position order. Changing, removing or adding any row therefore changes
// every later batch hash: an auditor who keeps the head hash (published with each
// monthly disclosure) detects any rewrite of history before it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ledger/model.h"
#include "store/store.h"

namespace minsheng::ledger {

// The hash before the first batch.
inline const std::string kGenesisHash(64, '0');

// One ledger_journal row. Empty text is stored as NULL, and NULL read back as empty.
struct JournalRow {
  int64_t position = 0;
  int64_t batch = 0;
  std::string kind;
  int64_t timestamp = 0;
  std::string id;
  std::string debit_account;
  std::string credit_account;
  int64_t amount = 0;
  std::string unit;
  std::string purpose;
  std::string reference;
  std::string memo;
  std::string transfer_kind;
  int64_t linked = 0;
  std::string pending_id;
  int64_t timeout_seconds = 0;
  std::string reversal_of;
  std::string value_date;
  std::string result;
  std::string detail;
  std::string row_hash;
};

struct BatchRow {
  int64_t seq = 0;
  int64_t first_position = 0;
  int64_t entry_count = 0;
  int64_t committed_at = 0;
  std::string previous_hash;
  std::string hash;
};

// SHA-256 of `bytes`, lower-case hex.
std::string Sha256Hex(const std::string& bytes);

// What a journal row does to the balances of its debit and credit accounts, as deciding
// it did: a plain transfer posts `amount`; a pending one reserves it; a post or void
// releases `released` (what the pending transfer reserved), and a post then posts
// `amount`; an expiry releases `released`. Other rows change no balance. For the audit,
// which replays the whole journal, and for opening the ledger, which replays the rows
// after the balances' checkpoint.
void ApplyToBalances(std::string_view kind, std::string_view transfer_kind, int64_t amount,
                     int64_t released, Balance& debit, Balance& credit);

// The row's hash over every field but row_hash itself.
std::string RowHash(const JournalRow& row);

// The batch's hash over its fields (but hash) and its rows' hashes, in order.
std::string BatchHash(const BatchRow& batch, const std::vector<std::string>& row_hashes);
// The same over the rows' own row_hash fields (a commit's rows, hashed in place).
std::string BatchHash(const BatchRow& batch, std::span<const JournalRow> rows);

// Writes rows (in order) and batches (prepared statements; inside the caller's
// transaction). `before_binding(i)`, when given, is called before row i is read: a
// commit's rows are still being hashed while they are written (commit_hasher.h).
Status InsertRows(store::Store& store, const std::vector<JournalRow>& rows,
                  const std::function<void(size_t)>& before_binding = {});
Status InsertBatch(store::Store& store, const BatchRow& batch);

// The columns of ledger_journal in the order ReadRow expects them after SELECT.
extern const char* const kJournalColumns;
// Reads a row selected with kJournalColumns.
JournalRow ReadRow(const store::Statement& statement);

}  // namespace minsheng::ledger
