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

#include "core/csv_reader.h"
#include "core/status.h"
#include "engine/table.h"
#include "policy/pack.h"

namespace minsheng::engine {

// The limits on a file (kCsvMaxFieldBytes, kCsvMaxColumns, kCsvMaxFileBytes) are
// core/csv_reader.h's.

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
