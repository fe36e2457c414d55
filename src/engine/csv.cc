// Population CSV loading (csv.h): maps each file's header to the pack's variables, reads
// the rows into columns in file order, then sorts the members by household.
//
// The households file, when given, is read first so that it fixes the households and
// their order; the persons file is then read in one pass. Fields are parsed from views
// into the text (csv_reader.h), household ids are found in a flat hash table and person
// ids are checked for repeats once all rows are read (csv_support.h), so a row costs no
// allocation. Members are put in household order by a counting sort, which is stable and
// skipped when the file is already in that order. The functions are ordered as a load
// runs: header, households rows, persons rows, Finish.
#include "engine/csv.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/csv_reader.h"
#include "engine/csv_support.h"
#include "policy/check.h"

namespace minsheng::engine {
namespace {

using namespace csv_internal;  // csv.cc is the one user of csv_support.h
using policy::Variable;

enum class FileKind { kMembers, kGroups };
enum class ColumnKind { kId, kGroupId, kRole, kMemberInput, kGroupInput };

struct ColumnPlan {
  ColumnKind kind = ColumnKind::kId;
  size_t input = 0;  // for inputs: the index into Schema::member_inputs or group_inputs
};

// A file's header, mapped to what each column holds.
struct Header {
  std::vector<ColumnPlan> columns;
  int id_column = -1;
  int group_id_column = -1;
  int role_column = -1;  // -1: roles follow the default rule
  std::vector<int> member_input_columns;
  std::vector<int> group_input_columns;
};

// One household input while it is filled: a value per household and, so repeated
// columns on person rows can be checked to agree, the line that first stated it.
struct GroupColumn {
  std::vector<int64_t> values;
  std::vector<uint32_t> stated_line;           // 0: not stated; the default holds
  std::vector<uint8_t> stated_in_groups_file;  // 1: stated by the households file
};

// Reads the two files into file-order columns, then builds the Population.
class PopulationLoader {
 public:
  explicit PopulationLoader(const Schema& schema);

  Status ReadGroupsFile(CsvReader& reader);
  Status ReadMembersFile(CsvReader& reader);
  Result<Population> Finish();

 private:
  Result<Header> ReadHeader(CsvReader& reader, FileKind kind) const;
  Result<ColumnPlan> PlanColumn(std::string_view name, FileKind kind) const;
  std::string ExplainUnknownColumn(std::string_view name, FileKind kind) const;
  // The steps for one row. Each returns false or nullopt after storing its error in
  // error_: a Status per field would cost more than parsing the field.
  bool ReadGroupRow(const CsvReader& reader, const Header& header);
  bool ReadMemberRow(const CsvReader& reader, const Header& header);
  bool AddMemberId(const CsvReader& reader, int column);
  Status CheckRepeatedMemberIds(const CsvReader& reader, int column) const;
  std::optional<uint32_t> FindMemberGroup(const CsvReader& reader, int column, uint64_t hash);
  std::optional<uint8_t> MemberRole(const CsvReader& reader, int column, uint32_t group);
  bool ReadMemberInputs(const CsvReader& reader, const Header& header);
  bool ReadRepeatedGroupInputs(const CsvReader& reader, const Header& header, uint32_t group);
  bool StateGroupValue(const CsvReader& reader, int column, size_t input, uint32_t group,
                       int64_t value);
  std::optional<int64_t> ParseValueAt(const CsvReader& reader, int column,
                                      const Variable& variable);
  bool Fail(Status status);
  uint32_t AddGroup(std::string_view id);
  void FillMemberColumns(Population& population, const std::vector<uint32_t>& order);

  const Schema& schema_;
  Status error_;
  bool has_groups_file_ = false;
  std::string groups_file_name_;
  IndexedIds group_ids_;
  std::vector<uint32_t> group_lines_;  // in the households file
  std::vector<uint32_t> group_member_count_;
  std::vector<GroupColumn> group_columns_;  // one per schema_.group_inputs
  uint32_t last_group_ = 0;                 // consecutive rows are usually of one household

  IdColumn member_ids_;
  std::vector<uint64_t> member_id_hashes_;  // for FindFirstRepeatedId
  std::vector<uint32_t> member_lines_;
  std::vector<uint32_t> member_group_;
  std::vector<uint8_t> member_role_;
  std::vector<std::vector<int64_t>> member_values_;  // one per schema_.member_inputs
  std::vector<uint8_t> member_input_in_file_;
};

PopulationLoader::PopulationLoader(const Schema& schema)
    : schema_(schema),
      group_columns_(schema.group_inputs.size()),
      member_values_(schema.member_inputs.size()),
      member_input_in_file_(schema.member_inputs.size(), 0) {}

Result<Header> PopulationLoader::ReadHeader(CsvReader& reader, FileKind kind) const {
  Result<bool> found = reader.Next();
  if (!found.ok()) return found.status();
  if (!*found) return reader.Error(-1, "the file is empty; a header row is required");
  const std::vector<std::string_view>& names = reader.fields();
  reader.SetColumnNames(names);
  Header header;
  for (size_t column = 0; column < names.size(); ++column) {
    const int number = static_cast<int>(column);
    if (names[column].empty()) return reader.Error(number, "empty column name");
    for (size_t earlier = 0; earlier < column; ++earlier) {
      if (names[earlier] != names[column]) continue;
      return reader.Error(number, "column '" + std::string(names[column]) +
                                      "' appears twice (also column " +
                                      std::to_string(earlier + 1) + ")");
    }
    Result<ColumnPlan> plan = PlanColumn(names[column], kind);
    if (!plan.ok()) return reader.Error(number, plan.status().message());
    if (plan->kind == ColumnKind::kId) header.id_column = number;
    if (plan->kind == ColumnKind::kGroupId) header.group_id_column = number;
    if (plan->kind == ColumnKind::kRole) header.role_column = number;
    if (plan->kind == ColumnKind::kMemberInput) header.member_input_columns.push_back(number);
    if (plan->kind == ColumnKind::kGroupInput) header.group_input_columns.push_back(number);
    header.columns.push_back(*plan);
  }
  const policy::Entity& entity = kind == FileKind::kMembers ? *schema_.member : *schema_.group;
  if (header.id_column < 0) return reader.Error(-1, "missing column '" + entity.id_column + "'");
  if (kind == FileKind::kMembers && header.group_id_column < 0) {
    return reader.Error(-1, "missing column '" + schema_.group_id_column + "'");
  }
  return header;
}

Result<ColumnPlan> PopulationLoader::PlanColumn(std::string_view name, FileKind kind) const {
  const bool members = kind == FileKind::kMembers;
  const policy::Entity& entity = members ? *schema_.member : *schema_.group;
  if (name == entity.id_column) return ColumnPlan{ColumnKind::kId, 0};
  if (members && name == schema_.group_id_column) return ColumnPlan{ColumnKind::kGroupId, 0};
  if (members && name == kRoleColumn) return ColumnPlan{ColumnKind::kRole, 0};
  for (size_t input = 0; members && input < schema_.member_inputs.size(); ++input) {
    if (schema_.member_inputs[input]->name == name) {
      return ColumnPlan{ColumnKind::kMemberInput, input};
    }
  }
  for (size_t input = 0; input < schema_.group_inputs.size(); ++input) {
    if (schema_.group_inputs[input]->name == name) {
      return ColumnPlan{ColumnKind::kGroupInput, input};
    }
  }
  return InvalidArgument(ExplainUnknownColumn(name, kind));
}

// Why a header name is not a column of this file, with a likely intended name.
std::string PopulationLoader::ExplainUnknownColumn(std::string_view name, FileKind kind) const {
  const std::string quoted = "'" + std::string(name) + "'";
  if (const Variable* variable = schema_.pack->FindVariable(name)) {
    if (!variable->is_input) return quoted + " is computed by a formula, not an input";
    if (variable->entity == schema_.member->name) {
      return quoted + " is a " + variable->entity + " variable; it belongs in the " +
             schema_.member->plural + " file";
    }
    return quoted + " is a variable of entity '" + variable->entity +
           "', which a population file does not hold";
  }
  std::vector<std::string> candidates;
  if (kind == FileKind::kMembers) {
    candidates = {schema_.member->id_column, schema_.group_id_column, std::string(kRoleColumn)};
    for (const Variable* input : schema_.member_inputs) candidates.push_back(input->name);
  } else {
    candidates = {schema_.group->id_column};
  }
  for (const Variable* input : schema_.group_inputs) candidates.push_back(input->name);
  const std::string closest = policy::ClosestName(name, candidates);
  if (closest.empty()) return "unknown column " + quoted;
  return "unknown column " + quoted + "; did you mean '" + closest + "'?";
}

Status PopulationLoader::ReadGroupsFile(CsvReader& reader) {
  Result<Header> header = ReadHeader(reader, FileKind::kGroups);
  if (!header.ok()) return header.status();
  has_groups_file_ = true;
  groups_file_name_ = reader.file_name();
  group_ids_.Reserve(reader.CountLineFeeds());
  while (true) {
    Result<bool> found = reader.Next();
    if (!found.ok()) return found.status();
    if (!*found) return Status::Ok();
    if (!ReadGroupRow(reader, *header)) return error_;
  }
}

bool PopulationLoader::ReadGroupRow(const CsvReader& reader, const Header& header) {
  const std::vector<std::string_view>& fields = reader.fields();
  if (fields.size() != header.columns.size()) {
    return Fail(WrongFieldCount(reader, header.columns.size()));
  }
  const std::string_view id = fields[header.id_column];
  if (id.empty()) return Fail(reader.Error(header.id_column, "empty id"));
  if (const int64_t earlier = group_ids_.Find(id); earlier >= 0) {
    return Fail(reader.Error(header.id_column, "duplicate id '" + std::string(id) +
                                                   "' (first on row " +
                                                   std::to_string(group_lines_[earlier]) + ")"));
  }
  const uint32_t group = AddGroup(id);
  const uint32_t line = SavedLine(reader.line());
  group_lines_.push_back(line);
  for (int column : header.group_input_columns) {
    if (fields[column].empty()) continue;  // the default holds
    const size_t input = header.columns[column].input;
    const std::optional<int64_t> value = ParseValueAt(reader, column, *schema_.group_inputs[input]);
    if (!value) return false;
    GroupColumn& state = group_columns_[input];
    state.values[group] = *value;
    state.stated_line[group] = line;
    state.stated_in_groups_file[group] = 1;
  }
  return true;
}

// Adds a household with every input at its default.
uint32_t PopulationLoader::AddGroup(std::string_view id) {
  const uint32_t group = group_ids_.FindOrAdd(id).row;
  group_member_count_.push_back(0);
  for (size_t input = 0; input < group_columns_.size(); ++input) {
    group_columns_[input].values.push_back(schema_.group_inputs[input]->default_value.raw);
    group_columns_[input].stated_line.push_back(0);
    group_columns_[input].stated_in_groups_file.push_back(0);
  }
  return group;
}

Status PopulationLoader::ReadMembersFile(CsvReader& reader) {
  Result<Header> header = ReadHeader(reader, FileKind::kMembers);
  if (!header.ok()) return header.status();
  const size_t expected_rows = reader.CountLineFeeds();
  member_ids_.Reserve(expected_rows, 0);
  member_id_hashes_.reserve(expected_rows);
  member_lines_.reserve(expected_rows);
  member_group_.reserve(expected_rows);
  member_role_.reserve(expected_rows);
  for (int column : header->member_input_columns) {
    const size_t input = header->columns[column].input;
    member_input_in_file_[input] = 1;
    member_values_[input].reserve(expected_rows);
  }
  while (true) {
    Result<bool> found = reader.Next();
    if (!found.ok()) return found.status();
    if (!*found) return CheckRepeatedMemberIds(reader, header->id_column);
    if (!ReadMemberRow(reader, *header)) return error_;
  }
}

bool PopulationLoader::ReadMemberRow(const CsvReader& reader, const Header& header) {
  if (reader.fields().size() != header.columns.size()) {
    return Fail(WrongFieldCount(reader, header.columns.size()));
  }
  if (!AddMemberId(reader, header.id_column)) return false;
  // Rows of one household usually follow each other. When they do not, finding the
  // household is a cache miss: its slot is fetched while the person's values are parsed.
  const std::string_view group_id = reader.fields()[header.group_id_column];
  const bool same_group = last_group_ < group_ids_.size() && group_ids_[last_group_] == group_id;
  const uint64_t group_hash = same_group ? 0 : IndexedIds::Hash(group_id);
  if (!same_group) group_ids_.Prefetch(group_hash);
  if (!ReadMemberInputs(reader, header)) return false;
  const std::optional<uint32_t> group =
      same_group ? last_group_ : FindMemberGroup(reader, header.group_id_column, group_hash);
  if (!group) return false;
  const std::optional<uint8_t> role = MemberRole(reader, header.role_column, *group);
  if (!role) return false;
  member_lines_.push_back(SavedLine(reader.line()));
  member_group_.push_back(*group);
  member_role_.push_back(*role);
  ++group_member_count_[*group];
  return ReadRepeatedGroupInputs(reader, header, *group);
}

// Repeated ids are found once all rows are read (CheckRepeatedMemberIds).
bool PopulationLoader::AddMemberId(const CsvReader& reader, int column) {
  const std::string_view id = reader.fields()[column];
  if (id.empty()) return Fail(reader.Error(column, "empty id"));
  member_ids_.Append(id);
  member_id_hashes_.push_back(IndexedIds::Hash(id));
  return true;
}

Status PopulationLoader::CheckRepeatedMemberIds(const CsvReader& reader, int column) const {
  const std::optional<RepeatedId> repeated = FindFirstRepeatedId(member_ids_, member_id_hashes_);
  if (!repeated) return Status::Ok();
  return reader.ErrorAt(member_lines_[repeated->repeat_row], column,
                        "duplicate id '" + std::string(member_ids_[repeated->repeat_row]) +
                            "' (first on row " +
                            std::to_string(member_lines_[repeated->first_row]) + ")");
}

std::optional<uint32_t> PopulationLoader::FindMemberGroup(const CsvReader& reader, int column,
                                                          uint64_t hash) {
  const std::string_view id = reader.fields()[column];
  if (id.empty()) {
    Fail(reader.Error(column, "empty " + schema_.group->name + " id"));
    return std::nullopt;
  }
  const int64_t group = group_ids_.Find(id, hash);
  if (group >= 0) {
    last_group_ = static_cast<uint32_t>(group);
  } else if (!has_groups_file_) {
    last_group_ = AddGroup(id);  // a second probe, but once per household, not per person
  } else {
    Fail(reader.Error(
        column, schema_.group->name + " '" + std::string(id) + "' is not in " + groups_file_name_));
    return std::nullopt;
  }
  return last_group_;
}

// The role of a member: the role column's value, or by default "head" for the first
// member of a household in file order and "other" for the rest.
std::optional<uint8_t> PopulationLoader::MemberRole(const CsvReader& reader, int column,
                                                    uint32_t group) {
  const std::vector<std::string>& roles = schema_.member->roles;
  const std::string_view role = column < 0 ? std::string_view() : reader.fields()[column];
  if (role.empty()) {
    const bool first = group_member_count_[group] == 0;
    const int index = first ? schema_.head_role : schema_.other_role;
    if (index >= 0) return static_cast<uint8_t>(index);
    Fail(reader.Error(column, "no role given, and entity '" + schema_.member->name +
                                  "' has no role '" + std::string(first ? kHeadRole : kOtherRole) +
                                  "' to default to"));
    return std::nullopt;
  }
  for (size_t index = 0; index < roles.size(); ++index) {
    if (roles[index] == role) return static_cast<uint8_t>(index);
  }
  Fail(reader.Error(column, UnknownRoleMessage(role, roles)));
  return std::nullopt;
}

bool PopulationLoader::ReadMemberInputs(const CsvReader& reader, const Header& header) {
  const std::vector<std::string_view>& fields = reader.fields();
  for (int column : header.member_input_columns) {
    const size_t input = header.columns[column].input;
    const Variable& variable = *schema_.member_inputs[input];
    if (fields[column].empty()) {
      member_values_[input].push_back(variable.default_value.raw);
      continue;
    }
    const std::optional<int64_t> value = ParseValueAt(reader, column, variable);
    if (!value) return false;
    member_values_[input].push_back(*value);
  }
  return true;
}

bool PopulationLoader::ReadRepeatedGroupInputs(const CsvReader& reader, const Header& header,
                                               uint32_t group) {
  for (int column : header.group_input_columns) {
    if (reader.fields()[column].empty()) continue;  // not stated on this row
    const size_t input = header.columns[column].input;
    const std::optional<int64_t> value = ParseValueAt(reader, column, *schema_.group_inputs[input]);
    if (!value || !StateGroupValue(reader, column, input, group, *value)) return false;
  }
  return true;
}

// A household column repeated on a person row: the first statement sets the household's
// value, every later one must agree with it.
bool PopulationLoader::StateGroupValue(const CsvReader& reader, int column, size_t input,
                                       uint32_t group, int64_t value) {
  GroupColumn& state = group_columns_[input];
  if (state.stated_line[group] == 0) {
    state.values[group] = value;
    state.stated_line[group] = SavedLine(reader.line());
    return true;
  }
  if (state.values[group] == value) return true;
  const Variable& variable = *schema_.group_inputs[input];
  std::string where = "on row " + std::to_string(state.stated_line[group]);
  if (state.stated_in_groups_file[group] != 0) where += " of " + groups_file_name_;
  return Fail(reader.Error(column, schema_.group->name + " '" + std::string(group_ids_[group]) +
                                       "': field '" + variable.name + "' is '" +
                                       FormatValue(value, variable) + "' here but '" +
                                       FormatValue(state.values[group], variable) + "' " + where));
}

// Plain values take the fast path; the rest, and errors, go through ParseField.
std::optional<int64_t> PopulationLoader::ParseValueAt(const CsvReader& reader, int column,
                                                      const Variable& variable) {
  if (std::optional<int64_t> plain = ParsePlainValue(reader.fields()[column], variable)) {
    return plain;
  }
  Result<int64_t> value = ParseField(reader, column, variable);
  if (!value.ok()) {
    Fail(value.status());
    return std::nullopt;
  }
  return *value;
}

bool PopulationLoader::Fail(Status status) {
  error_ = std::move(status);
  return false;
}

Result<Population> PopulationLoader::Finish() {
  Population population;
  population.members = EntityTable(schema_.member->name);
  population.groups = EntityTable(schema_.group->name);
  population.member_begin.assign(group_member_count_.size() + 1, 0);
  for (size_t group = 0; group < group_member_count_.size(); ++group) {
    population.member_begin[group + 1] =
        population.member_begin[group] + group_member_count_[group];
  }
  const std::vector<uint32_t> order = HouseholdOrder(member_group_, population.member_begin);
  population.member_role = Permute(std::move(member_role_), order);
  population.member_group.resize(member_group_.size());
  for (size_t group = 0; group < group_member_count_.size(); ++group) {
    std::fill(population.member_group.begin() + population.member_begin[group],
              population.member_group.begin() + population.member_begin[group + 1],
              static_cast<uint32_t>(group));
  }
  FillMemberColumns(population, order);
  for (size_t input = 0; input < group_columns_.size(); ++input) {
    const Variable& variable = *schema_.group_inputs[input];
    population.groups.Add(variable.name, variable.type, variable.enum_type.get(),
                          Values::FromVector(std::move(group_columns_[input].values)));
  }
  population.members.mutable_ids() = PermuteIds(std::move(member_ids_), order);
  population.groups.mutable_ids() = group_ids_.TakeIds();
  if (Status status = population.Validate(); !status.ok()) {
    return Internal("population CSV built an invalid population: " + status.message());
  }
  return population;
}

// Every member input gets a column: the file's values in household order, or the
// variable's default when the file has no such column.
void PopulationLoader::FillMemberColumns(Population& population,
                                         const std::vector<uint32_t>& order) {
  const size_t member_count = member_group_.size();  // the members table has no ids yet
  for (size_t input = 0; input < schema_.member_inputs.size(); ++input) {
    const Variable& variable = *schema_.member_inputs[input];
    population.members.Add(
        variable.name, variable.type, variable.enum_type.get(),
        member_input_in_file_[input] != 0
            ? Values::FromVector(Permute(std::move(member_values_[input]), order))
            : Values::Constant(member_count, variable.default_value.raw));
  }
}

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

Result<std::string> ReadWholeFile(const std::string& path) {
  const SourceLocation location = SourceLocation::InTable(path, 0);
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return NotFound("cannot read the file: " + error.message()).At(location);
  if (size >= kCsvMaxFileBytes) return FileTooLarge(size).At(location);
  const std::unique_ptr<std::FILE, CloseFile> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) return NotFound("cannot open the file").At(location);
  std::string text(size, '\0');
  if (std::fread(text.data(), 1, text.size(), file.get()) != text.size()) {
    return Status(ErrorCode::kIo, "reading the file failed", location);
  }
  return text;
}

}  // namespace

Result<Population> ParsePopulationCsv(const policy::Pack& pack, std::string_view persons_text,
                                      std::string_view persons_name,
                                      std::string_view households_text,
                                      std::string_view households_name) {
  Result<Schema> schema = MakeSchema(pack);
  if (!schema.ok()) return schema.status();
  PopulationLoader loader(*schema);
  if (!households_text.empty() || !households_name.empty()) {
    if (households_text.size() >= kCsvMaxFileBytes) {
      return FileTooLarge(households_text.size())
          .At(SourceLocation::InTable(std::string(households_name), 0));
    }
    CsvReader reader(households_text, std::string(households_name));
    if (Status status = loader.ReadGroupsFile(reader); !status.ok()) return status;
  }
  if (persons_text.size() >= kCsvMaxFileBytes) {
    return FileTooLarge(persons_text.size())
        .At(SourceLocation::InTable(std::string(persons_name), 0));
  }
  CsvReader reader(persons_text, std::string(persons_name));
  if (Status status = loader.ReadMembersFile(reader); !status.ok()) return status;
  return loader.Finish();
}

Result<Population> LoadPopulationCsv(const policy::Pack& pack, const CsvOptions& options) {
  Result<std::string> persons = ReadWholeFile(options.persons_path);
  if (!persons.ok()) return persons.status();
  std::string households;
  if (!options.households_path.empty()) {
    Result<std::string> text = ReadWholeFile(options.households_path);
    if (!text.ok()) return text.status();
    households = std::move(text).value();
  }
  return ParsePopulationCsv(pack, *persons, options.persons_path, households,
                            options.households_path);
}

}  // namespace minsheng::engine
