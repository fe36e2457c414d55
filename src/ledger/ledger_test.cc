// Tests for the ledger's semantics: declarations, idempotent transfers, refusals that
// stay refused, earmarks, linked chains, pending transfers with timeouts, reversals,
// reopening, and that a failed store write leaves the books exactly as before.
#include "ledger/ledger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ledger/audit.h"
#include "ledger/declarations.h"
#include "ledger/json.h"
#include "ledger/testing.h"
#include "store/faulty_store.h"

namespace minsheng::ledger {
namespace {

using testing::Move;
using R = TransferResult;

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(directory_.File("ledger.db"));
    ASSERT_NE(store_, nullptr);
    ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
    ASSERT_NE(ledger_, nullptr);
    ASSERT_TRUE(ledger_->AddUnit(testing::Cny()).ok());
    ASSERT_TRUE(ledger_->AddAccount(testing::SourceAccount("income/budget")).ok());
    ASSERT_TRUE(ledger_->AddAccount(testing::FundAccount("fund/wubao", true, {"wubao_support"})).ok());
    ASSERT_TRUE(ledger_->AddAccount(testing::FundAccount("payable/home", false)).ok());
  }

  std::vector<R> Submit(std::vector<Transfer> transfers) {
    auto results = ledger_->Submit(std::move(transfers));
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    return results.ok() ? *results : std::vector<R>{};
  }
  int64_t Net(const std::string& account) { return ledger_->BalanceOf(account)->net_credit(); }
  void ExpectAuditPasses() {
    auto report = Audit(*store_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    for (const AuditProblem& problem : report->problems) ADD_FAILURE() << problem.what;
  }

  testing::TempDirectory directory_;
  testing::ManualClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Ledger> ledger_;
};

// Declaring the same unit or account twice is a no-op; other fields are refused.
TEST_F(LedgerTest, DeclarationsAreIdempotent) {
  const int64_t batches = ledger_->batch_count();
  EXPECT_TRUE(ledger_->AddUnit(testing::Cny()).ok());
  EXPECT_TRUE(ledger_->AddAccount(testing::FundAccount("payable/home", false)).ok());
  EXPECT_EQ(ledger_->batch_count(), batches);
  Unit other = testing::Cny();
  other.step = "jiao";
  EXPECT_EQ(ledger_->AddUnit(other).code(), ErrorCode::kAlreadyExists);
  Account orphan = testing::FundAccount("fund/x");
  orphan.parent = "fund/none";
  EXPECT_EQ(ledger_->AddAccount(orphan).code(), ErrorCode::kNotFound);
  Account foreign = testing::FundAccount("fund/y");
  foreign.unit = "minute";
  EXPECT_EQ(ledger_->AddAccount(foreign).code(), ErrorCode::kNotFound);
}

// An account's declaration row is the bytes it has always been: AccountJson without the
// code, as nlohmann's json writes it (keys sorted), whatever the names and earmarks hold.
TEST(AccountDetailTest, IsAccountJsonWithoutTheCode) {
  Account plain = testing::FundAccount("fund/school_bus");
  Account full = testing::FundAccount("fund/dibao", true, {"dibao_top_up", "tekun \"x\"\n"});
  full.kind = AccountKind::kLiability;
  full.name_zh = "城乡低保资金";
  full.name_en = "Dibao fund\t(city)";
  full.parent = "fund";
  full.credits_must_not_exceed_debits = true;
  full.closed = true;
  for (const Account& account : {plain, full}) {
    nlohmann::json expected = AccountJson(account);
    expected.erase("code");
    EXPECT_EQ(AccountDetail(account), expected.dump()) << account.code;
  }
}

// A transfer posts once; the same id again answers exists, another field its name.
TEST_F(LedgerTest, SameIdPostsOnce) {
  EXPECT_EQ(Submit({Move("t1", "income/budget", "fund/wubao", 700000)}), std::vector{R::kOk});
  EXPECT_EQ(Submit({Move("t1", "income/budget", "fund/wubao", 700000)}), std::vector{R::kExists});
  EXPECT_EQ(Submit({Move("t1", "income/budget", "fund/wubao", 700001)}),
            std::vector{R::kExistsWithDifferentAmount});
  Transfer memo = Move("t1", "income/budget", "fund/wubao", 700000);
  memo.memo = "again";
  EXPECT_EQ(Submit({memo}), std::vector{R::kExistsWithDifferentMemo});
  EXPECT_EQ(Net("fund/wubao"), 700000);
  EXPECT_EQ(Net("income/budget"), -700000);
  ExpectAuditPasses();
}

// The same id twice in one batch posts once: the second is compared with the first,
// and an id already in the store is found however many of the batch's ids are looked
// up with it.
TEST_F(LedgerTest, SameIdTwiceInOneBatch) {
  EXPECT_EQ(Submit({Move("d", "income/budget", "fund/wubao", 10),
                    Move("d", "income/budget", "fund/wubao", 10),
                    Move("d", "income/budget", "fund/wubao", 11)}),
            (std::vector{R::kOk, R::kExists, R::kExistsWithDifferentAmount}));
  std::vector<Transfer> many;
  for (int i = 0; i < 300; ++i) {
    many.push_back(Move("m" + std::to_string(i), "income/budget", "fund/wubao", 1));
  }
  many.push_back(Move("d", "income/budget", "fund/wubao", 10));
  const std::vector<R> results = Submit(many);
  ASSERT_EQ(results.size(), 301u);
  EXPECT_EQ(results.back(), R::kExists);
  EXPECT_EQ(Net("fund/wubao"), 310);
  ExpectAuditPasses();
}

// Group commit: several batches in one store transaction, each its own journal link; a
// write failing anywhere in the group leaves none of them.
TEST_F(LedgerTest, GroupCommitIsOneTransactionOfSeveralLinks) {
  const int64_t before = ledger_->batch_count();
  auto results = ledger_->SubmitMany({{Move("g1", "income/budget", "fund/wubao", 100)},
                                      {Move("g2", "fund/wubao", "payable/home", 60, "wubao_support"),
                                       Move("g3", "fund/wubao", "payable/home", 60, "wubao_support")}});
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_EQ((*results)[0], std::vector{R::kOk});
  // The second batch sees the first's credit; its second payment would overdraw.
  EXPECT_EQ((*results)[1], (std::vector{R::kOk, R::kExceedsCredits}));
  EXPECT_EQ(ledger_->batch_count(), before + 2);
  ExpectAuditPasses();

  for (int64_t fail_at = 1; fail_at < 40; ++fail_at) {
    store::FaultyStore faulty(*store_, fail_at);
    auto ledger = Ledger::Open(faulty, clock_.AsClock());
    if (!ledger.ok()) continue;
    auto group = (*ledger)->SubmitMany({{Move("h1", "income/budget", "fund/wubao", 5)},
                                        {Move("h2", "income/budget", "fund/wubao", 7)}});
    if (group.ok()) break;
    auto reopened = testing::OpenLedger(*store_, clock_.AsClock());
    EXPECT_EQ(reopened->BalanceOf("fund/wubao")->net_credit(), 40) << "fail at " << fail_at;
    EXPECT_EQ(reopened->batch_count(), before + 2) << "fail at " << fail_at;
  }
  auto reopened = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_EQ(reopened->BalanceOf("fund/wubao")->net_credit(), 52);
  ExpectAuditPasses();
}

// An overdraft is refused, and the id stays refused after the account is funded.
TEST_F(LedgerTest, RefusedIdStaysRefused) {
  EXPECT_EQ(Submit({Move("pay1", "fund/wubao", "payable/home", 100, "wubao_support")}),
            std::vector{R::kExceedsCredits});
  EXPECT_EQ(Submit({Move("fund1", "income/budget", "fund/wubao", 1000)}), std::vector{R::kOk});
  EXPECT_EQ(Submit({Move("pay1", "fund/wubao", "payable/home", 100, "wubao_support")}),
            std::vector{R::kIdAlreadyFailed});
  EXPECT_EQ(Net("fund/wubao"), 1000);
  // The journal tells the refused id from the accepted and the unknown.
  const std::vector<std::string> ids = {"pay1", "fund1", "never"};
  EXPECT_EQ(*ledger_->Refused(ids), (std::vector<bool>{true, false, false}));
  EXPECT_EQ(*ledger_->Accepted(ids), (std::vector<bool>{false, true, false}));
  ExpectAuditPasses();
}

// An earmarked account pays only for its purposes.
TEST_F(LedgerTest, EarmarksRefuseOtherPurposes) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  EXPECT_EQ(Submit({Move("p1", "fund/wubao", "payable/home", 100, "office_supplies")}),
            std::vector{R::kPurposeNotEarmarked});
  EXPECT_EQ(Submit({Move("p2", "fund/wubao", "payable/home", 100, "wubao_support")}),
            std::vector{R::kOk});
}

// A linked chain applies all or nothing; the failing transfer is named.
TEST_F(LedgerTest, LinkedChainIsAllOrNothing) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  Transfer a = Move("a", "fund/wubao", "payable/home", 600, "wubao_support");
  a.linked = true;
  Transfer b = Move("b", "fund/wubao", "payable/home", 600, "wubao_support");
  EXPECT_EQ(Submit({a, b}), (std::vector{R::kLinkedEventFailed, R::kExceedsCredits}));
  EXPECT_EQ(Net("fund/wubao"), 1000);
  // "a" was not refused for itself: corrected, the chain goes through.
  b.amount = 400;
  b.id = "b2";
  EXPECT_EQ(Submit({a, b}), (std::vector{R::kOk, R::kOk}));
  EXPECT_EQ(Net("fund/wubao"), 0);
  Transfer open = Move("c", "income/budget", "fund/wubao", 1);
  open.linked = true;
  EXPECT_EQ(Submit({open}), std::vector{R::kLinkedEventChainOpen});
  ExpectAuditPasses();
}

// Pending amounts count against no-overdraft; post in part releases the rest; void
// releases all; a timeout releases it and the post is then refused.
TEST_F(LedgerTest, PendingTransfers) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  Transfer reserve = Move("r1", "fund/wubao", "payable/home", 800, "wubao_support");
  reserve.kind = TransferKind::kPending;
  EXPECT_EQ(Submit({reserve}), std::vector{R::kOk});
  EXPECT_EQ(Submit({Move("p", "fund/wubao", "payable/home", 300, "wubao_support")}),
            std::vector{R::kExceedsCredits});
  Transfer post;
  post.id = "r1/post";
  post.kind = TransferKind::kPostPending;
  post.pending_id = "r1";
  post.amount = 500;
  EXPECT_EQ(Submit({post}), std::vector{R::kOk});
  EXPECT_EQ(Submit({post}), std::vector{R::kExists});
  EXPECT_EQ(Net("fund/wubao"), 500);
  EXPECT_EQ(ledger_->BalanceOf("fund/wubao")->debits_pending, 0);
  Transfer again = post;
  again.id = "r1/post2";
  EXPECT_EQ(Submit({again}), std::vector{R::kPendingTransferAlreadyPosted});

  Transfer timed = Move("r2", "fund/wubao", "payable/home", 500, "wubao_support");
  timed.kind = TransferKind::kPending;
  timed.timeout_seconds = 60;
  EXPECT_EQ(Submit({timed}), std::vector{R::kOk});
  clock_.AdvanceSeconds(61);
  Transfer late;
  late.id = "r2/post";
  late.kind = TransferKind::kPostPending;
  late.pending_id = "r2";
  EXPECT_EQ(Submit({late}), std::vector{R::kPendingTransferExpired});
  EXPECT_EQ(ledger_->BalanceOf("fund/wubao")->debits_pending, 0);
  ExpectAuditPasses();
}

// A reversal mirrors its original and cannot reverse more than it moved.
TEST_F(LedgerTest, Reversals) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  Transfer back = Move("fund1/rev", "fund/wubao", "income/budget", 400, "wubao_support");
  back.reversal_of = "fund1";
  EXPECT_EQ(Submit({back}), std::vector{R::kOk});
  back.id = "fund1/rev2";
  back.amount = 601;
  EXPECT_EQ(Submit({back}), std::vector{R::kReversalExceedsOriginal});
  Transfer wrong = Move("fund1/rev3", "income/budget", "fund/wubao", 1);
  wrong.reversal_of = "fund1";
  EXPECT_EQ(Submit({wrong}), std::vector{R::kReversalMustMirrorOriginal});
  EXPECT_EQ(Net("fund/wubao"), 600);
  ExpectAuditPasses();
}

// Closing and reopening the store gives the same books.
TEST_F(LedgerTest, ReopenGivesSameState) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  Transfer reserve = Move("r1", "fund/wubao", "payable/home", 300, "wubao_support");
  reserve.kind = TransferKind::kPending;
  Submit({reserve});
  ASSERT_TRUE(ledger_->CloseAccount("payable/home").ok());
  const std::string head = ledger_->head_hash();
  ledger_.reset();
  store_.reset();
  store_ = testing::OpenStore(directory_.File("ledger.db"));
  ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_EQ(ledger_->head_hash(), head);
  EXPECT_EQ(Net("fund/wubao"), 1000);
  EXPECT_EQ(ledger_->BalanceOf("fund/wubao")->debits_pending, 300);
  EXPECT_TRUE(ledger_->FindAccount("payable/home")->closed);
  EXPECT_EQ(Submit({Move("fund1", "income/budget", "fund/wubao", 1000)}), std::vector{R::kExists});
  EXPECT_EQ(Submit({Move("x", "fund/wubao", "payable/home", 1, "wubao_support")}),
            std::vector{R::kCreditAccountClosed});
  ExpectAuditPasses();
}

// Two processes with the same books (two desks, a payment run beside a settlement): each
// opened them, then the other wrote. A writer that finds batches it has not seen reads
// the books again before deciding, inside its write transaction: its transfers post
// after the other's, against the balances the other left, and the chain stays whole.
TEST_F(LedgerTest, AWriterCatchesUpWithBooksAnotherWrote) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  auto other_store = testing::OpenStore(directory_.File("ledger.db"));
  ASSERT_NE(other_store, nullptr);
  auto other = testing::OpenLedger(*other_store, clock_.AsClock());
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(other->AddAccount(testing::FundAccount("payable/school", false)).ok());
  auto paid = other->Submit({Move("p1", "fund/wubao", "payable/school", 700, "wubao_support")});
  ASSERT_TRUE(paid.ok()) << paid.status().ToString();
  EXPECT_EQ(*paid, std::vector{R::kOk});

  // This one has not seen p1: 400 more would overdraw what p1 left (300).
  EXPECT_EQ(Submit({Move("p2", "fund/wubao", "payable/school", 400, "wubao_support")}),
            std::vector{R::kExceedsCredits});
  EXPECT_EQ(Submit({Move("p1", "fund/wubao", "payable/school", 700, "wubao_support"),
                    Move("p3", "fund/wubao", "payable/home", 300, "wubao_support")}),
            (std::vector{R::kExists, R::kOk}));
  EXPECT_EQ(Net("fund/wubao"), 0);
  EXPECT_EQ(Net("payable/school"), 700);
  EXPECT_EQ(ledger_->batch_count(), other->batch_count() + 2);
  ExpectAuditPasses();
}

// The position ledger_balances stands at (ledger_checkpoint).
int64_t CheckpointPosition(store::Store& store) {
  auto statement = store.Prepare("SELECT position FROM ledger_checkpoint WHERE id = 1");
  EXPECT_TRUE(statement.ok());
  EXPECT_TRUE(*(*statement)->Step());
  return (*statement)->Int(0);
}

// Balances are written at checkpoints, not with every batch: opening the books reads
// the last checkpoint and applies the journal after it (transfers, a reservation and
// its posting), and the audit compares the stored balances with the journal at the
// checkpoint, naming a balance changed there.
TEST_F(LedgerTest, CheckpointedBalancesAndTheJournalAfterThemGiveTheBooks) {
  ledger_.reset();
  ledger_ = Ledger::Open(*store_, clock_.AsClock(), 6).value();
  const int64_t declared = CheckpointPosition(*store_);  // before any balance changed
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  Submit({Move("fund2", "income/budget", "fund/wubao", 500)});  // position 6: checkpoint
  EXPECT_GT(CheckpointPosition(*store_), declared);
  const int64_t checkpoint = CheckpointPosition(*store_);
  Transfer reserve = Move("r1", "fund/wubao", "payable/home", 300, "wubao_support");
  reserve.kind = TransferKind::kPending;
  Submit({reserve});
  Transfer post = Move("p1", "", "", 200);
  post.kind = TransferKind::kPostPending;
  post.pending_id = "r1";
  post.unit = "";
  Submit({post});
  EXPECT_EQ(CheckpointPosition(*store_), checkpoint);  // two rows since: no checkpoint
  ExpectAuditPasses();

  ledger_.reset();
  ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_EQ(Net("fund/wubao"), 1500 - 200);
  EXPECT_EQ(ledger_->BalanceOf("fund/wubao")->debits_pending, 0);
  EXPECT_EQ(Net("payable/home"), 200);
  EXPECT_EQ(Submit({Move("x", "fund/wubao", "payable/home", 1301, "wubao_support")}),
            std::vector{R::kExceedsCredits});

  ASSERT_TRUE(store_->Execute("UPDATE ledger_balances SET credits_posted = 1 "
                              "WHERE account = 'fund/wubao'")
                  .ok());
  auto report = Audit(*store_);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_THAT(report->problems[0].what,
              ::testing::HasSubstr("balance of 'fund/wubao' is stored as debits ¥0.00, credits "
                                   "¥0.01"));
  EXPECT_THAT(report->problems[0].what,
              ::testing::HasSubstr("at position " + std::to_string(checkpoint)));
}

// A checkpoint of many balances (written 64, 8 and 1 per statement) reads back whole.
TEST_F(LedgerTest, CheckpointOfManyBalancesReadsBackWhole) {
  ledger_.reset();
  ledger_ = Ledger::Open(*store_, clock_.AsClock(), 1).value();
  std::vector<Transfer> batch;
  for (int i = 0; i < 80; ++i) {
    const std::string code = "payable/person/" + std::to_string(i);
    ASSERT_TRUE(ledger_->AddAccount(testing::FundAccount(code, false)).ok());
    batch.push_back(Move("t" + std::to_string(i), "income/budget", code, 100 + i));
  }
  EXPECT_EQ(Submit(batch), std::vector<R>(80, R::kOk));
  ExpectAuditPasses();
  ledger_.reset();
  ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
  for (int i = 0; i < 80; ++i) EXPECT_EQ(Net("payable/person/" + std::to_string(i)), 100 + i);
  EXPECT_EQ(Net("income/budget"), -(80 * 100 + 79 * 80 / 2));
}

// Many accounts are declared in one batch, a parent before its children; those declared
// alike already are skipped; a conflict anywhere declares none.
TEST_F(LedgerTest, AddAccountsDeclaresAllInOneBatchOrNone) {
  const int64_t batches = ledger_->batch_count();
  Account parent = testing::FundAccount("payable/person", false);
  parent.kind = AccountKind::kLiability;
  std::vector<Account> accounts = {parent, testing::FundAccount("payable/home", false)};
  for (int i = 0; i < 3; ++i) {
    Account child = parent;
    child.code = "payable/person/" + std::to_string(i);
    child.parent = "payable/person";
    accounts.push_back(child);
  }
  ASSERT_TRUE(ledger_->AddAccounts(accounts).ok());
  EXPECT_EQ(ledger_->batch_count(), batches + 1);
  ASSERT_NE(ledger_->FindAccount("payable/person/2"), nullptr);
  EXPECT_TRUE(ledger_->AddAccounts(accounts).ok()) << "declared alike: nothing to do";
  EXPECT_EQ(ledger_->batch_count(), batches + 1);

  Account conflicting = testing::FundAccount("payable/home", true);  // other flags
  Account fresh = testing::FundAccount("payable/new", false);
  Status refused = ledger_->AddAccounts(std::vector<Account>{fresh, conflicting});
  EXPECT_EQ(refused.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(ledger_->FindAccount("payable/new"), nullptr);
  ExpectAuditPasses();
  ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_NE(ledger_->FindAccount("payable/person/0"), nullptr);
  EXPECT_EQ(ledger_->FindAccount("payable/person/0")->parent, "payable/person");
}

// Accepted tells the transfers the journal holds from those refused or never seen.
TEST_F(LedgerTest, AcceptedTellsPostedIdsFromOthers) {
  Submit({Move("a", "income/budget", "fund/wubao", 10), Move("b", "fund/wubao", "payable/home", 999)});
  std::vector<std::string> ids = {"b", "a", "c", "a"};
  auto accepted = ledger_->Accepted(ids);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(*accepted, (std::vector<bool>{false, true, false, true}));
  std::vector<std::string> many;
  for (int i = 0; i < 300; ++i) many.push_back("x" + std::to_string(i));
  many.push_back("a");
  EXPECT_TRUE(ledger_->Accepted(many)->back());
  auto amounts = ledger_->AcceptedAmounts(ids);
  ASSERT_TRUE(amounts.ok());
  EXPECT_EQ((*amounts)[0], std::nullopt);
  EXPECT_EQ((*amounts)[1], 10);
}

// Checkpoint() writes the balances now: the next open replays nothing and reads the
// same books. A checkpoint that fails changes nothing; the next one writes it all.
TEST_F(LedgerTest, CheckpointNowLeavesNothingToReplay) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1'000),
          Move("pay1", "fund/wubao", "payable/home", 300, "wubao_support")});
  ASSERT_GT(ledger_->rows_since_checkpoint(), 0);
  int failures = 0;
  for (int64_t fail_at = 1; fail_at < 20; ++fail_at) {
    store::FaultyStore faulty(*store_, fail_at);
    auto ledger = Ledger::Open(faulty, clock_.AsClock());
    if (!ledger.ok()) continue;  // opening wrote nothing but may count a migration check
    const int64_t before = (*ledger)->rows_since_checkpoint();
    ASSERT_GT(before, 0);
    if ((*ledger)->Checkpoint().ok()) break;
    ++failures;
    EXPECT_EQ((*ledger)->rows_since_checkpoint(), before) << "fail at " << fail_at;
    EXPECT_EQ((*ledger)->BalanceOf("fund/wubao")->net_credit(), 700);
    EXPECT_EQ(testing::OpenLedger(*store_, clock_.AsClock())->rows_since_checkpoint(), before);
    ExpectAuditPasses();
  }
  EXPECT_GE(failures, 3) << "balances, checkpoint and commit are each a write";
  ASSERT_TRUE(ledger_->Checkpoint().ok());
  EXPECT_EQ(ledger_->rows_since_checkpoint(), 0);
  EXPECT_TRUE(ledger_->Checkpoint().ok()) << "nothing to write is no error";
  ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_EQ(ledger_->rows_since_checkpoint(), 0);
  EXPECT_EQ(Net("fund/wubao"), 700);
  EXPECT_EQ(Net("payable/home"), 300);
  EXPECT_EQ(Net("income/budget"), -1'000);
  ExpectAuditPasses();
}

// A store write failing at any point leaves the books, in memory and on disk, as they
// were; the same batch then succeeds.
TEST_F(LedgerTest, FailedWriteChangesNothing) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000)});
  for (int64_t fail_at = 1;; ++fail_at) {
    store::FaultyStore faulty(*store_, fail_at);
    auto ledger = Ledger::Open(faulty, clock_.AsClock());
    if (!ledger.ok()) continue;  // opening wrote nothing but may count a migration check
    Transfer a = Move("a", "fund/wubao", "payable/home", 100, "wubao_support");
    a.linked = true;
    Transfer b = Move("b", "income/budget", "fund/wubao", 50);
    auto results = (*ledger)->Submit({a, b});
    if (results.ok()) {
      EXPECT_FALSE(faulty.failed());
      break;
    }
    EXPECT_EQ(results.status().code(), ErrorCode::kIo) << results.status().ToString();
    EXPECT_EQ((*ledger)->BalanceOf("fund/wubao")->net_credit(), 1000) << "fail at " << fail_at;
    auto reopened = testing::OpenLedger(*store_, clock_.AsClock());
    EXPECT_EQ(reopened->BalanceOf("fund/wubao")->net_credit(), 1000) << "fail at " << fail_at;
    ExpectAuditPasses();
    ASSERT_LT(fail_at, 100) << "the batch never succeeded";
  }
  auto reopened = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_EQ(reopened->BalanceOf("fund/wubao")->net_credit(), 950);
  ExpectAuditPasses();
}

// The same for a batch large enough that its rows are hashed on a second thread while
// they are written (commit_hasher.h): a write failing half-way through the rows, or
// after them, leaves nothing behind.
TEST_F(LedgerTest, LargeBatchFailingHalfWayChangesNothing) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1'000'000)});
  std::vector<Transfer> batch;
  for (int i = 0; i < 2'000; ++i) {
    batch.push_back(Move("pay" + std::to_string(i), "fund/wubao", "payable/home", 1 + i % 5,
                         "wubao_support"));
  }
  int64_t total = 0;
  for (const Transfer& transfer : batch) total += transfer.amount;
  for (int64_t fail_at = 1;; ++fail_at) {
    store::FaultyStore faulty(*store_, fail_at);
    auto ledger = Ledger::Open(faulty, clock_.AsClock());
    if (!ledger.ok()) continue;  // opening wrote nothing but may count a migration check
    auto results = (*ledger)->Submit(batch);
    if (results.ok()) {
      EXPECT_FALSE(faulty.failed());
      EXPECT_GT(fail_at, 30) << "2,000 rows take 32 statements of at most 64";
      break;
    }
    EXPECT_EQ((*ledger)->BalanceOf("fund/wubao")->net_credit(), 1'000'000) << "fail at " << fail_at;
    auto reopened = testing::OpenLedger(*store_, clock_.AsClock());
    EXPECT_EQ(reopened->BalanceOf("fund/wubao")->net_credit(), 1'000'000) << "fail at " << fail_at;
    ExpectAuditPasses();
    ASSERT_LT(fail_at, 200) << "the batch never succeeded";
  }
  ledger_ = testing::OpenLedger(*store_, clock_.AsClock());
  EXPECT_EQ(Net("fund/wubao"), 1'000'000 - total);
  ExpectAuditPasses();
  EXPECT_EQ(Submit(batch), std::vector<R>(batch.size(), R::kExists)) << "posted once only";
  EXPECT_EQ(Net("payable/home"), total);
}

// The audit names an edited, a deleted and an inserted row by position.
TEST_F(LedgerTest, AuditNamesTampering) {
  Submit({Move("fund1", "income/budget", "fund/wubao", 1000),
          Move("fund2", "income/budget", "fund/wubao", 2000)});
  ExpectAuditPasses();
  auto position_of = [&](const std::string& id) {
    auto statement = store_->Prepare("SELECT position FROM ledger_journal WHERE id = ?");
    (*statement)->BindText(1, id);
    EXPECT_TRUE(*(*statement)->Step());
    const int64_t position = (*statement)->Int(0);
    (*statement)->Reset();
    return position;
  };
  const int64_t edited = position_of("fund2");
  ASSERT_TRUE(store_->Execute("UPDATE ledger_journal SET amount = 200 WHERE id = 'fund2'").ok());
  auto report = Audit(*store_);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems.front().position, edited);
  EXPECT_NE(report->problems.front().what.find("edited"), std::string::npos);

  ASSERT_TRUE(store_->Execute("UPDATE ledger_journal SET amount = 2000 WHERE id = 'fund2'").ok());
  ExpectAuditPasses();
  const int64_t deleted = position_of("fund1");
  ASSERT_TRUE(store_->Execute("DELETE FROM ledger_journal WHERE id = 'fund1'").ok());
  report = Audit(*store_);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems.front().position, deleted);
  EXPECT_NE(report->problems.front().what.find("deleted"), std::string::npos);
}

}  // namespace
}  // namespace minsheng::ledger
