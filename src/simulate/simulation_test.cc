// Tests for Simulate: a small Wudi registry, a reform of three parameters from July 2013,
// and every figure of the comparison worked by hand below; the baseline's figures are the
// pack's own, whatever the reform; and the explanation of why a household gained.
#include "simulate/simulation.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "policy/loader.h"
#include "registry/import.h"
#include "registry/testing.h"
#include "report/html_testing.h"
#include "simulate/report_page.h"
#include "simulate/tables.h"

namespace minsheng::simulate {
namespace {

using registry::FileKind;
using registry::testing::At;
using registry::testing::WudiId;

const std::string kWudi = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";

// From July 2013: the township deductible for NCMS 200 → 100, the school-bus subsidy 70 →
// 80, the fare a dibao household's student rides for 140 → 130.
constexpr const char* kReform = R"(# 测试改革

> 自2013年7月1日起，新农合乡镇卫生院住院起付线下调为100元，校车补贴提高到每人每月80元，低保家庭学生全额承担标准调整为130元。

```minsheng
reform:
  id: july-2013
  title: {zh: 七月调整, en: July adjustment}
  from: 2013-07-01
parameters:
  ncms_township_deductible:
    unit: money
    values:
      2013-07-01: 100
  school_bus_subsidy_standard:
    unit: money
    values:
      2013-07-01: 80
  school_bus_fare:
    unit: money
    values:
      2013-07-01: 130
```
)";

class SimulationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = policy::LoadAndCheckPack(kWudi);
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    pack_ = std::move(pack).value();
    reform_path_ = (std::filesystem::temp_directory_path() /
                    ("minsheng-simulate-" + std::to_string(getpid()) + "-reform.md")).string();
    std::ofstream(reform_path_) << kReform;
    auto reform = policy::LoadReform(reform_path_);
    ASSERT_TRUE(reform.ok()) << reform.status().ToString();
    reform_ = std::move(reform).value();
    auto reformed = policy::ApplyReform(pack_, reform_);
    ASSERT_TRUE(reformed.ok()) << reformed.status().ToString();
    reformed_ = std::move(reformed).value();

    Import(FileKind::kOrgs, "org_id,name,kind,level,region\n"
                            "hospital/1,水湾镇卫生院,hospital,township,371623101\n"
                            "wudi_school_bus_company,无棣县校车公司,enterprise,,371623\n");
    Import(FileKind::kHouseholds, "household_id,region\nH1,371623101\nH2,371623102\nH3,371623102\n");
    Import(FileKind::kPersons, "resident_id,name,household_id,relation,scheme,is_student,income\n" +
                                   father_ + ",张伟,H1,head,ncms,false,1000\n" +
                                   child_ + ",张小红,H1,child,urbmi,true,0\n" +
                                   elder_ + ",李强,H2,head,,false,0\n" +
                                   mother_ + ",王芳,H3,head,ncms,false,3000\n" +
                                   pupil_ + ",王明,H3,child,ncms,true,0\n");
    Import(FileKind::kEnrollments, "program,person_id,household_id,valid_from\n"
                                   "school_bus," + child_ + ",,2012-09-01\n"
                                   "school_bus," + pupil_ + ",,2013-03-01\n"
                                   "dibao,,H1,2013-02-01\n");
    Import(FileKind::kAdmissions,
           "admission_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost\n"
           "A1," + father_ + ",hospital/1,2013-03-01,2013-03-05,1500,1400\n"
           "A2," + mother_ + ",hospital/1,2013-09-08,2013-09-10,180,150\n");
  }
  void TearDown() override { std::filesystem::remove(reform_path_); }

  void Import(FileKind kind, std::string text) {
    auto summary = registry::ImportText(*store_, kind, std::move(text), "t.csv", At(100));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }
  registry::RegistryView Year() {
    auto view = registry::RegistryView::Load(
        *store_, {Date::FromYmd(2013, 1, 1).value(), Date::FromYmd(2013, 12, 31).value(), 100});
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return std::move(*view);
  }
  static const ProgramResult& Program(const Simulation& s, const std::string& name) {
    for (const ProgramResult& p : s.programs) {
      if (p.program == name) return p;
    }
    ADD_FAILURE() << "no program " << name;
    return s.programs.front();
  }

  registry::testing::TestStore store_;
  policy::Pack pack_;
  std::string reform_path_;
  policy::Reform reform_;
  policy::ReformedPack reformed_;
  const std::string father_ = WudiId("19800101", 11);
  const std::string child_ = WudiId("20050303", 22);
  const std::string elder_ = WudiId("19400505", 31);
  const std::string mother_ = WudiId("19820202", 42);
  const std::string pupil_ = WudiId("20060606", 51);
};

// By hand, 2013 (yuan):
//   school bus — the child of H1 (dibao from February): January 70, February–December the
//   whole fare: baseline 140 × 11, reform 140 × 5 + 130 × 6. The pupil of H3 (riding from
//   March, not dibao): baseline 70 × 10, reform 70 × 4 + 80 × 6.
//     baseline 70 + 1,540 + 700 = 2,310; reform 70 + 700 + 780 + 280 + 480 = 2,310.
//   township — the father's stay in March (1,400 compliant, NCMS): 1,200 both (the reform
//   starts in July); the mother's in September (150): baseline 0 (below 200), reform 50.
//     baseline 1,200; reform 1,250.
//   households — H1: 2,810 → 2,750 (-60, a loss up to 100); H2: nothing; H3: 700 → 810
//   (+110, a gain of 100 to 1,000).
TEST_F(SimulationTest, CostsWinnersAndLosersAsWorkedByHand) {
  registry::RegistryView view = Year();
  SimulationOptions options;
  options.period = Period::Year(2013);
  options.sample = 0;
  int progress_calls = 0;
  options.progress = [&](int done, int total) {
    ++progress_calls;
    EXPECT_EQ(total, 12);
    EXPECT_EQ(done, progress_calls);
  };
  auto simulated = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_TRUE(simulated.ok()) << simulated.status().ToString();
  const Simulation& s = *simulated;
  EXPECT_EQ(progress_calls, 12);
  EXPECT_EQ(s.persons, 5);
  EXPECT_EQ(s.households, 3);

  const ProgramResult& bus = Program(s, "school_bus_subsidy");
  EXPECT_EQ(bus.cost_fen.baseline, 231000);
  EXPECT_EQ(bus.cost_fen.reform, 231000);
  EXPECT_EQ(bus.beneficiaries.baseline, 2);
  EXPECT_EQ(bus.beneficiaries.reform, 2);
  const ProgramResult& township = Program(s, "township_inpatient_reimbursement");
  EXPECT_EQ(township.cost_fen.baseline, 120000);
  EXPECT_EQ(township.cost_fen.reform, 125000);
  EXPECT_EQ(township.beneficiaries.baseline, 1);
  EXPECT_EQ(township.beneficiaries.reform, 2);
  EXPECT_EQ(s.total_cost_fen.baseline, 351000);
  EXPECT_EQ(s.total_cost_fen.reform, 356000);

  EXPECT_EQ(s.winners, 1);
  EXPECT_EQ(s.losers, 1);
  EXPECT_EQ(s.unchanged, 1);
  EXPECT_EQ(s.largest_gain_fen, 11000);
  EXPECT_EQ(s.largest_loss_fen, -6000);
  ASSERT_EQ(s.distribution.size(), 8u);
  for (const ChangeBand& band : s.distribution) {
    const int64_t expected = band.label_en == "loss up to 100" || band.label_en == "gain 100 to 1,000" ? 1 : 0;
    EXPECT_EQ(band.households, expected) << band.label_en;
  }
  EXPECT_EQ(s.distribution[3].change_fen, -6000);
  EXPECT_EQ(s.distribution[5].change_fen, 11000);

  ASSERT_EQ(s.by_county.size(), 1u);
  EXPECT_EQ(s.by_county[0].key, "371623");
  EXPECT_EQ(s.by_county[0].label, "无棣县");
  EXPECT_EQ(s.by_county[0].households, 3);
  EXPECT_EQ(s.by_county[0].cost_fen.reform, 356000);
  ASSERT_EQ(s.by_region.size(), 2u);
  EXPECT_EQ(s.by_region[0].key, "371623101");
  EXPECT_EQ(s.by_region[0].label, "水湾镇");
  EXPECT_EQ(s.by_region[0].cost_fen.baseline, 281000);
  EXPECT_EQ(s.by_region[0].losers, 1);
  EXPECT_EQ(s.by_region[1].households, 2);
  EXPECT_EQ(s.by_region[1].persons, 3);
  EXPECT_EQ(s.by_region[1].cost_fen.reform, 81000);
  EXPECT_EQ(s.by_region[1].winners, 1);

  // Income per member: H2 0, H1 500, H3 1,500; three households fall in deciles 4, 7 and 10.
  ASSERT_EQ(s.by_decile.size(), 10u);
  EXPECT_EQ(s.by_decile[3].households, 1);
  EXPECT_EQ(s.by_decile[3].cost_fen.baseline, 0);
  EXPECT_EQ(s.by_decile[6].losers, 1);
  EXPECT_EQ(s.by_decile[9].winners, 1);
  EXPECT_EQ(s.by_decile[9].cost_fen.reform, 81000);
  EXPECT_EQ(s.by_decile[0].households, 0);
}

// The baseline's figures are what the pack alone gives, and a reform that changes nothing
// changes no figure: the reform never reaches the baseline's parameters or cache.
TEST_F(SimulationTest, TheBaselineIsThePacksAlone) {
  registry::RegistryView view = Year();
  SimulationOptions options;
  options.sample = 0;
  auto same = policy::ApplyReform(pack_, reform_);
  ASSERT_TRUE(same.ok());
  // The baseline against itself, as a "reform" of the baseline pack.
  policy::ReformedPack itself{pack_, {}};
  auto unchanged = Simulate(pack_, reform_, itself, view, options);
  auto reformed = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_TRUE(unchanged.ok() && reformed.ok());
  EXPECT_EQ(unchanged->total_cost_fen.baseline, reformed->total_cost_fen.baseline);
  EXPECT_EQ(unchanged->total_cost_fen.reform, unchanged->total_cost_fen.baseline);
  EXPECT_EQ(unchanged->winners + unchanged->losers, 0);
  EXPECT_EQ(pack_.FindParameter("school_bus_fare")->ValueAt(Date::FromYmd(2013, 8, 1).value())->raw, 14000);
}

TEST_F(SimulationTest, ExplainsWhyAHouseholdGained) {
  registry::RegistryView view = Year();
  SimulationOptions options;
  options.sample = 0;
  options.explain_households = {"H3"};
  auto simulated = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_TRUE(simulated.ok()) << simulated.status().ToString();
  ASSERT_EQ(simulated->explained.size(), 1u);
  const HouseholdWhy& why = simulated->explained[0];
  EXPECT_EQ(why.household_id, "H3");
  EXPECT_EQ(why.amount_fen.baseline, 70000);
  EXPECT_EQ(why.amount_fen.reform, 81000);
  // July is the first month H3's amounts differ: the pupil's subsidy, 70 → 80.
  ASSERT_EQ(why.items.size(), 1u);
  const HouseholdWhy::Item& item = why.items[0];
  EXPECT_EQ(item.program, "school_bus_subsidy");
  EXPECT_EQ(item.member_id, pupil_);
  EXPECT_EQ(item.month, Period::Month(2013, 7));
  EXPECT_EQ(item.amount_fen.baseline, 7000);
  EXPECT_EQ(item.amount_fen.reform, 8000);
  ASSERT_EQ(item.differences.size(), 1u);
  const TreeDifference& difference = item.differences[0];
  EXPECT_EQ(difference.kind, TreeDifference::Kind::kParameter);
  EXPECT_EQ(difference.baseline_text, "p.school_bus_subsidy_standard");
  EXPECT_EQ(difference.baseline_value, "¥70.00");
  EXPECT_EQ(difference.reform_value, "¥80.00");
  EXPECT_NE(difference.source_quote.find("80元"), std::string::npos);
  EXPECT_EQ(difference.path, "school_bus_subsidy");

  // A sample takes the changed households (H1, H3), evenly; an unknown household is an error.
  options.explain_households = {};
  options.sample = 5;
  auto sampled = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_TRUE(sampled.ok());
  ASSERT_EQ(sampled->explained.size(), 2u);
  EXPECT_EQ(sampled->explained[0].household_id, "H1");
  options.explain_households = {"H9"};
  auto unknown = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("household 'H9'"), std::string::npos);
}

TEST_F(SimulationTest, TablesAndJsonCarryTheSameFigures) {
  registry::RegistryView view = Year();
  SimulationOptions options;
  options.sample = 0;
  options.explain_households = {"H3"};
  auto simulated = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_TRUE(simulated.ok());
  const std::vector<Table> tables = SimulationTables(*simulated);
  ASSERT_EQ(tables.size(), 6u);
  EXPECT_EQ(TableCsv(tables[0]),
            "program,title_zh,title_en,baseline,reform,change,beneficiaries_baseline,beneficiaries_reform\n"
            "school_bus_subsidy,校车乘车补贴,School-bus fare subsidy,2310.00,2310.00,0.00,2,2\n"
            "township_inpatient_reimbursement,乡镇卫生院住院报销,Township-hospital inpatient reimbursement,"
            "1200.00,1250.00,50.00,1,2\n"
            "total,合计,Total,3510.00,3560.00,50.00,,\n");
  EXPECT_EQ(tables[1].rows[0], (std::vector<std::string>{"unchanged", "不变", "0.00", "0.00", "1", "0.00"}));
  // The explanation names the pupil by a masked ID only.
  ASSERT_EQ(tables[5].rows.size(), 1u);
  EXPECT_EQ(tables[5].rows[0][4].find(pupil_), std::string::npos);
  const std::string json = SimulationJson(*simulated);
  EXPECT_NE(json.find("\"total_cost\": {\n    \"baseline\": \"3510.00\",\n    \"reform\": \"3560.00\""),
            std::string::npos)
      << json;
  EXPECT_EQ(json.find(pupil_), std::string::npos);
  // The page: well nested, self-contained, its figures exact, no ID number.
  const std::string html = RenderSimulationHtml(*simulated, "test registry");
  EXPECT_EQ(report::testing::NestingProblem(html), "");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("¥3,510.00 → ¥3,560.00 (+¥50.00)"), std::string::npos);
  EXPECT_NE(html.find("p.school_bus_subsidy_standard"), std::string::npos);
  EXPECT_EQ(html.find(pupil_), std::string::npos);
}

// A yearly program is computed once for the year, from the year's admissions: the father's
// stay of March (1,400 compliant) and the mother's of September (150), at 10% in the
// baseline and 20% under the reform: 140 + 15 → 280 + 30 (counted for each month, it
// would be twelve times that).
TEST_F(SimulationTest, AYearlyProgramCountsOncePerYear) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                       ("minsheng-simulate-yearly-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder / "reforms");
  std::ofstream(folder / "pack.md") << "```minsheng\npack: {id: yearly, name: {zh: 年, en: Yearly}, region: \"371623\"}\n```\n";
  std::ofstream(folder / "rules.md") << R"(> 按年度住院费用的一成给予救助。

```minsheng
variables:
  inpatient_cost: {entity: person, period: year, type: money, input: true}
  yearly_help: {entity: person, period: year, type: money, formula: inpatient_cost * p.help_ratio}
parameters:
  help_ratio: {unit: rate, values: {2013-01-01: 10%}}
programs:
  yearly_help: {variable: yearly_help, title: {zh: 年度救助, en: Yearly help}, payer: fund/help/county, payee: person}
```
)";
  std::ofstream(folder / "reforms" / "double.md") << R"(> 救助比例提高到两成。

```minsheng
reform: {id: double, title: {zh: 加倍, en: Doubled}, from: 2013-01-01}
parameters:
  help_ratio: {unit: rate, values: {2013-01-01: 20%}}
```
)";
  auto pack = policy::LoadAndCheckPack(folder.string());
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  auto reform = policy::LoadReform((folder / "reforms" / "double.md").string());
  ASSERT_TRUE(reform.ok()) << reform.status().ToString();
  auto reformed = policy::ApplyReform(*pack, *reform);
  ASSERT_TRUE(reformed.ok()) << reformed.status().ToString();
  registry::RegistryView view = Year();
  SimulationOptions options;
  options.explain_households = {"H1"};
  auto simulated = Simulate(*pack, *reform, *reformed, view, options);
  ASSERT_TRUE(simulated.ok()) << simulated.status().ToString();
  EXPECT_EQ(simulated->total_cost_fen.baseline, 15500);
  EXPECT_EQ(simulated->total_cost_fen.reform, 31000);
  EXPECT_EQ(simulated->programs[0].beneficiaries.reform, 2);
  ASSERT_EQ(simulated->explained.size(), 2u);  // H1 asked for, and H3 sampled (H1 again not twice)
  ASSERT_EQ(simulated->explained[0].items.size(), 1u);
  EXPECT_EQ(simulated->explained[0].items[0].month, Period::Year(2013));
  EXPECT_EQ(simulated->explained[0].items[0].amount_fen.reform, 28000);
  // A period without a whole year cannot hold a yearly program.
  options.period = Period::Month(2013, 3);
  auto march = Simulate(*pack, *reform, *reformed, view, options);
  ASSERT_FALSE(march.ok());
  EXPECT_NE(march.status().message().find("holds no whole year"), std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST_F(SimulationTest, AViewThatDoesNotCoverThePeriodIsRefused) {
  registry::RegistryView view = Year();
  SimulationOptions options;
  options.period = Period::Year(2014);
  auto simulated = Simulate(pack_, reform_, reformed_, view, options);
  ASSERT_FALSE(simulated.ok());
  EXPECT_NE(simulated.status().message().find("does not cover the period 2014"), std::string::npos);
}

}  // namespace
}  // namespace minsheng::simulate
