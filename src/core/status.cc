#include "core/status.h"

namespace minsheng {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kOutOfRange: return "out of range";
    case ErrorCode::kOverflow: return "overflow";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kAlreadyExists: return "already exists";
    case ErrorCode::kFailedPrecondition: return "failed precondition";
    case ErrorCode::kIo: return "i/o error";
    case ErrorCode::kInternal: return "internal error";
  }
  return "unknown error";
}

std::string SourceLocation::ToString() const {
  std::string text = file;
  if (line > 0) {
    text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  if (row > 0) text += (text.empty() ? "" : ": ") + std::string("row ") + std::to_string(row);
  if (!field.empty()) text += (text.empty() ? "" : ": ") + std::string("field '") + field + "'";
  return text;
}

Status Status::At(SourceLocation location) const {
  if (ok() || !location_.empty()) return *this;
  return Status(code_, message_, std::move(location));
}

Status Status::Prefixed(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_, location_);
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string where = location_.ToString();
  return where.empty() ? message_ : where + ": " + message_;
}

}  // namespace minsheng
