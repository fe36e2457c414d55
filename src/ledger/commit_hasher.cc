#include "ledger/commit_hasher.h"

#include <span>
#include <system_error>
#include <utility>

namespace minsheng::ledger {

namespace {

// How many rows the hashing thread hashes between wake-ups of a waiting writer: a wake-up
// is a system call, a row a microsecond.
constexpr size_t kRowsPerWakeUp = 64;

}  // namespace

CommitHasher::CommitHasher(std::vector<JournalRow>& rows, std::vector<BatchRow>& batches,
                           std::string head_hash)
    : rows_(rows), batches_(batches), head_hash_(std::move(head_hash)) {
  if (rows_.size() >= kThreadedRows) {
    try {
      thread_ = std::thread([this] { HashAll(); });
      return;
    } catch (const std::system_error&) {
      // No thread to be had (a process at its limit): hash here instead.
    }
  }
  HashAll();
}

CommitHasher::~CommitHasher() {
  if (thread_.joinable()) thread_.join();
}

void CommitHasher::WaitForAll() {
  if (thread_.joinable()) thread_.join();
}

void CommitHasher::HashAll() {
  for (size_t i = 0; i < rows_.size(); ++i) {
    rows_[i].row_hash = RowHash(rows_[i]);
    hashed_.store(i + 1, std::memory_order_release);
    if ((i + 1) % kRowsPerWakeUp == 0) hashed_.notify_all();
  }
  hashed_.notify_all();
  std::string previous = std::move(head_hash_);
  for (BatchRow& batch : batches_) {
    const auto first = static_cast<size_t>(batch.first_position - rows_.front().position);
    batch.previous_hash = std::move(previous);
    batch.hash = BatchHash(batch, std::span<const JournalRow>(rows_).subspan(
                                      first, static_cast<size_t>(batch.entry_count)));
    previous = batch.hash;
  }
}

}  // namespace minsheng::ledger
