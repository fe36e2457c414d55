// Population CSV: loads the persons (and optionally households) files into a Population.
//
// The persons file has one row per member (person): `id`, `household_id`, an optional
// `role`, then columns named after input variables of the person entity, and optionally
// input variables of the household entity repeated on every member row. The optional
// households file has `id` and household input columns. docs/csv.md gives the rules and
// the error format. Loading is all-or-nothing: the first error is returned and nothing
// else. The functions keep no state and are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "engine/table.h"
#include "policy/pack.h"

namespace minsheng::engine {

// Limits, so a malformed or hostile file fails with a clear message instead of running
// out of memory or overflowing an index.
//
// No id, amount, date or enum value needs more than a few dozen bytes; 4 KiB is generous
// and bounds what a missing closing quote can swallow before the error.
inline constexpr size_t kCsvMaxFieldBytes = 4096;
// A pack has tens of input variables, not thousands; a row past this is not a table.
inline constexpr size_t kCsvMaxColumns = 1024;
// IdColumn keeps 32-bit offsets and the loader 32-bit row and line numbers: files must be
// smaller than 4 GiB (about 60M persons at 70 bytes a row).
inline constexpr uint64_t kCsvMaxFileBytes = uint64_t{1} << 32;

struct CsvOptions {
  std::string persons_path;
  std::string households_path;  // optional: "" = no households file
};

// Loads a population for the pack's member entity (the entity with a non-empty `group`,
// "person") and its group entity ("household"). The paths are used as file names in
// error locations.
Result<Population> LoadPopulationCsv(const policy::Pack& pack, const CsvOptions& options);

// The same from text in memory; the names are only used in messages. There is no
// households file when households_text and households_name are both empty.
Result<Population> ParsePopulationCsv(const policy::Pack& pack, std::string_view persons_text,
                                      std::string_view persons_name,
                                      std::string_view households_text,
                                      std::string_view households_name);

}  // namespace minsheng::engine
