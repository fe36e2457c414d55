// Properties over random sequences of ledger operations (rapidcheck): per unit all
// balances sum to zero; no no-overdraft account goes below zero; submitting an applied
// batch again changes nothing; the audit passes; reopening the store gives the same
// state.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "ledger/audit.h"
#include "ledger/ledger.h"
#include "ledger/testing.h"

namespace minsheng::ledger {
namespace {

const std::vector<std::string> kAccounts = {"income/budget", "fund/county", "fund/township",
                                            "payable/home"};

struct Operation {
  std::vector<Transfer> batch;
  int64_t advance_seconds = 0;
};

Transfer RandomTransfer() {
  Transfer t;
  // A small pool of ids, so that retries and collisions happen.
  t.id = "t" + std::to_string(*rc::gen::inRange(0, 40));
  const size_t debit = *rc::gen::inRange<size_t>(0, kAccounts.size());
  size_t credit = *rc::gen::inRange<size_t>(0, kAccounts.size());
  if (*rc::gen::inRange(0, 10) != 0 && credit == debit) credit = (credit + 1) % kAccounts.size();
  t.debit_account = kAccounts[debit];
  t.credit_account = kAccounts[credit];
  t.amount = *rc::gen::inRange<int64_t>(-1, 5000);
  t.unit = "CNY";
  t.purpose = *rc::gen::element<std::string>("wubao_support", "other");
  t.linked = *rc::gen::inRange(0, 4) == 0;
  switch (*rc::gen::inRange(0, 8)) {
    case 0:
    case 1:
      t.kind = TransferKind::kPending;
      t.timeout_seconds = *rc::gen::element<int64_t>(0, 0, 30, 600);
      break;
    case 2:
      t.kind = TransferKind::kPostPending;
      t.pending_id = "t" + std::to_string(*rc::gen::inRange(0, 40));
      t.amount = *rc::gen::inRange<int64_t>(0, 3000);
      t.debit_account.clear();
      t.credit_account.clear();
      break;
    case 3:
      t.kind = TransferKind::kVoidPending;
      t.pending_id = "t" + std::to_string(*rc::gen::inRange(0, 40));
      t.amount = 0;
      t.debit_account.clear();
      t.credit_account.clear();
      break;
    default: break;
  }
  return t;
}

std::map<std::string, Balance> Balances(const Ledger& ledger) {
  std::map<std::string, Balance> balances;
  for (const std::string& account : kAccounts) balances[account] = *ledger.BalanceOf(account);
  return balances;
}

void CheckInvariants(const Ledger& ledger) {
  Balance total;
  for (const auto& [code, balance] : Balances(ledger)) {
    total.debits_posted += balance.debits_posted;
    total.credits_posted += balance.credits_posted;
    total.debits_pending += balance.debits_pending;
    total.credits_pending += balance.credits_pending;
    if (ledger.FindAccount(code)->debits_must_not_exceed_credits) {
      RC_ASSERT(balance.debits_posted + balance.debits_pending <= balance.credits_posted);
    }
  }
  RC_ASSERT(total.debits_posted == total.credits_posted);
  RC_ASSERT(total.debits_pending == total.credits_pending);
}

RC_GTEST_PROP(LedgerProperties, RandomOperationsKeepTheBooks, ()) {
  testing::TempDirectory directory;
  testing::ManualClock clock;
  const std::string path = directory.File("ledger.db");
  // Commits need not reach the disk here: durability is the crash test's business.
  auto store = store::OpenSqlite(path, {.durability = store::Durability::kNormal});
  RC_ASSERT(store.ok());
  // Balances checkpointed after every row, every few rows, or (the default) not in a
  // test this small: opening must apply the journal after the checkpoint, and the audit
  // compare the balances at it.
  const auto checkpoint_rows = [] { return *rc::gen::element<int64_t>(1, 3, 7, kCheckpointRows); };
  auto opened = Ledger::Open(**store, clock.AsClock(), checkpoint_rows());
  RC_ASSERT(opened.ok());
  Ledger& ledger = **opened;
  RC_ASSERT(ledger.AddUnit(testing::Cny()).ok());
  RC_ASSERT(ledger.AddAccount(testing::SourceAccount("income/budget")).ok());
  RC_ASSERT(ledger.AddAccount(testing::FundAccount("fund/county", true)).ok());
  RC_ASSERT(ledger.AddAccount(testing::FundAccount("fund/township", true, {"wubao_support"})).ok());
  RC_ASSERT(ledger.AddAccount(testing::FundAccount("payable/home", false)).ok());

  const int steps = *rc::gen::inRange(1, 12);
  for (int step = 0; step < steps; ++step) {
    std::vector<Transfer> batch = *rc::gen::container<std::vector<Transfer>>(
        static_cast<size_t>(*rc::gen::inRange(1, 6)), rc::gen::exec(RandomTransfer));
    clock.AdvanceSeconds(*rc::gen::element<int64_t>(0, 1, 45, 700));
    auto results = ledger.Submit(batch);
    RC_ASSERT(results.ok());
    CheckInvariants(ledger);
    // The same batch again posts nothing.
    const auto before = Balances(ledger);
    const std::string head = ledger.head_hash();
    auto again = ledger.Submit(batch);
    RC_ASSERT(again.ok());
    for (size_t i = 0; i < batch.size(); ++i) {
      if ((*results)[i] == TransferResult::kOk) RC_ASSERT((*again)[i] != TransferResult::kOk);
    }
    // Expiries may be recorded by the second submission, and only they.
    const auto after = Balances(ledger);
    for (const auto& [code, balance] : after) {
      RC_ASSERT(balance.debits_posted == before.at(code).debits_posted);
      RC_ASSERT(balance.credits_posted == before.at(code).credits_posted);
    }
    (void)head;
  }
  auto report = Audit(**store);
  RC_ASSERT(report.ok());
  RC_ASSERT(report->problems.empty());

  const auto balances = Balances(ledger);
  const std::string head = ledger.head_hash();
  opened->reset();
  store->reset();
  auto reopened_store = store::OpenSqlite(path, {.durability = store::Durability::kNormal});
  RC_ASSERT(reopened_store.ok());
  auto reopened = Ledger::Open(**reopened_store, clock.AsClock(), checkpoint_rows());
  RC_ASSERT(reopened.ok());
  RC_ASSERT((*reopened)->head_hash() == head);
  RC_ASSERT(Balances(**reopened) == balances);
}

}  // namespace
}  // namespace minsheng::ledger
