// Executor: evaluates one checked formula over a whole entity table, a batch at a time.
//
// Compiling a formula builds a tree of NodeStates mirroring the expression: each holds
// its resolved inputs (the column of a variable, a parameter's value at the period's
// start, a scale version, the arithmetic kernel) and a vector for its batch results.
// Evaluating a batch walks the tree once per batch, each node running a tight loop over
// the batch's selected rows. Conditions produce selection vectors, not columns of
// booleans: `if` evaluates each branch only on the rows that take it, and `and`/`or`
// evaluate their right side only where it matters, so `y != 0 and x / y > 1` never
// divides by zero. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/period.h"
#include "engine/engine.h"
#include "engine/kernels.h"
#include "engine/values.h"
#include "policy/expression.h"

namespace minsheng::engine {

// Rows of one entity table that a batch covers: the contiguous rows [first_row,
// first_row + count), or, when `rows` is set, rows[0 … count-1] (ascending), for a
// formula evaluated only on some rows (fold.h).
struct Frame {
  const EntityTable* table = nullptr;
  bool is_member = false;  // a member entity (reads household.x); else a group (aggregates)
  size_t first_row = 0;
  size_t count = 0;
  const uint32_t* rows = nullptr;
  uint32_t RowAt(uint32_t position) const {
    return rows != nullptr ? rows[position] : static_cast<uint32_t>(first_row + position);
  }
};

// Positions within a batch (0 … count-1) to evaluate; empty `dense` means all.
struct Selection {
  bool dense = true;
  Buffer<uint32_t> positions;  // resized without zeroing
  size_t size(size_t count) const { return dense ? count : positions.size(); }
};

struct NodeState {
  const policy::Node* node = nullptr;
  std::vector<NodeState> children;
  std::vector<int64_t> values;      // this node's results, by batch position
  int64_t* output = nullptr;        // when set (the root), results go here instead
  int64_t* out() { return output != nullptr ? output : values.data(); }
  // When set, this batch's results are read from here (a column read in place).
  const int64_t* view = nullptr;
  // This batch's results, for the parent to read.
  const int64_t* data() const { return view != nullptr ? view : values.data(); }
  const Values* source = nullptr;   // a variable's values (whole table)
  int64_t constant = 0;             // a literal or a parameter's value
  KernelChoice kernel{Kernel::kAdd, false};
  const policy::ScaleVersion* scale = nullptr;
  const policy::Parameter* parameter = nullptr;
  Selection taken, not_taken;  // for if / and / or / aggregates
  std::vector<uint32_t> rows;     // scratch: household rows of members, members of households
  std::vector<uint32_t> offsets;  // scratch: each household's first member in `rows`
  std::vector<int64_t> prefix;    // scratch: running sums of members' values
  // An error found while compiling (a parameter with no value on the date) that counts
  // only if a row reaches this node: a branch no row takes needs no value.
  Status pending;
  // The node has one value, `constant`, wherever it is evaluated (fold.h): its batch is
  // filled with it and its children are never evaluated.
  bool is_constant = false;
  size_t constant_filled = 0;  // positions of `values` already holding the constant
  // Evaluating the node can never fail, and costs little (a few nodes, no aggregate or
  // scale): `if` and `and`/`or` may then evaluate it on every row of their selection and
  // pick per row, instead of splitting the selection (fold.h says which nodes cannot fail).
  bool cheap_and_faultless = false;
};

class Executor {
 public:
  // Compiles `formula` for `variable` evaluated at `period`; every variable it reads must
  // already be computed by the engine.
  static Result<Executor> Compile(Engine& engine, int variable, const policy::Node& formula,
                                  const Period& period);

  // Evaluates the formula for every row of the variable's table. When the formula
  // folds (fold.h) to one value wherever some column it reads is common, only that
  // column's exception rows are evaluated, provided they are at most `fold_share` of
  // the table.
  Result<Values> Run(size_t batch_size, double fold_share);

  // What the formula read at this period: its parameters' values and the identity of
  // the columns it read. Two periods with equal signatures give equal results.
  std::vector<int64_t> Signature() const;

 private:
  Executor(Engine& engine, int variable, const Period& period)
      : engine_(&engine), variable_(variable), period_(period) {}
  Status CompileNode(const policy::Node& node, NodeState& state);
  // Marks constant what folds with `column` at `value` everywhere: only for a run over
  // rows where the column holds that value.
  void FixColumn(const Values& column, int64_t value);
  // Every row, kept in T (the result type's width).
  template <typename T>
  Result<Values> RunAll(size_t batch_size);
  // Only `rows` (ascending); every other row takes `common`.
  Result<Values> RunRows(size_t batch_size, std::span<const uint32_t> rows, int64_t common);
  Status Evaluate(NodeState& state, const Frame& frame, const Selection& selection);
  Status EvaluateBinary(NodeState& state, const Frame& frame, const Selection& selection);
  Status EvaluateLogical(NodeState& state, const Frame& frame, const Selection& selection);
  Status EvaluateIf(NodeState& state, const Frame& frame, const Selection& selection);
  Status EvaluateCall(NodeState& state, const Frame& frame, const Selection& selection);
  Status ResolveDatedScale(NodeState& state, const Frame& frame, const Selection& selection,
                           std::vector<const policy::ScaleVersion*>& versions);
  Status EvaluateAggregate(NodeState& state, const Frame& frame, const Selection& selection);
  Status FaultAt(const NodeState& state, const Frame& frame, uint32_t position, Fault fault) const;

  Engine* engine_;
  int variable_;
  Period period_;
  const policy::Variable* variable_definition_ = nullptr;
  NodeState root_;
};

}  // namespace minsheng::engine
