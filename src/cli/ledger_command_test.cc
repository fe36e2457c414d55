// Tests for `minsheng ledger`: each subcommand run in-process against a ledger in a
// temporary SQLite file, checking what it prints and its exit code (0 success, 1 when a
// transfer is refused, input is malformed or the audit finds a problem).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/testing.h"
#include "store/store.h"

namespace minsheng::cli {
namespace {

using testing::Outcome;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class LedgerCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ =
        std::filesystem::temp_directory_path() /
        ("minsheng_ledger_command_" + std::string(test->name()) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    db_ = (directory_ / "books.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Runs `minsheng ledger ARGS... --db <the test's file>`.
  Outcome Ledger(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "ledger");
    arguments.push_back("--db");
    arguments.push_back(db_);
    return Run(arguments);
  }

  static Outcome Run(const std::vector<std::string>& arguments) {
    return testing::RunMinsheng(arguments);
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = (directory_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // Expects the command to succeed and returns its output.
  std::string Ok(std::vector<std::string> arguments) {
    Outcome outcome = Ledger(arguments);
    EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.out << outcome.err;
    return outcome.out;
  }

  // The books most tests start from: CNY, a province's income, the county's 五保 fund
  // (no overdraft) with two townships earmarked for the allowance, and a payee.
  void Declare() {
    Ok({"init"});
    Ok({"unit", "add", "CNY", "--name-zh", "人民币", "--name-en", "Chinese yuan", "--step", "fen"});
    Ok({"account", "add", "income/province", "--unit", "CNY", "--kind", "income", "--name-zh",
        "省级补助"});
    Ok({"account", "add", "fund/wubao", "--unit", "CNY", "--kind", "fund", "--name-zh",
        "五保供养资金", "--no-overdraft"});
    for (const char* town : {"fund/wubao/town/a", "fund/wubao/town/b"}) {
      Ok({"account", "add", town, "--unit", "CNY", "--kind", "fund", "--parent", "fund/wubao",
          "--no-overdraft", "--earmark", "wubao_allowance"});
    }
    Ok({"account", "add", "payable/person/1", "--unit", "CNY", "--kind", "liability"});
  }

  // Declare(), then 1,000 yuan from the province into the fund on 2013-01-05.
  void DeclareAndFund() {
    Declare();
    Ok({"transfer", "t1", "--debit", "income/province", "--credit", "fund/wubao", "--amount",
        "1000", "--unit", "CNY", "--value-date", "2013-01-05"});
  }

  // An account's balance as `ledger balance ACCOUNT --json` gives it.
  nlohmann::json Balance(const std::string& account) {
    return nlohmann::json::parse(Ok({"balance", account, "--json"}));
  }

  int64_t Batches() { return nlohmann::json::parse(Ok({"init", "--json"}))["batches"]; }

  std::filesystem::path directory_;
  std::string db_;
};

TEST_F(LedgerCommandTest, InitCreatesTheBooksAndPrintsTheHead) {
  // Proves init creates the file and prints an empty head; a second init changes nothing.
  Outcome outcome = Ledger({"init"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  EXPECT_TRUE(Has(outcome.out, "batches 批次: 0")) << outcome.out;
  EXPECT_TRUE(Has(outcome.out, std::string(64, '0'))) << outcome.out;
  EXPECT_TRUE(std::filesystem::exists(db_));
  nlohmann::json head = nlohmann::json::parse(Ok({"init", "--json"}));
  EXPECT_EQ(head["batches"], 0);
  EXPECT_EQ(head["head_hash"], std::string(64, '0'));
}

TEST_F(LedgerCommandTest, CommandsOtherThanInitRefuseAMissingFile) {
  // Proves a mistyped --db is an error pointing at init, and creates no file.
  Outcome outcome = Ledger({"balance"});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_TRUE(Has(outcome.err, "minsheng ledger init")) << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(LedgerCommandTest, UnitsAndAccountsAreDeclaredOnceAndListed) {
  // Proves declarations print whether they were new, a changed redeclaration is an
  // error, and account list shows kinds, names and rules.
  Declare();
  EXPECT_TRUE(Has(Ok({"unit", "add", "CNY", "--name-zh", "人民币", "--name-en", "Chinese yuan",
                      "--step", "fen"}),
                  "already declared"));
  Outcome changed = Ledger({"unit", "add", "CNY", "--step", "jiao"});
  EXPECT_EQ(changed.exit_code, kExitUserError);
  const std::string list = Ok({"account", "list"});
  EXPECT_TRUE(Has(list, "fund/wubao")) << list;
  EXPECT_TRUE(Has(list, "五保供养资金")) << list;
  EXPECT_TRUE(Has(list, "no overdraft 不得透支")) << list;
  EXPECT_TRUE(Has(list, "earmarks 专款: wubao_allowance")) << list;
  nlohmann::json accounts = nlohmann::json::parse(Ok({"account", "list", "--json"}));
  ASSERT_EQ(accounts.size(), 5u);
  EXPECT_EQ(accounts[0]["code"], "fund/wubao");  // by code
  EXPECT_EQ(accounts[0]["debits_must_not_exceed_credits"], true);
  Outcome bad_kind = Ledger({"account", "add", "x", "--unit", "CNY", "--kind", "fnd"});
  EXPECT_EQ(bad_kind.exit_code, kExitUserError);
  EXPECT_TRUE(Has(bad_kind.err, "--kind 'fnd'")) << bad_kind.err;
}

TEST_F(LedgerCommandTest, ATransferIsAcceptedOnceAndARetryAnswersExists) {
  // Proves a transfer posts, its exact retry answers "exists" with exit 0 and posts
  // nothing again, and the amount in yuan became fen exactly.
  DeclareAndFund();
  Outcome retry = Ledger({"transfer", "t1", "--debit", "income/province", "--credit", "fund/wubao",
                          "--amount", "1000.00", "--unit", "CNY", "--value-date", "2013-01-05"});
  EXPECT_EQ(retry.exit_code, kExitSuccess) << retry.err;
  EXPECT_TRUE(Has(retry.out, "t1: exists")) << retry.out;
  EXPECT_TRUE(Has(retry.out, "accepted 0, exists 1, refused 0")) << retry.out;
  EXPECT_EQ(Balance("fund/wubao")["balance"], "1000.00");
  EXPECT_EQ(Balance("income/province")["balance"], "1000.00");  // what it provided
  // The same id with another amount is refused, and says why.
  Outcome different =
      Ledger({"transfer", "t1", "--debit", "income/province", "--credit", "fund/wubao", "--amount",
              "999", "--unit", "CNY", "--value-date", "2013-01-05"});
  EXPECT_EQ(different.exit_code, kExitUserError);
  EXPECT_TRUE(Has(different.out, "t1: exists_with_different_amount")) << different.out;
}

// A command ends by writing the balances' checkpoint: the next opens without replaying.
TEST_F(LedgerCommandTest, ACommandLeavesTheBalancesCheckpointed) {
  DeclareAndFund();
  auto store = store::OpenSqlite(db_, {.must_exist = true});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto statement = (*store)->Prepare(
      "SELECT (SELECT MAX(position) FROM ledger_journal) - position FROM ledger_checkpoint");
  ASSERT_TRUE(statement.ok());
  ASSERT_TRUE(*(*statement)->Step());
  EXPECT_EQ((*statement)->Int(0), 0) << "journal rows after the checkpoint";
  (*statement)->Reset();
}

TEST_F(LedgerCommandTest, AnOverdraftIsRefusedWithExitOne) {
  // Proves a debit beyond a no-overdraft fund's balance is refused: the result's name
  // and description are printed, the exit code is 1 and the balance is unchanged.
  DeclareAndFund();
  Outcome outcome = Ledger({"transfer", "t2", "--debit", "fund/wubao", "--credit",
                            "fund/wubao/town/a", "--amount", "1000.01", "--unit", "CNY"});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_TRUE(Has(outcome.out, "t2: exceeds_credits")) << outcome.out;
  EXPECT_TRUE(Has(outcome.out, "余额不足")) << outcome.out;
  EXPECT_TRUE(Has(outcome.out, "accepted 0, exists 0, refused 1")) << outcome.out;
  EXPECT_TRUE(Has(outcome.err, "1 of 1 transfers refused")) << outcome.err;
  EXPECT_EQ(Balance("fund/wubao")["balance"], "1000.00");
  nlohmann::json results = nlohmann::json::parse(
      Ledger({"transfer", "t2", "--debit", "fund/wubao", "--credit", "fund/wubao/town/a",
              "--amount", "1000.01", "--unit", "CNY", "--json"})
          .out);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["id"], "t2");
  EXPECT_EQ(results[0]["result"], "id_already_failed");  // a refused id stays refused
}

TEST_F(LedgerCommandTest, AMalformedCsvRowSubmitsNothing) {
  // Proves a file with one bad row is refused whole: the error names the file's row and
  // the field, and neither the good rows before it nor after it are posted.
  DeclareAndFund();
  const int64_t batches = Batches();
  const std::string path = WriteFile("transfers.csv",
                                     "id,debit_account,credit_account,amount,unit,purpose\n"
                                     "c1,fund/wubao,fund/wubao/town/a,100,CNY,\n"
                                     "c2,fund/wubao,fund/wubao/town/b,12.345,CNY,\n"
                                     "c3,fund/wubao,fund/wubao/town/b,1,CNY,\n");
  Outcome outcome = Ledger({"transfer", "--file", path});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_TRUE(Has(outcome.err, "transfers.csv: row 3: field 'amount'")) << outcome.err;
  EXPECT_TRUE(Has(outcome.err, "finer than a fen")) << outcome.err;
  EXPECT_TRUE(Has(outcome.err, "nothing submitted")) << outcome.err;
  EXPECT_EQ(Balance("fund/wubao")["balance"], "1000.00");
  EXPECT_EQ(Batches(), batches);

  const std::string unknown =
      WriteFile("unknown.csv", "id,debit_account,credit_account,amount,unit,purpse\n");
  Outcome typo = Ledger({"transfer", "--file", unknown});
  EXPECT_EQ(typo.exit_code, kExitUserError);
  EXPECT_TRUE(Has(typo.err, "row 1: field 'purpse'")) << typo.err;
  const std::string missing = WriteFile("missing.csv", "id,debit_account,credit_account,amount\n");
  EXPECT_TRUE(Has(Ledger({"transfer", "--file", missing}).err, "missing column 'unit'"));
}

TEST_F(LedgerCommandTest, ACsvFileIsSubmittedAndReportsEachTransfer) {
  // Proves a CSV file posts its transfers (quoted amounts with grouping, value dates), a
  // failing member of a linked chain fails the whole chain, and the summary counts all.
  DeclareAndFund();
  const std::string path =
      WriteFile("transfers.csv",
                "id,debit_account,credit_account,amount,unit,purpose,linked,value_date\n"
                "c1,income/province,fund/wubao,\"1,000.50\",CNY,,false,2013-02-01\n"
                "c2,fund/wubao,fund/wubao/town/a,10,CNY,,true,2013-02-02\n"
                "c3,fund/wubao,fund/wubao/town/b,99999,CNY,,false,2013-02-02\n");
  Outcome outcome = Ledger({"transfer", "--file", path});
  EXPECT_EQ(outcome.exit_code, kExitUserError);
  EXPECT_TRUE(Has(outcome.out, "c2: linked_event_failed")) << outcome.out;
  EXPECT_TRUE(Has(outcome.out, "c3: exceeds_credits")) << outcome.out;
  EXPECT_TRUE(Has(outcome.out, "accepted 1, exists 0, refused 2")) << outcome.out;
  EXPECT_EQ(Balance("fund/wubao")["balance"], "2000.50");
  EXPECT_EQ(Balance("fund/wubao/town/a")["balance"], "0.00");
}

TEST_F(LedgerCommandTest, AJsonlFileIsSubmitted) {
  // Proves JSONL transfers (amounts as strings or integers, linked as a boolean, blank
  // lines skipped) post, and a fractional JSON number is refused at its line and key.
  DeclareAndFund();
  const std::string path = WriteFile(
      "transfers.jsonl",
      "{\"id\":\"j1\",\"debit_account\":\"fund/wubao\",\"credit_account\":\"fund/wubao/town/a\","
      "\"amount\":300,\"unit\":\"CNY\",\"linked\":true}\n"
      "\n"
      "{\"id\":\"j2\",\"debit_account\":\"fund/wubao\",\"credit_account\":\"fund/wubao/town/b\","
      "\"amount\":\"200.25\",\"unit\":\"CNY\",\"value_date\":\"2013-01-31\"}\n");
  Outcome outcome = Ledger({"transfer", "--file", path, "--json"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.err;
  nlohmann::json results = nlohmann::json::parse(outcome.out);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[1]["id"], "j2");
  EXPECT_EQ(results[1]["result"], "ok");
  EXPECT_EQ(Balance("fund/wubao/town/a")["balance"], "300.00");
  EXPECT_EQ(Balance("fund/wubao/town/b")["balance"], "200.25");

  const std::string bad = WriteFile(
      "bad.jsonl",
      "{\"id\":\"j3\",\"debit_account\":\"fund/wubao\",\"credit_account\":\"fund/wubao/town/a\","
      "\"amount\":\"1\",\"unit\":\"CNY\"}\n"
      "{\"id\":\"j4\",\"debit_account\":\"fund/wubao\",\"credit_account\":\"fund/wubao/town/a\","
      "\"amount\":1.5,\"unit\":\"CNY\"}\n");
  Outcome refused = Ledger({"transfer", "--file", bad});
  EXPECT_EQ(refused.exit_code, kExitUserError);
  EXPECT_TRUE(Has(refused.err, "bad.jsonl:2: field 'amount'")) << refused.err;
  EXPECT_EQ(Balance("fund/wubao/town/a")["balance"], "300.00");
}

TEST_F(LedgerCommandTest, BatchesAreCutOnlyBetweenChains) {
  // Proves --batch-size cuts a file into batches without splitting a linked chain (three
  // transfers, the last two linked, in batches of two: two batches), and that a chain
  // longer than a batch is refused before anything is submitted.
  DeclareAndFund();
  const int64_t before = Batches();
  const std::string path = WriteFile("chain.csv",
                                     "id,debit_account,credit_account,amount,unit,linked\n"
                                     "b1,fund/wubao,fund/wubao/town/a,1,CNY,false\n"
                                     "b2,fund/wubao,fund/wubao/town/a,1,CNY,true\n"
                                     "b3,fund/wubao,fund/wubao/town/b,1,CNY,false\n");
  Outcome outcome = Ledger({"transfer", "--file", path, "--batch-size", "2"});
  EXPECT_EQ(outcome.exit_code, kExitSuccess) << outcome.out << outcome.err;
  EXPECT_TRUE(Has(outcome.out, "accepted 3, exists 0, refused 0")) << outcome.out;
  EXPECT_EQ(Batches(), before + 2);

  const std::string long_chain = WriteFile("long.csv",
                                           "id,debit_account,credit_account,amount,unit,linked\n"
                                           "l1,fund/wubao,fund/wubao/town/a,1,CNY,1\n"
                                           "l2,fund/wubao,fund/wubao/town/a,1,CNY,1\n"
                                           "l3,fund/wubao,fund/wubao/town/b,1,CNY,0\n");
  Outcome refused = Ledger({"transfer", "--file", long_chain, "--batch-size", "2"});
  EXPECT_EQ(refused.exit_code, kExitUserError);
  EXPECT_TRUE(Has(refused.err, "the linked chain that starts at row 2")) << refused.err;
  EXPECT_EQ(Batches(), before + 2);
}

TEST_F(LedgerCommandTest, APendingTransferIsReservedThenPostedInPart) {
  // Proves a pending transfer reserves its amount, a partial post moves only that and
  // releases the rest, a retried post answers exists, and a void after it is refused.
  DeclareAndFund();
  Ok({"allocate", "1000", "--unit", "CNY", "--share", "fund/wubao/town/a=1", "--from", "fund/wubao",
      "--id-prefix", "alloc/2013-01", "--value-date", "2013-01-10"});
  Ok({"transfer", "p1", "--debit", "fund/wubao/town/a", "--credit", "payable/person/1", "--amount",
      "200", "--unit", "CNY", "--purpose", "wubao_allowance", "--pending", "--timeout", "86400",
      "--value-date", "2013-01-20"});
  nlohmann::json reserved = Balance("fund/wubao/town/a");
  EXPECT_EQ(reserved["debits_pending"], "200.00");
  EXPECT_EQ(reserved["balance"], "1000.00");
  const std::string text = Ok({"balance", "fund/wubao/town/a"});
  EXPECT_TRUE(Has(text, "available 可用")) << text;
  EXPECT_TRUE(Has(text, "¥800.00")) << text;

  Ok({"pending", "post", "p1", "--amount", "150.50", "--value-date", "2013-01-20"});
  nlohmann::json posted = Balance("fund/wubao/town/a");
  EXPECT_EQ(posted["debits_pending"], "0.00");
  EXPECT_EQ(posted["debits_posted"], "150.50");
  EXPECT_EQ(posted["balance"], "849.50");
  Outcome retry =
      Ledger({"pending", "post", "p1", "--amount", "150.50", "--value-date", "2013-01-20"});
  EXPECT_EQ(retry.exit_code, kExitSuccess);
  EXPECT_TRUE(Has(retry.out, "p1/post: exists")) << retry.out;
  Outcome void_after = Ledger({"pending", "void", "p1"});
  EXPECT_EQ(void_after.exit_code, kExitUserError);
  EXPECT_TRUE(Has(void_after.out, "p1/void: pending_transfer_already_posted")) << void_after.out;
  Outcome unknown = Ledger({"pending", "void", "nope"});
  EXPECT_EQ(unknown.exit_code, kExitUserError);
  EXPECT_TRUE(Has(unknown.err, "no pending transfer 'nope'")) << unknown.err;
}

TEST_F(LedgerCommandTest, AllocateSplitsExactlyAndSubmitsOneLinkedBatch) {
  // Proves allocate prints the largest-remainder split (1,000 over 3:4 is 428.57 and
  // 571.43), posts it from the fund as one batch with ids PREFIX/CODE, and that running
  // it again answers exists instead of paying twice.
  DeclareAndFund();
  Outcome preview = Run({"ledger", "allocate", "1000", "--unit", "CNY", "--share",
                         "fund/wubao/town/a=3", "--share", "fund/wubao/town/b=4"});
  EXPECT_EQ(preview.exit_code, kExitSuccess) << preview.err;
  EXPECT_TRUE(Has(preview.out, "¥428.57")) << preview.out;
  EXPECT_TRUE(Has(preview.out, "¥571.43")) << preview.out;

  const std::string shares = WriteFile("shares.csv",
                                       "code,weight,name\n"
                                       "fund/wubao/town/a,3,城关镇\n"
                                       "fund/wubao/town/b,4,马山子镇\n");
  const int64_t before = Batches();
  const std::vector<std::string> allocate = {
      "allocate", "1000",       "--unit",      "CNY",           "--file",    shares,
      "--from",   "fund/wubao", "--id-prefix", "alloc/2013-Q1", "--purpose", "allocation"};
  const std::string out = Ok(allocate);
  EXPECT_TRUE(Has(out, "accepted 2, exists 0, refused 0")) << out;
  EXPECT_EQ(Batches(), before + 1);
  EXPECT_EQ(Balance("fund/wubao/town/a")["balance"], "428.57");
  EXPECT_EQ(Balance("fund/wubao/town/b")["balance"], "571.43");
  EXPECT_EQ(Balance("fund/wubao")["balance"], "0.00");
  EXPECT_TRUE(Has(Ok(allocate), "accepted 0, exists 2, refused 0"));

  Outcome no_prefix = Ledger(
      {"allocate", "1", "--unit", "CNY", "--share", "fund/wubao/town/a=1", "--from", "fund/wubao"});
  EXPECT_EQ(no_prefix.exit_code, kExitUserError);
  EXPECT_TRUE(Has(no_prefix.err, "--id-prefix")) << no_prefix.err;
}

TEST_F(LedgerCommandTest, BalanceStatementAndDisclosureShowTheAmounts) {
  // Proves the reports: a balance in yuan, a statement with the townships indented under
  // the fund (text and CSV), and the fund's disclosure with income by source and
  // payments by purpose, and the journal's head hash.
  DeclareAndFund();
  Ok({"allocate", "1000", "--unit", "CNY", "--share", "fund/wubao/town/a=3", "--share",
      "fund/wubao/town/b=4", "--from", "fund/wubao", "--id-prefix", "alloc/2013-01", "--value-date",
      "2013-01-10"});
  Ok({"transfer", "pay1", "--debit", "fund/wubao/town/a", "--credit", "payable/person/1",
      "--amount", "140", "--unit", "CNY", "--purpose", "wubao_allowance", "--value-date",
      "2013-01-25"});

  const std::string balance = Ok({"balance", "fund/wubao/town/a"});
  EXPECT_TRUE(Has(balance, "balance 余额")) << balance;
  EXPECT_TRUE(Has(balance, "¥288.57")) << balance;
  EXPECT_EQ(nlohmann::json::parse(Ok({"balance", "--json"})).size(), 5u);

  const std::string statement = Ok({"statement", "--period", "2013-01", "--prefix", "fund/wubao"});
  EXPECT_TRUE(Has(statement, "statement 账户报表 2013-01")) << statement;
  EXPECT_TRUE(Has(statement, "\n  fund/wubao/town/a")) << statement;
  EXPECT_TRUE(Has(statement, "¥860.00")) << statement;  // the fund and its townships, closing
  const std::string csv =
      Ok({"statement", "--period", "2013-Q1", "--prefix", "fund/wubao", "--format", "csv"});
  EXPECT_TRUE(Has(csv, "account,unit,depth,opening,debits,credits,closing,transfer_count\n"));
  EXPECT_TRUE(Has(csv, "fund/wubao/town/a,CNY,1,0.00,140.00,428.57,288.57,2\n")) << csv;
  const std::string february = Ok({"statement", "--period", "2013-02", "--format", "csv"});
  EXPECT_TRUE(Has(february, "fund/wubao/town/a,CNY,1,288.57,0.00,0.00,288.57,0\n")) << february;

  const std::string disclosure = Ok({"disclosure", "fund/wubao", "--period", "2013-01"});
  EXPECT_TRUE(Has(disclosure, "资金公开 / Fund disclosure")) << disclosure;
  EXPECT_TRUE(Has(disclosure, "income/province 省级补助  ¥1,000.00")) << disclosure;
  EXPECT_TRUE(Has(disclosure, "wubao_allowance")) << disclosure;
  EXPECT_TRUE(Has(disclosure, "¥140.00")) << disclosure;
  EXPECT_TRUE(Has(disclosure, "closing balance 期末余额: ¥860.00")) << disclosure;
  nlohmann::json json =
      nlohmann::json::parse(Ok({"disclosure", "fund/wubao", "--period", "2013-01", "--json"}));
  EXPECT_EQ(json["closing"], "860.00");
  EXPECT_EQ(json["payments"][0]["label"], "wubao_allowance");
  EXPECT_EQ(json["head_hash"], nlohmann::json::parse(Ok({"init", "--json"}))["head_hash"]);
  Outcome bad_period = Ledger({"statement", "--period", "2013-13"});
  EXPECT_EQ(bad_period.exit_code, kExitUserError);
  EXPECT_TRUE(Has(bad_period.err, "--period '2013-13'")) << bad_period.err;
}

TEST_F(LedgerCommandTest, AuditPassesThenNamesTheEditedPosition) {
  // Proves audit exits 0 on untouched books, with the head that init reports, and exits
  // 1 naming the journal position after an amount is edited in the file behind the
  // ledger's back.
  DeclareAndFund();
  const std::string head = nlohmann::json::parse(Ok({"init", "--json"}))["head_hash"];
  Outcome clean = Ledger({"audit", "--expect-head", head});
  EXPECT_EQ(clean.exit_code, kExitSuccess) << clean.out << clean.err;
  EXPECT_TRUE(Has(clean.out, "ok / 审计通过")) << clean.out;
  EXPECT_TRUE(Has(clean.out, head)) << clean.out;

  int64_t position = 0;
  {
    auto store =
        store::OpenSqlite(db_, {.durability = store::Durability::kFull, .must_exist = true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto select =
        (*store)->Prepare("SELECT position FROM ledger_journal WHERE id = ? AND kind = 'transfer'");
    ASSERT_TRUE(select.ok()) << select.status().ToString();
    (*select)->BindText(1, "t1");
    auto row = (*select)->Step();
    ASSERT_TRUE(row.ok() && *row);
    position = (*select)->Int(0);
    (*select)->Reset();
    auto update =
        (*store)->Prepare("UPDATE ledger_journal SET amount = amount + 1 WHERE position = ?");
    ASSERT_TRUE(update.ok()) << update.status().ToString();
    (*update)->BindInt(1, position);
    auto done = (*update)->Step();
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }
  Outcome tampered = Ledger({"audit"});
  EXPECT_EQ(tampered.exit_code, kExitUserError);
  EXPECT_TRUE(Has(tampered.out, "position " + std::to_string(position) + " (batch"))
      << tampered.out;
  EXPECT_TRUE(Has(tampered.err, "audit failed: ")) << tampered.err;
  nlohmann::json report = nlohmann::json::parse(Ledger({"audit", "--json"}).out);
  EXPECT_EQ(report["ok"], false);
  EXPECT_FALSE(report["problems"].empty());
}

}  // namespace
}  // namespace minsheng::cli
