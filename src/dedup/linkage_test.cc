// The linkage end to end on generated lists with known truth (synth/dedup_lists.h):
// precision and recall over several seeds, each kind of noise found and explained (a test
// per kind), the same result on any number of threads, and the guard against chaining
// unlike records.
#include "dedup/linkage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "dedup/dedup.h"
#include "dedup/explain.h"
#include "synth/dedup_lists.h"

namespace minsheng::dedup {
namespace {

namespace fs = std::filesystem;

// Lists of `persons` persons, `rate` of them enrolled twice, in a fresh folder.
class GeneratedLists {
 public:
  GeneratedLists(int64_t persons, std::string_view rate, uint64_t seed) {
    folder_ = fs::temp_directory_path() /
              ("minsheng_dedup_" + std::to_string(::getpid()) + "_" + std::to_string(seed) + "_" +
               std::to_string(persons));
    synth::DedupListsOptions options;
    options.persons = persons;
    options.duplicate_rate = *Rate::Parse(rate);
    options.out_directory = folder_.string();
    options.seed = seed;
    auto written = synth::WriteDedupLists(options);
    EXPECT_TRUE(written.ok()) << written.status().ToString();
  }
  ~GeneratedLists() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  std::vector<std::string> lists() const {
    return {(folder_ / "ncms.csv").string(), (folder_ / "urbmi.csv").string()};
  }
  std::string truth() const { return (folder_ / "truth.csv").string(); }
  fs::path folder() const { return folder_; }

 private:
  fs::path folder_;
};

DedupOptions Options(int threads = 2) {
  DedupOptions options;
  options.today = *Date::FromYmd(2013, 12, 31);
  options.link.threads = threads;
  return options;
}

TEST(DedupLinkage, PrecisionAndRecallHoldOverSeveralSeeds) {
  for (uint64_t seed : {1, 2, 3, 4}) {
    GeneratedLists lists(20'000, "0.05", seed);
    DedupOptions options = Options();
    options.truth_path = lists.truth();
    auto run = RunDedup(lists.lists(), {}, options);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    ASSERT_TRUE(run->truth.has_value());
    EXPECT_EQ(run->truth->true_pairs, 1000) << "seed " << seed;
    EXPECT_GE(run->truth->precision, 0.995) << "seed " << seed;
    EXPECT_GE(run->truth->recall, 0.985) << "seed " << seed;
  }
}

// One kind of noise and the words its explanation must hold.
struct NoiseCase {
  const char* kind;
  const char* words;
};

// For each kind of noise: most duplicate pairs carrying it are found, and a found pair
// carrying it alone is explained in words that name what normalising or comparing made of
// it. One run of generated lists (20,000 persons, 8% enrolled twice) serves every kind.
class DedupNoise : public ::testing::TestWithParam<NoiseCase> {
 protected:
  static void SetUpTestSuite() {
    lists_ = new GeneratedLists(20'000, "0.08", 11);
    DedupOptions options = Options();
    options.truth_path = lists_->truth();
    auto run = RunDedup(lists_->lists(), {}, options);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    run_ = new DedupRun(std::move(*run));
    // Each person's records, and each record's noise, from the truth file.
    std::map<std::pair<std::string, std::string>, uint32_t> index;
    for (uint32_t i = 0; i < run_->records.size(); ++i) {
      index[{run_->lists[run_->records[i].list].name, std::string(run_->records[i].raw->record_id)}] = i;
    }
    std::ifstream truth(lists_->truth());
    std::string line;
    std::getline(truth, line);
    std::map<std::string, std::vector<uint32_t>> records_of_person;
    noise_of_ = new std::map<uint32_t, std::string>();
    while (std::getline(truth, line)) {
      const size_t a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
      const uint32_t record = index.at({line.substr(0, a), line.substr(a + 1, b - a - 1)});
      records_of_person[line.substr(b + 1, c - b - 1)].push_back(record);
      (*noise_of_)[record] = line.substr(c + 1);
    }
    pairs_ = new std::vector<std::pair<uint32_t, uint32_t>>();
    for (const auto& [person, records] : records_of_person) {
      if (records.size() == 2) pairs_->emplace_back(records[0], records[1]);
    }
  }
  static void TearDownTestSuite() {
    delete pairs_;
    delete noise_of_;
    delete run_;
    delete lists_;
  }

  static GeneratedLists* lists_;
  static DedupRun* run_;
  static std::map<uint32_t, std::string>* noise_of_;
  static std::vector<std::pair<uint32_t, uint32_t>>* pairs_;  // the true duplicate pairs
};
GeneratedLists* DedupNoise::lists_ = nullptr;
DedupRun* DedupNoise::run_ = nullptr;
std::map<uint32_t, std::string>* DedupNoise::noise_of_ = nullptr;
std::vector<std::pair<uint32_t, uint32_t>>* DedupNoise::pairs_ = nullptr;

TEST_P(DedupNoise, IsFoundAndExplained) {
  const NoiseCase& noise = GetParam();
  ASSERT_NE(run_, nullptr);
  bool counted = false;
  for (const NoiseRecall& recall : run_->truth->by_noise) {
    if (recall.noise != noise.kind) continue;
    counted = true;
    EXPECT_GT(recall.true_pairs, 20) << "too few pairs carry " << noise.kind;
    EXPECT_GE(recall.found * 100, recall.true_pairs * 95) << recall.found << " of " << recall.true_pairs;
  }
  EXPECT_TRUE(counted);

  std::vector<int64_t> cluster_of(run_->records.size(), -1);
  for (size_t c = 0; c < run_->linkage.clusters.size(); ++c) {
    for (uint32_t member : run_->linkage.clusters[c].members) cluster_of[member] = static_cast<int64_t>(c);
  }
  // A found pair whose only noise is this kind (background spacing aside).
  bool explained = false;
  for (const auto& [a, b] : *pairs_) {
    if (cluster_of[a] < 0 || cluster_of[a] != cluster_of[b]) continue;
    const std::string& first = noise_of_->at(a);
    const std::string& second = noise_of_->at(b);
    const std::string& noisy = first.empty() ? second : first;
    if (!(first.empty() || second.empty()) || noisy != noise.kind) continue;
    const std::string text = ExplanationText(
        ExplainPair(run_->records[a], run_->records[b], run_->linkage.ModelFor(a, b)));
    if (text.find(noise.words) != std::string::npos) {
      explained = true;
      break;
    }
  }
  EXPECT_TRUE(explained) << "no found pair with only " << noise.kind << " explained with '" << noise.words << "'";
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, DedupNoise,
    ::testing::Values(NoiseCase{"old_id", "15 digits upgraded"},
                      NoiseCase{"id_digit", "resident_id one_typo"},
                      NoiseCase{"id_transposed", "resident_id one_typo"},
                      NoiseCase{"missing_id", "resident_id missing"},
                      NoiseCase{"traditional", "traditional"},
                      NoiseCase{"homophone", "name homophone"},
                      NoiseCase{"name_spacing", "spaces or forms folded"},
                      NoiseCase{"birth_date_format", "typed"},
                      NoiseCase{"birth_date_typo", "differs from the ID"},
                      NoiseCase{"moved", "county different"}),
    [](const ::testing::TestParamInfo<NoiseCase>& info) { return std::string(info.param.kind); });

TEST(DedupLinkage, TheSameOnOneThreadAsOnTwo) {
  GeneratedLists lists(10'000, "0.05", 5);
  auto one = RunDedup(lists.lists(), {}, Options(1));
  auto two = RunDedup(lists.lists(), {}, Options(2));
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_EQ(one->linkage.clusters.size(), two->linkage.clusters.size());
  for (size_t c = 0; c < one->linkage.clusters.size(); ++c) {
    EXPECT_EQ(one->linkage.clusters[c].members, two->linkage.clusters[c].members);
  }
  EXPECT_EQ(one->linkage.candidate_pairs, two->linkage.candidate_pairs);
  EXPECT_EQ(DedupFiles(*one, Options(1))[1].text, DedupFiles(*two, Options(2))[1].text);  // pairs.csv
}

// A record that matches two persons whose IDs conflict — one by name and birth, the other
// by an ID one typo away: each link alone is a match, but one cluster would hold the two
// persons, so the weaker link goes to review.
TEST(DedupLinkage, AChainOfUnlikeRecordsIsRefusedAndReviewed) {
  GeneratedLists lists(5'000, "0.05", 7);
  const fs::path extra = lists.folder() / "extra.csv";
  {
    std::ofstream out(extra);
    out << "record_id,resident_id,name,sex,birth_date,region\n"
           "X1,370303198506120014,王建国,male,1985-06-12,370303\n"
           "X2,370303198506120080,王建国,male,1985-06-12,370303\n"
           "X3,370303198506120030,王建军,male,1985-06-12,370303\n";
  }
  std::vector<std::string> paths = lists.lists();
  paths.push_back(extra.string());
  auto run = RunDedup(paths, {}, Options());
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  uint32_t x1 = 0, x3 = 0;
  for (uint32_t i = 0; i < run->records.size(); ++i) {
    if (run->records[i].raw->record_id == "X1") x1 = i;
    if (run->records[i].raw->record_id == "X3") x3 = i;
  }
  for (const Cluster& cluster : run->linkage.clusters) {
    const bool has_x1 = std::count(cluster.members.begin(), cluster.members.end(), x1) > 0;
    const bool has_x3 = std::count(cluster.members.begin(), cluster.members.end(), x3) > 0;
    EXPECT_FALSE(has_x1 && has_x3) << "X1 and X3 hold two valid IDs: two persons";
  }
  bool chain_reviewed = false;
  for (const ReviewItem& item : run->linkage.review) {
    if (item.reason == ReviewReason::kChain &&
        ((item.worst_a == x1 && item.worst_b == x3) || (item.worst_a == x3 && item.worst_b == x1))) {
      chain_reviewed = true;
    }
  }
  EXPECT_TRUE(chain_reviewed);
}

TEST(DedupLinkage, TwoListsOfOneNameAreRefused) {
  GeneratedLists lists(1'000, "0.05", 3);
  auto run = RunDedup({lists.lists()[0], lists.lists()[0]}, {}, Options());
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.status().message().find("two lists are named 'ncms'"), std::string::npos);
}

}  // namespace
}  // namespace minsheng::dedup
