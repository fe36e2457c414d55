// Internal to pay: what a payment run, a replay and a recomputation share — a month's
// amounts computed over the registry as of a time, the payees' accounts, the cover check,
// receipts and transfers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/period.h"
#include "core/status.h"
#include "engine/values.h"
#include "ledger/ledger.h"
#include "pay/population.h"
#include "policy/pack.h"
#include "registry/view.h"
#include "store/store.h"

namespace minsheng::pay {

// One amount for one person: paid by a run, or an adjustment of a recomputation
// (negative: a recovery, paid from the payee's account back to the payer).
struct Payment {
  uint32_t row = 0;     // the program variable's row (a person, or a household)
  uint32_t person = 0;  // whom it is for: the person's index in the view
  std::string beneficiary;
  std::string payee_account;
  std::string transfer_id;
  int64_t amount_fen = 0;
  std::optional<int64_t> paid_before_fen;  // an adjustment's: what was paid before it
};

// A month of a program computed over the registry as recorded up to `as_of`. Holds the
// view and population the payments' rows and persons index into.
struct MonthComputation {
  registry::RegistryView view;
  RegistryPopulation built;
  int variable = -1;  // the program's variable
  std::vector<Payment> payments;  // every amount above zero, with the run's transfer ids
};

Result<const policy::Program*> FindProgram(const policy::Pack& pack, const std::string& name);

Result<std::unique_ptr<MonthComputation>> ComputeMonth(store::Store& store, const policy::Pack& pack,
                                                       const policy::Program& program,
                                                       const Period& month, int64_t as_of);

// Declares the accounts (and their parents) of the payees paid an amount above zero that
// the ledger does not have yet.
Status DeclarePayees(ledger::Ledger& ledger, std::span<const Payment> payments);

// The payer must hold `left_fen` when it may not be overdrawn; else the error says by
// how much it falls short. Also names a payer the ledger does not have.
Status CheckCover(const ledger::Ledger& ledger, const std::string& payer, int64_t left_fen);

// Writes a receipt (pay_receipts); `replace` rewrites one already there (an adjustment
// not yet posted, recomputed).
Status WriteReceipt(store::Store& store, const Payment& payment, const std::string& run_id,
                    const policy::Program& program, const Period& period, const std::string& json,
                    bool replace = false);

// The payment as a transfer: payer → payee, or payee → payer for a negative amount.
ledger::Transfer TransferOf(const Payment& payment, const policy::Program& program,
                            const std::string& run_id, const Period& period);

// Posts `payments` of `month`, batch by batch: the receipts (of `kind`: payment, arrears,
// recovery; each explaining the program's amount for the person), the payees' accounts
// the ledger does not have yet, then the transfers in a linked batch. Returns (posted now, found posted before). A transfer the ledger
// refuses stops it, naming the transfer and why.
Result<std::pair<int64_t, int64_t>> PostWithReceipts(store::Store& store, ledger::Ledger& ledger,
                                                     const policy::Pack& pack,
                                                     const policy::Program& program,
                                                     const Period& month, const std::string& run_id,
                                                     const MonthComputation& computation,
                                                     const std::vector<Payment>& payments,
                                                     const std::string& kind);

// Applies the registry's and the payment runs' migrations the store has not seen.
Status MigratePayTables(store::Store& store);

// A month's payment run as recorded (pay_runs, kind run), if there is one.
struct RunRecord {
  std::string run_id;
  std::string pack_version;
  int64_t as_of = 0;
};
Result<std::optional<RunRecord>> FindRun(store::Store& store, const std::string& program,
                                         const Period& period);

}  // namespace minsheng::pay
