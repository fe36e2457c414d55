#include "engine/executor.h"

#include <algorithm>

#include "engine/executor_loops.h"
#include "engine/fold.h"

namespace minsheng::engine {

using policy::Function;
using policy::Node;
using policy::NodeKind;
using policy::Op;

// Reads a column at the frame's selected rows into out, by position. A frame's rows —
// all of them, selected or not — are ascending (or, for households read from members,
// non-decreasing), so a sparse column is read by one forward merge with its exceptions.
void ReadColumn(const Values& column, const Frame& frame, const Selection& selection,
                int64_t* out) {
  if (!column.sparse()) {
    column.VisitDense([&](const auto* data) {
      if (frame.rows == nullptr) {
        const auto* base = data + frame.first_row;
        ForEach(selection, frame.count, [&](uint32_t p) { out[p] = base[p]; });
      } else {
        const uint32_t* rows = frame.rows;
        ForEach(selection, frame.count, [&](uint32_t p) { out[p] = data[rows[p]]; });
      }
    });
    return;
  }
  const int64_t common = column.common();
  const uint32_t* begin = column.exception_rows()->data();
  const uint32_t* end = begin + column.exception_rows()->size();
  const int64_t* exception_values = column.exception_values().data();
  if (frame.rows == nullptr) {
    // Positions outside the selection may be written too: nothing reads them.
    ForEach(selection, frame.count, [&](uint32_t p) { out[p] = common; });
    const uint32_t first = static_cast<uint32_t>(frame.first_row);
    const uint32_t* at = std::lower_bound(begin, end, first);
    for (; at != end && *at < first + frame.count; ++at) out[*at - first] = exception_values[at - begin];
    return;
  }
  if (frame.count == 0) return;
  const uint32_t* rows = frame.rows;
  const uint32_t* first = std::lower_bound(begin, end, rows[0]);
  const uint32_t* last = std::upper_bound(first, end, rows[frame.count - 1]);
  if (static_cast<size_t>(last - first) > 4 * frame.count) {
    // Many more exceptions than rows: search forward for each row.
    const uint32_t* at = first;
    ForEach(selection, frame.count, [&](uint32_t p) {
      const uint32_t row = rows[p];
      at = AdvanceTo(at, last, row);
      out[p] = at != last && *at == row ? exception_values[at - begin] : common;
    });
    return;
  }
  // Otherwise the common value everywhere, then each exception in the batch's range
  // written where its row is (rows may repeat: a household read by its members). Rows
  // outside the selection may be written too: nothing reads them.
  ForEach(selection, frame.count, [&](uint32_t p) { out[p] = common; });
  size_t p = 0;
  for (const uint32_t* at = first; at != last; ++at) {
    const uint32_t row = *at;
    while (rows[p] < row) ++p;  // stops: row ≤ the last row
    const int64_t value = exception_values[at - begin];
    for (size_t q = p; q < frame.count && rows[q] == row; ++q) out[q] = value;
  }
}

// A sparse household column read by members: the common value everywhere, then each
// exception household's value at its members among the frame's rows. Reads neither
// the member→household column nor the household column per row: where the rows are
// few (the exceptions of another column), those reads would cost a pass over both.
void ReadSparseGroupColumn(const Values& column, const Population& population,
                           const Frame& frame, int64_t* out) {
  const size_t count = frame.count;
  if (count == 0) return;
  const int64_t common = column.common();
  std::fill(out, out + count, common);
  const uint32_t* begin = population.member_begin.data();
  const uint32_t* exceptions = column.exception_rows()->data();
  const uint32_t* exceptions_end = exceptions + column.exception_rows()->size();
  const int64_t* exception_values = column.exception_values().data();
  const uint32_t first_row = frame.RowAt(0);
  const uint32_t last_row = frame.RowAt(static_cast<uint32_t>(count - 1));
  const uint32_t* at = std::lower_bound(exceptions, exceptions_end,
                                        population.member_group[first_row]);
  const uint32_t* end = std::upper_bound(at, exceptions_end, population.member_group[last_row]);
  if (frame.rows == nullptr) {
    for (; at != end; ++at) {
      const uint32_t from = std::max<uint32_t>(begin[*at], first_row);
      const uint32_t to = std::min<uint32_t>(begin[*at + 1], last_row + 1);
      std::fill(out + (from - first_row), out + (to - first_row), exception_values[at - exceptions]);
    }
    return;
  }
  // Rows ascend: one walk over them beside the exception households' member ranges,
  // each row taking the current range's value when it lies inside it.
  const uint32_t* rows = frame.rows;
  if (at == end) return;
  uint32_t from = begin[*at];
  uint32_t to = begin[*at + 1];
  int64_t value = exception_values[at - exceptions];
  for (size_t p = 0; p < count; ++p) {
    const uint32_t row = rows[p];
    while (row >= to) {
      if (++at == end) return;
      from = begin[*at];
      to = begin[*at + 1];
      value = exception_values[at - exceptions];
    }
    out[p] = row >= from ? value : common;
  }
}

namespace {

// Marks the nodes that fold to one value with no column fixed, or with `fixed` at
// `value`: `p.line / 12` is divided once, not once per row. A constant node's children
// need no marks.
// Also marks the cheap nodes that cannot fail; returns the subtree's cost in nodes
// (kExpensive for one holding an aggregate or a scale).
constexpr int kCheapNodes = 12;
constexpr int kExpensive = 1000;
int MarkConstants(NodeState& state, Rounding rounding, const Values* fixed = nullptr,
                  int64_t value = 0) {
  const Folded folded = FoldAt(state, fixed, value, rounding);
  if (folded.constant) {
    state.is_constant = true;
    state.constant = folded.value;
    state.cheap_and_faultless = true;
    return 1;
  }
  const policy::Node& node = *state.node;
  int cost = node.kind == NodeKind::kAggregate ||
                     (node.kind == NodeKind::kCall && (node.function == Function::kScale ||
                                                       node.function == Function::kBracket))
                 ? kExpensive
                 : 1;
  for (NodeState& child : state.children) {
    if (child.node != nullptr) cost += MarkConstants(child, rounding, fixed, value);
  }
  state.cheap_and_faultless = folded.faultless && cost <= kCheapNodes;
  return cost;
}

}  // namespace

Result<Executor> Executor::Compile(Engine& engine, int variable, const Node& formula,
                                   const Period& period) {
  Executor executor(engine, variable, period);
  executor.variable_definition_ = &engine.pack().variables[variable];
  Status status = executor.CompileNode(formula, executor.root_);
  if (!status.ok()) return status;
  MarkConstants(executor.root_, executor.variable_definition_->rounding);
  return executor;
}

void Executor::FixColumn(const Values& column, int64_t value) {
  MarkConstants(root_, variable_definition_->rounding, &column, value);
}

Status Executor::CompileNode(const Node& node, NodeState& state) {
  state.node = &node;
  state.children.resize(node.children.size());
  for (size_t i = 0; i < node.children.size(); ++i) {
    if (node.children[i] == nullptr) continue;
    Status status = CompileNode(*node.children[i], state.children[i]);
    if (!status.ok()) return status;
  }
  const policy::Pack& pack = engine_->pack();
  switch (node.kind) {
    case NodeKind::kLiteral:
    case NodeKind::kEnumLiteral: state.constant = node.literal.raw; break;
    case NodeKind::kVariable:
    case NodeKind::kGroupVariable: {
      auto values = engine_->Compute(node.index, period_);
      if (!values.ok()) return values.status();
      state.source = *values;
      break;
    }
    case NodeKind::kParameter: {
      state.parameter = &pack.parameters[node.index];
      if (state.parameter->is_scale) break;  // read by scale()/bracket()
      if (node.children.empty() || node.children[0] == nullptr) {
        auto value = state.parameter->ValueAt(period_.first_day());
        if (!value.ok()) {
          state.pending = value.status().At(node.location);
        } else {
          state.constant = value->raw;
        }
      }
      break;
    }
    case NodeKind::kBinary:
      state.kernel = ChooseKernel(node.op, node.children[0]->type, node.children[1]->type);
      break;
    case NodeKind::kCall:
      if (node.function == Function::kScale || node.function == Function::kBracket) {
        const policy::Parameter& scale = pack.parameters[node.children[0]->index];
        const auto& scale_node = *node.children[0];
        // scale(p.s at DATE, x): the version is looked up per row when evaluating.
        if (!scale_node.children.empty() && scale_node.children[0] != nullptr) break;
        auto version = scale.ScaleAt(period_.first_day());
        if (!version.ok()) {
          state.pending = version.status().At(node.location);
        } else {
          state.scale = *version;
        }
      } else if (node.function == Function::kSumMonths) {
        auto values = engine_->Compute(node.children[0]->index,
                                       Period::Containing(PeriodKind::kYear, period_.first_day()));
        if (!values.ok()) return values.status();
        state.source = *values;
      }
      break;
    default: break;
  }
  return Status::Ok();
}

Status Executor::FaultAt(const NodeState& state, const Frame& frame, uint32_t position,
                         Fault fault) const {
  return FaultStatus(fault, *state.node, frame.table->entity(),
                     frame.table->ids()[frame.RowAt(position)]);
}

Status Executor::Evaluate(NodeState& state, const Frame& frame, const Selection& selection) {
  const Node& node = *state.node;
  if (!state.pending.ok() && selection.size(frame.count) > 0) return state.pending;
  if (state.values.size() < frame.count) state.values.resize(frame.count);
  int64_t* values = state.out();
  if (state.is_constant) {
    // Filled once for the largest batch seen: a constant's positions never change.
    if (state.constant_filled < frame.count) {
      std::fill(state.values.begin(), state.values.begin() + frame.count, state.constant);
      state.constant_filled = frame.count;
    }
    return Status::Ok();
  }
  switch (node.kind) {
    case NodeKind::kLiteral:
    case NodeKind::kEnumLiteral: {
      const int64_t constant = state.constant;
      ForEach(selection, frame.count, [&](uint32_t p) { values[p] = constant; });
      return Status::Ok();
    }
    case NodeKind::kParameter: {
      if (node.children.empty() || node.children[0] == nullptr) {
        const int64_t constant = state.constant;
        ForEach(selection, frame.count, [&](uint32_t p) { values[p] = constant; });
        return Status::Ok();
      }
      NodeState& date = state.children[0];
      Status status = Evaluate(date, frame, selection);
      if (!status.ok()) return status;
      Status failure;
      ForEach(selection, frame.count, [&](uint32_t p) {
        if (!failure.ok()) return;
        auto value = state.parameter->ValueAt(
            Date::FromDaysSinceEpoch(static_cast<int32_t>(date.data()[p])));
        if (!value.ok()) {
          failure = value.status().At(node.location);
          return;
        }
        values[p] = value->raw;
      });
      return failure;
    }
    case NodeKind::kVariable:
      // A full-width column over contiguous rows is read in place, not copied.
      if (const int64_t* wide = state.source->wide_data();
          wide != nullptr && state.output == nullptr && frame.rows == nullptr) {
        state.view = wide + frame.first_row;
        return Status::Ok();
      }
      state.view = nullptr;
      ReadColumn(*state.source, frame, selection, values);
      return Status::Ok();
    case NodeKind::kGroupVariable: {
      const Population& population = engine_->population();
      if (state.source->sparse()) {
        ReadSparseGroupColumn(*state.source, population, frame, values);
        return Status::Ok();
      }
      // The household of each member, then the household column at those rows.
      const uint32_t* group = population.member_group.data();
      if (state.rows.size() < frame.count) state.rows.resize(frame.count);
      uint32_t* groups = state.rows.data();
      // Every position, selected or not: a plain loop, cheaper than following the selection.
      for (uint32_t p = 0; p < frame.count; ++p) groups[p] = group[frame.RowAt(p)];
      Frame households = frame;
      households.rows = groups;
      ReadColumn(*state.source, households, selection, values);
      return Status::Ok();
    }
    case NodeKind::kUnary: {
      NodeState& operand = state.children[0];
      Status status = Evaluate(operand, frame, selection);
      if (!status.ok()) return status;
      const int64_t* in = operand.data();
      if (node.op == Op::kNot) {
        ForEach(selection, frame.count, [&](uint32_t p) { values[p] = !in[p]; });
        return Status::Ok();
      }
      uint32_t failed = 0;
      Fault fault = ForEachChecked(selection, frame.count, failed,
                                   [&](uint32_t p) { return Negate(in[p], values[p]); });
      return fault == Fault::kNone ? Status::Ok() : FaultAt(state, frame, failed, fault);
    }
    case NodeKind::kBinary:
      if (node.op == Op::kAnd || node.op == Op::kOr)
        return EvaluateLogical(state, frame, selection);
      return EvaluateBinary(state, frame, selection);
    case NodeKind::kIf: return EvaluateIf(state, frame, selection);
    case NodeKind::kCall: return EvaluateCall(state, frame, selection);
    case NodeKind::kAggregate: return EvaluateAggregate(state, frame, selection);
    case NodeKind::kSize: {
      const uint32_t* begin = engine_->population().member_begin.data();
      if (frame.rows == nullptr) {
        // Contiguous households: a loop the compiler vectorizes.
        const uint32_t* first = begin + frame.first_row;
        ForEach(selection, frame.count, [&](uint32_t p) { values[p] = first[p + 1] - first[p]; });
        return Status::Ok();
      }
      ForEach(selection, frame.count, [&](uint32_t p) {
        const uint32_t row = frame.rows[p];
        values[p] = begin[row + 1] - begin[row];
      });
      return Status::Ok();
    }
  }
  return Internal("executor: unknown node kind");
}

Status Executor::EvaluateBinary(NodeState& state, const Frame& frame, const Selection& selection) {
  // Operands are evaluated in the order written, so the first fault named is the
  // left one's; the kernel may then take them swapped.
  Status status = Evaluate(state.children[0], frame, selection);
  if (status.ok()) status = Evaluate(state.children[1], frame, selection);
  if (!status.ok()) return status;
  NodeState& left = state.children[state.kernel.swap ? 1 : 0];
  NodeState& right = state.children[state.kernel.swap ? 0 : 1];
  const int64_t* a = left.data();
  const int64_t* b = right.data();
  int64_t* out = state.out();
  const Kernel kernel = state.kernel.kernel;
  const Rounding rounding = variable_definition_->rounding;
  uint32_t failed = 0;
  Fault fault = Fault::kNone;
  // The commonest kernels get their own loops so the compiler sees a fixed operation.
  switch (kernel) {
    case Kernel::kAdd:
      fault = ForEachChecked(selection, frame.count, failed, [&](uint32_t p) {
        return __builtin_add_overflow(a[p], b[p], &out[p]) ? Fault::kOverflow : Fault::kNone;
      });
      break;
    case Kernel::kSubtract:
      fault = ForEachChecked(selection, frame.count, failed, [&](uint32_t p) {
        return __builtin_sub_overflow(a[p], b[p], &out[p]) ? Fault::kOverflow : Fault::kNone;
      });
      break;
    case Kernel::kLess:
      ForEach(selection, frame.count, [&](uint32_t p) { out[p] = a[p] < b[p]; });
      break;
    case Kernel::kGreaterEqual:
      ForEach(selection, frame.count, [&](uint32_t p) { out[p] = a[p] >= b[p]; });
      break;
    case Kernel::kDivideMoneyNumber: {
      // Amounts shared among a household's few members: when every operand of the batch
      // is small, a multiplication per row (kernels.h) instead of a division.
      if (rounding == Rounding::kHalfUpFen) {
        // One pass computing as if every operand were small (clamped into the table's
        // range, so no read strays) and noting whether any was not; then, only if so,
        // the batch again through Apply.
        bool small = true;
        ForEach(selection, frame.count, [&](uint32_t p) {
          const bool fits =
              a[p] >= 0 && a[p] < kSmallDividend && b[p] > 0 && b[p] < kSmallDivisor;
          small &= fits;
          out[p] = DivideSmallHalfUpFen(fits ? a[p] : 0, fits ? b[p] : 1);
        });
        if (small) break;
      }
      fault = ForEachChecked(selection, frame.count, failed, [&](uint32_t p) {
        return Apply(Kernel::kDivideMoneyNumber, a[p], b[p], rounding, out[p]);
      });
      break;
    }
    default:
      // The others through Apply with the kernel a compile-time constant, so that each
      // loop is one operation (and a division by the constant 10⁹ a multiplication).
      fault = WithKernel(kernel, [&](auto constant) {
        return ForEachChecked(selection, frame.count, failed, [&](uint32_t p) {
          return Apply(decltype(constant)::value, a[p], b[p], rounding, out[p]);
        });
      });
      break;
  }
  return fault == Fault::kNone ? Status::Ok() : FaultAt(state, frame, failed, fault);
}

// Splits `selection` by the condition values: positions where it holds go to taken.
// Without a branch per row: each position is written to both lists, and only the
// list it belongs to advances (conditions are often near 50/50, and mispredicted).
static void Split(const Selection& selection, size_t count, const int64_t* condition,
                  Selection& taken, Selection& not_taken) {
  taken.dense = not_taken.dense = false;
  const size_t size = selection.size(count);
  if (taken.positions.size() < size) taken.positions.resize(size);
  if (not_taken.positions.size() < size) not_taken.positions.resize(size);
  uint32_t* yes = taken.positions.data();
  uint32_t* no = not_taken.positions.data();
  size_t yes_count = 0;
  size_t no_count = 0;
  ForEach(selection, count, [&](uint32_t p) {
    const bool holds = condition[p] != 0;
    yes[yes_count] = p;
    no[no_count] = p;
    yes_count += holds;
    no_count += !holds;
  });
  taken.positions.resize(yes_count);
  not_taken.positions.resize(no_count);
}

Status Executor::EvaluateLogical(NodeState& state, const Frame& frame, const Selection& selection) {
  NodeState& left = state.children[0];
  NodeState& right = state.children[1];
  Status status = Evaluate(left, frame, selection);
  if (!status.ok()) return status;
  int64_t* out = state.out();
  const int64_t* a = left.data();
  const bool is_and = state.node->op == Op::kAnd;
  if (right.cheap_and_faultless) {
    // Evaluating the right side everywhere is harmless and cheaper than splitting.
    status = Evaluate(right, frame, selection);
    if (!status.ok()) return status;
    const int64_t* b = right.data();
    if (is_and) {
      ForEach(selection, frame.count, [&](uint32_t p) { out[p] = (a[p] != 0) & (b[p] != 0); });
    } else {
      ForEach(selection, frame.count, [&](uint32_t p) { out[p] = (a[p] != 0) | (b[p] != 0); });
    }
    return Status::Ok();
  }
  ForEach(selection, frame.count, [&](uint32_t p) { out[p] = a[p] != 0; });
  // and: the right side only where the left holds; or: only where it does not.
  Split(selection, frame.count, a, state.taken, state.not_taken);
  const Selection& rest = is_and ? state.taken : state.not_taken;
  if (rest.positions.empty()) return Status::Ok();
  status = Evaluate(right, frame, rest);
  if (!status.ok()) return status;
  const int64_t* b = right.data();
  for (uint32_t p : rest.positions) out[p] = b[p] != 0;
  return Status::Ok();
}

Status Executor::EvaluateIf(NodeState& state, const Frame& frame, const Selection& selection) {
  NodeState& condition = state.children[0];
  Status status = Evaluate(condition, frame, selection);
  if (!status.ok()) return status;
  int64_t* out = state.out();
  NodeState& then_branch = state.children[1];
  NodeState& else_branch = state.children[2];
  if (then_branch.cheap_and_faultless && else_branch.cheap_and_faultless) {
    // Both branches everywhere, then a branch-free pick per row.
    status = Evaluate(then_branch, frame, selection);
    if (status.ok()) status = Evaluate(else_branch, frame, selection);
    if (!status.ok()) return status;
    const int64_t* c = condition.data();
    const int64_t* t = then_branch.data();
    const int64_t* e = else_branch.data();
    ForEach(selection, frame.count, [&](uint32_t p) { out[p] = c[p] != 0 ? t[p] : e[p]; });
    return Status::Ok();
  }
  Split(selection, frame.count, condition.data(), state.taken, state.not_taken);
  for (int branch = 1; branch <= 2; ++branch) {
    const Selection& rows = branch == 1 ? state.taken : state.not_taken;
    if (rows.positions.empty()) continue;
    NodeState& child = state.children[branch];
    status = Evaluate(child, frame, rows);
    if (!status.ok()) return status;
    const int64_t* in = child.data();
    for (uint32_t p : rows.positions) out[p] = in[p];
  }
  return Status::Ok();
}

}  // namespace minsheng::engine
