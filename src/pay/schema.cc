#include "pay/schema.h"

namespace minsheng::pay {

namespace {

// Portable SQL only (store.h). A run is recorded before it pays anything, with the pack
// version and the registry time it reads, so that a run stopped half-way resumes reading
// the same registry, and a finished one can be replayed. A receipt is written before its
// transfer and says what the transfer paid and why; a receipt whose transfer is not in
// the ledger is a payment still to be made (the run resumes it), never one made.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE pay_runs (
  run_id TEXT PRIMARY KEY,          -- program/period/version, e.g. school_bus_subsidy/2013-03/1a2b3c4d
  kind TEXT NOT NULL,               -- run, recompute
  program TEXT NOT NULL,
  period TEXT NOT NULL,             -- YYYY-MM
  pack_id TEXT NOT NULL,
  pack_version TEXT NOT NULL,       -- the pack's files' hash (policy/pack.h)
  as_of INTEGER NOT NULL,           -- the registry as recorded up to this moment (ns)
  started_at INTEGER NOT NULL,
  finished_at INTEGER,              -- NULL until every payment is posted
  payees INTEGER NOT NULL,
  total INTEGER NOT NULL            -- fen
);
CREATE TABLE pay_receipts (
  transfer_id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  program TEXT NOT NULL,
  period TEXT NOT NULL,
  person_id TEXT NOT NULL,          -- whom the amount is for
  payee_account TEXT NOT NULL,      -- where it was paid
  amount INTEGER NOT NULL,          -- fen; negative for a recovery
  receipt TEXT NOT NULL             -- JSON (docs/pay.md)
);
CREATE INDEX pay_receipts_person ON pay_receipts (person_id);
CREATE INDEX pay_receipts_run ON pay_receipts (run_id);
CREATE INDEX pay_receipts_program_period ON pay_receipts (program, period);
)sql";

// A receipt cites each policy sentence by its place in the pack; the sentence itself is
// kept once per pack version here, not in each of a month's hundred thousand receipts.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE pay_sources (
  pack_version TEXT NOT NULL,
  place TEXT NOT NULL,              -- file:line in the pack, as receipts cite it
  quote TEXT NOT NULL,              -- the policy text there
  PRIMARY KEY (pack_version, place)
);
)sql";

constexpr store::Migration kMigrations[] = {
    {1, "payment runs and receipts", kVersion1},
    {2, "the policy sentences receipts cite", kVersion2},
};

}  // namespace

std::span<const store::Migration> PayMigrations() {
  return kMigrations;
}

}  // namespace minsheng::pay
