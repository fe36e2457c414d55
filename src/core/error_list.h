// ErrorList: the errors found in one input file, the first kMaxErrorsListed kept and all
// counted, told as one Status — how every importer (registry files, claims, dedup lists)
// reports a file it refuses. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace minsheng {

// A file with a million bad rows is told by its first hundred and a count.
inline constexpr size_t kMaxErrorsListed = 100;

class ErrorList {
 public:
  void Add(const Status& status) {
    if (listed_.size() < kMaxErrorsListed) listed_.push_back(status.ToString());
    ++count_;
  }
  void Add(SourceLocation place, std::string reason) {
    Add(InvalidArgument(std::move(reason)).At(std::move(place)));
  }
  bool empty() const { return count_ == 0; }
  int64_t count() const { return count_; }

  // "claims.csv: 2 errors; no claims were read", then the errors, one a line, and how
  // many more there were.
  Status ToStatus(std::string_view file, std::string_view outcome) const {
    std::string message = std::string(file) + ": " + std::to_string(count_) +
                          (count_ == 1 ? " error; " : " errors; ") + std::string(outcome);
    for (const std::string& line : listed_) message += "\n" + line;
    const auto listed = static_cast<int64_t>(listed_.size());
    if (count_ > listed) message += "\n… and " + std::to_string(count_ - listed) + " more";
    return InvalidArgument(message);
  }

 private:
  std::vector<std::string> listed_;
  int64_t count_ = 0;
};

}  // namespace minsheng
