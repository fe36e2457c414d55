#include "registry/import.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "core/csv_reader.h"
#include "core/error_list.h"
#include "registry/fields.h"
#include "registry/schema.h"
#include "registry/text_set.h"

namespace minsheng::registry {

namespace {

// Keys are looked up this many at a time: one statement per chunk instead of one per row.
constexpr size_t kLookupChunk = 256;
// Rows recorded per round of look-ups in the second pass.
constexpr size_t kWriteChunk = 4096;

// The header: for each column, the field it is (kinds.h). An unknown or repeated column
// and a missing required one are errors of the whole file.
Result<std::vector<int>> ReadHeader(CsvReader& csv, const KindSpec& spec) {
  auto found = csv.Next();
  if (!found.ok()) return found.status();
  if (!*found) return InvalidArgument(csv.file_name() + ": the file is empty; a header row is required");
  std::vector<int> field_of_column;
  std::vector<bool> seen(spec.fields.size(), false);
  for (size_t column = 0; column < csv.fields().size(); ++column) {
    const std::string_view name = csv.fields()[column];
    const int field = FieldIndex(spec, name);
    if (field < 0) {
      std::string known;
      for (const FieldSpec& f : spec.fields) known += (known.empty() ? "" : ", ") + std::string(f.name);
      return csv.Error(static_cast<int>(column), "unknown column '" + std::string(name) + "' in " +
                                                     spec.name + " (known: " + known + ")");
    }
    if (seen[field]) return csv.Error(static_cast<int>(column), "column '" + std::string(name) + "' twice");
    seen[field] = true;
    field_of_column.push_back(field);
  }
  for (size_t field = 0; field < spec.fields.size(); ++field) {
    if (spec.fields[field].required && !seen[field]) {
      return InvalidArgument(csv.file_name() + ": row 1: the required column '" +
                             spec.fields[field].name + "' is missing");
    }
  }
  csv.SetColumnNames(csv.fields());
  return field_of_column;
}

// Where each field is in the file (its column), or -1.
std::vector<int> ColumnOfField(const KindSpec& spec, const std::vector<int>& field_of_column) {
  std::vector<int> column_of_field(spec.fields.size(), -1);
  for (size_t column = 0; column < field_of_column.size(); ++column) {
    column_of_field[field_of_column[column]] = static_cast<int>(column);
  }
  return column_of_field;
}

// Reads the current record into `row`: each field checked, the defaults filled in and the
// checks across fields made. False, with the errors added, when the row is bad.
bool ParseRecord(const CsvReader& csv, const KindSpec& spec, const std::vector<int>& field_of_column,
                 const std::vector<int>& column_of_field, Date today, Row& row, ErrorList& errors) {
  row.assign(spec.fields.size(), FieldValue());
  // A short row would otherwise read past its fields (and a long one lose its extra ones).
  if (csv.fields().size() != field_of_column.size()) {
    errors.Add(csv.Error(-1, csv.FieldCountMessage(field_of_column.size())));
    return false;
  }
  bool ok = true;
  for (size_t column = 0; column < field_of_column.size(); ++column) {
    const FieldSpec& field = spec.fields[field_of_column[column]];
    auto value = ParseField(field, csv.fields()[column], today);
    if (!value.ok()) {
      errors.Add(csv.Error(static_cast<int>(column), value.status().message()));
      ok = false;
      continue;
    }
    row[field_of_column[column]] = std::move(*value);
  }
  for (size_t field = 0; field < spec.fields.size(); ++field) {
    if (spec.fields[field].required && std::holds_alternative<std::monostate>(row[field]) && ok) {
      errors.Add(csv.Error(column_of_field[field], std::string(spec.fields[field].name) +
                                                       " must not be empty"));
      ok = false;
    }
  }
  if (!ok) return false;
  if (auto problem = CompleteRow(spec, row)) {
    const int field = FieldIndex(spec, problem->field);
    errors.Add(csv.Error(field >= 0 ? column_of_field[field] : -1, problem->message));
    return false;
  }
  return true;
}

// The fact a row records: its identity fields' values, separated by a unit separator.
std::string IdentityOf(const KindSpec& spec, const Row& row) {
  std::string identity;
  for (std::string_view name : spec.identity) {
    identity += ValueText(row[FieldIndex(spec, name)]);
    identity += '\x1f';
  }
  return identity;
}

// A reference field's look-up: the registry's table and column holding the ids it may
// name, and a condition on the record (a hospital must be a hospital).
struct Reference {
  const char* what;
  const char* sql;  // SELECT DISTINCT <id> FROM … WHERE … <id> IN (
};

Reference ReferenceOf(const FieldSpec& field) {
  switch (field.type) {
    case FieldType::kHouseholdRef:
      return {"household", "SELECT DISTINCT household_id FROM registry_households WHERE household_id IN ("};
    case FieldType::kPersonRef:
      return {"person", "SELECT DISTINCT resident_id FROM registry_persons WHERE resident_id IN ("};
    default:
      if (std::string_view(field.name) == "hospital") {
        return {"hospital", "SELECT DISTINCT org_id FROM registry_orgs WHERE kind = 'hospital' AND org_id IN ("};
      }
      return {"organisation", "SELECT DISTINCT org_id FROM registry_orgs WHERE org_id IN ("};
  }
}

bool IsReference(FieldType type) {
  return type == FieldType::kHouseholdRef || type == FieldType::kPersonRef ||
         type == FieldType::kOrgRef;
}

std::string Placeholders(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
  return text + ")";
}

// Of `wanted`, those the query (a Reference's sql) finds.
Result<TextSet> Existing(store::Store& store, const std::string& sql_head, const TextSet& wanted) {
  TextSet found;
  const std::string sql = sql_head + Placeholders(kLookupChunk);
  for (size_t first = 0; first < wanted.size(); first += kLookupChunk) {
    auto statement = store.Prepare(sql);
    if (!statement.ok()) return statement.status();
    const size_t end = std::min(wanted.size(), first + kLookupChunk);
    for (size_t i = 0; i < kLookupChunk; ++i) {
      // The last chunk repeats its last key to fill the placeholders.
      (*statement)->BindText(static_cast<int>(i + 1), wanted[static_cast<uint32_t>(std::min(first + i, end - 1))]);
    }
    while (true) {
      auto row = (*statement)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      found.Insert((*statement)->Text(0));
    }
  }
  return found;
}

}  // namespace

namespace {

// What the first pass learnt of a file that had no errors.
struct FirstPass {
  int64_t rows = 0;
  std::vector<TextSet> referenced;  // by field: the ids a reference field names
};

// Reads the whole file, checking each row on its own and against the others.
Result<FirstPass> CheckRows(std::string_view text, const std::string& file_name,
                            const KindSpec& spec, Date today, ErrorList& errors) {
  CsvReader csv(text, file_name);
  auto header = ReadHeader(csv, spec);
  if (!header.ok()) return header.status();
  const std::vector<int> column_of_field = ColumnOfField(spec, *header);
  FirstPass pass;
  pass.referenced.resize(spec.fields.size());
  TextSet identities;
  std::vector<int64_t> identity_lines;
  Row row;
  while (true) {
    auto found = csv.Next();
    if (!found.ok()) {
      errors.Add(found.status());  // malformed CSV: the rest cannot be read reliably
      break;
    }
    if (!*found) break;
    ++pass.rows;
    if (!ParseRecord(csv, spec, *header, column_of_field, today, row, errors)) continue;
    const std::string identity = IdentityOf(spec, row);
    const size_t before = identities.size();
    const uint32_t number = identities.Insert(identity);
    if (identities.size() == before) {
      std::string names;
      for (std::string_view name : spec.identity) names += (names.empty() ? "" : ", ") + std::string(name);
      errors.Add(csv.Error(-1, "the same " + names + " as row " +
                                   std::to_string(identity_lines[number]) +
                                   "; a file records each fact once"));
      continue;
    }
    identity_lines.push_back(csv.line());
    for (size_t field = 0; field < spec.fields.size(); ++field) {
      if (IsReference(spec.fields[field].type) && !std::holds_alternative<std::monostate>(row[field])) {
        pass.referenced[field].Insert(std::get<std::string>(row[field]));
      }
    }
  }
  return pass;
}

// The hint an unknown reference's error ends with.
std::string ImportFirst(FieldType type) {
  switch (type) {
    case FieldType::kHouseholdRef: return " (import households first)";
    case FieldType::kPersonRef: return " (import persons first)";
    default: return " (import orgs first)";
  }
}

// Every reference must name what the registry holds; when one does not, the file is read
// again to name each row that has it.
Status CheckReferences(store::Store& store, std::string_view text, const std::string& file_name,
                       const KindSpec& spec, Date today, const FirstPass& pass,
                       ErrorList& errors) {
  std::vector<TextSet> known(spec.fields.size());
  bool missing = false;
  for (size_t field = 0; field < spec.fields.size(); ++field) {
    if (pass.referenced[field].size() == 0) continue;
    auto found = Existing(store, ReferenceOf(spec.fields[field]).sql, pass.referenced[field]);
    if (!found.ok()) return found.status();
    missing = missing || found->size() < pass.referenced[field].size();
    known[field] = std::move(*found);
  }
  if (!missing) return Status::Ok();
  CsvReader csv(text, file_name);
  auto header = ReadHeader(csv, spec);
  if (!header.ok()) return header.status();
  const std::vector<int> column_of_field = ColumnOfField(spec, *header);
  ErrorList ignored;  // the row errors were counted by the first pass
  Row row;
  while (true) {
    auto found = csv.Next();
    if (!found.ok() || !*found) break;
    if (!ParseRecord(csv, spec, *header, column_of_field, today, row, ignored)) continue;
    for (size_t field = 0; field < spec.fields.size(); ++field) {
      if (pass.referenced[field].size() == 0 || std::holds_alternative<std::monostate>(row[field])) continue;
      const std::string& id = std::get<std::string>(row[field]);
      if (known[field].Contains(id)) continue;
      const FieldSpec& spec_field = spec.fields[field];
      errors.Add(csv.Error(column_of_field[field], "no " + std::string(ReferenceOf(spec_field).what) +
                                                       " '" + id + "' in the registry" +
                                                       ImportFirst(spec_field.type)));
    }
  }
  return Status::Ok();
}

bool HoldsNumber(FieldType type) {
  return type == FieldType::kMoney || type == FieldType::kBool || type == FieldType::kGrade;
}

// The columns a look-up of a row's recorded versions goes by: its identity's first field,
// or for an enrollment whichever of person and household it names.
std::vector<std::string_view> LookupColumns(const KindSpec& spec) {
  if (spec.kind == FileKind::kEnrollments) return {"person_id", "household_id"};
  return {spec.identity.front()};
}

// The latest recorded version of each of the rows' facts, by identity.
Result<std::unordered_map<std::string, Row>> LatestVersions(store::Store& store, const KindSpec& spec,
                                                            const std::vector<Row>& rows) {
  std::string columns;
  for (const FieldSpec& field : spec.fields) columns += std::string(", ") + field.name;
  std::unordered_map<std::string, Row> latest;
  std::unordered_map<std::string, int64_t> latest_seq;
  for (std::string_view lookup : LookupColumns(spec)) {
    const int lookup_field = FieldIndex(spec, lookup);
    TextSet keys;
    for (const Row& row : rows) {
      if (!std::holds_alternative<std::monostate>(row[lookup_field])) {
        keys.Insert(std::get<std::string>(row[lookup_field]));
      }
    }
    if (keys.size() == 0) continue;
    const std::string sql = "SELECT seq" + columns + " FROM " + spec.table + " WHERE " +
                            std::string(lookup) + " IN (" + Placeholders(kLookupChunk);
    for (size_t first = 0; first < keys.size(); first += kLookupChunk) {
      auto statement = store.Prepare(sql);
      if (!statement.ok()) return statement.status();
      const size_t end = std::min(keys.size(), first + kLookupChunk);
      for (size_t i = 0; i < kLookupChunk; ++i) {
        (*statement)->BindText(static_cast<int>(i + 1), keys[static_cast<uint32_t>(std::min(first + i, end - 1))]);
      }
      while (true) {
        auto found = (*statement)->Step();
        if (!found.ok()) return found.status();
        if (!*found) break;
        store::Statement& s = **statement;
        Row stored(spec.fields.size());
        for (size_t field = 0; field < spec.fields.size(); ++field) {
          const int column = static_cast<int>(field) + 1;
          if (s.IsNull(column)) continue;
          if (HoldsNumber(spec.fields[field].type)) {
            stored[field] = s.Int(column);
          } else {
            stored[field] = s.Text(column);
          }
        }
        std::string identity = IdentityOf(spec, stored);
        const int64_t seq = s.Int(0);
        auto [at, inserted] = latest_seq.try_emplace(identity, seq);
        if (!inserted && at->second > seq) continue;
        at->second = seq;
        latest[std::move(identity)] = std::move(stored);
      }
    }
  }
  return latest;
}

Status InsertRow(store::Store& store, const KindSpec& spec, const Row& row, int64_t import_id,
                 int64_t recorded_at) {
  static thread_local std::unordered_map<std::string, std::string> sql_by_table;
  std::string& sql = sql_by_table[spec.table];
  if (sql.empty()) {
    sql = std::string("INSERT INTO ") + spec.table + " (import_id, recorded_at";
    for (const FieldSpec& field : spec.fields) sql += std::string(", ") + field.name;
    sql += ") VALUES (?, " + Placeholders(spec.fields.size() + 1);
  }
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  store::Statement& s = **statement;
  s.BindInt(1, import_id);
  s.BindInt(2, recorded_at);
  BindRow(s, 3, row);
  auto done = s.Step();
  return done.ok() ? Status::Ok() : done.status();
}

// Records the rows whose facts the registry does not already hold as they say; returns
// how many. Inside the caller's transaction.
Result<int64_t> WriteRows(store::Store& store, std::string_view text, const std::string& file_name,
                          const KindSpec& spec, const ImportOptions& options, int64_t import_id) {
  CsvReader csv(text, file_name);
  auto header = ReadHeader(csv, spec);
  if (!header.ok()) return header.status();
  const std::vector<int> column_of_field = ColumnOfField(spec, *header);
  int64_t written = 0;
  std::vector<Row> chunk;
  auto flush = [&]() -> Status {
    auto latest = LatestVersions(store, spec, chunk);
    if (!latest.ok()) return latest.status();
    for (const Row& row : chunk) {
      auto found = latest->find(IdentityOf(spec, row));
      if (found != latest->end() && found->second == row) continue;
      if (Status status = InsertRow(store, spec, row, import_id, options.recorded_at); !status.ok()) {
        return status;
      }
      ++written;
    }
    chunk.clear();
    return Status::Ok();
  };
  ErrorList errors;
  Row row;
  while (true) {
    auto found = csv.Next();
    if (!found.ok()) return found.status();
    if (!*found) break;
    if (!ParseRecord(csv, spec, *header, column_of_field, options.today, row, errors)) {
      return Internal(file_name + ": a row the first pass accepted is refused now");
    }
    chunk.push_back(row);
    if (chunk.size() == kWriteChunk) {
      if (Status status = flush(); !status.ok()) return status;
    }
  }
  if (Status status = flush(); !status.ok()) return status;
  return written;
}

Status RecordImport(store::Store& store, int64_t id, const KindSpec& spec, const std::string& file_name,
                    SourceEncoding encoding, const ImportOptions& options, int64_t rows, int64_t new_rows) {
  auto statement = store.Prepare(
      "INSERT INTO registry_imports (id, kind, file_name, encoding, recorded_at, rows, new_rows) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!statement.ok()) return statement.status();
  store::Statement& s = **statement;
  s.BindInt(1, id);
  s.BindText(2, spec.name);
  s.BindText(3, std::filesystem::path(file_name).filename().string());
  s.BindText(4, encoding == SourceEncoding::kUtf8 ? "utf-8" : "gb18030");
  s.BindInt(5, options.recorded_at);
  s.BindInt(6, rows);
  s.BindInt(7, new_rows);
  auto done = s.Step();
  return done.ok() ? Status::Ok() : done.status();
}

}  // namespace

Result<ImportSummary> ImportText(store::Store& store, FileKind kind, std::string bytes,
                                 const std::string& file_name, const ImportOptions& options) {
  if (Status status = store::Migrate(store, "registry", RegistryMigrations()); !status.ok()) {
    return status;
  }
  const KindSpec& spec = SpecOf(kind);
  auto decoded = ToUtf8(std::move(bytes), file_name);
  if (!decoded.ok()) return decoded.status();
  const std::string& text = decoded->text;
  ErrorList errors;
  auto pass = CheckRows(text, file_name, spec, options.today, errors);
  if (!pass.ok()) return pass.status();
  if (errors.empty()) {
    Status status = CheckReferences(store, text, file_name, spec, options.today, *pass, errors);
    if (!status.ok()) return status;
  }
  if (!errors.empty()) return errors.ToStatus(file_name, "nothing was imported");

  ImportSummary summary{kind, decoded->encoding, pass->rows, 0, 0};
  if (Status begun = store.Begin(); !begun.ok()) return begun;
  auto write = [&]() -> Status {
    auto last = LastImportId(store);
    if (!last.ok()) return last.status();
    const int64_t id = *last + 1;
    auto written = WriteRows(store, text, file_name, spec, options, id);
    if (!written.ok()) return written.status();
    summary.new_rows = *written;
    if (summary.new_rows == 0) return store.Rollback();  // nothing new: nothing recorded
    summary.import_id = id;
    Status recorded = RecordImport(store, id, spec, file_name, decoded->encoding, options,
                                   summary.rows, summary.new_rows);
    if (!recorded.ok()) return recorded;
    return store.Commit();
  };
  if (Status status = write(); !status.ok()) {
    if (store.InTransaction()) (void)store.Rollback();
    return status;
  }
  return summary;
}

Result<std::vector<ImportSummary>> ImportFolder(store::Store& store, const std::string& folder,
                                                const ImportOptions& options) {
  std::vector<ImportSummary> summaries;
  for (FileKind kind : kImportOrder) {
    auto imported = ImportFile(store, kind, folder + "/" + FileKindName(kind) + ".csv", options);
    if (!imported.ok()) return imported.status();
    summaries.push_back(*imported);
  }
  return summaries;
}

Result<ImportSummary> ImportFile(store::Store& store, FileKind kind, const std::string& path,
                                 const ImportOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return NotFound("no file '" + path + "'");
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status(ErrorCode::kIo, "cannot read '" + path + "': " + error.message());
  if (size > kMaxImportFileBytes) {
    return InvalidArgument("'" + path + "' is larger than " +
                           std::to_string(kMaxImportFileBytes >> 20) + " MiB; split it");
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  std::ifstream file(path, std::ios::binary);
  file.read(bytes.data(), static_cast<std::streamsize>(size));
  if (!file) return Status(ErrorCode::kIo, "cannot read '" + path + "'");
  return ImportText(store, kind, std::move(bytes), std::filesystem::path(path).filename().string(),
                    options);
}

Result<int64_t> LastImportId(store::Store& store) {
  auto statement = store.Prepare("SELECT COALESCE(MAX(id), 0) FROM registry_imports");
  if (!statement.ok()) return statement.status();
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  const int64_t id = (*statement)->Int(0);
  (*statement)->Reset();
  return id;
}

void BindRow(store::Statement& statement, int first_index, const Row& row) {
  for (size_t field = 0; field < row.size(); ++field) {
    const int index = static_cast<int>(field) + first_index;
    if (const auto* number = std::get_if<int64_t>(&row[field])) {
      statement.BindInt(index, *number);
    } else if (const auto* text = std::get_if<std::string>(&row[field])) {
      statement.BindText(index, *text);
    } else {
      statement.BindNull(index);
    }
  }
}

}  // namespace minsheng::registry
