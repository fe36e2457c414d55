// RegionTable: parsing the data/regions.tsv format into a compact sorted table, and the
// look-ups on it. The built-in table's bytes come from region_data.cc, which CMake
// generates from data/regions.tsv with cmake/embed_text.cmake.
#include "core/region.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <utility>

#include "core/table_name.h"

namespace minsheng {

// Defined in the generated region_data.cc: the bytes of data/regions.tsv.
extern const unsigned char kRegionData[];
extern const std::size_t kRegionDataSize;

namespace {

// Limits on a table file. Real data is far inside them (20 revisions, names of at most
// 33 bytes, 141 KB); a file beyond them is broken, and the compact storage in
// RegionTable (uint8_t indexes and sizes, uint32_t offsets) relies on them.
constexpr size_t kRevisionsMax = 255;
// 40 CJK characters (table_name.h).
constexpr size_t kNameBytesMax = kTableNameBytesMax;
constexpr size_t kTextBytesMax = 64 << 20;  // 64 MiB
constexpr size_t kRevisionLabelBytesMax = 32;
constexpr size_t kQuotedInputBytesMax = 24;  // how much of a bad code an error quotes
constexpr std::string_view kRevisionsDirective = "# revisions:";
static_assert(kRevisionsMax <= std::numeric_limits<uint8_t>::max() + 1, "Spell revision index");
static_assert(kNameBytesMax <= std::numeric_limits<uint8_t>::max(), "Spell::name_size");
static_assert(kTextBytesMax <= std::numeric_limits<uint32_t>::max(), "Spell::name_offset");

// The code as a number if it is six ASCII digits. Look-ups use this rather than
// ValidateRegionCode so that a miss builds no error message.
std::optional<uint32_t> CodeNumber(std::string_view code) {
  if (code.size() != 6) return std::nullopt;
  uint32_t number = 0;
  for (const char digit : code) {
    if (digit < '0' || digit > '9') return std::nullopt;
    number = number * 10 + static_cast<uint32_t>(digit - '0');
  }
  return number;
}

// SourceLocation built by assignment: designated initializers that skip its trailing
// members draw -Wmissing-field-initializers.
SourceLocation Place(std::string_view file_name, int line_number = 0, int column = 0) {
  SourceLocation location;
  location.file = std::string(file_name);
  location.line = line_number;
  location.column = column;
  return location;
}

// The error location of a field: line, and the 1-based column in characters (not bytes,
// names are UTF-8) where the field starts.
SourceLocation FieldLocation(std::string_view file_name, int line_number, std::string_view line,
                             std::string_view field) {
  const auto field_start = static_cast<size_t>(field.data() - line.data());
  int column = 1;
  for (size_t i = 0; i < field_start; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return Place(file_name, line_number, column);
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Parses "# revisions: 200212 200306 … pcc-8.5.8" into the labels, oldest first.
Result<std::vector<std::string>> ParseRevisions(std::string_view labels) {
  std::vector<std::string> revisions;
  for (const std::string_view label : Split(labels, ' ')) {
    if (label.empty()) continue;  // runs of spaces
    if (label.size() > kRevisionLabelBytesMax) {
      return InvalidArgument(
          "revision label '" + std::string(label.substr(0, kQuotedInputBytesMax)) +
          "…' is longer than " + std::to_string(kRevisionLabelBytesMax) + " bytes");
    }
    if (std::find(revisions.begin(), revisions.end(), label) != revisions.end()) {
      return InvalidArgument("revision '" + std::string(label) + "' is listed twice");
    }
    revisions.emplace_back(label);
  }
  if (revisions.empty()) return InvalidArgument("the revisions line lists no revision");
  if (revisions.size() > kRevisionsMax) {
    return InvalidArgument("more than " + std::to_string(kRevisionsMax) + " revisions");
  }
  return revisions;
}

Result<uint8_t> RevisionIndex(const std::vector<std::string>& revisions, std::string_view label,
                              const char* field_name) {
  const auto found = std::find(revisions.begin(), revisions.end(), label);
  if (found == revisions.end()) {
    return InvalidArgument(std::string(field_name) + " revision '" +
                           std::string(label.substr(0, kQuotedInputBytesMax)) +
                           "' is not in the revisions line");
  }
  return static_cast<uint8_t>(found - revisions.begin());
}

std::string CodeText(uint32_t number) {
  char text[16];  // room for any uint32_t, though codes have 6 digits
  std::snprintf(text, sizeof text, "%06u", static_cast<unsigned>(number));
  return text;
}

// Prefecture-level codes that only group counties: the 市辖区 and 县 of a 直辖市, and the
// 省直辖县级行政区划 (and its older spellings) of counties under a province directly.
bool IsGroupingPlaceholder(std::string_view name) {
  return name == "市辖区" || name == "县" || name.find("直辖") != std::string_view::npos;
}

}  // namespace

Result<std::string> ValidateRegionCode(std::string_view code) {
  if (code.empty()) return InvalidArgument("region code is empty");
  const std::string quoted = code.size() > kQuotedInputBytesMax
                                 ? std::string(code.substr(0, kQuotedInputBytesMax)) + "…"
                                 : std::string(code);
  // Counted in characters, not bytes: the mistake may be a full-width digit (３).
  size_t characters = 0;
  size_t first_non_digit = 0;  // 1-based; 0 when every character is a digit
  for (const char byte : code) {
    characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
    // A stray continuation byte before any character still counts as position 1.
    if (first_non_digit == 0 && (byte < '0' || byte > '9')) {
      first_non_digit = std::max<size_t>(characters, 1);
    }
  }
  if (characters != 6) {
    return InvalidArgument("region code '" + quoted + "' has " + std::to_string(characters) +
                           " characters, needs 6 digits");
  }
  if (first_non_digit != 0) {
    return InvalidArgument("region code '" + quoted + "' has a non-digit at position " +
                           std::to_string(first_non_digit));
  }
  return std::string(code);
}

// One data line, checked field by field; the table checks order in Append.
struct RegionTable::SpellLine {
  uint32_t code_number;
  std::string_view name;
  uint8_t first_revision;
  uint8_t last_revision;
};

Result<RegionTable::SpellLine> RegionTable::ParseSpellLine(
    std::string_view line, const std::vector<std::string>& revisions, std::string_view file_name,
    int line_number) {
  const std::vector<std::string_view> fields = Split(line, '\t');
  if (fields.size() != 4) {
    return InvalidArgument("expected 4 tab-separated fields (code, name, first, last), found " +
                           std::to_string(fields.size()))
        .At(Place(file_name, line_number));
  }
  const auto at = [&](std::string_view field) {
    return FieldLocation(file_name, line_number, line, field);
  };
  const Result<std::string> code = ValidateRegionCode(fields[0]);
  if (!code.ok()) return code.status().At(at(fields[0]));
  if (const std::string problem = TableNameProblem(fields[1]); !problem.empty()) {
    return InvalidArgument(problem).At(at(fields[1]));
  }
  const Result<uint8_t> first = RevisionIndex(revisions, fields[2], "first");
  if (!first.ok()) return first.status().At(at(fields[2]));
  const Result<uint8_t> last = RevisionIndex(revisions, fields[3], "last");
  if (!last.ok()) return last.status().At(at(fields[3]));
  if (*first > *last) {
    return InvalidArgument("last revision '" + std::string(fields[3]) + "' comes before first '" +
                           std::string(fields[2]) + "'")
        .At(at(fields[3]));
  }
  return SpellLine{.code_number = *CodeNumber(*code),
                   .name = fields[1],
                   .first_revision = *first,
                   .last_revision = *last};
}

Result<RegionTable> RegionTable::Parse(std::string_view tsv_text, std::string_view file_name) {
  const SourceLocation file_location = Place(file_name);
  if (tsv_text.size() > kTextBytesMax) {
    return InvalidArgument("file is larger than " + std::to_string(kTextBytesMax) + " bytes")
        .At(file_location);
  }
  RegionTable table;
  int revisions_line_number = 0;
  int line_number = 0;
  for (std::string_view line : Split(tsv_text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a CRLF file
    const SourceLocation line_location = Place(file_name, line_number);
    if (line.starts_with(kRevisionsDirective)) {
      if (revisions_line_number != 0) {
        return InvalidArgument("second revisions line (the first is line " +
                               std::to_string(revisions_line_number) + ")")
            .At(line_location);
      }
      auto revisions = ParseRevisions(line.substr(kRevisionsDirective.size()));
      if (!revisions.ok()) return revisions.status().At(line_location);
      table.revisions_ = std::move(revisions).value();
      revisions_line_number = line_number;
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    if (revisions_line_number == 0) {
      return InvalidArgument("a '# revisions: …' line must come before the first region line")
          .At(line_location);
    }
    const Result<SpellLine> spell = ParseSpellLine(line, table.revisions_, file_name, line_number);
    if (!spell.ok()) return spell.status();
    if (Status appended = table.Append(*spell); !appended.ok()) return appended.At(line_location);
  }
  if (table.codes_.empty()) return InvalidArgument("no region lines").At(file_location);
  return table;
}

Status RegionTable::Append(const SpellLine& spell) {
  const bool same_code = !codes_.empty() && codes_.back().number == spell.code_number;
  if (!codes_.empty() && codes_.back().number > spell.code_number) {
    return InvalidArgument("code " + CodeText(spell.code_number) + " comes after " +
                           CodeText(codes_.back().number) + "; lines must be sorted by code");
  }
  if (same_code && spells_.back().last_revision >= spell.first_revision) {
    return InvalidArgument("spell of " + CodeText(spell.code_number) + " from '" +
                           revisions_[spell.first_revision] +
                           "' does not start after the previous one, which ends at '" +
                           revisions_[spells_.back().last_revision] + "'");
  }
  if (!same_code) {
    codes_.push_back(Code{.number = spell.code_number,
                          .first_spell = static_cast<uint32_t>(spells_.size()),
                          .spell_count = 0});
  }
  // Spells of one code do not overlap, so a code has at most kRevisionsMax of them.
  ++codes_.back().spell_count;
  spells_.push_back(Spell{.name_offset = static_cast<uint32_t>(names_.size()),
                          .name_size = static_cast<uint8_t>(spell.name.size()),
                          .first_revision = spell.first_revision,
                          .last_revision = spell.last_revision});
  names_.append(spell.name);
  return Status::Ok();
}

const RegionTable& RegionTable::Builtin() {
  // A function-local static: initialized once, thread-safely, on first use.
  static const RegionTable table = [] {
    const std::string_view text(reinterpret_cast<const char*>(kRegionData), kRegionDataSize);
    Result<RegionTable> parsed = Parse(text, "data/regions.tsv");
    if (!parsed.ok()) {
      // The build embedded a file that does not parse: a bug in minsheng, not in input.
      std::fprintf(stderr, "minsheng: built-in region table: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return table;
}

const RegionTable::Code* RegionTable::Lookup(std::string_view code) const {
  const std::optional<uint32_t> number = CodeNumber(code);
  if (!number) return nullptr;
  const auto found =
      std::lower_bound(codes_.begin(), codes_.end(), *number,
                       [](const Code& entry, uint32_t wanted) { return entry.number < wanted; });
  if (found == codes_.end() || found->number != *number) return nullptr;
  return &*found;
}

Region RegionTable::Materialize(const Code& code) const {
  Region region;
  region.code = CodeText(code.number);
  region.level = code.number % 10000 == 0 ? RegionLevel::kProvince
                 : code.number % 100 == 0 ? RegionLevel::kCity
                                          : RegionLevel::kCounty;
  region.names.reserve(code.spell_count);
  for (uint32_t i = code.first_spell; i < code.first_spell + code.spell_count; ++i) {
    const Spell& spell = spells_[i];
    region.names.push_back(RegionName{.name = names_.substr(spell.name_offset, spell.name_size),
                                      .first_revision = revisions_[spell.first_revision],
                                      .last_revision = revisions_[spell.last_revision]});
  }
  region.current =
      spells_[code.first_spell + code.spell_count - 1].last_revision + 1u == revisions_.size();
  return region;
}

std::optional<Region> RegionTable::Find(std::string_view code) const {
  const Code* entry = Lookup(code);
  if (entry == nullptr) return std::nullopt;
  return Materialize(*entry);
}

bool RegionTable::Existed(std::string_view code) const {
  return Lookup(code) != nullptr;
}

RegionPath RegionTable::PathOf(std::string_view code) const {
  std::optional<Region> region = Find(code);
  if (!region) return {};
  RegionPath path;
  const std::string province_code = region->code.substr(0, 2) + "0000";
  const std::string city_code = region->code.substr(0, 4) + "00";
  switch (region->level) {
    case RegionLevel::kProvince: path.province = std::move(region); break;
    case RegionLevel::kCity:
      path.province = Find(province_code);
      path.city = std::move(region);  // asked for by code, so kept even if a placeholder
      break;
    case RegionLevel::kCounty:
      path.province = Find(province_code);
      path.city = Find(city_code);
      if (path.city && IsGroupingPlaceholder(path.city->name())) path.city.reset();
      path.county = std::move(region);
      break;
  }
  return path;
}

std::string RegionPath::FullName() const {
  std::string full_name;
  for (const std::optional<Region>* part : {&province, &city, &county}) {
    if (!part->has_value()) continue;
    if (!full_name.empty()) full_name += ' ';
    full_name += (*part)->name();
  }
  return full_name;
}

}  // namespace minsheng
