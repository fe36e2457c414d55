// Reading claims files (claims_file.h). Both formats first turn a record into the texts of
// its fields with their columns (ClaimText); one checker then makes the Claim, so CSV and
// JSON Lines accept exactly the same values and word their errors alike.
#include "settle/claims_file.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/csv_reader.h"
#include "core/error_list.h"
#include "core/money.h"
#include "core/resident_id.h"
#include "core/text_index.h"
#include "policy/check.h"
#include "registry/encoding.h"
#include "registry/fields.h"
#include "registry/import.h"

namespace minsheng::settle {

namespace {

// Ordered: a line's errors come in the order of its keys.
using Json = nlohmann::ordered_json;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The fields of a claim as files name them: CSV columns and JSON keys alike.
enum Key : size_t {
  kClaimId,
  kPersonId,
  kHospital,
  kAdmitted,
  kDischarged,
  kTotalCost,
  kCompliantCost,
  kDiagnosis,
  kItems,
  kKeyCount,
};

struct KeySpec {
  std::string_view name;
  bool required;
};

constexpr std::array<KeySpec, kKeyCount> kKeys = {{
    {"claim_id", true},
    {"person_id", true},
    {"hospital", true},
    {"admitted", true},
    {"discharged", true},
    {"total_cost", true},
    {"compliant_cost", true},
    {"diagnosis", false},
    {"items", false},
}};

std::optional<Key> KeyOf(std::string_view name) {
  for (size_t key = 0; key < kKeyCount; ++key) {
    if (kKeys[key].name == name) return static_cast<Key>(key);
  }
  return std::nullopt;
}

std::vector<std::string> KeyNames() {
  std::vector<std::string> names;
  for (const KeySpec& key : kKeys) names.emplace_back(key.name);
  return names;
}

// "unknown column 'totl_cost'; did you mean 'total_cost'?", or the known names when none
// is close (what = "column" or "key").
std::string UnknownName(std::string_view what, std::string_view name,
                        const std::vector<std::string>& known) {
  std::string message = "unknown " + std::string(what) + " '" + std::string(name) + "'";
  const std::string closest = policy::ClosestName(name, known);
  if (!closest.empty()) return message + "; did you mean '" + closest + "'?";
  std::string listed;
  for (const std::string& candidate : known) listed += (listed.empty() ? "" : ", ") + candidate;
  return message + " (known: " + listed + ")";
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

constexpr std::string_view kNothingRead = "no claims were read";

// The errors of one record, placed at file:line:column. They are found field by field
// but told in the order of their columns, as a reader goes through the line: the
// destructor hands them to the file's list, so no way out of a record loses them.
class RecordErrors {
 public:
  RecordErrors(ErrorList& list, std::string_view file, int line)
      : list_(list), file_(file), line_(line) {}
  RecordErrors(const RecordErrors&) = delete;
  RecordErrors& operator=(const RecordErrors&) = delete;
  ~RecordErrors() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [column, reason] : errors_) {
      list_.Add(SourceLocation::InText(std::string(file_), line_, column), std::move(reason));
    }
  }

  // column 0: the whole record.
  void Add(int column, std::string reason) { errors_.emplace_back(column, std::move(reason)); }
  int line() const { return line_; }
  // The record's errors so far.
  size_t count() const { return errors_.size(); }

 private:
  ErrorList& list_;
  std::string_view file_;
  int line_;
  std::vector<std::pair<int, std::string>> errors_;
};

// One field of a record as the file gives it.
struct FieldText {
  std::string_view name;
  bool given = false;    // false: no such column, or the key absent or null
  bool refused = false;  // given, but not as text (a JSON number, array …): already told
  std::string text;
  int column = 1;
};

struct ItemText {
  std::string category, cost;
  int category_column = 1, cost_column = 1;
};

// A record's fields as texts, before any of them is checked.
struct ClaimText {
  ClaimText() {
    for (size_t key = 0; key < kKeyCount; ++key) fields[key].name = kKeys[key].name;
  }
  std::array<FieldText, kKeyCount> fields;
  std::vector<ItemText> items;  // fields[kItems] says whether and where they were given
};

// --- Checking a record's texts --------------------------------------------------------

// A required field's text; nullopt, with the error told, when it is missing or empty
// (or was refused already).
std::optional<std::string_view> RequiredText(const FieldText& field, RecordErrors& errors) {
  if (field.refused) return std::nullopt;
  if (!field.given) {
    errors.Add(field.column, "missing key '" + std::string(field.name) + "'");
    return std::nullopt;
  }
  if (field.text.empty()) {
    errors.Add(field.column, std::string(field.name) + " must not be empty");
    return std::nullopt;
  }
  return std::string_view(field.text);
}

// True for a byte sequence at `i` that is a space or a control character: ASCII ones,
// C1 controls (U+0080–U+009F), the no-break space and the ideographic space (U+3000).
bool IsSpaceOrControlAt(std::string_view text, size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte <= 0x20 || byte == 0x7F) return true;
  const std::string_view rest = text.substr(i);
  if (byte == 0xC2 && rest.size() >= 2) return static_cast<unsigned char>(rest[1]) <= 0xA0;
  return rest.starts_with("\xE3\x80\x80");
}

std::optional<std::string> CheckClaimId(const FieldText& field, RecordErrors& errors) {
  const std::optional<std::string_view> text = RequiredText(field, errors);
  if (!text) return std::nullopt;
  if (text->size() > kMaxClaimIdBytes) {
    errors.Add(field.column, "claim_id is " + std::to_string(text->size()) +
                                 " bytes long; at most " + std::to_string(kMaxClaimIdBytes));
    return std::nullopt;
  }
  for (size_t i = 0; i < text->size(); ++i) {
    if (IsSpaceOrControlAt(*text, i)) {
      errors.Add(field.column, "claim_id must not contain spaces or control characters");
      return std::nullopt;
    }
  }
  return std::string(*text);
}

std::optional<std::string> CheckPersonId(const FieldText& field, Date today, RecordErrors& errors) {
  const std::optional<std::string_view> text = RequiredText(field, errors);
  if (!text) return std::nullopt;
  const Result<ResidentId> id = ResidentId::ParseAnyLength(*text, today);
  if (!id.ok()) {
    errors.Add(field.column, "person_id: " + id.status().message());
    return std::nullopt;
  }
  return id->number();
}

// A text field (hospital, diagnosis) by the registry's rule for texts: at most
// registry::kMaxTextChars characters, no control characters. An org id the registry
// holds passes it, so a hospital's id can be looked up as it is.
std::optional<std::string> CheckText(const FieldText& field, RecordErrors& errors) {
  const std::optional<std::string_view> text = RequiredText(field, errors);
  if (!text) return std::nullopt;
  const registry::FieldSpec spec{"text", registry::FieldType::kText, true};
  const Result<registry::FieldValue> value = registry::ParseField(spec, *text, Date());
  if (!value.ok()) {
    errors.Add(field.column, std::string(field.name) + ": " + value.status().message());
    return std::nullopt;
  }
  return std::string(*text);
}

std::optional<Date> CheckDate(const FieldText& field, RecordErrors& errors) {
  const std::optional<std::string_view> text = RequiredText(field, errors);
  if (!text) return std::nullopt;
  const Result<Date> date = Date::Parse(*text);
  if (!date.ok()) {
    errors.Add(field.column, std::string(field.name) + ": " + date.status().message());
    return std::nullopt;
  }
  return *date;
}

// An amount of yuan as Money::Parse reads it, not negative; `name` names it in errors.
std::optional<Money> ParseCost(std::string_view text, const std::string& name, int column,
                               RecordErrors& errors) {
  const Result<Money> money = Money::Parse(text);
  if (!money.ok()) {
    errors.Add(column, name + ": " + money.status().message());
    return std::nullopt;
  }
  if (money->is_negative()) {
    errors.Add(column, name + " " + money->ToPlainString() + " is negative");
    return std::nullopt;
  }
  return *money;
}

std::optional<Money> CheckCost(const FieldText& field, RecordErrors& errors) {
  const std::optional<std::string_view> text = RequiredText(field, errors);
  if (!text) return std::nullopt;
  return ParseCost(*text, std::string(field.name), field.column, errors);
}

bool IsCategoryName(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<ClaimItem> CheckItem(const ItemText& text, size_t number, RecordErrors& errors) {
  const std::string label = "item " + std::to_string(number);
  bool ok = true;
  if (text.category.size() > kMaxItemCategoryBytes) {
    errors.Add(text.category_column,
               label + ": category is " + std::to_string(text.category.size()) +
                   " bytes long; at most " + std::to_string(kMaxItemCategoryBytes));
    ok = false;
  } else if (!IsCategoryName(text.category)) {
    errors.Add(text.category_column,
               label + ": category '" + text.category +
                   "' is not a name (a lower-case letter, then lower-case letters, digits or _)");
    ok = false;
  }
  const std::optional<Money> cost =
      ParseCost(text.cost, label + ": cost", text.cost_column, errors);
  if (!ok || !cost) return std::nullopt;
  return ClaimItem{text.category, cost->fen()};
}

// The items, each checked, their sum at most the total cost. nullopt when any is bad.
std::optional<std::vector<ClaimItem>> CheckItems(const ClaimText& text, std::optional<Money> total,
                                                 RecordErrors& errors) {
  const FieldText& field = text.fields[kItems];
  if (field.refused) return std::nullopt;
  std::vector<ClaimItem> items;
  Money sum;
  bool ok = true;
  for (size_t i = 0; i < text.items.size(); ++i) {
    std::optional<ClaimItem> item = CheckItem(text.items[i], i + 1, errors);
    if (!item) {
      ok = false;
      continue;
    }
    const Result<Money> added = sum.Add(Money::FromFen(item->cost_fen));
    if (!added.ok()) {
      errors.Add(field.column, "items: their sum is beyond the largest amount");
      return std::nullopt;
    }
    sum = *added;
    items.push_back(std::move(*item));
  }
  if (!ok) return std::nullopt;
  if (total && sum > *total) {
    errors.Add(field.column, "items sum to " + sum.ToPlainString() + ", above total_cost " +
                                 total->ToPlainString());
    return std::nullopt;
  }
  return items;
}

// The claim a record's texts give, each field checked and then what spans fields; nullopt
// when any check failed (each failure told). The claim id is checked by the caller.
std::optional<Claim> CheckClaim(const ClaimText& text, std::string claim_id, Date today,
                                RecordErrors& errors) {
  const auto& fields = text.fields;
  std::optional<std::string> person_id = CheckPersonId(fields[kPersonId], today, errors);
  std::optional<std::string> hospital = CheckText(fields[kHospital], errors);
  const std::optional<Date> admitted = CheckDate(fields[kAdmitted], errors);
  const std::optional<Date> discharged = CheckDate(fields[kDischarged], errors);
  const std::optional<Money> total = CheckCost(fields[kTotalCost], errors);
  const std::optional<Money> compliant = CheckCost(fields[kCompliantCost], errors);
  std::optional<std::string> diagnosis = std::string();
  if (fields[kDiagnosis].given && !fields[kDiagnosis].text.empty()) {
    diagnosis = CheckText(fields[kDiagnosis], errors);
  }
  std::optional<std::vector<ClaimItem>> items = CheckItems(text, total, errors);

  if (admitted && discharged && *discharged < *admitted) {
    errors.Add(fields[kDischarged].column,
               "discharged " + discharged->ToString() + " before admitted " + admitted->ToString());
  }
  if (total && compliant && *compliant > *total) {
    errors.Add(fields[kCompliantCost].column, "compliant_cost " + compliant->ToPlainString() +
                                                  " is above total_cost " + total->ToPlainString());
  }
  // A field refused while the record was split into texts told its error then, not here:
  // every value is checked for itself.
  if (!person_id || !hospital || !admitted || !discharged || !total || !compliant || !diagnosis ||
      !items || errors.count() > 0) {
    return std::nullopt;
  }
  Claim claim;
  claim.claim_id = std::move(claim_id);
  claim.person_id = std::move(*person_id);
  claim.hospital = std::move(*hospital);
  claim.admitted = *admitted;
  claim.discharged = *discharged;
  claim.total_cost_fen = total->fen();
  claim.compliant_cost_fen = compliant->fen();
  claim.diagnosis = std::move(*diagnosis);
  claim.items = std::move(*items);
  return claim;
}

// The claims of a file as its records are read: each record checked, claim ids checked
// against the earlier records', and the good records' claims kept.
class ClaimCollector {
 public:
  // `table`: a CSV file, whose records are rows; otherwise JSON Lines, lines.
  ClaimCollector(std::string_view file, bool table) : file_(file), table_(table) {}

  void Add(const ClaimText& text, RecordErrors& errors) {
    std::optional<std::string> claim_id = CheckClaimId(text.fields[kClaimId], errors);
    if (claim_id) {
      const auto [first, added] = line_of_claim_id_.try_emplace(*claim_id, errors.line());
      if (!added) {
        errors.Add(text.fields[kClaimId].column, "duplicate claim_id '" + *claim_id +
                                                     "' (first on " + (table_ ? "row " : "line ") +
                                                     std::to_string(first->second) + ")");
      }
    }
    std::optional<Claim> claim = CheckClaim(text, claim_id.value_or(std::string()), today_, errors);
    if (!claim || errors.count() > 0) return;  // a bad record: the file will be refused
    claim->location = table_ ? SourceLocation::InTable(file_, errors.line())
                             : SourceLocation::InText(file_, errors.line());
    claims_.push_back(std::move(*claim));
  }

  std::vector<Claim> Take() && { return std::move(claims_); }

 private:
  std::string file_;
  bool table_;
  // Resident IDs born after today are refused, as the registry's importer does.
  Date today_ = Date::Today();
  std::unordered_map<std::string, int> line_of_claim_id_;
  std::vector<Claim> claims_;
};

Status TooLarge(std::string_view file, size_t size) {
  return InvalidArgument(std::string(file) + ": " + std::to_string(size) +
                         " bytes; a claims file holds at most " +
                         std::to_string(kMaxClaimsFileBytes >> 20) + " MiB, split it");
}

// --- CSV ------------------------------------------------------------------------------

int LineNumber(int64_t line) {
  return line > INT_MAX ? INT_MAX : static_cast<int>(line);
}

// An error of the CSV reader (a malformed file) placed as this file's others are:
// "claims.csv:4:3: …" rather than the reader's "claims.csv: row 4: column 3: …".
Status AsLineAndColumn(const Status& status) {
  const SourceLocation& where = status.location();
  if (where.row == 0) return status;
  std::string_view message = status.message();
  int column = 0;
  if (message.starts_with("column ")) {
    const size_t colon = message.find(": ");
    const std::string_view digits =
        message.substr(7, colon == std::string_view::npos ? 0 : colon - 7);
    if (!digits.empty() && digits.size() <= 6 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      column = std::stoi(std::string(digits));
      message.remove_prefix(colon + 2);
    }
  }
  return Status(status.code(), std::string(message),
                SourceLocation::InText(where.file, where.row, column));
}

// The key of each column of the header. An unknown, repeated or missing column is an
// error of the whole file (its rows cannot be read): nullopt, with the errors told.
std::optional<std::vector<Key>> ReadCsvHeader(CsvReader& csv, ErrorList& errors) {
  const std::string& file = csv.file_name();
  const Result<bool> found = csv.Next();
  if (!found.ok()) {
    errors.Add(AsLineAndColumn(found.status()));
    return std::nullopt;
  }
  if (!*found) {
    errors.Add(SourceLocation::InText(file, 1), "the file is empty; a header row is required");
    return std::nullopt;
  }
  std::vector<Key> keys;
  std::array<int, kKeyCount> column_of_key{};  // 1-based; 0 = not in the header
  bool ok = true;
  for (size_t column = 0; column < csv.fields().size(); ++column) {
    const std::string_view name = csv.fields()[column];
    const int number = static_cast<int>(column) + 1;
    const std::optional<Key> key = KeyOf(name);
    if (!key) {
      errors.Add(SourceLocation::InText(file, 1, number), UnknownName("column", name, KeyNames()));
      ok = false;
      continue;
    }
    if (column_of_key[*key] != 0) {
      errors.Add(SourceLocation::InText(file, 1, number),
                 "column '" + std::string(name) + "' appears twice (also column " +
                     std::to_string(column_of_key[*key]) + ")");
      ok = false;
      continue;
    }
    column_of_key[*key] = number;
    keys.push_back(*key);
  }
  std::vector<std::string> missing;
  for (size_t key = 0; key < kKeyCount; ++key) {
    if (kKeys[key].required && column_of_key[key] == 0) {
      missing.push_back("'" + std::string(kKeys[key].name) + "'");
    }
  }
  if (!missing.empty()) {
    std::string listed;
    for (const std::string& name : missing) listed += (listed.empty() ? "" : ", ") + name;
    errors.Add(SourceLocation::InText(file, 1),
               (missing.size() == 1 ? "missing column " : "missing columns ") + listed);
    ok = false;
  }
  if (!ok) return std::nullopt;
  return keys;
}

// A CSV items field, "category:cost;category:cost", into its item texts.
void SplitCsvItems(ClaimText& text, RecordErrors& errors) {
  FieldText& field = text.fields[kItems];
  std::string_view rest = field.text;
  for (size_t number = 1;; ++number) {
    const size_t end = rest.find(';');
    const std::string_view piece = TrimSpaces(rest.substr(0, end));
    if (number > kMaxItemsPerClaim) {
      errors.Add(field.column, "items: more than " + std::to_string(kMaxItemsPerClaim) + " items");
      field.refused = true;
      return;
    }
    const size_t colon = piece.find(':');
    if (colon == std::string_view::npos) {
      errors.Add(field.column, "item " + std::to_string(number) + ": '" + std::string(piece) +
                                   "' is not category:cost");
      field.refused = true;
    } else {
      text.items.push_back({std::string(TrimSpaces(piece.substr(0, colon))),
                            std::string(TrimSpaces(piece.substr(colon + 1))), field.column,
                            field.column});
    }
    if (end == std::string_view::npos) return;
    rest.remove_prefix(end + 1);
  }
}

ClaimText CsvClaimText(const CsvReader& csv, const std::vector<Key>& keys, RecordErrors& errors) {
  ClaimText text;
  for (size_t column = 0; column < keys.size(); ++column) {
    FieldText& field = text.fields[keys[column]];
    field.given = true;
    field.text = csv.fields()[column];
    field.column = static_cast<int>(column) + 1;
  }
  if (!text.fields[kItems].text.empty()) SplitCsvItems(text, errors);
  return text;
}

// --- JSON Lines -----------------------------------------------------------------------

// Where each value of one JSON text starts, by path ("claim_id", "items/0/cost"), for the
// columns of errors: nlohmann's DOM (3.11) keeps no positions. It walks text nlohmann has
// accepted, keeps the paths of the first kTrackedDepth levels and notes keys given twice
// (which nlohmann would silently merge). A key written with escapes is not matched; its
// errors fall back to the enclosing value's column.
class ValuePositions {
 public:
  explicit ValuePositions(std::string_view text);

  // The 1-based byte column of the value at `path`, or `fallback`.
  int ColumnOf(const std::string& path, int fallback) const {
    const auto found = offsets_.find(path);
    return found == offsets_.end() ? fallback : static_cast<int>(found->second) + 1;
  }
  // Paths given twice, with the column of the second.
  const std::vector<std::pair<std::string, int>>& repeated() const { return repeated_; }

 private:
  // The claim object, its items array, an item object.
  static constexpr size_t kTrackedDepth = 3;

  struct Level {
    bool object;
    bool expecting_key;
    size_t index;      // the array element being read
    std::string path;  // the container's own path
  };

  std::optional<std::string> PathOfValue() const;
  void Record(const std::optional<std::string>& path, size_t offset);

  std::vector<Level> levels_;
  size_t untracked_depth_ = 0;  // containers open below kTrackedDepth
  std::string key_;             // the key of the member being read
  std::unordered_map<std::string, size_t> offsets_;
  std::vector<std::pair<std::string, int>> repeated_;
};

// True for the bytes after a number, true, false or null in valid JSON.
bool EndsScalar(char c) {
  return std::string_view(",]} \t\r\n").find(c) != std::string_view::npos;
}

ValuePositions::ValuePositions(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
      const bool is_key = untracked_depth_ == 0 && !levels_.empty() && levels_.back().object &&
                          levels_.back().expecting_key;
      if (is_key) {
        key_.assign(text.substr(i + 1, end - i - 2));
        levels_.back().expecting_key = false;
      } else {
        Record(PathOfValue(), i);
      }
      i = end;
    } else if (c == '{' || c == '[') {
      std::optional<std::string> path = PathOfValue();
      Record(path, i);
      if (untracked_depth_ > 0 || levels_.size() >= kTrackedDepth) {
        ++untracked_depth_;
      } else {
        levels_.push_back({c == '{', c == '{', 0, path.value_or("")});
      }
      ++i;
    } else if (c == '}' || c == ']') {
      if (untracked_depth_ > 0) {
        --untracked_depth_;
      } else if (!levels_.empty()) {
        levels_.pop_back();
      }
      ++i;
    } else if (c == ',') {
      if (untracked_depth_ == 0 && !levels_.empty()) {
        Level& level = levels_.back();
        level.expecting_key = level.object;
        if (!level.object) ++level.index;
      }
      ++i;
    } else if (c == ':' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else {  // a number, true, false or null
      Record(PathOfValue(), i);
      while (i < text.size() && !EndsScalar(text[i])) ++i;
    }
  }
}

std::optional<std::string> ValuePositions::PathOfValue() const {
  if (untracked_depth_ > 0) return std::nullopt;
  if (levels_.empty()) return std::string();
  const Level& level = levels_.back();
  const std::string step = level.object ? key_ : std::to_string(level.index);
  return level.path.empty() ? step : level.path + "/" + step;
}

void ValuePositions::Record(const std::optional<std::string>& path, size_t offset) {
  if (!path) return;
  const auto [at, added] = offsets_.try_emplace(*path, offset);
  if (!added) repeated_.emplace_back(*path, static_cast<int>(offset) + 1);
}

// The JSON value of a line; nullopt, with the error told at the parser's byte, when the
// line is not JSON.
std::optional<Json> ParseJsonLine(std::string_view line, RecordErrors& errors) {
  // nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1,
  // column 17: "; the place is ours to give.
  const auto reason = [](const Json::exception& error) {
    const std::string what = error.what();
    size_t start = what.find(", column ");
    start = start == std::string::npos ? what.find("] ") : what.find(": ", start);
    return "not JSON: " + (start == std::string::npos ? what : what.substr(start + 2));
  };
  try {
    return Json::parse(line);
  } catch (const Json::parse_error& error) {
    const size_t byte = std::clamp<size_t>(error.byte, 1, line.size() + 1);
    errors.Add(static_cast<int>(byte), reason(error));
  } catch (const Json::exception& error) {
    errors.Add(1, reason(error));
  }
  return std::nullopt;
}

bool IsMoneyKey(Key key) {
  return key == kTotalCost || key == kCompliantCost;
}

// A JSON value as a field's text: a string, or for money a whole number of yuan. nullopt,
// with the error told, for anything else.
std::optional<std::string> JsonFieldText(const Json& value, bool money, const std::string& name,
                                         int column, RecordErrors& errors) {
  if (value.is_string()) return value.get<std::string>();
  if (money && value.is_number_integer()) return value.dump();
  if (money && value.is_number_float()) {
    errors.Add(column, name + ": money is exact: give it as a string, e.g. \"12.30\"");
  } else {
    errors.Add(column, name + ": expected a string, got " + value.type_name());
  }
  return std::nullopt;
}

void SetJsonField(const Json& value, Key key, int column, ClaimText& text, RecordErrors& errors) {
  FieldText& field = text.fields[key];
  field.column = column;
  if (value.is_null() && !kKeys[key].required) return;  // absent
  std::optional<std::string> given =
      JsonFieldText(value, IsMoneyKey(key), std::string(field.name), column, errors);
  field.refused = !given;
  field.given = given.has_value();
  field.text = given.value_or(std::string());
}

// One element of "items": {"category": …, "cost": …}. False when it is refused.
bool AddJsonItem(const Json& item, size_t index, const ValuePositions& positions, int column,
                 ClaimText& text, RecordErrors& errors) {
  const std::string path = "items/" + std::to_string(index);
  const std::string label = "item " + std::to_string(index + 1);
  const int item_column = positions.ColumnOf(path, column);
  if (!item.is_object()) {
    errors.Add(item_column, label + ": expected an object {\"category\": …, \"cost\": …}, got " +
                                item.type_name());
    return false;
  }
  ItemText entry;
  entry.category_column = entry.cost_column = item_column;
  std::optional<std::string> category, cost;
  bool ok = true;
  for (const auto& [name, member] : item.items()) {
    const int member_column = positions.ColumnOf(path + "/" + name, item_column);
    if (name == "category") {
      category = JsonFieldText(member, false, label + ": category", member_column, errors);
      entry.category_column = member_column;
      ok = ok && category.has_value();
    } else if (name == "cost") {
      cost = JsonFieldText(member, true, label + ": cost", member_column, errors);
      entry.cost_column = member_column;
      ok = ok && cost.has_value();
    } else {
      errors.Add(member_column, label + ": " + UnknownName("key", name, {"category", "cost"}));
      ok = false;
    }
  }
  if (!item.contains("category")) errors.Add(item_column, label + ": missing key 'category'");
  if (!item.contains("cost")) errors.Add(item_column, label + ": missing key 'cost'");
  if (!ok || !category || !cost) return false;
  entry.category = std::move(*category);
  entry.cost = std::move(*cost);
  text.items.push_back(std::move(entry));
  return true;
}

void SetJsonItems(const Json& value, int column, const ValuePositions& positions, ClaimText& text,
                  RecordErrors& errors) {
  FieldText& field = text.fields[kItems];
  field.column = column;
  if (value.is_null()) return;
  field.refused = true;
  if (!value.is_array()) {
    errors.Add(column,
               std::string("items: expected an array of {\"category\": …, \"cost\": …}, got ") +
                   value.type_name());
    return;
  }
  if (value.size() > kMaxItemsPerClaim) {
    errors.Add(column, "items: more than " + std::to_string(kMaxItemsPerClaim) + " items");
    return;
  }
  bool ok = true;
  for (size_t index = 0; index < value.size(); ++index) {
    ok = AddJsonItem(value[index], index, positions, column, text, errors) && ok;
  }
  field.given = true;
  field.refused = !ok;
}

// A JSON line's object into its fields' texts; nullopt, with the error told, when the
// line is not a JSON object.
std::optional<ClaimText> JsonClaimText(std::string_view line, RecordErrors& errors) {
  const std::optional<Json> object = ParseJsonLine(line, errors);
  if (!object) return std::nullopt;
  if (!object->is_object()) {
    errors.Add(1,
               std::string("expected a JSON object {\"claim_id\": …}, got ") + object->type_name());
    return std::nullopt;
  }
  const ValuePositions positions(line);
  for (const auto& [path, column] : positions.repeated()) {
    errors.Add(column, "key '" + path + "' given twice");
  }
  ClaimText text;
  for (const auto& [name, value] : object->items()) {
    const int column = positions.ColumnOf(name, 1);
    const std::optional<Key> key = KeyOf(name);
    if (!key) {
      errors.Add(column, UnknownName("key", name, KeyNames()));
    } else if (*key == kItems) {
      SetJsonItems(value, column, positions, text, errors);
    } else {
      SetJsonField(value, *key, column, text, errors);
    }
  }
  return text;
}

bool IsBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Result<std::string> ReadBytes(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return NotFound("no file '" + path + "'");
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status(ErrorCode::kIo, "cannot read '" + path + "': " + error.message());
  if (size > kMaxClaimsFileBytes) return TooLarge(path, static_cast<size_t>(size));
  std::string bytes(static_cast<size_t>(size), '\0');
  std::ifstream file(path, std::ios::binary);
  file.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!file) return Status(ErrorCode::kIo, "cannot read '" + path + "'");
  return bytes;
}

}  // namespace

Result<std::vector<Claim>> ParseClaimsCsv(std::string bytes, std::string_view file_name) {
  if (bytes.size() > kMaxClaimsFileBytes) return TooLarge(file_name, bytes.size());
  Result<registry::DecodedText> decoded = registry::ToUtf8(std::move(bytes), file_name);
  if (!decoded.ok()) return decoded.status();
  CsvReader csv(decoded->text, std::string(file_name));
  ErrorList errors;
  const std::optional<std::vector<Key>> keys = ReadCsvHeader(csv, errors);
  if (!keys) return errors.ToStatus(file_name, kNothingRead);
  ClaimCollector claims(file_name, /*table=*/true);
  while (true) {
    const Result<bool> found = csv.Next();
    if (!found.ok()) {
      errors.Add(AsLineAndColumn(found.status()));  // malformed: the rest cannot be read reliably
      break;
    }
    if (!*found) break;
    RecordErrors record(errors, file_name, LineNumber(csv.line()));
    if (csv.fields().size() != keys->size()) {
      record.Add(0, csv.FieldCountMessage(keys->size()));
      continue;
    }
    claims.Add(CsvClaimText(csv, *keys, record), record);
  }
  if (!errors.empty()) return errors.ToStatus(file_name, kNothingRead);
  return std::move(claims).Take();
}

Result<std::vector<Claim>> ParseClaimsJsonl(std::string_view text, std::string_view file_name) {
  if (text.size() > kMaxClaimsFileBytes) return TooLarge(file_name, text.size());
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  ErrorList errors;
  ClaimCollector claims(file_name, /*table=*/false);
  int line_number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (IsBlank(line)) continue;
    RecordErrors record(errors, file_name, line_number);
    if (line.size() > kMaxClaimsLineBytes) {
      record.Add(0, "the line is " + std::to_string(line.size()) + " bytes long; at most " +
                        std::to_string(kMaxClaimsLineBytes));
      continue;
    }
    const std::optional<ClaimText> claim_text = JsonClaimText(line, record);
    if (claim_text) claims.Add(*claim_text, record);
  }
  if (!errors.empty()) return errors.ToStatus(file_name, kNothingRead);
  return std::move(claims).Take();
}

Result<std::vector<Claim>> ReadClaimsFile(const std::string& path) {
  const std::filesystem::path file_path(path);
  std::string extension = file_path.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension != ".csv" && extension != ".jsonl") {
    return InvalidArgument("'" + path + "': a claims file ends in .csv or .jsonl");
  }
  Result<std::string> bytes = ReadBytes(path);
  if (!bytes.ok()) return bytes.status();
  const std::string name = file_path.filename().string();
  if (extension == ".csv") return ParseClaimsCsv(std::move(*bytes), name);
  return ParseClaimsJsonl(*bytes, name);
}

Result<std::vector<uint32_t>> CheckAgainstRegistry(std::span<const Claim* const> claims,
                                                   const registry::RegistryView& view) {
  ErrorList errors;
  std::string first_file;
  std::vector<uint32_t> persons(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& claim = *claims[i];
    const SourceLocation& from = claim.location;
    const SourceLocation place =
        SourceLocation::InText(from.file, from.row > 0 ? from.row : from.line);
    persons[i] = view.person_ids().Find(claim.person_id);
    if (persons[i] == TextIndex::kNone) {
      errors.Add(place, "no person " + claim.person_id + " in the registry");
    }
    const registry::Org* org = view.FindOrg(claim.hospital);
    if (org == nullptr) {
      errors.Add(place, "no organisation '" + claim.hospital + "' in the registry");
    } else if (org->kind != "hospital") {
      errors.Add(place, "'" + claim.hospital + "' is an organisation of kind " + org->kind +
                            ", not a hospital");
    }
    if (first_file.empty() && !errors.empty()) first_file = from.file;
  }
  if (errors.empty()) return persons;
  return errors.ToStatus(first_file, "the claims do not match the registry");
}

}  // namespace minsheng::settle
