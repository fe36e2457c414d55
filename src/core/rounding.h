// Exact division with a named rounding, the one place minsheng turns an exact fraction
// of a fen (or of a rate's billionth) into a whole count. Money::MultiplyRate and the
// engine's kernels both round here, so a formula and a direct call agree to the fen.
// Inline: the engine calls these in its inner loops. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

namespace minsheng {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// How an exact amount is rounded to a whole count. "Half up" rounds halves away from
// zero, as financial rules mean it (-0.005 yuan becomes -0.01): the sign never changes
// the size.
enum class Rounding {
  kHalfUpFen,      // to the fen, halves away from zero (the default everywhere)
  kHalfEvenFen,    // to the fen, halves to the even fen (banker's rounding)
  kTowardZeroFen,  // to the fen, dropping the remainder (never pays more than the exact value)
  kHalfUpYuan,     // to the whole yuan, halves away from zero
};

inline bool FitsInt64(Int128 value) {
  return value >= INT64_MIN && value <= INT64_MAX;
}

// DivideRounded when both fit in 64 bits, as they nearly always do: a 128-bit division
// is a library call several times slower than the processor's own.
inline int64_t DivideRounded64(int64_t numerator, int64_t divisor, Rounding rounding) {
  constexpr int64_t kSmall = int64_t{1} << 61;
  if (rounding != Rounding::kHalfEvenFen && rounding != Rounding::kTowardZeroFen &&
      numerator > -kSmall && numerator < kSmall && divisor < kSmall) {
    // Half up, with no branch on the remainder: round(|n| ÷ d) = ⌊(2|n| + d) ÷ 2d⌋, exact
    // in unsigned 64 bits while |n| and d stay below 2^61.
    const uint64_t magnitude = numerator < 0 ? 0 - static_cast<uint64_t>(numerator)
                                             : static_cast<uint64_t>(numerator);
    const uint64_t unsigned_divisor = static_cast<uint64_t>(divisor);
    const auto rounded =
        static_cast<int64_t>((2 * magnitude + unsigned_divisor) / (2 * unsigned_divisor));
    return numerator < 0 ? -rounded : rounded;
  }
  const int64_t quotient = numerator / divisor;  // truncates toward zero
  const int64_t remainder = numerator % divisor;
  if (remainder == 0 || rounding == Rounding::kTowardZeroFen) return quotient;
  // |remainder| < divisor ≤ INT64_MAX, so twice it fits in 64 unsigned bits.
  const uint64_t magnitude = remainder < 0 ? 0 - static_cast<uint64_t>(remainder)
                                           : static_cast<uint64_t>(remainder);
  const uint64_t twice_remainder = magnitude * 2;
  const uint64_t unsigned_divisor = static_cast<uint64_t>(divisor);
  const int64_t away = numerator < 0 ? -1 : 1;
  if (twice_remainder > unsigned_divisor) return quotient + away;
  if (twice_remainder < unsigned_divisor) return quotient;
  // Exactly half.
  if (rounding == Rounding::kHalfEvenFen) return quotient % 2 == 0 ? quotient : quotient + away;
  return quotient + away;
}

// numerator ÷ divisor (divisor > 0), rounded to a whole number as `rounding` says; the
// two half-up modes round alike here (the yuan is RoundFenQuotient's business).
inline Int128 DivideRounded(Int128 numerator, Int128 divisor, Rounding rounding) {
  if (FitsInt64(numerator) && divisor <= INT64_MAX) {
    return DivideRounded64(static_cast<int64_t>(numerator), static_cast<int64_t>(divisor),
                           rounding);
  }
  const Int128 quotient = numerator / divisor;  // truncates toward zero
  const Int128 remainder = numerator % divisor;
  if (remainder == 0 || rounding == Rounding::kTowardZeroFen) return quotient;
  const Int128 twice_remainder = (remainder < 0 ? -remainder : remainder) * 2;
  const int away = numerator < 0 ? -1 : 1;
  if (twice_remainder > divisor) return quotient + away;
  if (twice_remainder < divisor) return quotient;
  // Exactly half.
  if (rounding == Rounding::kHalfEvenFen) return quotient % 2 == 0 ? quotient : quotient + away;
  return quotient + away;
}

// The exact amount numerator ÷ divisor fen (divisor > 0) rounded to the fen, or to the
// whole yuan for kHalfUpYuan; nullopt when the result leaves int64.
inline std::optional<int64_t> RoundFenQuotient(Int128 numerator, Int128 divisor,
                                               Rounding rounding) {
  constexpr int64_t kFenPerYuan = 100;
  const Int128 fen = rounding == Rounding::kHalfUpYuan
                         ? DivideRounded(numerator, divisor * kFenPerYuan, rounding) * kFenPerYuan
                         : DivideRounded(numerator, divisor, rounding);
  if (!FitsInt64(fen)) return std::nullopt;
  return static_cast<int64_t>(fen);
}

}  // namespace minsheng
