// Tests for applying clusters to the registry: two registry persons who are one human are
// merged — the merged one's enrollments end and are recorded for the one kept, its scheme
// ends, the registry as of before reads as it did — applying again records nothing, a bad
// file or a failing store changes nothing, accepted review pairs join clusters, and
// clusters without registry persons record their merges only.
#include "dedup/apply.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <map>
#include <string>
#include <vector>

#include "registry/testing.h"
#include "registry/view.h"
#include "store/faulty_store.h"

namespace minsheng::dedup {
namespace {

using registry::FileKind;
using registry::testing::At;
using registry::testing::CountRows;
using registry::testing::WudiId;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date D(const char* text) {
  return Date::Parse(text).value();
}

constexpr const char* kClustersHeader =
    "cluster,list,record_id,keep,resident_id,name,birth_date,weakest_probability\n";
constexpr const char* kTables[] = {
    "registry_imports",     "registry_persons",    "registry_households", "registry_orgs",
    "registry_enrollments", "registry_admissions", "registry_merges"};

class DedupApplyTest : public ::testing::Test {
 protected:
  void Import(FileKind kind, std::string text, int64_t at = 1'000) {
    auto summary = registry::ImportText(*store_, kind, std::move(text), "t.csv", At(at));
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  }
  // Zhang Wei is in the registry twice: once under his old 15-digit number (upgraded),
  // insured with the NCMS, and once under another number, insured with the URBMI. Li
  // Qiang is someone else.
  void SetUpRegistry() {
    Import(FileKind::kHouseholds,
           "household_id,region,village\nH1,371623101,东村\nH2,371623102,西村\n");
    Import(FileKind::kPersons, "resident_id,name,household_id,relation,scheme,income\n" +
                                   old_zhang_ + ",张伟,H1,head,ncms,1000\n" + zhang_ +
                                   ",张伟,H2,head,urbmi,1000\n" + li_ +
                                   ",李强,H2,other,ncms,800\n");
    Import(FileKind::kEnrollments,
           "program,person_id,household_id,valid_from,valid_until\n"
           "tekun," +
               zhang_a_ +
               ",,2012-01-01,\n"
               "tekun," +
               zhang_ +
               ",,2012-01-01,\n"
               "school_bus," +
               zhang_ +
               ",,2013-09-01,2014-06-30\n"
               "relief_case," +
               zhang_ +
               ",,2014-01-01,\n"
               "relief_case," +
               li_ + ",,2013-01-01,\n");
  }
  // Cluster 1: the two Zhang Weis (the upgraded one kept) and an NCMS list's record of
  // him; cluster 2: two list records of a person the registry does not hold.
  std::string Clusters() const {
    return std::string(kClustersHeader) + "1,registry," + zhang_a_ + ",true," + zhang_a_ +
           ",张伟,1980-01-01,0.995000\n"
           "1,ncms,N7,false," +
           zhang_a_ +
           ",张伟,1980-01-01,0.995000\n"
           "1,registry," +
           zhang_ + ",false," + zhang_ +
           ",张伟,1980-01-01,0.995000\n"
           "2,ncms,N9,true,,王芳,,0.991000\n"
           "2,urbmi,U3,false,,王芳,,0.991000\n";
  }
  Result<ApplySummary> Apply(std::string clusters,
                             std::optional<std::string> accepted = std::nullopt, int64_t at = 2'000,
                             const char* on = "2013-10-01") {
    MergeFiles files;
    files.clusters = std::move(clusters);
    files.accepted = std::move(accepted);
    return ApplyMergeFiles(*store_, files, {.on = D(on), .recorded_at = at});
  }
  ApplySummary ApplyOk(std::string clusters, std::optional<std::string> accepted = std::nullopt,
                       int64_t at = 2'000) {
    auto summary = Apply(std::move(clusters), std::move(accepted), at);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : ApplySummary{};
  }
  registry::RegistryView View(const char* first, const char* last,
                              int64_t recorded_at = INT64_MAX) {
    auto view = registry::RegistryView::Load(*store_, {D(first), D(last), recorded_at});
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? std::move(*view) : registry::RegistryView();
  }
  // The person's scheme in the view ("" none), or "absent".
  static std::string SchemeOf(const registry::RegistryView& view, const std::string& id) {
    const uint32_t person = view.person_ids().Find(id);
    return person == TextIndex::kNone ? "absent" : std::string(view.persons()[person].scheme);
  }
  // The person's enrollments in the view, "program/origin", sorted.
  static std::vector<std::string> EnrollmentsOf(const registry::RegistryView& view,
                                                const std::string& id) {
    const uint32_t person = view.person_ids().Find(id);
    std::vector<std::string> programs;
    if (person == TextIndex::kNone) return programs;
    for (uint32_t e : view.EnrollmentsOfPerson(person)) {
      programs.push_back(view.enrollments()[e].program + "/" + view.enrollments()[e].origin);
    }
    std::sort(programs.begin(), programs.end());
    return programs;
  }
  std::map<std::string, int64_t> Counts() {
    std::map<std::string, int64_t> counts;
    for (const char* table : kTables) counts[table] = CountRows(*store_, table);
    return counts;
  }

  registry::testing::TestStore store_;
  const std::string old_zhang_ = "371623800101001";  // 15 digits: upgraded on import
  const std::string zhang_a_ = UpgradeFifteenDigit(old_zhang_, D("2026-01-01")).value();
  const std::string zhang_ = WudiId("19800101", 21);
  const std::string li_ = WudiId("19500505", 31);
};

// The merged person's enrollments end the day before the merge (one starting later is
// withdrawn) and are recorded for the person kept, unless already held; the merged
// person's scheme ends; every merged record has its merge recorded, by one import.
TEST_F(DedupApplyTest, MergesPersonsMovesEnrollmentsAndEndsTheScheme) {
  SetUpRegistry();
  const ApplySummary summary = ApplyOk(Clusters());
  EXPECT_EQ(summary.clusters, 2);
  EXPECT_EQ(summary.merges_recorded, 3);
  EXPECT_EQ(summary.already_applied, 0);
  EXPECT_EQ(summary.persons_merged, 1);
  EXPECT_EQ(summary.enrollments_moved, 3) << "tekun, school_bus, relief_case";
  EXPECT_EQ(summary.enrollments_recorded, 2) << "the kept person holds tekun already";
  EXPECT_EQ(summary.schemes_ended, 1);
  EXPECT_EQ(summary.schemes_taken, 0);
  EXPECT_GT(summary.import_id, 0);

  registry::RegistryView october = View("2013-10-01", "2013-10-31");
  EXPECT_EQ(SchemeOf(october, zhang_), "") << "insured once, as the person kept";
  EXPECT_EQ(SchemeOf(october, zhang_a_), "ncms");
  EXPECT_THAT(EnrollmentsOf(october, zhang_), ElementsAre());
  EXPECT_THAT(EnrollmentsOf(october, zhang_a_), ElementsAre("school_bus/merge", "tekun/import"));
  registry::RegistryView january = View("2014-01-01", "2014-01-31");
  EXPECT_THAT(EnrollmentsOf(january, zhang_), ElementsAre()) << "the later enrollment is withdrawn";
  EXPECT_THAT(EnrollmentsOf(january, zhang_a_),
              ElementsAre("relief_case/merge", "school_bus/merge", "tekun/import"));
  EXPECT_THAT(EnrollmentsOf(january, li_), ElementsAre("relief_case/import"))
      << "someone else is untouched";
  EXPECT_EQ(SchemeOf(january, li_), "ncms");
  registry::RegistryView september = View("2013-09-01", "2013-09-30");
  EXPECT_EQ(SchemeOf(september, zhang_), "urbmi") << "history before the merge stays";
  EXPECT_THAT(EnrollmentsOf(september, zhang_), ElementsAre("school_bus/import", "tekun/import"));

  auto listing = ListMerges(*store_, {.person = old_zhang_, .limit = 10});
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->total, 2) << "found by the 15-digit number too";
  const RecordedMerge& newest = listing->merges.front();
  EXPECT_EQ(newest.cluster, "1");
  EXPECT_EQ(newest.kept_list + "/" + newest.kept_record, "registry/" + zhang_a_);
  EXPECT_EQ(newest.kept_person, zhang_a_);
  EXPECT_EQ(newest.merged_list + "/" + newest.merged_record, "registry/" + zhang_);
  EXPECT_EQ(newest.merged_person, zhang_);
  EXPECT_EQ(newest.valid_from, D("2013-10-01"));
  EXPECT_EQ(newest.recorded_at, 2'000);
  EXPECT_EQ(newest.import_id, summary.import_id);
  EXPECT_EQ(listing->merges.back().merged_record, "N7");

  auto import = (*store_).Prepare(
      "SELECT kind, file_name, rows, new_rows FROM registry_imports WHERE id = ?");
  ASSERT_TRUE(import.ok());
  (*import)->BindInt(1, summary.import_id);
  ASSERT_TRUE(*(*import)->Step());
  EXPECT_EQ((*import)->Text(0), "merges");
  EXPECT_EQ((*import)->Text(1), "clusters.csv");
  EXPECT_EQ((*import)->Int(2), 5) << "the clusters file's rows";
  EXPECT_EQ((*import)->Int(3), 3 + 3 + 2 + 1)
      << "merges, ended enrollments, moved ones, the person's new spell";
  (*import)->Reset();
}

// A view as of a time before the apply reads the registry exactly as before it.
TEST_F(DedupApplyTest, TheRegistryAsOfBeforeReadsAsItDid) {
  SetUpRegistry();
  for (const char* month : {"2013-10-01", "2014-01-01"}) {
    registry::RegistryView before = View(month, month, 1'500);
    ApplyOk(Clusters());
    registry::RegistryView again = View(month, month, 1'500);
    for (const std::string& id : {zhang_, zhang_a_, li_}) {
      EXPECT_EQ(SchemeOf(again, id), SchemeOf(before, id)) << id << " " << month;
      EXPECT_EQ(EnrollmentsOf(again, id), EnrollmentsOf(before, id)) << id << " " << month;
    }
    EXPECT_EQ(SchemeOf(before, zhang_), "urbmi");
    EXPECT_THAT(EnrollmentsOf(before, zhang_),
                ::testing::Contains(::testing::StartsWith("tekun/")));
  }
}

// The same folder again records nothing and says so; so does it a third time, later.
TEST_F(DedupApplyTest, ApplyingAgainRecordsNothing) {
  SetUpRegistry();
  ApplyOk(Clusters());
  const auto counts = Counts();
  for (int64_t at : {3'000, 4'000}) {
    const ApplySummary again = ApplyOk(Clusters(), std::nullopt, at);
    EXPECT_EQ(again.merges_recorded, 0);
    EXPECT_EQ(again.already_applied, 3);
    EXPECT_EQ(again.persons_merged, 0);
    EXPECT_EQ(again.enrollments_moved, 0);
    EXPECT_EQ(again.enrollments_recorded, 0);
    EXPECT_EQ(again.schemes_ended, 0);
    EXPECT_EQ(again.import_id, 0);
    EXPECT_EQ(Counts(), counts);
  }
}

// A file with a missing column, a cluster keeping two records or none, or a broken quote
// refuses the apply with file, row and column, and the store is as it was.
TEST_F(DedupApplyTest, ABadClustersFileChangesNothing) {
  SetUpRegistry();
  const auto counts = Counts();
  const std::string good_rows =
      "1,registry," + zhang_a_ + ",true," + zhang_a_ + ",张伟,1980-01-01,0.99\n";
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {"cluster,list,record_id,resident_id\n1,ncms,N1,\n",
       "clusters.csv: row 1: the required column 'keep' is missing"},
      {kClustersHeader + good_rows + "1,registry," + zhang_ + ",true," + zhang_ +
           ",张伟,1980-01-01,0.99\n",
       "clusters.csv: row 3: field 'keep': column 4: cluster 1 keeps a second record (the first in "
       "row 2); a cluster "
       "keeps one"},
      {kClustersHeader + good_rows + "2,ncms,N1,false,,王芳,,0.9\n2,urbmi,U1,false,,王芳,,0.9\n",
       "clusters.csv: row 3: field 'keep': column 4: cluster 2 keeps no record"},
      {kClustersHeader + good_rows + "1,ncms,\"N7,false,,张伟,1980-01-01,0.99\n",
       "clusters.csv: row 3: field 'record_id': column 3: a quoted field is never closed"},
      {kClustersHeader + good_rows + "1,ncms,N7,yes,,张伟,,0.99\n",
       "clusters.csv: row 3: field 'keep': column 4: keep is true or false; found 'yes'"},
      {kClustersHeader + good_rows + "1,ncms,N7,false,\n",
       "clusters.csv: row 3: expected 8 fields"},
      {kClustersHeader + good_rows + "1,registry," + zhang_a_ + ",false,,张伟,,0.99\n",
       "clusters.csv: row 3: field 'record_id': column 3: record registry/" + zhang_a_ +
           " again (first in row 2)"},
  };
  for (const auto& bad : cases) {
    auto applied = Apply(bad.text);
    ASSERT_FALSE(applied.ok()) << bad.text;
    EXPECT_THAT(applied.status().ToString(), HasSubstr(bad.error));
    EXPECT_THAT(applied.status().ToString(), HasSubstr("nothing was applied"));
    EXPECT_EQ(Counts(), counts) << bad.text;
  }
}

// A record of the list `registry` names a registry person: one the registry does not hold
// (a run against another registry) refuses the apply.
TEST_F(DedupApplyTest, ARegistryRecordTheRegistryDoesNotHoldIsRefused) {
  SetUpRegistry();
  const auto counts = Counts();
  const std::string stranger = WudiId("19900909", 41);
  auto applied = Apply(std::string(kClustersHeader) + "1,registry," + zhang_a_ +
                       ",true,,张伟,,0.99\n" + "1,registry," + stranger + ",false,,张伟,,0.99\n");
  ASSERT_FALSE(applied.ok());
  EXPECT_THAT(applied.status().ToString(),
              HasSubstr("clusters.csv: row 3: field 'record_id': column 3: no person '" + stranger +
                        "' in the registry"));
  EXPECT_EQ(Counts(), counts);
}

// Every write may fail (the Nth, for N = 1, 2, …): each failure leaves the store as it
// was, and the apply that finally succeeds records what a clean one does.
TEST_F(DedupApplyTest, AFailingStoreLeavesNothingHalfDone) {
  SetUpRegistry();
  const auto counts = Counts();
  int64_t fail_at = 1;
  for (; fail_at < 100; ++fail_at) {
    store::FaultyStore faulty(*store_, fail_at);
    MergeFiles files;
    files.clusters = Clusters();
    auto applied = ApplyMergeFiles(faulty, files, {.on = D("2013-10-01"), .recorded_at = 2'000});
    if (applied.ok()) {
      EXPECT_EQ(applied->merges_recorded, 3);
      EXPECT_EQ(applied->enrollments_moved, 3);
      break;
    }
    EXPECT_EQ(applied.status().code(), ErrorCode::kIo) << applied.status().ToString();
    EXPECT_EQ(Counts(), counts) << "fail at " << fail_at;
  }
  EXPECT_GT(fail_at, 10) << "every write counted";
  EXPECT_LT(fail_at, 100);
  EXPECT_THAT(EnrollmentsOf(View("2013-10-01", "2013-10-31"), zhang_a_),
              ElementsAre("school_bus/merge", "tekun/import"));
}

// An accepted review pair joins its records' clusters (keeping what the left record's
// cluster keeps), or makes a cluster of two records no cluster holds, keeping the left.
TEST_F(DedupApplyTest, AnAcceptedPairJoinsClusters) {
  SetUpRegistry();
  const std::string clusters = std::string(kClustersHeader) + "1,registry," + zhang_a_ + ",true," +
                               zhang_a_ +
                               ",张伟,1980-01-01,0.99\n"
                               "1,ncms,N7,false," +
                               zhang_a_ +
                               ",张伟,1980-01-01,0.99\n"
                               "2,urbmi,U5,true," +
                               zhang_ +
                               ",张伟,1980-01-01,0.99\n"
                               "2,registry," +
                               zhang_ + ",false," + zhang_ + ",张伟,1980-01-01,0.99\n";
  const std::string accepted =
      "reason,left_list,left_record,right_list,right_record,right_resident_id,probability\n"
      "uncertain,ncms,N7,urbmi,U5,,0.8\n"
      "uncertain,ncms,N30,urbmi,U31,,0.7\n";
  const ApplySummary summary = ApplyOk(clusters, accepted);
  EXPECT_EQ(summary.clusters, 2) << "1+2, and the new one";
  EXPECT_EQ(summary.merges_recorded, 4);
  EXPECT_EQ(summary.persons_merged, 1);
  EXPECT_EQ(SchemeOf(View("2013-10-01", "2013-10-31"), zhang_), "");
  auto listing = ListMerges(*store_, {.person = "", .limit = 10});
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  std::vector<std::string> merges;
  for (const RecordedMerge& m : listing->merges) {
    merges.push_back(m.cluster + ": " + m.merged_list + "/" + m.merged_record + " -> " +
                     m.kept_list + "/" + m.kept_record);
  }
  EXPECT_THAT(merges, ElementsAre("review:3: urbmi/U31 -> ncms/N30",
                                  "1+2: registry/" + zhang_ + " -> registry/" + zhang_a_,
                                  "1+2: urbmi/U5 -> registry/" + zhang_a_,
                                  "1+2: ncms/N7 -> registry/" + zhang_a_));

  auto bad = Apply(clusters, "left_list,left_record,right_list\nncms,N7,urbmi\n", 3'000);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().ToString(),
              HasSubstr("accepted.csv: row 1: the required column 'right_record' is missing"));
}

// A cluster naming no registry person records its merges and changes no person.
TEST_F(DedupApplyTest, AClusterWithoutRegistryPersonsRecordsMergesOnly) {
  SetUpRegistry();
  const auto counts = Counts();
  const ApplySummary summary =
      ApplyOk(std::string(kClustersHeader) + "7,ncms,N9,true," + WudiId("19700707", 51) +
              ",王芳,,0.99\n"
              "7,urbmi,U3,false,,王芳,,0.99\n"
              "7,nrcms,X1,false," +
              WudiId("19700707", 51) + ",王芳,,0.99\n");
  EXPECT_EQ(summary.clusters, 1);
  EXPECT_EQ(summary.merges_recorded, 2);
  EXPECT_EQ(summary.persons_merged, 0);
  EXPECT_EQ(summary.enrollments_moved, 0);
  auto after = Counts();
  EXPECT_EQ(after["registry_merges"], counts.at("registry_merges") + 2);
  EXPECT_EQ(after["registry_imports"], counts.at("registry_imports") + 1);
  EXPECT_EQ(after["registry_persons"], counts.at("registry_persons"));
  EXPECT_EQ(after["registry_enrollments"], counts.at("registry_enrollments"));
  auto listing = ListMerges(*store_, {.person = "", .limit = 10});
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->merges.front().kept_person, "");
  EXPECT_EQ(listing->merges.front().merged_person, "");
}

// A person kept without a scheme takes the merged person's: the human stays insured once.
// The merged person's later corrections (an income over some months) stay as recorded,
// without the scheme.
TEST_F(DedupApplyTest, AKeptPersonWithoutASchemeTakesTheMergedOnesAndCorrectionsStay) {
  Import(FileKind::kHouseholds, "household_id,region,village\nH1,371623101,东村\n");
  Import(FileKind::kPersons, "resident_id,name,household_id,relation,scheme,income\n" + zhang_a_ +
                                 ",张伟,H1,head,,1000\n" + zhang_ + ",张伟,H1,other,urbmi,1000\n");
  Import(FileKind::kPersons,
         "resident_id,name,household_id,relation,scheme,income,valid_from,valid_until\n" + zhang_ +
             ",张伟,H1,other,urbmi,500,2014-01-01,2014-03-31\n",
         1'200);
  const ApplySummary summary = ApplyOk(std::string(kClustersHeader) + "1,ncms,N1,true," + zhang_a_ +
                                       ",张伟,,0.99\n"
                                       "1,registry," +
                                       zhang_ + ",false," + zhang_ + ",张伟,,0.99\n");
  EXPECT_EQ(summary.schemes_taken, 1);
  EXPECT_EQ(summary.schemes_ended, 1);
  EXPECT_EQ(summary.persons_merged, 1);
  for (const char* day : {"2013-10-01", "2014-02-01", "2014-05-01"}) {
    registry::RegistryView view = View(day, day);
    EXPECT_EQ(SchemeOf(view, zhang_a_), "urbmi") << day;
    EXPECT_EQ(SchemeOf(view, zhang_), "") << day;
  }
  const auto income = [&](const char* day) {
    registry::RegistryView view = View(day, day);
    return view.persons()[view.person_ids().Find(zhang_)].income_fen;
  };
  EXPECT_EQ(income("2014-02-01"), 50000) << "the correction of some months stays";
  EXPECT_EQ(income("2014-05-01"), 100000);
  EXPECT_EQ(ApplyOk(std::string(kClustersHeader) + "1,ncms,N1,true," + zhang_a_ +
                        ",张伟,,0.99\n"
                        "1,registry," +
                        zhang_ + ",false," + zhang_ + ",张伟,,0.99\n",
                    std::nullopt, 3'000)
                .import_id,
            0);
}

// A person merged into one person is not merged into another, nor kept, by a later apply.
TEST_F(DedupApplyTest, APersonMergedBeforeIsNotMergedAgainElsewhere) {
  SetUpRegistry();
  ApplyOk(Clusters());
  const auto counts = Counts();
  auto applied = Apply(std::string(kClustersHeader) + "4,registry," + zhang_ +
                           ",true,,张伟,,0.99\n" + "4,registry," + li_ + ",false,,李强,,0.99\n",
                       std::nullopt, 3'000);
  ASSERT_FALSE(applied.ok());
  EXPECT_THAT(applied.status().ToString(),
              HasSubstr("cluster 4: person " + zhang_ + " was merged into " + zhang_a_ +
                        " from 2013-10-01"));
  EXPECT_EQ(Counts(), counts);
}

}  // namespace
}  // namespace minsheng::dedup
