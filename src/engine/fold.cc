#include "engine/fold.h"

#include <algorithm>

#include "engine/scale.h"

namespace minsheng::engine {

using policy::Aggregate;
using policy::Function;
using policy::NodeKind;
using policy::Op;

namespace {

Folded Constant(int64_t value) {
  return {true, value, true};
}
Folded Unknown(bool faultless) {
  return {false, 0, faultless};
}
// A value computed from constants by `compute(int64_t& out) -> Fault`: constant, or (on
// a fault) a node that faults.
template <typename Compute>
Folded Computed(Compute&& compute) {
  int64_t value = 0;
  const Fault fault = compute(value);
  return fault == Fault::kNone ? Constant(value) : Unknown(false);
}

bool IsComparison(Kernel kernel) {
  switch (kernel) {
    case Kernel::kLess:
    case Kernel::kLessEqual:
    case Kernel::kGreater:
    case Kernel::kGreaterEqual:
    case Kernel::kEqual:
    case Kernel::kNotEqual: return true;
    default: return false;
  }
}

class Folder {
 public:
  Folder(const Values* fixed, int64_t fixed_value, Rounding rounding)
      : fixed_(fixed), fixed_value_(fixed_value), rounding_(rounding) {}

  Folded Fold(const NodeState& state) const {
    const policy::Node& node = *state.node;
    switch (node.kind) {
      case NodeKind::kLiteral:
      case NodeKind::kEnumLiteral: return Constant(state.constant);
      case NodeKind::kVariable:
      case NodeKind::kGroupVariable: return Read(state.source);
      case NodeKind::kParameter: return Parameter(state);
      case NodeKind::kUnary: {
        const Folded operand = Fold(state.children[0]);
        if (node.op == Op::kNot) return operand.constant ? Constant(!operand.value) : operand;
        if (!operand.constant) return Unknown(false);
        return Computed([&](int64_t& out) { return Negate(operand.value, out); });
      }
      case NodeKind::kBinary:
        if (node.op == Op::kAnd || node.op == Op::kOr) return Logical(state);
        return Binary(state);
      case NodeKind::kIf: return If(state);
      case NodeKind::kCall: return Call(state);
      case NodeKind::kAggregate: return AggregateOf(state);
      case NodeKind::kSize: return Unknown(true);
    }
    return Unknown(false);
  }

 private:
  Folded Read(const Values* source) const {
    if (source == nullptr || !source->has_common()) return Unknown(true);
    if (source == fixed_) return Constant(fixed_value_);
    if (source->exception_count() == 0) return Constant(source->common());
    return Unknown(true);
  }

  Folded Parameter(const NodeState& state) const {
    if (!state.pending.ok()) return Unknown(false);
    const policy::Node& node = *state.node;
    if (node.children.empty() || node.children[0] == nullptr) return Constant(state.constant);
    // p.x at DATE: a constant date reads one value; any other may meet a date with none.
    const Folded date = Fold(state.children[0]);
    if (!date.constant) return Unknown(false);
    auto value = state.parameter->ValueAt(Date::FromDaysSinceEpoch(static_cast<int32_t>(date.value)));
    return value.ok() ? Constant(value->raw) : Unknown(false);
  }

  Folded Binary(const NodeState& state) const {
    const Folded first = Fold(state.children[0]);
    const Folded second = Fold(state.children[1]);
    if (first.constant && second.constant) {
      const int64_t a = state.kernel.swap ? second.value : first.value;
      const int64_t b = state.kernel.swap ? first.value : second.value;
      return Computed([&](int64_t& out) { return Apply(state.kernel.kernel, a, b, rounding_, out); });
    }
    return Unknown(IsComparison(state.kernel.kernel) && first.faultless && second.faultless);
  }

  // and: the right side is evaluated only where the left holds; or: where it does not.
  Folded Logical(const NodeState& state) const {
    const bool is_and = state.node->op == Op::kAnd;
    const Folded left = Fold(state.children[0]);
    if (left.constant && (left.value != 0) != is_and) return Constant(!is_and ? 1 : 0);
    const Folded right = Fold(state.children[1]);
    if (left.constant) return right.constant ? Constant(right.value != 0) : right;
    // The left side varies: the result is the right side's only if that is the value
    // the left side would give where it decides.
    if (right.constant && (right.value != 0) != is_and && left.faultless) {
      return Constant(!is_and ? 1 : 0);
    }
    return Unknown(left.faultless && right.faultless);
  }

  Folded If(const NodeState& state) const {
    const Folded condition = Fold(state.children[0]);
    if (condition.constant) return Fold(state.children[condition.value != 0 ? 1 : 2]);
    const Folded then_value = Fold(state.children[1]);
    const Folded else_value = Fold(state.children[2]);
    if (condition.faultless && then_value.constant && else_value.constant &&
        then_value.value == else_value.value) {
      return then_value;
    }
    return Unknown(condition.faultless && then_value.faultless && else_value.faultless);
  }

  Folded Call(const NodeState& state) const {
    const policy::Node& node = *state.node;
    if (node.function == Function::kSumMonths) return Read(state.source);
    if (node.function == Function::kScale || node.function == Function::kBracket) {
      const Folded x = Fold(state.children[1]);
      if (!state.pending.ok() || state.scale == nullptr || !x.constant) return Unknown(false);
      if (node.function == Function::kBracket) return Constant(ApplyFlatScale(*state.scale, x.value));
      const bool money = node.type == policy::Type::kMoney;
      return Computed([&](int64_t& out) {
        return ApplyMarginalScale(*state.scale, x.value, money, rounding_, out);
      });
    }
    std::vector<Folded> arguments;
    bool all_constant = true;
    bool all_faultless = true;
    for (const NodeState& child : state.children) {
      arguments.push_back(Fold(child));
      all_constant = all_constant && arguments.back().constant;
      all_faultless = all_faultless && arguments.back().faultless;
    }
    const bool can_fault = node.function == Function::kAbs || node.function == Function::kRoundYuan;
    if (!all_constant) return Unknown(all_faultless && !can_fault);
    const int64_t x = arguments[0].value;
    int64_t value = x;
    switch (node.function) {
      case Function::kMin:
      case Function::kMax:
        for (const Folded& argument : arguments) {
          value = node.function == Function::kMin ? std::min(value, argument.value)
                                                  : std::max(value, argument.value);
        }
        return Constant(value);
      case Function::kClamp:
        return Constant(std::min(std::max(x, arguments[1].value), arguments[2].value));
      case Function::kAbs: return Computed([&](int64_t& out) { return Absolute(x, out); });
      case Function::kRoundFen: return Constant(x);
      case Function::kRoundYuan: return Computed([&](int64_t& out) { return RoundYuan(x, out); });
      default: return Unknown(false);
    }
  }

  // An aggregate over a household's members; a column fixed at its common value holds
  // it for every member of the households that are folded.
  Folded AggregateOf(const NodeState& state) const {
    const Aggregate aggregate = state.node->aggregate;
    const bool has_value = !state.children.empty() && state.children[0].node != nullptr;
    const bool has_where = state.children.size() > 1 && state.children[1].node != nullptr;
    const Folded where = has_where ? Fold(state.children[1]) : Constant(1);
    if (has_where && !has_value && (aggregate == Aggregate::kAny || aggregate == Aggregate::kAll)) {
      // any(c) / all(c): the condition is the members' value.
      if (where.constant && aggregate == Aggregate::kAny && where.value == 0) return Constant(0);
      if (where.constant && aggregate == Aggregate::kAll && where.value != 0) return Constant(1);
      return Unknown(where.faultless);
    }
    if (where.constant && where.value == 0) return Constant(AggregateStart(aggregate));
    const Folded value = has_value ? Fold(state.children[0]) : Constant(1);
    if (aggregate == Aggregate::kSum && value.constant && value.value == 0 && where.faultless) {
      return Constant(0);
    }
    return Unknown(where.faultless && value.faultless && aggregate != Aggregate::kSum);
  }

  const Values* fixed_;
  int64_t fixed_value_;
  Rounding rounding_;
};

}  // namespace

Folded Fold(const NodeState& state, const Values* fixed, Rounding rounding) {
  return Folder(fixed, fixed != nullptr ? fixed->common() : 0, rounding).Fold(state);
}

Folded FoldAt(const NodeState& state, const Values* fixed, int64_t value, Rounding rounding) {
  return Folder(fixed, value, rounding).Fold(state);
}

}  // namespace minsheng::engine
