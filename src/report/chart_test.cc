// Tests of the charts' value scale (chart.h): steps of 1, 2 and 5 × 10^k fen, lengths
// clamped at zero, and the int64 limits.
#include "report/chart.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace minsheng::report {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

TEST(ScaleForTest, SmallestRoundStep) {
  // Proves the scale reaches the largest amount in at most the steps asked for, with the
  // smallest step of 1, 2 or 5 × 10^k.
  const ChartScale month = ScaleFor(62'160'000, 5);  // ¥621,600.00
  EXPECT_EQ(month.step, 20'000'000);
  EXPECT_EQ(month.top, 80'000'000);
  const ChartScale exact = ScaleFor(100'000, 5);
  EXPECT_EQ(exact.step, 20'000);
  EXPECT_EQ(exact.top, 100'000);
  const ChartScale one_fen = ScaleFor(1, 3);
  EXPECT_EQ(one_fen.step, 1);
  EXPECT_EQ(one_fen.top, 1);
}

TEST(ScaleForTest, NothingPositiveAndTheLimit) {
  // Proves a chart with no positive amount still has a scale, and the largest int64
  // amount gets one without overflow.
  EXPECT_EQ(ScaleFor(0, 5).top, 100);
  EXPECT_EQ(ScaleFor(-5, 5).top, 100);
  const ChartScale limit = ScaleFor(kMax, 5);
  EXPECT_EQ(limit.step, 2'000'000'000'000'000'000);
  EXPECT_EQ(limit.top, kMax);
  EXPECT_EQ(ScaleFor(kMax, 2).step, 5'000'000'000'000'000'000);
}

TEST(ScaledLengthTest, ClampsAtZeroAndTheTop) {
  // Proves a negative amount has no length, the top the whole axis, and lengths are
  // exact integer proportions even near the int64 limit.
  const ChartScale scale = {.top = 80'000'000, .step = 20'000'000};
  EXPECT_EQ(ScaledLength(-1, scale, 240), 0);
  EXPECT_EQ(ScaledLength(0, scale, 240), 0);
  EXPECT_EQ(ScaledLength(40'000'000, scale, 240), 120);
  EXPECT_EQ(ScaledLength(90'000'000, scale, 240), 240);
  EXPECT_EQ(ScaledLength(kMax - 1, {.top = kMax, .step = kMax}, 240), 239);
}

}  // namespace
}  // namespace minsheng::report
