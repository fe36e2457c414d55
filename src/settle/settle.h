// Settling claims into the books (docs/settle.md): every claim recorded once, every year
// of a person that a new claim touches settled again through the pack's stages, and what
// each stage owes on each claim brought to what the ledger holds — a transfer per
// difference, written first as a line with the inputs the stage read.
//
// A claim arriving late (discharged before claims settled already) changes the later
// claims of its person's year: their differences are posted, and nothing else. A run
// stopped at any moment leaves whole linked batches in the ledger; run again with the
// same claims, it finds them recorded, settles the same years, and posts what is left.
// Transfer ids are settle/<claim>/<stage>/<n>: the n-th transfer of a stage on a claim.
// Each settled claim is stored with its self-pay and the year's accumulators up to and
// including it (year to date): a person's year stands in its last settled claim.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/interpreter.h"
#include "ledger/ledger.h"
#include "policy/pack.h"
#include "settle/claim.h"
#include "store/store.h"

namespace minsheng::settle {

struct SettleOptions {
  SettleOptions(int64_t recorded_at = 0) : now(recorded_at) {}  // NOLINT: {now} reads as it should
  int64_t now = 0;  // when the claims are recorded (ns); the registry as recorded up to now
  // For tests: runs after the cascade, before anything is recorded (another settlement
  // racing this one).
  std::function<void()> before_recording;
};

struct StageTotal {
  std::string stage;
  int64_t fen = 0;  // the net amount the stage's transfers posted now moved to payees
};

struct SettleSummary {
  int64_t claims = 0;        // asked for
  int64_t recorded = 0;      // recorded now
  int64_t known = 0;         // recorded before with the same data
  int64_t person_years = 0;  // settled (again)
  int64_t posted = 0;        // transfers posted now
  int64_t adjustments = 0;   // of them, on claims recorded before this call (differences)
  int64_t already = 0;       // found posted by an earlier, stopped run
  std::vector<StageTotal> stages;  // one per stage of the pack, in order
  // Where the time went, in seconds: reading the years' claims recorded before, the
  // registry (the new claims' patients' facts), the cascade (and the lines, in memory),
  // recording (claims, settlements, lines), posting (the ledger's batches).
  struct Times {
    double years = 0, registry = 0, cascade = 0, recording = 0, posting = 0;
  } times;
};

// Records `claims` (as claims_file.h reads and checks them) and settles the years of a
// person they touch. Fails, changing nothing, when a claim names a person or hospital
// the registry does not hold, or reuses the id of a claim recorded with other data; and
// when another settlement or cancellation recorded claims between this one's reading of
// its years and its recording (it would have settled them without the other's claims):
// run it again.
Result<SettleSummary> Settle(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                             std::vector<Claim> claims, const SettleOptions& options);

// Cancels a recorded claim: what its stages were paid goes back to their payers, and the
// rest of its person's year is settled again.
Result<SettleSummary> Cancel(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                             std::string_view claim_id, const SettleOptions& options);

// What one claim's stages owe, why, and what the ledger holds.
struct StageLine {
  const policy::Stage* stage = nullptr;
  int64_t due_fen = 0;     // under the pack, the person's year as recorded now
  int64_t posted_fen = 0;  // the sum of the claim's posted transfers for the stage
  engine::Explanation explanation;
};

// A person's year of settled claims: what the stages read as the year's accumulators.
struct YearTotals {
  int64_t admissions = 0;
  int64_t total_fen = 0;
  int64_t compliant_fen = 0;
  int64_t self_pay_fen = 0;
  std::vector<int64_t> paid_fen;  // by stage, in the pack's order
  // The sums the stages read as `year_before.x`, over the whole year: (x, value as text).
  std::vector<std::pair<std::string, std::string>> accumulators;
};

struct ClaimStatement {
  Claim claim;
  std::string status;          // settled, cancelled
  std::string hospital_level;
  std::vector<StageLine> lines;  // one per stage, in order
  int64_t self_pay_fen = 0;      // total cost less every stage's due amount
  struct Transfer {
    std::string id;
    int64_t amount_fen = 0;  // negative: paid back
  };
  std::vector<Transfer> transfers;  // the claim's posted transfers
  YearTotals year;                  // the patient's year, this claim's included
};

Result<ClaimStatement> ExplainSettled(store::Store& store, const ledger::Ledger& ledger,
                                      const policy::Pack& pack, std::string_view claim_id);

// Applies the settlement's migrations (and the registry's) the store has not seen.
Status MigrateSettleTables(store::Store& store);

}  // namespace minsheng::settle
