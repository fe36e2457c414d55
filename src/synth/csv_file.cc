// CsvFile (csv_file.h).
#include "synth/csv_file.h"

#include <cerrno>
#include <cstring>

namespace minsheng::synth {
namespace {

constexpr size_t kBufferBytes = 1 << 20;  // flushed when it passes this

Status IoError(const std::string& what, const std::string& path) {
  return Status(ErrorCode::kIo, what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<CsvFile> CsvFile::Create(const std::string& path, std::string_view header) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (file == nullptr) return IoError("cannot create", path);
  CsvFile csv(std::move(file), path);
  csv.buffer_.reserve(kBufferBytes + 4096);
  csv.buffer_.append(header);
  csv.buffer_ += '\n';
  return csv;
}

void CsvFile::Field(std::string_view text) {
  if (row_started_) buffer_ += ',';
  row_started_ = true;
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_.append(text);
    return;
  }
  buffer_ += '"';
  for (const char c : text) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
}

void CsvFile::Field(int64_t number) {
  char digits[24];
  const int length = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(number));
  Field(std::string_view(digits, static_cast<size_t>(length)));
}

void CsvFile::EndRow() {
  buffer_ += '\n';
  row_started_ = false;
  ++rows_;
  if (buffer_.size() >= kBufferBytes) Flush();
}

void CsvFile::Flush() {
  if (buffer_.empty() || file_ == nullptr) return;
  if (error_.ok() &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size()) {
    error_ = IoError("cannot write", path_);
  }
  bytes_ += static_cast<int64_t>(buffer_.size());
  buffer_.clear();
}

Status CsvFile::Close() {
  Flush();
  if (file_ != nullptr && std::fclose(file_.release()) != 0 && error_.ok()) {
    error_ = IoError("cannot close", path_);
  }
  return error_;
}

}  // namespace minsheng::synth
