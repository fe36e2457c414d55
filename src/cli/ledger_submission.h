// Submitting transfers from `minsheng ledger` (transfer, pending post / void, allocate)
// and reporting their results: one line per transfer not simply accepted and the counts
// for people, an array of results for scripts, and the command's status. Internal to
// cli: only the ledger_*.cc files include it.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "core/status.h"
#include "ledger/ledger.h"
#include "ledger/model.h"

namespace minsheng::cli {

struct Submission {
  std::vector<std::string> ids;
  std::vector<ledger::TransferResult> results;
  Status failure;  // a store failure that stopped the submission (batches before it stand)
};

// Submits the batches one after another, each its own atomic journal batch. When the
// store fails, the batches before stay committed and their results are still reported:
// sending the same transfers again is safe, since what was committed answers "exists".
Submission SubmitBatches(ledger::Ledger& books, std::vector<std::vector<ledger::Transfer>> batches);

// Each transfer's id, result name and description, for --json.
Json ResultsJson(const Submission& submission);

// One line per transfer that was not simply accepted, then the counts.
void PrintResults(const Submission& submission, std::ostream& out);

// The command's status: the store's failure, or a user error when any transfer was
// refused (exit code 1), else OK (every transfer accepted now or before).
Status SubmissionStatus(const Submission& submission);

// Submits the batches, prints the results (as JSON when `json`) and sets the status.
void SubmitAndReport(ledger::Ledger& books, std::vector<std::vector<ledger::Transfer>> batches,
                     bool json, Context& context);

}  // namespace minsheng::cli
