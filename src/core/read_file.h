// Reading a whole input file into memory, refusing one past a size limit before reading
// it (packs, reforms, fund scenarios, dedup lists). Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace minsheng {

// The file's bytes; `too_large` is the message when it is larger than `bytes_max`.
Result<std::string> ReadFileAtMost(const std::string& path, size_t bytes_max,
                                   const std::string& too_large);

}  // namespace minsheng
