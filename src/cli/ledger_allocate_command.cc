// minsheng ledger allocate: an amount split over weights exactly (ledger/allocate.h,
// largest remainder), the weights given as --share CODE=WEIGHT or in a CSV of shares;
// with --from, also sent as one linked chain of transfers, all or nothing, whose ids
// the caller chooses so that a rerun answers "exists" instead of paying twice.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "cli/ledger_subcommands.h"
#include "cli/ledger_submission.h"
#include "core/date.h"
#include "core/csv_reader.h"
#include "ledger/allocate.h"
#include "ledger/ledger.h"
#include "ledger/model.h"

namespace minsheng::cli {
namespace {

using ledger::Transfer;

struct AllocateOptions {
  DatabaseOptions database;
  std::string amount, unit, file, from, id_prefix, purpose, value_date;
  std::vector<std::string> shares;
};

// "township/a=3": the code, then '=' and the weight (the last '=', as codes may hold one).
Result<ledger::Share> ParseShare(const std::string& text) {
  const size_t equals = text.rfind('=');
  if (equals == std::string::npos || equals == 0) {
    return InvalidArgument("--share '" + text + "': expected CODE=WEIGHT");
  }
  auto weight = ParseCount(std::string_view(text).substr(equals + 1), "weight");
  if (!weight.ok()) return weight.status().Prefixed("--share '" + text + "'");
  return ledger::Share{.code = text.substr(0, equals), .weight = *weight};
}

// A shares CSV: columns code and weight (others, such as a name, are ignored).
Result<std::vector<ledger::Share>> ReadShareFile(const std::string& path) {
  auto text = ReadWholeFile(path, kMaxShareFileBytes);
  if (!text.ok()) return text.status();
  CsvReader csv(*text, path);
  auto header = csv.Next();
  if (!header.ok()) return header.status();
  const std::vector<std::string> names =
      *header ? std::vector<std::string>(csv.fields().begin(), csv.fields().end())
              : std::vector<std::string>();
  csv.SetColumnNames(csv.fields());
  const auto code = std::find(names.begin(), names.end(), "code");
  const auto weight = std::find(names.begin(), names.end(), "weight");
  if (code == names.end() || weight == names.end()) {
    return Status(ErrorCode::kInvalidArgument, "expected the columns code and weight",
                  SourceLocation::InTable(path, 1));
  }
  const auto code_column = static_cast<int>(code - names.begin());
  const auto weight_column = static_cast<int>(weight - names.begin());
  std::vector<ledger::Share> shares;
  while (true) {
    auto next = csv.Next();
    if (!next.ok()) return next.status();
    if (!*next) return shares;
    if (csv.fields().size() != names.size()) {
      return csv.Error(-1, "expected " + std::to_string(names.size()) +
                               " fields, as in the header, but found " +
                               std::to_string(csv.fields().size()));
    }
    auto parsed = ParseCount(csv.fields()[static_cast<size_t>(weight_column)], "weight");
    if (!parsed.ok()) return csv.Error(weight_column, parsed.status().message());
    const std::string_view share_code = csv.fields()[static_cast<size_t>(code_column)];
    if (share_code.empty()) return csv.Error(code_column, "the code is empty");
    shares.push_back({.code = std::string(share_code), .weight = *parsed});
  }
}

Result<std::vector<ledger::Share>> ReadShares(const AllocateOptions& options) {
  std::vector<ledger::Share> shares;
  if (!options.file.empty()) {
    auto from_file = ReadShareFile(options.file);
    if (!from_file.ok()) return from_file.status();
    shares = std::move(*from_file);
  }
  for (const std::string& text : options.shares) {
    auto share = ParseShare(text);
    if (!share.ok()) return share.status();
    shares.push_back(std::move(*share));
  }
  if (shares.empty()) return InvalidArgument("give the shares: --share CODE=WEIGHT or --file");
  return shares;
}

// One linked chain from the source account to every share that gets something: all of
// it is posted or none (a share of zero would be refused, and would fail the chain).
Result<std::vector<Transfer>> AllocationTransfers(const AllocateOptions& options,
                                                  const std::vector<ledger::Share>& shares,
                                                  const std::vector<int64_t>& amounts) {
  auto value_date = ParseValueDateOption(options.value_date);
  if (!value_date.ok()) return value_date.status();
  std::vector<Transfer> transfers;
  for (size_t i = 0; i < shares.size(); ++i) {
    if (amounts[i] == 0) continue;
    Transfer& t = transfers.emplace_back();
    t.id = options.id_prefix + "/" + shares[i].code;
    t.debit_account = options.from;
    t.credit_account = shares[i].code;
    t.amount = amounts[i];
    t.unit = options.unit;
    t.purpose = options.purpose;
    t.linked = true;
    t.value_date = *value_date;
  }
  if (transfers.empty()) return InvalidArgument("every share is zero: nothing to transfer");
  if (transfers.size() > ledger::kMaxBatchTransfers) {
    return InvalidArgument("more than " + std::to_string(ledger::kMaxBatchTransfers) +
                           " shares: an allocation is one batch, all or nothing");
  }
  transfers.back().linked = false;
  return transfers;
}

void PrintAllocation(const std::vector<ledger::Share>& shares, const std::vector<int64_t>& amounts,
                     int64_t amount, bool yuan, std::ostream& out) {
  int64_t total_weight = 0;
  for (const ledger::Share& share : shares) total_weight += share.weight;  // checked by Allocate
  out << "allocation 分配 " << ShowAmount(amount, yuan) << " by weight 按权重 (total weight "
      << total_weight << ")\n";
  std::vector<Row> rows = {{"share 份额", "weight 权重", "amount 金额"}};
  for (size_t i = 0; i < shares.size(); ++i) {
    rows.push_back(
        {shares[i].code, std::to_string(shares[i].weight), ShowAmount(amounts[i], yuan)});
  }
  PrintTable(rows, 1, out, "  ");
}

void RunAllocate(const AllocateOptions& options, Context& context) {
  const bool submit = !options.from.empty();
  if (submit && options.id_prefix.empty()) {
    context.status = InvalidArgument(
        "--from needs --id-prefix: the transfers' ids are yours, so that running the same "
        "allocation again answers 'exists' instead of paying twice");
    return;
  }
  if (!submit &&
      (!options.id_prefix.empty() || !options.purpose.empty() || !options.value_date.empty())) {
    context.status = InvalidArgument("--id-prefix, --purpose and --value-date go with --from");
    return;
  }
  // Only submitting needs the books; a split alone knows CNY as the one unit in yuan.
  std::optional<Books> books;
  if (submit) {
    auto opened = OpenBooks(options.database.path, false);
    if (!opened.ok()) {
      context.status = opened.status();
      return;
    }
    books = std::move(*opened);
  }
  const bool yuan = CountsInYuan(books ? books->ledger.get() : nullptr, options.unit);
  auto amount = ParseAmount(options.amount, yuan);
  auto shares = ReadShares(options);
  if (!amount.ok() || !shares.ok()) {
    context.status = amount.ok() ? shares.status() : amount.status().Prefixed("AMOUNT");
    return;
  }
  auto amounts = ledger::Allocate(*amount, *shares);
  if (!amounts.ok()) {
    context.status = amounts.status();
    return;
  }
  Json json = Json::array();
  for (size_t i = 0; i < shares->size(); ++i) {
    json.push_back({{"code", (*shares)[i].code},
                    {"weight", (*shares)[i].weight},
                    {"amount", PlainAmount((*amounts)[i], yuan)}});
  }
  if (!options.database.json) PrintAllocation(*shares, *amounts, *amount, yuan, context.out);
  context.status = Status::Ok();
  if (!submit) {
    if (options.database.json) PrintJson({{"shares", json}}, context.out);
    return;
  }
  auto transfers = AllocationTransfers(options, *shares, *amounts);
  if (!transfers.ok()) {
    context.status = transfers.status();
    return;
  }
  const Submission submission = SubmitBatches(*books->ledger, {std::move(*transfers)});
  if (options.database.json) {
    PrintJson({{"shares", json}, {"results", ResultsJson(submission)}}, context.out);
  } else {
    PrintResults(submission, context.out);
  }
  context.status = SubmissionStatus(submission);
}

}  // namespace

void AddAllocate(CLI::App& parent, Context& context) {
  CLI::App* command = parent.add_subcommand(
      "allocate", "Split an amount over weights exactly (largest remainder) / 按权重分配");
  auto o = std::make_shared<AllocateOptions>();
  command->add_option("AMOUNT", o->amount, "the amount: yuan for CNY, else whole steps")
      ->required();
  command->add_option("--unit", o->unit, "the unit, e.g. CNY")->required();
  command->add_option("--share", o->shares, "CODE=WEIGHT, e.g. fund/wubao/town/chengguan=120");
  command->add_option("--file", o->file, "a CSV of shares with columns code and weight");
  command->add_option("--from", o->from, "also transfer each share from this account");
  command->add_option("--id-prefix", o->id_prefix, "with --from: transfer ids are PREFIX/CODE");
  command->add_option("--purpose", o->purpose, "with --from: the transfers' purpose");
  command->add_option("--value-date", o->value_date, "with --from: YYYY-MM-DD");
  AddDatabaseOptions(*command, o->database);
  command->callback([&context, o] { RunAllocate(*o, context); });
}

}  // namespace minsheng::cli
