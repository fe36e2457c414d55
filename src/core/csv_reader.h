// CsvReader: splits RFC 4180 text into records of fields (docs/csv.md, CSV syntax): the
// engine's population files and the registry's import files.
//
// Comma separated; fields may be double-quoted, with "" for a quote and commas, CR and
// LF kept inside quotes; records end with LF or CRLF. A UTF-8 byte order mark at the
// start is skipped, spaces and tabs around a field (outside its quotes) are dropped, and
// empty lines are allowed only at the end. Fields are views into the text, except quoted
// fields with doubled quotes, which are unescaped into a buffer the reader owns: every
// view is valid until the next call to Next(). Errors carry the file name, the line on
// which the record starts and, once SetColumnNames was called, the column's name. Not
// thread-safe; the text must outlive the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace minsheng {

// Limits of every CSV file minsheng reads, so a malformed or hostile file fails with a
// clear message instead of running out of memory or overflowing an index.
//
// No id, amount, date or enum value needs more than a few dozen bytes; 4 KiB is generous
// and bounds what a missing closing quote can swallow before the error.
inline constexpr size_t kCsvMaxFieldBytes = 4096;
// A pack has tens of input variables, not thousands; a row past this is not a table.
inline constexpr size_t kCsvMaxColumns = 1024;
// The engine's IdColumn keeps 32-bit offsets and its loader 32-bit row and line numbers:
// files must be smaller than 4 GiB (about 60M persons at 70 bytes a row).
inline constexpr uint64_t kCsvMaxFileBytes = uint64_t{1} << 32;

class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file_name);

  // Reads the next record: true when there is one, false at the end of the text.
  Result<bool> Next();

  const std::vector<std::string_view>& fields() const { return fields_; }
  // The 1-based line on which the current record starts (the header is line 1).
  int64_t line() const { return record_line_; }
  const std::string& file_name() const { return file_name_; }
  // The number of line feeds in the text: an upper bound on the number of records, so
  // callers can reserve.
  size_t CountLineFeeds() const;

  // Names the columns (from the header) for the field of error locations.
  void SetColumnNames(const std::vector<std::string_view>& names);

  // An error at the current record, in column `column` (0-based; -1 for the whole
  // record): "persons.csv: row 7: field 'income': column 3: message".
  Status Error(int column, std::string_view message,
               ErrorCode code = ErrorCode::kInvalidArgument) const;
  // "expected 7 fields, as in the header, but found 2": for a record whose number of
  // fields is not the header's (every reader of a CSV file with a header checks it).
  std::string FieldCountMessage(size_t expected) const;
  // The same at an earlier record, for checks made after the rows were read.
  Status ErrorAt(int64_t line, int column, std::string_view message,
                 ErrorCode code = ErrorCode::kInvalidArgument) const;

 private:
  // What reading one field led to. The steps of Next() store an error in error_ and
  // return kFailed: a Status per field would cost more than the field's scan.
  enum class Step { kNextField, kEndOfRecord, kFailed };

  Step ReadField();
  Step ReadPlainField();
  Step ReadQuotedField();
  Step EndField();
  bool AddField(std::string_view field);
  Step Fail(int column, std::string_view message);
  void FailAddField(std::string_view field);
  void UnescapeInto(std::string_view quoted_content);
  void ResolveEscapedFields();
  bool RestIsBlank() const;

  std::string_view text_;
  std::string file_name_;
  std::vector<std::string> column_names_;
  Status error_;
  size_t position_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 1;

  std::vector<std::string_view> fields_;
  bool last_field_quoted_ = false;
  // Unescaped quoted fields live in scratch_; their views are set once the record is
  // complete, since scratch_ may move while it grows.
  std::string scratch_;
  struct EscapedField {
    size_t field_index;
    size_t scratch_offset;
  };
  std::vector<EscapedField> escaped_fields_;
};

}  // namespace minsheng
