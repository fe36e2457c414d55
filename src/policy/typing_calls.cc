// FormulaTyper (typing.h): built-in function calls, scales, sum_months, and the
// aggregates over a group's members.
#include <string>

#include "policy/typing.h"

namespace minsheng::policy {
namespace {

Status ErrorAt(const Node& node, const std::string& message) {
  return InvalidArgument(message).At(node.location);
}

bool IsOneOf(Type type, std::initializer_list<Type> types) {
  for (Type candidate : types) {
    if (type == candidate) return true;
  }
  return false;
}

// The literal rule for a call's arguments: when one is money, number literals are yuan.
Status MoneyRuleAcross(std::vector<std::unique_ptr<Node>>& arguments) {
  bool any_money = false;
  for (const std::unique_ptr<Node>& argument : arguments) {
    any_money = any_money || argument->type == Type::kMoney;
  }
  if (!any_money) return Status::Ok();
  for (const std::unique_ptr<Node>& argument : arguments) {
    if (CanBecomeMoney(*argument)) {
      if (Status status = MakeMoney(*argument); !status.ok()) return status;
    }
  }
  return Status::Ok();
}

}  // namespace

Status FormulaTyper::VisitCall(Node& node) {
  switch (node.function) {
    case Function::kMin:
    case Function::kMax:
    case Function::kClamp:
    case Function::kAbs: return VisitSameTypeCall(node);
    case Function::kRoundFen:
    case Function::kRoundYuan: return VisitRound(node);
    case Function::kScale:
    case Function::kBracket: return VisitScale(node);
    case Function::kSumMonths: return VisitSumMonths(node);
    case Function::kNone: break;
  }
  return Internal("a call without a function");
}

// min, max, clamp and abs: arguments of one type, which is the result's.
Status FormulaTyper::VisitSameTypeCall(Node& node) {
  const std::string name = FunctionName(node.function);
  for (const std::unique_ptr<Node>& argument : node.children) {
    if (Status status = Visit(*argument, nullptr); !status.ok()) return status;
  }
  if (Status status = MoneyRuleAcross(node.children); !status.ok()) return status;
  const bool is_abs = node.function == Function::kAbs;
  for (const std::unique_ptr<Node>& argument : node.children) {
    const bool allowed =
        is_abs ? IsOneOf(argument->type, {Type::kMoney, Type::kNumber, Type::kRate})
               : IsOneOf(argument->type, {Type::kMoney, Type::kNumber, Type::kRate, Type::kDate});
    if (!allowed) {
      return ErrorAt(
          *argument,
          name + (is_abs ? " needs money, number or rate" : " needs money, number, rate or date") +
              ", found " + TypeText(*argument));
    }
  }
  const Node& first = *node.children.front();
  for (const std::unique_ptr<Node>& argument : node.children) {
    if (argument->type != first.type) {
      return ErrorAt(node, name + " needs arguments of one type, found " + TypeText(first) +
                               " and " + TypeText(*argument));
    }
  }
  node.type = first.type;
  return Status::Ok();
}

// round_fen and round_yuan: money to money.
Status FormulaTyper::VisitRound(Node& node) {
  Node& amount = *node.children[0];
  if (Status status = Visit(amount, nullptr); !status.ok()) return status;
  if (CanBecomeMoney(amount)) {
    if (Status status = MakeMoney(amount); !status.ok()) return status;
  }
  if (amount.type != Type::kMoney) {
    return ErrorAt(amount, std::string(FunctionName(node.function)) + " needs money, found " +
                               TypeText(amount));
  }
  node.type = Type::kMoney;
  return Status::Ok();
}

// scale(p.s, x) and bracket(p.s, x): x is of the scale's threshold type.
Status FormulaTyper::VisitScale(Node& node) {
  if (Status status = VisitScaleParameter(*node.children[0], node.function); !status.ok()) {
    return status;
  }
  const Parameter& scale = pack_.parameters[static_cast<size_t>(node.children[0]->index)];
  Node& x = *node.children[1];
  if (Status status = Visit(x, nullptr); !status.ok()) return status;
  if (scale.threshold_unit == Type::kMoney && CanBecomeMoney(x)) {
    if (Status status = MakeMoney(x); !status.ok()) return status;
  }
  if (x.type != scale.threshold_unit) {
    return ErrorAt(x, "the thresholds of 'p." + scale.name + "' are " +
                          TypeName(scale.threshold_unit) + ", found " + TypeText(x));
  }
  if (node.function == Function::kBracket) {
    node.type = scale.result_unit;
  } else {
    node.type = scale.threshold_unit == Type::kMoney ? Type::kMoney : Type::kNumber;
  }
  return Status::Ok();
}

// The first argument of scale (a marginal scale) or bracket (a flat one).
Status FormulaTyper::VisitScaleParameter(Node& node, Function function) {
  const std::string reader = FunctionName(function);
  if (node.kind != NodeKind::kParameter) {
    return ErrorAt(node, reader + " reads a scale parameter: " + reader + "(p.name, x)");
  }
  const int index = pack_.ParameterIndex(node.name);
  if (index < 0) return UnknownParameter(node);
  const Parameter& parameter = pack_.parameters[static_cast<size_t>(index)];
  const std::string written = "'p." + node.name + "'";
  if (!parameter.is_scale) {
    return ErrorAt(node, written + " is not a scale: read it as p." + node.name);
  }
  const bool marginal = parameter.scale_kind == ScaleKind::kMarginal;
  if (function == Function::kScale && !marginal) {
    return ErrorAt(node,
                   written + " is a flat scale: read it with bracket(p." + node.name + ", x)");
  }
  if (function == Function::kBracket && marginal) {
    return ErrorAt(node,
                   written + " is a marginal scale: read it with scale(p." + node.name + ", x)");
  }
  node.index = index;
  node.type = parameter.result_unit;
  return VisitParameterDate(node);
}

// sum_months(x): in a yearly formula, the year's total of a monthly variable.
Status FormulaTyper::VisitSumMonths(Node& node) {
  Node& argument = *node.children[0];
  if (variable_.period != PeriodUnit::kYear) {
    return ErrorAt(node, "sum_months is only for yearly formulas");
  }
  if (argument.kind != NodeKind::kVariable) {
    return ErrorAt(argument, "sum_months takes a monthly variable's name: sum_months(income)");
  }
  const int index = VariableIndex(entity_->name, argument.name);
  if (index < 0) return UnknownVariable(argument, *entity_);
  const Variable& read = pack_.variables[static_cast<size_t>(index)];
  if (read.period != PeriodUnit::kMonth) {
    return ErrorAt(argument, "'" + argument.name +
                                 "' is not monthly: sum_months takes a "
                                 "monthly variable");
  }
  if (!IsOneOf(read.type, {Type::kMoney, Type::kNumber})) {
    return ErrorAt(argument, "sum_months adds money or numbers, found " +
                                 TypeText(read.type, read.enum_type.get()));
  }
  argument.index = index;
  argument.type = read.type;
  dependencies_.insert(index);
  node.type = read.type;
  return Status::Ok();
}

Status FormulaTyper::VisitSize(Node& node) {
  Result<const Entity*> member = MemberEntity(node, "size");
  if (!member.ok()) return member.status();
  node.type = Type::kNumber;
  return Status::Ok();
}

Result<const Entity*> FormulaTyper::MemberEntity(const Node& node, const std::string& what) const {
  std::vector<const Entity*> members;
  std::string names;
  for (const Entity& entity : pack_.entities) {
    if (entity.group != entity_->name) continue;
    members.push_back(&entity);
    names += (names.empty() ? "" : ", ") + entity.name;
  }
  if (members.empty()) {
    return ErrorAt(node, what + " is read in a group entity's formula, and " + entity_->name +
                             " has no members");
  }
  if (members.size() > 1) {
    return ErrorAt(node, entity_->name + " has several member entities (" + names + "): " + what +
                             " is ambiguous");
  }
  return members.front();
}

// sum count any all max min over members: children[0] the value, children[1] the
// where-condition, either nullptr.
Status FormulaTyper::VisitAggregate(Node& node) {
  Result<const Entity*> member = MemberEntity(node, "members");
  if (!member.ok()) return member.status();
  Node* value = node.children[0].get();
  if (value != nullptr) {
    if (Status status = Resolve(*value, **member, value->text); !status.ok()) return status;
  }
  if (node.children[1] != nullptr) {
    if (Status status = VisitWhere(*node.children[1], **member); !status.ok()) return status;
  }
  node.index = value != nullptr ? value->index : -1;
  return TypeAggregate(node);
}

// The aggregate's type, from its value's.
Status FormulaTyper::TypeAggregate(Node& node) {
  const std::string name = AggregateName(node.aggregate);
  const Node* value = node.children[0].get();
  const bool needs_value = node.aggregate == Aggregate::kSum || node.aggregate == Aggregate::kMax ||
                           node.aggregate == Aggregate::kMin;
  if (needs_value && value == nullptr) return Internal(name + " without a value");
  auto refuse = [&](const std::string& allowed) {
    return ErrorAt(*value, name + " needs " + allowed + " values, found " + TypeText(*value));
  };
  switch (node.aggregate) {
    case Aggregate::kCount: node.type = Type::kNumber; return Status::Ok();
    case Aggregate::kSum:
      if (!IsOneOf(value->type, {Type::kMoney, Type::kNumber})) return refuse("money or number");
      node.type = value->type;
      return Status::Ok();
    case Aggregate::kAny:
    case Aggregate::kAll:
      if (value != nullptr && value->type != Type::kBool) return refuse("bool");
      node.type = Type::kBool;
      return Status::Ok();
    case Aggregate::kMax:
    case Aggregate::kMin:
      if (!IsOneOf(value->type, {Type::kMoney, Type::kNumber, Type::kRate, Type::kDate})) {
        return refuse("money, number, rate or date");
      }
      node.type = value->type;
      return Status::Ok();
    case Aggregate::kNone: break;
  }
  return Internal("an aggregate without a kind");
}

// The where-condition is about one member: its bare names are the member's variables.
Status FormulaTyper::VisitWhere(Node& condition, const Entity& member) {
  const Entity* formula_entity = entity_;
  entity_ = &member;
  Status status = Visit(condition, nullptr);
  entity_ = formula_entity;
  if (!status.ok()) return status;
  if (condition.type != Type::kBool) {
    return ErrorAt(condition, "where needs a bool condition, found " + TypeText(condition));
  }
  return Status::Ok();
}

}  // namespace minsheng::policy
