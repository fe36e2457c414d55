#include "engine/interpreter.h"

#include <algorithm>

#include "engine/engine.h"
#include "engine/kernels.h"
#include "engine/scale.h"

namespace minsheng::engine {

using policy::Aggregate;
using policy::Function;
using policy::Node;
using policy::NodeKind;
using policy::Op;
using policy::PeriodUnit;
using policy::Type;
using policy::Value;
using policy::Variable;

// Where a node is being evaluated: which variable's formula (for its rounding), which
// row of which table, and the period the formula runs at.
struct Interpreter::Context {
  const Variable* variable;
  const EntityTable* table;
  bool is_member;
  size_t row;
  Period period;
};

namespace {

Value Typed(const Node& node, int64_t raw) {
  Value value;
  value.type = node.type;
  value.raw = raw;
  value.enum_type = node.enum_type;
  return value;
}

Explanation* AddChild(Explanation* parent) {
  if (parent == nullptr) return nullptr;
  parent->children.emplace_back();
  return &parent->children.back();
}

void Record(Explanation* explanation, const Node& node, Explanation::Kind kind, int64_t raw) {
  if (explanation == nullptr) return;
  explanation->kind = kind;
  explanation->text = node.text;
  explanation->value = Typed(node, raw);
  explanation->location = node.location;
}

}  // namespace

Interpreter::Interpreter(const policy::Pack& pack, const Population& population)
    : pack_(pack), population_(population) {}

Result<int64_t> Interpreter::Evaluate(int variable, size_t row, const Period& period) {
  return EvaluateVariable(variable, row, period, nullptr);
}

Result<Explanation> Interpreter::Explain(int variable, size_t row, const Period& period) {
  Explanation root;
  auto value = EvaluateVariable(variable, row, period, &root);
  if (!value.ok()) return value.status();
  return root;
}

Result<int64_t> Interpreter::EvaluateVariable(int variable, size_t row, const Period& period,
                                              Explanation* explanation) {
  const Variable& definition = pack_.variables[variable];
  const bool sums_months = definition.period == PeriodUnit::kMonth &&
                           period.kind() != PeriodKind::kMonth && period.kind() != PeriodKind::kDay;
  if (!sums_months) {
    return EvaluateNatural(variable, row, NaturalPeriod(definition, period), explanation);
  }
  int64_t total = 0;
  for (const Period& month : period.Split(PeriodKind::kMonth)) {
    Explanation* child = AddChild(explanation);
    auto value = EvaluateNatural(variable, row, month, child);
    if (!value.ok()) return value;
    if (__builtin_add_overflow(total, *value, &total)) {
      return Overflow("the total of '" + definition.name + "' over " + period.ToString() +
                      " overflows");
    }
  }
  if (explanation != nullptr) {
    explanation->kind = Explanation::Kind::kFunction;
    explanation->text = definition.name;
    explanation->value = Value{definition.type, total, definition.enum_type.get()};
    explanation->period = period.ToString();
    explanation->note_en = "sum of the months of " + period.ToString();
    explanation->note_zh = period.ToString() + " 各月合计";
  }
  return total;
}

Result<int64_t> Interpreter::EvaluateNatural(int variable, size_t row, const Period& natural,
                                             Explanation* explanation) {
  const Variable& definition = pack_.variables[variable];
  const EntityTable& table = population_.TableOf(pack_, definition.entity);
  const auto key = std::make_tuple(
      variable, definition.period == PeriodUnit::kEternity ? -1 : static_cast<int>(natural.kind()),
      definition.period == PeriodUnit::kEternity ? 0 : natural.first_day().days_since_epoch(), row);
  if (explanation != nullptr) {
    explanation->text = definition.name;
    explanation->entity = definition.entity + " '" + std::string(table.ids()[row]) + "'";
    explanation->period = definition.period == PeriodUnit::kEternity ? "" : natural.ToString();
    explanation->source = &definition.source;
    explanation->location = definition.location;
  }
  int64_t raw = definition.default_value.raw;
  const policy::Formula* formula =
      definition.is_input ? nullptr : definition.FormulaAt(natural.first_day());
  if (definition.is_input) {
    const Column* column = table.Find(definition.name);
    if (column != nullptr) raw = column->values.At(row);
    if (explanation != nullptr) {
      explanation->kind = Explanation::Kind::kInput;
      explanation->note_en = column != nullptr ? "input" : "input not given: default";
      explanation->note_zh = column != nullptr ? "输入值" : "未输入，取默认值";
    }
  } else if (formula == nullptr || formula->expression == nullptr) {
    if (explanation != nullptr) {
      explanation->kind = Explanation::Kind::kVariable;
      explanation->note_en =
          "no formula in force on " + natural.first_day().ToString() + ": default";
      explanation->note_zh = natural.first_day().ToString() + " 无有效公式，取默认值";
    }
  } else {
    auto cached = cache_.find(key);
    if (cached != cache_.end() && explanation == nullptr) return cached->second;
    Context context{&definition, &table, IsMemberEntity(pack_, definition.entity), row, natural};
    Explanation* child = AddChild(explanation);
    auto value = EvaluateNode(*formula->expression, context, child);
    if (!value.ok()) return value;
    raw = *value;
    if (explanation != nullptr) {
      explanation->kind = Explanation::Kind::kVariable;
      std::string range_en, range_zh;
      if (formula->from) {
        range_en = "from " + formula->from->ToString();
        range_zh = formula->from->ToString() + " 起";
      }
      if (formula->until) {
        range_en +=
            (range_en.empty() ? "" : " ") + std::string("until ") + formula->until->ToString();
        range_zh += "至 " + formula->until->ToString();
      }
      explanation->note_en = range_en.empty() ? "formula" : "formula in force " + range_en;
      explanation->note_zh = range_zh.empty() ? "公式" : "公式（" + range_zh + "施行）";
    }
  }
  cache_[key] = raw;
  if (explanation != nullptr)
    explanation->value = Value{definition.type, raw, definition.enum_type.get()};
  return raw;
}

Status Interpreter::FaultAt(const Node& node, const Context& context, Fault fault) const {
  return FaultStatus(fault, node, context.table->entity(), context.table->ids()[context.row]);
}

Result<int64_t> Interpreter::EvaluateNode(const Node& node, const Context& context,
                                          Explanation* explanation) {
  switch (node.kind) {
    case NodeKind::kLiteral:
    case NodeKind::kEnumLiteral:
      Record(explanation, node, Explanation::Kind::kLiteral, node.literal.raw);
      return node.literal.raw;
    case NodeKind::kParameter: {
      const policy::Parameter& parameter = pack_.parameters[node.index];
      Date date = context.period.first_day();
      if (!node.children.empty() && node.children[0] != nullptr) {
        auto at = EvaluateNode(*node.children[0], context, AddChild(explanation));
        if (!at.ok()) return at;
        date = Date::FromDaysSinceEpoch(static_cast<int32_t>(*at));
      }
      auto value = parameter.ValueAt(date);
      if (!value.ok()) return value.status().At(node.location);
      Record(explanation, node, Explanation::Kind::kParameter, value->raw);
      if (explanation != nullptr) {
        for (const policy::DatedValue& dated : parameter.values) {
          if (dated.from <= date) {
            explanation->note_en =
                "on " + date.ToString() + ", in force from " + dated.from.ToString();
            explanation->note_zh = date.ToString() + " 适用，" + dated.from.ToString() + " 起施行";
          }
        }
        explanation->source = &parameter.source;
        explanation->assumption = parameter.assumption;
        explanation->location = parameter.location;
      }
      return value->raw;
    }
    case NodeKind::kVariable: {
      auto value = EvaluateVariable(node.index, context.row, context.period, AddChild(explanation));
      if (!value.ok()) return value;
      Record(explanation, node, Explanation::Kind::kOperation, *value);
      return value;
    }
    case NodeKind::kGroupVariable: {
      const size_t group = population_.member_group[context.row];
      auto value = EvaluateVariable(node.index, group, context.period, AddChild(explanation));
      if (!value.ok()) return value;
      Record(explanation, node, Explanation::Kind::kOperation, *value);
      return value;
    }
    case NodeKind::kUnary: {
      auto operand = EvaluateNode(*node.children[0], context, AddChild(explanation));
      if (!operand.ok()) return operand;
      int64_t out = 0;
      if (node.op == Op::kNot) {
        out = *operand == 0;
      } else if (Fault fault = Negate(*operand, out); fault != Fault::kNone) {
        return FaultAt(node, context, fault);
      }
      Record(explanation, node, Explanation::Kind::kOperation, out);
      return out;
    }
    case NodeKind::kBinary: {
      auto left = EvaluateNode(*node.children[0], context, AddChild(explanation));
      if (!left.ok()) return left;
      if (node.op == Op::kAnd || node.op == Op::kOr) {
        // Short-circuit, as the executor: the right side only where it decides.
        const bool decided = node.op == Op::kAnd ? *left == 0 : *left != 0;
        int64_t out = *left != 0;
        if (!decided) {
          auto right = EvaluateNode(*node.children[1], context, AddChild(explanation));
          if (!right.ok()) return right;
          out = *right != 0;
        }
        Record(explanation, node, Explanation::Kind::kCondition, out);
        return out;
      }
      auto right = EvaluateNode(*node.children[1], context, AddChild(explanation));
      if (!right.ok()) return right;
      const KernelChoice choice =
          ChooseKernel(node.op, node.children[0]->type, node.children[1]->type);
      int64_t out = 0;
      const Fault fault =
          choice.swap ? Apply(choice.kernel, *right, *left, context.variable->rounding, out)
                      : Apply(choice.kernel, *left, *right, context.variable->rounding, out);
      if (fault != Fault::kNone) return FaultAt(node, context, fault);
      Record(explanation, node, Explanation::Kind::kOperation, out);
      return out;
    }
    case NodeKind::kIf: {
      auto condition = EvaluateNode(*node.children[0], context, AddChild(explanation));
      if (!condition.ok()) return condition;
      const int branch = *condition != 0 ? 1 : 2;
      auto value = EvaluateNode(*node.children[branch], context, AddChild(explanation));
      if (!value.ok()) return value;
      Record(explanation, node, Explanation::Kind::kCondition, *value);
      if (explanation != nullptr) {
        explanation->note_en =
            branch == 1 ? "condition holds: then-branch" : "condition fails: else-branch";
        explanation->note_zh = branch == 1 ? "条件成立，取 then 分支" : "条件不成立，取 else 分支";
      }
      return value;
    }
    case NodeKind::kCall: return EvaluateCall(node, context, explanation);
    case NodeKind::kAggregate: return EvaluateAggregate(node, context, explanation);
    case NodeKind::kSize: {
      const int64_t size =
          population_.member_begin[context.row + 1] - population_.member_begin[context.row];
      Record(explanation, node, Explanation::Kind::kOperation, size);
      return size;
    }
  }
  return Internal("interpreter: unknown node kind");
}

}  // namespace minsheng::engine

namespace minsheng::engine {

Result<int64_t> Interpreter::EvaluateCall(const Node& node, const Context& context,
                                          Explanation* explanation) {
  if (node.function == Function::kSumMonths) {
    auto value = EvaluateVariable(node.children[0]->index, context.row, context.period,
                                  AddChild(explanation));
    if (!value.ok()) return value;
    Record(explanation, node, Explanation::Kind::kFunction, *value);
    return value;
  }
  const bool is_scale = node.function == Function::kScale || node.function == Function::kBracket;
  std::vector<int64_t> arguments;
  for (size_t i = is_scale ? 1 : 0; i < node.children.size(); ++i) {
    auto value = EvaluateNode(*node.children[i], context, AddChild(explanation));
    if (!value.ok()) return value;
    arguments.push_back(*value);
  }
  int64_t out = 0;
  Fault fault = Fault::kNone;
  switch (node.function) {
    case Function::kMin: out = *std::min_element(arguments.begin(), arguments.end()); break;
    case Function::kMax: out = *std::max_element(arguments.begin(), arguments.end()); break;
    case Function::kClamp:
      out = std::min(std::max(arguments[0], arguments[1]), arguments[2]);
      break;
    case Function::kAbs: fault = Absolute(arguments[0], out); break;
    case Function::kRoundFen: out = arguments[0]; break;
    case Function::kRoundYuan: fault = RoundYuan(arguments[0], out); break;
    case Function::kScale:
    case Function::kBracket: {
      const policy::Parameter& scale = pack_.parameters[node.children[0]->index];
      Date scale_date = context.period.first_day();
      const Node& scale_node = *node.children[0];
      if (!scale_node.children.empty() && scale_node.children[0] != nullptr) {
        auto at = EvaluateNode(*scale_node.children[0], context, AddChild(explanation));
        if (!at.ok()) return at;
        scale_date = Date::FromDaysSinceEpoch(static_cast<int32_t>(*at));
      }
      auto version = scale.ScaleAt(scale_date);
      if (!version.ok()) return version.status().At(node.location);
      std::vector<Segment> segments;
      int bracket = -1;
      if (node.function == Function::kScale) {
        fault = ApplyMarginalScale(**version, arguments[0], node.type == Type::kMoney,
                                   context.variable->rounding, out, &segments);
      } else {
        out = ApplyFlatScale(**version, arguments[0], &bracket);
      }
      Record(explanation, node, Explanation::Kind::kScale, out);
      if (explanation != nullptr) {
        explanation->source = &scale.source;
        explanation->assumption = scale.assumption;
        const Type unit = scale.threshold_unit;
        for (const Segment& segment : segments) {
          Explanation& step = explanation->children.emplace_back();
          step.kind = Explanation::Kind::kScale;
          const std::string from = Value{unit, segment.from, nullptr}.ToString();
          const std::string through = Value{unit, segment.through, nullptr}.ToString();
          const std::string rate = Value{Type::kRate, segment.rate, nullptr}.ToString();
          // The value is the part of the amount inside the bracket; the total is rounded
          // once, so the parts × rates may differ from it by a fen.
          step.text = "[" + from + ", " + through + ") × " + rate;
          step.value = Value{unit, segment.through - segment.from, nullptr};
          step.note_en = "part in the bracket from " + from + ", at " + rate;
          step.note_zh = from + " 起一段的部分，比例 " + rate;
          step.location = version.value()->location;
        }
        if (bracket >= 0) {
          Explanation& step = explanation->children.emplace_back();
          step.kind = Explanation::Kind::kScale;
          const policy::Bracket& chosen = version.value()->brackets[bracket];
          step.text = "bracket from " + chosen.threshold.ToString();
          step.value = chosen.rate_or_amount;
          step.note_en = "bracket " + std::to_string(bracket + 1) + " applies";
          step.note_zh = "适用第 " + std::to_string(bracket + 1) + " 档";
          step.location = chosen.location;
        }
      }
      if (fault != Fault::kNone) return FaultAt(node, context, fault);
      return out;
    }
    default: return Internal("interpreter: unknown function");
  }
  if (fault != Fault::kNone) return FaultAt(node, context, fault);
  Record(explanation, node, Explanation::Kind::kFunction, out);
  return out;
}

Result<int64_t> Interpreter::EvaluateAggregate(const Node& node, const Context& context,
                                               Explanation* explanation) {
  const uint32_t begin = population_.member_begin[context.row];
  const uint32_t end = population_.member_begin[context.row + 1];
  int64_t result = AggregateStart(node.aggregate);
  bool seen = false;
  const bool has_where = node.children.size() > 1 && node.children[1] != nullptr;
  const bool has_value = !node.children.empty() && node.children[0] != nullptr;
  // any/all with only a condition ask it of every member; otherwise it filters members.
  const bool condition_is_value =
      has_where && !has_value &&
      (node.aggregate == Aggregate::kAny || node.aggregate == Aggregate::kAll);
  for (uint32_t member = begin; member < end; ++member) {
    // Members are read within the household formula: its rounding and period hold.
    Context member_context{context.variable, &population_.members, true, member, context.period};
    int64_t value = 1;
    if (has_where) {
      auto where = EvaluateNode(*node.children[1], member_context, AddChild(explanation));
      if (!where.ok()) return where;
      if (condition_is_value) value = *where;
      if (!condition_is_value && *where == 0) continue;
    }
    if (has_value) {
      auto member_value = EvaluateNode(*node.children[0], member_context, AddChild(explanation));
      if (!member_value.ok()) return member_value;
      value = *member_value;
    }
    const Fault fault = Accumulate(node.aggregate, value, seen, result);
    if (fault != Fault::kNone) return FaultAt(node, context, fault);
    seen = true;
  }
  Record(explanation, node, Explanation::Kind::kAggregate, result);
  return result;
}

}  // namespace minsheng::engine
