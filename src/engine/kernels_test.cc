// Tests of the kernels' shortcuts (kernels.h): each computes exactly what Apply does.
#include "engine/kernels.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace minsheng::engine {
namespace {

int64_t Divided(int64_t a, int64_t b) {
  int64_t out = 0;
  EXPECT_EQ(Apply(Kernel::kDivideMoneyNumber, a, b, Rounding::kHalfUpFen, out), Fault::kNone);
  return out;
}

// Every small divisor, with every amount up to 100,000 fen (all remainders, the halves
// among them) and the largest amounts the shortcut takes.
TEST(KernelsTest, SmallDivisionByReciprocalEqualsDivision) {
  for (int64_t b = 1; b < kSmallDivisor; ++b) {
    for (int64_t a = 0; a < 100'000; ++a) {
      ASSERT_EQ(DivideSmallHalfUpFen(a, b), Divided(a, b)) << a << " / " << b;
    }
    for (int64_t a = kSmallDividend - 100'000; a < kSmallDividend; ++a) {
      ASSERT_EQ(DivideSmallHalfUpFen(a, b), Divided(a, b)) << a << " / " << b;
    }
  }
}

RC_GTEST_PROP(KernelsTest, SmallDivisionAgreesAnywhereInItsRange, ()) {
  const int64_t a = *rc::gen::inRange<int64_t>(0, kSmallDividend);
  const int64_t b = *rc::gen::inRange<int64_t>(1, kSmallDivisor);
  RC_ASSERT(DivideSmallHalfUpFen(a, b) == Divided(a, b));
}

}  // namespace
}  // namespace minsheng::engine
