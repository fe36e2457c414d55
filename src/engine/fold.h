// Folding: what a compiled formula yields wherever one column it reads holds its common
// value, found once instead of row by row.
//
// Most rows of a real population take a rule's dull path: no school-bus rider, no
// hospital bill, no poverty file, so the subsidy, the reimbursement, the payment is 0.
// Fold evaluates the formula's node tree symbolically with one column (`fixed`) taken
// as its common value and every other column unknown. When the result is one constant,
// the executor evaluates the formula only on the rows where that column differs (its
// exceptions) and gives every other row the constant: the rule costs what its unusual
// rows cost.
//
// Folding must agree exactly with evaluating row by row, faults included. So a node
// folds to a constant only when every row reaching it would get that value without a
// fault: `c and x` folds when x folds to false only if c cannot fault; `if c then a
// else b` folds when a and b fold to the same value only if c cannot fault; a
// computation that faults on the constants (a division by zero) does not fold, and the
// executor then meets the fault where it happens and reports it with its entity.
#pragma once

#include <cstdint>

#include "core/rounding.h"
#include "engine/executor.h"

namespace minsheng::engine {

struct Folded {
  bool constant = false;  // the node has one value, `value`, on every row reaching it
  int64_t value = 0;
  bool faultless = false;  // not constant: evaluating it can never fail
};

// Folds `state` (compiled by the executor) with the column `fixed` (may be null: no
// column fixed) at its common value. Columns without exceptions fold to their value.
Folded Fold(const NodeState& state, const Values* fixed, Rounding rounding);
// The same with `fixed` at `value`: what the formula yields on rows where it holds that.
Folded FoldAt(const NodeState& state, const Values* fixed, int64_t value, Rounding rounding);

}  // namespace minsheng::engine
