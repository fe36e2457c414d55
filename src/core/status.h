// Status and Result<T>: errors as values.
//
// A Status is OK or carries an ErrorCode, a message and, for errors in user input, the
// place the input went wrong (file:line:column for text, file/row/field for tables).
// Result<T> holds either a T or a non-OK Status. Both are [[nodiscard]]: an ignored error
// is a compile warning (an error in CI). Values; thread-compatible (no shared state).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace minsheng {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // user input that does not parse or does not validate
  kOutOfRange,       // a value outside what the domain allows (a date in the future)
  kOverflow,         // arithmetic that would leave int64
  kNotFound,         // a named thing that does not exist
  kAlreadyExists,    // a caller-chosen id that was used before
  kFailedPrecondition,
  kIo,        // a file or device failed
  kInternal,  // a bug in minsheng: never the user's fault
};

// Returns the code's name, e.g. "invalid argument".
const char* ErrorCodeName(ErrorCode code);

// Where in user input an error is. Text input uses line and column (1-based; 0 = not
// known); tabular input uses row (1-based data row) and field. file may be empty for
// input typed on a command line.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  int row = 0;
  std::string field;

  // A place in a text file; line and column 1-based, 0 when not known.
  static SourceLocation InText(std::string file, int line, int column = 0) {
    SourceLocation location;
    location.file = std::move(file);
    location.line = line;
    location.column = column;
    return location;
  }
  // A place in a table (CSV): the 1-based data row and the field's name.
  static SourceLocation InTable(std::string file, int row, std::string field = "") {
    SourceLocation location;
    location.file = std::move(file);
    location.row = row;
    location.field = std::move(field);
    return location;
  }

  bool empty() const { return file.empty() && line == 0 && row == 0 && field.empty(); }
  // "pack.md:41:17", "persons.csv: row 1042: field 'resident_id'", "" when empty.
  std::string ToString() const;
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message, SourceLocation location = {})
      : code_(code), message_(std::move(message)), location_(std::move(location)) {
    assert(code != ErrorCode::kOk);
  }

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const SourceLocation& location() const { return location_; }
  // True for errors in what the user gave (exit code 1); false for internal ones (2).
  bool is_user_error() const { return code_ != ErrorCode::kInternal && code_ != ErrorCode::kIo; }

  // The same error, placed at a location (keeps any location already set).
  Status At(SourceLocation location) const;
  // The same error with "context: " before the message.
  Status Prefixed(const std::string& context) const;

  // "persons.csv: row 3: field 'resident_id': check character should be X", or "OK".
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  SourceLocation location_;
};

inline Status InvalidArgument(std::string message) {
  return Status(ErrorCode::kInvalidArgument, std::move(message));
}
inline Status OutOfRange(std::string message) {
  return Status(ErrorCode::kOutOfRange, std::move(message));
}
inline Status Overflow(std::string message) {
  return Status(ErrorCode::kOverflow, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(ErrorCode::kNotFound, std::move(message));
}
inline Status Internal(std::string message) {
  return Status(ErrorCode::kInternal, std::move(message));
}

// Either a value or the error that kept it from being made.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T& value() & {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  // Non-const access, so that std::move(*result) moves the value out (the const
  // overload alone would silently copy it).
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace minsheng
