// Importing a registry file (docs/registry.md): every row checked, then all of them
// recorded in one transaction, or none.
//
// The file is read twice. The first pass checks every row — its fields, what spans
// fields, that it names known households, persons and organisations, that no two rows
// record the same fact — and collects the errors: a file with any bad row records
// nothing and says which rows, the first kMaxErrorsListed of them and then how many
// more. The second pass, inside one store transaction, records each row that says
// something new: a row identical to the latest record of the same fact is skipped, so
// importing a file again changes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error_list.h"  // kMaxErrorsListed
#include "core/status.h"
#include "registry/encoding.h"
#include "registry/kinds.h"
#include "store/store.h"

namespace minsheng::registry {

// Files past this are refused: the text is held in memory while it is imported.
inline constexpr uint64_t kMaxImportFileBytes = uint64_t{2} << 30;

struct ImportOptions {
  int64_t recorded_at = 0;  // nanoseconds since the Unix epoch: when the rows are recorded
  Date today;               // birth dates after it are refused
};

struct ImportSummary {
  FileKind kind = FileKind::kPersons;
  SourceEncoding encoding = SourceEncoding::kUtf8;
  int64_t rows = 0;       // data rows in the file
  int64_t new_rows = 0;   // rows recorded; the others repeated what the registry holds
  int64_t import_id = 0;  // registry_imports.id; 0 when nothing was new
};

// Imports the file's bytes (UTF-8 or GB18030); `file_name` names it in errors.
Result<ImportSummary> ImportText(store::Store& store, FileKind kind, std::string bytes,
                                 const std::string& file_name, const ImportOptions& options);
// The same, reading the file at `path`.
Result<ImportSummary> ImportFile(store::Store& store, FileKind kind, const std::string& path,
                                 const ImportOptions& options);

// The five files in the order their references need: organisations and households before
// the persons who name them, persons before their enrollments and admissions.
inline constexpr FileKind kImportOrder[] = {FileKind::kOrgs, FileKind::kHouseholds, FileKind::kPersons,
                                            FileKind::kEnrollments, FileKind::kAdmissions};

// Imports FOLDER/orgs.csv, households.csv, persons.csv, enrollments.csv and admissions.csv
// (as `minsheng synth` writes them) in kImportOrder, each file in its own import; stops
// at the first error, the files before it imported. One summary per file.
Result<std::vector<ImportSummary>> ImportFolder(store::Store& store, const std::string& folder,
                                                const ImportOptions& options);

// The id of the last import the store holds (0: none). Every registry write is an import
// that records itself in its own transaction, so two reads of the same last import read
// the same registry.
Result<int64_t> LastImportId(store::Store& store);

// Binds a checked row's values to `statement` from parameter `first_index` on, in the
// kind's field order: NULL, a whole number or text (every writer of a registry row).
void BindRow(store::Statement& statement, int first_index, const Row& row);

}  // namespace minsheng::registry
