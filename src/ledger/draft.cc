#include "ledger/draft.h"

#include <algorithm>

namespace minsheng::ledger {

void Ledger::State::Put(const Account& account) {
  if (AccountEntry* entry = Find(account.code)) {
    entry->account = account;
    return;
  }
  const auto slot = static_cast<uint32_t>(accounts.size());
  accounts.push_back({account, slot});
  account_index.Put(account.code, slot, [this](uint32_t s) -> std::string_view {
    return accounts[s].account.code;
  });
  balances.emplace_back();
  draft_index.push_back(kNoChange);
}

Draft::~Draft() {
  for (const auto& [slot, balance] : balances_) base_->draft_index[slot] = Ledger::State::kNoChange;
}

Balance Draft::BalanceOf(uint32_t slot) const {
  const int32_t index = base_->draft_index[slot];
  return index != Ledger::State::kNoChange ? balances_[static_cast<size_t>(index)].second
                                           : base_->balances[slot].balance;
}

Balance& Draft::MutableBalance(uint32_t slot) {
  int32_t& index = base_->draft_index[slot];
  const bool existed = index != Ledger::State::kNoChange;
  if (recording_) {
    Undo undo{Undo::What::kBalance, {}, existed, {}, {}, 0, slot};
    if (existed) undo.balance = balances_[static_cast<size_t>(index)].second;
    undo_.push_back(std::move(undo));
  }
  if (!existed) {
    index = static_cast<int32_t>(balances_.size());
    balances_.emplace_back(slot, base_->balances[slot].balance);
  }
  return balances_[static_cast<size_t>(index)].second;
}

const PendingTransfer* Draft::FindPending(const std::string& id) const {
  if (auto found = pending_.find(id); found != pending_.end()) return &found->second;
  if (auto found = base_->open_pending.find(id); found != base_->open_pending.end()) {
    return &found->second;
  }
  return nullptr;
}

void Draft::PutPending(const PendingTransfer& pending) {
  auto found = pending_.find(pending.id);
  const bool existed = found != pending_.end();
  if (recording_) {
    undo_.push_back({Undo::What::kPending, pending.id, existed, {},
                     existed ? found->second : PendingTransfer{}, 0});
  }
  pending_[pending.id] = pending;
}

const JournalRow* Draft::FindDecided(std::string_view id) const {
  const uint32_t index = decided_.Find(id, [this](uint32_t i) { return DecidedKey(i); });
  return index == TextIndex::kNone ? nullptr : &rows_[index];
}

int64_t Draft::ReversedHere(const std::string& original) const {
  auto found = reversed_.find(original);
  return found == reversed_.end() ? 0 : found->second;
}

void Draft::AddReversed(const std::string& original, int64_t amount) {
  auto found = reversed_.find(original);
  const bool existed = found != reversed_.end();
  if (recording_) {
    undo_.push_back({Undo::What::kReversed, original, existed, {}, {}, existed ? found->second : 0});
  }
  reversed_[original] += amount;
}

JournalRow& Draft::NewRow(const std::string& kind, const std::string& id) {
  JournalRow& row = rows_.emplace_back();
  row.position = ++position_;
  // Strictly increasing, and never behind the clock.
  timestamp_ = std::max(now_, timestamp_ + 1);
  row.timestamp = timestamp_;
  row.kind = kind;
  row.id = id;
  if (kind == "transfer" || kind == "refused") {
    if (recording_) undo_.push_back({Undo::What::kDecided, id, FindDecided(id) != nullptr, {}, {}, 0});
    decided_.Put(id, static_cast<uint32_t>(rows_.size() - 1),
                 [this](uint32_t i) { return DecidedKey(i); });
  }
  return row;
}

void Draft::RollBackTo(const Mark& mark) {
  while (undo_.size() > mark.undo_size) {
    Undo& undo = undo_.back();
    switch (undo.what) {
      case Undo::What::kBalance:
        if (undo.existed) {
          balances_[static_cast<size_t>(base_->draft_index[undo.slot])].second = undo.balance;
        } else {
          // Undone last first: the slot added last is this one.
          balances_.pop_back();
          base_->draft_index[undo.slot] = Ledger::State::kNoChange;
        }
        break;
      case Undo::What::kPending:
        if (undo.existed) {
          pending_[undo.key] = undo.pending;
        } else {
          pending_.erase(undo.key);
        }
        break;
      case Undo::What::kDecided:
        // A decided id is never decided twice in one draft (the second is compared
        // with the first), so undoing it erases it.
        decided_.Erase(undo.key, [this](uint32_t i) { return DecidedKey(i); });
        break;
      case Undo::What::kReversed:
        if (undo.existed) {
          reversed_[undo.key] = undo.reversed;
        } else {
          reversed_.erase(undo.key);
        }
        break;
    }
    undo_.pop_back();
  }
  rows_.resize(mark.row_count);
  position_ = mark.position;
  timestamp_ = mark.timestamp;
  recording_ = false;
}

Date ChinaDateOf(int64_t nanoseconds) {
  constexpr int64_t kSecondsPerDay = 86'400;
  constexpr int64_t kChinaOffsetSeconds = 8 * 3'600;
  const int64_t seconds = nanoseconds / kNanosecondsPerSecond + kChinaOffsetSeconds;
  int64_t days = seconds / kSecondsPerDay;
  if (seconds % kSecondsPerDay < 0) --days;  // floor for instants before 1970
  days = std::clamp<int64_t>(days, Date::kMinDaysSinceEpoch, Date::kMaxDaysSinceEpoch);
  return Date::FromDaysSinceEpoch(static_cast<int32_t>(days));
}

}  // namespace minsheng::ledger
