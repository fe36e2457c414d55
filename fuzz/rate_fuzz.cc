// Fuzz target: Rate::Parse and ParsePercentagePoints must never crash, and an accepted
// rate must format and parse back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/rate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto points = minsheng::Rate::ParsePercentagePoints(text);
  if (points.ok() && points->ToString().empty()) __builtin_trap();
  auto rate = minsheng::Rate::Parse(text);
  if (!rate.ok()) return 0;
  auto percent = minsheng::Rate::Parse(rate->ToString());
  auto decimal = minsheng::Rate::Parse(rate->ToDecimalString());
  if (!percent.ok() || *percent != *rate) __builtin_trap();
  if (!decimal.ok() || *decimal != *rate) __builtin_trap();
  return 0;
}
