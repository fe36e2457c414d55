// FaultyStore: a Store wrapper for tests that fails the Nth write, as SQLite's own I/O
// error loops do (sqlite.org/testing.html): callers run an operation with N = 1, 2, 3 …
// until it succeeds, and check after each failure that nothing changed.
//
// A write is a Step of a statement that is not a SELECT, an Execute, or a Commit. The
// failing call returns an ErrorCode::kIo status and does not reach the wrapped store
// (a failed Commit rolls the transaction back, as a real failed commit leaves nothing).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "store/store.h"

namespace minsheng::store {

class FaultyStore final : public Store {
 public:
  // Fails the `fail_at`-th write (1-based); 0 never fails.
  FaultyStore(Store& inner, int64_t fail_at) : inner_(&inner), fail_at_(fail_at) {}

  // Writes seen so far (including the failed one).
  int64_t writes() const { return writes_; }
  bool failed() const { return failed_; }

  Result<Statement*> Prepare(std::string_view sql) override;
  Status Execute(std::string_view sql) override;
  Status Begin() override { return inner_->Begin(); }
  Status BeginRead() override { return inner_->BeginRead(); }
  Status Commit() override;
  Status Rollback() override { return inner_->Rollback(); }
  bool InTransaction() const override { return inner_->InTransaction(); }
  std::string_view Dialect() const override { return inner_->Dialect(); }
  // The wrapped store's: reads are never failed.
  Result<std::unique_ptr<Store>> OpenReader() override { return inner_->OpenReader(); }

  // Counts one write; the injected failure when it is the `fail_at`-th.
  Status CountWrite();

 private:
  Store* inner_;
  int64_t fail_at_;
  int64_t writes_ = 0;
  bool failed_ = false;
  std::unordered_map<std::string, std::unique_ptr<Statement>> wrappers_;
};

}  // namespace minsheng::store
