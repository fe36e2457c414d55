// minsheng ledger: the fund ledger (专款专用台账) from the command line; docs/ledger.md.
//
// Every subcommand opens the SQLite file named by --db, does one thing through
// ledger::Ledger (or reads through Audit, Statements and FundDisclosure), prints what a
// user reads — English with Chinese labels — or, with --json, what a script reads, and
// closes the file. A file of transfers is read and checked whole before anything is
// submitted, then sent in batches that never split a linked chain. Amounts are exact:
// yuan with at most two decimals for units counted in fen, whole steps otherwise, and no
// floating point on the way. Not thread-safe, as the rest of the command.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "core/date.h"
#include "core/money.h"
#include "core/period.h"
#include "engine/csv_reader.h"
#include "ledger/allocate.h"
#include "ledger/audit.h"
#include "ledger/ledger.h"
#include "ledger/model.h"
#include "ledger/statement.h"
#include "store/store.h"

namespace minsheng::cli {
namespace {

using ledger::Account;
using ledger::AccountKind;
using ledger::Ledger;
using ledger::Transfer;
using ledger::TransferKind;
using ledger::TransferResult;
using Json = nlohmann::json;

constexpr const char* kDefaultDatabase = "minsheng.db";
// A transfer file is checked whole before any of it is submitted, so it is held in
// memory whole: this bounds that (a few million rows).
constexpr uintmax_t kMaxTransferFileBytes = uintmax_t{512} << 20;
// A shares file lists recipients (townships, villages, members), never millions.
constexpr uintmax_t kMaxShareFileBytes = uintmax_t{16} << 20;

// ---------------------------------------------------------------------------------------
// Opening the books

struct DatabaseOptions {
  std::string path = kDefaultDatabase;
  bool json = false;
};

void AddDatabaseOptions(CLI::App& command, DatabaseOptions& options) {
  command.add_option("--db", options.path, "the ledger's SQLite file (default minsheng.db)");
  command.add_flag("--json", options.json, "print JSON for scripts instead of text");
}

// The store and the books over it. The ledger is declared last so that it is destroyed
// first: it refers to the store.
struct Books {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Ledger> ledger;
};

// Opens the books in `path`. Only `ledger init` creates the file: for any other command
// a missing file is far more likely a mistyped --db than a wish for new, empty books.
Result<Books> OpenBooks(const std::string& path, bool create) {
  auto store = store::OpenSqlite(
      path, store::SqliteOptions{.durability = store::Durability::kFull, .must_exist = !create});
  if (!store.ok()) {
    if (!create && store.status().code() == ErrorCode::kNotFound) {
      return NotFound("no ledger at '" + path + "'; create it with 'minsheng ledger init --db " +
                      path + "'");
    }
    return store.status();
  }
  auto books = Ledger::Open(**store);
  if (!books.ok()) return books.status().Prefixed(path);
  return Books{std::move(*store), std::move(*books)};
}

// ---------------------------------------------------------------------------------------
// Amounts

// Whether amounts in `unit` are written in yuan with two decimals (CNY, or any unit
// declared as counted in fen) rather than as a whole number of steps. `books` may be
// null when no ledger is open; then only CNY is known to count in fen.
bool CountsInYuan(const Ledger* books, std::string_view unit) {
  if (unit == "CNY") return true;
  const ledger::Unit* found = books == nullptr ? nullptr : books->FindUnit(unit);
  return found != nullptr && found->step == "fen";
}

// A whole number ≥ 0 as people type it: digits only.
Result<int64_t> ParseCount(std::string_view text, std::string_view what) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error == std::errc::result_out_of_range) {
    return Overflow(std::string(what) + " '" + std::string(text) + "' is too large");
  }
  if (text.empty() || error != std::errc() || stop != end || value < 0) {
    return InvalidArgument(std::string(what) + " '" + std::string(text) +
                           "' is not a whole number ≥ 0");
  }
  return value;
}

// An amount as users write it: yuan through Money::Parse ("140", "140.50", "1,234.56")
// for units counted in fen, else a whole number of steps. Never negative: a movement the
// other way is a transfer with the accounts swapped.
Result<int64_t> ParseAmount(std::string_view text, bool yuan) {
  if (!yuan) return ParseCount(text, "amount");
  auto money = Money::Parse(text);
  if (!money.ok()) return money.status();
  if (money->is_negative()) {
    return InvalidArgument("amount '" + std::string(text) +
                           "' is negative; swap the debit and credit accounts instead");
  }
  return money->fen();
}

// For people: "¥1,234.56" in yuan, else the count of steps.
std::string ShowAmount(int64_t amount, bool yuan) {
  return yuan ? Money::FromFen(amount).ToString() : std::to_string(amount);
}

// For files and JSON: "1234.56" in yuan (what ParseAmount reads back), else the count.
std::string PlainAmount(int64_t amount, bool yuan) {
  return yuan ? Money::FromFen(amount).ToPlainString() : std::to_string(amount);
}

// ---------------------------------------------------------------------------------------
// Output

void PrintJson(const Json& json, std::ostream& out) {
  // Names are the users' and could hold invalid UTF-8; replacing it beats throwing.
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

// The width a terminal gives the text: two columns for characters of three or more
// UTF-8 bytes (CJK), one for the rest.
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
    width += byte >= 0xE0 ? 2 : 1;
  }
  return width;
}

using Row = std::vector<std::string>;

// Prints rows as columns two spaces apart: the first `text_columns` left-aligned, the
// rest (amounts, counts) right-aligned so that their digits line up.
void PrintTable(const std::vector<Row>& rows, size_t text_columns, std::ostream& out,
                std::string_view indent = "") {
  std::vector<size_t> widths;
  for (const Row& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  for (const Row& row : rows) {
    std::string line(indent);
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string padding(widths[i] - DisplayWidth(row[i]), ' ');
      if (i > 0) line += "  ";
      const bool last = i + 1 == row.size();
      line += i < text_columns ? row[i] + (last ? "" : padding) : padding + row[i];
    }
    out << line << "\n";
  }
}

// Appends a CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void PrintCsv(const std::vector<Row>& rows, std::ostream& out) {
  std::string text;
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) text += ',';
      AppendCsvField(text, row[i]);
    }
    text += '\n';
  }
  out << text;
}

std::string Title(const std::string& zh, const std::string& en) {
  if (zh.empty()) return en;
  if (en.empty()) return zh;
  return zh + " / " + en;
}

// "fund/wubao 五保供养资金": a code with its Chinese name (else English), for labels.
std::string Labelled(const Ledger& books, const std::string& code) {
  const Account* account = books.FindAccount(code);
  if (account == nullptr) return code;
  const std::string& name = account->name_zh.empty() ? account->name_en : account->name_zh;
  return name.empty() ? code : code + " " + name;
}

std::string Plural(int64_t count, const std::string& word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// ---------------------------------------------------------------------------------------
// Submitting transfers and reporting their results

struct Submission {
  std::vector<std::string> ids;
  std::vector<TransferResult> results;
  Status failure;  // a store failure that stopped the submission (batches before it stand)
};

// Submits the batches one after another, each its own atomic journal batch. When the
// store fails, the batches before stay committed and their results are still reported:
// sending the same transfers again is safe, since what was committed answers "exists".
Submission SubmitBatches(Ledger& books, std::vector<std::vector<Transfer>> batches) {
  Submission submission;
  for (size_t b = 0; b < batches.size(); ++b) {
    std::vector<std::string> ids;
    for (const Transfer& transfer : batches[b]) ids.push_back(transfer.id);
    auto results = books.Submit(std::move(batches[b]));
    if (!results.ok()) {
      submission.failure = results.status().Prefixed(
          "batch " + std::to_string(b + 1) + " of " + std::to_string(batches.size()) +
          " not committed (the batches before it are; send the transfers again)");
      break;
    }
    submission.ids.insert(submission.ids.end(), ids.begin(), ids.end());
    submission.results.insert(submission.results.end(), results->begin(), results->end());
  }
  return submission;
}

struct Tally {
  int64_t accepted = 0;
  int64_t exists = 0;
  int64_t refused = 0;
};

Tally Count(const Submission& submission) {
  Tally tally;
  for (TransferResult result : submission.results) {
    if (result == TransferResult::kOk) {
      ++tally.accepted;
    } else if (result == TransferResult::kExists) {
      ++tally.exists;
    } else {
      ++tally.refused;
    }
  }
  return tally;
}

Json ResultsJson(const Submission& submission) {
  Json results = Json::array();
  for (size_t i = 0; i < submission.results.size(); ++i) {
    results.push_back({{"id", submission.ids[i]},
                       {"result", ledger::ResultName(submission.results[i])},
                       {"description", ledger::ResultDescription(submission.results[i])}});
  }
  return results;
}

// One line per transfer that was not simply accepted, then the counts.
void PrintResults(const Submission& submission, std::ostream& out) {
  for (size_t i = 0; i < submission.results.size(); ++i) {
    if (submission.results[i] == TransferResult::kOk) continue;
    out << submission.ids[i] << ": " << ledger::ResultName(submission.results[i]) << " — "
        << ledger::ResultDescription(submission.results[i]) << "\n";
  }
  const Tally tally = Count(submission);
  out << "accepted " << tally.accepted << ", exists " << tally.exists << ", refused "
      << tally.refused << "\n";
}

// The command's status: the store's failure, or a user error when any transfer was
// refused (exit code 1), else OK (every transfer accepted now or before).
Status SubmissionStatus(const Submission& submission) {
  if (!submission.failure.ok()) return submission.failure;
  const Tally tally = Count(submission);
  if (tally.refused == 0) return Status::Ok();
  return InvalidArgument(std::to_string(tally.refused) + " of " +
                         std::to_string(submission.results.size()) +
                         " transfers refused / 有转账被拒绝");
}

void SubmitAndReport(Ledger& books, std::vector<std::vector<Transfer>> batches, bool json,
                     Context& context) {
  const Submission submission = SubmitBatches(books, std::move(batches));
  if (json) {
    PrintJson(ResultsJson(submission), context.out);
  } else {
    PrintResults(submission, context.out);
  }
  context.status = SubmissionStatus(submission);
}

// ---------------------------------------------------------------------------------------
// Transfer files (CSV and JSONL): every row checked before anything is submitted

// One transfer as a file gives it: the text of each column, empty when absent.
struct TransferFields {
  std::string id, debit_account, credit_account, amount, unit, purpose, reference, memo, kind,
      linked, pending_id, timeout_seconds, reversal_of, value_date;
};

struct TransferColumn {
  std::string_view name;
  std::string TransferFields::*member;
  bool required;  // a CSV header must name it (its value may be empty for post and void)
};

constexpr TransferColumn kTransferColumns[] = {
    {"id", &TransferFields::id, true},
    {"debit_account", &TransferFields::debit_account, true},
    {"credit_account", &TransferFields::credit_account, true},
    {"amount", &TransferFields::amount, true},
    {"unit", &TransferFields::unit, true},
    {"purpose", &TransferFields::purpose, false},
    {"reference", &TransferFields::reference, false},
    {"memo", &TransferFields::memo, false},
    {"kind", &TransferFields::kind, false},
    {"linked", &TransferFields::linked, false},
    {"pending_id", &TransferFields::pending_id, false},
    {"timeout_seconds", &TransferFields::timeout_seconds, false},
    {"reversal_of", &TransferFields::reversal_of, false},
    {"value_date", &TransferFields::value_date, false},
};

const TransferColumn* FindTransferColumn(std::string_view name) {
  for (const TransferColumn& column : kTransferColumns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

std::string TransferColumnList() {
  std::string list;
  for (const TransferColumn& column : kTransferColumns) {
    list += (list.empty() ? "" : ", ") + std::string(column.name);
  }
  return list;
}

// Places a problem in one field of the row being read, as the file's format does.
using FieldError = std::function<Status(std::string_view field, const std::string& message)>;

Result<bool> ParseLinked(std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text.empty() || text == "false" || text == "0") return false;
  return InvalidArgument("'" + std::string(text) + "' is not true, false, 1 or 0");
}

// Turns rows into transfers, checking each field, the units of the amounts and the
// length of linked chains. Keeps the units of the pending transfers read so far, so that
// a post of a pending transfer given earlier in the same file may leave its unit out.
class TransferFileReader {
 public:
  TransferFileReader(const Ledger& books, size_t batch_size)
      : books_(books), batch_size_(batch_size) {}

  // Reads one row; `place` ("row 7", "line 7") names it in the message about a chain
  // too long for one batch.
  Status Add(const TransferFields& fields, const std::string& place, const FieldError& error);
  std::vector<Transfer> Take() { return std::move(transfers_); }

 private:
  Result<Transfer> Parse(const TransferFields& fields, const FieldError& error) const;
  Result<int64_t> ReadAmount(const Transfer& transfer, const std::string& text,
                             const FieldError& error) const;
  Result<std::string> UnitOfPending(const std::string& pending_id) const;

  const Ledger& books_;
  size_t batch_size_;
  std::vector<Transfer> transfers_;
  std::unordered_map<std::string, std::string> pending_units_;  // pending id → unit
  size_t chain_length_ = 0;  // transfers in the chain being read, so far
  std::string chain_place_;  // where that chain starts
};

Status TransferFileReader::Add(const TransferFields& fields, const std::string& place,
                               const FieldError& error) {
  auto transfer = Parse(fields, error);
  if (!transfer.ok()) return transfer.status();
  if (chain_length_ == 0) chain_place_ = place;
  ++chain_length_;
  // A chain applies all or nothing only within one batch, so it must fit in one.
  if (chain_length_ > batch_size_) {
    return error("linked", "the linked chain that starts at " + chain_place_ + " holds more than " +
                               std::to_string(batch_size_) +
                               " transfers, more than one batch; end it sooner");
  }
  if (!transfer->linked) chain_length_ = 0;
  if (transfer->kind == TransferKind::kPending) {
    pending_units_.emplace(transfer->id, transfer->unit);
  }
  transfers_.push_back(std::move(*transfer));
  return Status::Ok();
}

Result<Transfer> TransferFileReader::Parse(const TransferFields& f, const FieldError& error) const {
  Transfer t;
  t.id = f.id;
  t.debit_account = f.debit_account;
  t.credit_account = f.credit_account;
  t.unit = f.unit;
  t.purpose = f.purpose;
  t.reference = f.reference;
  t.memo = f.memo;
  t.pending_id = f.pending_id;
  t.reversal_of = f.reversal_of;
  if (t.id.empty()) return error("id", "the transfer id is empty");
  if (!f.kind.empty()) {
    const auto kind = ledger::TransferKindFromName(f.kind);
    if (!kind) {
      return error("kind", "'" + f.kind + "' is not plain, pending, post_pending or void_pending");
    }
    t.kind = *kind;
  }
  const bool settles = t.kind == TransferKind::kPostPending || t.kind == TransferKind::kVoidPending;
  if (settles && t.pending_id.empty()) {
    return error("pending_id", std::string("a ") + ledger::TransferKindName(t.kind) +
                                   " transfer names the pending transfer it settles");
  }
  if (!settles) {
    for (const auto* name : {"debit_account", "credit_account", "amount", "unit"}) {
      if ((f.*FindTransferColumn(name)->member).empty()) {
        return error(name, "empty; a plain or pending transfer needs it");
      }
    }
  }
  auto linked = ParseLinked(f.linked);
  if (!linked.ok()) return error("linked", linked.status().message());
  t.linked = *linked;
  if (!f.timeout_seconds.empty()) {
    auto timeout = ParseCount(f.timeout_seconds, "timeout");
    if (!timeout.ok()) return error("timeout_seconds", timeout.status().message());
    t.timeout_seconds = *timeout;
  }
  if (!f.value_date.empty()) {
    auto date = Date::Parse(f.value_date);
    if (!date.ok()) {
      return error("value_date", "'" + f.value_date + "': " + date.status().message());
    }
    t.value_date = *date;
  }
  auto amount = ReadAmount(t, f.amount, error);
  if (!amount.ok()) return amount.status();
  t.amount = *amount;
  return t;
}

Result<int64_t> TransferFileReader::ReadAmount(const Transfer& t, const std::string& text,
                                               const FieldError& error) const {
  // Only a post or a void gets here without an amount: it settles the whole pending one.
  if (text.empty()) return int64_t{0};
  std::string unit = t.unit;
  if (unit.empty()) {
    auto pending = UnitOfPending(t.pending_id);
    if (!pending.ok()) return pending.status();
    unit = *pending;
  }
  if (unit.empty()) {
    if (text == "0") return int64_t{0};
    return error("unit", "empty, and the pending transfer '" + t.pending_id +
                             "' is neither in the ledger nor earlier in this file: give the "
                             "unit the amount is in");
  }
  auto amount = ParseAmount(text, CountsInYuan(&books_, unit));
  if (!amount.ok()) return error("amount", amount.status().message());
  return amount;
}

Result<std::string> TransferFileReader::UnitOfPending(const std::string& pending_id) const {
  if (auto found = pending_units_.find(pending_id); found != pending_units_.end()) {
    return found->second;
  }
  auto pending = books_.FindPending(pending_id);
  if (!pending.ok()) return pending.status();
  return pending->has_value() ? (*pending)->unit : std::string();
}

// The header's columns as members of TransferFields, after checking that every column
// is known, none repeats, and the required ones are there.
Result<std::vector<std::string TransferFields::*>> MapColumns(
    const engine::CsvReader& csv, const std::vector<std::string>& names) {
  std::vector<std::string TransferFields::*> members;
  for (size_t i = 0; i < names.size(); ++i) {
    const TransferColumn* column = FindTransferColumn(names[i]);
    const int index = static_cast<int>(i);
    if (column == nullptr) {
      return csv.Error(
          index, "unknown column '" + names[i] + "'; the columns are " + TransferColumnList());
    }
    if (std::find(names.begin(), names.begin() + index, names[i]) != names.begin() + index) {
      return csv.Error(index, "column '" + names[i] + "' appears twice");
    }
    members.push_back(column->member);
  }
  for (const TransferColumn& column : kTransferColumns) {
    if (column.required && std::find(names.begin(), names.end(), column.name) == names.end()) {
      return csv.Error(-1, "missing column '" + std::string(column.name) + "'");
    }
  }
  return members;
}

Status ReadCsvTransfers(std::string_view text, const std::string& file,
                        TransferFileReader& reader) {
  engine::CsvReader csv(text, file);
  auto header = csv.Next();
  if (!header.ok()) return header.status();
  if (!*header) {
    return Status(ErrorCode::kInvalidArgument,
                  "the file is empty; it starts with a header: " + TransferColumnList(),
                  SourceLocation::InTable(file, 1));
  }
  const std::vector<std::string> names(csv.fields().begin(), csv.fields().end());
  csv.SetColumnNames(csv.fields());
  auto members = MapColumns(csv, names);
  if (!members.ok()) return members.status();
  while (true) {
    auto next = csv.Next();
    if (!next.ok()) return next.status();
    if (!*next) return Status::Ok();
    if (csv.fields().size() != names.size()) {
      return csv.Error(-1, "expected " + std::to_string(names.size()) +
                               " fields, as in the header, but found " +
                               std::to_string(csv.fields().size()));
    }
    TransferFields fields;
    for (size_t i = 0; i < names.size(); ++i) fields.*(*members)[i] = std::string(csv.fields()[i]);
    const FieldError error = [&](std::string_view field, const std::string& message) {
      const auto column = std::find(names.begin(), names.end(), field);
      if (column != names.end()) {
        return csv.Error(static_cast<int>(column - names.begin()), message);
      }
      return Status(
          ErrorCode::kInvalidArgument, message,
          SourceLocation::InTable(file, static_cast<int>(csv.line()), std::string(field)));
    };
    Status status = reader.Add(fields, "row " + std::to_string(csv.line()), error);
    if (!status.ok()) return status;
  }
}

// One JSONL line's object as TransferFields: strings, or integers for the amount and
// the timeout, or a boolean for linked; null is the same as leaving the key out.
Result<TransferFields> ReadJsonFields(std::string_view line, const FieldError& error) {
  Json object;
  try {
    object = Json::parse(line);
  } catch (const Json::parse_error& parse_error) {
    return error("", "not valid JSON (at byte " + std::to_string(parse_error.byte) + ")");
  }
  if (!object.is_object()) return error("", "expected a JSON object, one transfer per line");
  TransferFields fields;
  for (const auto& [key, value] : object.items()) {
    const TransferColumn* column = FindTransferColumn(key);
    if (column == nullptr) {
      return error(key, "unknown key '" + key + "'; the keys are " + TransferColumnList());
    }
    std::string& text = fields.*column->member;
    const bool number_allowed = key == "amount" || key == "timeout_seconds";
    if (value.is_null()) continue;
    if (value.is_string()) {
      text = value.get<std::string>();
    } else if (number_allowed && value.is_number_integer()) {
      text = value.dump();
    } else if (number_allowed && value.is_number_float()) {
      // A JSON number with a fraction may not be exact once parsed; a string always is.
      return error(key, "write a number with a fraction as a string (\"140.50\")");
    } else if (key == "linked" && value.is_boolean()) {
      text = value.get<bool>() ? "true" : "false";
    } else {
      return error(key, std::string("expected a string") +
                            (number_allowed ? " or an integer" : "") +
                            (key == "linked" ? " or a boolean" : ""));
    }
  }
  return fields;
}

Status ReadJsonlTransfers(std::string_view text, const std::string& file,
                          TransferFileReader& reader) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const FieldError error = [&](std::string_view field, const std::string& message) {
      SourceLocation location = SourceLocation::InText(file, line_number);
      location.field = std::string(field);
      return Status(ErrorCode::kInvalidArgument, message, std::move(location));
    };
    auto fields = ReadJsonFields(line, error);
    if (!fields.ok()) return fields.status();
    Status status = reader.Add(*fields, "line " + std::to_string(line_number), error);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path, uintmax_t max_bytes) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return NotFound("no file '" + path + "'");
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status(ErrorCode::kIo, "cannot read '" + path + "': " + error.message());
  if (size > max_bytes) {
    return InvalidArgument("'" + path + "' is larger than " + std::to_string(max_bytes >> 20) +
                           " MiB; split it");
  }
  std::ifstream file(path, std::ios::binary);
  std::string text(static_cast<size_t>(size), '\0');
  file.read(text.data(), static_cast<std::streamsize>(size));
  if (!file) return Status(ErrorCode::kIo, "cannot read '" + path + "'");
  return text;
}

// Reads and checks a whole transfer file (.csv or .jsonl); nothing is submitted here.
Result<std::vector<Transfer>> ReadTransferFile(const std::string& path, const Ledger& books,
                                               size_t batch_size) {
  const bool csv = path.ends_with(".csv");
  if (!csv && !path.ends_with(".jsonl") && !path.ends_with(".ndjson")) {
    return InvalidArgument("--file '" + path + "': name it .csv or .jsonl, which says its format");
  }
  auto text = ReadWholeFile(path, kMaxTransferFileBytes);
  if (!text.ok()) return text.status();
  TransferFileReader reader(books, batch_size);
  Status status =
      csv ? ReadCsvTransfers(*text, path, reader) : ReadJsonlTransfers(*text, path, reader);
  if (!status.ok()) return status;
  return reader.Take();
}

// Cuts transfers into batches of at most batch_size, only after a transfer that is not
// linked, so that no chain straddles two batches. TransferFileReader has checked that
// every chain fits in one, so a cut is always found.
std::vector<std::vector<Transfer>> SplitIntoBatches(std::vector<Transfer> transfers,
                                                    size_t batch_size) {
  std::vector<std::vector<Transfer>> batches;
  size_t start = 0;
  while (start < transfers.size()) {
    size_t end = std::min(start + batch_size, transfers.size());
    if (end < transfers.size()) {
      size_t cut = end;
      while (cut > start && transfers[cut - 1].linked) --cut;
      if (cut > start) end = cut;
    }
    batches.emplace_back(std::make_move_iterator(transfers.begin() + static_cast<ptrdiff_t>(start)),
                         std::make_move_iterator(transfers.begin() + static_cast<ptrdiff_t>(end)));
    start = end;
  }
  return batches;
}

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

Json AccountJson(const Account& account) {
  return {{"code", account.code},
          {"unit", account.unit},
          {"kind", ledger::KindName(account.kind)},
          {"name_zh", account.name_zh},
          {"name_en", account.name_en},
          {"parent", account.parent},
          {"debits_must_not_exceed_credits", account.debits_must_not_exceed_credits},
          {"credits_must_not_exceed_debits", account.credits_must_not_exceed_debits},
          {"closed", account.closed},
          {"earmarks", account.earmarks}};
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
      json.push_back(AccountJson(*account));
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

// ---------------------------------------------------------------------------------------
// ledger transfer, ledger pending post / void

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
  if (!o.value_date.empty()) {
    auto date = Date::Parse(o.value_date);
    if (!date.ok()) return date.status().Prefixed("--value-date '" + o.value_date + "'");
    t.value_date = *date;
  }
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
  if (!o.value_date.empty()) {
    auto date = Date::Parse(o.value_date);
    if (!date.ok()) return date.status().Prefixed("--value-date '" + o.value_date + "'");
    t.value_date = *date;
  }
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

void AddPendingCommands(CLI::App& parent, Context& context) {
  CLI::App* pending = parent.add_subcommand("pending", "Post or void pending transfers / 预留转账");
  pending->require_subcommand(1);
  AddPendingSettle(*pending, /*post=*/true, context);
  AddPendingSettle(*pending, /*post=*/false, context);
}

// ---------------------------------------------------------------------------------------
// ledger balance

// The balance as statements read it (statement.h): a transfer moves its amount from the
// debit account to the credit account, so an account holds its credits minus its debits;
// an income account, a source money comes from, shows what it has provided, debits minus
// credits. Both totals are ≥ 0, so neither difference can overflow.
int64_t BalanceAsKindReads(const Account& account, const ledger::Balance& balance) {
  return account.kind == AccountKind::kIncome ? balance.debits_posted - balance.credits_posted
                                              : balance.net_credit();
}

Json BalanceJson(const Account& account, const ledger::Balance& balance, bool yuan) {
  return {{"account", account.code},
          {"kind", ledger::KindName(account.kind)},
          {"unit", account.unit},
          {"balance", PlainAmount(BalanceAsKindReads(account, balance), yuan)},
          {"debits_posted", PlainAmount(balance.debits_posted, yuan)},
          {"credits_posted", PlainAmount(balance.credits_posted, yuan)},
          {"debits_pending", PlainAmount(balance.debits_pending, yuan)},
          {"credits_pending", PlainAmount(balance.credits_pending, yuan)}};
}

void PrintBalance(const Account& account, const ledger::Balance& balance, bool yuan,
                  std::ostream& out) {
  out << account.code << "  " << Title(account.name_zh, account.name_en) << " ("
      << ledger::KindName(account.kind) << ", " << account.unit << ")\n";
  std::vector<Row> rows = {{"balance 余额", ShowAmount(BalanceAsKindReads(account, balance), yuan)},
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

// ---------------------------------------------------------------------------------------
// ledger allocate

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
  engine::CsvReader csv(*text, path);
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
  std::optional<Date> value_date;
  if (!options.value_date.empty()) {
    auto date = Date::Parse(options.value_date);
    if (!date.ok()) return date.status().Prefixed("--value-date '" + options.value_date + "'");
    value_date = *date;
  }
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
    t.value_date = value_date;
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
