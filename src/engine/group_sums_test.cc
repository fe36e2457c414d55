// Tests of SumGroups and SumGroupsByRunningSums (group_sums.h): every household's sum
// equals the one-by-one sum, for every column width, household sizes from empty to past
// the vector's eight lanes, and households at the very end of the column (where eight
// values cannot be loaded).
#include "engine/group_sums.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <limits>

namespace minsheng::engine {
namespace {

template <typename T>
void CheckSums(const std::vector<uint32_t>& sizes, const std::vector<T>& values) {
  std::vector<uint32_t> begin{0};
  for (uint32_t size : sizes) begin.push_back(begin.back() + size);
  RC_PRE(values.size() >= begin.back());
  std::vector<int64_t> out(sizes.size(), -1);
  std::vector<int64_t> scratch;
  std::vector<int64_t> by_running_sums(sizes.size(), -1);
  SumGroups(values.data(), begin.back(), begin.data(), sizes.size(), scratch, out.data());
  SumGroupsByRunningSums(values.data(), begin.data(), sizes.size(), scratch,
                         by_running_sums.data());
  for (size_t p = 0; p < sizes.size(); ++p) {
    int64_t expected = 0;
    for (uint32_t m = begin[p]; m < begin[p + 1]; ++m) expected += values[m];
    RC_ASSERT(out[p] == expected);
    RC_ASSERT(by_running_sums[p] == expected);
  }
}

// Sizes 0–12 (mostly small, as in real households) and values over T's whole range.
template <typename T>
void CheckRandomHouseholds() {
  const auto sizes = *rc::gen::container<std::vector<uint32_t>>(rc::gen::inRange<uint32_t>(0, 13));
  uint32_t members = 0;
  for (uint32_t size : sizes) members += size;
  const auto values = *rc::gen::container<std::vector<T>>(members, rc::gen::arbitrary<T>());
  CheckSums(sizes, values);
}

RC_GTEST_PROP(GroupSumsTest, EqualsOneByOneSumsForInt8, ()) { CheckRandomHouseholds<int8_t>(); }
RC_GTEST_PROP(GroupSumsTest, EqualsOneByOneSumsForInt16, ()) { CheckRandomHouseholds<int16_t>(); }
RC_GTEST_PROP(GroupSumsTest, EqualsOneByOneSumsForInt32, ()) { CheckRandomHouseholds<int32_t>(); }
// int64 values are kept small enough that no running sum over all the members
// overflows, as the executor proves (SumsFit) before calling SumGroups.
RC_GTEST_PROP(GroupSumsTest, EqualsOneByOneSumsForInt64, ()) {
  const auto sizes = *rc::gen::container<std::vector<uint32_t>>(rc::gen::inRange<uint32_t>(0, 13));
  uint32_t members = 0;
  for (uint32_t size : sizes) members += size;
  const int64_t kLimit = std::numeric_limits<int64_t>::max() / (members + 1);
  const auto values =
      *rc::gen::container<std::vector<int64_t>>(members, rc::gen::inRange(-kLimit, kLimit));
  CheckSums(sizes, values);
}

// The extremes of a width, in households of one to eight at the column's end.
TEST(GroupSumsTest, ExtremeValuesAtTheColumnsEnd) {
  for (uint32_t last = 1; last <= 8; ++last) {
    const std::vector<uint32_t> sizes{8, 3, last};
    std::vector<int8_t> values(11 + last, std::numeric_limits<int8_t>::min());
    values[0] = std::numeric_limits<int8_t>::max();
    std::vector<uint32_t> begin{0, 8, 11, 11 + last};
    std::vector<int64_t> out(3);
    std::vector<int64_t> scratch;
    SumGroups(values.data(), values.size(), begin.data(), 3, scratch, out.data());
    EXPECT_EQ(out[0], 127 - 7 * 128);
    EXPECT_EQ(out[1], -3 * 128);
    EXPECT_EQ(out[2], -static_cast<int64_t>(last) * 128);
  }
}

}  // namespace
}  // namespace minsheng::engine
