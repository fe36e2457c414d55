#include "dedup/apply.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/csv_reader.h"
#include "core/error_list.h"
#include "core/read_file.h"
#include "core/resident_id.h"
#include "dedup/registry_list.h"
#include "registry/encoding.h"
#include "registry/import.h"
#include "registry/kinds.h"
#include "registry/schema.h"

namespace minsheng::dedup {
namespace {

constexpr std::string_view kNothingApplied = "nothing was applied";
// No cluster grows past this by accepted pairs: a bigger one is a chain of mistakes, and
// applying it would fold unrelated persons into one.
constexpr size_t kMaxClusterRecords = 100;

// ---------------------------------------------------------------------------------------
// The clusters to apply, as the files give them.

// One record of a cluster, and where it was read (for errors).
struct Member {
  std::string list, record_id;
  std::string resident_id;          // 18 characters, or "" when none
  const CsvReader* file = nullptr;  // places errors: its file name and column names
  int64_t line = 0;
  int record_column = -1;
  std::string person;  // the registry person the record names, "" none (ResolvePersons)
};

struct Group {
  std::string label;              // "3" as in clusters.csv; "3+7" joined; "review:2" made by a pair
  std::vector<uint32_t> members;  // ascending: clusters.csv's rows first, then the pairs' records
  uint32_t keep = 0;
  bool from_clusters = false;  // holds a cluster of clusters.csv
};

struct Plan {
  std::vector<std::unique_ptr<std::string>> texts;  // the files' text, which readers view
  std::vector<std::unique_ptr<CsvReader>> readers;  // kept to place errors found later
  std::vector<Member> members;
  std::unordered_map<std::string, uint32_t> member_of;  // list \x1f record_id → member
  std::vector<uint32_t> group_of;                       // by member: its group before joining
  std::vector<Group> groups;                            // joined: see parent
  std::vector<uint32_t> parent;                         // union-find over groups
  int64_t cluster_rows = 0;
  registry::SourceEncoding encoding = registry::SourceEncoding::kUtf8;

  CsvReader& Open(std::string text, const std::string& file_name) {
    texts.push_back(std::make_unique<std::string>(std::move(text)));
    readers.push_back(std::make_unique<CsvReader>(*texts.back(), file_name));
    return *readers.back();
  }
  static std::string Key(std::string_view list, std::string_view record_id) {
    return std::string(list) + '\x1f' + std::string(record_id);
  }
  uint32_t Find(uint32_t group) {
    while (parent[group] != group) group = parent[group] = parent[parent[group]];
    return group;
  }
  uint32_t NewGroup(Group group) {
    groups.push_back(std::move(group));
    parent.push_back(static_cast<uint32_t>(parent.size()));
    return parent.back();
  }
};

Status PlaceAt(const Member& member, int column, std::string_view message) {
  return member.file->ErrorAt(member.line, column, message);
}

// 17 digits and a digit or X: what clusters.csv writes (a number that fails its check
// character is written too, and names no registry person).
bool HasIdShape(std::string_view text) {
  if (text.size() != 18) return false;
  for (size_t i = 0; i < 18; ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (!digit && !(i == 17 && text[i] == 'X')) return false;
  }
  return true;
}

// The header's columns of `names` (-1 when absent), the required ones (the first
// `required`) present and none twice; other columns are ignored.
Result<std::vector<int>> ReadHeader(CsvReader& csv, std::span<const std::string_view> names,
                                    size_t required) {
  auto found = csv.Next();
  if (!found.ok()) return found.status();
  if (!*found)
    return InvalidArgument(csv.file_name() + ": the file is empty; expected a header row");
  const std::vector<std::string_view> header = csv.fields();
  csv.SetColumnNames(header);
  ErrorList errors;
  std::vector<int> column_of(names.size(), -1);
  for (size_t column = 0; column < header.size(); ++column) {
    for (size_t name = 0; name < names.size(); ++name) {
      if (header[column] != names[name]) continue;
      if (column_of[name] >= 0)
        errors.Add(csv.ErrorAt(1, static_cast<int>(column),
                               "column '" + std::string(names[name]) + "' twice"));
      column_of[name] = static_cast<int>(column);
    }
  }
  for (size_t name = 0; name < required; ++name) {
    if (column_of[name] < 0) {
      errors.Add(
          csv.ErrorAt(1, -1, "the required column '" + std::string(names[name]) + "' is missing"));
    }
  }
  if (!errors.empty()) return errors.ToStatus(csv.file_name(), kNothingApplied);
  return column_of;
}

enum ClusterColumn { kCluster, kList, kRecordId, kKeep, kResidentId };
constexpr std::string_view kClusterColumns[] = {"cluster", "list", "record_id", "keep",
                                                "resident_id"};

// Each cluster keeps exactly one record: `rows_of_group` holds each group's rows (line,
// keep), in the file's order.
void CheckKeeps(const Plan& plan, const CsvReader& csv, int keep_column,
                const std::vector<std::vector<std::pair<int64_t, bool>>>& rows_of_group,
                ErrorList& errors) {
  for (size_t g = 0; g < rows_of_group.size(); ++g) {
    int64_t first_keep = 0;
    for (const auto& [line, keep] : rows_of_group[g]) {
      if (!keep) continue;
      if (first_keep == 0) {
        first_keep = line;
        continue;
      }
      errors.Add(csv.ErrorAt(line, keep_column,
                             "cluster " + plan.groups[g].label +
                                 " keeps a second record (the first in row " +
                                 std::to_string(first_keep) + "); a cluster keeps one"));
    }
    if (first_keep == 0) {
      errors.Add(csv.ErrorAt(rows_of_group[g].front().first, keep_column,
                             "cluster " + plan.groups[g].label +
                                 " keeps no record; one row of each cluster has keep true"));
    }
  }
}

// Reads clusters.csv into the plan's groups, one per cluster number.
Status ReadClusters(Plan& plan, std::string text, const std::string& file_name, ErrorList& errors) {
  CsvReader& csv = plan.Open(std::move(text), file_name);
  auto header = ReadHeader(csv, kClusterColumns, std::size(kClusterColumns));
  if (!header.ok()) return header.status();
  const std::vector<int>& column = *header;
  const size_t width = csv.fields().size();
  std::unordered_map<std::string, uint32_t> group_of_label;
  std::vector<std::vector<std::pair<int64_t, bool>>> rows_of_group;  // (line, keep)
  for (;;) {
    auto next = csv.Next();
    if (!next.ok()) {
      errors.Add(next.status());  // a broken quote: where the next row starts is unknown
      break;
    }
    if (!*next) break;
    ++plan.cluster_rows;
    const std::vector<std::string_view>& fields = csv.fields();
    if (fields.size() != width) {
      errors.Add(csv.Error(-1, csv.FieldCountMessage(width)));
      continue;
    }
    const auto field = [&](ClusterColumn c) { return fields[static_cast<size_t>(column[c])]; };
    const std::string_view label = field(kCluster), keep = field(kKeep), id = field(kResidentId);
    bool ok = true;
    const auto fail = [&](ClusterColumn c, std::string message) {
      errors.Add(csv.Error(column[c], message));
      ok = false;
    };
    if (label.empty() || label.size() > 9 ||
        !std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail(kCluster, "the cluster is a number, e.g. 3; found '" + std::string(label) + "'");
    }
    if (field(kList).empty()) fail(kList, "empty list");
    if (field(kRecordId).empty()) fail(kRecordId, "empty record_id");
    if (keep != "true" && keep != "false")
      fail(kKeep, "keep is true or false; found '" + std::string(keep) + "'");
    if (!id.empty() && !HasIdShape(id))
      fail(kResidentId, "not an 18-character resident ID: '" + std::string(id) + "'");
    if (!ok) continue;
    const std::string key = Plan::Key(field(kList), field(kRecordId));
    if (auto seen = plan.member_of.find(key); seen != plan.member_of.end()) {
      errors.Add(csv.Error(column[kRecordId], "record " + std::string(field(kList)) + "/" +
                                                  std::string(field(kRecordId)) +
                                                  " again (first in row " +
                                                  std::to_string(plan.members[seen->second].line) +
                                                  "); a record is in one cluster"));
      continue;
    }
    auto [place, added] =
        group_of_label.try_emplace(std::string(label), static_cast<uint32_t>(plan.groups.size()));
    if (added) {
      plan.NewGroup({.label = std::string(label), .members = {}, .keep = 0, .from_clusters = true});
      rows_of_group.emplace_back();
    }
    const auto member = static_cast<uint32_t>(plan.members.size());
    plan.members.push_back({.list = std::string(field(kList)),
                            .record_id = std::string(field(kRecordId)),
                            .resident_id = std::string(id),
                            .file = &csv,
                            .line = csv.line(),
                            .record_column = column[kRecordId],
                            .person = {}});
    plan.member_of.emplace(key, member);
    plan.group_of.push_back(place->second);
    Group& group = plan.groups[place->second];
    group.members.push_back(member);
    if (keep == "true") group.keep = member;
    rows_of_group[place->second].emplace_back(csv.line(), keep == "true");
  }
  CheckKeeps(plan, csv, column[kKeep], rows_of_group, errors);
  return Status::Ok();
}

// Joins the groups of two records: the joined group keeps what the left record's
// cluster keeps, else the right one's, else the left record (a group of a record no
// cluster holds keeps it). `label` names a group made of such records only.
const Group& Join(Plan& plan, uint32_t left, uint32_t right, const std::string& label) {
  const uint32_t a = plan.Find(plan.group_of[left]), b = plan.Find(plan.group_of[right]);
  if (a == b) return plan.groups[a];
  const bool left_wins = plan.groups[a].from_clusters || !plan.groups[b].from_clusters;
  const uint32_t winner = left_wins ? a : b, loser = left_wins ? b : a;
  Group& kept = plan.groups[winner];
  const Group& joined = plan.groups[loser];
  if (kept.label.empty() || joined.label.empty()) {
    kept.label = kept.label.empty() && joined.label.empty() ? label : kept.label + joined.label;
  } else {
    kept.label += "+" + joined.label;
  }
  kept.from_clusters = kept.from_clusters || joined.from_clusters;
  kept.members.insert(kept.members.end(), joined.members.begin(), joined.members.end());
  plan.parent[loser] = winner;
  return kept;
}

enum AcceptedColumn {
  kLeftList,
  kLeftRecord,
  kRightList,
  kRightRecord,
  kLeftResidentId,
  kRightResidentId
};
constexpr std::string_view kAcceptedColumns[] = {"left_list",        "left_record",
                                                 "right_list",       "right_record",
                                                 "left_resident_id", "right_resident_id"};

// Reads the accepted pairs and joins their records' groups; a record no cluster holds
// joins as a group of its own.
Status ReadAccepted(Plan& plan, std::string text, const std::string& file_name, ErrorList& errors) {
  CsvReader& csv = plan.Open(std::move(text), file_name);
  auto header = ReadHeader(csv, kAcceptedColumns, 4);
  if (!header.ok()) return header.status();
  const std::vector<int>& column = *header;
  const size_t width = csv.fields().size();
  for (;;) {
    auto next = csv.Next();
    if (!next.ok()) {
      errors.Add(next.status());
      break;
    }
    if (!*next) break;
    const std::vector<std::string_view>& fields = csv.fields();
    if (fields.size() != width) {
      errors.Add(csv.Error(-1, csv.FieldCountMessage(width)));
      continue;
    }
    const auto field = [&](AcceptedColumn c) {
      return column[c] < 0 ? std::string_view() : fields[static_cast<size_t>(column[c])];
    };
    bool ok = true;
    for (AcceptedColumn c : {kLeftList, kLeftRecord, kRightList, kRightRecord}) {
      if (field(c).empty()) {
        errors.Add(csv.Error(column[c], "empty " + std::string(kAcceptedColumns[c])));
        ok = false;
      }
    }
    for (AcceptedColumn c : {kLeftResidentId, kRightResidentId}) {
      if (!field(c).empty() && !HasIdShape(field(c))) {
        errors.Add(csv.Error(column[c],
                             "not an 18-character resident ID: '" + std::string(field(c)) + "'"));
        ok = false;
      }
    }
    if (!ok) continue;
    if (field(kLeftList) == field(kRightList) && field(kLeftRecord) == field(kRightRecord)) {
      errors.Add(csv.Error(column[kRightRecord], "a pair of one record with itself"));
      continue;
    }
    // The member for one side, added (in a group of its own) when no cluster holds it.
    const auto side = [&](AcceptedColumn list, AcceptedColumn record, AcceptedColumn id) {
      const std::string key = Plan::Key(field(list), field(record));
      if (auto found = plan.member_of.find(key); found != plan.member_of.end())
        return found->second;
      const auto member = static_cast<uint32_t>(plan.members.size());
      plan.members.push_back({.list = std::string(field(list)),
                              .record_id = std::string(field(record)),
                              .resident_id = std::string(field(id)),
                              .file = &csv,
                              .line = csv.line(),
                              .record_column = column[record],
                              .person = {}});
      plan.member_of.emplace(key, member);
      plan.group_of.push_back(plan.NewGroup(
          {.label = {}, .members = {member}, .keep = member, .from_clusters = false}));
      return member;
    };
    const uint32_t left = side(kLeftList, kLeftRecord, kLeftResidentId);
    const uint32_t right = side(kRightList, kRightRecord, kRightResidentId);
    const Group& joined = Join(plan, left, right, "review:" + std::to_string(csv.line()));
    if (joined.members.size() > kMaxClusterRecords) {
      errors.Add(csv.Error(-1, "this pair makes cluster " + joined.label + " hold " +
                                   std::to_string(joined.members.size()) + " records, more than " +
                                   std::to_string(kMaxClusterRecords) +
                                   "; a chain of pairs, not one person"));
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// The plan's clusters after joining, in the order of their first record.
std::vector<Group> JoinedClusters(Plan& plan) {
  std::vector<Group> clusters;
  std::unordered_map<uint32_t, size_t> cluster_of_root;
  for (uint32_t member = 0; member < plan.members.size(); ++member) {
    const uint32_t root = plan.Find(plan.group_of[member]);
    auto [place, added] = cluster_of_root.try_emplace(root, clusters.size());
    if (added) {
      const Group& group = plan.groups[root];
      clusters.push_back({.label = group.label,
                          .members = {},
                          .keep = group.keep,
                          .from_clusters = group.from_clusters});
    }
    clusters[place->second].members.push_back(member);
  }
  return clusters;
}

// ---------------------------------------------------------------------------------------
// Reading and writing the registry, inside the apply's transaction.

// Rows of `sql` bound with `texts`, counted by the query itself (its one column).
Result<int64_t> CountOf(store::Store& store, std::string_view sql,
                        std::initializer_list<std::string_view> texts) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  int index = 1;
  for (std::string_view text : texts) (*statement)->BindText(index++, text);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  const int64_t count = *row ? (*statement)->Int(0) : 0;
  (*statement)->Reset();
  return count;
}

std::optional<Date> OptionalDate(const store::Row& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  auto date = Date::Parse(row.TextView(column));
  return date.ok() ? std::optional<Date>(*date) : std::nullopt;
}

bool Withdrawn(const std::optional<Date>& from, const std::optional<Date>& until) {
  return from && until && *until < *from;
}

// Everything an apply writes: each row with the import's id and time, and counted.
struct Writer {
  store::Store& store;
  int64_t import_id = 0;
  int64_t recorded_at = 0;
  int64_t written = 0;

  Status Insert(std::string_view sql, const std::function<void(store::Statement&)>& bind) {
    auto statement = store.Prepare(sql);
    if (!statement.ok()) return statement.status();
    (*statement)->BindInt(1, import_id);
    (*statement)->BindInt(2, recorded_at);
    bind(**statement);
    auto done = (*statement)->Step();
    if (!done.ok()) return done.status();
    ++written;
    return Status::Ok();
  }
};

void BindOptionalText(store::Statement& s, int index, std::string_view text) {
  if (text.empty()) {
    s.BindNull(index);
  } else {
    s.BindText(index, text);
  }
}

// --- Persons: their spells, and a scheme changed from a day on.

const registry::KindSpec& PersonSpec() {
  return registry::SpecOf(registry::FileKind::kPersons);
}

bool HoldsNumber(registry::FieldType type) {
  using T = registry::FieldType;
  return type == T::kMoney || type == T::kBool || type == T::kGrade;
}

// The current version of one of a person's spells.
struct Spell {
  int64_t seq = 0;
  std::optional<Date> from, until;
  registry::Row row;  // in PersonSpec()'s field order
};

// The person's spells as last recorded, withdrawn ones left out, in the order of seq.
Result<std::vector<Spell>> CurrentSpells(store::Store& store, std::string_view person) {
  const registry::KindSpec& spec = PersonSpec();
  static const std::string sql = [&] {
    std::string columns;
    for (const registry::FieldSpec& field : spec.fields) columns += std::string(", ") + field.name;
    return "SELECT seq" + columns + " FROM registry_persons WHERE resident_id = ? ORDER BY seq";
  }();
  const int from_field = registry::FieldIndex(spec, "valid_from");
  const int until_field = registry::FieldIndex(spec, "valid_until");
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, person);
  std::vector<Spell> spells;
  for (;;) {
    auto found = (*statement)->Step();
    if (!found.ok()) return found.status();
    if (!*found) break;
    const store::Statement& s = **statement;
    Spell spell{.seq = s.Int(0),
                .from = OptionalDate(s, from_field + 1),
                .until = OptionalDate(s, until_field + 1),
                .row = registry::Row(spec.fields.size())};
    for (size_t field = 0; field < spec.fields.size(); ++field) {
      const int column = static_cast<int>(field) + 1;
      if (s.IsNull(column)) continue;
      if (HoldsNumber(spec.fields[field].type)) {
        spell.row[field] = s.Int(column);
      } else {
        spell.row[field] = s.Text(column);
      }
    }
    // A later record of the same spell (the same valid_from) is its new version.
    auto same = std::find_if(spells.begin(), spells.end(),
                             [&](const Spell& other) { return other.from == spell.from; });
    if (same != spells.end()) spells.erase(same);
    spells.push_back(std::move(spell));
  }
  std::erase_if(spells, [](const Spell& spell) { return Withdrawn(spell.from, spell.until); });
  return spells;
}

// A stretch of days from `on` on over which one spell holds (docs/registry.md: of the
// spells covering a day, the one recorded last).
struct Stretch {
  Date from;
  std::optional<Date> until;
  size_t spell = 0;
};

std::vector<Stretch> StretchesFrom(const std::vector<Spell>& spells, Date on) {
  const Date last_day = Date::FromYmd(Date::kMaxYear, 12, 31).value();
  std::set<Date> starts = {on};
  for (const Spell& spell : spells) {
    if (spell.from && *spell.from > on) starts.insert(*spell.from);
    if (spell.until && *spell.until >= on && *spell.until < last_day)
      starts.insert(spell.until->AddDays(1));
  }
  std::vector<Stretch> stretches;
  for (auto start = starts.begin(); start != starts.end(); ++start) {
    const Date day = *start;
    std::optional<size_t> holding;
    for (size_t n = 0; n < spells.size(); ++n) {
      const Spell& spell = spells[n];
      if ((!spell.from || *spell.from <= day) && (!spell.until || day <= *spell.until))
        holding = n;  // by seq
    }
    if (!holding) continue;  // the person is not in the registry then
    const auto next = std::next(start);
    const std::optional<Date> until =
        next == starts.end() ? spells[*holding].until : next->AddDays(-1);
    if (!stretches.empty() && stretches.back().spell == *holding && stretches.back().until &&
        stretches.back().until->AddDays(1) == day) {
      stretches.back().until = until;
    } else {
      stretches.push_back({day, until, *holding});
    }
  }
  return stretches;
}

// The person's scheme on `day` (empty: none), or nothing when the person is not in the
// registry then.
std::optional<registry::FieldValue> SchemeOn(const std::vector<Spell>& spells, Date day) {
  const int scheme = registry::FieldIndex(PersonSpec(), "scheme");
  const std::vector<Stretch> stretches = StretchesFrom(spells, day);
  if (stretches.empty() || stretches.front().from != day) return std::nullopt;
  return spells[stretches.front().spell].row[static_cast<size_t>(scheme)];
}

Status InsertPerson(Writer& writer, const registry::Row& row) {
  const registry::KindSpec& spec = PersonSpec();
  static const std::string sql = [&] {
    std::string columns, values;
    for (const registry::FieldSpec& field : spec.fields) {
      columns += std::string(", ") + field.name;
      values += ", ?";
    }
    return "INSERT INTO registry_persons (import_id, recorded_at" + columns + ") VALUES (?, ?" +
           values + ")";
  }();
  return writer.Insert(sql, [&](store::Statement& s) { registry::BindRow(s, 3, row); });
}

// Records the person again from `on` on with the scheme `scheme_of(scheme)` gives: one
// record for each stretch one spell holds, saying what it says but the scheme. Recorded
// last, they hold from `on` on wherever the person's spells did, and nowhere before; a
// spell starting on or after `on` that one of them replaces (the same valid_from) held
// from `on` on only. Nothing is recorded when no stretch's scheme changes: true when
// something was.
Result<bool> RecordSchemeFrom(
    Writer& writer, std::string_view person, Date on,
    const std::function<registry::FieldValue(const registry::FieldValue&)>& scheme_of) {
  auto spells = CurrentSpells(writer.store, person);
  if (!spells.ok()) return spells.status();
  const registry::KindSpec& spec = PersonSpec();
  const auto scheme = static_cast<size_t>(registry::FieldIndex(spec, "scheme"));
  const auto from = static_cast<size_t>(registry::FieldIndex(spec, "valid_from"));
  const auto until = static_cast<size_t>(registry::FieldIndex(spec, "valid_until"));
  const std::vector<Stretch> stretches = StretchesFrom(*spells, on);
  const bool changes = std::any_of(stretches.begin(), stretches.end(), [&](const Stretch& stretch) {
    const registry::FieldValue& held = (*spells)[stretch.spell].row[scheme];
    return scheme_of(held) != held;
  });
  if (!changes) return false;
  for (const Stretch& stretch : stretches) {
    registry::Row row = (*spells)[stretch.spell].row;
    row[scheme] = scheme_of(row[scheme]);
    row[from] = stretch.from.ToString();
    row[until] =
        stretch.until ? registry::FieldValue(stretch.until->ToString()) : registry::FieldValue();
    if (Status status = InsertPerson(writer, row); !status.ok()) return status;
  }
  return true;
}

// --- Enrollments of a person.

struct PersonEnrollment {
  std::string program;
  Date from;
  std::optional<Date> until;
  std::string origin;

  bool InForce(Date day) const { return from <= day && (!until || day <= *until); }
};

// The person's enrollments as last recorded, withdrawn ones left out.
Result<std::vector<PersonEnrollment>> CurrentEnrollments(store::Store& store,
                                                         std::string_view person) {
  auto statement = store.Prepare(
      "SELECT program, valid_from, valid_until, origin FROM registry_enrollments "
      "WHERE person_id = ? AND household_id IS NULL ORDER BY seq");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, person);
  std::vector<PersonEnrollment> enrollments;
  for (;;) {
    auto found = (*statement)->Step();
    if (!found.ok()) return found.status();
    if (!*found) break;
    const store::Statement& s = **statement;
    auto from = Date::Parse(s.TextView(1));
    if (!from.ok())
      return Internal("registry_enrollments: valid_from '" + s.Text(1) + "' is no date");
    PersonEnrollment e{
        .program = s.Text(0), .from = *from, .until = OptionalDate(s, 2), .origin = s.Text(3)};
    // A later record of the same enrollment (program and valid_from) is its new version.
    std::erase_if(enrollments, [&](const PersonEnrollment& other) {
      return other.program == e.program && other.from == e.from;
    });
    enrollments.push_back(std::move(e));
  }
  std::erase_if(enrollments, [](const PersonEnrollment& e) { return Withdrawn(e.from, e.until); });
  return enrollments;
}

Status InsertEnrollment(Writer& writer, std::string_view person, const PersonEnrollment& e) {
  return writer.Insert(
      "INSERT INTO registry_enrollments (import_id, recorded_at, program, person_id, household_id, "
      "valid_from, "
      "valid_until, origin) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
      [&](store::Statement& s) {
        s.BindText(3, e.program);
        s.BindText(4, person);
        s.BindText(5, e.from.ToString());
        if (e.until) {
          s.BindText(6, e.until->ToString());
        } else {
          s.BindNull(6);
        }
        s.BindText(7, e.origin);
      });
}

// --- One person merged into another.

// What merging persons changed, for the summary.
struct PersonChanges {
  int64_t persons = 0, enrollments_moved = 0, enrollments_recorded = 0, schemes_ended = 0,
          schemes_taken = 0;
};

// Merges `merged` into `kept` from `on`: the kept person takes the merged one's scheme
// when holding none on `on`; every enrollment of the merged person in force on `on` or
// later ends the day before `on` (one starting then or later is withdrawn) and is
// recorded for the kept person from `on` (or its start), unless they are enrolled in the
// program then already; the merged person's scheme ends on `on`.
Status MergePerson(Writer& writer, std::string_view kept, std::string_view merged, Date on,
                   PersonChanges& changes) {
  bool changed = false;
  auto merged_spells = CurrentSpells(writer.store, merged);
  auto kept_spells = CurrentSpells(writer.store, kept);
  if (!merged_spells.ok()) return merged_spells.status();
  if (!kept_spells.ok()) return kept_spells.status();
  const std::optional<registry::FieldValue> scheme = SchemeOn(*merged_spells, on);
  const std::optional<registry::FieldValue> kept_scheme = SchemeOn(*kept_spells, on);
  const auto none = [](const registry::FieldValue& value) {
    return std::holds_alternative<std::monostate>(value);
  };
  if (kept_scheme && none(*kept_scheme) && scheme && !none(*scheme)) {
    auto taken = RecordSchemeFrom(writer, kept, on, [&](const registry::FieldValue& held) {
      return none(held) ? *scheme : held;
    });
    if (!taken.ok()) return taken.status();
    changes.schemes_taken += *taken ? 1 : 0;
  }

  auto enrollments = CurrentEnrollments(writer.store, merged);
  if (!enrollments.ok()) return enrollments.status();
  for (const PersonEnrollment& e : *enrollments) {
    if (e.until && *e.until < on) continue;  // over before the merge
    const Date start = std::max(e.from, on);
    PersonEnrollment ended = e;
    ended.until = start.AddDays(-1);  // before `on`, or before its start: withdrawn
    if (Status status = InsertEnrollment(writer, merged, ended); !status.ok()) return status;
    ++changes.enrollments_moved;
    changed = true;
    auto held = CurrentEnrollments(writer.store, kept);
    if (!held.ok()) return held.status();
    const bool enrolled = std::any_of(held->begin(), held->end(), [&](const PersonEnrollment& k) {
      return k.program == e.program && k.InForce(start);
    });
    if (enrolled) continue;
    const PersonEnrollment moved{
        .program = e.program, .from = start, .until = e.until, .origin = kMergeOrigin};
    if (Status status = InsertEnrollment(writer, kept, moved); !status.ok()) return status;
    ++changes.enrollments_recorded;
  }

  auto ended = RecordSchemeFrom(writer, merged, on,
                                [](const registry::FieldValue&) { return registry::FieldValue(); });
  if (!ended.ok()) return ended.status();
  changes.schemes_ended += *ended ? 1 : 0;
  changed = changed || *ended;
  changes.persons += changed ? 1 : 0;
  return Status::Ok();
}

// --- The clusters' registry persons.

// Sets each member's registry person: a record of the list `registry` names the person
// its record_id is (who must be in the registry), another one the person its resident ID
// is, when the registry holds them.
Status ResolvePersons(store::Store& store, Plan& plan, ErrorList& errors) {
  std::unordered_map<std::string, bool> held;
  for (Member& member : plan.members) {
    const bool registry_record = member.list == kRegistryListName;
    const std::string& id = registry_record ? member.record_id : member.resident_id;
    if (id.empty()) continue;
    auto [place, added] = held.try_emplace(id, false);
    if (added) {
      auto count =
          CountOf(store, "SELECT COUNT(*) FROM registry_persons WHERE resident_id = ?", {id});
      if (!count.ok()) return count.status();
      place->second = *count > 0;
    }
    if (place->second) {
      member.person = id;
    } else if (registry_record) {
      errors.Add(PlaceAt(
          member, member.record_column,
          "no person '" + id + "' in the registry (was the run against another registry?)"));
    }
  }
  return Status::Ok();
}

// The distinct registry persons of a cluster, the kept one first: the kept record's, else
// the first the cluster names.
std::vector<std::string> PersonsOf(const Plan& plan, const Group& cluster) {
  std::vector<std::string> persons;
  if (!plan.members[cluster.keep].person.empty())
    persons.push_back(plan.members[cluster.keep].person);
  for (uint32_t member : cluster.members) {
    const std::string& person = plan.members[member].person;
    if (!person.empty() && std::find(persons.begin(), persons.end(), person) == persons.end())
      persons.push_back(person);
  }
  return persons;
}

// A person is merged in one cluster at most, and never both ways: one merged before into
// another is not kept now, nor merged into a third.
Status CheckPersons(store::Store& store, const Plan& plan, const std::vector<Group>& clusters,
                    ErrorList& errors) {
  std::unordered_map<std::string, const Group*> merging;  // person → the cluster merging them
  for (const Group& cluster : clusters) {
    const std::vector<std::string> persons = PersonsOf(plan, cluster);
    if (persons.size() < 2) continue;
    for (uint32_t m : cluster.members) {
      const Member& member = plan.members[m];
      if (member.person.empty()) continue;
      auto [place, added] = merging.try_emplace(member.person, &cluster);
      if (!added && place->second != &cluster) {
        errors.Add(
            PlaceAt(member, member.record_column,
                    "person " + member.person + " is merged in cluster " + place->second->label +
                        " too; a person is merged in one cluster (join the two with --accept)"));
      }
    }
    for (size_t p = 0; p < persons.size(); ++p) {
      auto statement = store.Prepare(
          "SELECT kept_person, valid_from FROM registry_merges WHERE merged_person = ? AND "
          "kept_person IS NOT NULL "
          "AND kept_person <> merged_person ORDER BY seq");
      if (!statement.ok()) return statement.status();
      (*statement)->BindText(1, persons[p]);
      for (;;) {
        auto found = (*statement)->Step();
        if (!found.ok()) return found.status();
        if (!*found) break;
        const std::string into = (*statement)->Text(0);
        if (p > 0 && into == persons[0]) continue;  // this very merge, recorded before
        const Member& place = plan.members[cluster.keep];
        errors.Add(
            PlaceAt(place, -1,
                    "cluster " + cluster.label + ": person " + persons[p] + " was merged into " +
                        into + " from " + (*statement)->Text(1) +
                        (p == 0 ? "; keep that person instead" : "; a person is merged once")));
        (*statement)->Reset();
        break;
      }
    }
  }
  return Status::Ok();
}

Result<bool> MergeRecorded(store::Store& store, const Member& kept, const Member& merged, Date on) {
  auto count = CountOf(
      store,
      "SELECT COUNT(*) FROM registry_merges WHERE merged_record = ? AND merged_list = ? AND "
      "kept_list = ? AND kept_record = ? AND valid_from = ?",
      {merged.record_id, merged.list, kept.list, kept.record_id, on.ToString()});
  if (!count.ok()) return count.status();
  return *count > 0;
}

// Records the cluster's merges and merges its registry persons.
Status ApplyCluster(Writer& writer, const Plan& plan, const Group& cluster, Date on,
                    ApplySummary& summary, PersonChanges& changes) {
  const std::vector<std::string> persons = PersonsOf(plan, cluster);
  const std::string kept_person = persons.empty() ? std::string() : persons.front();
  const Member& kept = plan.members[cluster.keep];
  for (uint32_t m : cluster.members) {
    if (m == cluster.keep) continue;
    const Member& merged = plan.members[m];
    auto recorded = MergeRecorded(writer.store, kept, merged, on);
    if (!recorded.ok()) return recorded.status();
    if (*recorded) {
      ++summary.already_applied;
      continue;
    }
    Status status = writer.Insert(
        "INSERT INTO registry_merges (import_id, recorded_at, cluster, kept_list, kept_record, "
        "kept_person, "
        "merged_list, merged_record, merged_person, valid_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)",
        [&](store::Statement& s) {
          s.BindText(3, cluster.label);
          s.BindText(4, kept.list);
          s.BindText(5, kept.record_id);
          BindOptionalText(s, 6, kept_person);
          s.BindText(7, merged.list);
          s.BindText(8, merged.record_id);
          BindOptionalText(s, 9, merged.person);
          s.BindText(10, on.ToString());
        });
    if (!status.ok()) return status;
    ++summary.merges_recorded;
  }
  for (size_t p = 1; p < persons.size(); ++p) {
    if (Status status = MergePerson(writer, kept_person, persons[p], on, changes); !status.ok())
      return status;
  }
  return Status::Ok();
}

Status RecordImport(Writer& writer, const std::string& file_name, registry::SourceEncoding encoding,
                    int64_t rows) {
  auto statement = writer.store.Prepare(
      "INSERT INTO registry_imports (id, kind, file_name, encoding, recorded_at, rows, new_rows) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!statement.ok()) return statement.status();
  store::Statement& s = **statement;
  s.BindInt(1, writer.import_id);
  s.BindText(2, kMergesImportKind);
  s.BindText(3, std::filesystem::path(file_name).filename().string());
  s.BindText(4, encoding == registry::SourceEncoding::kUtf8 ? "utf-8" : "gb18030");
  s.BindInt(5, writer.recorded_at);
  s.BindInt(6, rows);
  s.BindInt(7, writer.written);
  auto done = s.Step();
  return done.ok() ? Status::Ok() : done.status();
}

// Everything the apply writes, inside the caller's transaction; `summary.import_id` stays
// 0 when nothing was new.
Status Write(store::Store& store, Plan& plan, const std::vector<Group>& clusters,
             const std::string& file_name, const ApplyOptions& options, ApplySummary& summary) {
  auto last_time = CountOf(store, "SELECT COALESCE(MAX(recorded_at), 0) FROM registry_imports", {});
  if (!last_time.ok()) return last_time.status();
  if (options.recorded_at < *last_time) {
    return InvalidArgument(
        "the clock reads earlier than the registry's last import; a merge recorded before it "
        "would change what views as of earlier times read");
  }
  ErrorList errors;
  if (Status status = ResolvePersons(store, plan, errors); !status.ok()) return status;
  if (Status status = CheckPersons(store, plan, clusters, errors); !status.ok()) return status;
  if (!errors.empty()) return errors.ToStatus(file_name, kNothingApplied);

  auto last_import = registry::LastImportId(store);
  if (!last_import.ok()) return last_import.status();
  Writer writer{.store = store,
                .import_id = *last_import + 1,
                .recorded_at = options.recorded_at,
                .written = 0};
  PersonChanges changes;
  for (const Group& cluster : clusters) {
    if (Status status = ApplyCluster(writer, plan, cluster, options.on, summary, changes);
        !status.ok())
      return status;
  }
  summary.persons_merged = changes.persons;
  summary.enrollments_moved = changes.enrollments_moved;
  summary.enrollments_recorded = changes.enrollments_recorded;
  summary.schemes_ended = changes.schemes_ended;
  summary.schemes_taken = changes.schemes_taken;
  if (writer.written == 0) return Status::Ok();
  if (Status status = RecordImport(writer, file_name, plan.encoding, plan.cluster_rows);
      !status.ok())
    return status;
  summary.import_id = writer.import_id;
  return Status::Ok();
}

}  // namespace

Result<ApplySummary> ApplyMergeFiles(store::Store& store, const MergeFiles& files,
                                     const ApplyOptions& options) {
  if (options.on.year() < 1900)
    return InvalidArgument("the day merges take effect must be from 1900 on");
  Plan plan;
  ErrorList errors;
  auto clusters_text = registry::ToUtf8(files.clusters, files.clusters_name);
  if (!clusters_text.ok()) return clusters_text.status();
  plan.encoding = clusters_text->encoding;
  if (Status status =
          ReadClusters(plan, std::move(clusters_text->text), files.clusters_name, errors);
      !status.ok()) {
    return status;
  }
  if (!errors.empty()) return errors.ToStatus(files.clusters_name, kNothingApplied);
  if (files.accepted) {
    auto accepted_text = registry::ToUtf8(*files.accepted, files.accepted_name);
    if (!accepted_text.ok()) return accepted_text.status();
    if (Status status =
            ReadAccepted(plan, std::move(accepted_text->text), files.accepted_name, errors);
        !status.ok()) {
      return status;
    }
    if (!errors.empty()) return errors.ToStatus(files.accepted_name, kNothingApplied);
  }
  const std::vector<Group> clusters = JoinedClusters(plan);

  if (Status status = store::Migrate(store, "registry", registry::RegistryMigrations());
      !status.ok())
    return status;
  ApplySummary summary;
  summary.clusters = static_cast<int64_t>(clusters.size());
  if (Status begun = store.Begin(); !begun.ok()) return begun;
  Status status = Write(store, plan, clusters, files.clusters_name, options, summary);
  if (status.ok()) status = summary.import_id == 0 ? store.Rollback() : store.Commit();
  if (!status.ok()) {
    if (store.InTransaction()) (void)store.Rollback();
    return status;
  }
  return summary;
}

Result<ApplySummary> ApplyMerges(store::Store& store, const std::string& folder,
                                 const std::string& accepted_path, const ApplyOptions& options) {
  const auto read = [](const std::string& path) {
    return ReadFileAtMost(
        path, kMaxMergeFileBytes,
        "'" + path + "' is larger than " + std::to_string(kMaxMergeFileBytes >> 20) + " MiB");
  };
  const std::string clusters_path = (std::filesystem::path(folder) / "clusters.csv").string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(clusters_path, error)) {
    return NotFound("no file '" + clusters_path + "' (the folder `minsheng dedup --out` wrote)");
  }
  MergeFiles files;
  auto clusters = read(clusters_path);
  if (!clusters.ok()) return clusters.status();
  files.clusters = std::move(*clusters);
  if (!accepted_path.empty()) {
    if (!std::filesystem::is_regular_file(accepted_path, error))
      return NotFound("no file '" + accepted_path + "'");
    auto accepted = read(accepted_path);
    if (!accepted.ok()) return accepted.status();
    files.accepted = std::move(*accepted);
    files.accepted_name = std::filesystem::path(accepted_path).filename().string();
  }
  return ApplyMergeFiles(store, files, options);
}

Result<MergeListing> ListMerges(store::Store& store, const MergeQuery& query) {
  if (Status status = store::Migrate(store, "registry", registry::RegistryMigrations());
      !status.ok())
    return status;
  std::string person;
  if (!query.person.empty()) {
    auto id = ResidentId::ParseAnyLength(query.person);
    if (!id.ok())
      return InvalidArgument("resident ID '" + query.person + "': " + id.status().message());
    person = id->number();
  }
  const std::string where = person.empty() ? "" : " WHERE kept_person = ? OR merged_person = ?";
  MergeListing listing;
  Status status = store::InReadTransaction(store, [&]() -> Status {
    auto total = person.empty() ? CountOf(store, "SELECT COUNT(*) FROM registry_merges", {})
                                : CountOf(store, "SELECT COUNT(*) FROM registry_merges" + where,
                                          {person, person});
    if (!total.ok()) return total.status();
    listing.total = *total;
    auto statement = store.Prepare(
        "SELECT seq, import_id, recorded_at, cluster, kept_list, kept_record, kept_person, "
        "merged_list, merged_record, "
        "merged_person, valid_from FROM registry_merges" +
        where + " ORDER BY seq DESC LIMIT ?");
    if (!statement.ok()) return statement.status();
    store::Statement& s = **statement;
    int index = 1;
    if (!person.empty()) {
      s.BindText(index++, person);
      s.BindText(index++, person);
    }
    s.BindInt(index, static_cast<int64_t>(query.limit));
    for (;;) {
      auto found = s.Step();
      if (!found.ok()) return found.status();
      if (!*found) return Status::Ok();
      const auto text = [&](int column) {
        return s.IsNull(column) ? std::string() : s.Text(column);
      };
      auto valid_from = Date::Parse(s.TextView(10));
      if (!valid_from.ok())
        return Internal("registry_merges: valid_from '" + s.Text(10) + "' is no date");
      listing.merges.push_back({.seq = s.Int(0),
                                .import_id = s.Int(1),
                                .recorded_at = s.Int(2),
                                .cluster = text(3),
                                .kept_list = text(4),
                                .kept_record = text(5),
                                .kept_person = text(6),
                                .merged_list = text(7),
                                .merged_record = text(8),
                                .merged_person = text(9),
                                .valid_from = *valid_from});
    }
  });
  if (!status.ok()) return status;
  return listing;
}

}  // namespace minsheng::dedup
