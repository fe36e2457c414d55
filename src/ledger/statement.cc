// Statements and disclosures (statement.h), read from the journal through the store.
//
// The store sums in SQL, one group per pair of accounts (and purpose, for payments):
// each group is part of one account's posted debits, which the ledger keeps within
// int64 (kOverflowsDebits), so no SQL sum can overflow. Everything added across
// accounts — roll-ups, totals by purpose, closing balances — is added here, checked.
// Posted movements are journal rows of kind 'transfer' that are plain transfers or
// posts of pending ones (whose row holds the resolved accounts and amount); pending,
// void, refused and expiry rows never move a posted balance.
// Reads through the ledger's store, so not thread-safe: use it where the ledger is used.
#include "ledger/statement.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace minsheng::ledger {
namespace {

// The label of payments that carry no purpose.
constexpr const char* kNoPurposeLabel = "(none)";

// Posted movements between two accounts up to the period's last day, summed by pair:
// before the period (for the opening balance) and within it. Parameters: first day
// (three times), last day.
constexpr const char* kFlowsByPairSql =
    "SELECT debit_account, credit_account, "
    "SUM(CASE WHEN value_date < ? THEN amount ELSE 0 END), "
    "SUM(CASE WHEN value_date < ? THEN 0 ELSE amount END), "
    "SUM(CASE WHEN value_date < ? THEN 0 ELSE 1 END) "
    "FROM ledger_journal "
    "WHERE kind = 'transfer' AND transfer_kind IN ('plain', 'post_pending') "
    "AND value_date <= ? "
    "GROUP BY debit_account, credit_account";

// The same, by purpose too, for disclosures. A post of a pending transfer that gives no
// purpose of its own is paid for the pending one's purpose, so the pending row's purpose
// comes along (empty text is stored as NULL). The join says kind IN ('transfer',
// 'refused') as the unique index on ids does, so SQLite uses that partial index (a
// term must match its WHERE); the id is one row of either kind, and a post was only
// accepted against a pending that was. One pass over the journal: it has no index by
// account (schema.cc). Parameters as kFlowsByPairSql.
constexpr const char* kFlowsByPurposeSql =
    "SELECT j.debit_account, j.credit_account, COALESCE(j.purpose, p.purpose), "
    "SUM(CASE WHEN j.value_date < ? THEN j.amount ELSE 0 END), "
    "SUM(CASE WHEN j.value_date < ? THEN 0 ELSE j.amount END), "
    "SUM(CASE WHEN j.value_date < ? THEN 0 ELSE 1 END) "
    "FROM ledger_journal j LEFT JOIN ledger_journal p "
    "ON j.transfer_kind = 'post_pending' AND p.kind IN ('transfer', 'refused') "
    "AND p.id = j.pending_id AND p.transfer_kind = 'pending' "
    "WHERE j.kind = 'transfer' AND j.transfer_kind IN ('plain', 'post_pending') "
    "AND j.value_date <= ? "
    "GROUP BY j.debit_account, j.credit_account, COALESCE(j.purpose, p.purpose)";

// A running total that remembers leaving int64, so loops add freely and check once.
class CheckedSum {
 public:
  void Add(int64_t amount) { overflowed_ |= __builtin_add_overflow(value_, amount, &value_); }
  void Subtract(int64_t amount) { overflowed_ |= __builtin_sub_overflow(value_, amount, &value_); }
  bool overflowed() const { return overflowed_; }
  int64_t value() const { return value_; }

 private:
  int64_t value_ = 0;
  bool overflowed_ = false;
};

// Movements summed over one group of journal rows.
struct Flow {
  std::string debit_account;
  std::string credit_account;
  std::string purpose;  // outgoing flows only; the pending's when the post has none
  int64_t before = 0;   // value date before the period's first day
  int64_t within = 0;   // value date within the period
  int64_t count = 0;    // transfers within the period
};

// Binds the period around the statement's own parameter: first day three times (the
// CASE columns), then `account` when given, then the last day.
void BindPeriod(store::Statement& statement, const Period& period,
                std::optional<std::string_view> account) {
  const std::string first = period.first_day().ToString();
  int index = 1;
  for (int i = 0; i < 3; ++i) statement.BindText(index++, first);
  if (account) statement.BindText(index++, *account);
  statement.BindText(index, period.last_day().ToString());
}

// Steps the statement to its end (so it holds no read open), one Flow per row.
template <typename ReadRow>
Result<std::vector<Flow>> ReadFlows(store::Statement& statement, ReadRow read_row) {
  std::vector<Flow> flows;
  while (true) {
    Result<bool> row = statement.Step();
    if (!row.ok()) return row.status();
    if (!*row) return flows;
    flows.push_back(read_row(statement));
  }
}

Result<std::vector<Flow>> FlowsByPair(store::Store& store, const Period& period) {
  Result<store::Statement*> statement = store.Prepare(kFlowsByPairSql);
  if (!statement.ok()) return statement.status();
  BindPeriod(**statement, period, std::nullopt);
  return ReadFlows(**statement, [](const store::Statement& s) {
    return Flow{.debit_account = s.Text(0),
                .credit_account = s.Text(1),
                .purpose = "",
                .before = s.Int(2),
                .within = s.Int(3),
                .count = s.Int(4)};
  });
}

Result<std::vector<Flow>> FlowsByPurpose(store::Store& store, const Period& period) {
  Result<store::Statement*> statement = store.Prepare(kFlowsByPurposeSql);
  if (!statement.ok()) return statement.status();
  BindPeriod(**statement, period, std::nullopt);
  return ReadFlows(**statement, [](const store::Statement& s) {
    return Flow{.debit_account = s.Text(0),
                .credit_account = s.Text(1),
                .purpose = s.IsNull(2) ? std::string() : s.Text(2),
                .before = s.Int(3),
                .within = s.Int(4),
                .count = s.Int(5)};
  });
}

// The ledger's accounts with their parents resolved, for walking up the tree.
class AccountTree {
 public:
  static Result<AccountTree> Build(std::vector<const Account*> accounts) {
    AccountTree tree;
    tree.accounts_ = std::move(accounts);
    for (size_t i = 0; i < tree.accounts_.size(); ++i) tree.index_[tree.accounts_[i]->code] = i;
    tree.lineage_.resize(tree.accounts_.size());
    for (size_t i = 0; i < tree.accounts_.size(); ++i) {
      std::vector<size_t>& lineage = tree.lineage_[i];
      lineage.push_back(i);
      while (!tree.accounts_[lineage.back()]->parent.empty()) {
        const std::string& parent = tree.accounts_[lineage.back()]->parent;
        std::optional<size_t> found = tree.Find(parent);
        if (!found) {
          return Internal("account '" + tree.accounts_[lineage.back()]->code +
                          "' names the unknown parent '" + parent + "'");
        }
        // The ledger refuses cycles (a parent must exist before its child); a walk
        // longer than the number of accounts would mean the books are corrupt.
        if (lineage.size() > tree.accounts_.size()) {
          return Internal("the parents of account '" + tree.accounts_[i]->code + "' form a cycle");
        }
        lineage.push_back(*found);
      }
    }
    return tree;
  }

  size_t size() const { return accounts_.size(); }
  const Account& at(size_t i) const { return *accounts_[i]; }
  std::optional<size_t> Find(std::string_view code) const {
    auto it = index_.find(code);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  // The account itself, then its parent, its grandparent, … up to its root.
  const std::vector<size_t>& Lineage(size_t i) const { return lineage_[i]; }

 private:
  std::vector<const Account*> accounts_;
  std::unordered_map<std::string_view, size_t> index_;  // views of accounts_' codes
  std::vector<std::vector<size_t>> lineage_;
};

Result<size_t> FindInJournal(const AccountTree& tree, std::string_view code) {
  std::optional<size_t> found = tree.Find(code);
  if (!found) {
    return Internal("the journal names account '" + std::string(code) +
                    "', which the ledger does not know");
  }
  return *found;
}

// A transfer moves its amount from the debit account to the credit account, so an
// account holds its credits minus its debits — except an income account, a source money
// comes from, which reads what it has provided: debits minus credits.
bool ReadsCredit(AccountKind kind) {
  return kind != AccountKind::kIncome;
}

// What a statement line adds up for one account and its descendants.
struct LineTotals {
  CheckedSum debits_before;
  CheckedSum credits_before;
  CheckedSum debits;
  CheckedSum credits;
  CheckedSum count;
};

// The listed lines an account's movements count in: its own and its listed ancestors'
// of the same unit.
std::vector<size_t> LinesReached(const AccountTree& tree, const std::vector<int64_t>& line_of,
                                 size_t account) {
  std::vector<size_t> lines;
  for (size_t ancestor : tree.Lineage(account)) {
    if (line_of[ancestor] >= 0 && tree.at(ancestor).unit == tree.at(account).unit) {
      lines.push_back(static_cast<size_t>(line_of[ancestor]));
    }
  }
  return lines;
}

// Adds each pair's flows into the lines of both sides. A transfer between two accounts
// of one subtree appears in the parent's debits and in its credits (the line is the sum
// of its accounts' lines), but counts as one transfer.
Result<std::vector<LineTotals>> AddFlows(const AccountTree& tree,
                                         const std::vector<int64_t>& line_of, size_t line_count,
                                         const std::vector<Flow>& flows) {
  std::vector<LineTotals> totals(line_count);
  for (const Flow& flow : flows) {
    Result<size_t> debit = FindInJournal(tree, flow.debit_account);
    if (!debit.ok()) return debit.status();
    Result<size_t> credit = FindInJournal(tree, flow.credit_account);
    if (!credit.ok()) return credit.status();
    const std::vector<size_t> debit_lines = LinesReached(tree, line_of, *debit);
    for (size_t line : debit_lines) {
      totals[line].debits_before.Add(flow.before);
      totals[line].debits.Add(flow.within);
      totals[line].count.Add(flow.count);
    }
    for (size_t line : LinesReached(tree, line_of, *credit)) {
      totals[line].credits_before.Add(flow.before);
      totals[line].credits.Add(flow.within);
      if (std::find(debit_lines.begin(), debit_lines.end(), line) == debit_lines.end()) {
        totals[line].count.Add(flow.count);
      }
    }
  }
  return totals;
}

Result<StatementLine> MakeLine(const Account& account, int depth, const LineTotals& totals) {
  const Status overflow =
      Overflow("statement of account '" + account.code + "': the sums exceed the int64 range");
  for (const CheckedSum* sum : {&totals.debits_before, &totals.credits_before, &totals.debits,
                                &totals.credits, &totals.count}) {
    if (sum->overflowed()) return overflow;
  }
  // The side the kind reads as positive, minus the other.
  const bool credit = ReadsCredit(account.kind);
  CheckedSum opening;
  opening.Add(credit ? totals.credits_before.value() : totals.debits_before.value());
  opening.Subtract(credit ? totals.debits_before.value() : totals.credits_before.value());
  CheckedSum closing;
  closing.Add(opening.value());
  closing.Add(credit ? totals.credits.value() : totals.debits.value());
  closing.Subtract(credit ? totals.debits.value() : totals.credits.value());
  if (opening.overflowed() || closing.overflowed()) return overflow;
  return StatementLine{.account = account.code,
                       .unit = account.unit,
                       .depth = depth,
                       .opening = opening.value(),
                       .debits = totals.debits.value(),
                       .credits = totals.credits.value(),
                       .closing = closing.value(),
                       .transfer_count = totals.count.value()};
}

// Disclosure lines by label, in label (byte) order, before they are checked.
struct LabelTotals {
  CheckedSum amount;
  CheckedSum count;
};
using ByLabel = std::map<std::string, LabelTotals>;

Result<std::vector<DisclosureLine>> MakeDisclosureLines(const std::string& account,
                                                        const ByLabel& by_label) {
  std::vector<DisclosureLine> lines;
  for (const auto& [label, totals] : by_label) {
    if (totals.amount.overflowed() || totals.count.overflowed()) {
      return Overflow("disclosure of fund '" + account + "': the sum for '" + label +
                      "' exceeds the int64 range");
    }
    lines.push_back(
        {.label = label, .amount = totals.amount.value(), .transfer_count = totals.count.value()});
  }
  return lines;
}

}  // namespace

// Both posted totals are ≥ 0, so neither difference can overflow.
int64_t AsKindReads(AccountKind kind, const Balance& balance) {
  return ReadsCredit(kind) ? balance.credits_posted - balance.debits_posted
                           : balance.debits_posted - balance.credits_posted;
}

Result<std::vector<StatementLine>> Statements(const Ledger& ledger, const Period& period,
                                              const std::string& prefix) {
  Result<AccountTree> tree = AccountTree::Build(ledger.Accounts());
  if (!tree.ok()) return tree.status();
  // line_of[i]: the line account i has, or -1 when its code does not start with prefix.
  std::vector<int64_t> line_of(tree->size(), -1);
  std::vector<size_t> listed;
  for (size_t i = 0; i < tree->size(); ++i) {
    if (tree->at(i).code.starts_with(prefix)) {
      line_of[i] = static_cast<int64_t>(listed.size());
      listed.push_back(i);
    }
  }

  Result<std::vector<Flow>> flows = FlowsByPair(ledger.store(), period);
  if (!flows.ok()) return flows.status();
  Result<std::vector<LineTotals>> totals = AddFlows(*tree, line_of, listed.size(), *flows);
  if (!totals.ok()) return totals.status();

  std::vector<StatementLine> lines;
  lines.reserve(listed.size());
  for (size_t line = 0; line < listed.size(); ++line) {
    const std::vector<size_t>& lineage = tree->Lineage(listed[line]);
    const auto depth = static_cast<int>(std::count_if(lineage.begin() + 1, lineage.end(),
                                                      [&](size_t a) { return line_of[a] >= 0; }));
    Result<StatementLine> made = MakeLine(tree->at(listed[line]), depth, (*totals)[line]);
    if (!made.ok()) return made.status();
    lines.push_back(std::move(*made));
  }
  return lines;
}

Result<Disclosure> FundDisclosure(const Ledger& ledger, const std::string& account,
                                  const Period& period) {
  const Account* fund = ledger.FindAccount(account);
  if (fund == nullptr) return NotFound("no account '" + account + "'");
  if (fund->kind != AccountKind::kFund) {
    return InvalidArgument("account '" + account + "' is of kind '" + KindName(fund->kind) +
                           "': only fund accounts are disclosed");
  }
  Result<AccountTree> tree = AccountTree::Build(ledger.Accounts());
  if (!tree.ok()) return tree.status();
  const size_t root = *tree->Find(account);
  // The subtree: the fund and its descendants of the same unit.
  std::vector<bool> inside(tree->size(), false);
  for (size_t i = 0; i < tree->size(); ++i) {
    const std::vector<size_t>& lineage = tree->Lineage(i);
    inside[i] = tree->at(i).unit == fund->unit &&
                std::find(lineage.begin(), lineage.end(), root) != lineage.end();
  }

  // Only movements with the outside count: within the subtree they net to nothing.
  CheckedSum opening;
  ByLabel income, allocations, payments;
  Result<std::vector<Flow>> flows = FlowsByPurpose(ledger.store(), period);
  if (!flows.ok()) return flows.status();
  for (const Flow& flow : *flows) {
    Result<size_t> source = FindInJournal(*tree, flow.debit_account);
    if (!source.ok()) return source.status();
    Result<size_t> destination = FindInJournal(*tree, flow.credit_account);
    if (!destination.ok()) return destination.status();
    if (inside[*destination] && !inside[*source]) {
      opening.Add(flow.before);
      if (flow.count == 0) continue;
      income[flow.debit_account].amount.Add(flow.within);
      income[flow.debit_account].count.Add(flow.count);
    } else if (inside[*source] && !inside[*destination]) {
      opening.Subtract(flow.before);
      if (flow.count == 0) continue;
      LabelTotals& line = tree->at(*destination).kind == AccountKind::kFund
                              ? allocations[flow.credit_account]
                              : payments[flow.purpose.empty() ? kNoPurposeLabel : flow.purpose];
      line.amount.Add(flow.within);
      line.count.Add(flow.count);
    }
  }
  if (opening.overflowed()) {
    return Overflow("disclosure of fund '" + account + "': the opening balance exceeds int64");
  }

  Disclosure disclosure;
  disclosure.account = account;
  disclosure.unit = fund->unit;
  disclosure.period = period;
  disclosure.opening = opening.value();
  Result<std::vector<DisclosureLine>> lines = MakeDisclosureLines(account, income);
  if (!lines.ok()) return lines.status();
  disclosure.income = std::move(*lines);
  lines = MakeDisclosureLines(account, allocations);
  if (!lines.ok()) return lines.status();
  disclosure.allocations = std::move(*lines);
  lines = MakeDisclosureLines(account, payments);
  if (!lines.ok()) return lines.status();
  disclosure.payments = std::move(*lines);

  // As the fund reads it: what came in raises the balance, what went out lowers it.
  CheckedSum closing;
  closing.Add(disclosure.opening);
  for (const DisclosureLine& line : disclosure.income) closing.Add(line.amount);
  for (const DisclosureLine& line : disclosure.allocations) closing.Subtract(line.amount);
  for (const DisclosureLine& line : disclosure.payments) closing.Subtract(line.amount);
  if (closing.overflowed()) {
    return Overflow("disclosure of fund '" + account + "': the closing balance exceeds int64");
  }
  disclosure.closing = closing.value();
  return disclosure;
}

}  // namespace minsheng::ledger
