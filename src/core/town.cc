// TownTable: parsing the data/towns.tsv format into a sorted vector, and the look-ups on
// it. The built-in table's bytes come from town_data.cc, which CMake generates from
// data/towns.tsv with cmake/embed_text.cmake.
#include "core/town.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/table_name.h"

namespace minsheng {

// Defined in the generated town_data.cc: the bytes of data/towns.tsv.
extern const unsigned char kTownData[];
extern const std::size_t kTownDataSize;

namespace {

// Limits on a town file. The real one has about 40,500 towns in 0.9 MB.
constexpr size_t kTextBytesMax = 64 << 20;  // 64 MiB
constexpr size_t kCodeDigits = 9;
constexpr size_t kCountyDigits = 6;
constexpr size_t kQuotedInputBytesMax = 24;  // how much of a bad code an error quotes
constexpr std::string_view kStreetSuffix = "街道";

bool IsDigits(std::string_view text, size_t count) {
  return text.size() == count &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 1-based column, counted in characters (the file is UTF-8), where `field` starts in `line`.
int ColumnOf(std::string_view line, std::string_view field) {
  const auto field_start = static_cast<size_t>(field.data() - line.data());
  int column = 1;
  for (size_t i = 0; i < field_start; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// Why a code is not 9 ASCII digits, or "" if it is; characters are counted, not bytes, as
// the mistake may be a full-width digit (３).
std::string CodeProblem(std::string_view code) {
  const std::string quoted = code.size() > kQuotedInputBytesMax
                                 ? std::string(code.substr(0, kQuotedInputBytesMax)) + "…"
                                 : std::string(code);
  size_t characters = 0;
  for (const char byte : code) characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  if (characters != kCodeDigits) {
    return "town code '" + quoted + "' has " + std::to_string(characters) +
           " characters, needs 9 digits";
  }
  if (!IsDigits(code, kCodeDigits)) return "town code '" + quoted + "' is not all digits";
  return "";
}

// One data line, "code<TAB>name", checked field by field.
Result<Town> ParseTownLine(std::string_view line, std::string_view file_name, int line_number) {
  const auto at = [&](std::string_view field) {
    return SourceLocation::InText(std::string(file_name), line_number, ColumnOf(line, field));
  };
  const size_t tab = line.find('\t');
  if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos) {
    const auto fields = std::count(line.begin(), line.end(), '\t') + 1;
    return InvalidArgument("expected 2 tab-separated fields (code, name), found " +
                           std::to_string(fields))
        .At(SourceLocation::InText(std::string(file_name), line_number));
  }
  const std::string_view code = line.substr(0, tab);
  const std::string_view name = line.substr(tab + 1);
  if (const std::string problem = CodeProblem(code); !problem.empty()) {
    return InvalidArgument(problem).At(at(code));
  }
  if (const std::string problem = TableNameProblem(name); !problem.empty()) {
    return InvalidArgument(problem).At(at(name));
  }
  return Town{.code = std::string(code), .name = std::string(name)};
}

}  // namespace

bool Town::IsStreet() const {
  return std::string_view(name).ends_with(kStreetSuffix);
}

Result<TownTable> TownTable::Parse(std::string_view tsv_text, std::string_view file_name) {
  if (tsv_text.size() > kTextBytesMax) {
    return InvalidArgument("file is larger than " + std::to_string(kTextBytesMax) + " bytes")
        .At(SourceLocation::InText(std::string(file_name), 0));
  }
  TownTable table;
  int line_number = 0;
  size_t start = 0;
  while (start < tsv_text.size()) {
    size_t end = tsv_text.find('\n', start);
    if (end == std::string_view::npos) end = tsv_text.size();
    std::string_view line = tsv_text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a CRLF file
    if (line.empty() || line.front() == '#') continue;
    Result<Town> town = ParseTownLine(line, file_name, line_number);
    if (!town.ok()) return town.status();
    if (!table.towns_.empty() && table.towns_.back().code >= town->code) {
      const std::string& previous = table.towns_.back().code;
      return InvalidArgument(previous == town->code
                                 ? "town " + town->code + " appears twice"
                                 : "town " + town->code + " comes after " + previous +
                                       "; lines must be sorted by code")
          .At(SourceLocation::InText(std::string(file_name), line_number, 1));
    }
    table.towns_.push_back(std::move(town).value());
  }
  if (table.towns_.empty()) {
    return InvalidArgument("no town lines").At(SourceLocation::InText(std::string(file_name), 0));
  }
  return table;
}

const TownTable& TownTable::Builtin() {
  // A function-local static: initialized once, thread-safely, on first use.
  static const TownTable table = [] {
    const std::string_view text(reinterpret_cast<const char*>(kTownData), kTownDataSize);
    Result<TownTable> parsed = Parse(text, "data/towns.tsv");
    if (!parsed.ok()) {
      // The build embedded a file that does not parse: a bug in minsheng, not in input.
      std::fprintf(stderr, "minsheng: built-in town table: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return table;
}

const Town* TownTable::Find(std::string_view code) const {
  if (!IsDigits(code, kCodeDigits)) return nullptr;
  const auto found = std::lower_bound(
      towns_.begin(), towns_.end(), code,
      [](const Town& town, std::string_view wanted) { return town.code < wanted; });
  if (found == towns_.end() || found->code != code) return nullptr;
  return &*found;
}

std::span<const Town> TownTable::Of(std::string_view county_code) const {
  if (!IsDigits(county_code, kCountyDigits)) return {};
  // A county's towns are contiguous: every code that starts with its six digits.
  const auto first = std::lower_bound(
      towns_.begin(), towns_.end(), county_code,
      [](const Town& town, std::string_view county) { return town.code < county; });
  const auto last = std::find_if(first, towns_.end(), [county_code](const Town& town) {
    return !town.code.starts_with(county_code);
  });
  return std::span<const Town>(first, last);
}

}  // namespace minsheng
