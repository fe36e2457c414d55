// Fuzz target for the population CSV parser: ParsePopulationCsv over the bundled Wudi
// pack (its persons have bool, enum and money inputs, its households a bool), with the
// text before a line "=====" as persons.csv and the text after it, if any, as
// households.csv (separator.h). Any input may be refused; none may crash or leak, every
// refusal must name the file it is about, and an accepted population must hold each
// person and household id once (the loader checks repeats by hashes, so that is worth
// checking from the outside).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "engine/csv.h"
#include "engine/table.h"
#include "policy/loader.h"
#include "separator.h"

namespace {

// Larger inputs only slow the fuzzer down; the size limits are 4 GiB.
constexpr size_t kInputMax = 64 << 10;

// The pack is the fixture, not what is fuzzed: loaded once, and a failure to load it is
// the checkout's problem, reported as such.
minsheng::policy::Pack LoadWudiPack() {
  const std::string directory = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";
  minsheng::Result<minsheng::policy::Pack> pack = minsheng::policy::LoadAndCheckPack(directory);
  if (!pack.ok()) {
    std::fprintf(stderr, "csv_fuzz: %s\n",
                 minsheng::policy::FormatDiagnostic(pack.status(), directory).c_str());
    std::abort();
  }
  return std::move(pack).value();
}

// Whether every id of the table is found at its own row, i.e. no id is there twice.
bool IdsAreUnique(const minsheng::engine::EntityTable& table) {
  for (size_t row = 0; row < table.size(); ++row) {
    if (table.RowOf(table.ids()[row]) != static_cast<int64_t>(row)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kInputMax) return 0;
  static const minsheng::policy::Pack pack = LoadWudiPack();
  const minsheng::fuzz::SplitInput input =
      minsheng::fuzz::SplitAtSeparator(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string_view households_name = input.second ? "households.csv" : "";

  const minsheng::Result<minsheng::engine::Population> population =
      minsheng::engine::ParsePopulationCsv(pack, input.first, "persons.csv",
                                           input.second.value_or(""), households_name);
  if (!population.ok()) {
    const minsheng::Status& status = population.status();
    if (status.code() == minsheng::ErrorCode::kInternal) __builtin_trap();
    const std::string& file = status.location().file;
    if (file != "persons.csv" && (file.empty() || file != households_name)) __builtin_trap();
    return 0;
  }
  if (!IdsAreUnique(population->members) || !IdsAreUnique(population->groups)) __builtin_trap();
  return 0;
}
