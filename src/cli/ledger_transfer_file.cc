// Reading transfer files (ledger_transfer_file.h): the columns a file may have, a reader
// that turns rows into checked transfers, the CSV and the JSONL front ends that place
// every error in its row (or line) and field, and the cutting into batches.
#include "cli/ledger_transfer_file.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cli/ledger_books.h"
#include "core/date.h"
#include "core/csv_reader.h"

namespace minsheng::cli {
namespace {

using ledger::Ledger;
using ledger::Transfer;
using ledger::TransferKind;

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
    const CsvReader& csv, const std::vector<std::string>& names) {
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
  CsvReader csv(text, file);
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

}  // namespace

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

}  // namespace minsheng::cli
