// Ledger: opening the books, declarations, and committing decided batches.
#include "ledger/ledger.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "store/chunked_insert.h"
#include "ledger/commit_hasher.h"
#include "ledger/decide.h"
#include "ledger/declarations.h"
#include "ledger/draft.h"
#include "ledger/schema.h"

namespace minsheng::ledger {

namespace {

const char* PendingStateName(PendingState state) {
  switch (state) {
    case PendingState::kPending: return "pending";
    case PendingState::kPosted: return "posted";
    case PendingState::kVoided: return "voided";
    case PendingState::kExpired: return "expired";
  }
  return "pending";
}

PendingState PendingStateFromName(const std::string& name) {
  if (name == "posted") return PendingState::kPosted;
  if (name == "voided") return PendingState::kVoided;
  if (name == "expired") return PendingState::kExpired;
  return PendingState::kPending;
}

// Runs a query and calls `row` for each result row.
template <typename Bind, typename Row>
Status Query(store::Store& store, const std::string& sql, Bind bind, Row row) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  bind(**statement);
  while (true) {
    auto step = (*statement)->Step();
    if (!step.ok()) return step.status();
    if (!*step) return Status::Ok();
    Status status = row(**statement);
    if (!status.ok()) {
      (*statement)->Reset();
      return status;
    }
  }
}

const store::ChunkStatements& UpsertBalancesSqls() {
  static const store::ChunkStatements sqls = store::ChunkSqls(
      "INSERT INTO ledger_balances (account, debits_posted, credits_posted, debits_pending, "
      "credits_pending) VALUES ",
      "(?, ?, ?, ?, ?)",
      " ON CONFLICT (account) DO UPDATE SET "
      "debits_posted = excluded.debits_posted, credits_posted = excluded.credits_posted, "
      "debits_pending = excluded.debits_pending, credits_pending = excluded.credits_pending");
  return sqls;
}

// Writes the balances of `slots` (as the draft has them) at a checkpoint, in the order of
// the table's key, so that the B-tree is walked once, not hopped at random.
Status WriteBalances(store::Store& store, const Ledger::State& state, const Draft& draft,
                     std::vector<uint32_t> slots) {
  std::sort(slots.begin(), slots.end(),
            [&](uint32_t a, uint32_t b) { return state.CodeOf(a) < state.CodeOf(b); });
  // A checkpoint writes thousands: in chunks (chunked_insert.h).
  return store::WriteInChunks(store, slots.size(), 5, UpsertBalancesSqls(),
                       [&](store::Statement& statement, int first, size_t row) {
                         const Balance balance = draft.BalanceOf(slots[row]);
                         // The account's code outlives the write.
                         statement.BindTextUncopied(first, state.CodeOf(slots[row]));
                         statement.BindInt(first + 1, balance.debits_posted);
                         statement.BindInt(first + 2, balance.credits_posted);
                         statement.BindInt(first + 3, balance.debits_pending);
                         statement.BindInt(first + 4, balance.credits_pending);
                       });
}

Status WriteCheckpoint(store::Store& store, int64_t position) {
  auto statement = store.Prepare("UPDATE ledger_checkpoint SET position = ? WHERE id = 1");
  if (!statement.ok()) return statement.status();
  (*statement)->BindInt(1, position);
  auto done = (*statement)->Step();
  return done.ok() ? Status::Ok() : done.status();
}

Status WritePending(store::Store& store, const PendingTransfer& pending) {
  auto statement = store.Prepare(
      "INSERT INTO ledger_pending (id, debit_account, credit_account, amount, unit, expires_at, "
      "state) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state");
  if (!statement.ok()) return statement.status();
  store::Statement& s = **statement;
  s.BindText(1, pending.id);
  s.BindText(2, pending.debit_account);
  s.BindText(3, pending.credit_account);
  s.BindInt(4, pending.amount);
  s.BindText(5, pending.unit);
  s.BindInt(6, pending.expires_at);
  s.BindText(7, PendingStateName(pending.state));
  auto done = s.Step();
  return done.ok() ? Status::Ok() : done.status();
}

// The amount a pending transfer reserved, from ledger_pending (kept with every batch).
Result<int64_t> PendingAmount(store::Store& store, const std::string& id) {
  std::optional<int64_t> amount;
  Status status = Query(
      store, "SELECT amount FROM ledger_pending WHERE id = ?",
      [&](store::Statement& s) { s.BindText(1, id); },
      [&](store::Statement& s) {
        amount = s.Int(0);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  if (!amount) return Internal("ledger_pending has no pending transfer '" + id + "'");
  return *amount;
}

// The balances read from the checkpoint at `after`, brought up to the journal's end by
// its later rows: what each transfer, settlement and expiry did (ApplyToBalances).
// Every balance changed is marked unsaved, for the next checkpoint to write.
Status ApplyJournalTail(store::Store& store, int64_t after, Ledger::State& state) {
  std::unordered_map<std::string, int64_t> reserved;  // pending amounts already read
  Ledger::State::StoredBalance nowhere;  // a row naming no account: the audit's business
  auto balance_of = [&](const std::string& account) -> Balance& {
    const Ledger::State::AccountEntry* entry = state.Find(account);
    if (entry == nullptr) return nowhere.balance;
    Ledger::State::StoredBalance& stored = state.balances[entry->slot];
    if (!stored.unsaved) {
      stored.unsaved = true;
      state.unsaved.push_back(entry->slot);
    }
    return stored.balance;
  };
  return Query(
      store,
      "SELECT kind, transfer_kind, debit_account, credit_account, amount, pending_id FROM "
      "ledger_journal WHERE position > ? AND kind IN ('transfer', 'expire') ORDER BY position",
      [&](store::Statement& s) { s.BindInt(1, after); },
      [&](store::Statement& s) -> Status {
        const std::string kind = s.Text(0);
        const std::string transfer_kind = s.IsNull(1) ? "" : s.Text(1);
        Balance& debit = balance_of(s.Text(2));
        Balance& credit = balance_of(s.Text(3));
        const int64_t amount = s.Int(4);
        int64_t released = kind == kEntryExpire ? amount : 0;
        if (kind == kEntryTransfer && transfer_kind != "plain" && transfer_kind != "pending") {
          const std::string pending_id = s.Text(5);
          auto known = reserved.find(pending_id);
          if (known == reserved.end()) {
            auto read = PendingAmount(store, pending_id);
            if (!read.ok()) return read.status();
            known = reserved.emplace(pending_id, *read).first;
          }
          released = known->second;
        }
        ApplyToBalances(kind, transfer_kind, amount, released, debit, credit);
        return Status::Ok();
      });
}

// The last batch's number and hash, left as they are when the books have no batch.
Status ReadHead(store::Store& store, int64_t& seq, std::string& hash) {
  return Query(store, "SELECT seq, hash FROM ledger_batches ORDER BY seq DESC LIMIT 1",
               [](store::Statement&) {}, [&](store::Statement& s) {
                 seq = s.Int(0);
                 hash = s.Text(1);
                 return Status::Ok();
               });
}

}  // namespace

int64_t SystemNanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Ledger::Ledger(store::Store& store, Clock clock)
    : store_(&store), clock_(std::move(clock)), state_(std::make_unique<State>()),
      head_hash_(kGenesisHash) {}

Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::Open(store::Store& store, Clock clock,
                                             int64_t checkpoint_rows) {
  Status status = store::Migrate(store, "ledger", LedgerMigrations());
  if (!status.ok()) return status;
  std::unique_ptr<Ledger> ledger(new Ledger(store, std::move(clock)));
  ledger->checkpoint_rows_ = std::max<int64_t>(1, checkpoint_rows);
  if (Status loaded = ledger->Load(); !loaded.ok()) return loaded;
  return ledger;
}

Status Ledger::Load() {
  store::Store& store = *store_;
  auto fresh = std::make_unique<State>();
  State& state = *fresh;
  Status status;
  int64_t checkpoint_position = 0, batch_count = 0, last_position = 0, last_timestamp = 0;
  std::string head_hash = kGenesisHash;  // no batch yet
  auto none = [](store::Statement&) {};
  status = Query(store, "SELECT code, name_zh, name_en, step FROM ledger_units", none,
                 [&](store::Statement& s) {
                   Unit unit{s.Text(0), s.Text(1), s.Text(2), s.Text(3)};
                   state.units.emplace(unit.code, std::move(unit));
                   return Status::Ok();
                 });
  if (!status.ok()) return status;
  status = Query(
      store,
      "SELECT code, unit, kind, name_zh, name_en, parent, debits_must_not_exceed_credits, "
      "credits_must_not_exceed_debits, closed, earmarks FROM ledger_accounts",
      none, [&](store::Statement& s) {
        Account account;
        account.code = s.Text(0);
        account.unit = s.Text(1);
        auto kind = AccountKindFromName(s.Text(2));
        if (!kind) return Internal("ledger_accounts: account '" + account.code + "' has kind '" + s.Text(2) + "'");
        account.kind = *kind;
        account.name_zh = s.Text(3);
        account.name_en = s.Text(4);
        account.parent = s.Text(5);
        account.debits_must_not_exceed_credits = s.Int(6) != 0;
        account.credits_must_not_exceed_debits = s.Int(7) != 0;
        account.closed = s.Int(8) != 0;
        account.earmarks = SplitEarmarks(s.Text(9));
        state.Put(account);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  status = Query(store,
                 "SELECT account, debits_posted, credits_posted, debits_pending, credits_pending "
                 "FROM ledger_balances",
                 none, [&](store::Statement& s) {
                   const State::AccountEntry* entry = state.Find(s.Text(0));
                   if (entry == nullptr) {
                     return Internal("ledger_balances: a balance of '" + s.Text(0) +
                                     "', which ledger_accounts lacks");
                   }
                   state.balances[entry->slot].balance = {s.Int(1), s.Int(2), s.Int(3), s.Int(4)};
                   return Status::Ok();
                 });
  if (!status.ok()) return status;
  status = Query(store, "SELECT position FROM ledger_checkpoint WHERE id = 1", none,
                 [&](store::Statement& s) {
                   checkpoint_position = s.Int(0);
                   return Status::Ok();
                 });
  if (!status.ok()) return status;
  status = ApplyJournalTail(store, checkpoint_position, state);
  if (!status.ok()) return status;
  status = Query(store,
                 "SELECT id, debit_account, credit_account, amount, unit, expires_at, state "
                 "FROM ledger_pending WHERE state = 'pending'",
                 none, [&](store::Statement& s) {
                   PendingTransfer pending{s.Text(0), s.Text(1), s.Text(2), s.Int(3),
                                           s.Text(4), s.Int(5), PendingStateFromName(s.Text(6))};
                   state.open_pending.emplace(pending.id, std::move(pending));
                   return Status::Ok();
                 });
  if (!status.ok()) return status;
  status = ReadHead(store, batch_count, head_hash);
  if (!status.ok()) return status;
  status = Query(store, "SELECT position, timestamp FROM ledger_journal ORDER BY position DESC LIMIT 1",
                 none, [&](store::Statement& s) {
                   last_position = s.Int(0);
                   last_timestamp = s.Int(1);
                   return Status::Ok();
                 });
  if (!status.ok()) return status;
  // Read whole: only now does the ledger take it.
  state_ = std::move(fresh);
  checkpoint_position_ = checkpoint_position;
  batch_count_ = batch_count;
  head_hash_ = std::move(head_hash);
  last_position_ = last_position;
  last_timestamp_ = last_timestamp;
  return Status::Ok();
}

// The books as another process may have left them: a ledger is the only writer of its
// store while it writes, not while it waits (two desks, a payment run beside a
// settlement). When the last batch is not the one this ledger committed or read last,
// the books are read again.
Status Ledger::CatchUp() {
  int64_t seq = 0;
  std::string hash = kGenesisHash;
  if (Status status = ReadHead(*store_, seq, hash); !status.ok()) return status;
  if (seq == batch_count_ && hash == head_hash_) return Status::Ok();
  return Load();
}

// Begins a write transaction with the books as they stand in it: caught up with another
// process's batches, so that what is decided in it is decided on them.
Status Ledger::BeginWriting() {
  if (Status begun = store_->Begin(); !begun.ok()) return begun;
  if (Status caught_up = CatchUp(); !caught_up.ok()) {
    (void)store_->Rollback();
    return caught_up;
  }
  return Status::Ok();
}

// Writes a decided draft as batches first_seq, first_seq + 1, … (rows grouped by their
// batch number) with its derived state, in one transaction; on success, takes the
// draft's state into memory. On failure nothing is written and nothing changes.
Status Ledger::Commit(Draft& draft, const std::vector<Unit>& units,
                      const std::vector<Account>& accounts, const std::vector<std::string>& closed) {
  std::vector<JournalRow>& rows = draft.rows();
  if (rows.empty()) return store_->Rollback();  // nothing to record: end the transaction
  // The batches' fields but their hashes; the hasher fills those in, and every row's.
  std::vector<BatchRow> batches;
  for (size_t first = 0; first < rows.size();) {
    size_t end = first;
    while (end < rows.size() && rows[end].batch == rows[first].batch) ++end;
    batches.push_back({rows[first].batch, rows[first].position, static_cast<int64_t>(end - first),
                       rows[end - 1].timestamp, "", ""});
    first = end;
  }
  CommitHasher hasher(rows, batches, head_hash_);

  // A checkpoint writes every balance changed since the last one: those earlier commits
  // left unsaved, and this draft's.
  const bool checkpoint = draft.position() - checkpoint_position_ >= checkpoint_rows_;
  std::vector<uint32_t> due;
  if (checkpoint) {
    due = state_->unsaved;
    for (const auto& [slot, balance] : draft.balances()) {
      if (!state_->balances[slot].unsaved) due.push_back(slot);
    }
  }

  // The caller began the transaction (the batch was decided inside it, so that its
  // lookups read what this writer alone may change); a failure rolls it back.
  auto write = [&]() -> Status {
    Status written_rows =
        InsertRows(*store_, rows, [&hasher](size_t row) { hasher.WaitForRow(row); });
    if (!written_rows.ok()) return written_rows;
    hasher.WaitForAll();
    for (const BatchRow& batch : batches) {
      Status written = InsertBatch(*store_, batch);
      if (!written.ok()) return written;
    }
    for (size_t i = 0; i < units.size(); ++i) {
      Status written = InsertUnitRow(*store_, units[i], rows[i].position);
      if (!written.ok()) return written;
    }
    for (size_t i = 0; i < accounts.size(); ++i) {
      Status written = InsertAccountRow(*store_, accounts[i], rows[i].position);
      if (!written.ok()) return written;
    }
    for (const std::string& code : closed) {
      Status written = MarkAccountClosed(*store_, code);
      if (!written.ok()) return written;
    }
    if (checkpoint) {
      if (Status written = WriteBalances(*store_, *state_, draft, std::move(due)); !written.ok()) {
        return written;
      }
      if (Status written = WriteCheckpoint(*store_, draft.position()); !written.ok()) {
        return written;
      }
    }
    for (const auto& [id, pending] : draft.pending()) {
      Status written = WritePending(*store_, pending);
      if (!written.ok()) return written;
    }
    return store_->Commit();
  };
  Status status = write();
  if (!status.ok()) {
    if (store_->InTransaction()) (void)store_->Rollback();
    return status;
  }

  // Committed: the memory follows.
  for (const Unit& unit : units) state_->units[unit.code] = unit;
  for (const Account& account : accounts) state_->Put(account);
  for (const std::string& code : closed) state_->Find(code)->account.closed = true;
  for (const auto& [slot, balance] : draft.balances()) {
    State::StoredBalance& stored = state_->balances[slot];
    stored.balance = balance;
    if (!checkpoint && !stored.unsaved) {
      stored.unsaved = true;
      state_->unsaved.push_back(slot);
    }
  }
  if (checkpoint) {
    for (uint32_t slot : state_->unsaved) state_->balances[slot].unsaved = false;
    state_->unsaved.clear();
    checkpoint_position_ = draft.position();
  }
  for (const auto& [id, pending] : draft.pending()) {
    if (pending.state == PendingState::kPending) {
      state_->open_pending[id] = pending;
    } else {
      state_->open_pending.erase(id);
    }
  }
  batch_count_ = batches.back().seq;
  head_hash_ = batches.back().hash;
  last_position_ = draft.position();
  last_timestamp_ = draft.timestamp();
  return Status::Ok();
}

Status Ledger::Checkpoint() {
  if (rows_since_checkpoint() == 0) return Status::Ok();
  if (Status begun = BeginWriting(); !begun.ok()) return begun;
  // An empty draft: its balances are the committed ones.
  Draft draft(*state_, last_position_, last_timestamp_, clock_());
  Status status = WriteBalances(*store_, *state_, draft, state_->unsaved);
  if (status.ok()) status = WriteCheckpoint(*store_, last_position_);
  if (status.ok()) status = store_->Commit();
  if (!status.ok()) {
    if (store_->InTransaction()) (void)store_->Rollback();
    return status;
  }
  for (uint32_t slot : state_->unsaved) state_->balances[slot].unsaved = false;
  state_->unsaved.clear();
  checkpoint_position_ = last_position_;
  return Status::Ok();
}

Status Ledger::AddUnit(const Unit& unit) {
  Status status = ValidateUnit(unit);
  if (!status.ok()) return status;
  if (Status caught_up = CatchUp(); !caught_up.ok()) return caught_up;
  if (const Unit* existing = FindUnit(unit.code)) {
    if (existing->name_zh == unit.name_zh && existing->name_en == unit.name_en &&
        existing->step == unit.step) {
      return Status::Ok();
    }
    return Status(ErrorCode::kAlreadyExists,
                  "unit '" + unit.code + "' exists with other names or another step");
  }
  if (Status begun = BeginWriting(); !begun.ok()) return begun;
  Draft draft(*state_, last_position_, last_timestamp_, clock_());
  JournalRow& row = draft.NewRow(kEntryUnit, unit.code);
  row.batch = batch_count_ + 1;
  row.detail = UnitDetail(unit);
  return Commit(draft, {unit}, {}, {});
}

Status Ledger::AddAccount(const Account& account) {
  return AddAccounts(std::span<const Account>(&account, 1));
}

Status Ledger::AddAccounts(std::span<const Account> accounts) {
  if (accounts.size() > kMaxDeclaredAccounts) {
    return InvalidArgument("at most " + std::to_string(kMaxDeclaredAccounts) +
                           " accounts are declared at once; these are " +
                           std::to_string(accounts.size()));
  }
  if (Status caught_up = CatchUp(); !caught_up.ok()) return caught_up;
  // The accounts new to the books, in order; an account may name one before it as parent.
  std::vector<Account> fresh;
  TextMap<size_t> fresh_index;
  auto find = [&](std::string_view code) -> const Account* {
    if (const Account* known = FindAccount(code)) return known;
    auto found = fresh_index.find(code);
    return found == fresh_index.end() ? nullptr : &fresh[found->second];
  };
  for (const Account& account : accounts) {
    Status status = ValidateAccount(account);
    if (!status.ok()) return status;
    if (const Account* existing = find(account.code)) {
      if (AccountDetail(*existing) == AccountDetail(account)) continue;
      return Status(ErrorCode::kAlreadyExists,
                    "account '" + account.code + "' exists with other fields");
    }
    if (FindUnit(account.unit) == nullptr) {
      return NotFound("account '" + account.code + "': no unit '" + account.unit +
                      "' (declare it with 'minsheng ledger unit add')");
    }
    if (!account.parent.empty()) {
      const Account* parent = find(account.parent);
      if (parent == nullptr) {
        return NotFound("account '" + account.code + "': no parent account '" + account.parent + "'");
      }
      if (parent->unit != account.unit) {
        return InvalidArgument("account '" + account.code + "' keeps " + account.unit +
                               " but its parent '" + account.parent + "' keeps " + parent->unit +
                               ": roll-ups add one unit only");
      }
    }
    fresh_index.emplace(account.code, fresh.size());
    fresh.push_back(account);
  }
  if (fresh.empty()) return Status::Ok();
  if (Status begun = BeginWriting(); !begun.ok()) return begun;
  Draft draft(*state_, last_position_, last_timestamp_, clock_());
  draft.Reserve(fresh.size());
  for (const Account& account : fresh) {
    JournalRow& row = draft.NewRow(kEntryAccount, account.code);
    row.batch = batch_count_ + 1;
    row.unit = account.unit;
    row.detail = AccountDetail(account);
  }
  return Commit(draft, {}, fresh, {});
}

Status Ledger::CloseAccount(std::string_view code) {
  if (Status caught_up = CatchUp(); !caught_up.ok()) return caught_up;
  const Account* account = FindAccount(code);
  if (account == nullptr) return NotFound("no account '" + std::string(code) + "'");
  if (account->closed) return Status::Ok();
  const std::string closing = account->code;  // BeginWriting may read the books again
  if (Status begun = BeginWriting(); !begun.ok()) return begun;
  Draft draft(*state_, last_position_, last_timestamp_, clock_());
  JournalRow& row = draft.NewRow(kEntryClose, closing);
  row.batch = batch_count_ + 1;
  return Commit(draft, {}, {}, {closing});
}

Result<std::vector<TransferResult>> Ledger::Submit(std::vector<Transfer> transfers) {
  std::vector<std::vector<Transfer>> batches;
  batches.push_back(std::move(transfers));
  auto results = SubmitMany(std::move(batches));
  if (!results.ok()) return results.status();
  return std::move(results->front());
}

Result<std::vector<std::vector<TransferResult>>> Ledger::SubmitMany(
    std::vector<std::vector<Transfer>> batches) {
  for (const std::vector<Transfer>& batch : batches) {
    if (batch.size() > kMaxBatchTransfers) {
      return InvalidArgument("a batch holds at most " + std::to_string(kMaxBatchTransfers) +
                             " transfers; this one has " + std::to_string(batch.size()));
    }
  }
  // First as if every id were new to the store, as nearly all are (an id comes again
  // only when a caller retries): no lookups. An id the store knows makes its unique
  // index refuse the rows, nothing is written, and the batches are decided again with
  // their ids looked up, answering exists, exists_with_different_… or id_already_failed.
  auto results = DecideAndCommit(batches, false);
  if (results.ok() || results.status().code() != ErrorCode::kAlreadyExists) return results;
  return DecideAndCommit(batches, true);
}

Result<std::vector<std::vector<TransferResult>>> Ledger::DecideAndCommit(
    std::vector<std::vector<Transfer>>& batches, bool look_up_ids) {
  // Decided inside the write transaction: its id lookups then need no read transaction
  // of their own, and no other writer can change what they read before the commit.
  if (Status begun = BeginWriting(); !begun.ok()) return begun;
  Draft draft(*state_, last_position_, last_timestamp_, clock_());
  std::vector<std::vector<TransferResult>> results;
  int64_t seq = batch_count_;
  for (std::vector<Transfer>& batch : batches) {
    // A batch that records nothing (all refused without record) takes no number.
    const size_t rows_before = draft.rows().size();
    auto decided = DecideBatch(*store_, draft, seq + 1, batch, look_up_ids);
    if (!decided.ok()) {
      (void)store_->Rollback();
      return decided.status();
    }
    if (draft.rows().size() > rows_before) ++seq;
    results.push_back(std::move(*decided));
  }
  Status status = Commit(draft, {}, {}, {});
  if (!status.ok()) return status;
  return results;
}

const Unit* Ledger::FindUnit(std::string_view code) const {
  auto found = state_->units.find(code);
  return found == state_->units.end() ? nullptr : &found->second;
}

const Account* Ledger::FindAccount(std::string_view code) const {
  const State::AccountEntry* entry = state_->Find(code);
  return entry == nullptr ? nullptr : &entry->account;
}

Result<Balance> Ledger::BalanceOf(std::string_view code) const {
  const State::AccountEntry* entry = state_->Find(code);
  if (entry == nullptr) return NotFound("no account '" + std::string(code) + "'");
  return state_->balances[entry->slot].balance;
}

Result<std::vector<bool>> Ledger::Accepted(std::span<const std::string> ids) const {
  auto amounts = AcceptedAmounts(ids);
  if (!amounts.ok()) return amounts.status();
  std::vector<bool> accepted(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) accepted[i] = (*amounts)[i].has_value();
  return accepted;
}

Result<std::vector<std::optional<int64_t>>> Ledger::AcceptedAmounts(
    std::span<const std::string> ids) const {
  return JournalAmounts(ids, false);
}

Result<std::vector<bool>> Ledger::Refused(std::span<const std::string> ids) const {
  auto amounts = JournalAmounts(ids, true);
  if (!amounts.ok()) return amounts.status();
  std::vector<bool> refused(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) refused[i] = (*amounts)[i].has_value();
  return refused;
}

Result<std::vector<std::optional<int64_t>>> Ledger::JournalAmounts(std::span<const std::string> ids,
                                                                   bool refused) const {
  // Looked up this many at a time; the condition on kind lets SQLite use the journal's
  // partial unique index on id.
  constexpr size_t kChunk = 128;
  const auto sql_of = [](std::string_view entry_kind) {
    std::string text = "SELECT id, amount FROM ledger_journal WHERE kind IN ('transfer', 'refused') AND kind = '" +
                       std::string(entry_kind) + "' AND id IN (?";
    for (size_t i = 1; i < kChunk; ++i) text += ", ?";
    return text + ")";
  };
  static const std::string accepted_sql = sql_of(kEntryTransfer), refused_sql = sql_of(kEntryRefused);
  const std::string& sql = refused ? refused_sql : accepted_sql;
  std::vector<std::optional<int64_t>> amounts(ids.size());
  for (size_t first = 0; first < ids.size(); first += kChunk) {
    auto statement = store_->Prepare(sql);
    if (!statement.ok()) return statement.status();
    const size_t end = std::min(ids.size(), first + kChunk);
    TextMap<std::vector<size_t>> wanted;
    for (size_t i = first; i < end; ++i) wanted[ids[i]].push_back(i);
    for (size_t i = 0; i < kChunk; ++i) {
      (*statement)->BindText(static_cast<int>(i + 1), ids[std::min(first + i, end - 1)]);
    }
    while (true) {
      auto row = (*statement)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      auto found = wanted.find((*statement)->Text(0));
      if (found == wanted.end()) continue;
      for (size_t i : found->second) amounts[i] = (*statement)->Int(1);
    }
  }
  return amounts;
}

std::vector<const Account*> Ledger::Accounts() const {
  std::vector<const Account*> accounts;
  for (const State::AccountEntry& entry : state_->accounts) accounts.push_back(&entry.account);
  std::sort(accounts.begin(), accounts.end(),
            [](const Account* a, const Account* b) { return a->code < b->code; });
  return accounts;
}

std::vector<const Unit*> Ledger::Units() const {
  std::vector<const Unit*> units;
  for (const auto& [code, unit] : state_->units) units.push_back(&unit);
  std::sort(units.begin(), units.end(),
            [](const Unit* a, const Unit* b) { return a->code < b->code; });
  return units;
}

Result<std::optional<PendingTransfer>> Ledger::FindPending(std::string_view id) const {
  if (auto found = state_->open_pending.find(std::string(id)); found != state_->open_pending.end()) {
    return std::optional(found->second);
  }
  std::optional<PendingTransfer> pending;
  Status status = Query(
      *store_,
      "SELECT id, debit_account, credit_account, amount, unit, expires_at, state FROM "
      "ledger_pending WHERE id = ?",
      [&](store::Statement& s) { s.BindText(1, id); },
      [&](store::Statement& s) {
        pending = PendingTransfer{s.Text(0), s.Text(1), s.Text(2), s.Int(3),
                                  s.Text(4), s.Int(5), PendingStateFromName(s.Text(6))};
        return Status::Ok();
      });
  if (!status.ok()) return status;
  return pending;
}

}  // namespace minsheng::ledger
