// The registry's five kinds of import file (docs/registry.md): their columns, what each
// column holds and how it is checked, and the table each is recorded in. One table drives
// the import (import.cc) and the reading (view.cc), so a column is declared once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace minsheng::registry {

enum class FileKind { kPersons, kHouseholds, kOrgs, kEnrollments, kAdmissions };

const char* FileKindName(FileKind kind);  // "persons", …
std::optional<FileKind> FileKindFromName(std::string_view name);

enum class FieldType {
  kText,          // 1–kMaxTextChars characters
  kName,          // a person's name: 1–kMaxNameChars characters
  kResidentId,    // 18 characters, or 15 digits upgraded to 18
  kSex,           // male, female
  kDate,          // YYYY-MM-DD
  kMoney,         // yuan with at most two decimals, not negative; held as fen
  kBool,          // true/false (and the spellings of docs/csv.md)
  kGrade,         // a disability grade, 0–4
  kEnum,          // one of FieldSpec::values
  kRegion,        // a county (6 digits) or town (9 digits) code whose county exists
  kHouseholdRef,  // a household the registry knows
  kPersonRef,     // a person the registry knows
  kOrgRef,        // an organisation the registry knows
  kProgram,       // a program or status name: lower-case letters, digits and _
};

// Text limits: a field past them is refused rather than stored.
inline constexpr size_t kMaxTextChars = 100;
inline constexpr size_t kMaxNameChars = 30;

struct FieldSpec {
  const char* name;  // the CSV column and the table's column
  FieldType type;
  bool required;
  std::span<const std::string_view> values = {};  // kEnum
};

struct KindSpec {
  FileKind kind;
  const char* name;   // "persons"
  const char* table;  // "registry_persons"
  // The fields in the table's column order (after seq, import_id and recorded_at).
  std::span<const FieldSpec> fields;
  // The fields that with valid_from (where the kind has it) say which fact a row records:
  // a later row with the same identity is a new version of the same fact.
  std::span<const std::string_view> identity;
};

const KindSpec& SpecOf(FileKind kind);
// The index of a field by name, or -1.
int FieldIndex(const KindSpec& spec, std::string_view name);

// A checked field: empty (NULL), a whole number (fen, days as text are text, 0/1), or text.
using FieldValue = std::variant<std::monostate, int64_t, std::string>;
using Row = std::vector<FieldValue>;  // one value per KindSpec::fields entry

}  // namespace minsheng::registry
