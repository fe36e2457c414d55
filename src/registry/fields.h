// Checking one field of an import file by its FieldType (kinds.h), and the checks that
// span a row's fields. A message says what is wrong without the place; the importer
// adds the file, row, field and column.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"
#include "registry/kinds.h"

namespace minsheng::registry {

// The field's value in its stored form (kinds.h FieldValue), or why not. An empty text
// is an empty value here; whether the field may be empty is the importer's check.
// `today` bounds birth dates in resident IDs.
Result<FieldValue> ParseField(const FieldSpec& field, std::string_view text, Date today);

// Fills in the defaults a row's empty fields take (docs/registry.md: sex and birth date
// from the resident ID, relation other, income 0 …) and checks what spans fields: a span
// that ends before it starts, a sex or birth date the ID contradicts, an enrollment of
// both or neither a person and a household, a discharge before the admission, a
// compliant cost above the bill. An error names the field it is about.
struct RowProblem {
  std::string field;
  std::string message;
};
std::optional<RowProblem> CompleteRow(const KindSpec& spec, Row& row);

// The stored text of a field value, "" when empty; the number as decimal digits.
std::string ValueText(const FieldValue& value);

}  // namespace minsheng::registry
