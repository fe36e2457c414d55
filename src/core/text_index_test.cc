// Tests for TextIndex: against std::unordered_map over random puts, finds and erases
// (erasing is where open addressing goes wrong: a probe must never stop at a hole).
#include "core/text_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace minsheng {
namespace {

TEST(TextIndexTest, EmptyFindsNothing) {
  TextIndex index;
  std::vector<std::string> keys;
  auto key_of = [&](uint32_t value) -> std::string_view { return keys[value]; };
  EXPECT_EQ(index.Find("fund/wubao", key_of), TextIndex::kNone);
  index.Erase("fund/wubao", key_of);
  EXPECT_EQ(index.size(), 0u);
}

TEST(TextIndexTest, PutReplacesTheValueOfAKeyThere) {
  TextIndex index;
  std::vector<std::string> keys = {"a", "b", "a"};
  auto key_of = [&](uint32_t value) -> std::string_view { return keys[value]; };
  index.Put("a", 0, key_of);
  index.Put("b", 1, key_of);
  index.Put("a", 2, key_of);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.Find("a", key_of), 2u);
  EXPECT_EQ(index.Find("b", key_of), 1u);
  EXPECT_EQ(index.Find("c", key_of), TextIndex::kNone);
}

// Keys as the ledger has them (account codes, transfer ids), in a table kept small so
// that runs of probes are long and wrap around its end.
TEST(TextIndexTest, AgreesWithAMapOverRandomPutsAndErases) {
  std::mt19937 random(20131101);
  std::vector<std::string> keys;
  for (int i = 0; i < 3'000; ++i) keys.push_back("payable/person/" + std::to_string(i * 7919));
  auto key_of = [&](uint32_t value) -> std::string_view { return keys[value]; };
  TextIndex index;
  std::unordered_map<std::string, uint32_t> expected;
  for (int step = 0; step < 200'000; ++step) {
    const auto k = static_cast<uint32_t>(random() % (step < 100'000 ? 100 : keys.size()));
    switch (random() % 3) {
      case 0:
        index.Put(keys[k], k, key_of);
        expected[keys[k]] = k;
        break;
      case 1:
        index.Erase(keys[k], key_of);
        expected.erase(keys[k]);
        break;
      default: {
        auto found = expected.find(keys[k]);
        ASSERT_EQ(index.Find(keys[k], key_of), found == expected.end() ? TextIndex::kNone : k)
            << "step " << step << " key " << keys[k];
      }
    }
    ASSERT_EQ(index.size(), expected.size()) << "step " << step;
  }
  for (uint32_t k = 0; k < keys.size(); ++k) {
    EXPECT_EQ(index.Find(keys[k], key_of), expected.contains(keys[k]) ? k : TextIndex::kNone);
  }
}

TEST(TextIndexTest, ReserveKeepsWhatIsThere) {
  std::vector<std::string> keys;
  for (int i = 0; i < 100; ++i) keys.push_back("t" + std::to_string(i));
  auto key_of = [&](uint32_t value) -> std::string_view { return keys[value]; };
  TextIndex index;
  for (uint32_t i = 0; i < 50; ++i) index.Put(keys[i], i, key_of);
  index.Reserve(10'000);
  for (uint32_t i = 50; i < 100; ++i) index.Put(keys[i], i, key_of);
  for (uint32_t i = 0; i < 100; ++i) EXPECT_EQ(index.Find(keys[i], key_of), i);
  index.Clear();
  EXPECT_EQ(index.Find(keys[0], key_of), TextIndex::kNone);
}

}  // namespace
}  // namespace minsheng
