// CheckPack: turns a loaded Pack into one the engine can run.
//
// It parses every formula (ParseExpression), resolves every name (variables of the same
// entity, household.x, members.x, p.name, enum values), checks types (docs/packs.md,
// "Types"), checks each formula's type against its variable's, checks the variables a
// claim's inputs are bound to (person.x: a person input of the same type; year_before.x: a
// money or number claim variable, not recorded as a dependency since it reads earlier
// claims; docs/packs.md, "Claims and stages"), records each variable's
// dependencies, refuses cycles (the error lists the cycle: "cycle: a → b → a") and orders
// the variables for evaluation. Unknown names get a hint: "unknown parameter
// 'deductable'; did you mean 'deductible'?". Errors carry the pack-relative
// file:line:column. On error the pack is left as it was.
#pragma once

#include "core/status.h"
#include "policy/pack.h"

namespace minsheng::policy {

Status CheckPack(Pack& pack);

// The closest of the candidates to `name` by edit distance, if close enough to be a
// likely typo (distance ≤ max(1, size/3)); "" otherwise.
std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace minsheng::policy
