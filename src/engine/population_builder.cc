#include "engine/population_builder.h"

#include <algorithm>

#include "policy/check.h"

namespace minsheng::engine {

PopulationBuilder::PopulationBuilder(const policy::Pack& pack) : pack_(pack) {
  for (const policy::Entity& entity : pack.entities) {
    if (!entity.group.empty()) {
      member_entity_ = &entity;
      group_entity_ = pack.FindEntity(entity.group);
    }
  }
  if (member_entity_ != nullptr && group_entity_ != nullptr) {
    population_.members = EntityTable(member_entity_->name);
    population_.groups = EntityTable(group_entity_->name);
    for (const policy::Variable& variable : pack.variables) {
      if (!variable.is_input) continue;
      EntityTable* table = variable.entity == member_entity_->name  ? &population_.members
                           : variable.entity == group_entity_->name ? &population_.groups
                                                                    : nullptr;
      if (table != nullptr) staged_[variable.name];
    }
  }
}

Status PopulationBuilder::SetInputs(const policy::Entity& entity, size_t row,
                                    const TextInputs& inputs) {
  // Every input starts at its default; the given ones overwrite it.
  for (const policy::Variable& variable : pack_.variables) {
    if (variable.is_input && variable.entity == entity.name) {
      staged_[variable.name].push_back(variable.default_value.raw);
    }
  }
  for (const auto& [name, text] : inputs) {
    const policy::Variable* variable = pack_.FindVariable(name);
    if (variable == nullptr || variable->entity != entity.name) {
      std::vector<std::string> candidates;
      for (const policy::Variable& candidate : pack_.variables) {
        if (candidate.is_input && candidate.entity == entity.name)
          candidates.push_back(candidate.name);
      }
      std::string hint = policy::ClosestName(name, candidates);
      return InvalidArgument("unknown input '" + name + "' of " + entity.name +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
    if (!variable->is_input) {
      return InvalidArgument("'" + name + "' is computed by a formula, not an input");
    }
    auto value = policy::ParseValue(text, variable->type, variable->enum_type.get());
    if (!value.ok()) return value.status().Prefixed("input '" + name + "'");
    staged_[name][row] = value->raw;
  }
  return Status::Ok();
}

Status PopulationBuilder::AddGroup(std::string_view id, const TextInputs& inputs) {
  if (group_entity_ == nullptr) return InvalidArgument("the pack has no group entity");
  const size_t row = population_.groups.size();
  population_.groups.mutable_ids().Append(id);
  population_.member_begin.resize(row + 1, static_cast<uint32_t>(population_.members.size()));
  return SetInputs(*group_entity_, row, inputs);
}

Status PopulationBuilder::AddMember(std::string_view id, std::string_view role,
                                    const TextInputs& inputs) {
  if (population_.groups.size() == 0) return InvalidArgument("a member needs a group first");
  const auto& roles = member_entity_->roles;
  auto found = std::find(roles.begin(), roles.end(), role);
  if (found == roles.end()) {
    std::string hint = policy::ClosestName(role, roles);
    return InvalidArgument("unknown role '" + std::string(role) + "'" +
                           (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  const size_t row = population_.members.size();
  population_.members.mutable_ids().Append(id);
  population_.member_group.push_back(static_cast<uint32_t>(population_.groups.size() - 1));
  population_.member_role.push_back(static_cast<uint8_t>(found - roles.begin()));
  return SetInputs(*member_entity_, row, inputs);
}

Result<Population> PopulationBuilder::Build() {
  if (member_entity_ == nullptr || group_entity_ == nullptr) {
    return InvalidArgument("the pack has no member entity with a group (person in household)");
  }
  for (auto& [name, values] : staged_) {
    const policy::Variable& variable = *pack_.FindVariable(name);
    EntityTable& table =
        variable.entity == member_entity_->name ? population_.members : population_.groups;
    table.Add(name, variable.type, variable.enum_type.get(), Values::FromVector(std::move(values)));
  }
  staged_.clear();
  population_.member_begin.resize(population_.groups.size() + 1);
  population_.member_begin.back() = static_cast<uint32_t>(population_.members.size());
  Status valid = population_.Validate();
  if (!valid.ok()) return valid;
  return std::move(population_);
}

}  // namespace minsheng::engine
