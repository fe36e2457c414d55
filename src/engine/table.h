// Columnar entity tables: the population an engine run computes over.
//
// A Population holds one table per entity kind: members (persons) and their groups
// (households). Members are sorted by group, so each household's members are one
// contiguous run [member_begin[h], member_begin[h + 1]) and aggregates are one pass.
// Every column holds int64 values in the representation of policy/types.h (fen,
// billionths, whole numbers, 0/1, days, enum indexes), stored compactly (values.h).
// Tables are built once (csv.h, population_builder.h, or a generator) and then
// read-only; const access is thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "policy/pack.h"
#include "policy/types.h"
#include "engine/values.h"

namespace minsheng::engine {

// Entity ids, stored compactly (one buffer and offsets: 5M ids cost ~ 5M × 12 bytes).
class IdColumn {
 public:
  void Append(std::string_view id);
  std::string_view operator[](size_t row) const {
    return std::string_view(bytes_).substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  size_t size() const { return offsets_.size() - 1; }
  void Reserve(size_t rows, size_t bytes);

 private:
  std::string bytes_;
  std::vector<uint32_t> offsets_ = {0};
};

struct Column {
  policy::Type type = policy::Type::kNumber;
  const policy::EnumType* enum_type = nullptr;
  Values values;
};

class EntityTable {
 public:
  explicit EntityTable(std::string entity = "") : entity_(std::move(entity)) {}

  const std::string& entity() const { return entity_; }
  size_t size() const { return ids_.size(); }
  const IdColumn& ids() const { return ids_; }
  IdColumn& mutable_ids() { return ids_; }

  // The column for an input variable, or nullptr when the table has none (the engine
  // then uses the variable's default).
  const Column* Find(std::string_view name) const;
  Column* MutableFind(std::string_view name);
  // Adds (or replaces) a column; its values must have one per row.
  Column& Add(const std::string& name, policy::Type type, const policy::EnumType* enum_type,
              Values values);
  const std::map<std::string, Column, std::less<>>& columns() const { return columns_; }

  // The row of an id, or -1; builds an index on first use (not thread-safe until then).
  int64_t RowOf(std::string_view id) const;

 private:
  std::string entity_;
  IdColumn ids_;
  std::map<std::string, Column, std::less<>> columns_;
  mutable std::vector<uint32_t> sorted_rows_;  // rows sorted by id, for RowOf
};

// Whether the pack's entity is a member of a group (a person of a household).
bool IsMemberEntity(const policy::Pack& pack, std::string_view entity);

struct Population {
  EntityTable members{"person"};
  EntityTable groups{"household"};
  std::vector<uint32_t> member_group;  // the group row of each member row
  std::vector<uint32_t> member_begin;  // size groups.size() + 1; members sorted by group
  std::vector<uint8_t> member_role;    // index into the member entity's roles

  // The table holding an entity's rows: the members for a member entity (one with a
  // group, e.g. person), the groups otherwise.
  const EntityTable& TableOf(const policy::Pack& pack, std::string_view entity) const {
    return IsMemberEntity(pack, entity) ? members : groups;
  }

  // Checks the invariants above (sizes, sortedness, begin offsets); for tests and
  // after building a population by hand.
  Status Validate() const;
};

}  // namespace minsheng::engine
