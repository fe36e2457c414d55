// Fuzz target: Money::Parse must never crash, and whatever it accepts must format and
// parse back to the same amount, in both renderings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/money.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto money = minsheng::Money::Parse(text);
  if (!money.ok()) return 0;
  auto grouped = minsheng::Money::Parse(money->ToString());
  auto plain = minsheng::Money::Parse(money->ToPlainString());
  if (!grouped.ok() || *grouped != *money) __builtin_trap();
  if (!plain.ok() || *plain != *money) __builtin_trap();
  return 0;
}
