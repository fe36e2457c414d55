#include "core/text_order.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace minsheng {
namespace {

std::vector<uint32_t> Order(const std::vector<std::string>& texts) {
  return OrderByText(texts.size(), [&](size_t i) { return std::string_view(texts[i]); });
}

TEST(TextOrderTest, SortsLikeStringCompareWithTiesInIndexOrder) {
  const std::vector<std::string> texts = {"b", "a", "370302195001010011", "a", "", std::string("a\0", 2),
                                          "370302195001010011", "37030219500101001X", "ab"};
  EXPECT_EQ(Order(texts), (std::vector<uint32_t>{4, 2, 6, 7, 1, 3, 5, 8, 0}));
}

TEST(TextOrderTest, TextsLongerThanTheKeyAreComparedInFull) {
  const std::string common(25, 'x');
  const std::vector<std::string> texts = {common + "b", common + "a", common, common + "a"};
  EXPECT_EQ(Order(texts), (std::vector<uint32_t>{2, 1, 3, 0}));
}

TEST(TextOrderTest, AgreesWithStableSortOnRandomTexts) {
  std::mt19937 random(7);
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) {
    std::string text(random() % 30, ' ');
    for (char& c : text) c = static_cast<char>('0' + random() % 3);  // many shared prefixes
    texts.push_back(text);
  }
  std::vector<uint32_t> expected(texts.size());
  for (uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
  std::stable_sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) { return texts[a] < texts[b]; });
  EXPECT_EQ(Order(texts), expected);
}

// From kOrderInHalves texts on the halves are sorted on two threads and merged: the same
// order, ties (many equal texts, some across the halves) still in index order.
TEST(TextOrderTest, InHalvesAgreesWithStableSort) {
  std::mt19937 random(11);
  std::vector<std::string> texts;
  for (size_t i = 0; i < kOrderInHalves + 1001; ++i) {
    std::string text(random() % 24, ' ');
    for (char& c : text) c = static_cast<char>('0' + random() % 2);
    texts.push_back(text);
  }
  std::vector<uint32_t> expected(texts.size());
  for (uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
  std::stable_sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) { return texts[a] < texts[b]; });
  EXPECT_EQ(Order(texts), expected);
}

TEST(TextOrderTest, NothingToOrder) { EXPECT_TRUE(Order({}).empty()); }

}  // namespace
}  // namespace minsheng
