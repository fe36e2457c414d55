// Fuzz target for the date and period parsers: feeds the bytes to Date::Parse and
// Period::Parse and, whenever one accepts them, checks that the value's ToString parses
// back to the same value. For Date, whose only form is canonical, the text must also come
// back byte for byte. Checks trap rather than assert() so that they hold in release builds
// too. The replay test runs the seeds in corpus/date/ on every build.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/period.h"

namespace {

void CheckDate(std::string_view text) {
  const minsheng::Result<minsheng::Date> date = minsheng::Date::Parse(text);
  if (!date.ok()) return;
  const std::string written = date->ToString();
  if (written != text) __builtin_trap();
  const minsheng::Result<minsheng::Date> again = minsheng::Date::Parse(written);
  if (!again.ok() || *again != *date) __builtin_trap();
}

void CheckPeriod(std::string_view text) {
  const minsheng::Result<minsheng::Period> period = minsheng::Period::Parse(text);
  if (!period.ok()) return;
  if (period->last_day() < period->first_day()) __builtin_trap();
  if (!period->Contains(period->first_day())) __builtin_trap();
  const minsheng::Result<minsheng::Period> again = minsheng::Period::Parse(period->ToString());
  if (!again.ok() || *again != *period) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckDate(text);
  CheckPeriod(text);
  return 0;
}
