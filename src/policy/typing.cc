// FormulaTyper (typing.h): names, operators and conditionals. Calls and aggregates are in
// typing_calls.cc.
#include "policy/typing.h"

#include <array>
#include <optional>

#include "policy/check.h"

namespace minsheng::policy {
namespace {

// What each arithmetic operator gives for each pair of operand types; a pair not listed
// is a type error. docs/packs.md carries the same table.
struct ArithmeticRule {
  Op op;
  Type left;
  Type right;
  Type result;
};

constexpr std::array<ArithmeticRule, 21> kArithmeticRules = {{
    {Op::kAdd, Type::kMoney, Type::kMoney, Type::kMoney},
    {Op::kAdd, Type::kNumber, Type::kNumber, Type::kNumber},
    {Op::kAdd, Type::kRate, Type::kRate, Type::kRate},
    {Op::kAdd, Type::kDate, Type::kNumber, Type::kDate},
    {Op::kSubtract, Type::kMoney, Type::kMoney, Type::kMoney},
    {Op::kSubtract, Type::kNumber, Type::kNumber, Type::kNumber},
    {Op::kSubtract, Type::kRate, Type::kRate, Type::kRate},
    {Op::kSubtract, Type::kDate, Type::kNumber, Type::kDate},
    {Op::kSubtract, Type::kDate, Type::kDate, Type::kNumber},
    {Op::kMultiply, Type::kMoney, Type::kRate, Type::kMoney},
    {Op::kMultiply, Type::kRate, Type::kMoney, Type::kMoney},
    {Op::kMultiply, Type::kMoney, Type::kNumber, Type::kMoney},
    {Op::kMultiply, Type::kNumber, Type::kMoney, Type::kMoney},
    {Op::kMultiply, Type::kNumber, Type::kNumber, Type::kNumber},
    {Op::kMultiply, Type::kRate, Type::kRate, Type::kRate},
    {Op::kMultiply, Type::kRate, Type::kNumber, Type::kRate},
    {Op::kMultiply, Type::kNumber, Type::kRate, Type::kRate},
    {Op::kDivide, Type::kMoney, Type::kNumber, Type::kMoney},
    {Op::kDivide, Type::kMoney, Type::kMoney, Type::kRate},
    {Op::kDivide, Type::kNumber, Type::kNumber, Type::kRate},
    {Op::kDivide, Type::kRate, Type::kNumber, Type::kRate},
}};

std::optional<Type> ArithmeticResult(Op op, Type left, Type right) {
  for (const ArithmeticRule& rule : kArithmeticRules) {
    if (rule.op == op && rule.left == left && rule.right == right) return rule.result;
  }
  return std::nullopt;
}

Status ErrorAt(const Node& node, const std::string& message) {
  return InvalidArgument(message).At(node.location);
}

bool SameType(const Node& a, const Node& b) {
  return a.type == b.type && (a.type != Type::kEnum || a.enum_type == b.enum_type);
}

std::string ArithmeticError(Op op, const Node& left, const Node& right) {
  switch (op) {
    case Op::kAdd: return "cannot add " + TypeText(left) + " and " + TypeText(right);
    case Op::kSubtract: return "cannot subtract " + TypeText(right) + " from " + TypeText(left);
    case Op::kMultiply: return "cannot multiply " + TypeText(left) + " by " + TypeText(right);
    case Op::kDivide: return "cannot divide " + TypeText(left) + " by " + TypeText(right);
    default: return "cannot apply " + std::string(OpText(op)) + " to " + TypeText(left);
  }
}

bool IsComparison(Op op) {
  return op == Op::kLess || op == Op::kLessEqual || op == Op::kGreater || op == Op::kGreaterEqual ||
         op == Op::kEqual || op == Op::kNotEqual;
}

const EnumType* EnumOf(const Node& node) {
  return node.type == Type::kEnum ? node.enum_type : nullptr;
}

// The literal rule between two operands: a number literal beside money is yuan.
Status ApplyMoneyRule(Node& a, Node& b) {
  if (a.type == Type::kMoney && b.type == Type::kNumber && CanBecomeMoney(b)) return MakeMoney(b);
  if (b.type == Type::kMoney && a.type == Type::kNumber && CanBecomeMoney(a)) return MakeMoney(a);
  return Status::Ok();
}

const char* PeriodAdjective(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kMonth: return "monthly";
    case PeriodUnit::kYear: return "yearly";
    case PeriodUnit::kEternity: return "eternal";
  }
  return "";
}

std::string Joined(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

// message, and "; did you mean 'x'?" when one of the candidates is close to name.
std::string WithHint(std::string message, std::string_view name,
                     const std::vector<std::string>& candidates) {
  const std::string closest = ClosestName(name, candidates);
  if (!closest.empty()) message += "; did you mean '" + closest + "'?";
  return message;
}

}  // namespace

std::string TypeText(Type type, const EnumType* enum_type) {
  if (type == Type::kEnum && enum_type != nullptr) return "enum " + enum_type->name;
  return TypeName(type);
}

std::string TypeText(const Node& node) {
  return TypeText(node.type, node.enum_type);
}

bool CanBecomeMoney(const Node& node) {
  if (node.type != Type::kNumber) return false;
  auto all_can = [](const std::vector<std::unique_ptr<Node>>& nodes, size_t first) {
    for (size_t i = first; i < nodes.size(); ++i) {
      if (nodes[i] == nullptr || !CanBecomeMoney(*nodes[i])) return false;
    }
    return true;
  };
  switch (node.kind) {
    case NodeKind::kLiteral: return true;
    case NodeKind::kIf: return all_can(node.children, 1);  // the branches, not the condition
    case NodeKind::kBinary:
      return (node.op == Op::kAdd || node.op == Op::kSubtract) && all_can(node.children, 0);
    case NodeKind::kCall:
      return (node.function == Function::kMin || node.function == Function::kMax ||
              node.function == Function::kClamp || node.function == Function::kAbs) &&
             all_can(node.children, 0);
    default: return false;
  }
}

Status MakeMoney(Node& node) {
  if (node.kind == NodeKind::kLiteral) {
    int64_t fen = 0;
    if (__builtin_mul_overflow(node.literal.raw, Money::kFenPerYuan, &fen)) {
      return ErrorAt(node, "number " + node.text + " is too large for an amount of yuan");
    }
    node.literal = Value::OfMoney(Money::FromFen(fen));
  } else {
    const size_t first = node.kind == NodeKind::kIf ? 1 : 0;
    for (size_t i = first; i < node.children.size(); ++i) {
      if (Status status = MakeMoney(*node.children[i]); !status.ok()) return status;
    }
  }
  node.type = Type::kMoney;
  return Status::Ok();
}

FormulaTyper::FormulaTyper(const Pack& pack, const Variable& variable)
    : pack_(pack), variable_(variable), entity_(pack.FindEntity(variable.entity)) {}

Result<std::vector<int>> FormulaTyper::Check(Node& root) {
  if (entity_ == nullptr) {
    return InvalidArgument("variable '" + variable_.name + "' belongs to unknown entity '" +
                           variable_.entity + "'")
        .At(variable_.location);
  }
  const EnumType* expected_enum =
      variable_.type == Type::kEnum ? variable_.enum_type.get() : nullptr;
  if (Status status = Visit(root, expected_enum); !status.ok()) return status;
  if (variable_.type == Type::kMoney && CanBecomeMoney(root)) {
    if (Status status = MakeMoney(root); !status.ok()) return status;
  }
  if (root.type != variable_.type ||
      (root.type == Type::kEnum && root.enum_type != variable_.enum_type.get())) {
    return ErrorAt(root, "formula of '" + variable_.name + "' is " + TypeText(root) +
                             " but the variable is " +
                             TypeText(variable_.type, variable_.enum_type.get()));
  }
  return std::vector<int>(dependencies_.begin(), dependencies_.end());
}

Status FormulaTyper::Visit(Node& node, const EnumType* expected_enum) {
  switch (node.kind) {
    case NodeKind::kLiteral: node.type = node.literal.type; return Status::Ok();
    case NodeKind::kEnumLiteral: return Status::Ok();
    case NodeKind::kVariable: return VisitVariable(node, expected_enum);
    case NodeKind::kGroupVariable: return VisitGroupVariable(node);
    case NodeKind::kParameter: return VisitParameter(node);
    case NodeKind::kUnary: return VisitUnary(node);
    case NodeKind::kBinary: return VisitBinary(node);
    case NodeKind::kIf: return VisitIf(node, expected_enum);
    case NodeKind::kCall: return VisitCall(node);
    case NodeKind::kAggregate: return VisitAggregate(node);
    case NodeKind::kSize: return VisitSize(node);
  }
  return Internal("expression node of unknown kind");
}

// Visits two operands that must agree (==, the branches of an if). A bare name that is
// no variable takes its enum from the other operand, so that is visited first.
Status FormulaTyper::VisitPair(Node& first, Node& second, const EnumType* expected_enum) {
  const bool swap = NeedsEnumContext(first) && !NeedsEnumContext(second);
  Node& leader = swap ? second : first;
  Node& follower = swap ? first : second;
  if (Status status = Visit(leader, expected_enum); !status.ok()) return status;
  return Visit(follower, expected_enum != nullptr ? expected_enum : EnumOf(leader));
}

bool FormulaTyper::NeedsEnumContext(const Node& node) const {
  if (node.kind == NodeKind::kVariable) return VariableIndex(entity_->name, node.name) < 0;
  if (node.kind == NodeKind::kIf) {
    return NeedsEnumContext(*node.children[1]) || NeedsEnumContext(*node.children[2]);
  }
  return false;
}

int FormulaTyper::VariableIndex(const std::string& entity, const std::string& name) const {
  for (size_t i = 0; i < pack_.variables.size(); ++i) {
    const Variable& candidate = pack_.variables[i];
    if (candidate.entity == entity && candidate.name == name) return static_cast<int>(i);
  }
  return -1;
}

// A bare name: a variable of the current entity, else a value of the expected enum.
Status FormulaTyper::VisitVariable(Node& node, const EnumType* expected_enum) {
  if (VariableIndex(entity_->name, node.name) >= 0) return Resolve(node, *entity_, node.name);
  if (expected_enum == nullptr) return UnknownVariable(node, *entity_);
  const int value = expected_enum->IndexOf(node.name);
  if (value < 0) {
    return ErrorAt(node, WithHint("'" + node.name + "' is not a value of " + expected_enum->name +
                                      " (" + Joined(expected_enum->values) + ")",
                                  node.name, expected_enum->values));
  }
  node.kind = NodeKind::kEnumLiteral;
  node.literal = Value{Type::kEnum, value, expected_enum};
  node.type = Type::kEnum;
  node.enum_type = expected_enum;
  return Status::Ok();
}

// household.dibao, read from a member entity's formula.
Status FormulaTyper::VisitGroupVariable(Node& node) {
  const std::string group_written = node.text.substr(0, node.text.find('.'));
  if (entity_->group.empty()) {
    return ErrorAt(node, "'" + node.text + "' reads the group of a member entity, and " +
                             entity_->name + " has no group");
  }
  if (group_written != entity_->group) {
    return ErrorAt(node, "unknown group '" + group_written + "': the group of " + entity_->name +
                             " is " + entity_->group);
  }
  const Entity* group = pack_.FindEntity(entity_->group);
  if (group == nullptr) {
    return ErrorAt(node, entity_->name + "'s group '" + entity_->group + "' is no entity");
  }
  return Resolve(node, *group, node.text);
}

Status FormulaTyper::Resolve(Node& node, const Entity& entity, const std::string& written) {
  const int index = VariableIndex(entity.name, node.name);
  if (index < 0) return UnknownVariable(node, entity);
  const Variable& read = pack_.variables[static_cast<size_t>(index)];
  if (Status period = CheckPeriod(read, written, node); !period.ok()) return period;
  node.index = index;
  node.type = read.type;
  node.enum_type = read.enum_type.get();
  dependencies_.insert(index);
  return Status::Ok();
}

// A monthly formula reads any variable (a yearly one as the year holding the month); a
// yearly one reads yearly and eternal ones, and monthly ones only summed; an eternal one
// reads only eternal ones.
Status FormulaTyper::CheckPeriod(const Variable& read, const std::string& written,
                                 const Node& node) const {
  const PeriodUnit formula = variable_.period;
  if (formula == PeriodUnit::kMonth || read.period == PeriodUnit::kEternity) return Status::Ok();
  if (formula == PeriodUnit::kYear && read.period == PeriodUnit::kYear) return Status::Ok();
  if (formula == PeriodUnit::kYear) {
    if (written == node.name) {
      return ErrorAt(node, "'" + written + "' is monthly: use sum_months(" + written +
                               ") in a yearly formula");
    }
    return ErrorAt(node, "'" + written + "' is monthly and cannot be read in a yearly formula");
  }
  return ErrorAt(node, "'" + written + "' is " + PeriodAdjective(read.period) +
                           "; an eternity formula reads only eternity variables");
}

Status FormulaTyper::UnknownVariable(const Node& node, const Entity& entity) const {
  std::vector<std::string> candidates;
  for (const Variable& variable : pack_.variables) {
    if (variable.entity == entity.name) candidates.push_back(variable.name);
  }
  return ErrorAt(node, WithHint("unknown variable '" + node.name + "' of " + entity.name, node.name,
                                candidates));
}

Status FormulaTyper::UnknownParameter(const Node& node) const {
  std::vector<std::string> candidates;
  for (const Parameter& parameter : pack_.parameters) candidates.push_back(parameter.name);
  return ErrorAt(node, WithHint("unknown parameter '" + node.name + "'", node.name, candidates));
}

Status FormulaTyper::VisitParameter(Node& node) {
  const int index = pack_.ParameterIndex(node.name);
  if (index < 0) return UnknownParameter(node);
  const Parameter& parameter = pack_.parameters[static_cast<size_t>(index)];
  if (parameter.is_scale) {
    const char* reader = parameter.scale_kind == ScaleKind::kMarginal ? "scale" : "bracket";
    return ErrorAt(node, "'p." + node.name + "' is a scale: read it with " + reader + "(p." +
                             node.name + ", x)");
  }
  node.index = index;
  node.type = parameter.unit;
  if (parameter.unit == Type::kEnum && !parameter.values.empty()) {
    node.enum_type = parameter.values.front().value.enum_type;
  }
  return VisitParameterDate(node);
}

// p.name at DATE: the date must be a date.
Status FormulaTyper::VisitParameterDate(Node& node) {
  if (node.children.empty()) return Status::Ok();
  Node& date = *node.children[0];
  if (Status status = Visit(date, nullptr); !status.ok()) return status;
  if (date.type != Type::kDate) return ErrorAt(date, "'at' needs a date, found " + TypeText(date));
  return Status::Ok();
}

Status FormulaTyper::VisitUnary(Node& node) {
  Node& operand = *node.children[0];
  if (Status status = Visit(operand, nullptr); !status.ok()) return status;
  if (node.op == Op::kNot) {
    if (operand.type != Type::kBool) {
      return ErrorAt(operand, "not needs a bool, found " + TypeText(operand));
    }
    node.type = Type::kBool;
    return Status::Ok();
  }
  if (operand.type != Type::kMoney && operand.type != Type::kNumber &&
      operand.type != Type::kRate) {
    return ErrorAt(node, "cannot negate " + TypeText(operand));
  }
  node.type = operand.type;
  return Status::Ok();
}

Status FormulaTyper::VisitBinary(Node& node) {
  if (node.op == Op::kAnd || node.op == Op::kOr) return VisitLogical(node);
  if (IsComparison(node.op)) return VisitComparison(node);
  return VisitArithmetic(node);
}

Status FormulaTyper::VisitLogical(Node& node) {
  for (const std::unique_ptr<Node>& operand : node.children) {
    if (Status status = Visit(*operand, nullptr); !status.ok()) return status;
    if (operand->type != Type::kBool) {
      return ErrorAt(*operand, std::string(OpText(node.op)) + " needs bool operands, found " +
                                   TypeText(*operand));
    }
  }
  node.type = Type::kBool;
  return Status::Ok();
}

Status FormulaTyper::VisitComparison(Node& node) {
  Node& left = *node.children[0];
  Node& right = *node.children[1];
  if (Status status = VisitPair(left, right, nullptr); !status.ok()) return status;
  if (Status status = ApplyMoneyRule(left, right); !status.ok()) return status;
  if (!SameType(left, right)) {
    return ErrorAt(node, "cannot compare " + TypeText(left) + " and " + TypeText(right));
  }
  const bool ordering = node.op != Op::kEqual && node.op != Op::kNotEqual;
  if (ordering && (left.type == Type::kBool || left.type == Type::kEnum)) {
    return ErrorAt(node, "cannot order " + TypeText(left) + " values: use == or !=");
  }
  node.type = Type::kBool;
  return Status::Ok();
}

Status FormulaTyper::VisitArithmetic(Node& node) {
  Node& left = *node.children[0];
  Node& right = *node.children[1];
  if (Status status = Visit(left, nullptr); !status.ok()) return status;
  if (Status status = Visit(right, nullptr); !status.ok()) return status;
  if (node.op == Op::kAdd || node.op == Op::kSubtract) {
    if (Status status = ApplyMoneyRule(left, right); !status.ok()) return status;
  }
  const std::optional<Type> result = ArithmeticResult(node.op, left.type, right.type);
  if (!result.has_value()) return ErrorAt(node, ArithmeticError(node.op, left, right));
  node.type = *result;
  return Status::Ok();
}

Status FormulaTyper::VisitIf(Node& node, const EnumType* expected_enum) {
  Node& condition = *node.children[0];
  if (Status status = Visit(condition, nullptr); !status.ok()) return status;
  if (condition.type != Type::kBool) {
    return ErrorAt(condition, "the condition of an if must be bool, found " + TypeText(condition));
  }
  Node& then_branch = *node.children[1];
  Node& else_branch = *node.children[2];
  if (Status status = VisitPair(then_branch, else_branch, expected_enum); !status.ok()) {
    return status;
  }
  if (Status status = ApplyMoneyRule(then_branch, else_branch); !status.ok()) return status;
  if (!SameType(then_branch, else_branch)) {
    return ErrorAt(node, "the branches of an if differ: then is " + TypeText(then_branch) +
                             ", else is " + TypeText(else_branch));
  }
  node.type = then_branch.type;
  node.enum_type = then_branch.enum_type;
  return Status::Ok();
}

}  // namespace minsheng::policy
