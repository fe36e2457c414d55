// FundScenario: a fund's plan as a scenario file states it — its opening balance, the
// budget allocation rule, donations, investment income, the floor its balance must keep
// and the caseload it pays — and LoadFundScenario, which reads one.
//
// A scenario file is literate, like a pack's files (docs/packs.md, "Quotes and blocks"):
// the official text quoted in Markdown, then a ```minsheng block whose one key is `fund:`.
// The format is in docs/simulate.md ("Fund projections"). Every value the text does not
// give is named in `assumptions:` with why it is what it is. Every error carries the
// file:line:column of the key or value that is wrong, and a file with any error yields no
// scenario at all. Values; thread-compatible; the loader is a pure function of the file.
// Members of the small structs with no other default are written `{}`, as in
// projection.h, so that designated initializers may leave them out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/rate.h"
#include "core/status.h"

namespace minsheng::projection {

// Limits, so that a malformed or hostile file fails with a clear error rather than
// exhausting memory or running for ever. A scenario is a page of text; a projection runs
// at most two centuries of fund years (a plan that needs more is not a plan).
inline constexpr uintmax_t kScenarioBytesMax = uintmax_t{1} << 20;
inline constexpr size_t kCaseloadEntriesMax = 200;
inline constexpr int kFundYearsMax = 200;

// From fund year `from_year` (1 = the year the fund was set up) until the next entry,
// `cases` persons a year are paid `per_case` each.
struct CaseloadEntry {
  int from_year = 1;
  int64_t cases = 0;
  Money per_case{};
  SourceLocation location{};  // where the entry is written; empty for one from the command line
};

// The opening balance of every fund year from `from_year` on must be at least `amount`
// ("以后确保每年初保持在2000万元以上": 以上 includes the amount itself).
struct FundFloor {
  Money amount{};
  int from_year = 1;
};

// A fund year's allocation from the budget: `first` in year 1, the previous year's in
// each later year, plus `step` from year `step_from_year` on.
struct AllocationRule {
  Money first{};
  Money step{};
  int step_from_year = 2;
};

// A value the text does not give: the field (`allocation.first`) and why it is what it is.
struct Assumption {
  std::string field;
  std::string why;
};

struct FundScenario {
  std::string file;  // the path it was read from, as given
  std::string id;    // lowercase letters, digits and -: "wudi-relief-fund"
  std::string title_zh, title_en;
  std::string account;  // the ledger account the fund is booked in, "" when not given
  int first_year = 0;   // the calendar year fund year 1 starts in: its label
  int start_month = 1;  // the day each fund year starts (`year_starts: 08-01`)
  int start_day = 1;
  Money opening_balance;
  std::optional<FundFloor> floor;
  AllocationRule allocation;
  Money donations;                      // a year
  Rate investment_rate;                 // a year, on the fund year's opening balance
  std::vector<CaseloadEntry> caseload;  // from_year strictly increasing, the first from year 1
  std::vector<Assumption> assumptions;
  std::string source;  // the quote above the block, or the fund's own `source:`
  SourceLocation source_location;
  SourceLocation location;  // the `fund:` key
};

// The day fund years start, as the file writes it: "08-01".
std::string YearStartsText(const FundScenario& scenario);

// Reads the scenario file at `path`. Errors: the file missing or unreadable; larger than
// kScenarioBytesMax; and, at file:line:column, text that is not UTF-8, YAML that does not
// parse, a key that is unknown (with a did-you-mean hint), missing or given twice, a value
// that is not money, a rate, a year or a count, a negative amount, fund years out of
// order, no `fund:` or two of them, and a fund with no quote above it and no `source:`.
Result<FundScenario> LoadFundScenario(const std::string& path);

// The same from the file's text; `file` names it in errors.
Result<FundScenario> ParseFundScenario(std::string_view text, const std::string& file);

// An error for a person: "file:line:column: message", then the line (read again from the
// file) and a caret under the column, when the error is at a place in a readable file;
// otherwise status.ToString().
std::string FormatScenarioDiagnostic(const Status& status);

}  // namespace minsheng::projection
