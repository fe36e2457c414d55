// The shared parts of `minsheng ledger` (ledger_books.h): the database options, opening
// the books, reading an input file whole, amounts in their unit, and the printing every
// subcommand does — tables sized by display width, CSV fields, JSON, titles and labels.
#include "cli/ledger_books.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv_field.h"
#include "core/money.h"
#include "ledger/model.h"

namespace minsheng::cli {
namespace {

using ledger::Account;
using ledger::Ledger;

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

}  // namespace

void AddDatabaseOptions(CLI::App& command, DatabaseOptions& options) {
  command.add_option("--db", options.path, "the ledger's SQLite file (default minsheng.db)");
  command.add_flag("--json", options.json, "print JSON for scripts instead of text");
}

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

bool CountsInYuan(const Ledger* books, std::string_view unit) {
  if (unit == "CNY") return true;
  const ledger::Unit* found = books == nullptr ? nullptr : books->FindUnit(unit);
  return found != nullptr && found->step == "fen";
}

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

Result<std::optional<Date>> ParseValueDateOption(const std::string& text) {
  if (text.empty()) return std::optional<Date>();
  auto date = Date::Parse(text);
  if (!date.ok()) return date.status().Prefixed("--value-date '" + text + "'");
  return std::optional<Date>(*date);
}

std::string ShowAmount(int64_t amount, bool yuan) {
  return yuan ? Money::FromFen(amount).ToString() : std::to_string(amount);
}

std::string PlainAmount(int64_t amount, bool yuan) {
  return yuan ? Money::FromFen(amount).ToPlainString() : std::to_string(amount);
}

void PrintJson(const Json& json, std::ostream& out) {
  // Names are the users' and could hold invalid UTF-8; replacing it beats throwing.
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

void PrintTable(const std::vector<Row>& rows, size_t text_columns, std::ostream& out,
                std::string_view indent) {
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

std::string Labelled(const Ledger& books, const std::string& code) {
  const Account* account = books.FindAccount(code);
  if (account == nullptr) return code;
  const std::string& name = account->name_zh.empty() ? account->name_en : account->name_zh;
  return name.empty() ? code : code + " " + name;
}

std::string Plural(int64_t count, const std::string& word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

}  // namespace minsheng::cli
