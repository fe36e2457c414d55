// Tests of core/rounding.h's fast paths (64-bit division, and the branch-free half-up
// division) against the rounding rule written out on 128-bit quotient and remainder.
#include "core/rounding.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace minsheng {
namespace {

// The 128-bit reference: the rounding rule written out on exact quotient and remainder.
Int128 Reference(Int128 n, Int128 d, Rounding rounding) {
  Int128 q = n / d;
  const Int128 r = n % d;
  if (r == 0 || rounding == Rounding::kTowardZeroFen) return q;
  const Int128 twice = (r < 0 ? -r : r) * 2;
  const int away = n < 0 ? -1 : 1;
  if (twice > d) return q + away;
  if (twice < d) return q;
  if (rounding == Rounding::kHalfEvenFen) return q % 2 == 0 ? q : q + away;
  return q + away;
}

RC_GTEST_PROP(RoundingProperty, DivideRoundedAgreesWithTheReference, ()) {
  const Rounding rounding = *rc::gen::element(Rounding::kHalfUpFen, Rounding::kHalfEvenFen,
                                              Rounding::kTowardZeroFen, Rounding::kHalfUpYuan);
  // Small and large numerators and divisors, so that every path is taken.
  const int64_t n = *rc::gen::oneOf(rc::gen::inRange<int64_t>(-1000, 1001),
                                    rc::gen::arbitrary<int64_t>());
  const int64_t d = *rc::gen::oneOf(rc::gen::inRange<int64_t>(1, 200),
                                    rc::gen::inRange<int64_t>(1, INT64_MAX));
  RC_ASSERT(DivideRounded(n, d, rounding) == Reference(n, d, rounding));
}

}  // namespace
}  // namespace minsheng
