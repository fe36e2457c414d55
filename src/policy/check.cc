// CheckPack (check.h): parses and types every formula (parser.cc, typing.h), then orders
// the variables so each is evaluated after all it reads, refusing cycles.
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
