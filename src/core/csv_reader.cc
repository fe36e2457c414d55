// CsvReader (csv_reader.h): an RFC 4180 scanner over text held in memory.
//
// Plain fields are found with one table lookup per byte and returned as views, so a
// typical row costs no allocation; only quoted fields with doubled quotes are copied.
#include "core/csv_reader.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>


namespace minsheng {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The bytes that end a plain field or may not appear in one.
constexpr std::array<bool, 256> MakeSpecialBytes() {
  std::array<bool, 256> special{};
  special[static_cast<unsigned char>(',')] = true;
  special[static_cast<unsigned char>('\n')] = true;
  special[static_cast<unsigned char>('\r')] = true;
  special[static_cast<unsigned char>('"')] = true;
  return special;
}
constexpr std::array<bool, 256> kSpecialBytes = MakeSpecialBytes();

bool IsSpace(char c) {
  return c == ' ' || c == '\t';
}

// The 1-based line as SourceLocation holds it (an int); lines past INT_MAX, possible only
// in files of gigabytes of line feeds inside quotes, are reported as INT_MAX.
int LocationRow(int64_t line) {
  return line > INT_MAX ? INT_MAX : static_cast<int>(line);
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string file_name)
    : text_(text), file_name_(std::move(file_name)) {
  if (text_.starts_with(kByteOrderMark)) position_ = kByteOrderMark.size();
}

Result<bool> CsvReader::Next() {
  fields_.clear();
  escaped_fields_.clear();
  scratch_.clear();
  if (position_ >= text_.size()) return false;
  record_line_ = line_;
  Step step = Step::kNextField;
  while (step == Step::kNextField) step = ReadField();
  if (step == Step::kFailed) return error_;
  if (!escaped_fields_.empty()) ResolveEscapedFields();
  const bool blank = fields_.size() == 1 && fields_[0].empty() && !last_field_quoted_;
  if (!blank) return true;
  // An empty line ends the table only when nothing but empty lines follows it; inside
  // the table it is more likely a mistake than a record with one empty field.
  if (RestIsBlank()) {
    position_ = text_.size();
    return false;
  }
  return Error(-1, "empty line; only the end of the file may have empty lines");
}

size_t CsvReader::CountLineFeeds() const {
  // memchr is vectorised in every C library; std::count over chars often is not.
  size_t count = 0;
  const char* cursor = text_.data();
  const char* end = text_.data() + text_.size();
  while (cursor < end) {
    const void* found = std::memchr(cursor, '\n', static_cast<size_t>(end - cursor));
    if (found == nullptr) break;
    ++count;
    cursor = static_cast<const char*>(found) + 1;
  }
  return count;
}

void CsvReader::SetColumnNames(const std::vector<std::string_view>& names) {
  column_names_.assign(names.begin(), names.end());
}

Status CsvReader::Error(int column, std::string_view message, ErrorCode code) const {
  return ErrorAt(record_line_, column, message, code);
}

Status CsvReader::ErrorAt(int64_t line, int column, std::string_view message,
                          ErrorCode code) const {
  std::string field;
  std::string text;
  if (column >= 0) {
    if (static_cast<size_t>(column) < column_names_.size()) field = column_names_[column];
    text = "column " + std::to_string(column + 1) + ": ";
  }
  text += message;
  return Status(code, std::move(text),
                SourceLocation::InTable(file_name_, LocationRow(line), std::move(field)));
}

CsvReader::Step CsvReader::Fail(int column, std::string_view message) {
  error_ = Error(column, message);
  return Step::kFailed;
}

CsvReader::Step CsvReader::ReadField() {
  while (position_ < text_.size() && IsSpace(text_[position_])) ++position_;
  if (position_ < text_.size() && text_[position_] == '"') return ReadQuotedField();
  return ReadPlainField();
}

CsvReader::Step CsvReader::ReadPlainField() {
  const char* begin = text_.data() + position_;
  const char* end = text_.data() + text_.size();
  const char* cursor = begin;
  while (cursor < end && !kSpecialBytes[static_cast<unsigned char>(*cursor)]) ++cursor;
  if (cursor < end && *cursor == '"') {
    return Fail(static_cast<int>(fields_.size()),
                "a quote inside an unquoted field; quote the whole field and double the "
                "quotes inside it (\"a \"\"b\"\" c\")");
  }
  std::string_view field(begin, static_cast<size_t>(cursor - begin));
  while (!field.empty() && IsSpace(field.back())) field.remove_suffix(1);
  position_ = static_cast<size_t>(cursor - text_.data());
  last_field_quoted_ = false;
  return AddField(field) ? EndField() : Step::kFailed;
}

CsvReader::Step CsvReader::ReadQuotedField() {
  const size_t content_begin = position_ + 1;
  size_t cursor = content_begin;
  bool has_escapes = false;
  while (true) {
    const size_t quote = text_.find('"', cursor);
    if (quote == std::string_view::npos) {
      return Fail(static_cast<int>(fields_.size()),
                  "a quoted field is never closed (it starts on this row)");
    }
    if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
      has_escapes = true;
      cursor = quote + 2;
      continue;
    }
    cursor = quote;
    break;
  }
  const std::string_view content = text_.substr(content_begin, cursor - content_begin);
  line_ += std::count(content.begin(), content.end(), '\n');
  position_ = cursor + 1;
  while (position_ < text_.size() && IsSpace(text_[position_])) ++position_;
  last_field_quoted_ = true;
  if (!has_escapes) return AddField(content) ? EndField() : Step::kFailed;
  escaped_fields_.push_back({fields_.size(), scratch_.size()});
  UnescapeInto(content);
  const std::string_view unescaped =
      std::string_view(scratch_).substr(escaped_fields_.back().scratch_offset);
  return AddField(unescaped) ? EndField() : Step::kFailed;
}

// Consumes what follows a field: a comma (another field follows), a line end or the end
// of the text (the record ends). Anything else is text after a closing quote.
CsvReader::Step CsvReader::EndField() {
  if (position_ >= text_.size()) return Step::kEndOfRecord;
  const char next = text_[position_];
  if (next == ',') {
    ++position_;
    return Step::kNextField;
  }
  if (next == '\n') {
    ++position_;
    ++line_;
    return Step::kEndOfRecord;
  }
  if (next == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n') {
    position_ += 2;
    ++line_;
    return Step::kEndOfRecord;
  }
  const int column = static_cast<int>(fields_.size()) - 1;
  if (next == '\r') return Fail(column, "a carriage return not followed by a line feed");
  return Fail(column,
              "text after the closing quote of a quoted field; a quote inside a quoted "
              "field is written twice (\"\")");
}

bool CsvReader::AddField(std::string_view field) {
  if (fields_.size() >= kCsvMaxColumns || field.size() > kCsvMaxFieldBytes) {
    FailAddField(field);
    return false;
  }
  fields_.push_back(field);
  return true;
}

void CsvReader::FailAddField(std::string_view field) {
  const int column = static_cast<int>(fields_.size());
  if (fields_.size() >= kCsvMaxColumns) {
    Fail(column, "more than " + std::to_string(kCsvMaxColumns) + " fields in a row");
  } else {
    Fail(column, "the field is " + std::to_string(field.size()) + " bytes long; the limit is " +
                     std::to_string(kCsvMaxFieldBytes));
  }
}

void CsvReader::UnescapeInto(std::string_view quoted_content) {
  for (size_t i = 0; i < quoted_content.size(); ++i) {
    scratch_.push_back(quoted_content[i]);
    if (quoted_content[i] == '"') ++i;  // the second quote of a doubled pair
  }
}

void CsvReader::ResolveEscapedFields() {
  for (const EscapedField& escaped : escaped_fields_) {
    const size_t size = fields_[escaped.field_index].size();
    fields_[escaped.field_index] = std::string_view(scratch_).substr(escaped.scratch_offset, size);
  }
}

bool CsvReader::RestIsBlank() const {
  return std::all_of(text_.begin() + static_cast<std::ptrdiff_t>(position_), text_.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

std::string CsvReader::FieldCountMessage(size_t expected) const {
  return "expected " + std::to_string(expected) + " fields, as in the header, but found " +
         std::to_string(fields_.size());
}

}  // namespace minsheng
