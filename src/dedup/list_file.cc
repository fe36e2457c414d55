#include "dedup/list_file.h"

#include <array>
#include <filesystem>
#include <unordered_map>

#include "core/csv_reader.h"
#include "core/error_list.h"
#include "core/read_file.h"
#include "registry/encoding.h"

namespace minsheng::dedup {
namespace {

constexpr std::string_view kNothingRead = "the list was not read";

enum Column { kRecordId, kResidentId, kName, kSex, kBirthDate, kRegion, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "record_id", "resident_id", "name", "sex", "birth_date", "region"};
constexpr std::array<bool, kColumnCount> kRequired = {true, true, true, false, false, false};

std::string StemOf(const std::string& file_name) {
  return std::filesystem::path(file_name).stem().string();
}

}  // namespace

Result<EnrollmentList> ParseList(std::string text, std::string file_name) {
  EnrollmentList list;
  list.name = StemOf(file_name);
  list.file_name = file_name;
  list.text = std::make_unique<std::string>(std::move(text));
  const std::string display = std::filesystem::path(file_name).filename().string();
  CsvReader csv(*list.text, display);
  ErrorList errors;

  // The header: each known column once; the required ones present.
  auto found = csv.Next();
  if (!found.ok()) return found.status();
  if (!*found) return InvalidArgument(display + ": the file is empty; expected a header row");
  std::vector<std::string_view> names = csv.fields();
  csv.SetColumnNames(names);
  std::array<int, kColumnCount> column_of = {-1, -1, -1, -1, -1, -1};
  for (size_t column = 0; column < names.size(); ++column) {
    bool known = false;
    for (int field = 0; field < kColumnCount; ++field) {
      if (names[column] != kColumnNames[static_cast<size_t>(field)]) continue;
      known = true;
      if (column_of[static_cast<size_t>(field)] >= 0) {
        errors.Add(csv.Error(static_cast<int>(column), "column '" + std::string(names[column]) + "' twice"));
      }
      column_of[static_cast<size_t>(field)] = static_cast<int>(column);
    }
    if (!known) list.ignored_columns.emplace_back(names[column]);
  }
  for (int field = 0; field < kColumnCount; ++field) {
    if (kRequired[static_cast<size_t>(field)] && column_of[static_cast<size_t>(field)] < 0) {
      errors.Add(csv.Error(-1, "no column '" + std::string(kColumnNames[static_cast<size_t>(field)]) +
                                   "' (required: record_id, resident_id, name)"));
    }
  }
  if (!errors.empty()) return errors.ToStatus(display, kNothingRead);

  // The rows: each record_id once, a name in each.
  list.records.reserve(csv.CountLineFeeds());
  std::unordered_map<std::string_view, int64_t> row_of_id;
  row_of_id.reserve(csv.CountLineFeeds());
  int64_t row = 0;
  for (;;) {
    auto next = csv.Next();
    if (!next.ok()) {
      errors.Add(next.status());
      break;  // the reader cannot find where the next record starts
    }
    if (!*next) break;
    row = csv.line();  // as the reader names rows: the header is row 1
    const std::vector<std::string_view>& fields = csv.fields();
    if (fields.size() != names.size()) {
      errors.Add(csv.Error(-1, csv.FieldCountMessage(names.size())));
      continue;
    }
    auto field = [&](Column which) -> std::string_view {
      const int column = column_of[which];
      return column < 0 ? std::string_view() : fields[static_cast<size_t>(column)];
    };
    RawRecord record;
    record.row = row;
    record.record_id = field(kRecordId);
    record.resident_id = field(kResidentId);
    record.name = field(kName);
    record.sex = field(kSex);
    record.birth_date = field(kBirthDate);
    record.region = field(kRegion);
    if (record.record_id.empty()) {
      errors.Add(csv.Error(column_of[kRecordId], "empty record_id"));
      continue;
    }
    if (record.name.empty()) {
      errors.Add(csv.Error(column_of[kName], "empty name"));
      continue;
    }
    // A field the reader unescaped lives in its buffer until the next row: keep a copy.
    for (std::string_view* view : {&record.record_id, &record.resident_id, &record.name,
                                   &record.sex, &record.birth_date, &record.region}) {
      const char* begin = list.text->data();
      if (view->empty() || (view->data() >= begin && view->data() < begin + list.text->size())) {
        continue;
      }
      list.unescaped.push_back(std::make_unique<std::string>(*view));
      *view = *list.unescaped.back();
    }
    const auto [place, inserted] = row_of_id.emplace(record.record_id, row);
    if (!inserted) {
      errors.Add(csv.Error(column_of[kRecordId], "record_id '" + std::string(record.record_id) +
                                                     "' again (first in row " +
                                                     std::to_string(place->second) + ")"));
      continue;
    }
    list.records.push_back(record);
  }
  if (!errors.empty()) return errors.ToStatus(display, kNothingRead);
  return list;
}

Result<EnrollmentList> ReadList(const std::string& path) {
  auto bytes = ReadFileAtMost(path, kMaxListFileBytes,
                              "'" + path + "' is larger than " +
                                  std::to_string(kMaxListFileBytes >> 20) + " MiB; split it");
  if (!bytes.ok()) return bytes.status();
  const std::string display = std::filesystem::path(path).filename().string();
  auto decoded = registry::ToUtf8(std::move(*bytes), display);
  if (!decoded.ok()) return decoded.status();
  return ParseList(std::move(decoded->text), path);
}

}  // namespace minsheng::dedup
