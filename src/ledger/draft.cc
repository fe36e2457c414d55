#include "ledger/draft.h"

#include <algorithm>

namespace minsheng::ledger {

Balance Draft::BalanceOf(const std::string& account) const {
  if (auto found = balances_.find(account); found != balances_.end()) return found->second;
  if (auto found = base_->balances.find(account); found != base_->balances.end()) {
    return found->second.balance;
  }
  return Balance{};
}

Balance& Draft::MutableBalance(const std::string& account) {
  auto found = balances_.find(account);
  const bool existed = found != balances_.end();
  if (recording_) {
    undo_.push_back({Undo::What::kBalance, account, existed, existed ? found->second : Balance{},
                     {}, 0});
  }
  if (existed) return found->second;
  return balances_[account] = BalanceOf(account);
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

const JournalRow* Draft::FindDecided(const std::string& id) const {
  auto found = decided_.find(id);
  return found == decided_.end() ? nullptr : &rows_[found->second];
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
    if (recording_) undo_.push_back({Undo::What::kDecided, id, decided_.count(id) > 0, {}, {}, 0});
    decided_[id] = rows_.size() - 1;
  }
  return row;
}

void Draft::RollBackTo(const Mark& mark) {
  while (undo_.size() > mark.undo_size) {
    Undo& undo = undo_.back();
    switch (undo.what) {
      case Undo::What::kBalance:
        if (undo.existed) {
          balances_[undo.key] = undo.balance;
        } else {
          balances_.erase(undo.key);
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
        decided_.erase(undo.key);
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
