#include "engine/kernels.h"

namespace minsheng::engine {

using policy::Op;
using policy::Type;

const char* FaultText(Fault fault) {
  switch (fault) {
    case Fault::kNone: return "no fault";
    case Fault::kOverflow: return "overflow";
    case Fault::kDivideByZero: return "division by zero";
  }
  return "fault";
}

KernelChoice ChooseKernel(Op op, Type left, Type right) {
  switch (op) {
    case Op::kAdd: return {Kernel::kAdd, false};
    case Op::kSubtract: return {Kernel::kSubtract, false};
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
