// Counts as people read them: 1234567 → "1,234,567" (commands' summaries, error messages).
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace minsheng {

std::string GroupedCount(int64_t count);

}  // namespace minsheng
