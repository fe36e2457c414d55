#include "core/count_text.h"

#include "core/decimal_text.h"

namespace minsheng {

std::string GroupedCount(int64_t count) {
  return decimal_text::FormatScaled(count, 0, 0, /*grouped=*/true);
}

}  // namespace minsheng
