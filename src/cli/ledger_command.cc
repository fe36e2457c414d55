// minsheng ledger: the fund ledger (专款专用台账) from the command line; docs/ledger.md.
//
// Every subcommand opens the SQLite file named by --db, does one thing through
// ledger::Ledger (or reads through Audit, Statements and FundDisclosure), prints what a
// user reads — English with Chinese labels — or, with --json, what a script reads, and
// closes the file. This file wires the subcommand tree and holds the declarations (init,
// unit, account); the others live in ledger_*_command.cc (ledger_subcommands.h), and
// what they share in ledger_books.h. Not thread-safe, as the rest of the command.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "cli/ledger_subcommands.h"
#include "ledger/json.h"
#include "ledger/ledger.h"
#include "ledger/model.h"

namespace minsheng::cli {
namespace {

using ledger::Account;
using ledger::Ledger;

// ---------------------------------------------------------------------------------------
// ledger init, unit, account

void PrintHead(const std::string& path, const Ledger& books, bool json, std::ostream& out) {
  if (json) {
    PrintJson({{"db", path}, {"batches", books.batch_count()}, {"head_hash", books.head_hash()}},
              out);
    return;
  }
  out << "ledger 账本 " << path << "\n"
      << "  batches 批次: " << books.batch_count() << "\n"
      << "  head hash 链头哈希: " << books.head_hash() << "\n";
}

void AddInit(CLI::App& parent, Context& context) {
  CLI::App* command = parent.add_subcommand(
      "init", "Create the ledger's file (or upgrade it) and print its head / 初始化账本");
  auto database = std::make_shared<DatabaseOptions>();
  AddDatabaseOptions(*command, *database);
  command->callback([&context, database] {
    auto books = OpenBooks(database->path, /*create=*/true);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    PrintHead(database->path, *books->ledger, database->json, context.out);
    context.status = Status::Ok();
  });
}

// Reports a declaration: whether it made a new journal batch or repeated one already
// there (a no-op, as a retried transfer is).
void PrintDeclared(const std::string& what, const std::string& code, int64_t batches_before,
                   const Ledger& books, bool json, std::ostream& out) {
  const bool declared = books.batch_count() > batches_before;
  if (json) {
    PrintJson({{what, code},
               {"declared", declared},
               {"batches", books.batch_count()},
               {"head_hash", books.head_hash()}},
              out);
    return;
  }
  out << what << " " << code << ": "
      << (declared ? "declared / 已登记"
                   : "already declared with the same fields; nothing changed / 已存在，未变")
      << "\n";
}

void AddUnitCommands(CLI::App& parent, Context& context) {
  CLI::App* unit = parent.add_subcommand("unit", "Units of account / 计量单位");
  unit->require_subcommand(1);
  CLI::App* add = unit->add_subcommand("add", "Declare a unit / 登记计量单位");
  auto database = std::make_shared<DatabaseOptions>();
  auto declared = std::make_shared<ledger::Unit>();
  add->add_option("CODE", declared->code, "the unit's code, e.g. CNY, minute")->required();
  add->add_option("--name-zh", declared->name_zh, "its Chinese name, e.g. 人民币");
  add->add_option("--name-en", declared->name_en, "its English name, e.g. Chinese yuan");
  add->add_option("--step", declared->step, "the smallest step amounts count in, e.g. fen")
      ->required();
  AddDatabaseOptions(*add, *database);
  add->callback([&context, database, declared] {
    auto books = OpenBooks(database->path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    const int64_t before = books->ledger->batch_count();
    context.status = books->ledger->AddUnit(*declared);
    if (!context.status.ok()) return;
    PrintDeclared("unit", declared->code, before, *books->ledger, database->json, context.out);
  });
  CLI::App* list = unit->add_subcommand("list", "List the units / 列出计量单位");
  auto list_database = std::make_shared<DatabaseOptions>();
  AddDatabaseOptions(*list, *list_database);
  list->callback([&context, list_database] {
    auto books = OpenBooks(list_database->path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    Json json = Json::array();
    std::vector<Row> rows = {{"unit 单位", "step 最小单位", "name 名称"}};
    for (const ledger::Unit* u : books->ledger->Units()) {
      json.push_back(
          {{"code", u->code}, {"step", u->step}, {"name_zh", u->name_zh}, {"name_en", u->name_en}});
      rows.push_back({u->code, u->step, Title(u->name_zh, u->name_en)});
    }
    if (list_database->json) {
      PrintJson(json, context.out);
    } else {
      PrintTable(rows, 3, context.out);
    }
    context.status = Status::Ok();
  });
}

struct AccountOptions {
  DatabaseOptions database;
  Account account;
  std::string kind;
};

void AddAccountAdd(CLI::App& parent, Context& context) {
  CLI::App* add = parent.add_subcommand("add", "Open an account / 开设账户");
  auto options = std::make_shared<AccountOptions>();
  Account& account = options->account;
  add->add_option("CODE", account.code, "the account's code, e.g. fund/wubao/county")->required();
  add->add_option("--unit", account.unit, "the unit it keeps, e.g. CNY")->required();
  add->add_option("--kind", options->kind, "asset, liability, fund, income or expense")->required();
  add->add_option("--name-zh", account.name_zh, "its Chinese name");
  add->add_option("--name-en", account.name_en, "its English name");
  add->add_option("--parent", account.parent, "the account it rolls up into");
  add->add_flag("--no-overdraft", account.debits_must_not_exceed_credits,
                "debits may never exceed credits (不得透支)");
  add->add_flag("--credits-must-not-exceed-debits", account.credits_must_not_exceed_debits,
                "credits may never exceed debits");
  add->add_option("--earmark", account.earmarks,
                  "a purpose a debit from it may carry (repeatable); none means any (专款用途)");
  AddDatabaseOptions(*add, options->database);
  add->callback([&context, options] {
    const auto kind = ledger::AccountKindFromName(options->kind);
    if (!kind) {
      context.status = InvalidArgument("--kind '" + options->kind +
                                       "' is not asset, liability, fund, income or expense");
      return;
    }
    options->account.kind = *kind;
    auto books = OpenBooks(options->database.path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    const int64_t before = books->ledger->batch_count();
    context.status = books->ledger->AddAccount(options->account);
    if (!context.status.ok()) return;
    PrintDeclared("account", options->account.code, before, *books->ledger, options->database.json,
                  context.out);
  });
}

void AddAccountClose(CLI::App& parent, Context& context) {
  CLI::App* close =
      parent.add_subcommand("close", "Close an account: it refuses every new transfer / 关闭账户");
  auto database = std::make_shared<DatabaseOptions>();
  auto code = std::make_shared<std::string>();
  close->add_option("CODE", *code, "the account's code")->required();
  AddDatabaseOptions(*close, *database);
  close->callback([&context, database, code] {
    auto books = OpenBooks(database->path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    const Account* account = books->ledger->FindAccount(*code);
    const bool was_closed = account != nullptr && account->closed;
    context.status = books->ledger->CloseAccount(*code);
    if (!context.status.ok()) return;
    if (database->json) {
      PrintJson({{"account", *code}, {"closed", true}, {"already_closed", was_closed}},
                context.out);
    } else {
      context.out << "account " << *code << ": "
                  << (was_closed ? "already closed / 早已关闭" : "closed / 已关闭") << "\n";
    }
  });
}

// The rules an account keeps, in a few words: "no overdraft 不得透支; earmarks 专款: a, b".
std::string AccountRules(const Account& account) {
  std::vector<std::string> rules;
  if (account.debits_must_not_exceed_credits) rules.push_back("no overdraft 不得透支");
  if (account.credits_must_not_exceed_debits) rules.push_back("credits ≤ debits 贷不超借");
  if (!account.earmarks.empty()) {
    std::string earmarks = "earmarks 专款:";
    for (const std::string& purpose : account.earmarks) earmarks += " " + purpose;
    rules.push_back(earmarks);
  }
  if (account.closed) rules.push_back("closed 已关闭");
  std::string text;
  for (const std::string& rule : rules) text += (text.empty() ? "" : "; ") + rule;
  return text;
}

void AddAccountList(CLI::App& parent, Context& context) {
  CLI::App* list = parent.add_subcommand("list", "List the accounts / 列出账户");
  auto database = std::make_shared<DatabaseOptions>();
  AddDatabaseOptions(*list, *database);
  list->callback([&context, database] {
    auto books = OpenBooks(database->path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    Json json = Json::array();
    std::vector<Row> rows = {{"account 账户", "kind 类型", "unit 单位", "name 名称", "rules 规则"}};
    for (const Account* account : books->ledger->Accounts()) {
      json.push_back(ledger::AccountJson(*account));
      rows.push_back({account->code, ledger::KindName(account->kind), account->unit,
                      Title(account->name_zh, account->name_en), AccountRules(*account)});
    }
    if (database->json) {
      PrintJson(json, context.out);
    } else {
      PrintTable(rows, 5, context.out);
    }
    context.status = Status::Ok();
  });
}

void AddAccountCommands(CLI::App& parent, Context& context) {
  CLI::App* account = parent.add_subcommand("account", "Accounts / 账户");
  account->require_subcommand(1);
  AddAccountAdd(*account, context);
  AddAccountClose(*account, context);
  AddAccountList(*account, context);
}

}  // namespace

void AddLedgerCommand(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand(
      "ledger", "The fund ledger: accounts, transfers, statements, audit / 专款专用台账");
  group->require_subcommand(1);
  group->footer("Every subcommand takes --db FILE (default minsheng.db) and --json.");
  AddInit(*group, context);
  AddUnitCommands(*group, context);
  AddAccountCommands(*group, context);
  AddTransfer(*group, context);
  AddPendingCommands(*group, context);
  AddBalance(*group, context);
  AddStatement(*group, context);
  AddDisclosure(*group, context);
  AddAudit(*group, context);
  AddAllocate(*group, context);
}

}  // namespace minsheng::cli
