// The pieces the population CSV loader (csv.cc) stands on. Internal to the engine.
//
// Schema: what a pack says a population holds. ParseField: one field as a typed value,
// with a fast path for the common plain forms. IndexedIds: ids with a flat hash index
// (households). FindFirstRepeatedId: the check for repeated ids that scales to millions
// (persons). HouseholdOrder and Permute: the stable sort of members by household. And
// the texts of a few messages. Functions are pure; IndexedIds is a value,
// thread-compatible. All of it lives in csv_internal, so these general names cannot
// clash with the engine's own.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/csv_reader.h"
#include "engine/table.h"
#include "policy/pack.h"

namespace minsheng::engine::csv_internal {

inline constexpr std::string_view kRoleColumn = "role";
inline constexpr std::string_view kHeadRole = "head";  // the default of a household's first member
inline constexpr std::string_view kOtherRole = "other";  // the default of its other members

// The entities a population holds and their input variables, from the pack.
struct Schema {
  const policy::Pack* pack = nullptr;
  const policy::Entity* member = nullptr;              // the first entity with a group: "person"
  const policy::Entity* group = nullptr;               // its group: "household"
  std::string group_id_column;                         // the group's name + "_id": "household_id"
  std::vector<const policy::Variable*> member_inputs;  // in the pack's order
  std::vector<const policy::Variable*> group_inputs;
  int head_role = -1;  // indexes into member->roles; -1 when the entity has no such role
  int other_role = -1;
};

Result<Schema> MakeSchema(const policy::Pack& pack);

// Parses field `column` of the reader's current record as the variable's type. Accepts
// exactly what policy::ParseValue accepts; plain digits, amounts with at most two
// decimals, true/false/1/0 and listed enum values skip ParseValue, for speed. Errors
// are ParseValue's, placed at the field.
Result<int64_t> ParseField(const CsvReader& reader, int column, const policy::Variable& variable);
// The fast path alone: a value, or nullopt when ParseValue must decide.
std::optional<int64_t> ParsePlainValue(std::string_view text, const policy::Variable& variable);

// A value as files carry it ("true", "1234.50", "ncms"), for messages.
std::string FormatValue(int64_t raw, const policy::Variable& variable);

// Ids with a hash index, to find an id's row (and so duplicates) without a node or a
// string per id, as a std::unordered_map<std::string, …> would cost. Open addressing
// with linear probing; a slot holds 32 bits of the id's hash and row + 1 (0 = empty), so
// most probes do not touch the ids.
class IndexedIds {
 public:
  struct Found {
    uint32_t row;
    bool added;  // false: the id was there already, at row
  };

  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

  void Reserve(size_t rows);
  // The row of id, which is appended when absent.
  Found FindOrAdd(std::string_view id);
  // The row of id, or -1; hash is Hash(id).
  int64_t Find(std::string_view id, uint64_t hash) const;
  int64_t Find(std::string_view id) const { return Find(id, Hash(id)); }
  // Starts loading the slot where a lookup of the hash begins: in a table of millions of
  // ids the lookup is a cache miss, which a caller with other work to do first can hide.
  void Prefetch(uint64_t hash) const;

  size_t size() const { return ids_.size(); }
  std::string_view operator[](size_t row) const { return ids_[row]; }
  IdColumn TakeIds() { return std::move(ids_); }

 private:
  size_t Probe(std::string_view id, uint64_t hash) const;
  void Rehash(size_t slot_count);

  IdColumn ids_;
  std::vector<uint64_t> slots_;
};

// The file rows of the members in household order (stable: file order within a
// household), given each row's household and the households' begin offsets; empty when
// the rows already are in that order.
std::vector<uint32_t> HouseholdOrder(const std::vector<uint32_t>& member_group,
                                     const std::vector<uint32_t>& member_begin);

template <typename T>
std::vector<T> Permute(std::vector<T> values, const std::vector<uint32_t>& order) {
  if (order.empty()) return values;
  std::vector<T> permuted(order.size());
  for (size_t position = 0; position < order.size(); ++position) {
    permuted[position] = values[order[position]];
  }
  return permuted;
}

IdColumn PermuteIds(IdColumn ids, const std::vector<uint32_t>& order);

// The first id in row order that repeats an earlier one: the earlier row and the repeat.
struct RepeatedId {
  uint32_t first_row;
  uint32_t repeat_row;
};
// Finds it from the ids and their IndexedIds::Hash values. For millions of ids this is
// several times faster than a hash table, whose every lookup is a cache and TLB miss:
// the hashes are radix sorted, which reads and writes memory in sequence, and only rows
// whose hash repeats are compared.
std::optional<RepeatedId> FindFirstRepeatedId(const IdColumn& ids,
                                              const std::vector<uint64_t>& hashes);

// A line number as the loader keeps it (files are under 4 GiB, so lines fit 32 bits).
uint32_t SavedLine(int64_t line);

Status WrongFieldCount(const CsvReader& reader, size_t expected);
std::string UnknownRoleMessage(std::string_view role, const std::vector<std::string>& roles);
Status FileTooLarge(uint64_t size);

}  // namespace minsheng::engine::csv_internal
