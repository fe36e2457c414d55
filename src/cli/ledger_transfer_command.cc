// minsheng ledger transfer, ledger pending post / void: one transfer described on the
// command line, or a file of them (ledger_transfer_file.h) sent in batches; and the post
// or void that settles a pending transfer. Each reports its results through
// ledger_submission.h.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "cli/ledger_subcommands.h"
#include "cli/ledger_submission.h"
#include "cli/ledger_transfer_file.h"
#include "core/date.h"
#include "ledger/ledger.h"
#include "ledger/model.h"

namespace minsheng::cli {
namespace {

using ledger::Ledger;
using ledger::Transfer;
using ledger::TransferKind;

// ---------------------------------------------------------------------------------------
// ledger transfer

struct TransferOptions {
  DatabaseOptions database;
  std::string id, debit, credit, amount, unit, purpose, reference, memo, value_date, reversal_of;
  bool pending = false;
  int64_t timeout_seconds = 0;
  std::string file;
  size_t batch_size = ledger::kMaxBatchTransfers;
};

// The one transfer the command line describes.
Result<Transfer> TransferFromOptions(const TransferOptions& o, const Ledger& books) {
  for (const auto& [text, option] :
       {std::pair{&o.debit, "--debit"}, std::pair{&o.credit, "--credit"},
        std::pair{&o.amount, "--amount"}, std::pair{&o.unit, "--unit"}}) {
    if (text->empty()) return InvalidArgument(std::string(option) + " is required for a transfer");
  }
  if (o.timeout_seconds != 0 && !o.pending) {
    return InvalidArgument("--timeout is for a pending transfer: add --pending");
  }
  Transfer t;
  t.id = o.id;
  t.debit_account = o.debit;
  t.credit_account = o.credit;
  t.unit = o.unit;
  t.purpose = o.purpose;
  t.reference = o.reference;
  t.memo = o.memo;
  t.kind = o.pending ? TransferKind::kPending : TransferKind::kPlain;
  t.timeout_seconds = o.timeout_seconds;
  t.reversal_of = o.reversal_of;
  auto amount = ParseAmount(o.amount, CountsInYuan(&books, o.unit));
  if (!amount.ok()) return amount.status().Prefixed("--amount");
  t.amount = *amount;
  auto value_date = ParseValueDateOption(o.value_date);
  if (!value_date.ok()) return value_date.status();
  t.value_date = *value_date;
  return t;
}

void RunTransfer(const TransferOptions& options, Context& context) {
  if (options.id.empty() == options.file.empty()) {
    context.status =
        InvalidArgument(options.id.empty() ? "give a transfer ID, or --file with transfers"
                                           : "give a transfer ID or --file, not both");
    return;
  }
  if (options.batch_size == 0 || options.batch_size > ledger::kMaxBatchTransfers) {
    context.status =
        InvalidArgument("--batch-size must be 1 to " + std::to_string(ledger::kMaxBatchTransfers));
    return;
  }
  auto books = OpenBooks(options.database.path, false);
  if (!books.ok()) {
    context.status = books.status();
    return;
  }
  std::vector<std::vector<Transfer>> batches;
  if (!options.file.empty()) {
    auto transfers = ReadTransferFile(options.file, *books->ledger, options.batch_size);
    if (!transfers.ok()) {
      const Status& error = transfers.status();
      context.status =
          Status(error.code(), error.message() + " (nothing submitted)", error.location());
      return;
    }
    batches = SplitIntoBatches(std::move(*transfers), options.batch_size);
  } else {
    auto transfer = TransferFromOptions(options, *books->ledger);
    if (!transfer.ok()) {
      context.status = transfer.status();
      return;
    }
    batches.push_back({std::move(*transfer)});
  }
  SubmitAndReport(*books->ledger, std::move(batches), options.database.json, context);
}

}  // namespace

void AddTransfer(CLI::App& parent, Context& context) {
  CLI::App* command = parent.add_subcommand(
      "transfer", "Submit a transfer, or a file of transfers (.csv, .jsonl) / 转账");
  auto o = std::make_shared<TransferOptions>();
  command->add_option("ID", o->id, "the transfer's id, chosen by you: a retry answers 'exists'");
  command->add_option("--debit", o->debit, "the account the amount moves from (debited)");
  command->add_option("--credit", o->credit, "the account it moves to (credited)");
  command->add_option("--amount", o->amount, "yuan for CNY (140, 140.50); else whole steps");
  command->add_option("--unit", o->unit, "the unit, e.g. CNY");
  command->add_option("--purpose", o->purpose, "what the money is for (checked against earmarks)");
  command->add_option("--reference", o->reference, "the business reference, e.g. a claim");
  command->add_option("--memo", o->memo, "a note");
  command->add_option("--value-date", o->value_date,
                      "the date the books file it under, YYYY-MM-DD");
  command->add_flag("--pending", o->pending, "reserve the amount; post or void it later");
  command->add_option("--timeout", o->timeout_seconds, "pending: release it after SECONDS");
  command->add_option("--reversal-of", o->reversal_of, "the id of the transfer this reverses");
  command->add_option("--file", o->file, "a .csv or .jsonl file of transfers (docs/ledger.md)");
  command->add_option("--batch-size", o->batch_size,
                      "with --file: at most this many transfers per batch (default 8190)");
  AddDatabaseOptions(*command, o->database);
  command->callback([&context, o] { RunTransfer(*o, context); });
}

// ---------------------------------------------------------------------------------------
// ledger pending post / void

namespace {

struct SettleOptions {
  DatabaseOptions database;
  bool post = true;  // post_pending, else void_pending
  std::string pending_id, id, amount, value_date;
};

// The post or void the options describe. Its accounts and unit stay empty: the ledger
// takes them from the pending transfer.
Result<Transfer> SettleTransfer(const SettleOptions& o, const Ledger& books) {
  auto pending = books.FindPending(o.pending_id);
  if (!pending.ok()) return pending.status();
  // Refused here rather than by the ledger, which would keep this id refused for good.
  if (!pending->has_value()) {
    return NotFound("no pending transfer '" + o.pending_id +
                    "' / 预留转账不存在; nothing submitted");
  }
  Transfer t;
  t.id = o.id.empty() ? o.pending_id + (o.post ? "/post" : "/void") : o.id;
  t.kind = o.post ? TransferKind::kPostPending : TransferKind::kVoidPending;
  t.pending_id = o.pending_id;
  if (!o.amount.empty()) {
    auto amount = ParseAmount(o.amount, CountsInYuan(&books, (*pending)->unit));
    if (!amount.ok()) return amount.status().Prefixed("--amount");
    t.amount = *amount;
  }
  auto value_date = ParseValueDateOption(o.value_date);
  if (!value_date.ok()) return value_date.status();
  t.value_date = *value_date;
  return t;
}

void AddPendingSettle(CLI::App& parent, bool post, Context& context) {
  CLI::App* command =
      post ? parent.add_subcommand("post", "Post a pending transfer, in full or in part / 确认")
           : parent.add_subcommand("void", "Void a pending transfer, releasing it / 撤销");
  auto o = std::make_shared<SettleOptions>();
  o->post = post;
  command->add_option("PENDING_ID", o->pending_id, "the pending transfer's id")->required();
  command->add_option(
      "--id", o->id,
      std::string("this transfer's id (default PENDING_ID/") + (post ? "post" : "void") + ")");
  if (post) command->add_option("--amount", o->amount, "less than the whole (default: the whole)");
  command->add_option("--value-date", o->value_date,
                      "the date the books file it under, YYYY-MM-DD");
  AddDatabaseOptions(*command, o->database);
  command->callback([&context, o] {
    auto books = OpenBooks(o->database.path, false);
    if (!books.ok()) {
      context.status = books.status();
      return;
    }
    auto transfer = SettleTransfer(*o, *books->ledger);
    if (!transfer.ok()) {
      context.status = transfer.status();
      return;
    }
    SubmitAndReport(*books->ledger, {{std::move(*transfer)}}, o->database.json, context);
  });
}

}  // namespace

void AddPendingCommands(CLI::App& parent, Context& context) {
  CLI::App* pending = parent.add_subcommand("pending", "Post or void pending transfers / 预留转账");
  pending->require_subcommand(1);
  AddPendingSettle(*pending, /*post=*/true, context);
  AddPendingSettle(*pending, /*post=*/false, context);
}

}  // namespace minsheng::cli
