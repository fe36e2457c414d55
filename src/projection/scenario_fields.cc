// Reading a scenario's `fund:` (scenario_fields.h).
//
// Values are read as packs read theirs (policy/types.h ParseValue: `1000万`, `25,000`,
// `3%`), and every error names the key ("`per_case` of caseload entry 2") and stands at
// the value that is wrong, or at the key whose value is missing, so an author can go
// straight to it.
#include "projection/scenario_fields.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "policy/types.h"

namespace minsheng::projection {
namespace {

using policy::FindEntry;
using policy::YamlBlock;
using policy::YamlEntry;

const std::vector<std::string> kFundKeys = {
    "id",    "title",      "account",   "first_year",      "year_starts", "opening_balance",
    "floor", "allocation", "donations", "investment_rate", "caseload",    "assumptions",
    "source"};
const std::vector<std::string> kTitleKeys = {"zh", "en"};
const std::vector<std::string> kFloorKeys = {"amount", "from_year"};
const std::vector<std::string> kAllocationKeys = {"first", "step", "step_from_year"};
const std::vector<std::string> kCaseloadKeys = {"from_year", "cases", "per_case"};
// What an assumption may be about: each value of the plan, or a group of them.
const std::vector<std::string> kAssumptionFields = {"first_year",      "year_starts",
                                                    "opening_balance", "floor",
                                                    "floor.amount",    "floor.from_year",
                                                    "allocation",      "allocation.first",
                                                    "allocation.step", "allocation.step_from_year",
                                                    "donations",       "investment_rate",
                                                    "caseload"};

// An id names the fund in file names and JSON; a ledger code is written without spaces.
constexpr size_t kIdLengthMax = 64;
constexpr size_t kAccountLengthMax = 128;
const std::string kFund = "the fund";
const std::string kFundYears = "a fund year from 1 to " + std::to_string(kFundYearsMax);

std::string Backticked(std::string_view key) {
  return "`" + std::string(key) + "`";
}

std::string Of(std::string_view key, const std::string& what) {
  return Backticked(key) + " of " + what;
}

Status MissingKey(const std::string& what, std::string_view key, const SourceLocation& location,
                  std::string_view example) {
  return InvalidArgument(what + " needs " + Backticked(std::string(key) + ":") +
                         std::string(example))
      .At(location);
}

bool IsIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads one `fund:` into a FundScenario; each Read* reads one key and places its errors.
class FundReader {
 public:
  FundReader(const YamlBlock& yaml, FundScenario& fund) : yaml_(yaml), fund_(fund) {}

  Status Read(const YamlEntry& fund_entry);

 private:
  Status ReadEntry(const YamlEntry& entry);
  Status ReadId(const YamlEntry& entry);
  Status ReadTitle(const YamlEntry& entry);
  Status ReadAccount(const YamlEntry& entry);
  Status ReadYearStarts(const YamlEntry& entry);
  Status ReadFloor(const YamlEntry& entry);
  Status ReadAllocation(const YamlEntry& entry);
  Status ReadCaseload(const YamlEntry& entry);
  Result<CaseloadEntry> ReadCaseloadEntry(const YAML::Node& node, const std::string& what);
  Status ReadAssumptions(const YamlEntry& entry);
  Status ReadSource(const std::vector<YamlEntry>& entries);

  // Values, each placed at the entry's value when wrong.
  Result<std::string> ReadText(const YamlEntry& entry, const std::string& what);
  Result<int64_t> ReadWhole(const YamlEntry& entry, const std::string& what, int64_t lowest,
                            int64_t highest, const std::string& expected);
  Result<int> ReadFundYear(const YamlEntry& entry, const std::string& what, int lowest = 1);
  Result<Money> ReadAmount(const YamlEntry& entry, const std::string& what);
  Result<Rate> ReadRate(const YamlEntry& entry, const std::string& what);

  const YamlBlock& yaml_;
  FundScenario& fund_;
};

Status FundReader::Read(const YamlEntry& fund_entry) {
  fund_.location = yaml_.LocationOf(fund_entry.key_node);
  Result<std::vector<YamlEntry>> entries =
      yaml_.Entries(fund_entry.value, fund_.location, "`fund:`", kFundKeys);
  if (!entries.ok()) return entries.status();
  const std::pair<const char*, const char*> required[] = {
      {"id", " (e.g. wudi-relief-fund)"},
      {"title", " {zh: …, en: …}"},
      {"first_year", " (the calendar year fund year 1 starts in, e.g. 2013)"},
      {"opening_balance", " (e.g. 1000万)"},
      {"allocation", " {first: …, step: …}"},
      {"caseload", " (a list of {from_year: …, cases: …, per_case: …})"}};
  for (const auto& [key, example] : required) {
    if (FindEntry(*entries, key) == nullptr) return MissingKey(kFund, key, fund_.location, example);
  }
  for (const YamlEntry& entry : *entries) {
    if (Status read = ReadEntry(entry); !read.ok()) return read;
  }
  return ReadSource(*entries);
}

Status FundReader::ReadEntry(const YamlEntry& entry) {
  const std::string what = Of(entry.key, kFund);
  const std::string& key = entry.key;
  if (key == "id") return ReadId(entry);
  if (key == "title") return ReadTitle(entry);
  if (key == "account") return ReadAccount(entry);
  if (key == "year_starts") return ReadYearStarts(entry);
  if (key == "floor") return ReadFloor(entry);
  if (key == "allocation") return ReadAllocation(entry);
  if (key == "caseload") return ReadCaseload(entry);
  if (key == "assumptions") return ReadAssumptions(entry);
  if (key == "source") return Status::Ok();  // ReadSource, once every key is known
  if (key == "first_year") {
    Result<int64_t> year =
        ReadWhole(entry, what, Date::kMinYear, Date::kMaxYear, "a year such as 2013");
    if (!year.ok()) return year.status();
    fund_.first_year = static_cast<int>(*year);
    return Status::Ok();
  }
  if (key == "investment_rate") {
    Result<Rate> rate = ReadRate(entry, what);
    if (!rate.ok()) return rate.status();
    fund_.investment_rate = *rate;
    return Status::Ok();
  }
  Result<Money> amount = ReadAmount(entry, what);  // opening_balance, donations
  if (!amount.ok()) return amount.status();
  (key == "opening_balance" ? fund_.opening_balance : fund_.donations) = *amount;
  return Status::Ok();
}

Status FundReader::ReadId(const YamlEntry& entry) {
  Result<std::string> id = ReadText(entry, Of("id", kFund));
  if (!id.ok()) return id.status();
  if (id->size() > kIdLengthMax || !IsIdCharacter(id->front()) || id->front() == '-' ||
      !std::all_of(id->begin(), id->end(), IsIdCharacter)) {
    return InvalidArgument("`id` of the fund should be lowercase letters, digits and -, at most " +
                           std::to_string(kIdLengthMax) + " characters: e.g. wudi-relief-fund")
        .At(yaml_.ValueLocation(entry));
  }
  fund_.id = *id;
  return Status::Ok();
}

Status FundReader::ReadTitle(const YamlEntry& entry) {
  const std::string label = Of("title", kFund);
  Result<std::vector<YamlEntry>> languages =
      yaml_.Entries(entry.value, yaml_.LocationOf(entry.key_node), label, kTitleKeys);
  if (!languages.ok()) return languages.status();
  for (const YamlEntry& language : *languages) {
    Result<std::string> text = ReadText(language, Of(language.key, label));
    if (!text.ok()) return text.status();
    (language.key == "zh" ? fund_.title_zh : fund_.title_en) = *text;
  }
  if (fund_.title_zh.empty() || fund_.title_en.empty()) {
    return MissingKey(label, fund_.title_zh.empty() ? "zh" : "en", yaml_.LocationOf(entry.key_node),
                      "");
  }
  return Status::Ok();
}

Status FundReader::ReadAccount(const YamlEntry& entry) {
  Result<std::string> account = ReadText(entry, Of("account", kFund));
  if (!account.ok()) return account.status();
  if (account->size() > kAccountLengthMax || account->find_first_of(" \t") != std::string::npos) {
    return InvalidArgument(
               "`account` of the fund should be a ledger account code without spaces, e.g. "
               "fund/relief_fund/county")
        .At(yaml_.ValueLocation(entry));
  }
  fund_.account = *account;
  return Status::Ok();
}

// MM-DD, a day every year has: a fund year starting on 29 February would have no start
// in three years of four.
Status FundReader::ReadYearStarts(const YamlEntry& entry) {
  Result<std::string> text = ReadText(entry, Of("year_starts", kFund));
  if (!text.ok()) return text.status();
  const std::string& day = *text;
  const bool shaped = day.size() == 5 && IsDigit(day[0]) && IsDigit(day[1]) && day[2] == '-' &&
                      IsDigit(day[3]) && IsDigit(day[4]);
  const int month = shaped ? (day[0] - '0') * 10 + (day[1] - '0') : 0;
  const int day_of_month = shaped ? (day[3] - '0') * 10 + (day[4] - '0') : 0;
  // 2001 is a common year: 02-29 fails here as it would in three years of four.
  if (!shaped || !Date::FromYmd(2001, month, day_of_month).ok()) {
    return InvalidArgument("`year_starts` of the fund cannot be '" + day +
                           "': expected the day each fund year starts as MM-DD, e.g. 08-01 "
                           "(a day every year has)")
        .At(yaml_.ValueLocation(entry));
  }
  fund_.start_month = month;
  fund_.start_day = day_of_month;
  return Status::Ok();
}

Status FundReader::ReadFloor(const YamlEntry& entry) {
  const std::string what = Of("floor", kFund);
  const SourceLocation where = yaml_.LocationOf(entry.key_node);
  Result<std::vector<YamlEntry>> entries = yaml_.Entries(entry.value, where, what, kFloorKeys);
  if (!entries.ok()) return entries.status();
  const YamlEntry* amount = FindEntry(*entries, "amount");
  const YamlEntry* from_year = FindEntry(*entries, "from_year");
  if (amount == nullptr) return MissingKey(what, "amount", where, " (e.g. 2000万)");
  if (from_year == nullptr) {
    return MissingKey(what, "from_year", where, " (the first fund year it holds, e.g. 4)");
  }
  Result<Money> floor_amount = ReadAmount(*amount, Of("amount", what));
  if (!floor_amount.ok()) return floor_amount.status();
  Result<int> year = ReadFundYear(*from_year, Of("from_year", what));
  if (!year.ok()) return year.status();
  fund_.floor = FundFloor{.amount = *floor_amount, .from_year = *year};
  return Status::Ok();
}

Status FundReader::ReadAllocation(const YamlEntry& entry) {
  const std::string what = Of("allocation", kFund);
  const SourceLocation where = yaml_.LocationOf(entry.key_node);
  Result<std::vector<YamlEntry>> entries = yaml_.Entries(entry.value, where, what, kAllocationKeys);
  if (!entries.ok()) return entries.status();
  const YamlEntry* first = FindEntry(*entries, "first");
  if (first == nullptr) return MissingKey(what, "first", where, " (fund year 1's, e.g. 500万)");
  Result<Money> first_amount = ReadAmount(*first, Of("first", what));
  if (!first_amount.ok()) return first_amount.status();
  fund_.allocation.first = *first_amount;
  if (const YamlEntry* step = FindEntry(*entries, "step")) {
    Result<Money> step_amount = ReadAmount(*step, Of("step", what));
    if (!step_amount.ok()) return step_amount.status();
    fund_.allocation.step = *step_amount;
  }
  if (const YamlEntry* from_year = FindEntry(*entries, "step_from_year")) {
    // Year 1 has no previous allocation to step from.
    Result<int> year = ReadFundYear(*from_year, Of("step_from_year", what), 2);
    if (!year.ok()) return year.status();
    fund_.allocation.step_from_year = *year;
  }
  return Status::Ok();
}

Status FundReader::ReadCaseload(const YamlEntry& entry) {
  const std::string what = Of("caseload", kFund);
  if (!entry.value.IsSequence() || entry.value.size() == 0) {
    return InvalidArgument(what + " should be a list of {from_year: …, cases: …, per_case: …}")
        .At(yaml_.ValueLocation(entry));
  }
  if (entry.value.size() > kCaseloadEntriesMax) {
    return InvalidArgument(what + " has more than " + std::to_string(kCaseloadEntriesMax) +
                           " entries")
        .At(yaml_.ValueLocation(entry));
  }
  for (const YAML::Node& node : entry.value) {
    const size_t number = fund_.caseload.size() + 1;
    Result<CaseloadEntry> read =
        ReadCaseloadEntry(node, "caseload entry " + std::to_string(number));
    if (!read.ok()) return read.status();
    fund_.caseload.push_back(std::move(*read));
  }
  return Status::Ok();
}

Result<CaseloadEntry> FundReader::ReadCaseloadEntry(const YAML::Node& node,
                                                    const std::string& what) {
  const SourceLocation where = yaml_.LocationOf(node);
  Result<std::vector<YamlEntry>> entries = yaml_.Entries(node, where, what, kCaseloadKeys);
  if (!entries.ok()) return entries.status();
  const std::pair<const char*, const char*> required[] = {
      {"from_year", " (the fund year it starts, e.g. 4)"},
      {"cases", " (persons paid a year, e.g. 200)"},
      {"per_case", " (paid to each a year, e.g. 25000)"}};
  for (const auto& [key, example] : required) {
    if (FindEntry(*entries, key) == nullptr) return MissingKey(what, key, where, example);
  }
  CaseloadEntry caseload{.location = where};
  const YamlEntry& from_year = *FindEntry(*entries, "from_year");
  Result<int> year = ReadFundYear(from_year, Of("from_year", what));
  if (!year.ok()) return year.status();
  caseload.from_year = *year;
  // Each entry holds until the next, so the list must run forward from year 1: a gap at
  // the start would pay nothing without a word.
  if (fund_.caseload.empty() && caseload.from_year != 1) {
    return InvalidArgument(what + " is from fund year " + std::to_string(caseload.from_year) +
                           ": the first entry must be from year 1 (give `cases: 0` for years "
                           "that pay nothing)")
        .At(yaml_.ValueLocation(from_year));
  }
  if (!fund_.caseload.empty() && caseload.from_year <= fund_.caseload.back().from_year) {
    return InvalidArgument(what + " is from fund year " + std::to_string(caseload.from_year) +
                           ", not after the previous entry's year " +
                           std::to_string(fund_.caseload.back().from_year) +
                           ": list the entries in the order of their years, each year once")
        .At(yaml_.ValueLocation(from_year));
  }
  Result<int64_t> cases = ReadWhole(*FindEntry(*entries, "cases"), Of("cases", what), 0, INT64_MAX,
                                    "a count of 0 or more");
  if (!cases.ok()) return cases.status();
  caseload.cases = *cases;
  Result<Money> per_case = ReadAmount(*FindEntry(*entries, "per_case"), Of("per_case", what));
  if (!per_case.ok()) return per_case.status();
  caseload.per_case = *per_case;
  return caseload;
}

Status FundReader::ReadAssumptions(const YamlEntry& entry) {
  const std::string what = Of("assumptions", kFund);
  Result<std::vector<YamlEntry>> entries =
      yaml_.Entries(entry.value, yaml_.LocationOf(entry.key_node), what, kAssumptionFields);
  if (!entries.ok()) return entries.status();
  for (const YamlEntry& assumption : *entries) {
    Result<std::string> why =
        ReadText(assumption, "the assumption on " + Backticked(assumption.key));
    if (!why.ok()) return why.status();
    fund_.assumptions.push_back(Assumption{.field = assumption.key, .why = *why});
  }
  return Status::Ok();
}

// The fund's own `source:` text, else the quote above its block; a plan with neither
// could not be checked against the text it implements.
Status FundReader::ReadSource(const std::vector<YamlEntry>& entries) {
  if (const YamlEntry* source = FindEntry(entries, "source")) {
    Result<std::string> text = ReadText(*source, Of("source", kFund));
    if (!text.ok()) return text.status();
    fund_.source = *text;
    fund_.source_location = yaml_.TextLocation(source->value);
    return Status::Ok();
  }
  if (const auto& quote = yaml_.block().quote; quote.has_value()) {
    fund_.source = quote->text;
    fund_.source_location = SourceLocation::InText(yaml_.file(), quote->line);
    return Status::Ok();
  }
  return InvalidArgument(
             "the fund has no source: quote the text it implements above its ```minsheng "
             "block, or give `source:`")
      .At(fund_.location);
}

Result<std::string> FundReader::ReadText(const YamlEntry& entry, const std::string& what) {
  Result<std::string> text = yaml_.Scalar(entry, what);
  if (!text.ok()) return text.status();
  if (text->empty()) {
    return InvalidArgument(what + " is empty: give it a value").At(yaml_.ValueLocation(entry));
  }
  return text;
}

Result<int64_t> FundReader::ReadWhole(const YamlEntry& entry, const std::string& what,
                                      int64_t lowest, int64_t highest,
                                      const std::string& expected) {
  Result<std::string> text = yaml_.Scalar(entry, what);
  if (!text.ok()) return text.status();
  Result<policy::Value> value = policy::ParseValue(*text, policy::Type::kNumber);
  if (!value.ok() || value->raw < lowest || value->raw > highest) {
    return InvalidArgument(what + " cannot be '" + *text + "': expected " + expected)
        .At(yaml_.ValueLocation(entry));
  }
  return value->raw;
}

Result<int> FundReader::ReadFundYear(const YamlEntry& entry, const std::string& what, int lowest) {
  const std::string expected = lowest == 1 ? kFundYears
                                           : "a fund year from " + std::to_string(lowest) + " to " +
                                                 std::to_string(kFundYearsMax);
  Result<int64_t> year = ReadWhole(entry, what, lowest, kFundYearsMax,
                                   expected + " (1 is the year the fund was set up)");
  if (!year.ok()) return year.status();
  return static_cast<int>(*year);
}

Result<Money> FundReader::ReadAmount(const YamlEntry& entry, const std::string& what) {
  Result<std::string> text = yaml_.Scalar(entry, what);
  if (!text.ok()) return text.status();
  Result<policy::Value> value = policy::ParseValue(*text, policy::Type::kMoney);
  if (!value.ok()) {
    return InvalidArgument("not a money value for " + what + ": " + value.status().message())
        .At(yaml_.ValueLocation(entry));
  }
  const Money amount = Money::FromFen(value->raw);
  if (amount.is_negative()) {
    return InvalidArgument(what + " cannot be negative: " + amount.ToString())
        .At(yaml_.ValueLocation(entry));
  }
  return amount;
}

Result<Rate> FundReader::ReadRate(const YamlEntry& entry, const std::string& what) {
  Result<std::string> text = yaml_.Scalar(entry, what);
  if (!text.ok()) return text.status();
  Result<policy::Value> value = policy::ParseValue(*text, policy::Type::kRate);
  if (!value.ok()) {
    return InvalidArgument("not a rate for " + what + ": " + value.status().message())
        .At(yaml_.ValueLocation(entry));
  }
  const Rate rate = Rate::FromParts(value->raw);
  if (rate.is_negative() || rate > Rate::One()) {
    return InvalidArgument(what + " cannot be " + rate.ToString() + ": expected 0% to 100% a year")
        .At(yaml_.ValueLocation(entry));
  }
  return rate;
}

}  // namespace

Result<FundScenario> ReadFund(const YamlBlock& yaml, const YamlEntry& fund_entry) {
  FundScenario fund;
  FundReader reader(yaml, fund);
  if (Status read = reader.Read(fund_entry); !read.ok()) return read;
  return fund;
}

}  // namespace minsheng::projection
