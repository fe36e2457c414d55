// Internal to the ledger: deciding a batch of transfers within a Draft.
#pragma once

#include <vector>

#include "core/status.h"
#include "ledger/draft.h"
#include "store/store.h"

namespace minsheng::ledger {

// Decides `transfers` (one batch) in `draft`, appending its rows with `batch` as their
// batch number: first the pending transfers whose timeout has passed are expired, then
// each transfer or linked chain in order. Without `look_up_ids`, every id the draft has
// not decided is taken as new to the store: the caller's insert of the rows must then
// fail on the journal's unique id index for an id the store knows. A non-OK Status
// means a lookup in the store failed; the draft is then to be discarded.
Result<std::vector<TransferResult>> DecideBatch(store::Store& store, Draft& draft, int64_t batch,
                                               const std::vector<Transfer>& transfers,
                                               bool look_up_ids);

}  // namespace minsheng::ledger
