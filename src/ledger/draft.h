// Internal to the ledger: the state a Ledger keeps in memory, and the Draft a group of
// batches is decided in before it is written.
//
// A Draft layers its changes over the committed State: balances and pending transfers
// are copied on first change, new rows are appended. Nothing reaches the State until
// the store has committed the draft's rows (Ledger::Commit), so a store failure leaves
// the ledger as it was. A linked chain that fails is undone within the draft by its
// undo log (Mark / RollBackTo).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text_index.h"
#include "core/text_map.h"
#include "ledger/journal.h"
#include "ledger/ledger.h"
#include "ledger/model.h"

namespace minsheng::ledger {

struct Ledger::State {
  TextMap<Unit> units;
  // Each account has a slot, its index in the vectors below, for as long as the ledger
  // is open: a transfer finds its two accounts by code once, then works by slot.
  struct AccountEntry {
    Account account;
    uint32_t slot = 0;
  };
  std::deque<AccountEntry> accounts;  // by slot; a deque, so that an entry never moves
  TextIndex account_index;            // code → slot: two lookups per transfer
  // Each account's balance, and whether it changed since the store's checkpoint.
  struct StoredBalance {
    Balance balance;
    bool unsaved = false;
  };
  std::vector<StoredBalance> balances;     // by slot
  std::vector<uint32_t> unsaved;           // the slots of balances marked unsaved
  // By slot: where the open Draft keeps the account's changed balance (kNoChange when
  // it has not changed it); the Draft puts it back when it ends.
  static constexpr int32_t kNoChange = -1;
  mutable std::vector<int32_t> draft_index;
  std::unordered_map<std::string, PendingTransfer> open_pending;  // state kPending only

  // The account and its slot, or nullptr.
  const AccountEntry* Find(std::string_view code) const {
    const uint32_t slot = account_index.Find(code, [this](uint32_t s) -> std::string_view {
      return accounts[s].account.code;
    });
    return slot == TextIndex::kNone ? nullptr : &accounts[slot];
  }
  AccountEntry* Find(std::string_view code) {
    return const_cast<AccountEntry*>(std::as_const(*this).Find(code));
  }
  const std::string& CodeOf(uint32_t slot) const { return accounts[slot].account.code; }
  // Declares an account in a new slot (or replaces its fields in its slot).
  void Put(const Account& account);
};

class Draft {
 public:
  Draft(const Ledger::State& base, int64_t last_position, int64_t last_timestamp, int64_t now)
      : base_(&base), position_(last_position), timestamp_(last_timestamp), now_(now) {}

  Draft(const Draft&) = delete;
  Draft& operator=(const Draft&) = delete;
  ~Draft();

  // The balance of the account in `slot` as the draft has it, and a reference to change
  // it (copied on first use).
  Balance BalanceOf(uint32_t slot) const;
  Balance& MutableBalance(uint32_t slot);

  // A pending transfer by id as the draft has it (open in the base or changed here);
  // nullptr when neither knows it (it may still be settled in the store).
  const PendingTransfer* FindPending(const std::string& id) const;
  void PutPending(const PendingTransfer& pending);

  // Rows decided in this draft, by transfer id (accepted or refused).
  const JournalRow* FindDecided(std::string_view id) const;
  int64_t ReversedHere(const std::string& original) const;
  void AddReversed(const std::string& original, int64_t amount);

  // A new row at the next position and timestamp; the batch is set by the caller.
  JournalRow& NewRow(const std::string& kind, const std::string& id);
  // Room for `rows` more rows without moving the ones there or growing the index.
  void Reserve(size_t rows) {
    rows_.reserve(rows_.size() + rows);
    decided_.Reserve(decided_.size() + rows);
  }

  // Undo for linked chains: MarkHere starts an undo log (only a chain needs one; a
  // single transfer changes nothing before it is accepted), RollBackTo undoes the
  // changes since the mark, Keep keeps them; both end the log.
  struct Mark {
    size_t undo_size, row_count;
    int64_t position, timestamp;
  };
  Mark MarkHere() {
    recording_ = true;
    return {undo_.size(), rows_.size(), position_, timestamp_};
  }
  void RollBackTo(const Mark& mark);
  void Keep() {
    recording_ = false;
    undo_.clear();
  }

  std::vector<JournalRow>& rows() { return rows_; }
  // The balances this draft changed: (slot, balance), in the order first changed.
  const std::vector<std::pair<uint32_t, Balance>>& balances() const { return balances_; }
  const std::unordered_map<std::string, PendingTransfer>& pending() const { return pending_; }
  int64_t position() const { return position_; }
  int64_t timestamp() const { return timestamp_; }
  int64_t now() const { return now_; }
  const Ledger::State& base() const { return *base_; }

 private:
  struct Undo {
    enum class What { kBalance, kPending, kDecided, kReversed } what;
    std::string key;
    bool existed = false;
    Balance balance;
    PendingTransfer pending;
    int64_t reversed = 0;
    uint32_t slot = 0;  // kBalance
  };

  const Ledger::State* base_;
  std::vector<std::pair<uint32_t, Balance>> balances_;
  std::unordered_map<std::string, PendingTransfer> pending_;
  // Transfer id → its row's index in rows_ (the key is the row's id).
  TextIndex decided_;
  std::string_view DecidedKey(uint32_t index) const { return rows_[index].id; }
  std::unordered_map<std::string, int64_t> reversed_;
  std::vector<JournalRow> rows_;
  std::vector<Undo> undo_;
  bool recording_ = false;
  int64_t position_;
  int64_t timestamp_;
  int64_t now_;
};

// China Standard Time (UTC+8, no daylight saving): the date a timestamp is filed under.
Date ChinaDateOf(int64_t nanoseconds);

}  // namespace minsheng::ledger
