// Tests of Values (values.h): the form chosen for a column, and that every form reads
// back exactly what it was given.
#include "engine/values.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

namespace minsheng::engine {
namespace {

// Proves that a column with few exceptions is stored sparse, with its common value and
// the exception rows, and reads back exactly.
TEST(ValuesTest, RareValuesAreStoredSparse) {
  std::vector<int64_t> column(1000, 0);
  column[3] = 7;
  column[999] = -5'000'000'000;
  const Values values = Values::FromVector(column);
  EXPECT_TRUE(values.sparse());
  EXPECT_TRUE(values.has_common());
  EXPECT_EQ(values.common(), 0);
  EXPECT_EQ(values.exception_count(), 2u);
  ASSERT_NE(values.exception_rows(), nullptr);
  EXPECT_EQ(std::vector<uint32_t>(values.exception_rows()->begin(), values.exception_rows()->end()),
            (std::vector<uint32_t>{3, 999}));
  EXPECT_EQ(values.ToVector(), column);
  EXPECT_EQ(values.At(999), -5'000'000'000);
  EXPECT_EQ(values.At(4), 0);
}

// Proves that a varied column is stored dense in the narrowest width holding its range,
// and that an index of exceptions is kept only when they are at most a quarter.
TEST(ValuesTest, VariedValuesAreStoredDenseInTheNarrowestWidth) {
  std::vector<int64_t> flags(100, 0);
  for (size_t row = 0; row < 20; ++row) flags[row * 5] = 1;
  const Values bools = Values::FromVector(flags);
  EXPECT_FALSE(bools.sparse());
  EXPECT_EQ(bools.width(), 1);
  EXPECT_EQ(bools.exception_count(), 20u);
  ASSERT_NE(bools.exception_rows(), nullptr);  // 20% ≤ 25%: indexed
  EXPECT_EQ(bools.ToVector(), flags);

  std::vector<int64_t> incomes;
  for (int64_t row = 0; row < 100; ++row) incomes.push_back(row * 40'000);
  const Values money = Values::FromVector(incomes);
  EXPECT_FALSE(money.sparse());
  EXPECT_EQ(money.width(), 4);
  EXPECT_EQ(money.exception_rows(), nullptr);  // 99% differ: not indexed
  EXPECT_EQ(money.ToVector(), incomes);
}

// Proves that FromExceptions drops the exceptions equal to the common value.
TEST(ValuesTest, FromExceptionsDropsValuesEqualToTheCommonOne) {
  const Buffer<uint32_t> rows = {1, 4, 8};
  const Buffer<int64_t> values = {0, 14'000, 0};
  const Values column = Values::FromExceptions(100, 0, rows, values);
  EXPECT_EQ(column.exception_count(), 1u);
  EXPECT_EQ(column.At(4), 14'000);
  EXPECT_EQ(column.At(1), 0);
}

// Proves that every form reads back what it was given, by At, ToVector and the
// sequential reader, for columns from all-alike to all-different.
RC_GTEST_PROP(ValuesProperty, EveryFormReadsBackExactly, ()) {
  const size_t size = *rc::gen::inRange<size_t>(0, 300);
  const int64_t common = *rc::gen::arbitrary<int64_t>();
  const int share = *rc::gen::inRange(0, 101);  // percent of rows that differ
  std::vector<int64_t> column(size, common);
  for (int64_t& value : column) {
    if (*rc::gen::inRange(0, 100) < share) value = *rc::gen::arbitrary<int64_t>();
  }
  const Values values = Values::FromVector(column);
  RC_ASSERT(values.size() == size);
  RC_ASSERT(values.ToVector() == column);
  SequentialReader reader(values);
  for (size_t row = 0; row < size; ++row) {
    RC_ASSERT(values.At(row) == column[row]);
    RC_ASSERT(reader(row) == column[row]);
  }
  const size_t differing = static_cast<size_t>(
      std::count_if(column.begin(), column.end(), [&](int64_t v) { return v != values.common(); }));
  RC_ASSERT(values.exception_count() == differing);
}

// Proves that AdvanceTo finds the first row ≥ the one asked, from any start.
RC_GTEST_PROP(ValuesProperty, AdvanceToIsLowerBound, ()) {
  std::vector<uint32_t> rows = *rc::gen::container<std::vector<uint32_t>>(
      rc::gen::inRange<uint32_t>(0, 1000));
  std::sort(rows.begin(), rows.end());
  const size_t start = rows.empty() ? 0 : *rc::gen::inRange<size_t>(0, rows.size() + 1);
  const uint32_t target = *rc::gen::inRange<uint32_t>(0, 1001);
  const uint32_t* first = rows.data() + start;
  const uint32_t* last = rows.data() + rows.size();
  const uint32_t* expected =
      start < rows.size() && rows[start] >= target ? first : std::lower_bound(first, last, target);
  RC_ASSERT(AdvanceTo(first, last, target) == expected);
}

}  // namespace
}  // namespace minsheng::engine
