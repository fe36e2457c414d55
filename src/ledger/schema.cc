#include "ledger/schema.h"

namespace minsheng::ledger {

namespace {

// Portable SQL only (store.h): INTEGER is 64-bit in both SQLite and PostgreSQL (BIGINT
// there, which INTEGER PRIMARY KEY positions are given explicitly, never generated).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE ledger_batches (
  seq INTEGER PRIMARY KEY,          -- 1, 2, 3 …
  first_position INTEGER NOT NULL,  -- its entries are first_position … + entry_count - 1
  entry_count INTEGER NOT NULL,
  committed_at INTEGER NOT NULL,    -- nanoseconds since the Unix epoch
  previous_hash TEXT NOT NULL,      -- the previous batch's hash; 64 zeros for the first
  hash TEXT NOT NULL                -- SHA-256 (journal.h), lower-case hex
);
CREATE TABLE ledger_journal (
  position INTEGER PRIMARY KEY,     -- 1, 2, 3 … across all batches
  batch INTEGER NOT NULL,
  kind TEXT NOT NULL,               -- unit, account, close, transfer, refused, expire
  timestamp INTEGER NOT NULL,
  id TEXT NOT NULL,                 -- the unit's or account's code, the transfer's id
  debit_account TEXT,
  credit_account TEXT,
  amount INTEGER,
  unit TEXT,
  purpose TEXT,
  reference TEXT,
  memo TEXT,
  transfer_kind TEXT,               -- plain, pending, post_pending, void_pending
  linked INTEGER,
  pending_id TEXT,
  timeout_seconds INTEGER,
  reversal_of TEXT,
  value_date TEXT,                  -- YYYY-MM-DD (China Standard Time unless given)
  result TEXT,                      -- refused: why (model.h ResultName)
  detail TEXT,                      -- unit, account: the declaration (journal.h)
  row_hash TEXT NOT NULL
);
CREATE UNIQUE INDEX ledger_journal_transfer_id ON ledger_journal (id)
  WHERE kind IN ('transfer', 'refused');
CREATE INDEX ledger_journal_reversal_of ON ledger_journal (reversal_of)
  WHERE reversal_of IS NOT NULL;
CREATE INDEX ledger_journal_debit ON ledger_journal (debit_account, value_date)
  WHERE kind = 'transfer';
CREATE INDEX ledger_journal_credit ON ledger_journal (credit_account, value_date)
  WHERE kind = 'transfer';
CREATE TABLE ledger_units (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  step TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE ledger_accounts (
  code TEXT PRIMARY KEY,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent TEXT NOT NULL,             -- '' for a root
  debits_must_not_exceed_credits INTEGER NOT NULL,
  credits_must_not_exceed_debits INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  earmarks TEXT NOT NULL,           -- purposes separated by '\n'; '' for any
  position INTEGER NOT NULL
);
CREATE TABLE ledger_balances (
  account TEXT PRIMARY KEY,
  debits_posted INTEGER NOT NULL,
  credits_posted INTEGER NOT NULL,
  debits_pending INTEGER NOT NULL,
  credits_pending INTEGER NOT NULL
);
CREATE TABLE ledger_pending (
  id TEXT PRIMARY KEY,              -- the pending transfer's id
  debit_account TEXT NOT NULL,
  credit_account TEXT NOT NULL,
  amount INTEGER NOT NULL,
  unit TEXT NOT NULL,
  expires_at INTEGER NOT NULL,      -- nanoseconds; 0 = never
  state TEXT NOT NULL               -- pending, posted, voided, expired
);
)sql";

// The journal's indexes by debit and by credit account put every transfer's row into
// two random places of two B-trees: a third of a batch's write. Statements and
// disclosures read the journal in one pass per period instead (statement.cc).
constexpr const char* kVersion2 = R"sql(
DROP INDEX ledger_journal_debit;
DROP INDEX ledger_journal_credit;
)sql";

// Balances are written every so many journal rows, not with every batch: ledger_balances
// holds them as of the journal position in ledger_checkpoint, and opening the ledger
// applies the journal's later rows (ledger.h). A store upgraded from version 2 wrote
// its balances with every batch, so they stand at its last position.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE ledger_checkpoint (
  id INTEGER PRIMARY KEY,           -- always 1: one row
  position INTEGER NOT NULL         -- ledger_balances is as of this journal position
);
INSERT INTO ledger_checkpoint (id, position)
  SELECT 1, COALESCE(MAX(position), 0) FROM ledger_journal;
)sql";

constexpr store::Migration kMigrations[] = {
    {1, "journal, batches and derived state", kVersion1},
    {2, "no journal indexes by account", kVersion2},
    {3, "balances checkpointed", kVersion3},
};

}  // namespace

std::span<const store::Migration> LedgerMigrations() {
  return kMigrations;
}

}  // namespace minsheng::ledger
