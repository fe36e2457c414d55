// Ledger: the books, over a Store. Units and accounts are declared, transfers submitted
// in batches; every batch is one journal link, committed in one store transaction.
//
// The ledger keeps the current state in memory (units, accounts, balances, open pending
// transfers). A batch is decided against that state, taking its ids as new (the
// journal's unique index refuses a known one, and the batch is then decided again with
// its ids looked up in the store), written, and only once the store has committed it
// does the memory change: a failed write leaves the ledger, in memory and on disk,
// exactly as before.
// One writer at a time: another process may write the same store between this ledger's
// batches; a write transaction begins by reading the books again when it did (CatchUp).
// Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ledger/model.h"
#include "store/store.h"

namespace minsheng::ledger {

class Draft;

// Nanoseconds since the Unix epoch; tests inject their own to drive timeouts.
using Clock = std::function<int64_t()>;
int64_t SystemNanoseconds();

// What a pending transfer has become.
enum class PendingState { kPending, kPosted, kVoided, kExpired };

struct PendingTransfer {
  std::string id;
  std::string debit_account;
  std::string credit_account;
  int64_t amount = 0;
  std::string unit;
  int64_t expires_at = 0;  // 0 = never
  PendingState state = PendingState::kPending;
};

// Balances are written to the store once this many journal rows have been added since
// they last were (a checkpoint), not with every batch: a batch of thousands of
// transfers touches thousands of accounts, and writing 10,000 balances costs as much as
// a batch. Opening the ledger reads the checkpoint's balances and applies the journal's
// rows after it, about 0.7 µs each: at most a third of a second here, and nothing after
// a process that called Checkpoint() before it ended.
inline constexpr int64_t kCheckpointRows = 500'000;

// Accounts declared by one AddAccounts call: one journal batch, written in one transaction.
inline constexpr size_t kMaxDeclaredAccounts = 100'000;

class Ledger {
 public:
  // Opens the books in `store`, creating or upgrading its tables first. Tests pass a
  // small `checkpoint_rows` to checkpoint often.
  static Result<std::unique_ptr<Ledger>> Open(store::Store& store, Clock clock = SystemNanoseconds,
                                              int64_t checkpoint_rows = kCheckpointRows);

  // Declares a unit or an account (one journal batch each). Declaring the same again
  // is a no-op; the same code with other fields is an error (kAlreadyExists).
  Status AddUnit(const Unit& unit);
  Status AddAccount(const Account& account);
  // Declares many accounts as one batch (a payment run's payees): those already declared
  // alike are skipped, and any error declares none. An account may have a parent
  // declared before it in the same call. At most kMaxDeclaredAccounts.
  Status AddAccounts(std::span<const Account> accounts);
  // Closes an account: it refuses every transfer from now on. Its pending transfers
  // may still be posted or voided.
  Status CloseAccount(std::string_view code);

  // Decides and commits one batch (at most kMaxBatchTransfers): one result per
  // transfer, in order. Accepted transfers are posted, refused ones recorded with their
  // reason (an id refused stays refused). A non-OK Status means the store failed and
  // nothing at all was written.
  Result<std::vector<TransferResult>> Submit(std::vector<Transfer> transfers);
  // Group commit: several batches in one store transaction, each its own journal link.
  Result<std::vector<std::vector<TransferResult>>> SubmitMany(
      std::vector<std::vector<Transfer>> batches);

  // Writes a checkpoint now, if any row came after the last one: the balances changed
  // since, so that the next Open replays nothing. A process calls it before it ends;
  // one that fails or never calls it loses nothing, since the journal holds every row.
  Status Checkpoint();
  // Journal rows after the balances' checkpoint: what the next Open would replay.
  int64_t rows_since_checkpoint() const { return last_position_ - checkpoint_position_; }

  const Unit* FindUnit(std::string_view code) const;
  const Account* FindAccount(std::string_view code) const;
  // The account's balance; NotFound for an unknown code.
  Result<Balance> BalanceOf(std::string_view code) const;
  // Every account, by code.
  std::vector<const Account*> Accounts() const;
  std::vector<const Unit*> Units() const;
  // For each id, whether the journal holds it as an accepted transfer (a refused one,
  // or none, is false): what a payment run already paid before it was stopped.
  Result<std::vector<bool>> Accepted(std::span<const std::string> ids) const;
  // For each id, the amount of the accepted transfer it names, or nullopt.
  Result<std::vector<std::optional<int64_t>>> AcceptedAmounts(std::span<const std::string> ids) const;
  // For each id, whether the journal holds it as a refused transfer: an id that stays
  // refused (id_already_failed), so a caller that numbers its transfers takes the next.
  Result<std::vector<bool>> Refused(std::span<const std::string> ids) const;
  // A pending transfer by id, open or settled; nullptr when there is none.
  Result<std::optional<PendingTransfer>> FindPending(std::string_view id) const;

  // The journal's head: how many batches and the last one's hash (64 zeros when empty).
  int64_t batch_count() const { return batch_count_; }
  const std::string& head_hash() const { return head_hash_; }
  store::Store& store() const { return *store_; }

  ~Ledger();

  // The state kept in memory (draft.h); internal to the ledger's own files.
  struct State;

 private:
  Ledger(store::Store& store, Clock clock);
  // Reads the books from the store (Open), or again when another process wrote them.
  Status Load();
  Status CatchUp();
  Status BeginWriting();
  // For each id, the amount of the accepted (or, with `refused`, the refused) transfer it
  // names in the journal, or nullopt.
  Result<std::vector<std::optional<int64_t>>> JournalAmounts(std::span<const std::string> ids, bool refused) const;
  Status Commit(Draft& draft, const std::vector<Unit>& units, const std::vector<Account>& accounts,
                const std::vector<std::string>& closed);
  // SubmitMany's one attempt, looking the batches' ids up in the store or not (ledger.cc).
  Result<std::vector<std::vector<TransferResult>>> DecideAndCommit(
      std::vector<std::vector<Transfer>>& batches, bool look_up_ids);

  store::Store* store_;
  Clock clock_;
  std::unique_ptr<State> state_;
  int64_t batch_count_ = 0;
  int64_t last_position_ = 0;
  int64_t last_timestamp_ = 0;
  int64_t checkpoint_rows_ = kCheckpointRows;
  int64_t checkpoint_position_ = 0;  // ledger_balances holds the balances as of this row
  std::string head_hash_;
};

}  // namespace minsheng::ledger
