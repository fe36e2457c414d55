// Deciding transfers: the checks of model.h's TransferResult, in its order, and the
// effects of an accepted transfer on the draft's balances and pending transfers.
#include "ledger/decide.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/rounding.h"
#include "ledger/schema.h"

namespace minsheng::ledger {

namespace {

// A value date may run ahead of the entry's date by this much (a payment scheduled for
// the next quarter), not more: a typo of the year should not pass.
constexpr int32_t kMaxValueDateLeadDays = 366;

Result<std::optional<JournalRow>> StoredDecision(store::Store& store, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kJournalColumns +
                                 " FROM ledger_journal WHERE id = ? AND kind IN "
                                 "('transfer', 'refused')";
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<JournalRow>();
  JournalRow found = ReadRow(**statement);
  (*statement)->Reset();
  return std::optional<JournalRow>(std::move(found));
}

Result<std::optional<PendingState>> StoredPendingState(store::Store& store, const std::string& id) {
  auto statement = store.Prepare("SELECT state FROM ledger_pending WHERE id = ?");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PendingState>();
  const std::string state = (*statement)->Text(0);
  (*statement)->Reset();
  if (state == "posted") return std::optional(PendingState::kPosted);
  if (state == "voided") return std::optional(PendingState::kVoided);
  if (state == "expired") return std::optional(PendingState::kExpired);
  return std::optional(PendingState::kPending);
}

Result<int64_t> StoredReversed(store::Store& store, const std::string& id) {
  auto statement = store.Prepare(
      "SELECT COALESCE(SUM(amount), 0) FROM ledger_journal WHERE reversal_of = ? AND "
      "kind = 'transfer'");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  const int64_t sum = *row ? (*statement)->Int(0) : 0;
  (*statement)->Reset();
  return sum;
}

// Ids are looked up this many at a time: one statement for a chunk instead of one per
// transfer (SQLite allows 32,766 parameters; PostgreSQL 65,535).
constexpr size_t kLookupChunk = 128;

// What the store knows of each of the batch's ids that it knows at all. The last chunk
// repeats its last id to fill the statement's fixed number of placeholders.
Result<std::unordered_map<std::string, JournalRow>> StoredDecisions(
    store::Store& store, const std::vector<Transfer>& transfers) {
  static const std::string sql = [] {
    std::string text = std::string("SELECT ") + kJournalColumns +
                       " FROM ledger_journal WHERE kind IN ('transfer', 'refused') AND id IN (?";
    for (size_t i = 1; i < kLookupChunk; ++i) text += ", ?";
    return text + ")";
  }();
  std::unordered_map<std::string, JournalRow> found;
  for (size_t first = 0; first < transfers.size(); first += kLookupChunk) {
    auto statement = store.Prepare(sql);
    if (!statement.ok()) return statement.status();
    const size_t end = std::min(transfers.size(), first + kLookupChunk);
    for (size_t i = 0; i < kLookupChunk; ++i) {
      (*statement)->BindText(static_cast<int>(i + 1), transfers[std::min(first + i, end - 1)].id);
    }
    while (true) {
      auto row = (*statement)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      JournalRow stored = ReadRow(**statement);
      std::string id = stored.id;
      found.emplace(std::move(id), std::move(stored));
    }
  }
  return found;
}

bool Settles(TransferKind kind) {
  return kind == TransferKind::kPostPending || kind == TransferKind::kVoidPending;
}

// Refusals that say something about the transfer itself are recorded, so that its id
// stays refused; those about its shape (no usable id), its chain, or an earlier use of
// the id are not: the caller may send the id again, corrected or in a corrected chain.
bool Recorded(TransferResult result) {
  switch (result) {
    case TransferResult::kOk:
    case TransferResult::kExists:
    case TransferResult::kIdMustNotBeEmpty:
    case TransferResult::kIdTooLong:
    case TransferResult::kTextTooLong:
    case TransferResult::kIdAlreadyFailed:
    case TransferResult::kLinkedEventFailed:
    case TransferResult::kLinkedEventChainOpen:
      return false;
    default:
      return static_cast<int>(result) < static_cast<int>(TransferResult::kExistsWithDifferentDebitAccount) ||
             static_cast<int>(result) > static_cast<int>(TransferResult::kExistsWithDifferentValueDate);
  }
}

bool Add(int64_t& total, int64_t amount) {
  return !__builtin_add_overflow(total, amount, &total);
}

class Decider {
 public:
  Decider(store::Store& store, Draft& draft, int64_t batch,
          std::unordered_map<std::string, JournalRow> stored)
      : store_(store), draft_(draft), batch_(batch), stored_(std::move(stored)) {}

  Status ExpirePending();
  Result<TransferResult> Decide(const Transfer& transfer);
  void RecordRefusal(const Transfer& transfer, TransferResult result);

 private:
  TransferResult CheckShape(const Transfer& transfer) const;
  TransferResult CompareWithExisting(const Transfer& transfer, const JournalRow& row) const;
  Result<TransferResult> DecideMove(const Transfer& transfer);
  Result<TransferResult> DecideSettle(const Transfer& transfer);
  Result<TransferResult> CheckReversal(const Transfer& transfer);
  TransferResult CheckValueDate(const Transfer& transfer) const;
  JournalRow& NewRow(const char* kind, const Transfer& transfer);
  // The slots of a pending transfer's debit and credit accounts.
  Result<std::pair<uint32_t, uint32_t>> SlotsOf(const PendingTransfer& pending) const;
  // A date as YYYY-MM-DD, formatted once for a run of rows on the same day.
  const std::string& DateText(const Date& date);

  store::Store& store_;
  Draft& draft_;
  int64_t batch_;
  // The batch's ids the store already knows (StoredDecisions), when they were looked up;
  // an id of the batch that is not here is taken as new to the store (when they were not,
  // the journal's unique index checks that at the insert).
  std::unordered_map<std::string, JournalRow> stored_;
  int32_t text_days_ = INT32_MIN;
  std::string text_;
};

Status Decider::ExpirePending() {
  // Every open pending transfer whose timeout has passed, in a fixed order.
  std::vector<PendingTransfer> due;
  auto collect = [&](const PendingTransfer& pending) {
    if (pending.state == PendingState::kPending && pending.expires_at != 0 &&
        pending.expires_at <= draft_.now() && draft_.FindPending(pending.id) == &pending) {
      due.push_back(pending);
    }
  };
  for (const auto& [id, pending] : draft_.base().open_pending) collect(pending);
  for (const auto& [id, pending] : draft_.pending()) collect(pending);
  std::sort(due.begin(), due.end(), [](const PendingTransfer& a, const PendingTransfer& b) {
    return std::tie(a.expires_at, a.id) < std::tie(b.expires_at, b.id);
  });
  for (PendingTransfer pending : due) {
    JournalRow& row = draft_.NewRow(kEntryExpire, pending.id);
    row.batch = batch_;
    row.debit_account = pending.debit_account;
    row.credit_account = pending.credit_account;
    row.amount = pending.amount;
    row.unit = pending.unit;
    row.value_date = ChinaDateOf(row.timestamp).ToString();
    auto slots = SlotsOf(pending);
    if (!slots.ok()) return slots.status();
    draft_.MutableBalance(slots->first).debits_pending -= pending.amount;
    draft_.MutableBalance(slots->second).credits_pending -= pending.amount;
    pending.state = PendingState::kExpired;
    draft_.PutPending(pending);
  }
  return Status::Ok();
}

TransferResult Decider::CheckShape(const Transfer& t) const {
  if (t.id.empty()) return TransferResult::kIdMustNotBeEmpty;
  if (t.id.size() > kMaxCodeBytes) return TransferResult::kIdTooLong;
  for (const std::string* code : {&t.debit_account, &t.credit_account, &t.unit, &t.pending_id,
                                  &t.reversal_of}) {
    if (code->size() > kMaxCodeBytes) return TransferResult::kTextTooLong;
  }
  for (const std::string* text : {&t.purpose, &t.reference, &t.memo}) {
    if (text->size() > kMaxTextBytes) return TransferResult::kTextTooLong;
  }
  return TransferResult::kOk;
}

TransferResult Decider::CompareWithExisting(const Transfer& t, const JournalRow& row) const {
  using R = TransferResult;
  if (row.kind == kEntryRefused) return R::kIdAlreadyFailed;
  // A post or void may leave out what the pending transfer already says.
  const bool settles = row.transfer_kind == "post_pending" || row.transfer_kind == "void_pending";
  auto differs = [&](const std::string& given, const std::string& stored) {
    return !(settles && given.empty()) && given != stored;
  };
  if (differs(t.debit_account, row.debit_account)) return R::kExistsWithDifferentDebitAccount;
  if (differs(t.credit_account, row.credit_account)) return R::kExistsWithDifferentCreditAccount;
  const std::string requested = settles ? row.detail : std::to_string(row.amount);
  if (std::to_string(t.amount) != requested) return R::kExistsWithDifferentAmount;
  if (differs(t.unit, row.unit)) return R::kExistsWithDifferentUnit;
  if (t.purpose != row.purpose) return R::kExistsWithDifferentPurpose;
  if (t.reference != row.reference) return R::kExistsWithDifferentReference;
  if (t.memo != row.memo) return R::kExistsWithDifferentMemo;
  if (TransferKindName(t.kind) != row.transfer_kind) return R::kExistsWithDifferentKind;
  if (t.pending_id != row.pending_id) return R::kExistsWithDifferentPendingId;
  if (t.timeout_seconds != row.timeout_seconds) return R::kExistsWithDifferentTimeout;
  if (t.reversal_of != row.reversal_of) return R::kExistsWithDifferentReversalOf;
  if (t.value_date && t.value_date->ToString() != row.value_date) {
    return R::kExistsWithDifferentValueDate;
  }
  return R::kExists;
}

TransferResult Decider::CheckValueDate(const Transfer& t) const {
  if (!t.value_date) return TransferResult::kOk;
  const Date today = ChinaDateOf(std::max(draft_.now(), draft_.timestamp() + 1));
  if (t.value_date->days_since_epoch() - today.days_since_epoch() > kMaxValueDateLeadDays) {
    return TransferResult::kValueDateTooFarAhead;
  }
  return TransferResult::kOk;
}

JournalRow& Decider::NewRow(const char* kind, const Transfer& t) {
  JournalRow& row = draft_.NewRow(kind, t.id);
  row.batch = batch_;
  row.debit_account = t.debit_account;
  row.credit_account = t.credit_account;
  row.amount = t.amount;
  row.unit = t.unit;
  row.purpose = t.purpose;
  row.reference = t.reference;
  row.memo = t.memo;
  row.transfer_kind = TransferKindName(t.kind);
  row.linked = t.linked;
  row.pending_id = t.pending_id;
  row.timeout_seconds = t.timeout_seconds;
  row.reversal_of = t.reversal_of;
  row.value_date = DateText(t.value_date ? *t.value_date : ChinaDateOf(row.timestamp));
  return row;
}

Result<std::pair<uint32_t, uint32_t>> Decider::SlotsOf(const PendingTransfer& pending) const {
  const Ledger::State::AccountEntry* debit = draft_.base().Find(pending.debit_account);
  const Ledger::State::AccountEntry* credit = draft_.base().Find(pending.credit_account);
  if (debit == nullptr || credit == nullptr) {
    return Internal("pending transfer '" + pending.id + "' names an account the ledger lacks");
  }
  return std::pair(debit->slot, credit->slot);
}

const std::string& Decider::DateText(const Date& date) {
  if (date.days_since_epoch() != text_days_) {
    text_days_ = date.days_since_epoch();
    text_ = date.ToString();
  }
  return text_;
}

void Decider::RecordRefusal(const Transfer& t, TransferResult result) {
  if (!Recorded(result)) return;
  JournalRow& row = NewRow(kEntryRefused, t);
  row.result = ResultName(result);
}

Result<TransferResult> Decider::Decide(const Transfer& t) {
  if (TransferResult shape = CheckShape(t); shape != TransferResult::kOk) return shape;
  if (const JournalRow* decided = draft_.FindDecided(t.id)) return CompareWithExisting(t, *decided);
  if (auto stored = stored_.find(t.id); stored != stored_.end()) {
    return CompareWithExisting(t, stored->second);
  }
  if (TransferResult date = CheckValueDate(t); date != TransferResult::kOk) return date;
  return Settles(t.kind) ? DecideSettle(t) : DecideMove(t);
}

Result<TransferResult> Decider::CheckReversal(const Transfer& t) {
  using R = TransferResult;
  std::optional<JournalRow> original;
  if (const JournalRow* decided = draft_.FindDecided(t.reversal_of)) {
    original = *decided;
  } else {
    auto stored = StoredDecision(store_, t.reversal_of);
    if (!stored.ok()) return stored.status();
    original = *stored;
  }
  if (!original || original->kind != kEntryTransfer) return R::kReversalTargetNotFound;
  const bool moved = original->transfer_kind == "plain" || original->transfer_kind == "post_pending";
  if (!moved || t.kind != TransferKind::kPlain || t.debit_account != original->credit_account ||
      t.credit_account != original->debit_account || t.unit != original->unit) {
    return R::kReversalMustMirrorOriginal;
  }
  auto reversed = StoredReversed(store_, t.reversal_of);
  if (!reversed.ok()) return reversed.status();
  const int64_t left = original->amount - *reversed - draft_.ReversedHere(t.reversal_of);
  if (t.amount > left) return R::kReversalExceedsOriginal;
  return R::kOk;
}

Result<TransferResult> Decider::DecideMove(const Transfer& t) {
  using R = TransferResult;
  const bool pending = t.kind == TransferKind::kPending;
  if (!t.pending_id.empty()) return R::kPendingIdMustBeEmpty;
  if (t.timeout_seconds < 0) return R::kTimeoutMustNotBeNegative;
  if (t.timeout_seconds > 0 && !pending) return R::kTimeoutReservedForPending;
  if (t.amount <= 0) return R::kAmountMustBePositive;
  if (t.debit_account == t.credit_account) return R::kAccountsMustBeDifferent;
  const Ledger::State::AccountEntry* debit_entry = draft_.base().Find(t.debit_account);
  if (debit_entry == nullptr) return R::kDebitAccountNotFound;
  const Ledger::State::AccountEntry* credit_entry = draft_.base().Find(t.credit_account);
  if (credit_entry == nullptr) return R::kCreditAccountNotFound;
  const Account& debit = debit_entry->account;
  const Account& credit = credit_entry->account;
  if (debit.unit != t.unit) return R::kDebitAccountHasDifferentUnit;
  if (credit.unit != t.unit) return R::kCreditAccountHasDifferentUnit;
  if (debit.closed) return R::kDebitAccountClosed;
  if (credit.closed) return R::kCreditAccountClosed;
  const std::vector<std::string>& earmarks = debit.earmarks;
  if (!earmarks.empty() && std::find(earmarks.begin(), earmarks.end(), t.purpose) == earmarks.end()) {
    return R::kPurposeNotEarmarked;
  }
  if (!t.reversal_of.empty()) {
    auto reversal = CheckReversal(t);
    if (!reversal.ok() || *reversal != R::kOk) return reversal;
  }
  Balance debit_balance = draft_.BalanceOf(debit_entry->slot);
  Balance credit_balance = draft_.BalanceOf(credit_entry->slot);
  if (!Add(pending ? debit_balance.debits_pending : debit_balance.debits_posted, t.amount)) {
    return R::kOverflowsDebits;
  }
  if (!Add(pending ? credit_balance.credits_pending : credit_balance.credits_posted, t.amount)) {
    return R::kOverflowsCredits;
  }
  // Pending amounts count against the limits, so a reservation cannot be overdrawn.
  const Int128 debit_reserved =
      static_cast<Int128>(debit_balance.debits_posted) + debit_balance.debits_pending;
  if (debit.debits_must_not_exceed_credits &&
      debit_reserved > debit_balance.credits_posted) {
    return R::kExceedsCredits;
  }
  const Int128 credit_reserved =
      static_cast<Int128>(credit_balance.credits_posted) + credit_balance.credits_pending;
  if (credit.credits_must_not_exceed_debits &&
      credit_reserved > credit_balance.debits_posted) {
    return R::kExceedsDebits;
  }
  JournalRow& row = NewRow(kEntryTransfer, t);
  draft_.MutableBalance(debit_entry->slot) = debit_balance;
  draft_.MutableBalance(credit_entry->slot) = credit_balance;
  if (pending) {
    const int64_t timeout = std::min(t.timeout_seconds, kMaxTimeoutSeconds);
    draft_.PutPending({t.id, t.debit_account, t.credit_account, t.amount, t.unit,
                       timeout == 0 ? 0 : row.timestamp + timeout * kNanosecondsPerSecond,
                       PendingState::kPending});
  }
  if (!t.reversal_of.empty()) draft_.AddReversed(t.reversal_of, t.amount);
  return R::kOk;
}

Result<TransferResult> Decider::DecideSettle(const Transfer& t) {
  using R = TransferResult;
  const bool post = t.kind == TransferKind::kPostPending;
  if (t.pending_id.empty()) return R::kPendingIdRequired;
  if (t.timeout_seconds != 0) return R::kTimeoutReservedForPending;
  if (!t.reversal_of.empty()) return R::kReversalMustMirrorOriginal;
  if (t.amount < 0) return R::kAmountMustBePositive;
  const PendingTransfer* found = draft_.FindPending(t.pending_id);
  if (found == nullptr) {
    auto state = StoredPendingState(store_, t.pending_id);
    if (!state.ok()) return state.status();
    if (*state == PendingState::kPosted) return R::kPendingTransferAlreadyPosted;
    if (*state == PendingState::kVoided) return R::kPendingTransferAlreadyVoided;
    if (*state == PendingState::kExpired) return R::kPendingTransferExpired;
    auto decided = StoredDecision(store_, t.pending_id);
    if (!decided.ok()) return decided.status();
    const bool known = draft_.FindDecided(t.pending_id) != nullptr || decided->has_value();
    return known ? R::kPendingTransferNotPending : R::kPendingTransferNotFound;
  }
  PendingTransfer pending = *found;
  if (pending.state == PendingState::kPosted) return R::kPendingTransferAlreadyPosted;
  if (pending.state == PendingState::kVoided) return R::kPendingTransferAlreadyVoided;
  if (pending.state == PendingState::kExpired ||
      (pending.expires_at != 0 && pending.expires_at <= draft_.now())) {
    return R::kPendingTransferExpired;
  }
  if (!t.debit_account.empty() && t.debit_account != pending.debit_account) {
    return R::kPendingTransferHasDifferentDebitAccount;
  }
  if (!t.credit_account.empty() && t.credit_account != pending.credit_account) {
    return R::kPendingTransferHasDifferentCreditAccount;
  }
  if (!t.unit.empty() && t.unit != pending.unit) return R::kPendingTransferHasDifferentUnit;
  const int64_t amount = post && t.amount != 0 ? t.amount : pending.amount;
  if (amount > pending.amount || (!post && t.amount != 0 && t.amount != pending.amount)) {
    return R::kExceedsPendingTransferAmount;
  }
  auto slots = SlotsOf(pending);
  if (!slots.ok()) return slots.status();
  const auto [debit_slot, credit_slot] = *slots;
  Balance debit_balance = draft_.BalanceOf(debit_slot);
  Balance credit_balance = draft_.BalanceOf(credit_slot);
  debit_balance.debits_pending -= pending.amount;
  credit_balance.credits_pending -= pending.amount;
  if (post && !Add(debit_balance.debits_posted, amount)) return R::kOverflowsDebits;
  if (post && !Add(credit_balance.credits_posted, amount)) return R::kOverflowsCredits;
  JournalRow& row = NewRow(kEntryTransfer, t);
  // The row holds what moved (or was released); the amount asked for goes in detail,
  // so that a retry asking for "the whole amount" (0) is recognised.
  row.debit_account = pending.debit_account;
  row.credit_account = pending.credit_account;
  row.unit = pending.unit;
  row.amount = amount;
  row.detail = std::to_string(t.amount);
  draft_.MutableBalance(debit_slot) = debit_balance;
  draft_.MutableBalance(credit_slot) = credit_balance;
  pending.state = post ? PendingState::kPosted : PendingState::kVoided;
  draft_.PutPending(pending);
  return R::kOk;
}

}  // namespace

Result<std::vector<TransferResult>> DecideBatch(store::Store& store, Draft& draft, int64_t batch,
                                               const std::vector<Transfer>& transfers,
                                               bool look_up_ids) {
  std::unordered_map<std::string, JournalRow> stored;
  if (look_up_ids) {
    auto found = StoredDecisions(store, transfers);
    if (!found.ok()) return found.status();
    stored = std::move(*found);
  }
  draft.Reserve(transfers.size());
  Decider decider(store, draft, batch, std::move(stored));
  Status status = decider.ExpirePending();
  if (!status.ok()) return status;
  const size_t count = transfers.size();
  std::vector<TransferResult> results(count, TransferResult::kOk);
  size_t first = 0;
  while (first < count) {
    size_t last = first;
    while (last < count && transfers[last].linked) ++last;
    if (last == count) {
      // The batch ends inside a chain: none of it applies.
      std::fill(results.begin() + first, results.end(), TransferResult::kLinkedEventFailed);
      results.back() = TransferResult::kLinkedEventChainOpen;
      break;
    }
    const bool chain = last > first;
    Draft::Mark mark{};
    if (chain) mark = draft.MarkHere();
    std::optional<size_t> failed;
    for (size_t i = first; i <= last; ++i) {
      auto result = decider.Decide(transfers[i]);
      if (!result.ok()) return result.status();
      results[i] = *result;
      if (*result != TransferResult::kOk && *result != TransferResult::kExists) {
        failed = i;
        break;
      }
    }
    if (failed) {
      const TransferResult why = results[*failed];
      if (chain) {
        draft.RollBackTo(mark);
        std::fill(results.begin() + first, results.begin() + last + 1,
                  TransferResult::kLinkedEventFailed);
        results[*failed] = why;
      }
      decider.RecordRefusal(transfers[*failed], why);
    } else if (chain) {
      draft.Keep();
    }
    first = last + 1;
  }
  return results;
}

}  // namespace minsheng::ledger
