// minsheng pay / receipt / receipts: payment runs over the registry (docs/pay.md).
//
//   pay --program P --period 2013-03 [--pack DIR] [--db FILE]   pays a month, once
//   pay --replay RUN_ID [--pack DIR]                             proves a run's amounts again
//   pay --program P --recompute 2013-01..2013-06                 pays what corrections changed
//   receipt TRANSFER_ID [--lang zh|en] [--json]                  what one payment paid and why
//   receipts --person ID [--json]                                every receipt of a person
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "ledger/ledger.h"
#include "cli/ledger_books.h"
#include "core/money.h"
#include "core/period.h"
#include "pay/adjust.h"
#include "pay/receipt.h"
#include "pay/run.h"
#include "policy/loader.h"

namespace minsheng::cli {
namespace {

// The pack to pay from: the one given, or else the only pack under ./policies that
// declares the program.
Result<std::string> PackDirectory(const std::string& given, const std::string& program) {
  if (!given.empty()) return given;
  std::error_code error;
  std::vector<std::string> found;
  if (std::filesystem::is_directory("policies", error)) {
    for (const auto& entry : std::filesystem::directory_iterator("policies", error)) {
      if (!entry.is_directory()) continue;
      auto pack = policy::LoadPack(entry.path().string());
      if (!pack.ok()) continue;
      for (const policy::Program& declared : pack->programs) {
        if (declared.name == program) found.push_back(entry.path().string());
      }
    }
  }
  if (found.size() == 1) return found.front();
  return InvalidArgument(found.empty()
                             ? "no pack under ./policies declares program '" + program + "'; give --pack DIR"
                             : "several packs under ./policies declare program '" + program + "'; give --pack DIR");
}

struct PayArguments {
  std::string program, period, pack, replay, recompute, db = "minsheng.db";
  bool json = false;
};

std::string Yuan(int64_t fen) {
  return Money::FromFen(fen).ToPlainString();
}

Result<policy::Pack> LoadPackFor(const std::string& given, const std::string& program, Context& context) {
  auto directory = PackDirectory(given, program);
  if (!directory.ok()) return directory.status();
  auto pack = policy::LoadAndCheckPack(*directory);
  if (!pack.ok()) {
    context.err << "minsheng: " << policy::FormatDiagnostic(pack.status(), *directory);
    return Status(pack.status().code(), "");
  }
  return pack;
}

nlohmann::ordered_json DifferencesJson(const std::vector<pay::AmountDifference>& differences) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const pay::AmountDifference& d : differences) {
    list.push_back({{"person_id", d.person_id}, {"period", d.period}, {"before", Yuan(d.before_fen)},
                    {"now", Yuan(d.now_fen)}, {"difference", Yuan(d.now_fen - d.before_fen)}});
  }
  return list;
}

Status RunReplay(const PayArguments& arguments, Context& context) {
  // The run's program is its id's first part: program/period/version.
  const std::string program = arguments.replay.substr(0, arguments.replay.find('/'));
  auto pack = LoadPackFor(arguments.pack, program, context);
  if (!pack.ok()) return pack.status();
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto report = pay::Replay(*books->store, *books->ledger, *pack, arguments.replay);
  if (!report.ok()) return report.status();
  if (arguments.json) {
    nlohmann::ordered_json json = {{"run_id", report->run_id}, {"payees", report->payees},
                                   {"total", Yuan(report->total_fen)},
                                   {"same", report->differences.empty()},
                                   {"differences", DifferencesJson(report->differences)}};
    context.out << json.dump() << "\n";
  } else {
    context.out << "replay of " << report->run_id << " (pack " << report->pack_version
                << ", registry as recorded at " << pay::RecordedAtText(report->as_of) << ")\n"
                << "  payees / 发放对象 " << report->payees << ", total / 合计 "
                << Yuan(report->total_fen) << " yuan\n";
    if (report->differences.empty()) {
      context.out << "  the same amounts, to the fen / 金额一致\n";
    }
    for (const pay::AmountDifference& d : report->differences) {
      context.out << "  differs / 不一致: " << d.person_id << " posted " << Yuan(d.before_fen)
                  << ", recomputed " << Yuan(d.now_fen) << "\n";
    }
  }
  if (!report->differences.empty()) {
    return Status(ErrorCode::kFailedPrecondition,
                  std::to_string(report->differences.size()) + " amounts differ from what was posted");
  }
  return Status::Ok();
}

Status RunRecompute(const PayArguments& arguments, Context& context) {
  const size_t dots = arguments.recompute.find("..");
  auto first = Period::Parse(arguments.recompute.substr(0, dots));
  auto last = dots == std::string::npos ? first : Period::Parse(arguments.recompute.substr(dots + 2));
  if (!first.ok() || !last.ok()) {
    return InvalidArgument("--recompute '" + arguments.recompute + "': expected months like 2013-01..2013-06");
  }
  auto pack = LoadPackFor(arguments.pack, arguments.program, context);
  if (!pack.ok()) return pack.status();
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto summary = pay::Recompute(*books->store, *books->ledger, *pack,
                                {arguments.program, *first, *last, ledger::SystemNanoseconds()});
  if (!summary.ok()) return summary.status();
  if (arguments.json) {
    nlohmann::ordered_json json = {{"run_id", summary->run_id}, {"posted", summary->posted},
                                   {"arrears", Yuan(summary->arrears_fen)},
                                   {"recoveries", Yuan(summary->recoveries_fen)},
                                   {"adjustments", DifferencesJson(summary->adjustments)}};
    context.out << json.dump() << "\n";
    return Status::Ok();
  }
  context.out << arguments.program << " " << arguments.recompute << ": " << summary->run_id << "\n"
              << "  arrears / 补发 " << Yuan(summary->arrears_fen) << " yuan, recoveries / 追回 "
              << Yuan(summary->recoveries_fen) << " yuan, adjustments posted / 入账 "
              << summary->posted << "\n";
  for (const pay::AmountDifference& d : summary->adjustments) {
    context.out << "  " << d.period << "  " << d.person_id << "  paid " << Yuan(d.before_fen)
                << ", due " << Yuan(d.now_fen) << "\n";
  }
  return Status::Ok();
}

Status RunPay(const PayArguments& arguments, Context& context) {
  if (!arguments.replay.empty()) return RunReplay(arguments, context);
  if (arguments.program.empty()) return InvalidArgument("--program is required (or --replay RUN_ID)");
  if (!arguments.recompute.empty()) return RunRecompute(arguments, context);
  if (arguments.period.empty()) return InvalidArgument("--period is required (or --recompute FIRST..LAST)");
  auto period = Period::Parse(arguments.period);
  if (!period.ok()) return period.status().Prefixed("--period '" + arguments.period + "'");
  auto directory = PackDirectory(arguments.pack, arguments.program);
  if (!directory.ok()) return directory.status();
  auto pack = policy::LoadAndCheckPack(*directory);
  if (!pack.ok()) {
    context.err << "minsheng: " << policy::FormatDiagnostic(pack.status(), *directory);
    return Status(pack.status().code(), "");
  }
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto run = pay::Pay(*books->store, *books->ledger, *pack,
                      {arguments.program, *period, ledger::SystemNanoseconds()});
  if (!run.ok()) return run.status();
  if (arguments.json) {
    nlohmann::ordered_json json = {{"run_id", run->run_id},     {"resumed", run->resumed},
                                   {"as_of", run->as_of},       {"persons", run->persons},
                                   {"payees", run->payees},
                                   {"total", Money::FromFen(run->total_fen).ToPlainString()},
                                   {"posted", run->posted},     {"already_posted", run->already}};
    context.out << json.dump() << "\n";
    return Status::Ok();
  }
  context.out << arguments.program << " " << period->ToString() << ": run " << run->run_id
              << (run->resumed ? " (resumed / 续行)" : "") << "\n"
              << "  persons / 人数 " << run->persons << ", payees / 发放对象 " << run->payees
              << ", total / 合计 " << Money::FromFen(run->total_fen).ToPlainString() << " yuan\n"
              << "  posted now / 本次入账 " << run->posted << ", posted before / 此前已入账 "
              << run->already << "\n";
  return Status::Ok();
}

// The receipts selected by `where` (a condition on pay_receipts with one parameter).
Result<std::vector<nlohmann::ordered_json>> ReadReceipts(store::Store& store, const std::string& where,
                                                         const std::string& value) {
  auto statement = store.Prepare("SELECT receipt FROM pay_receipts WHERE " + where +
                                 " ORDER BY period, program, transfer_id");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, value);
  std::vector<nlohmann::ordered_json> receipts;
  while (true) {
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    receipts.push_back(nlohmann::ordered_json::parse((*statement)->Text(0)));
  }
  return receipts;
}

struct ReceiptArguments {
  std::string transfer_id, person, language = "zh", db = "minsheng.db";
  bool json = false;
};

Status RunReceipt(const ReceiptArguments& arguments, Context& context) {
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto receipts = ReadReceipts(*books->store, "transfer_id = ?", arguments.transfer_id);
  if (!receipts.ok()) return receipts.status();
  if (receipts->empty()) return NotFound("no receipt for transfer '" + arguments.transfer_id + "'");
  std::vector<std::string> id = {arguments.transfer_id};
  auto posted = books->ledger->Accepted(id);
  if (!posted.ok()) return posted.status();
  auto quoted = pay::WithQuotes(*books->store, receipts->front());
  if (!quoted.ok()) return quoted.status();
  nlohmann::ordered_json& receipt = *quoted;
  receipt["posted"] = posted->front();
  if (arguments.json) {
    context.out << receipt.dump(2) << "\n";
    return Status::Ok();
  }
  context.out << pay::RenderReceipt(receipt, arguments.language);
  if (!posted->front()) {
    context.out << (arguments.language == "zh" ? "  （尚未入账：付款未完成，重新运行可续行）\n"
                                               : "  (not posted: the run did not finish; run it again to resume)\n");
  }
  return Status::Ok();
}

Status RunReceipts(const ReceiptArguments& arguments, Context& context) {
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto receipts = ReadReceipts(*books->store, "person_id = ?", arguments.person);
  if (!receipts.ok()) return receipts.status();
  std::vector<std::string> ids;
  for (const auto& receipt : *receipts) ids.push_back(receipt.value("transfer_id", std::string()));
  auto posted = books->ledger->Accepted(ids);
  if (!posted.ok()) return posted.status();
  if (arguments.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (size_t i = 0; i < receipts->size(); ++i) {
      auto quoted = pay::WithQuotes(*books->store, (*receipts)[i]);
      if (!quoted.ok()) return quoted.status();
      (*quoted)["posted"] = (*posted)[i];
      list.push_back(*quoted);
    }
    context.out << list.dump(2) << "\n";
    return Status::Ok();
  }
  const bool zh = arguments.language == "zh";
  context.out << (zh ? "收据 / receipts of " : "Receipts of ") << arguments.person << ": "
              << receipts->size() << "\n";
  for (size_t i = 0; i < receipts->size(); ++i) {
    const auto& receipt = (*receipts)[i];
    context.out << "  " << receipt.value("period", std::string()) << "  "
                << receipt["program"].value("name", std::string()) << "  "
                << receipt.value("amount", std::string()) << "  "
                << receipt.value("transfer_id", std::string())
                << ((*posted)[i] ? "" : (zh ? "  （未入账）" : "  (not posted)")) << "\n";
  }
  return Status::Ok();
}

}  // namespace

void AddPayCommands(CLI::App& app, Context& context) {
  auto pay = std::make_shared<PayArguments>();
  CLI::App* command = app.add_subcommand(
      "pay", "Pay a program for a month from the registry, once / 按月发放");
  command->add_option("--program", pay->program, "the program, e.g. school_bus_subsidy");
  command->add_option("--period", pay->period, "the month, e.g. 2013-03");
  command->add_option("--replay", pay->replay, "recompute a run as it was made and prove its amounts");
  command->add_option("--recompute", pay->recompute,
                      "months to compute again, e.g. 2013-01..2013-06: pays arrears, posts recoveries");
  command->add_option("--pack", pay->pack, "the pack folder (default: the one under ./policies declaring the program)");
  command->add_option("--db", pay->db, "the SQLite file with the registry and the ledger (default minsheng.db)");
  command->add_flag("--json", pay->json, "print JSON for scripts instead of text");
  command->footer(
      "Running it again pays nothing twice; a run stopped half-way resumes. --replay exits 1\n"
      "when any amount differs from what was posted.");
  command->callback([&context, pay] { context.status = RunPay(*pay, context); });

  auto receipt = std::make_shared<ReceiptArguments>();
  CLI::App* one = app.add_subcommand("receipt", "What one payment paid and why / 收据");
  one->add_option("TRANSFER_ID", receipt->transfer_id, "the payment's transfer id")->required();
  one->add_option("--lang", receipt->language, "zh or en (default zh)")->check(CLI::IsMember({"zh", "en"}));
  one->add_option("--db", receipt->db, "the SQLite file (default minsheng.db)");
  one->add_flag("--json", receipt->json, "print the receipt's JSON");
  one->callback([&context, receipt] { context.status = RunReceipt(*receipt, context); });

  auto receipts = std::make_shared<ReceiptArguments>();
  CLI::App* many = app.add_subcommand("receipts", "Every receipt of a person / 个人收据");
  many->add_option("--person", receipts->person, "the resident ID")->required();
  many->add_option("--lang", receipts->language, "zh or en (default zh)")->check(CLI::IsMember({"zh", "en"}));
  many->add_option("--db", receipts->db, "the SQLite file (default minsheng.db)");
  many->add_flag("--json", receipts->json, "print JSON");
  many->callback([&context, receipts] { context.status = RunReceipts(*receipts, context); });
}

}  // namespace minsheng::cli
