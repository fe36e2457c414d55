#include "core/count_text.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace minsheng {
namespace {

TEST(CountText, GroupsThousands) {
  EXPECT_EQ(GroupedCount(0), "0");
  EXPECT_EQ(GroupedCount(999), "999");
  EXPECT_EQ(GroupedCount(1000), "1,000");
  EXPECT_EQ(GroupedCount(109689), "109,689");
  EXPECT_EQ(GroupedCount(-1234567), "-1,234,567");
  EXPECT_EQ(GroupedCount(INT64_MIN), "-9,223,372,036,854,775,808");
}

}  // namespace
}  // namespace minsheng
