// What every `minsheng ledger` subcommand shares: the --db and --json options, opening
// the books, amounts in their unit, reading an input file whole, and printing for people
// (tables, titles) or for scripts (CSV, JSON). Amounts are exact: yuan with at most two
// decimals for units counted in fen, whole steps otherwise, and no floating point on the
// way. Internal to cli: the ledger_*.cc files include it, settle_command.cc for the
// books and project_command.cc for its tables. Not thread-safe, as the rest of the
// command.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace minsheng::cli {

using Json = nlohmann::json;

inline constexpr const char* kDefaultDatabase = "minsheng.db";
// A transfer file is checked whole before any of it is submitted, so it is held in
// memory whole: this bounds that (a few million rows).
inline constexpr uintmax_t kMaxTransferFileBytes = uintmax_t{512} << 20;
// A shares file lists recipients (townships, villages, members), never millions.
inline constexpr uintmax_t kMaxShareFileBytes = uintmax_t{16} << 20;

// ---------------------------------------------------------------------------------------
// Opening the books

struct DatabaseOptions {
  std::string path = kDefaultDatabase;
  bool json = false;
};

void AddDatabaseOptions(CLI::App& command, DatabaseOptions& options);

// The store and the books over it. The ledger is declared last so that it is destroyed
// first: it refers to the store.
// The books a command works on. When the command ends they write the balances'
// checkpoint (Ledger::Checkpoint), so that the next command opens without replaying
// the journal; a checkpoint that fails loses nothing, and is not an error of the command.
struct Books {
  Books(std::unique_ptr<store::Store> opened_store, std::unique_ptr<ledger::Ledger> opened_ledger)
      : store(std::move(opened_store)), ledger(std::move(opened_ledger)) {}
  Books(Books&&) = default;
  Books& operator=(Books&&) = default;
  ~Books() {
    if (ledger != nullptr) (void)ledger->Checkpoint();
  }

  std::unique_ptr<store::Store> store;
  std::unique_ptr<ledger::Ledger> ledger;  // after store: destroyed before it
};

// Opens the books in `path`. Only `ledger init` creates the file: for any other command
// a missing file is far more likely a mistyped --db than a wish for new, empty books.
Result<Books> OpenBooks(const std::string& path, bool create);

// The whole of the file at `path`, refused when larger than `max_bytes`.
Result<std::string> ReadWholeFile(const std::string& path, uintmax_t max_bytes);

// ---------------------------------------------------------------------------------------
// Amounts

// Whether amounts in `unit` are written in yuan with two decimals (CNY, or any unit
// declared as counted in fen) rather than as a whole number of steps. `books` may be
// null when no ledger is open; then only CNY is known to count in fen.
bool CountsInYuan(const ledger::Ledger* books, std::string_view unit);

// A whole number ≥ 0 as people type it: digits only. `what` names it in the message.
Result<int64_t> ParseCount(std::string_view text, std::string_view what);

// An amount as users write it: yuan through Money::Parse ("140", "140.50", "1,234.56")
// for units counted in fen, else a whole number of steps. Never negative: a movement the
// other way is a transfer with the accounts swapped.
Result<int64_t> ParseAmount(std::string_view text, bool yuan);

// The --value-date option: none when empty, else the date; the error names the option.
Result<std::optional<Date>> ParseValueDateOption(const std::string& text);

// For people: "¥1,234.56" in yuan, else the count of steps.
std::string ShowAmount(int64_t amount, bool yuan);

// For files and JSON: "1234.56" in yuan (what ParseAmount reads back), else the count.
std::string PlainAmount(int64_t amount, bool yuan);

// ---------------------------------------------------------------------------------------
// Output

void PrintJson(const Json& json, std::ostream& out);

using Row = std::vector<std::string>;

// Prints rows as columns two spaces apart: the first `text_columns` left-aligned, the
// rest (amounts, counts) right-aligned so that their digits line up.
void PrintTable(const std::vector<Row>& rows, size_t text_columns, std::ostream& out,
                std::string_view indent = "");

// Prints rows as CSV (RFC 4180), quoting only the fields that need it.
void PrintCsv(const std::vector<Row>& rows, std::ostream& out);

// "人民币 / Chinese yuan": both names when both are given, else the one there is.
std::string Title(const std::string& zh, const std::string& en);

// "fund/wubao 五保供养资金": a code with its Chinese name (else English), for labels.
std::string Labelled(const ledger::Ledger& books, const std::string& code);

// "1 transfer", "2 transfers".
std::string Plural(int64_t count, const std::string& word);

}  // namespace minsheng::cli
