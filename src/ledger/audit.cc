// Audit: recomputes the chain and the books from the journal, and compares.
#include "ledger/audit.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/money.h"
#include "ledger/declarations.h"
#include "ledger/journal.h"
#include "ledger/model.h"
#include "ledger/schema.h"

namespace minsheng::ledger {

namespace {

struct Replayed {
  std::map<std::string, Unit> units;
  std::map<std::string, Account> accounts;
  std::map<std::string, Balance> balances;
  struct Pending {
    std::string debit, credit, unit, state;
    int64_t amount = 0;
    int64_t expires_at = 0;
  };
  std::map<std::string, Pending> pending;
};

class Auditor {
 public:
  Auditor(store::Store& store, AuditReport& report) : store_(store), report_(report) {}

  Status Run(const AuditOptions& options);

 private:
  void Problem(int64_t position, int64_t batch, std::string what) {
    report_.problems.push_back({position, batch, std::move(what)});
  }
  Status ReadBatches();
  Status ReadCheckpoint();
  Status WalkRows();
  void CloseBatch(size_t index);
  void Replay(const JournalRow& row);
  Status CompareBalances();
  Status CompareAccounts();
  Status ComparePending();
  void CheckInvariants();

  store::Store& store_;
  AuditReport& report_;
  std::vector<BatchRow> batches_;
  std::vector<std::vector<std::string>> row_hashes_;  // recomputed, per batch
  std::vector<std::string> recomputed_;               // batch hashes, recomputed
  Replayed books_;
  // ledger_balances holds the balances as of this journal position (ledger.h); the
  // replayed balances there are kept to compare with it.
  int64_t checkpoint_ = 0;
  std::optional<std::map<std::string, Balance>> at_checkpoint_;
};

std::string Range(int64_t first, int64_t last) {
  return first == last ? std::to_string(first)
                       : std::to_string(first) + "–" + std::to_string(last);
}

Status Auditor::ReadBatches() {
  auto statement = store_.Prepare(
      "SELECT seq, first_position, entry_count, committed_at, previous_hash, hash "
      "FROM ledger_batches ORDER BY seq");
  if (!statement.ok()) return statement.status();
  while (true) {
    auto step = (*statement)->Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    const store::Statement& s = **statement;
    batches_.push_back({s.Int(0), s.Int(1), s.Int(2), s.Int(3), s.Text(4), s.Text(5)});
  }
  int64_t expected_seq = 1;
  int64_t expected_position = 1;
  for (const BatchRow& batch : batches_) {
    if (batch.seq != expected_seq) {
      Problem(0, batch.seq, "batch " + Range(expected_seq, batch.seq - 1) +
                                " missing: deleted, or the batches renumbered");
    }
    if (batch.first_position != expected_position) {
      Problem(batch.first_position, batch.seq,
              "batch " + std::to_string(batch.seq) + " starts at position " +
                  std::to_string(batch.first_position) + ", not " +
                  std::to_string(expected_position) + " where the previous one ended");
    }
    expected_seq = batch.seq + 1;
    expected_position = batch.first_position + batch.entry_count;
  }
  row_hashes_.resize(batches_.size());
  return Status::Ok();
}

void Auditor::CloseBatch(size_t index) {
  const BatchRow& batch = batches_[index];
  const auto& hashes = row_hashes_[index];
  if (static_cast<int64_t>(hashes.size()) != batch.entry_count) {
    Problem(0, batch.seq, "batch " + std::to_string(batch.seq) + " holds " +
                              std::to_string(hashes.size()) + " of its " +
                              std::to_string(batch.entry_count) + " entries: rows deleted");
  }
  const std::string previous = index == 0 ? kGenesisHash : batches_[index - 1].hash;
  if (batch.previous_hash != previous) {
    Problem(0, batch.seq, "batch " + std::to_string(batch.seq) +
                              " does not chain to the batch before it (previous hash differs)");
  }
  const std::string hash = BatchHash(batch, hashes);
  if (hash != batch.hash) {
    Problem(0, batch.seq, "batch " + std::to_string(batch.seq) +
                              ": its hash does not match its entries (an entry was edited, "
                              "removed or added, and its row hash rewritten)");
  }
  recomputed_.push_back(hash);
}

Status Auditor::ReadCheckpoint() {
  auto statement = store_.Prepare("SELECT position FROM ledger_checkpoint WHERE id = 1");
  if (!statement.ok()) return statement.status();
  auto step = (*statement)->Step();
  if (!step.ok()) return step.status();
  if (!*step) {
    Problem(0, 0, "ledger_checkpoint has no row: the position of the stored balances is unknown");
  } else {
    checkpoint_ = (*statement)->Int(0);
  }
  (*statement)->Reset();
  return Status::Ok();
}

Status Auditor::WalkRows() {
  static const std::string sql =
      std::string("SELECT ") + kJournalColumns + " FROM ledger_journal ORDER BY position";
  auto statement = store_.Prepare(sql);
  if (!statement.ok()) return statement.status();
  size_t index = 0;  // the batch the next row should belong to
  int64_t expected_position = 1;
  while (true) {
    auto step = (*statement)->Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    const JournalRow row = ReadRow(**statement);
    ++report_.entries;
    if (row.position > expected_position) {
      Problem(expected_position, 0,
              "row" + std::string(row.position - expected_position > 1 ? "s " : " ") +
                  Range(expected_position, row.position - 1) + " deleted");
    }
    expected_position = row.position + 1;
    const std::string hash = RowHash(row);
    if (hash != row.row_hash) {
      Problem(row.position, row.batch,
              "row " + std::to_string(row.position) + " (" + row.kind + " '" + row.id +
                  "') edited: its fields do not match its hash");
    }
    while (index < batches_.size() &&
           row.position >= batches_[index].first_position + batches_[index].entry_count) {
      CloseBatch(index++);
    }
    if (index == batches_.size() || row.position < batches_[index].first_position) {
      Problem(row.position, row.batch,
              "row " + std::to_string(row.position) + " (" + row.kind + " '" + row.id +
                  "') inserted: it lies in no committed batch");
      continue;  // not part of the books
    }
    if (row.batch != batches_[index].seq) {
      Problem(row.position, row.batch,
              "row " + std::to_string(row.position) + " says batch " + std::to_string(row.batch) +
                  " but lies in batch " + std::to_string(batches_[index].seq));
    }
    row_hashes_[index].push_back(hash);
    if (row.position > checkpoint_ && !at_checkpoint_) at_checkpoint_ = books_.balances;
    Replay(row);
  }
  while (index < batches_.size()) CloseBatch(index++);
  if (!at_checkpoint_) {
    if (checkpoint_ > expected_position - 1) {
      Problem(checkpoint_, 0, "the stored balances are as of position " +
                                  std::to_string(checkpoint_) + ", beyond the journal's last row " +
                                  std::to_string(expected_position - 1));
    }
    at_checkpoint_ = books_.balances;
  }
  return Status::Ok();
}

void Auditor::Replay(const JournalRow& row) {
  if (row.kind == kEntryUnit) {
    auto unit = UnitFromDetail(row.id, row.detail);
    if (!unit.ok()) {
      Problem(row.position, row.batch, unit.status().message());
    } else {
      books_.units[row.id] = *unit;
    }
  } else if (row.kind == kEntryAccount) {
    auto account = AccountFromDetail(row.id, row.detail);
    if (!account.ok()) {
      Problem(row.position, row.batch, account.status().message());
    } else {
      books_.accounts[row.id] = *account;
      books_.balances[row.id];
    }
  } else if (row.kind == kEntryClose) {
    books_.accounts[row.id].closed = true;
  } else if (row.kind == kEntryTransfer) {
    ++report_.transfers;
    Balance& debit = books_.balances[row.debit_account];
    Balance& credit = books_.balances[row.credit_account];
    int64_t released = 0;  // what a settled pending transfer had reserved
    if (row.transfer_kind == "pending") {
      const int64_t timeout = std::min(row.timeout_seconds, kMaxTimeoutSeconds);
      books_.pending[row.id] = {row.debit_account, row.credit_account, row.unit, "pending",
                                row.amount,
                                timeout == 0 ? 0 : row.timestamp + timeout * kNanosecondsPerSecond};
    } else if (row.transfer_kind != "plain") {
      auto& pending = books_.pending[row.pending_id];
      released = pending.amount;
      pending.state = row.transfer_kind == "post_pending" ? "posted" : "voided";
    }
    ApplyToBalances(row.kind, row.transfer_kind, row.amount, released, debit, credit);
  } else if (row.kind == kEntryExpire) {
    auto& pending = books_.pending[row.id];
    ApplyToBalances(row.kind, "", 0, pending.amount, books_.balances[pending.debit],
                    books_.balances[pending.credit]);
    pending.state = "expired";
  } else if (row.kind != kEntryRefused) {
    Problem(row.position, row.batch, "row " + std::to_string(row.position) + " has unknown kind '" +
                                         row.kind + "'");
  }
}

Status Auditor::CompareBalances() {
  auto statement = store_.Prepare(
      "SELECT account, debits_posted, credits_posted, debits_pending, credits_pending "
      "FROM ledger_balances ORDER BY account");
  if (!statement.ok()) return statement.status();
  std::map<std::string, Balance> stored;
  while (true) {
    auto step = (*statement)->Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    const store::Statement& s = **statement;
    stored[s.Text(0)] = {s.Int(1), s.Int(2), s.Int(3), s.Int(4)};
  }
  for (const auto& [account, balance] : *at_checkpoint_) {
    // Amounts as people read them: yuan for a unit counted in fen, else whole steps.
    const auto declared = books_.accounts.find(account);
    const auto unit = declared == books_.accounts.end()
                          ? books_.units.end()
                          : books_.units.find(declared->second.unit);
    const bool yuan = unit != books_.units.end() && unit->second.step == "fen";
    auto amount = [yuan](int64_t value) {
      return yuan ? Money::FromFen(value).ToString() : std::to_string(value);
    };
    auto describe = [&](const Balance& b) {
      return "debits " + amount(b.debits_posted) + ", credits " + amount(b.credits_posted) +
             ", pending " + amount(b.debits_pending) + "/" + amount(b.credits_pending);
    };
    const auto found = stored.find(account);
    const Balance held = found == stored.end() ? Balance{} : found->second;
    if (held != balance) {
      Problem(0, 0, "balance of '" + account + "' is stored as " + describe(held) +
                        " but the journal gives " + describe(balance) + " at position " +
                        std::to_string(checkpoint_) + " (the balances' checkpoint)");
    }
  }
  for (const auto& [account, balance] : stored) {
    if (!at_checkpoint_->contains(account)) {
      Problem(0, 0, "balance of '" + account + "' is stored but the journal has no such account");
    }
  }
  return Status::Ok();
}

Status Auditor::CompareAccounts() {
  auto statement = store_.Prepare(
      "SELECT code, unit, kind, name_zh, name_en, parent, debits_must_not_exceed_credits, "
      "credits_must_not_exceed_debits, closed, earmarks FROM ledger_accounts ORDER BY code");
  if (!statement.ok()) return statement.status();
  std::map<std::string, std::string> stored;  // code → declaration as the journal writes it
  while (true) {
    auto step = (*statement)->Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    const store::Statement& s = **statement;
    Account account;
    account.code = s.Text(0);
    account.unit = s.Text(1);
    account.kind = AccountKindFromName(s.Text(2)).value_or(AccountKind::kAsset);
    account.name_zh = s.Text(3);
    account.name_en = s.Text(4);
    account.parent = s.Text(5);
    account.debits_must_not_exceed_credits = s.Int(6) != 0;
    account.credits_must_not_exceed_debits = s.Int(7) != 0;
    account.closed = s.Int(8) != 0;
    account.earmarks = SplitEarmarks(s.Text(9));
    stored[account.code] = AccountDetail(account) + (s.Text(2) == KindName(account.kind) ? "" : "?");
  }
  report_.accounts = static_cast<int64_t>(books_.accounts.size());
  for (const auto& [code, account] : books_.accounts) {
    const auto found = stored.find(code);
    if (found == stored.end()) {
      Problem(0, 0, "account '" + code + "' is in the journal but not in ledger_accounts");
    } else if (found->second != AccountDetail(account)) {
      Problem(0, 0, "account '" + code + "' in ledger_accounts differs from its declaration "
                                          "in the journal (flags, earmarks or names edited)");
    }
  }
  for (const auto& [code, detail] : stored) {
    if (!books_.accounts.contains(code)) {
      Problem(0, 0, "account '" + code + "' is in ledger_accounts but was never declared");
    }
  }
  return Status::Ok();
}

Status Auditor::ComparePending() {
  auto statement = store_.Prepare(
      "SELECT id, debit_account, credit_account, amount, state FROM ledger_pending ORDER BY id");
  if (!statement.ok()) return statement.status();
  std::map<std::string, std::string> stored;
  while (true) {
    auto step = (*statement)->Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    const store::Statement& s = **statement;
    stored[s.Text(0)] = s.Text(1) + "|" + s.Text(2) + "|" + std::to_string(s.Int(3)) + "|" + s.Text(4);
  }
  for (const auto& [id, pending] : books_.pending) {
    const std::string expected = pending.debit + "|" + pending.credit + "|" +
                                 std::to_string(pending.amount) + "|" + pending.state;
    const auto found = stored.find(id);
    if (found == stored.end() || found->second != expected) {
      Problem(0, 0, "pending transfer '" + id + "' in ledger_pending differs from the journal");
    }
  }
  for (const auto& [id, held] : stored) {
    if (!books_.pending.contains(id)) {
      Problem(0, 0, "pending transfer '" + id + "' is in ledger_pending but not in the journal");
    }
  }
  return Status::Ok();
}

void Auditor::CheckInvariants() {
  // Double entry: per unit, debits and credits (posted, and pending) sum alike.
  std::map<std::string, Balance> by_unit;
  for (const auto& [code, balance] : books_.balances) {
    const auto account = books_.accounts.find(code);
    if (account == books_.accounts.end()) continue;
    Balance& total = by_unit[account->second.unit];
    total.debits_posted += balance.debits_posted;
    total.credits_posted += balance.credits_posted;
    total.debits_pending += balance.debits_pending;
    total.credits_pending += balance.credits_pending;
    if (account->second.debits_must_not_exceed_credits &&
        balance.debits_posted + balance.debits_pending > balance.credits_posted) {
      Problem(0, 0, "account '" + code + "' allows no overdraft but its debits exceed its credits");
    }
    if (account->second.credits_must_not_exceed_debits &&
        balance.credits_posted + balance.credits_pending > balance.debits_posted) {
      Problem(0, 0, "account '" + code + "' takes no more credits than debits but does");
    }
  }
  for (const auto& [unit, total] : by_unit) {
    if (total.debits_posted != total.credits_posted || total.debits_pending != total.credits_pending) {
      Problem(0, 0, "unit " + unit + ": debits and credits do not balance");
    }
  }
}

Status Auditor::Run(const AuditOptions& options) {
  Status status = ReadBatches();
  if (status.ok()) status = ReadCheckpoint();
  if (status.ok()) status = WalkRows();
  if (status.ok()) status = CompareBalances();
  if (status.ok()) status = CompareAccounts();
  if (status.ok()) status = ComparePending();
  if (!status.ok()) return status;
  CheckInvariants();
  report_.batches = static_cast<int64_t>(batches_.size());
  report_.head_hash = recomputed_.empty() ? kGenesisHash : recomputed_.back();
  if (!options.expected_head.empty() && options.expected_head != report_.head_hash) {
    Problem(0, report_.batches, "the head hash is " + report_.head_hash + ", not the expected " +
                                    options.expected_head + ": the chain was rewritten or cut");
  }
  return Status::Ok();
}

}  // namespace

Result<AuditReport> Audit(store::Store& store, const AuditOptions& options) {
  AuditReport report;
  Auditor auditor(store, report);
  Status status = auditor.Run(options);
  if (!status.ok()) return status;
  return report;
}

}  // namespace minsheng::ledger
