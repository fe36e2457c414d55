#include "settle/schema.h"

namespace minsheng::settle {

namespace {

// Portable SQL only (store.h). A claim is recorded once, with the patient's facts as the
// registry gave them when it was first settled (so that settling the person's year again
// reads the same facts). A line is one transfer a stage posted on a claim — its first
// payment, or a difference after the year was settled again — written before the
// transfer, with the inputs the stage read: a line whose transfer is not in the ledger is
// a payment still to be made, never one made.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE settle_claims (
  claim_id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  year INTEGER NOT NULL,             -- the discharge's calendar year
  hospital TEXT NOT NULL,            -- org id
  hospital_level TEXT NOT NULL,      -- village, township, county, city, out_of_area
  admitted TEXT NOT NULL,            -- YYYY-MM-DD
  discharged TEXT NOT NULL,
  total_cost INTEGER NOT NULL,       -- fen
  compliant_cost INTEGER NOT NULL,   -- fen
  diagnosis TEXT NOT NULL,           -- "" when not given
  items TEXT NOT NULL,               -- JSON [{"category", "cost"}]
  person_facts TEXT NOT NULL,        -- JSON {person variable: value as text}
  status TEXT NOT NULL,              -- settled, cancelled
  recorded_at INTEGER NOT NULL,      -- ns
  cancelled_at INTEGER
);
CREATE INDEX settle_claims_person_year ON settle_claims (person_id, year);
CREATE TABLE settle_lines (
  transfer_id TEXT PRIMARY KEY,      -- settle/<claim>/<stage>/<n>
  claim_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  amount INTEGER NOT NULL,           -- fen; negative: paid back to the payer
  payer_account TEXT NOT NULL,
  payee_account TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  inputs TEXT NOT NULL,              -- JSON {claim input: value as text}, as the stage read them
  recorded_at INTEGER NOT NULL
);
CREATE INDEX settle_lines_claim ON settle_lines (claim_id);
)sql";

// A person's year as its claims settle: what each stage paid, the self-pay, the
// admissions, and the accumulators the stages read (the year's sums of the variables
// their `year_before` inputs name: deductibles met, caps used), for the desk and the
// bureau to read.
// Written after the year's lines are posted; a settlement stopped before it leaves the
// previous figures, which the next settlement of the year replaces.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE settle_years (
  person_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  admissions INTEGER NOT NULL,       -- settled claims of the year
  total_cost INTEGER NOT NULL,       -- fen
  compliant_cost INTEGER NOT NULL,   -- fen
  self_pay INTEGER NOT NULL,         -- fen: total cost less every stage's payment
  paid TEXT NOT NULL,                -- JSON {stage: amount as text}
  accumulators TEXT NOT NULL,        -- JSON {claim variable: the year's sum as text}, what year_before reads
  settled_at INTEGER NOT NULL,       -- ns
  PRIMARY KEY (person_id, year)
);
)sql";

// Each claim carries its own settlement: the patient's self-pay on it and the year's
// accumulators up to and including it (year to date, as a statement shows a running
// balance), so a person's year stands in its last settled claim and in its claims' and
// lines' sums. It replaces settle_years, a second row per person and year that cost a
// third of a settlement's writes. A claim recorded before this version has NULL in both
// until its year is settled again (a later or cancelled claim of the year, or the same
// claims submitted again); so has a cancelled claim.
constexpr const char* kVersion3 = R"sql(
ALTER TABLE settle_claims ADD COLUMN self_pay INTEGER;    -- fen: total cost less every stage's due amount
ALTER TABLE settle_claims ADD COLUMN year_to_date TEXT;   -- JSON {claim variable: the year's sum so far as text}, the sums year_before reads, those not zero
DROP TABLE settle_years;
)sql";

// Every recording of claims — a settlement's claims, settlements and lines; a
// cancellation — counts itself here, in the transaction that records it. A settlement
// reads the count with the claims of its years, and records only if the count is still
// the same: two settlements of a person's year at once would otherwise each settle it
// without the other's claims (settle.h).
constexpr const char* kVersion4 = R"sql(
CREATE TABLE settle_state (
  id INTEGER PRIMARY KEY,            -- always 1: one row
  recordings INTEGER NOT NULL
);
INSERT INTO settle_state (id, recordings) VALUES (1, 0);
)sql";

// A leaner row for what a city's settlement writes by the million. The patients' facts
// take few distinct values (a scheme, a few yes or no): each is stored once in
// settle_facts, and a claim names it (82 bytes of JSON a claim before). A line no longer
// repeats its transfer's accounts, which the ledger's journal holds under the same
// transfer id (65 bytes a line): together a sixth of the rows' bytes, and a settlement's
// commit half as long (bench/settle_write_floor.sh).
constexpr const char* kVersion5 = R"sql(
CREATE TABLE settle_facts (
  id INTEGER PRIMARY KEY,            -- 1, 2, 3 … given by the settlement that first needs it
  facts TEXT NOT NULL UNIQUE         -- JSON {person variable: value as text}
);
INSERT INTO settle_facts (id, facts)
  SELECT ROW_NUMBER() OVER (ORDER BY person_facts), person_facts
  FROM (SELECT DISTINCT person_facts FROM settle_claims) AS distinct_facts;
ALTER TABLE settle_claims ADD COLUMN facts_id INTEGER NOT NULL DEFAULT 0;  -- settle_facts.id
UPDATE settle_claims SET facts_id = (SELECT id FROM settle_facts WHERE facts = settle_claims.person_facts);
ALTER TABLE settle_claims DROP COLUMN person_facts;
ALTER TABLE settle_lines DROP COLUMN payer_account;
ALTER TABLE settle_lines DROP COLUMN payee_account;
)sql";

constexpr store::Migration kMigrations[] = {{1, "claims and their lines", kVersion1},
                                            {2, "each person's year of claims", kVersion2},
                                            {3, "each claim's self-pay and year to date", kVersion3},
                                            {4, "the recordings counted", kVersion4},
                                            {5, "the patients' facts stored once, lines without accounts",
                                             kVersion5}};

}  // namespace

std::span<const store::Migration> SettleMigrations() { return kMigrations; }

}  // namespace minsheng::settle
