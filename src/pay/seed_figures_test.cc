// The seeds' figures, reproduced from a synthetic county at full scale.
//
// Wudi's school-bus subsidy for 2013: "县乡财政每年拿出的600多万元,对学生每人每月140元的
// 乘车费用补贴70元……对城乡低保家庭的学生,县乡财政全额承担" for "全县7400余名中小学生"
// (seed 000_040c84a1c57c7066.txt): 7,400 × 70 yuan × 12 months = 6,216,000 yuan, plus the
// other 70 yuan for students of 低保 households — "600多万元", between six and seven million.
// The synthetic Wudi (docs/synth.md) is imported into the registry, and the pack's rule is
// computed for each month from the registry's view of it.
//
// Full scale takes seconds in an optimised build and minutes under the sanitizers, which
// have nothing here the smaller tests do not already exercise: skipped there.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/engine.h"
#include "pay/population.h"
#include "pay/testing.h"
#include "registry/import.h"
#include "registry/view.h"
#include "synth/synth.h"

namespace minsheng::pay {
namespace {

TEST(SeedFigures, WudiSchoolBusCostFor2013IsSixPointTwoMillionPlusTheDibaoTopUps) {
#ifdef MINSHENG_SANITIZED_BUILD
  GTEST_SKIP() << "full scale: optimised builds only";
#endif
  registry::testing::TestStore store;
  const std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                       ("minsheng-seed-figures-" + std::to_string(getpid()));
  auto synthesized = synth::Synthesize({"wudi", folder.string(), 1.0, 1});
  ASSERT_TRUE(synthesized.ok()) << synthesized.status().ToString();
  for (registry::FileKind kind : {registry::FileKind::kOrgs, registry::FileKind::kHouseholds,
                                  registry::FileKind::kPersons, registry::FileKind::kEnrollments}) {
    auto imported = registry::ImportFile(
        *store, kind, (folder / (std::string(registry::FileKindName(kind)) + ".csv")).string(),
        registry::testing::At(100));
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  }
  std::filesystem::remove_all(folder);

  const policy::Pack& pack = testing::WudiPack();
  const int variable = pack.VariableIndex("school_bus_subsidy");
  int64_t year_fen = 0, top_ups_fen = 0;
  for (int month = 1; month <= 12; ++month) {
    const Period period = Period::Month(2013, month);
    auto view = registry::RegistryView::Load(*store, {period.first_day(), period.last_day(), 100});
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    auto built = PopulationFromRegistry(pack, *view);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    engine::Engine engine(pack, built->population);
    auto subsidy = engine.Compute(variable, period);
    ASSERT_TRUE(subsidy.ok()) << subsidy.status().ToString();
    int64_t riders = 0;
    for (size_t row = 0; row < built->population.members.size(); ++row) {
      const int64_t fen = (*subsidy)->At(row);
      if (fen == 0) continue;
      ++riders;
      year_fen += fen;
      if (fen == 14000) top_ups_fen += 7000;
    }
    EXPECT_EQ(riders, 7400) << period;
  }
  RecordProperty("school_bus_2013_yuan", std::to_string(year_fen / 100));
  EXPECT_EQ(year_fen, int64_t{621'600'000} + top_ups_fen) << "7,400 × 70 × 12 plus the top-ups";
  EXPECT_GT(top_ups_fen, 0) << "some riders are of 低保 households";
  EXPECT_GE(year_fen, int64_t{600'000'000});
  EXPECT_LT(year_fen, int64_t{700'000'000}) << "600多万元: six million and more, not seven";
}

}  // namespace
}  // namespace minsheng::pay
