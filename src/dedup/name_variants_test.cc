// The synthetic lists' name variants (synth/name_variants.h) against the linker's name
// keys: every traditional form the generator writes becomes its simplified character
// again (OpenCC), and every homophone group it draws from reads as one pinyin (ICU) — else
// the generator would test the linker on noise the linker cannot see through.
#include <gtest/gtest.h>

#include <string>

#include "dedup/name_text.h"
#include "synth/name_variants.h"

namespace minsheng::dedup {
namespace {

TEST(DedupNameVariants, EveryTraditionalFormBecomesItsSimplifiedCharacter) {
  auto names = NameNormaliser::Create();
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  for (const synth::TraditionalPair& pair : synth::TraditionalTable()) {
    const NormalisedName traditional = names->Normalise(pair.traditional);
    EXPECT_EQ(traditional.simplified, pair.simplified) << pair.traditional;
    EXPECT_TRUE(traditional.changes.traditional_converted) << pair.traditional;
  }
}

TEST(DedupNameVariants, EveryHomophoneGroupReadsAsOnePinyin) {
  auto names = NameNormaliser::Create();
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  for (const auto& group : synth::HomophoneGroups()) {
    const std::string first = names->Normalise(group.front()).pinyin;
    for (std::string_view character : group) {
      EXPECT_EQ(names->Normalise(character).pinyin, first) << character << " in the group of " << group.front();
    }
  }
}

}  // namespace
}  // namespace minsheng::dedup
