// Internal to the ledger: hashing a commit's rows and batches while they are written.
//
// SHA-256 over each journal row is a third of a large commit's processor time, and it
// depends on nothing the store does. So for a commit of many rows a second thread hashes
// them, in order, while the committing thread writes them: before binding a row the
// writer waits until that row's hash is there (WaitForRow), which it almost never has to,
// since writing a row costs more than hashing it. The batch hashes, each over its rows'
// hashes and the previous batch's hash, follow the last row (WaitForAll).
//
// A commit of fewer than kThreadedRows rows is hashed at once on the calling thread: a
// thread's start costs more than hashing a hundred rows. The result is the same either
// way; only when it is ready differs.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "ledger/journal.h"

namespace minsheng::ledger {

class CommitHasher {
 public:
  static constexpr size_t kThreadedRows = 512;

  // Sets each row's row_hash, then each batch's previous_hash and hash, the first
  // chained to `head_hash`. `batches` covers `rows` in order (first_position and
  // entry_count). Both must outlive the hasher and stay unmoved; until WaitForRow or
  // WaitForAll says so, the caller reads no row_hash and no batch hash, and writes no
  // row at all.
  CommitHasher(std::vector<JournalRow>& rows, std::vector<BatchRow>& batches,
               std::string head_hash);
  // Waits for the thread: a commit that failed half-way leaves no thread behind.
  ~CommitHasher();
  CommitHasher(const CommitHasher&) = delete;
  CommitHasher& operator=(const CommitHasher&) = delete;

  // Returns once rows[0 … row] have their hashes.
  void WaitForRow(size_t row) const {
    size_t hashed = hashed_.load(std::memory_order_acquire);
    while (hashed <= row) {
      hashed_.wait(hashed, std::memory_order_acquire);
      hashed = hashed_.load(std::memory_order_acquire);
    }
  }
  // Returns once every row and batch has its hash.
  void WaitForAll();

 private:
  void HashAll();

  std::vector<JournalRow>& rows_;
  std::vector<BatchRow>& batches_;
  std::string head_hash_;
  // Rows hashed so far, counted from the first: published with release, so that a
  // reader who sees n may read rows_[0 … n-1].row_hash.
  mutable std::atomic<size_t> hashed_{0};
  std::thread thread_;
};

}  // namespace minsheng::ledger
