// The arithmetic of the policy language on raw int64 values: one inline function per
// operation, shared by the vectorized executor (which calls them in tight loops) and the
// reference interpreter (which calls them once per entity), so both compute exactly the
// same thing and differ only in how they walk the data.
//
// Every operation is checked: overflow and division by zero are reported, never wrapped.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/date.h"
#include "core/money.h"
#include "core/rate.h"
#include "core/rounding.h"
#include "policy/expression.h"
#include "policy/types.h"

namespace minsheng::engine {

enum class Fault { kNone, kOverflow, kDivideByZero, kDateOutOfRange };
const char* FaultText(Fault fault);
// The error for a fault, as both evaluators report it: "division by zero in 'x / y' for
// person 'p1'", at the expression's place in the pack.
Status FaultStatus(Fault fault, const policy::Node& node, std::string_view entity,
                   std::string_view id);  // "overflow", "division by zero"

// A binary operation with its operand types resolved: what the executor and interpreter
// dispatch on, decided once per expression node.
enum class Kernel {
  kAdd,
  kSubtract,  // money, number, rate, date − date
  kAddDays,   // date ± number of days → date, inside years 1–9999
  kSubtractDays,
  kMultiplyIntegers,    // number × number, money × number, number × money
  kMultiplyMoneyRate,   // money × rate (either order; left is money), rounded
  kMultiplyRateRate,    // rate × rate, half up to the billionth
  kMultiplyRateNumber,  // rate × number (either order; left is rate)
  kDivideMoneyNumber,   // money ÷ number → money, rounded to the fen
  kDivideToRate,        // money ÷ money, number ÷ number → rate, half up
  kDivideRateNumber,    // rate ÷ number → rate, half up
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kEqual,
  kNotEqual,
  kAnd,
  kOr,
};

// The kernel for a checked binary node (types are the operands' after checking); the
// second result says whether the operands must be swapped so that the money or rate
// operand comes first.
struct KernelChoice {
  Kernel kernel;
  bool swap;
};
KernelChoice ChooseKernel(policy::Op op, policy::Type left, policy::Type right);

// RoundFenQuotient (core/rounding.h) as a kernel fault.
inline Fault RoundToFen(Int128 numerator, Int128 divisor, Rounding rounding, int64_t& out) {
  const std::optional<int64_t> fen = RoundFenQuotient(numerator, divisor, rounding);
  if (!fen) return Fault::kOverflow;
  out = *fen;
  return Fault::kNone;
}

// Money ÷ a small count (an amount shared among a household's members), half up to the
// fen, by multiplying with the divisor's reciprocal instead of dividing: round(a ÷ b) =
// ⌊(2a + b) ÷ 2b⌋, and for N = 2a + b < 2³² and d = 2b < 2¹⁶, ⌊N · ⌈2⁶⁴ ÷ d⌉ ÷ 2⁶⁴⌋ = ⌊N ÷ d⌋
// (the product overshoots N ÷ d by less than 2⁻³², and N ÷ d is never closer than 1 ÷ d
// below the next whole number). Only for 0 ≤ a < kSmallDividend and 0 < b < kSmallDivisor,
// which the caller checks; the result equals Apply's.
inline constexpr int64_t kSmallDividend = int64_t{1} << 30;
inline constexpr int64_t kSmallDivisor = 64;
inline constexpr auto kReciprocals = [] {
  std::array<uint64_t, 2 * kSmallDivisor> table{};
  for (uint64_t d = 2; d < table.size(); ++d) table[d] = UINT64_MAX / d + 1;
  return table;
}();
inline int64_t DivideSmallHalfUpFen(int64_t a, int64_t b) {
  const auto numerator = static_cast<uint64_t>(2 * a + b);
  const uint64_t reciprocal = kReciprocals[static_cast<size_t>(2 * b)];
  return static_cast<int64_t>((static_cast<UInt128>(numerator) * reciprocal) >> 64);
}

// Applies a kernel to one pair of values. `rounding` is the formula's rounding mode.
// Always inlined: the executor calls it with a constant kernel, and the switch vanishes.
[[gnu::always_inline]] inline Fault Apply(Kernel kernel, int64_t a, int64_t b, Rounding rounding,
                                          int64_t& out) {
  switch (kernel) {
    case Kernel::kAdd: return __builtin_add_overflow(a, b, &out) ? Fault::kOverflow : Fault::kNone;
    case Kernel::kSubtract:
      return __builtin_sub_overflow(a, b, &out) ? Fault::kOverflow : Fault::kNone;
    case Kernel::kAddDays:
    case Kernel::kSubtractDays: {
      const bool overflow = kernel == Kernel::kAddDays ? __builtin_add_overflow(a, b, &out)
                                                       : __builtin_sub_overflow(a, b, &out);
      if (overflow || out < Date::kMinDaysSinceEpoch || out > Date::kMaxDaysSinceEpoch) {
        return Fault::kDateOutOfRange;
      }
      return Fault::kNone;
    }
    case Kernel::kMultiplyIntegers:
    case Kernel::kMultiplyRateNumber:
      return __builtin_mul_overflow(a, b, &out) ? Fault::kOverflow : Fault::kNone;
    case Kernel::kMultiplyMoneyRate:
      return RoundToFen(static_cast<Int128>(a) * b, Rate::kScale, rounding, out);
    case Kernel::kMultiplyRateRate: {
      Int128 parts = DivideRounded(static_cast<Int128>(a) * b, Rate::kScale, Rounding::kHalfUpFen);
      if (!FitsInt64(parts)) return Fault::kOverflow;
      out = static_cast<int64_t>(parts);
      return Fault::kNone;
    }
    case Kernel::kDivideMoneyNumber:
      if (b == 0) return Fault::kDivideByZero;
      // A negative divisor flips both signs so that the divisor handed on is positive.
      return b < 0 ? RoundToFen(-static_cast<Int128>(a), -static_cast<Int128>(b), rounding, out)
                   : RoundToFen(a, b, rounding, out);
    case Kernel::kDivideToRate:
    case Kernel::kDivideRateNumber: {
      if (b == 0) return Fault::kDivideByZero;
      Int128 numerator = kernel == Kernel::kDivideToRate ? static_cast<Int128>(a) * Rate::kScale
                                                         : static_cast<Int128>(a);
      Int128 divisor = b;
      if (divisor < 0) {
        numerator = -numerator;
        divisor = -divisor;
      }
      Int128 parts = DivideRounded(numerator, divisor, Rounding::kHalfUpFen);
      if (!FitsInt64(parts)) return Fault::kOverflow;
      out = static_cast<int64_t>(parts);
      return Fault::kNone;
    }
    case Kernel::kLess: out = a < b; return Fault::kNone;
    case Kernel::kLessEqual: out = a <= b; return Fault::kNone;
    case Kernel::kGreater: out = a > b; return Fault::kNone;
    case Kernel::kGreaterEqual: out = a >= b; return Fault::kNone;
    case Kernel::kEqual: out = a == b; return Fault::kNone;
    case Kernel::kNotEqual: out = a != b; return Fault::kNone;
    case Kernel::kAnd: out = a && b; return Fault::kNone;
    case Kernel::kOr: out = a || b; return Fault::kNone;
  }
  return Fault::kNone;
}

// Negation and absolute value, checked (INT64_MIN has no positive counterpart).
inline Fault Negate(int64_t a, int64_t& out) {
  if (a == INT64_MIN) return Fault::kOverflow;
  out = -a;
  return Fault::kNone;
}
inline Fault Absolute(int64_t a, int64_t& out) {
  if (a == INT64_MIN) return Fault::kOverflow;
  out = a < 0 ? -a : a;
  return Fault::kNone;
}
// The starting value of an aggregate over members: true for `all`, 0 for the others.
inline int64_t AggregateStart(policy::Aggregate aggregate) {
  return aggregate == policy::Aggregate::kAll ? 1 : 0;
}

// Folds one member's value into an aggregate's running result; `seen` says whether a
// member was folded before (max and min take the first value as it is).
inline Fault Accumulate(policy::Aggregate aggregate, int64_t value, bool seen, int64_t& result) {
  switch (aggregate) {
    case policy::Aggregate::kSum:
      return __builtin_add_overflow(result, value, &result) ? Fault::kOverflow : Fault::kNone;
    case policy::Aggregate::kCount: ++result; break;
    case policy::Aggregate::kAny: result = result || value != 0; break;
    case policy::Aggregate::kAll: result = result && value != 0; break;
    case policy::Aggregate::kMax: result = seen && result > value ? result : value; break;
    case policy::Aggregate::kMin: result = seen && result < value ? result : value; break;
    case policy::Aggregate::kNone: break;
  }
  return Fault::kNone;
}

inline Fault RoundYuan(int64_t fen, int64_t& out) {
  return RoundToFen(fen, 1, Rounding::kHalfUpYuan, out);
}

}  // namespace minsheng::engine
