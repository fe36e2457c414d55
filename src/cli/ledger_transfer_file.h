// Transfer files for `minsheng ledger transfer --file`: CSV with a header, or JSONL with
// one object a line, both with the columns of docs/ledger.md. A file is read and checked
// whole — every field, the units of the amounts, the length of linked chains — before
// anything is submitted, then cut into batches that never split a linked chain. Internal
// to cli: only the ledger_*.cc files include it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"
#include "ledger/ledger.h"
#include "ledger/model.h"

namespace minsheng::cli {

// Reads and checks a whole transfer file (.csv or .jsonl); nothing is submitted here.
// Errors name the file, the row or line and the field. A linked chain longer than
// `batch_size` is refused, so that SplitIntoBatches can keep every chain in one batch.
Result<std::vector<ledger::Transfer>> ReadTransferFile(const std::string& path,
                                                       const ledger::Ledger& books,
                                                       size_t batch_size);

// Cuts transfers into batches of at most batch_size, only after a transfer that is not
// linked, so that no chain straddles two batches. ReadTransferFile has checked that
// every chain fits in one, so a cut is always found.
std::vector<std::vector<ledger::Transfer>> SplitIntoBatches(std::vector<ledger::Transfer> transfers,
                                                            size_t batch_size);

}  // namespace minsheng::cli
