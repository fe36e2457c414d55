// Receipts: what each payment paid and why, stored beside the payment (pay_receipts).
//
// A receipt holds the payment (transfer id, run, program, period, whom it is for, the
// accounts, the amount), the pack's id and version and the registry time the run read,
// every input the amount used with the registry records it came from (table, row and
// when each was recorded), every parameter with its value, effective date and source
// sentence, and the explanation tree (engine/interpreter.h) rendered in Chinese and
// English. Its JSON is the API's and the command's `--json`; docs/pay.md lists the fields.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/period.h"
#include "core/status.h"
#include "engine/interpreter.h"
#include "policy/pack.h"
#include "registry/view.h"
#include "store/store.h"

namespace minsheng::pay {

// What a receipt says of the payment itself.
struct PaymentFacts {
  std::string transfer_id;
  std::string run_id;
  std::string kind = "payment";  // payment, arrears, recovery
  std::string person_id;         // whom the amount is for
  std::string household_id;
  std::string payer_account;
  std::string payee_account;
  int64_t amount_fen = 0;
  Period period = Period::Month(2013, 1);
  // An adjustment's: what was paid before it; what is due now is that and amount_fen.
  std::optional<int64_t> paid_before_fen;
};

// The receipt of one payment, as JSON text: `explanation` explains the program's variable
// for the person's row; `person` is the person's index in `view`. Written directly, not
// built as a tree: a run writes one for every payee.
std::string BuildReceipt(const PaymentFacts& payment, const policy::Pack& pack,
                                    const policy::Program& program,
                                    const registry::RegistryView& view, uint32_t person,
                                    const engine::Explanation& explanation);

// The receipt of an adjustment for a person the registry no longer holds in the month:
// nothing is due, so there is nothing to explain but that.
std::string AbsentPersonReceipt(const PaymentFacts& payment, const policy::Pack& pack,
                                           const policy::Program& program,
                                           const registry::RegistryView& view);

// Records the policy sentences of the pack, each once per pack version (pay_sources):
// receipts cite them by place.
Status RecordSources(store::Store& store, const policy::Pack& pack);

// The receipt with the sentences it cites (from pay_sources): each parameter's `quote`,
// and `quotes`, one {place, quote} per cited place. For showing it.
Result<nlohmann::ordered_json> WithQuotes(store::Store& store, nlohmann::ordered_json receipt);

// The receipt as people read it, in Chinese ("zh") or English ("en").
std::string RenderReceipt(const nlohmann::ordered_json& receipt, const std::string& language);

// A moment as UTC text: 2026-11-24T06:00:11Z.
std::string RecordedAtText(int64_t nanoseconds);


}  // namespace minsheng::pay
