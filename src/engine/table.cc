#include "engine/table.h"

#include <algorithm>

namespace minsheng::engine {

void IdColumn::Append(std::string_view id) {
  bytes_.append(id);
  offsets_.push_back(static_cast<uint32_t>(bytes_.size()));
}

void IdColumn::Reserve(size_t rows, size_t bytes) {
  offsets_.reserve(rows + 1);
  bytes_.reserve(bytes);
}

const Column* EntityTable::Find(std::string_view name) const {
  auto found = columns_.find(name);
  return found == columns_.end() ? nullptr : &found->second;
}

Column* EntityTable::MutableFind(std::string_view name) {
  auto found = columns_.find(name);
  return found == columns_.end() ? nullptr : &found->second;
}

Column& EntityTable::Add(const std::string& name, policy::Type type,
                         const policy::EnumType* enum_type, Values values) {
  Column& column = columns_[name];
  column.type = type;
  column.enum_type = enum_type;
  column.values = std::move(values);
  return column;
}

int64_t EntityTable::RowOf(std::string_view id) const {
  if (sorted_rows_.size() != size()) {
    sorted_rows_.resize(size());
    for (uint32_t row = 0; row < size(); ++row) sorted_rows_[row] = row;
    std::sort(sorted_rows_.begin(), sorted_rows_.end(),
              [this](uint32_t a, uint32_t b) { return ids_[a] < ids_[b]; });
  }
  auto found =
      std::lower_bound(sorted_rows_.begin(), sorted_rows_.end(), id,
                       [this](uint32_t row, std::string_view key) { return ids_[row] < key; });
  if (found == sorted_rows_.end() || ids_[*found] != id) return -1;
  return *found;
}

bool IsMemberEntity(const policy::Pack& pack, std::string_view entity) {
  const policy::Entity* definition = pack.FindEntity(entity);
  return definition != nullptr && !definition->group.empty();
}

Status Population::Validate() const {
  const size_t member_count = members.size();
  const size_t group_count = groups.size();
  if (member_group.size() != member_count || member_role.size() != member_count) {
    return Internal("population: member_group/member_role sizes differ from the members");
  }
  if (member_begin.size() != group_count + 1 || member_begin.front() != 0 ||
      member_begin.back() != member_count) {
    return Internal("population: member_begin does not cover the members");
  }
  for (size_t group = 0; group < group_count; ++group) {
    if (member_begin[group] > member_begin[group + 1]) {
      return Internal("population: member_begin is not ascending");
    }
    for (uint32_t row = member_begin[group]; row < member_begin[group + 1]; ++row) {
      if (member_group[row] != group)
        return Internal("population: members are not sorted by group");
    }
  }
  for (const auto* table : {&members, &groups}) {
    for (const auto& [name, column] : table->columns()) {
      if (column.values.size() != table->size()) {
        return Internal("population: column '" + name + "' has the wrong length");
      }
    }
  }
  return Status::Ok();
}

}  // namespace minsheng::engine
