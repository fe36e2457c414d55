// Submitting transfers and reporting their results (ledger_submission.h).
#include "cli/ledger_submission.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace minsheng::cli {
namespace {

using ledger::Ledger;
using ledger::Transfer;
using ledger::TransferResult;

struct Tally {
  int64_t accepted = 0;
  int64_t exists = 0;
  int64_t refused = 0;
};

Tally Count(const Submission& submission) {
  Tally tally;
  for (TransferResult result : submission.results) {
    if (result == TransferResult::kOk) {
      ++tally.accepted;
    } else if (result == TransferResult::kExists) {
      ++tally.exists;
    } else {
      ++tally.refused;
    }
  }
  return tally;
}

}  // namespace

Submission SubmitBatches(Ledger& books, std::vector<std::vector<Transfer>> batches) {
  Submission submission;
  for (size_t b = 0; b < batches.size(); ++b) {
    std::vector<std::string> ids;
    for (const Transfer& transfer : batches[b]) ids.push_back(transfer.id);
    auto results = books.Submit(std::move(batches[b]));
    if (!results.ok()) {
      submission.failure = results.status().Prefixed(
          "batch " + std::to_string(b + 1) + " of " + std::to_string(batches.size()) +
          " not committed (the batches before it are; send the transfers again)");
      break;
    }
    submission.ids.insert(submission.ids.end(), ids.begin(), ids.end());
    submission.results.insert(submission.results.end(), results->begin(), results->end());
  }
  return submission;
}

Json ResultsJson(const Submission& submission) {
  Json results = Json::array();
  for (size_t i = 0; i < submission.results.size(); ++i) {
    results.push_back({{"id", submission.ids[i]},
                       {"result", ledger::ResultName(submission.results[i])},
                       {"description", ledger::ResultDescription(submission.results[i])}});
  }
  return results;
}

void PrintResults(const Submission& submission, std::ostream& out) {
  for (size_t i = 0; i < submission.results.size(); ++i) {
    if (submission.results[i] == TransferResult::kOk) continue;
    out << submission.ids[i] << ": " << ledger::ResultName(submission.results[i]) << " — "
        << ledger::ResultDescription(submission.results[i]) << "\n";
  }
  const Tally tally = Count(submission);
  out << "accepted " << tally.accepted << ", exists " << tally.exists << ", refused "
      << tally.refused << "\n";
}

Status SubmissionStatus(const Submission& submission) {
  if (!submission.failure.ok()) return submission.failure;
  const Tally tally = Count(submission);
  if (tally.refused == 0) return Status::Ok();
  return InvalidArgument(std::to_string(tally.refused) + " of " +
                         std::to_string(submission.results.size()) +
                         " transfers refused / 有转账被拒绝");
}

void SubmitAndReport(Ledger& books, std::vector<std::vector<Transfer>> batches, bool json,
                     Context& context) {
  const Submission submission = SubmitBatches(books, std::move(batches));
  if (json) {
    PrintJson(ResultsJson(submission), context.out);
  } else {
    PrintResults(submission, context.out);
  }
  context.status = SubmissionStatus(submission);
}

}  // namespace minsheng::cli
