// PopulationBuilder: builds a Population row by row from text values, checking each
// against the pack (input variables, types, roles). Used by the worked-case runner and by
// generators; the CSV loader has its own fast path.
//
// Groups (households) are added first, then their members; members of one group are
// added together, so the result is sorted by group by construction. Build() fills every
// input column, defaults included. Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "engine/table.h"
#include "policy/pack.h"

namespace minsheng::engine {

// (input variable name, value as text)
using TextInputs = std::vector<std::pair<std::string, std::string>>;

class PopulationBuilder {
 public:
  // Fails (in Build) when the pack has no member entity with a group.
  explicit PopulationBuilder(const policy::Pack& pack);

  // Adds a group; its members follow with AddMember. Errors name the input.
  Status AddGroup(std::string_view id, const TextInputs& inputs);
  // Adds a member to the last group added, with a role of the member entity.
  Status AddMember(std::string_view id, std::string_view role, const TextInputs& inputs);

  Result<Population> Build();

 private:
  Status SetInputs(const policy::Entity& entity, size_t row, const TextInputs& inputs);

  const policy::Pack& pack_;
  const policy::Entity* member_entity_ = nullptr;
  const policy::Entity* group_entity_ = nullptr;
  Population population_;
  // Each input's values, row by row, until Build() stores them as columns.
  std::map<std::string, std::vector<int64_t>, std::less<>> staged_;
};

}  // namespace minsheng::engine
