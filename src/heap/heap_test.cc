// The programs' heap (large_pages.cc): malloc and new are mimalloc's, asked for 2 MiB pages.

#include <cstdlib>
#include <memory>
#include <vector>

#include <gtest/gtest.h>
#include <mimalloc.h>

namespace {

TEST(Heap, MallocAndNewAreMimallocs) {
  void* small = std::malloc(64);
  auto large = std::make_unique<std::vector<char>>(64 << 20);
  EXPECT_TRUE(mi_is_in_heap_region(small));
  EXPECT_TRUE(mi_is_in_heap_region(large->data()));
  std::free(small);
}

TEST(Heap, AsksForLargePages) { EXPECT_TRUE(mi_option_is_enabled(mi_option_large_os_pages)); }

}  // namespace
