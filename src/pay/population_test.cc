// Tests for the engine's population from the registry: persons grouped by household,
// roles from relations, registry variables filled, the rest defaulted, and the Wudi
// school-bus subsidy computed from it.
#include "pay/population.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "policy/loader.h"
#include "registry/import.h"
#include "registry/testing.h"

namespace minsheng::pay {
namespace {

using registry::FileKind;
using registry::testing::At;
using registry::testing::WudiId;

class PopulationTest : public ::testing::Test {
 protected:
  void Import(FileKind kind, std::string text) {
    auto summary = registry::ImportText(*store_, kind, std::move(text), "t.csv", At(100));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }
  registry::RegistryView View(const char* month_first, const char* month_last) {
    auto view = registry::RegistryView::Load(
        *store_, {Date::Parse(month_first).value(), Date::Parse(month_last).value(), 100});
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return std::move(*view);
  }
  void SetUpWudi() {
    Import(FileKind::kOrgs, "org_id,name,kind,level,region\n"
                            "hospital/1,水湾镇卫生院,hospital,township,371623101\n"
                            "hospital/2,无棣县人民医院,hospital,county,371623\n");
    // H2 is listed first but its persons come second: members must be regrouped.
    Import(FileKind::kHouseholds, "household_id,region\nH2,371623101\nH1,371623102\n");
    Import(FileKind::kPersons, "resident_id,name,household_id,relation,scheme,is_student,income\n" +
                                   father_ + ",张伟,H1,head,ncms,false,1000\n" +
                                   elder_ + ",李强,H2,head,,false,0\n" +
                                   child_ + ",张小红,H1,child,urbmi,true,0\n");
    Import(FileKind::kEnrollments, "program,person_id,household_id,valid_from\n"
                                   "school_bus," + child_ + ",,2012-09-01\n"
                                   "dibao,,H1,2013-02-01\n");
    Import(FileKind::kAdmissions,
           "admission_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost\n"
           "A1," + father_ + ",hospital/1,2013-03-01,2013-03-05,1500,1400\n"
           "A2," + father_ + ",hospital/2,2013-03-10,2013-03-20,9000,8000\n");
  }

  registry::testing::TestStore store_;
  const std::string father_ = WudiId("19800101", 11);
  const std::string elder_ = WudiId("19400505", 31);
  const std::string child_ = WudiId("20050303", 22);
};

TEST_F(PopulationTest, WudiSchoolBusAndTownshipCostFromTheRegistry) {
  SetUpWudi();
  auto pack = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  registry::RegistryView view = View("2013-03-01", "2013-03-31");
  auto built = PopulationFromRegistry(*pack, view);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const engine::Population& population = built->population;
  ASSERT_EQ(population.groups.size(), 2u);
  EXPECT_EQ(population.groups.ids()[0], "H2");
  EXPECT_EQ(population.member_begin, (std::vector<uint32_t>{0, 1, 3}));
  EXPECT_EQ(population.members.ids()[0], elder_);
  EXPECT_EQ(population.members.ids()[1], father_);
  EXPECT_EQ(population.members.ids()[2], child_);

  engine::Engine engine(*pack, population);
  const Period march = Period::Month(2013, 3);
  auto subsidy = engine.Compute(pack->VariableIndex("school_bus_subsidy"), march);
  ASSERT_TRUE(subsidy.ok()) << subsidy.status().ToString();
  // The child of a dibao household rides free: the whole 140-yuan fare.
  EXPECT_EQ((*subsidy)->At(2), 14000);
  EXPECT_EQ((*subsidy)->At(1), 0);
  auto reimbursement = engine.Compute(pack->VariableIndex("township_inpatient_reimbursement"), march);
  ASSERT_TRUE(reimbursement.ok()) << reimbursement.status().ToString();
  // Only the township admission counts: 1,400 compliant less the 200 deductible, at 100%.
  EXPECT_EQ((*reimbursement)->At(1), 120000);
  EXPECT_EQ((*reimbursement)->At(0), 0) << "uninsured";

  // In January the household was not yet on dibao: half the fare.
  registry::RegistryView january = View("2013-01-01", "2013-01-31");
  auto built_january = PopulationFromRegistry(*pack, january);
  ASSERT_TRUE(built_january.ok());
  engine::Engine engine_january(*pack, built_january->population);
  auto half = engine_january.Compute(pack->VariableIndex("school_bus_subsidy"), Period::Month(2013, 1));
  ASSERT_TRUE(half.ok());
  EXPECT_EQ((*half)->At(2), 7000);
}

// A year read once, its months taken one by one, gives what each month's own view gives:
// the dibao enrollment from February, the admissions of March, ages on the month's first
// day.
TEST_F(PopulationTest, AMonthOfAYearViewIsThatMonthsView) {
  SetUpWudi();
  auto pack = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  registry::RegistryView year = View("2013-01-01", "2013-12-31");
  // Built once for January and moved month by month, as a simulation does.
  auto moved = PopulationFromRegistry(*pack, year, Period::Month(2013, 1));
  ASSERT_TRUE(moved.ok());
  for (int month = 1; month <= 12; ++month) {
    const Period period = Period::Month(2013, month);
    auto from_year = PopulationFromRegistry(*pack, year, period);
    ASSERT_TRUE(from_year.ok()) << from_year.status().ToString();
    ASSERT_TRUE(RefillForPeriod(*pack, year, period, *moved).ok());
    registry::RegistryView own = View(period.first_day().ToString().c_str(), period.last_day().ToString().c_str());
    auto from_own = PopulationFromRegistry(*pack, own);
    ASSERT_TRUE(from_own.ok());
    engine::Engine engine_year(*pack, from_year->population), engine_own(*pack, from_own->population),
        engine_moved(*pack, moved->population);
    for (const char* name : {"school_bus_subsidy", "township_inpatient_reimbursement"}) {
      auto a = engine_year.Compute(pack->VariableIndex(name), period);
      auto b = engine_own.Compute(pack->VariableIndex(name), period);
      auto c = engine_moved.Compute(pack->VariableIndex(name), period);
      ASSERT_TRUE(a.ok() && b.ok() && c.ok()) << name;
      for (size_t row = 0; row < 3; ++row) {
        EXPECT_EQ((*a)->At(row), (*b)->At(row)) << name << " month " << month;
        EXPECT_EQ((*c)->At(row), (*b)->At(row)) << name << " month " << month << ", moved";
      }
    }
  }
  // The months' differences are there: half the fare in January, the whole in February.
  auto january = PopulationFromRegistry(*pack, year, Period::Month(2013, 1));
  auto february = PopulationFromRegistry(*pack, year, Period::Month(2013, 2));
  ASSERT_TRUE(january.ok() && february.ok());
  engine::Engine engine_january(*pack, january->population), engine_february(*pack, february->population);
  const int subsidy = pack->VariableIndex("school_bus_subsidy");
  EXPECT_EQ((*engine_january.Compute(subsidy, Period::Month(2013, 1)))->At(2), 7000);
  EXPECT_EQ((*engine_february.Compute(subsidy, Period::Month(2013, 2)))->At(2), 14000);
  // A month outside the view is refused.
  EXPECT_FALSE(PopulationFromRegistry(*pack, year, Period::Month(2014, 1)).ok());
  EXPECT_FALSE(RefillForPeriod(*pack, year, Period::Month(2014, 1), *moved).ok());
}

// A pack's registry inputs name the tables a view must read: Wudi's township cost reads
// the admissions and its school bus the enrollments; Zibo's settlement reads enrollments
// (dibao, tekun, poverty) and no admission. A view loaded without a table a pack reads is
// refused, never read as zeros.
TEST_F(PopulationTest, APackReadsTheTablesItsInputsComeFrom) {
  SetUpWudi();
  auto wudi = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013");
  auto zibo = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/zibo-2017");
  ASSERT_TRUE(wudi.ok() && zibo.ok());
  EXPECT_TRUE(TablesRead(*wudi).enrollments);
  EXPECT_TRUE(TablesRead(*wudi).admissions);
  EXPECT_TRUE(TablesRead(*zibo).enrollments);
  EXPECT_FALSE(TablesRead(*zibo).admissions);

  const registry::AsOf march{Date::Parse("2013-03-01").value(), Date::Parse("2013-03-31").value(), 100};
  auto lean = registry::RegistryView::Load(*store_, march, nullptr, {.enrollments = true, .admissions = false});
  ASSERT_TRUE(lean.ok()) << lean.status().ToString();
  auto refused = PopulationFromRegistry(*wudi, *lean);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("township_inpatient_cost"), std::string::npos)
      << refused.status().ToString();
}

}  // namespace
}  // namespace minsheng::pay
