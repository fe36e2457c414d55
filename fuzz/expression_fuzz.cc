// Fuzz target: the policy expression parser must never crash, overflow the stack or
// loop on any input; every rejection must carry a location.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto node = minsheng::policy::ParseExpression(
      text, minsheng::SourceLocation::InText("fuzz.md", 1, 1), 0);
  if (!node.ok() && node.status().location().line == 0) __builtin_trap();
  return 0;
}
