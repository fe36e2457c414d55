#include "engine/kernels.h"

namespace minsheng::engine {

using policy::Op;
using policy::Type;

const char* FaultText(Fault fault) {
  switch (fault) {
    case Fault::kNone: return "no fault";
    case Fault::kOverflow: return "overflow";
    case Fault::kDivideByZero: return "division by zero";
    case Fault::kDateOutOfRange: return "a date outside the years 1-9999";
  }
  return "fault";
}

Status FaultStatus(Fault fault, const policy::Node& node, std::string_view entity,
                   std::string_view id) {
  return Status(fault == Fault::kOverflow ? ErrorCode::kOverflow : ErrorCode::kInvalidArgument,
                std::string(FaultText(fault)) + " in '" + node.text + "' for " +
                    std::string(entity) + " '" + std::string(id) + "'",
                node.location);
}

KernelChoice ChooseKernel(Op op, Type left, Type right) {
  switch (op) {
    case Op::kAdd:
      if (left == Type::kDate) return {Kernel::kAddDays, false};
      if (right == Type::kDate) return {Kernel::kAddDays, true};
      return {Kernel::kAdd, false};
    case Op::kSubtract:
      // date − date is a number of days; date − number is a date.
      if (left == Type::kDate && right != Type::kDate) return {Kernel::kSubtractDays, false};
      return {Kernel::kSubtract, false};
    case Op::kMultiply:
      if (left == Type::kMoney && right == Type::kRate) return {Kernel::kMultiplyMoneyRate, false};
      if (left == Type::kRate && right == Type::kMoney) return {Kernel::kMultiplyMoneyRate, true};
      if (left == Type::kRate && right == Type::kRate) return {Kernel::kMultiplyRateRate, false};
      if (left == Type::kRate || right == Type::kRate) {
        return {Kernel::kMultiplyRateNumber, right == Type::kRate};
      }
      return {Kernel::kMultiplyIntegers, false};
    case Op::kDivide:
      if (left == Type::kMoney && right == Type::kNumber)
        return {Kernel::kDivideMoneyNumber, false};
      if (left == Type::kRate) return {Kernel::kDivideRateNumber, false};
      return {Kernel::kDivideToRate, false};
    case Op::kLess: return {Kernel::kLess, false};
    case Op::kLessEqual: return {Kernel::kLessEqual, false};
    case Op::kGreater: return {Kernel::kGreater, false};
    case Op::kGreaterEqual: return {Kernel::kGreaterEqual, false};
    case Op::kEqual: return {Kernel::kEqual, false};
    case Op::kNotEqual: return {Kernel::kNotEqual, false};
    case Op::kAnd: return {Kernel::kAnd, false};
    case Op::kOr: return {Kernel::kOr, false};
    default: break;
  }
  return {Kernel::kAdd, false};  // unreachable for checked nodes
}

}  // namespace minsheng::engine
