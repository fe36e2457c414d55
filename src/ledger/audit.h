// Audit: the ledger proves its own integrity from its journal alone.
//
// It reads every batch and row, recomputes each row's hash, each batch's hash and the
// chain between them, replays the journal to recompute every balance and pending
// transfer, and compares the result with the state tables the ledger runs on. Any
// edited, deleted or inserted row is named by its position; so is any derived row that
// disagrees with the journal. A rewrite of the whole chain from some row on is caught
// by comparing the head with one published before (expected_head).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace minsheng::ledger {

struct AuditProblem {
  int64_t position = 0;  // the journal position concerned; 0 when none (a batch, a balance)
  int64_t batch = 0;     // the batch concerned; 0 when none
  std::string what;      // e.g. "row edited: its fields do not match its hash"
};

struct AuditReport {
  int64_t batches = 0;
  int64_t entries = 0;
  int64_t transfers = 0;
  int64_t accounts = 0;
  std::string head_hash;  // the last batch's hash as recomputed
  std::vector<AuditProblem> problems;
  bool ok() const { return problems.empty(); }
};

struct AuditOptions {
  // When set, the recomputed head must equal it (a hash published earlier, e.g. with a
  // monthly disclosure); otherwise a rewritten chain could go unseen.
  std::string expected_head;
};

// A non-OK Status only when the store cannot be read; problems in the books are in the
// report.
Result<AuditReport> Audit(store::Store& store, const AuditOptions& options = {});

}  // namespace minsheng::ledger
