// minsheng ledger balance, statement, disclosure, audit: the commands that read the
// books and change nothing. Balance reads the ledger's balances; statement and disclosure
// read the journal over a period (ledger/statement.h) as text, CSV or JSON; audit
// recomputes the journal's chain and balances (ledger/audit.h) without opening the ledger.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "cli/ledger_subcommands.h"
#include "core/period.h"
#include "ledger/audit.h"
#include "ledger/ledger.h"
#include "ledger/model.h"
#include "ledger/statement.h"
#include "store/store.h"

namespace minsheng::cli {
namespace {

using ledger::Account;
using ledger::Ledger;

// ---------------------------------------------------------------------------------------
// ledger balance

// An account's balance is shown as statements show it (ledger::AsKindReads): what the
// account holds, or for an income account what it has provided.
Json BalanceJson(const Account& account, const ledger::Balance& balance, bool yuan) {
  return {{"account", account.code},
          {"kind", ledger::KindName(account.kind)},
          {"unit", account.unit},
          {"balance", PlainAmount(ledger::AsKindReads(account.kind, balance), yuan)},
          {"debits_posted", PlainAmount(balance.debits_posted, yuan)},
          {"credits_posted", PlainAmount(balance.credits_posted, yuan)},
          {"debits_pending", PlainAmount(balance.debits_pending, yuan)},
          {"credits_pending", PlainAmount(balance.credits_pending, yuan)}};
}

void PrintBalance(const Account& account, const ledger::Balance& balance, bool yuan,
                  std::ostream& out) {
  out << account.code << "  " << Title(account.name_zh, account.name_en) << " ("
      << ledger::KindName(account.kind) << ", " << account.unit << ")\n";
  std::vector<Row> rows = {
      {"balance 余额", ShowAmount(ledger::AsKindReads(account.kind, balance), yuan)},
      {"debits posted 已入账借方", ShowAmount(balance.debits_posted, yuan)},
      {"credits posted 已入账贷方", ShowAmount(balance.credits_posted, yuan)},
      {"debits pending 预留借方", ShowAmount(balance.debits_pending, yuan)},
      {"credits pending 预留贷方", ShowAmount(balance.credits_pending, yuan)}};
  int64_t available = 0;
  // What a no-overdraft account may still pay out: pending debits are already promised.
  if (account.debits_must_not_exceed_credits &&
      !__builtin_sub_overflow(balance.net_credit(), balance.debits_pending, &available)) {
    rows.push_back({"available 可用", ShowAmount(available, yuan)});
  }
  PrintTable(rows, 1, out, "  ");
}

}  // namespace

void AddBalance(CLI::App& parent, Context& context) {
  CLI::App* command =
      parent.add_subcommand("balance", "An account's balance, or every account's / 余额");
  auto database = std::make_shared<DatabaseOptions>();
  auto code = std::make_shared<std::string>();
  command->add_option("ACCOUNT", *code, "the account (default: every account)");
  AddDatabaseOptions(*command, *database);
  command->callback([&context, database, code] {
    auto books = OpenBooks(database->path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    const Ledger& book = *books->ledger;
    std::vector<const Account*> accounts;
    if (code->empty()) {
      accounts = book.Accounts();
    } else if (const Account* account = book.FindAccount(*code)) {
      accounts.push_back(account);
    } else {
      context.status = NotFound("no account '" + *code + "' / 账户不存在");
      return;
    }
    Json json = Json::array();
    for (const Account* account : accounts) {
      auto balance = book.BalanceOf(account->code);
      if (!balance.ok()) {
        context.status = balance.status();
        return;
      }
      const bool yuan = CountsInYuan(&book, account->unit);
      if (database->json) {
        json.push_back(BalanceJson(*account, *balance, yuan));
      } else {
        PrintBalance(*account, *balance, yuan, context.out);
      }
    }
    // One account is an object, all of them an array.
    if (database->json) PrintJson(code->empty() ? json : json.front(), context.out);
    context.status = Status::Ok();
  });
}

// ---------------------------------------------------------------------------------------
// ledger statement, ledger disclosure

namespace {

struct ReportOptions {
  DatabaseOptions database;
  std::string period;
  std::string prefix;
  std::string account;
  std::string format = "text";
};

void AddReportOptions(CLI::App& command, ReportOptions& options) {
  command.add_option("--period", options.period, "2013-01 (a month), 2013-Q1 or 2013 (a year)")
      ->required();
  command.add_option("--format", options.format, "text, csv or json (default text)")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  AddDatabaseOptions(command, options.database);
}

struct OpenReport {
  Books books;
  Period period;
  std::string format;  // json when --json was given, whatever --format says
};

Result<OpenReport> OpenForReport(const ReportOptions& options) {
  auto period = Period::Parse(options.period);
  if (!period.ok()) return period.status().Prefixed("--period '" + options.period + "'");
  auto books = OpenBooks(options.database.path, false);
  if (!books.ok()) return books.status();
  return OpenReport{.books = std::move(*books),
                    .period = *period,
                    .format = options.database.json ? "json" : options.format};
}

void PrintStatement(const Ledger& books, const Period& period, const std::string& prefix,
                    const std::vector<ledger::StatementLine>& lines, const std::string& format,
                    std::ostream& out) {
  Json json = {{"period", period.ToString()}, {"prefix", prefix}, {"lines", Json::array()}};
  std::vector<Row> rows;
  if (format == "csv") {
    rows.push_back(
        {"account", "unit", "depth", "opening", "debits", "credits", "closing", "transfer_count"});
  } else {
    rows.push_back({"account 账户", "name 名称", "unit 单位", "opening 期初", "debits 借方",
                    "credits 贷方", "closing 期末", "transfers 笔数"});
  }
  for (const ledger::StatementLine& line : lines) {
    const bool yuan = CountsInYuan(&books, line.unit);
    const std::string count = std::to_string(line.transfer_count);
    auto plain = [&](int64_t amount) { return PlainAmount(amount, yuan); };
    auto show = [&](int64_t amount) { return ShowAmount(amount, yuan); };
    json["lines"].push_back({{"account", line.account},
                             {"unit", line.unit},
                             {"depth", line.depth},
                             {"opening", plain(line.opening)},
                             {"debits", plain(line.debits)},
                             {"credits", plain(line.credits)},
                             {"closing", plain(line.closing)},
                             {"transfer_count", line.transfer_count}});
    if (format == "csv") {
      rows.push_back({line.account, line.unit, std::to_string(line.depth), plain(line.opening),
                      plain(line.debits), plain(line.credits), plain(line.closing), count});
    } else {
      const Account* account = books.FindAccount(line.account);
      rows.push_back({std::string(2 * static_cast<size_t>(line.depth), ' ') + line.account,
                      account == nullptr ? "" : Title(account->name_zh, account->name_en),
                      line.unit, show(line.opening), show(line.debits), show(line.credits),
                      show(line.closing), count});
    }
  }
  if (format == "json") {
    PrintJson(json, out);
  } else if (format == "csv") {
    PrintCsv(rows, out);
  } else {
    out << "statement 账户报表 " << period.ToString() << " (" << period.first_day().ToString()
        << " to " << period.last_day().ToString() << ")"
        << (prefix.empty() ? "" : ", accounts under 账户前缀 " + prefix) << "\n";
    PrintTable(rows, 3, out);
  }
}

}  // namespace

void AddStatement(CLI::App& parent, Context& context) {
  CLI::App* command = parent.add_subcommand(
      "statement", "Opening, debits, credits and closing per account over a period / 账户报表");
  auto options = std::make_shared<ReportOptions>();
  AddReportOptions(*command, *options);
  command->add_option("--prefix", options->prefix, "only accounts whose code starts so");
  command->callback([&context, options] {
    auto report = OpenForReport(*options);
    if (!report.ok()) {
      context.status = report.status();
      return;
    }
    const Ledger& book = *report->books.ledger;
    auto lines = ledger::Statements(book, report->period, options->prefix);
    if (!lines.ok()) {
      context.status = lines.status();
      return;
    }
    PrintStatement(book, report->period, options->prefix, *lines, report->format, context.out);
    context.status = Status::Ok();
  });
}

namespace {

// One section of a disclosure as rows: label, amount, count.
void AppendSection(const Ledger& books, const std::string& section,
                   const std::vector<ledger::DisclosureLine>& lines, bool yuan, bool csv,
                   std::vector<Row>& rows) {
  for (const ledger::DisclosureLine& line : lines) {
    const std::string count = std::to_string(line.transfer_count);
    if (csv) {
      rows.push_back({section, line.label, PlainAmount(line.amount, yuan), count});
    } else {
      rows.push_back({Labelled(books, line.label), ShowAmount(line.amount, yuan),
                      Plural(line.transfer_count, "transfer") + " 笔"});
    }
  }
}

Json DisclosureLinesJson(const std::vector<ledger::DisclosureLine>& lines, bool yuan) {
  Json json = Json::array();
  for (const ledger::DisclosureLine& line : lines) {
    json.push_back({{"label", line.label},
                    {"amount", PlainAmount(line.amount, yuan)},
                    {"transfer_count", line.transfer_count}});
  }
  return json;
}

void PrintDisclosureText(const Ledger& books, const ledger::Disclosure& d, bool yuan,
                         std::ostream& out) {
  const Account* account = books.FindAccount(d.account);
  out << "资金公开 / Fund disclosure\n"
      << "fund 资金: " << d.account
      << (account == nullptr ? "" : "  " + Title(account->name_zh, account->name_en)) << " ("
      << d.unit << ")\n"
      << "period 期间: " << d.period.ToString() << " (" << d.period.first_day().ToString() << " to "
      << d.period.last_day().ToString() << ")\n"
      << "opening balance 期初余额: " << ShowAmount(d.opening, yuan) << "\n";
  const std::pair<const char*, const std::vector<ledger::DisclosureLine>*> sections[] = {
      {"income 收入", &d.income},
      {"allocations 拨付", &d.allocations},
      {"payments 支出", &d.payments}};
  for (const auto& [title, lines] : sections) {
    out << title << ":\n";
    std::vector<Row> rows;
    AppendSection(books, "", *lines, yuan, false, rows);
    if (rows.empty()) rows.push_back({"(none 无)"});
    PrintTable(rows, 1, out, "  ");
  }
  out << "closing balance 期末余额: " << ShowAmount(d.closing, yuan) << "\n"
      << "journal head 账本链头: " << books.head_hash() << " (" << books.batch_count()
      << " batches 批次)\n";
}

void PrintDisclosure(const Ledger& books, const ledger::Disclosure& d, const std::string& format,
                     std::ostream& out) {
  const bool yuan = CountsInYuan(&books, d.unit);
  if (format == "json") {
    PrintJson({{"account", d.account},
               {"unit", d.unit},
               {"period", d.period.ToString()},
               {"opening", PlainAmount(d.opening, yuan)},
               {"income", DisclosureLinesJson(d.income, yuan)},
               {"allocations", DisclosureLinesJson(d.allocations, yuan)},
               {"payments", DisclosureLinesJson(d.payments, yuan)},
               {"closing", PlainAmount(d.closing, yuan)},
               {"batches", books.batch_count()},
               {"head_hash", books.head_hash()}},
              out);
  } else if (format == "csv") {
    std::vector<Row> rows = {{"section", "label", "amount", "transfer_count"},
                             {"opening", "", PlainAmount(d.opening, yuan), ""}};
    AppendSection(books, "income", d.income, yuan, true, rows);
    AppendSection(books, "allocation", d.allocations, yuan, true, rows);
    AppendSection(books, "payment", d.payments, yuan, true, rows);
    rows.push_back({"closing", "", PlainAmount(d.closing, yuan), ""});
    PrintCsv(rows, out);
  } else {
    PrintDisclosureText(books, d, yuan, out);
  }
}

}  // namespace

void AddDisclosure(CLI::App& parent, Context& context) {
  CLI::App* command = parent.add_subcommand(
      "disclosure", "A fund's disclosure for a period: income, allocations, payments / 资金公开");
  auto options = std::make_shared<ReportOptions>();
  command->add_option("ACCOUNT", options->account, "the fund account")->required();
  AddReportOptions(*command, *options);
  command->callback([&context, options] {
    auto report = OpenForReport(*options);
    if (!report.ok()) {
      context.status = report.status();
      return;
    }
    const Ledger& book = *report->books.ledger;
    auto disclosure = ledger::FundDisclosure(book, options->account, report->period);
    if (!disclosure.ok()) {
      context.status = disclosure.status();
      return;
    }
    PrintDisclosure(book, *disclosure, report->format, context.out);
    context.status = Status::Ok();
  });
}

// ---------------------------------------------------------------------------------------
// ledger audit

namespace {

void PrintAudit(const std::string& path, const ledger::AuditReport& report, bool json,
                std::ostream& out) {
  if (json) {
    Json problems = Json::array();
    for (const ledger::AuditProblem& problem : report.problems) {
      problems.push_back(
          {{"position", problem.position}, {"batch", problem.batch}, {"what", problem.what}});
    }
    PrintJson({{"db", path},
               {"batches", report.batches},
               {"entries", report.entries},
               {"transfers", report.transfers},
               {"accounts", report.accounts},
               {"head_hash", report.head_hash},
               {"ok", report.ok()},
               {"problems", problems}},
              out);
    return;
  }
  out << "audit 审计 " << path << "\n"
      << "  batches 批次 " << report.batches << ", entries 条目 " << report.entries
      << ", transfers 转账 " << report.transfers << ", accounts 账户 " << report.accounts << "\n"
      << "  head hash 链头哈希: " << report.head_hash << "\n";
  if (report.ok()) {
    out << "ok / 审计通过\n";
    return;
  }
  out << "problems 问题 (" << report.problems.size() << "):\n";
  for (const ledger::AuditProblem& problem : report.problems) {
    // A problem with no position (a batch's hash, a balance) names its place in `what`.
    out << "  ";
    if (problem.position > 0) {
      out << "position " << problem.position;
      if (problem.batch > 0) out << " (batch " << problem.batch << ")";
      out << ": ";
    }
    out << problem.what << "\n";
  }
}

}  // namespace

void AddAudit(CLI::App& parent, Context& context) {
  CLI::App* command = parent.add_subcommand(
      "audit", "Recompute every hash and balance from the journal / 审计账本");
  auto database = std::make_shared<DatabaseOptions>();
  auto expected_head = std::make_shared<std::string>();
  command->add_option("--expect-head", *expected_head,
                      "a head hash published earlier (with a disclosure): the chain must end so");
  AddDatabaseOptions(*command, *database);
  command->callback([&context, database, expected_head] {
    // The audit reads the journal alone: the ledger is not opened, since opening trusts
    // the very state tables the audit is to check (and would write a migration).
    auto store = store::OpenSqlite(
        database->path,
        store::SqliteOptions{.durability = store::Durability::kFull, .must_exist = true});
    if (!store.ok()) {
      context.status = store.status();
      return;
    }
    auto report = ledger::Audit(**store, {.expected_head = *expected_head});
    if (!report.ok()) {
      context.status = report.status();
      return;
    }
    PrintAudit(database->path, *report, database->json, context.out);
    const auto problems = static_cast<int64_t>(report->problems.size());
    context.status = report->ok() ? Status::Ok()
                                  : InvalidArgument("audit failed: " + Plural(problems, "problem"));
  });
}

}  // namespace minsheng::cli
