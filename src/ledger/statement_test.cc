// Tests of Statements and FundDisclosure (statement.h) on a small county's books in an
// in-memory SQLite store: a 五保 (wubao) fund with two township special accounts under it,
// income from the province and the city, an allocation to the 低保 (dibao) fund, and
// payments by purpose, dated across the first and second quarters of 2024.
#include "ledger/statement.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "store/store.h"

namespace minsheng::ledger {
namespace {

constexpr int64_t kNanosecondsPerSecond = 1'000'000'000;
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

Date D(int year, int month, int day) {
  return *Date::FromYmd(year, month, day);
}

// Lets a test write the line it expects in one expression.
struct Expected {
  std::string account;
  int depth;
  int64_t opening;
  int64_t debits;
  int64_t credits;
  int64_t closing;
  int64_t transfer_count;
};

void ExpectLine(const StatementLine& line, const Expected& expected) {
  SCOPED_TRACE(expected.account);
  EXPECT_EQ(line.account, expected.account);
  EXPECT_EQ(line.unit, "CNY");
  EXPECT_EQ(line.depth, expected.depth);
  EXPECT_EQ(line.opening, expected.opening);
  EXPECT_EQ(line.debits, expected.debits);
  EXPECT_EQ(line.credits, expected.credits);
  EXPECT_EQ(line.closing, expected.closing);
  EXPECT_EQ(line.transfer_count, expected.transfer_count);
}

void ExpectDisclosureLine(const DisclosureLine& line, const std::string& label, int64_t amount,
                          int64_t transfer_count) {
  SCOPED_TRACE(label);
  EXPECT_EQ(line.label, label);
  EXPECT_EQ(line.amount, amount);
  EXPECT_EQ(line.transfer_count, transfer_count);
}

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<store::Store>> store = store::OpenSqlite(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    // Noon, 30 June 2024 in China (04:00 UTC), a microsecond further on each call: every
    // value date in the tests is on or before it.
    const int64_t noon =
        (int64_t{D(2024, 6, 30).days_since_epoch()} * 86'400 + 4 * 3'600) * kNanosecondsPerSecond;
    Result<std::unique_ptr<Ledger>> ledger =
        Ledger::Open(*store_, [this, noon] { return noon + 1'000 * ++ticks_; });
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ledger_ = std::move(*ledger);
    ASSERT_TRUE(ledger_->AddUnit({"CNY", "人民币", "Chinese yuan", "fen"}).ok());
  }

  void Declare(const std::string& code, AccountKind kind, const std::string& parent = "") {
    Account account;
    account.code = code;
    account.unit = "CNY";
    account.kind = kind;
    account.parent = parent;
    Status status = ledger_->AddAccount(account);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  // Submits one transfer alone and expects it to get `expected`.
  void Submit(Transfer transfer, TransferResult expected = TransferResult::kOk) {
    if (transfer.unit.empty() && transfer.kind != TransferKind::kPostPending &&
        transfer.kind != TransferKind::kVoidPending) {
      transfer.unit = "CNY";
    }
    const std::string id = transfer.id;
    Result<std::vector<TransferResult>> results = ledger_->Submit({std::move(transfer)});
    ASSERT_TRUE(results.ok()) << results.status().ToString();
    ASSERT_EQ(results->size(), 1u);
    EXPECT_EQ((*results)[0], expected) << id << ": " << ResultName((*results)[0]);
  }

  void Move(const std::string& id, const std::string& debit, const std::string& credit,
            int64_t amount, Date value_date, const std::string& purpose = "") {
    Transfer transfer;
    transfer.id = id;
    transfer.debit_account = debit;
    transfer.credit_account = credit;
    transfer.amount = amount;
    transfer.purpose = purpose;
    transfer.value_date = value_date;
    Submit(std::move(transfer));
  }

  // The county's books. Amounts in fen; the comments give each transfer's part.
  void BuildCounty() {
    Declare("bank/county", AccountKind::kAsset);
    Declare("expense/bank_fees", AccountKind::kExpense);
    Declare("fund/dibao", AccountKind::kFund);
    Declare("fund/wubao", AccountKind::kFund);
    Declare("fund/wubao/township/a", AccountKind::kFund, "fund/wubao");
    Declare("fund/wubao/township/b", AccountKind::kFund, "fund/wubao");
    Declare("income/city", AccountKind::kIncome);
    Declare("income/interest", AccountKind::kIncome);
    Declare("income/province", AccountKind::kIncome);
    Declare("payable/carehome", AccountKind::kLiability);
    Declare("payable/person/1", AccountKind::kLiability);

    // First quarter: the opening balances of the second.
    Move("t1", "income/province", "fund/wubao", 1'000'000, D(2024, 3, 15));
    Move("t2", "fund/wubao", "payable/carehome", 100'000, D(2024, 3, 20), "care");
    // Second quarter: income into the fund and into a township under it.
    Move("t3", "income/province", "fund/wubao", 500'000, D(2024, 4, 10));
    Move("t4", "income/city", "fund/wubao/township/a", 200'000, D(2024, 4, 11));
    // The fund passes money down to its townships: internal to the subtree.
    Move("t5", "fund/wubao", "fund/wubao/township/a", 300'000, D(2024, 4, 15));
    Move("t6", "fund/wubao", "fund/wubao/township/b", 250'000, D(2024, 4, 16));
    // An allocation to another fund, and payments by purpose.
    Move("t7", "fund/wubao", "fund/dibao", 50'000, D(2024, 5, 1));
    Move("t8", "fund/wubao/township/a", "payable/carehome", 120'000, D(2024, 5, 10),
         "living_allowance");
    Move("t9", "fund/wubao/township/b", "payable/carehome", 80'000, D(2024, 5, 11),
         "living_allowance");
    Move("t10", "fund/wubao/township/b", "payable/person/1", 30'000, D(2024, 5, 12));
    // A pending medical payment of 400.00 yuan, posted in part (250.00) without a purpose
    // of its own: the posted part counts, under the pending's purpose.
    Transfer pending;
    pending.id = "t11";
    pending.debit_account = "fund/wubao/township/a";
    pending.credit_account = "payable/carehome";
    pending.amount = 40'000;
    pending.purpose = "medical";
    pending.kind = TransferKind::kPending;
    pending.value_date = D(2024, 5, 13);
    Submit(pending);
    Transfer post;
    post.id = "t12";
    post.kind = TransferKind::kPostPending;
    post.pending_id = "t11";
    post.amount = 25'000;
    post.value_date = D(2024, 5, 20);
    Submit(post);
    // A pending payment voided: nothing moves.
    Transfer reserved = pending;
    reserved.id = "t13";
    reserved.debit_account = "fund/wubao/township/b";
    reserved.amount = 7'000;
    Submit(reserved);
    Transfer voided;
    voided.id = "t14";
    voided.kind = TransferKind::kVoidPending;
    voided.pending_id = "t13";
    voided.value_date = D(2024, 5, 21);
    Submit(voided);
    // A refused transfer (an unknown credit account) moves nothing.
    Transfer refused;
    refused.id = "t15";
    refused.debit_account = "fund/wubao";
    refused.credit_account = "payable/unknown";
    refused.amount = 1;
    refused.value_date = D(2024, 5, 22);
    Submit(refused, TransferResult::kCreditAccountNotFound);
    // The bank account earns interest and pays a fee: an asset and an expense, each
    // debited, read positive.
    Move("t17", "income/interest", "bank/county", 1'234, D(2024, 6, 1));
    Move("t18", "bank/county", "expense/bank_fees", 500, D(2024, 6, 2));
    // After the second quarter.
    Move("t16", "income/province", "fund/wubao", 999, D(2024, 7, 2));
  }

  Result<std::vector<StatementLine>> Quarter(int quarter, const std::string& prefix = "") {
    return Statements(*ledger_, Period::Quarter(2024, quarter), prefix);
  }

  int64_t ticks_ = 0;
  // The store outlives the ledger that writes it: declared first, destroyed last.
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Ledger> ledger_;
};

// Proves every line of a quarter's statement: opening from earlier value dates, the
// quarter's debits and credits, the sign each kind reads with (income debit minus
// credit: what it provided; every other kind credit minus debit: what it holds), the parent's roll-up of its
// townships with an internal transfer counted once, and depths.
TEST_F(StatementTest, SecondQuarterLinesByAccount) {
  BuildCounty();
  Result<std::vector<StatementLine>> lines = Quarter(2);
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 11u);
  ExpectLine((*lines)[0], {"bank/county", 0, 0, 500, 1'234, 734, 2});
  ExpectLine((*lines)[1], {"expense/bank_fees", 0, 0, 0, 500, 500, 1});
  ExpectLine((*lines)[2], {"fund/dibao", 0, 0, 0, 50'000, 50'000, 1});
  // Own: opening 900,000, credits 500,000, debits 600,000 (t5, t6, t7). Township a:
  // credits 500,000 (t4, t5), debits 145,000 (t8, t12). Township b: credits 250,000
  // (t6), debits 110,000 (t9, t10). Transfers: t3 … t10 and t12, nine in all.
  ExpectLine((*lines)[3], {"fund/wubao", 0, 900'000, 855'000, 1'250'000, 1'295'000, 9});
  ExpectLine((*lines)[4], {"fund/wubao/township/a", 1, 0, 145'000, 500'000, 355'000, 4});
  ExpectLine((*lines)[5], {"fund/wubao/township/b", 1, 0, 110'000, 250'000, 140'000, 3});
  ExpectLine((*lines)[6], {"income/city", 0, 0, 200'000, 0, 200'000, 1});
  ExpectLine((*lines)[7], {"income/interest", 0, 0, 1'234, 0, 1'234, 1});
  ExpectLine((*lines)[8], {"income/province", 0, 1'000'000, 500'000, 0, 1'500'000, 1});
  ExpectLine((*lines)[9], {"payable/carehome", 0, 100'000, 0, 225'000, 325'000, 3});
  ExpectLine((*lines)[10], {"payable/person/1", 0, 0, 0, 30'000, 30'000, 1});
}

// Proves the prefix filter: only codes that start with it are listed, a listed parent
// still rolls up its children, and depth counts listed ancestors only.
TEST_F(StatementTest, PrefixSelectsAccountsAndDepthCountsListedAncestors) {
  BuildCounty();
  Result<std::vector<StatementLine>> wubao = Quarter(2, "fund/wubao");
  ASSERT_TRUE(wubao.ok()) << wubao.status().ToString();
  ASSERT_EQ(wubao->size(), 3u);
  ExpectLine((*wubao)[0], {"fund/wubao", 0, 900'000, 855'000, 1'250'000, 1'295'000, 9});
  ExpectLine((*wubao)[1], {"fund/wubao/township/a", 1, 0, 145'000, 500'000, 355'000, 4});
  ExpectLine((*wubao)[2], {"fund/wubao/township/b", 1, 0, 110'000, 250'000, 140'000, 3});

  Result<std::vector<StatementLine>> townships = Quarter(2, "fund/wubao/township/");
  ASSERT_TRUE(townships.ok()) << townships.status().ToString();
  ASSERT_EQ(townships->size(), 2u);
  EXPECT_EQ((*townships)[0].account, "fund/wubao/township/a");
  EXPECT_EQ((*townships)[0].depth, 0);  // its parent is not listed
  EXPECT_EQ((*townships)[1].depth, 0);

  Result<std::vector<StatementLine>> none = Quarter(2, "nothing/");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
}

// Proves that periods chain: each account's closing balance in one quarter is its
// opening balance in the next, and a quarter before any value date is all zeros.
TEST_F(StatementTest, ClosingOfOneQuarterIsOpeningOfTheNext) {
  BuildCounty();
  for (int quarter = 1; quarter <= 3; ++quarter) {
    Result<std::vector<StatementLine>> before = Quarter(quarter);
    Result<std::vector<StatementLine>> after = Quarter(quarter + 1);
    ASSERT_TRUE(before.ok()) << before.status().ToString();
    ASSERT_TRUE(after.ok()) << after.status().ToString();
    ASSERT_EQ(before->size(), after->size());
    for (size_t i = 0; i < before->size(); ++i) {
      EXPECT_EQ((*before)[i].closing, (*after)[i].opening) << (*before)[i].account;
    }
  }
  Result<std::vector<StatementLine>> earlier = Statements(*ledger_, Period::Year(2023));
  ASSERT_TRUE(earlier.ok()) << earlier.status().ToString();
  for (const StatementLine& line : *earlier) {
    EXPECT_EQ(line.opening, 0) << line.account;
    EXPECT_EQ(line.closing, 0) << line.account;
    EXPECT_EQ(line.transfer_count, 0) << line.account;
  }
}

// Proves that over a period holding every value date, each account's own statement
// agrees with the ledger's posted balance (the same movements read two ways).
TEST_F(StatementTest, YearClosingAgreesWithPostedBalances) {
  BuildCounty();
  Result<std::vector<StatementLine>> lines = Statements(*ledger_, Period::Year(2024));
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  for (const StatementLine& line : *lines) {
    if (line.account == "fund/wubao") continue;  // a roll-up, not one account's balance
    Result<Balance> balance = ledger_->BalanceOf(line.account);
    ASSERT_TRUE(balance.ok()) << balance.status().ToString();
    const Account* account = ledger_->FindAccount(line.account);
    const bool reads_credit = account->kind != AccountKind::kIncome;
    EXPECT_EQ(line.closing, reads_credit ? balance->net_credit() : -balance->net_credit())
        << line.account;
    EXPECT_EQ(line.debits, balance->debits_posted) << line.account;
    EXPECT_EQ(line.credits, balance->credits_posted) << line.account;
  }
}

// Proves the fund's disclosure: income by source (also into a township), the allocation
// to another fund, payments by purpose (no purpose as "(none)", a posted pending under
// the pending's purpose), and the fund's own transfers to its townships left out.
TEST_F(StatementTest, FundDisclosureOfTheWholeSubtree) {
  BuildCounty();
  Result<Disclosure> disclosure = FundDisclosure(*ledger_, "fund/wubao", Period::Quarter(2024, 2));
  ASSERT_TRUE(disclosure.ok()) << disclosure.status().ToString();
  EXPECT_EQ(disclosure->account, "fund/wubao");
  EXPECT_EQ(disclosure->unit, "CNY");
  EXPECT_EQ(disclosure->period, Period::Quarter(2024, 2));
  EXPECT_EQ(disclosure->opening, 900'000);
  ASSERT_EQ(disclosure->income.size(), 2u);
  ExpectDisclosureLine(disclosure->income[0], "income/city", 200'000, 1);
  ExpectDisclosureLine(disclosure->income[1], "income/province", 500'000, 1);
  ASSERT_EQ(disclosure->allocations.size(), 1u);
  ExpectDisclosureLine(disclosure->allocations[0], "fund/dibao", 50'000, 1);
  ASSERT_EQ(disclosure->payments.size(), 3u);
  ExpectDisclosureLine(disclosure->payments[0], "(none)", 30'000, 1);
  ExpectDisclosureLine(disclosure->payments[1], "living_allowance", 200'000, 2);
  ExpectDisclosureLine(disclosure->payments[2], "medical", 25'000, 1);
  // 900,000 + 700,000 − 50,000 − 255,000: the statement's roll-up closing too.
  EXPECT_EQ(disclosure->closing, 1'295'000);
}

// Proves that a township's own disclosure sees its parent fund as a source of income:
// what is internal to the county's fund is external to the township's.
TEST_F(StatementTest, FundDisclosureOfOneTownship) {
  BuildCounty();
  Result<Disclosure> disclosure =
      FundDisclosure(*ledger_, "fund/wubao/township/a", Period::Quarter(2024, 2));
  ASSERT_TRUE(disclosure.ok()) << disclosure.status().ToString();
  EXPECT_EQ(disclosure->opening, 0);
  ASSERT_EQ(disclosure->income.size(), 2u);
  ExpectDisclosureLine(disclosure->income[0], "fund/wubao", 300'000, 1);
  ExpectDisclosureLine(disclosure->income[1], "income/city", 200'000, 1);
  EXPECT_TRUE(disclosure->allocations.empty());
  ASSERT_EQ(disclosure->payments.size(), 2u);
  ExpectDisclosureLine(disclosure->payments[0], "living_allowance", 120'000, 1);
  ExpectDisclosureLine(disclosure->payments[1], "medical", 25'000, 1);
  EXPECT_EQ(disclosure->closing, 355'000);
}

// Proves that a period with no movements of its own still carries the opening balance
// through, with no lines.
TEST_F(StatementTest, FundDisclosureOfAQuietPeriod) {
  BuildCounty();
  Result<Disclosure> disclosure = FundDisclosure(*ledger_, "fund/wubao", Period::Month(2024, 6));
  ASSERT_TRUE(disclosure.ok()) << disclosure.status().ToString();
  EXPECT_EQ(disclosure->opening, 1'295'000);
  EXPECT_TRUE(disclosure->income.empty());
  EXPECT_TRUE(disclosure->allocations.empty());
  EXPECT_TRUE(disclosure->payments.empty());
  EXPECT_EQ(disclosure->closing, 1'295'000);
}

// Proves the refusals: an unknown account is NotFound, an account that is not a fund
// is not disclosed.
TEST_F(StatementTest, FundDisclosureRefusesUnknownAndNonFundAccounts) {
  BuildCounty();
  Result<Disclosure> unknown = FundDisclosure(*ledger_, "fund/none", Period::Quarter(2024, 2));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(unknown.status().message(), "no account 'fund/none'");
  Result<Disclosure> expense =
      FundDisclosure(*ledger_, "expense/bank_fees", Period::Quarter(2024, 2));
  ASSERT_FALSE(expense.ok());
  EXPECT_EQ(expense.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(expense.status().message(),
            "account 'expense/bank_fees' is of kind 'expense': only fund accounts are disclosed");
}

// Proves that a roll-up beyond int64 is an Overflow error, never a wrapped sum: each
// child holds the most one account can, which the ledger allows, and their parent
// cannot add them up.
TEST_F(StatementTest, RollUpBeyondInt64IsAnOverflowError) {
  Declare("fund/big", AccountKind::kFund);
  Declare("fund/big/a", AccountKind::kFund, "fund/big");
  Declare("fund/big/b", AccountKind::kFund, "fund/big");
  Declare("income/x", AccountKind::kIncome);
  Declare("income/y", AccountKind::kIncome);
  Move("x", "income/x", "fund/big/a", kInt64Max, D(2024, 4, 1));
  Move("y", "income/y", "fund/big/b", kInt64Max, D(2024, 4, 1));

  Result<std::vector<StatementLine>> children = Quarter(2, "fund/big/");
  ASSERT_TRUE(children.ok()) << children.status().ToString();
  EXPECT_EQ((*children)[0].closing, kInt64Max);
  Result<std::vector<StatementLine>> all = Quarter(2);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), ErrorCode::kOverflow);
  Result<Disclosure> disclosure = FundDisclosure(*ledger_, "fund/big", Period::Quarter(2024, 2));
  ASSERT_FALSE(disclosure.ok());
  EXPECT_EQ(disclosure.status().code(), ErrorCode::kOverflow);
}

}  // namespace
}  // namespace minsheng::ledger
