// Fuzz target: resident ID parsing (18 characters and 15 digits) must never crash; an
// accepted number must re-parse to itself and agree with its own check character.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/resident_id.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // A fixed day keeps the target deterministic.
  const minsheng::Date today = minsheng::Date::FromYmd(2026, 1, 1).value();
  auto id = minsheng::ResidentId::ParseAnyLength(text, today);
  if (!id.ok()) return 0;
  const std::string& number = id->number();
  if (number.size() != 18) __builtin_trap();
  if (minsheng::ResidentIdCheckCharacter(number) != number.back()) __builtin_trap();
  auto again = minsheng::ResidentId::Parse(number, today);
  if (!again.ok() || *again != *id) __builtin_trap();
  if (id->birth_date() > today) __builtin_trap();
  return 0;
}
