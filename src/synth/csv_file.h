// CsvFile: one CSV file written row by row through a buffer of about 1 MiB, so a file of
// millions of rows never sits in memory. Fields are quoted as RFC 4180 says (when they
// hold a comma, a quote or a line break); rows end in "\n"; the file is UTF-8 without a
// byte order mark. The first error (a write that fails) is kept and returned by Close.
// Move-only; one thread at a time.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng::synth {

class CsvFile {
 public:
  // Creates (or truncates) the file and writes the header row, e.g. "org_id,name,kind".
  static Result<CsvFile> Create(const std::string& path, std::string_view header);

  // Appends a field, quoted when it needs to be.
  void Field(std::string_view text);
  void Field(int64_t number);
  // Ends the row.
  void EndRow();
  // Writes what is buffered and closes; the file's first error, if any.
  Status Close();

  int64_t rows() const { return rows_; }    // data rows, without the header
  int64_t bytes() const { return bytes_; }  // written so far, header included

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  CsvFile(std::unique_ptr<std::FILE, FileCloser> file, std::string path)
      : file_(std::move(file)), path_(std::move(path)) {}
  void Flush();

  std::unique_ptr<std::FILE, FileCloser> file_;
  std::string path_;
  std::string buffer_;
  bool row_started_ = false;
  int64_t rows_ = 0;
  int64_t bytes_ = 0;
  Status error_;
};

}  // namespace minsheng::synth
