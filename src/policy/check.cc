// CheckPack (check.h): parses and types every formula (parser.cc, typing.h), checks the
// variables a claim's inputs are bound to, then orders the variables so each is evaluated
// after all it reads, refusing cycles.
//
// Everything is built in temporaries and moved into the pack only when the whole pack
// checks, so a pack with an error is left as it was.
#include "policy/check.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "policy/expression.h"
#include "policy/typing.h"

namespace minsheng::policy {
namespace {

// One variable's checked formulas and the variables they read, kept apart from the pack
// until the whole pack has checked.
struct CheckedVariable {
  std::vector<std::shared_ptr<const Node>> expressions;  // one per formula, in order
  std::vector<int> dependencies;                         // sorted, without repeats
};

// A formula written as a YAML block scalar continues on later lines at the same column
// as its first line.
int ContinuationIndent(const Formula& formula) {
  return std::max(0, formula.location.column - 1);
}

Result<CheckedVariable> CheckVariable(const Pack& pack, const Variable& variable) {
  std::set<int> dependencies;
  CheckedVariable checked;
  for (const Formula& formula : variable.formulas) {
    Result<std::unique_ptr<Node>> root =
        ParseExpression(formula.text, formula.location, ContinuationIndent(formula));
    if (!root.ok()) return root.status();
    Result<std::vector<int>> read = FormulaTyper(pack, variable).Check(**root);
    if (!read.ok()) return read.status();
    dependencies.insert(read->begin(), read->end());
    checked.expressions.push_back(std::move(root).value());
  }
  checked.dependencies.assign(dependencies.begin(), dependencies.end());
  return checked;
}

std::string Quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

// An enum variable's values; none for another variable.
std::vector<std::string> EnumValues(const Variable& variable) {
  return variable.enum_type == nullptr ? std::vector<std::string>() : variable.enum_type->values;
}

std::string ValueList(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

// "variable 'x' is bound to person.schem, which is not defined; did you mean 'scheme'?"
Status UnknownBound(const Variable& variable, const std::vector<std::string>& candidates) {
  const std::string hint = ClosestName(variable.binding.name, candidates);
  return InvalidArgument("variable " + Quoted(variable.name) + " is bound to " +
                         ClaimBindingText(variable.binding) + ", which is not defined" +
                         (hint.empty() ? "" : "; did you mean " + Quoted(hint) + "?"))
      .At(variable.binding.location);
}

// The variable a binding reads must hold what the bound one holds: the same type, and for
// an enum the same values in the same order, since a value is kept as its index.
Status CheckBoundType(const Variable& variable, const Variable& read) {
  const ClaimBinding& binding = variable.binding;
  const std::string text = ClaimBindingText(binding);
  if (variable.type != read.type) {
    return InvalidArgument("variable " + Quoted(variable.name) + " is " + TypeName(variable.type) +
                           ", but " + text + " is " + TypeName(read.type) +
                           ": give it `type: " + TypeName(read.type) + "`")
        .At(binding.location);
  }
  if (EnumValues(variable) != EnumValues(read)) {
    return InvalidArgument("variable " + Quoted(variable.name) + " lists the values " +
                           ValueList(EnumValues(variable)) + ", but " + text + " lists " +
                           ValueList(EnumValues(read)) + ": list the same values in the same order")
        .At(binding.location);
  }
  return Status::Ok();
}

// person.x: an input of the person whose claim it is (the member entity, which has a group).
Status CheckPersonBinding(const Pack& pack, const Variable& variable) {
  const ClaimBinding& binding = variable.binding;
  const std::string bound =
      "variable " + Quoted(variable.name) + " is bound to " + ClaimBindingText(binding);
  const Entity* member = nullptr;
  for (const Entity& entity : pack.entities) {
    if (member == nullptr && !entity.group.empty()) member = &entity;
  }
  if (member == nullptr) {
    return InvalidArgument(bound +
                           ", but the pack has no member entity (an entity with a "
                           "group) whose inputs a claim could read")
        .At(binding.location);
  }
  const Variable* read = pack.FindVariable(binding.name);
  if (read == nullptr) {
    std::vector<std::string> inputs;
    for (const Variable& candidate : pack.variables) {
      if (candidate.entity == member->name && candidate.is_input) inputs.push_back(candidate.name);
    }
    return UnknownBound(variable, inputs);
  }
  if (read->entity != member->name) {
    return InvalidArgument(bound + ", which is a variable of " + read->entity + ", not of " +
                           member->name)
        .At(binding.location);
  }
  if (!read->is_input) {
    return InvalidArgument(bound +
                           ", which is computed by a formula: a claim reads only the inputs of " +
                           member->name)
        .At(binding.location);
  }
  return CheckBoundType(variable, *read);
}

// year_before.x: the sum of a claim variable over the claims of the year settled before
// this one. It reads earlier claims, not this one, so it is no dependency: `paid_before`
// bound to year_before.paid while paid reads paid_before is no cycle.
Status CheckYearBeforeBinding(const Pack& pack, const Variable& variable) {
  const ClaimBinding& binding = variable.binding;
  const std::string bound =
      "variable " + Quoted(variable.name) + " is bound to " + ClaimBindingText(binding);
  const Variable* read = pack.FindVariable(binding.name);
  if (read == nullptr) {
    std::vector<std::string> sums;
    for (const Variable& candidate : pack.variables) {
      if (candidate.entity == kClaimEntity && &candidate != &variable &&
          (candidate.type == Type::kMoney || candidate.type == Type::kNumber)) {
        sums.push_back(candidate.name);
      }
    }
    return UnknownBound(variable, sums);
  }
  if (read == &variable) {
    return InvalidArgument(bound +
                           ", itself: bind it to the claim variable whose earlier "
                           "amounts it sums")
        .At(binding.location);
  }
  if (read->entity != kClaimEntity) {
    return InvalidArgument(bound + ", which is a variable of " + read->entity +
                           ", not of claim: the year's accumulator sums a claim variable")
        .At(binding.location);
  }
  if (read->type != Type::kMoney && read->type != Type::kNumber) {
    return InvalidArgument(bound + ", which is " + TypeName(read->type) +
                           ": the year's accumulator sums a money or number variable")
        .At(binding.location);
  }
  return CheckBoundType(variable, *read);
}

// The bindings that name another variable; the loader has checked the rest (definitions.cc).
Status CheckBinding(const Pack& pack, const Variable& variable) {
  switch (variable.binding.kind) {
    case ClaimBinding::Kind::kPerson: return CheckPersonBinding(pack, variable);
    case ClaimBinding::Kind::kYearBefore: return CheckYearBeforeBinding(pack, variable);
    case ClaimBinding::Kind::kNone:
    case ClaimBinding::Kind::kClaimField:
    case ClaimBinding::Kind::kItems: return Status::Ok();
  }
  return Status::Ok();
}

// Some variable on a cycle among the variables Kahn's algorithm could not order: each of
// them reads at least one other unordered variable, so following those reads from any of
// them must come back to a variable already seen. The cycle is returned starting at its
// earliest-defined variable, so that the message does not depend on where the walk began.
std::vector<int> FindCycle(const std::vector<std::vector<int>>& dependencies,
                           const std::vector<bool>& ordered) {
  const int start =
      static_cast<int>(std::find(ordered.begin(), ordered.end(), false) - ordered.begin());
  std::vector<int> walk;
  std::vector<int> position(dependencies.size(), -1);
  int current = start;
  while (position[static_cast<size_t>(current)] < 0) {
    position[static_cast<size_t>(current)] = static_cast<int>(walk.size());
    walk.push_back(current);
    for (int next : dependencies[static_cast<size_t>(current)]) {
      if (!ordered[static_cast<size_t>(next)]) {
        current = next;
        break;
      }
    }
  }
  std::vector<int> cycle(walk.begin() + position[static_cast<size_t>(current)], walk.end());
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  return cycle;
}

Status CycleError(const Pack& pack, const std::vector<int>& cycle) {
  std::string path;
  for (int index : cycle) path += pack.variables[static_cast<size_t>(index)].name + " → ";
  const Variable& first = pack.variables[static_cast<size_t>(cycle.front())];
  return InvalidArgument("cycle between variables: " + path + first.name).At(first.location);
}

// Kahn's algorithm, always taking the earliest-defined variable that is ready, so the
// order follows the pack's definition order wherever the dependencies allow.
Result<std::vector<int>> EvaluationOrder(const Pack& pack,
                                         const std::vector<std::vector<int>>& dependencies) {
  const size_t count = dependencies.size();
  std::vector<int> unmet(count, 0);
  std::vector<std::vector<int>> readers(count);
  for (size_t i = 0; i < count; ++i) {
    unmet[i] = static_cast<int>(dependencies[i].size());
    for (int read : dependencies[i])
      readers[static_cast<size_t>(read)].push_back(static_cast<int>(i));
  }
  std::set<int> ready;
  for (size_t i = 0; i < count; ++i) {
    if (unmet[i] == 0) ready.insert(static_cast<int>(i));
  }
  std::vector<int> order;
  std::vector<bool> ordered(count, false);
  while (!ready.empty()) {
    const int next = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(next);
    ordered[static_cast<size_t>(next)] = true;
    for (int reader : readers[static_cast<size_t>(next)]) {
      if (--unmet[static_cast<size_t>(reader)] == 0) ready.insert(reader);
    }
  }
  if (order.size() < count) return CycleError(pack, FindCycle(dependencies, ordered));
  return order;
}

// Levenshtein distance on bytes, with the swap of two neighbours counted as one edit
// (the "optimal string alignment" distance): 'nmcs' is one typo away from 'ncms', not two.
size_t EditDistance(std::string_view a, std::string_view b) {
  // rows[i][j]: the distance between a's first i bytes and b's first j; three rows suffice.
  std::vector<size_t> before_previous(b.size() + 1);
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    before_previous.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

}  // namespace

Status CheckPack(Pack& pack) {
  std::vector<CheckedVariable> checked;
  std::vector<std::vector<int>> dependencies;
  for (const Variable& variable : pack.variables) {
    Status bound = CheckBinding(pack, variable);
    if (!bound.ok()) return bound;
    Result<CheckedVariable> one = CheckVariable(pack, variable);
    if (!one.ok()) return one.status();
    dependencies.push_back(one->dependencies);
    checked.push_back(std::move(one).value());
  }
  Result<std::vector<int>> order = EvaluationOrder(pack, dependencies);
  if (!order.ok()) return order.status();

  for (size_t i = 0; i < pack.variables.size(); ++i) {
    Variable& variable = pack.variables[i];
    for (size_t j = 0; j < variable.formulas.size(); ++j) {
      variable.formulas[j].expression = std::move(checked[i].expressions[j]);
    }
    variable.dependencies = std::move(checked[i].dependencies);
  }
  pack.evaluation_order = std::move(order).value();
  return Status::Ok();
}

std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates) {
  const size_t distance_max = std::max<size_t>(1, name.size() / 3);
  std::string closest;
  size_t closest_distance = distance_max + 1;
  for (const std::string& candidate : candidates) {
    const size_t distance = EditDistance(name, candidate);
    if (distance < closest_distance) {
      closest = candidate;
      closest_distance = distance;
    }
  }
  return closest;
}

}  // namespace minsheng::policy
