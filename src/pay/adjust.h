// After a run: proving it again (replay), and paying what a later correction changed
// (recomputation).
//
// Replay recomputes a run as it was made — the same pack version, the registry as
// recorded when the run started — and compares each amount with what the ledger posted
// for it: the same to the fen, or each difference listed.
//
// Recomputation computes each month of a range again from the registry as recorded now,
// with the pack given, and compares each person's amount with what the ledger holds as
// paid for that program and month (the run's payment and any adjustment since). Each
// difference is posted as one adjustment: arrears (payer → payee) or a recovery
// (payee → payer; a payee account below zero is a receivable), with a receipt giving
// what was paid, what is due now and why. Running it again posts nothing more; a
// recomputation stopped half-way resumes where it stopped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "ledger/ledger.h"
#include "policy/pack.h"
#include "store/store.h"

namespace minsheng::pay {

struct AmountDifference {
  std::string person_id;
  std::string period;
  int64_t before_fen = 0;  // posted (replay) or paid so far (recomputation)
  int64_t now_fen = 0;     // recomputed
};

struct ReplayReport {
  std::string run_id, program, period, pack_version;
  int64_t as_of = 0;
  int64_t payees = 0;
  int64_t total_fen = 0;
  std::vector<AmountDifference> differences;  // empty: the same amounts, proven
};

Result<ReplayReport> Replay(store::Store& store, const ledger::Ledger& ledger,
                            const policy::Pack& pack, const std::string& run_id);

struct RecomputeOptions {
  std::string program;
  Period first = Period::Month(2013, 1);  // months, first … last
  Period last = Period::Month(2013, 1);
  int64_t now = 0;  // the registry as recorded up to now
};

struct RecomputeSummary {
  std::string run_id;
  std::vector<AmountDifference> adjustments;  // each posted (or found posted) adjustment
  int64_t arrears_fen = 0;
  int64_t recoveries_fen = 0;
  int64_t posted = 0;
};

Result<RecomputeSummary> Recompute(store::Store& store, ledger::Ledger& ledger,
                                   const policy::Pack& pack, const RecomputeOptions& options);

}  // namespace minsheng::pay
