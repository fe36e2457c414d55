// Tests for reading the registry as of a date and a recorded time: a correction overrides
// its months only, the view before it stays readable, facts end and are withdrawn, and
// enrollments and admissions are those of the period.
#include "registry/view.h"

#include <gtest/gtest.h>

#include "registry/testing.h"

namespace minsheng::registry {
namespace {

using testing::At;
using testing::WudiId;

Date D(const char* text) { return Date::Parse(text).value(); }

class ViewTest : public ::testing::Test {
 protected:
  void Import(FileKind kind, std::string text, int64_t at) {
    auto summary = ImportText(*store_, kind, std::move(text), "t.csv", At(at));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }
  RegistryView View(const char* first, const char* last, int64_t recorded_at) {
    auto view = RegistryView::Load(*store_, {D(first), D(last), recorded_at});
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? std::move(*view) : RegistryView();
  }
  // The income of the person with `id` in the view, or -1 when absent.
  static int64_t IncomeOf(const RegistryView& view, const std::string& id) {
    const uint32_t index = view.person_ids().Find(id);
    return index == TextIndex::kNone ? -1 : view.persons()[index].income_fen;
  }
  void SetUpPeople() {
    Import(FileKind::kHouseholds, "household_id,region,village\nH1,371623101,东村\nH2,371623102,西村\n", 100);
    Import(FileKind::kPersons, "resident_id,name,household_id,relation,income,valid_from\n" + zhang_ +
                                   ",张伟,H1,head,1000,2013-01-01\n" + li_ + ",李强,H2,head,800,\n",
           100);
  }

  testing::TestStore store_;
  const std::string zhang_ = WudiId("19800101", 11);
  const std::string li_ = WudiId("19500505", 31);
};

// A correction of March–May, recorded later, overrides those months only; the view as of
// before it still gives the old value.
TEST_F(ViewTest, ACorrectionOverridesItsMonthsAndTheOldViewStays) {
  SetUpPeople();
  Import(FileKind::kPersons, "resident_id,name,household_id,relation,income,valid_from,valid_until\n" +
                                 zhang_ + ",张伟,H1,head,500,2013-03-01,2013-05-31\n",
         200);
  EXPECT_EQ(IncomeOf(View("2013-04-01", "2013-04-30", 200), zhang_), 50000);
  EXPECT_EQ(IncomeOf(View("2013-04-01", "2013-04-30", 150), zhang_), 100000) << "as recorded before";
  EXPECT_EQ(IncomeOf(View("2013-07-01", "2013-07-31", 200), zhang_), 100000);
  EXPECT_EQ(IncomeOf(View("2012-12-01", "2012-12-31", 200), zhang_), -1) << "not yet resident";
  RegistryView view = View("2013-04-01", "2013-04-30", 200);
  const Person& zhang = view.persons()[view.person_ids().Find(zhang_)];
  EXPECT_EQ(zhang.region, "371623101") << "the household's region";
  EXPECT_EQ(zhang.version.recorded_at, 200);
  EXPECT_EQ(zhang.sex, Sex::kMale);
}

// A new version of the same spell (same valid_from) with an end closes it from then on.
TEST_F(ViewTest, ANewVersionOfASpellEndsIt) {
  SetUpPeople();
  Import(FileKind::kPersons, "resident_id,name,household_id,relation,income,valid_from,valid_until\n" +
                                 zhang_ + ",张伟,H1,head,1000,2013-01-01,2013-06-30\n",
         300);
  EXPECT_EQ(IncomeOf(View("2013-06-01", "2013-06-30", 300), zhang_), 100000);
  EXPECT_EQ(IncomeOf(View("2013-08-01", "2013-08-31", 300), zhang_), -1);
  EXPECT_EQ(IncomeOf(View("2013-08-01", "2013-08-31", 299), zhang_), 100000);
}

// Enrollments are those in force on some day of the period; one withdrawn (ending the
// day before it starts) is gone from then on, and still there as recorded before.
TEST_F(ViewTest, EnrollmentsOfThePeriodAndWithdrawal) {
  SetUpPeople();
  Import(FileKind::kEnrollments, "program,person_id,household_id,valid_from,valid_until\n"
                                 "dibao,,H2,2013-01-15,2013-06-10\n"
                                 "school_bus," + zhang_ + ",,2013-01-01,\n",
         400);
  EXPECT_EQ(View("2013-01-01", "2013-01-31", 400).enrollments().size(), 2u);
  EXPECT_EQ(View("2013-06-01", "2013-06-30", 400).enrollments().size(), 2u);
  RegistryView july = View("2013-07-01", "2013-07-31", 400);
  ASSERT_EQ(july.enrollments().size(), 1u);
  EXPECT_EQ(july.enrollments()[0].program, "school_bus");
  EXPECT_EQ(july.enrollments()[0].person, july.person_ids().Find(zhang_));
  EXPECT_EQ(july.EnrollmentsOfPerson(july.person_ids().Find(zhang_)).size(), 1u);
  EXPECT_TRUE(july.EnrollmentsOfHousehold(july.household_ids().Find("H2")).empty());
  RegistryView march = View("2013-03-01", "2013-03-31", 400);
  ASSERT_EQ(march.EnrollmentsOfHousehold(march.household_ids().Find("H2")).size(), 1u);
  EXPECT_EQ(march.enrollments()[march.EnrollmentsOfHousehold(march.household_ids().Find("H2"))[0]].program,
            "dibao");
  Import(FileKind::kEnrollments, "program,household_id,valid_from,valid_until\n"
                                 "dibao,H2,2013-01-15,2013-01-14\n",
         500);
  EXPECT_EQ(View("2013-03-01", "2013-03-31", 500).enrollments().size(), 1u);
  EXPECT_EQ(View("2013-03-01", "2013-03-31", 499).enrollments().size(), 2u);
}

// Admissions are those discharged in the period; a person whose household does not hold
// is left out and counted.
TEST_F(ViewTest, AdmissionsByDischargeAndPersonsWithoutAHousehold) {
  SetUpPeople();
  Import(FileKind::kOrgs, "org_id,name,kind,level,region\nhospital/1,水湾镇卫生院,hospital,township,371623101\n", 600);
  Import(FileKind::kAdmissions,
         "admission_id,person_id,hospital,admitted,discharged,total_cost\n"
         "A1," + li_ + ",hospital/1,2013-03-28,2013-04-02,1500\n"
         "A2," + li_ + ",hospital/1,2013-05-01,2013-05-03,900\n",
         600);
  RegistryView april = View("2013-04-01", "2013-04-30", 600);
  ASSERT_EQ(april.admissions().size(), 1u);
  EXPECT_EQ(april.admissions()[0].admission_id, "A1");
  EXPECT_EQ(april.admissions()[0].compliant_cost_fen, 150000);
  ASSERT_EQ(april.AdmissionsOf(april.person_ids().Find(li_)).size(), 1u);
  EXPECT_TRUE(april.AdmissionsOf(april.person_ids().Find(zhang_)).empty());
  ASSERT_NE(april.FindOrg("hospital/1"), nullptr);
  EXPECT_EQ(april.FindOrg("hospital/1")->level, "township");

  Import(FileKind::kHouseholds, "household_id,region,valid_until\nH2,371623102,2013-04-30\n", 700);
  // H2's first spell (valid from always) now ends in April: 李强 has no household in May.
  RegistryView may = View("2013-05-01", "2013-05-31", 700);
  EXPECT_EQ(may.persons_without_household(), 1);
  EXPECT_EQ(IncomeOf(may, li_), -1);
  EXPECT_TRUE(may.admissions().empty()) << "A2's patient is not in the view";
}

// Persons left out (born after the day, or without a household) and persons with several
// spells leave each kept person with its own id and record, in the order first recorded.
TEST_F(ViewTest, EachPersonKeepsItsOwnRecordWhenOthersAreLeftOut) {
  Import(FileKind::kHouseholds, "household_id,region,valid_until\nH1,371623101,\nH2,371623102,2013-02-28\n", 100);
  std::string persons = "resident_id,name,household_id,relation,income,valid_from,valid_until\n";
  // Income i yuan for the i-th person; the 3rd is born in 2014, the 5th lives in H2.
  const std::vector<std::string> births = {"19600101", "19610101", "20140101", "19630101",
                                           "19640101", "19650101", "19660101"};
  std::vector<std::string> ids;
  for (size_t i = 0; i < births.size(); ++i) {
    ids.push_back(WudiId(births[i], static_cast<int>(i) + 1));
    persons += ids.back() + ",某" + std::to_string(i) + "," + (i == 4 ? "H2" : "H1") + ",other," +
               std::to_string(i + 1) + ",,\n";
  }
  // The 2nd and 6th persons' incomes corrected from March on, recorded later.
  persons += ids[1] + ",某1,H1,other,200,2013-03-01,\n" + ids[5] + ",某5,H1,other,600,2013-03-01,\n";
  Import(FileKind::kPersons, persons, 200);
  RegistryView view = View("2013-04-01", "2013-04-30", 200);
  EXPECT_EQ(view.persons_without_household(), 1);
  const std::vector<std::pair<size_t, int64_t>> kept = {{0, 100}, {1, 20000}, {3, 400}, {5, 60000}, {6, 700}};
  ASSERT_EQ(view.persons().size(), kept.size());
  for (size_t row = 0; row < kept.size(); ++row) {
    EXPECT_EQ(view.person_ids()[static_cast<uint32_t>(row)], ids[kept[row].first]) << row;
    EXPECT_EQ(view.persons()[row].income_fen, kept[row].second) << row;
  }
  RegistryView january = View("2013-01-01", "2013-01-31", 200);
  ASSERT_EQ(january.persons().size(), 6u);
  EXPECT_EQ(IncomeOf(january, ids[1]), 200);
  EXPECT_EQ(IncomeOf(january, ids[4]), 500);
}

// A view of some persons holds each of them as the whole registry's view does, with their
// households only, and the admissions that are theirs in the end: one moved to another
// person by a correction is gone, one moved to them is there.
TEST_F(ViewTest, AViewOfSomePersonsHoldsThemAsTheWholeOneDoes) {
  SetUpPeople();
  Import(FileKind::kPersons, "resident_id,name,household_id,relation,income,valid_from\n" + li_ +
                                 ",李强,H2,head,900,2013-03-01\n",
         150);
  Import(FileKind::kOrgs, "org_id,name,kind,level,region\nhospital/1,水湾镇卫生院,hospital,township,371623101\n", 150);
  Import(FileKind::kAdmissions,
         "admission_id,person_id,hospital,admitted,discharged,total_cost\n"
         "A1," + li_ + ",hospital/1,2013-04-01,2013-04-02,1500\n"
         "A2," + li_ + ",hospital/1,2013-04-03,2013-04-05,900\n"
         "A3," + zhang_ + ",hospital/1,2013-04-06,2013-04-08,700\n",
         160);
  Import(FileKind::kAdmissions,
         "admission_id,person_id,hospital,admitted,discharged,total_cost\n"
         "A2," + zhang_ + ",hospital/1,2013-04-03,2013-04-05,900\n"
         "A3," + li_ + ",hospital/1,2013-04-06,2013-04-08,700\n",
         170);
  TextSet chosen;
  chosen.Insert(li_);
  auto some = RegistryView::Load(*store_, {D("2013-04-01"), D("2013-04-30"), 200}, &chosen);
  ASSERT_TRUE(some.ok()) << some.status().ToString();
  const RegistryView whole = View("2013-04-01", "2013-04-30", 200);
  ASSERT_EQ(some->persons().size(), 1u);
  EXPECT_EQ(some->person_ids()[0], li_);
  EXPECT_EQ(some->persons()[0].income_fen, 90000);
  EXPECT_EQ(some->persons()[0].income_fen, whole.persons()[whole.person_ids().Find(li_)].income_fen);
  EXPECT_EQ(some->persons()[0].region, "371623102");
  ASSERT_EQ(some->households().size(), 1u);
  EXPECT_EQ(some->household_ids()[0], "H2");
  std::vector<std::string> admissions;
  for (const Admission& admission : some->admissions()) admissions.push_back(admission.admission_id);
  EXPECT_EQ(admissions, (std::vector<std::string>{"A1", "A3"}));
  EXPECT_EQ(whole.admissions().size(), 3u);

  // Without its enrollments and admissions: the persons as before, those tables unread.
  auto lean = RegistryView::Load(*store_, {D("2013-04-01"), D("2013-04-30"), 200}, &chosen,
                                 {.enrollments = false, .admissions = false});
  ASSERT_TRUE(lean.ok()) << lean.status().ToString();
  EXPECT_FALSE(lean->tables().enrollments);
  EXPECT_FALSE(lean->tables().admissions);
  EXPECT_TRUE(some->tables().admissions);
  ASSERT_EQ(lean->persons().size(), 1u);
  EXPECT_EQ(lean->persons()[0].income_fen, 90000);
  EXPECT_TRUE(lean->admissions().empty());
  EXPECT_TRUE(lean->AdmissionsOf(0).empty());
  EXPECT_TRUE(lean->enrollments().empty());
}

// Everything a view holds, as text: to compare two views.
std::string Described(const RegistryView& view) {
  std::string text;
  for (uint32_t i = 0; i < view.persons().size(); ++i) {
    const Person& p = view.persons()[i];
    text += "person " + std::string(view.person_ids()[i]) + " " + std::to_string(p.income_fen) + " " +
            std::string(view.household_ids()[p.household]) + " " + std::string(p.region) + " " +
            std::string(p.relation) + " " + std::to_string(p.version.seq) + "\n";
  }
  for (uint32_t i = 0; i < view.households().size(); ++i) {
    text += "household " + std::string(view.household_ids()[i]) + " " + view.households()[i].region + "\n";
  }
  for (const Enrollment& e : view.enrollments()) {
    text += "enrollment " + e.program + " " + std::to_string(e.person) + " " + std::to_string(e.household) + "\n";
  }
  for (const Admission& a : view.admissions()) text += "admission " + a.admission_id + "\n";
  return text + "without household " + std::to_string(view.persons_without_household()) + "\n";
}

// Read in slices of two records, every other slice on a second connection, a view — whole
// or of some persons — holds what it holds read on one connection (inside the caller's
// transaction, which a second connection would not see): the same records, in the same
// order, corrections and all.
TEST_F(ViewTest, ReadOnTwoConnectionsItHoldsWhatItHoldsOnOne) {
  std::string households = "household_id,region,valid_until\n";
  for (int h = 0; h < 6; ++h) households += "H" + std::to_string(h) + ",37162310" + std::to_string(h) + ",\n";
  households += "H6,371623106,2013-02-28\n";  // H6 ends before April: its members are left out
  Import(FileKind::kHouseholds, households, 100);
  std::string persons = "resident_id,name,household_id,relation,income,valid_from\n";
  std::vector<std::string> ids;
  for (int i = 0; i < 13; ++i) {
    ids.push_back(WudiId("1960010" + std::to_string(1 + i % 9), 10 + i));
    persons += ids.back() + ",某,H" + std::to_string(i % 7) + ",other," + std::to_string(100 + i) + ",\n";
  }
  Import(FileKind::kPersons, persons, 100);
  Import(FileKind::kPersons, "resident_id,name,household_id,relation,income,valid_from\n" + ids[3] +
                                 ",某,H3,other,999,2013-03-01\n" + ids[8] + ",某,H2,other,555,2013-03-01\n",
         150);
  Import(FileKind::kEnrollments,
         "program,person_id,household_id,valid_from\ndibao,," + std::string("H2") + ",2013-01-01\ntekun," + ids[5] +
             ",,2013-01-01\n",
         160);
  const AsOf april{D("2013-04-01"), D("2013-04-30"), 200};
  const ReadSlices small{2, 1};
  TextSet some;
  for (int i : {1, 3, 6, 8, 12}) some.Insert(ids[static_cast<size_t>(i)]);
  for (const TextSet* chosen : std::vector<const TextSet*>{nullptr, &some}) {
    auto two = RegistryView::Load(*store_, april, chosen, {}, small);
    ASSERT_TRUE(two.ok()) << two.status().ToString();
    ASSERT_TRUE(store_->BeginRead().ok());
    auto one = RegistryView::Load(*store_, april, chosen, {}, small);
    ASSERT_TRUE(store_->Commit().ok());
    ASSERT_TRUE(one.ok()) << one.status().ToString();
    EXPECT_EQ(Described(*two), Described(*one));
    EXPECT_EQ(two->persons().size(), chosen == nullptr ? 12u : 4u) << Described(*two);  // not H6's
  }

  // Found through the index of resident IDs (their records read before their households)
  // or by reading every record's ID: the same view, on two connections or one, as of now
  // or as of before the corrections of ids[3] and ids[8].
  for (const int64_t recorded_at : {200, 120}) {
    const AsOf when{D("2013-04-01"), D("2013-04-30"), recorded_at};
    ReadSlices scanned = small, looked_up = small;
    scanned.lookup_share = 0;
    looked_up.lookup_share = 1;
    auto by_scan = RegistryView::Load(*store_, when, &some, {}, scanned);
    auto by_lookup = RegistryView::Load(*store_, when, &some, {}, looked_up);
    ASSERT_TRUE(store_->BeginRead().ok());
    auto by_lookup_alone = RegistryView::Load(*store_, when, &some, {}, looked_up);
    ASSERT_TRUE(store_->Commit().ok());
    ASSERT_TRUE(by_scan.ok() && by_lookup.ok() && by_lookup_alone.ok());
    EXPECT_EQ(Described(*by_lookup), Described(*by_scan)) << recorded_at;
    EXPECT_EQ(Described(*by_lookup_alone), Described(*by_scan)) << recorded_at;
    EXPECT_EQ(by_lookup->persons().size(), 4u);
    EXPECT_EQ(by_lookup->persons_without_household(), by_scan->persons_without_household());
    const uint32_t third = by_lookup->person_ids().Find(ids[3]);
    ASSERT_NE(third, TextIndex::kNone);
    EXPECT_EQ(by_lookup->persons()[third].income_fen, recorded_at == 200 ? 99900 : 10300);
  }
}

}  // namespace
}  // namespace minsheng::registry
