// Payment runs: a program of a pack computed for one month over the registry, and paid
// through the ledger, each payee exactly once, with a receipt for every amount.
//
// A run is named by its program, month and pack version (run_id). It is recorded before
// anything is paid, with the registry time it reads (as_of). Its transfers' ids derive
// from (program, month, whom the amount is for, pack version), so running it again pays
// nothing twice, and a run stopped at any moment — killed, or a store that failed —
// resumes when started again: it reads the registry as of its recorded time, computes the
// same amounts, finds the transfers already posted and posts the rest. A month paid under
// one pack version refuses a run under another: differences are paid by recomputation.
//
// Before posting, the run checks that the payer can cover what is left to pay; when it
// cannot, nothing is posted and the error says by how much the fund falls short.
// Receipts are written before their transfers, batch by batch; transfers go in linked
// batches of up to ledger::kMaxBatchTransfers, each all or nothing.
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

struct PayOptions {
  std::string program;
  Period period = Period::Month(2013, 1);  // a month
  int64_t now = 0;  // nanoseconds: a new run reads the registry as recorded up to now
};

struct RunSummary {
  std::string run_id;
  bool resumed = false;  // the run existed (a re-run, or one stopped half-way)
  int64_t as_of = 0;     // the registry time it read
  int64_t persons = 0;   // persons computed over
  int64_t payees = 0;    // amounts above zero
  int64_t total_fen = 0;
  int64_t posted = 0;    // transfers posted by this call
  int64_t already = 0;   // transfers posted before it
};

Result<RunSummary> Pay(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                       const PayOptions& options);

// Declares payee accounts — payable/person/<resident ID>, payable/org/<org_id> — and
// their parents as runs declare them, for other payments into the same accounts (a 五保
// fund's monthly payments to nursing homes). Those the ledger has are skipped.
Status DeclarePayeeAccounts(ledger::Ledger& ledger, const std::vector<std::string>& codes);

// The id of a payment: pay/<program>/<YYYY-MM>/<person or org>/<first 8 of the version>.
std::string PaymentId(const std::string& program, const Period& period,
                      const std::string& beneficiary, const std::string& pack_version);

}  // namespace minsheng::pay
