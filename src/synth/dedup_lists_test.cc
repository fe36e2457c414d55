// Tests for WriteDedupLists and its parts: the counts are exact (records, duplicates, across
// and within the lists); the files are the same bytes for the same seed and differ for
// another; every noise kind does what truth.csv says, read back from the written fields;
// the first record of a pair is clean; twins and namesakes exist and stay distinguishable;
// bad options fail; the name-variant tables are consistent.
#include "synth/dedup_lists.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/resident_id.h"
#include "synth/dedup_persons.h"
#include "synth/name_variants.h"
#include "synth/names.h"

namespace minsheng::synth {
namespace {

using Fields = std::vector<std::string>;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rows of a file without its header; no field of these files needs quoting (asserted:
// no quote character anywhere).
std::vector<Fields> ReadRows(const std::filesystem::path& path, std::string_view header) {
  const std::string text = ReadFile(path);
  EXPECT_EQ(text.find('"'), std::string::npos) << path;
  std::vector<Fields> rows;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, header) << path;
  while (std::getline(lines, line)) {
    Fields fields;
    size_t start = 0;
    for (size_t comma = line.find(','); comma != std::string::npos; comma = line.find(',', start)) {
      fields.push_back(line.substr(start, comma - start));
      start = comma + 1;
    }
    fields.push_back(line.substr(start));
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::filesystem::path TemporaryFolder(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("minsheng_dedup_lists_" + name + "_" + std::to_string(::getpid()));
}

Rate ParsedRate(std::string_view text) {
  Result<Rate> rate = Rate::Parse(text);
  EXPECT_TRUE(rate.ok()) << text;
  return rate.ok() ? *rate : Rate::Zero();
}

// One written record with what truth.csv says of it.
struct Record {
  std::string list;  // "ncms", "urbmi"
  std::string record_id;
  std::string resident_id;
  std::string name;
  std::string sex;
  std::string birth_date;
  std::string region;
  std::string person;
  std::set<std::string> noise;
};

std::set<std::string> SplitNoise(const std::string& text) {
  std::set<std::string> kinds;
  std::istringstream parts(text);
  std::string kind;
  while (std::getline(parts, kind, ';')) kinds.insert(kind);
  return kinds;
}

// The name without the spacing name_spacing inserts (an ASCII or a full-width space).
std::string Unspaced(std::string name) {
  for (const std::string_view space : {std::string_view(" "), std::string_view("\u3000")}) {
    for (size_t at = name.find(space); at != std::string::npos; at = name.find(space)) {
      name.erase(at, space.size());
    }
  }
  return name;
}

// A birth date in any of the forms the lists write: 1980-03-05, 1980/3/5, 19800305,
// 1980年3月5日, 1980.03.05.
std::optional<Date> ParseAnyDate(const std::string& text) {
  int year = 0;
  int month = 0;
  int day = 0;
  char rest = 0;
  const bool parsed =
      std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3 ||
      std::sscanf(text.c_str(), "%4d/%2d/%2d%c", &year, &month, &day, &rest) == 3 ||
      std::sscanf(text.c_str(), "%4d.%2d.%2d%c", &year, &month, &day, &rest) == 3 ||
      std::sscanf(text.c_str(), "%4d年%2d月%2d日%c", &year, &month, &day, &rest) == 3 ||
      (text.size() == 8 && std::sscanf(text.c_str(), "%4d%2d%2d", &year, &month, &day) == 3);
  if (!parsed) return std::nullopt;
  Result<Date> date = Date::FromYmd(year, month, day);
  if (!date.ok()) return std::nullopt;
  return *date;
}

constexpr int64_t kPersons = 20'000;
constexpr std::string_view kRate = "0.5";
constexpr uint64_t kSeed = 7;

// One run shared by the tests that read the files: 20,000 persons, half of them enrolled
// twice, so that every noise kind occurs hundreds of times.
class DedupListsFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = TemporaryFolder("shared");
    std::filesystem::remove_all(directory_);
    Result<DedupListsSummary> written =
        WriteDedupLists(DedupListsOptions{.persons = kPersons,
                                          .duplicate_rate = ParsedRate(kRate),
                                          .out_directory = directory_.string(),
                                          .seed = kSeed});
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    summary_ = new DedupListsSummary(*written);
    records_ = new std::vector<Record>();
    const std::string list_header = "record_id,resident_id,name,sex,birth_date,region";
    std::map<std::pair<std::string, std::string>, Record> by_id;
    for (const std::string list : {"ncms", "urbmi"}) {
      for (const Fields& row : ReadRows(directory_ / (list + ".csv"), list_header)) {
        EXPECT_EQ(row.size(), 6u);
        if (row.size() != 6) continue;
        const Record record{.list = list,
                            .record_id = row[0],
                            .resident_id = row[1],
                            .name = row[2],
                            .sex = row[3],
                            .birth_date = row[4],
                            .region = row[5],
                            .person = {},
                            .noise = {}};
        EXPECT_TRUE(by_id.emplace(std::pair(list, row[0]), record).second) << row[0];
      }
    }
    truth_rows_ = 0;
    for (const Fields& row : ReadRows(directory_ / "truth.csv", "list,record_id,person,noise")) {
      ++truth_rows_;
      ASSERT_EQ(row.size(), 4u);
      const auto found = by_id.find(std::pair(row[0], row[1]));
      ASSERT_NE(found, by_id.end()) << row[0] << " " << row[1];
      EXPECT_TRUE(found->second.person.empty()) << "twice in truth: " << row[1];
      found->second.person = row[2];
      found->second.noise = SplitNoise(row[3]);
    }
    for (auto& [key, record] : by_id) records_->push_back(std::move(record));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(directory_);
    delete records_;
    delete summary_;
  }

  // Every person's records.
  static std::map<std::string, std::vector<const Record*>> ByPerson() {
    std::map<std::string, std::vector<const Record*>> persons;
    for (const Record& record : *records_) persons[record.person].push_back(&record);
    return persons;
  }

  // (duplicate, original) for every pair whose duplicate carries `kind`: the original is the
  // record that does not (it is clean but for background name_spacing).
  static std::vector<std::pair<const Record*, const Record*>> PairsWith(const std::string& kind) {
    std::vector<std::pair<const Record*, const Record*>> pairs;
    for (const auto& [person, records] : ByPerson()) {
      if (records.size() != 2) continue;
      for (int d = 0; d < 2; ++d) {
        if (records[d]->noise.contains(kind)) pairs.emplace_back(records[d], records[1 - d]);
      }
    }
    return pairs;
  }

  static Date TrueBirthDate(const Record& original) {
    Result<ResidentId> id = ResidentId::Parse(original.resident_id);
    EXPECT_TRUE(id.ok()) << original.resident_id;
    return id.ok() ? id->birth_date() : Date();
  }

  static inline std::filesystem::path directory_;
  static inline DedupListsSummary* summary_ = nullptr;
  static inline std::vector<Record>* records_ = nullptr;
  static inline int64_t truth_rows_ = 0;
};

TEST(DedupListsCount, DuplicatesAreThePersonsTimesTheRateRoundedExactly) {
  // Proves the count of duplicates is persons × rate in exact decimal arithmetic, halves up.
  EXPECT_EQ(DuplicateCount(2'885'000, ParsedRate("0.04")), 115'400);
  EXPECT_EQ(DuplicateCount(1'000'000, ParsedRate("0.0369")), 36'900);
  EXPECT_EQ(DuplicateCount(1'000, ParsedRate("0.0369")), 37);  // 36.9
  EXPECT_EQ(DuplicateCount(10, ParsedRate("0.05")), 1);        // 0.5, half up
  EXPECT_EQ(DuplicateCount(10, ParsedRate("0.04")), 0);        // 0.4
  EXPECT_EQ(DuplicateCount(3, ParsedRate("0.1")), 0);
  EXPECT_EQ(DuplicateCount(49'999'999, ParsedRate("0.000000001")), 0);
  EXPECT_EQ(DuplicateCount(50'000'000, ParsedRate("0.000000001")), 0);  // 0.05
  EXPECT_EQ(DuplicateCount(50'000'000, ParsedRate("0.00000001")), 1);   // 0.5
  EXPECT_EQ(DuplicateCount(50'000'000, Rate::One()), 50'000'000);
  EXPECT_EQ(DuplicateCount(7, Rate::Zero()), 0);
  EXPECT_EQ(AcrossListsCount(115'400), 92'320);
  EXPECT_EQ(AcrossListsCount(1), 1);  // 0.8
  EXPECT_EQ(AcrossListsCount(3), 2);  // 2.4
}

TEST_F(DedupListsFiles, CountsAreExact) {
  // Proves the lists hold N + D records, truth.csv names each once, exactly D persons have
  // two records, exactly the across-lists count have one in each list, and the summary
  // says so.
  const int64_t duplicates = DuplicateCount(kPersons, ParsedRate(kRate));
  ASSERT_EQ(summary_->files.size(), 3u);
  EXPECT_EQ(summary_->files[0].name, "ncms.csv");
  EXPECT_EQ(summary_->files[1].name, "urbmi.csv");
  EXPECT_EQ(summary_->files[2].name, "truth.csv");
  EXPECT_EQ(summary_->files[0].rows + summary_->files[1].rows, kPersons + duplicates);
  EXPECT_EQ(summary_->files[2].rows, kPersons + duplicates);
  EXPECT_EQ(static_cast<int64_t>(records_->size()), kPersons + duplicates);
  EXPECT_EQ(truth_rows_, kPersons + duplicates);
  int64_t twice = 0;
  int64_t across = 0;
  for (const auto& [person, records] : ByPerson()) {
    ASSERT_FALSE(person.empty()) << "a record missing from truth.csv";
    ASSERT_LE(records.size(), 2u) << person;
    if (records.size() < 2) continue;
    ++twice;
    if (records[0]->list != records[1]->list) ++across;
  }
  EXPECT_EQ(static_cast<int64_t>(ByPerson().size()), kPersons);
  EXPECT_EQ(twice, duplicates);
  EXPECT_EQ(across, AcrossListsCount(duplicates));
  EXPECT_EQ(summary_->duplicates, duplicates);
  EXPECT_EQ(summary_->across_lists, across);
  EXPECT_EQ(summary_->within_list, duplicates - across);
  // About 56% of persons have urbmi as their home list: those enrolled once show it.
  int64_t singles = 0;
  int64_t urbmi_singles = 0;
  for (const auto& [person, records] : ByPerson()) {
    if (records.size() != 1) continue;
    ++singles;
    urbmi_singles += records[0]->list == "urbmi" ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(urbmi_singles) / static_cast<double>(singles), 0.56, 0.02);
}

TEST_F(DedupListsFiles, NoiseCountsMatchTruth) {
  // Proves the summary's count of each kind is the number of records truth.csv gives it.
  for (size_t k = 0; k < kNoiseKindCount; ++k) {
    const std::string id(NoiseKinds()[k].id);
    const auto count = std::count_if(records_->begin(), records_->end(),
                                     [&](const Record& r) { return r.noise.contains(id); });
    EXPECT_EQ(summary_->noise[k], count) << id;
    EXPECT_GT(count, 100) << id;
  }
}

TEST_F(DedupListsFiles, FieldsAreWrittenAsEachSystemDoes) {
  // Proves ncms writes male/female and every birth date as YYYY-MM-DD (unless retyped),
  // urbmi writes 男/女 and leaves out about 30% of birth dates where the ID holds one, but
  // never when the ID is missing; record ids are numbered in order; regions are Zibo's.
  std::set<std::string> regions;
  for (size_t d = 0; d < DedupDistrictCount(); ++d) regions.emplace(DedupDistrictCode(d));
  int64_t urbmi_with_id = 0;
  int64_t urbmi_left_out = 0;
  for (const Record& record : *records_) {
    EXPECT_TRUE(regions.contains(record.region)) << record.region;
    const bool retyped = record.noise.contains("birth_date_format");
    if (record.list == "ncms") {
      EXPECT_TRUE(record.sex == "male" || record.sex == "female") << record.sex;
      EXPECT_TRUE(record.record_id.starts_with("NCMS-")) << record.record_id;
      if (!retyped) {
        EXPECT_TRUE(Date::Parse(record.birth_date).ok()) << record.birth_date;
      }
    } else {
      EXPECT_TRUE(record.sex == "男" || record.sex == "女") << record.sex;
      EXPECT_TRUE(record.record_id.starts_with("URBMI-")) << record.record_id;
      if (record.resident_id.empty()) {
        EXPECT_FALSE(record.birth_date.empty()) << record.record_id;
      } else {
        ++urbmi_with_id;
        if (record.birth_date.empty()) ++urbmi_left_out;
      }
    }
    if (!record.birth_date.empty()) {
      EXPECT_TRUE(ParseAnyDate(record.birth_date)) << record.birth_date;
    }
  }
  const double left_out = static_cast<double>(urbmi_left_out) / static_cast<double>(urbmi_with_id);
  EXPECT_GT(left_out, 0.25);
  EXPECT_LT(left_out, 0.32);
}

TEST_F(DedupListsFiles, TheFirstRecordIsCleanAndCombinationsAreCompatible) {
  // Proves that of every pair one record carries nothing but background name_spacing, that
  // no record has two resident-ID kinds or a missing ID with a mistyped date, that about 3%
  // of single records carry name_spacing, and that most duplicates within a list moved.
  const std::set<std::string> id_kinds = {"old_id", "id_digit", "id_transposed", "missing_id"};
  int64_t singles = 0;
  int64_t spaced_singles = 0;
  int64_t within = 0;
  int64_t within_moved = 0;
  for (const auto& [person, records] : ByPerson()) {
    for (const Record* record : records) {
      int64_t id_noise = 0;
      for (const std::string& kind : record->noise) id_noise += id_kinds.contains(kind) ? 1 : 0;
      EXPECT_LE(id_noise, 1) << record->record_id;
      EXPECT_FALSE(record->noise.contains("missing_id") &&
                   record->noise.contains("birth_date_typo"));
    }
    if (records.size() == 1) {
      ++singles;
      EXPECT_TRUE(records[0]->noise.empty() ||
                  records[0]->noise == std::set<std::string>{"name_spacing"});
      if (!records[0]->noise.empty()) ++spaced_singles;
      continue;
    }
    const auto clean = [](const Record* r) {
      return r->noise.empty() || r->noise == std::set<std::string>{"name_spacing"};
    };
    EXPECT_TRUE(clean(records[0]) || clean(records[1])) << person;
    if (records[0]->list == records[1]->list) {
      ++within;
      if (records[0]->noise.contains("moved") || records[1]->noise.contains("moved"))
        ++within_moved;
    }
  }
  const double spaced = static_cast<double>(spaced_singles) / static_cast<double>(singles);
  EXPECT_GT(spaced, 0.02);
  EXPECT_LT(spaced, 0.04);
  EXPECT_GT(within_moved * 100, within * 75);
}

TEST_F(DedupListsFiles, NoTwoRecordsOfAPersonAreAdjacent) {
  // Proves the shuffle keeps a person's two records in one list apart.
  std::map<std::string, std::vector<const Record*>> lists;
  for (const Record& record : *records_) lists[record.list].push_back(&record);
  for (auto& [list, records] : lists) {
    std::sort(records.begin(), records.end(),
              [](const Record* a, const Record* b) { return a->record_id < b->record_id; });
    for (size_t i = 0; i + 1 < records.size(); ++i) {
      EXPECT_NE(records[i]->person, records[i + 1]->person) << records[i]->record_id;
    }
  }
}

TEST_F(DedupListsFiles, OldIdIsFifteenDigitsThatUpgradeToTheTrueNumber) {
  // Proves old_id writes the pre-1999 number, which core's UpgradeFifteenDigit turns back
  // into the person's 18-character number.
  const auto pairs = PairsWith("old_id");
  ASSERT_GT(pairs.size(), 100u);
  for (const auto& [duplicate, original] : pairs) {
    ASSERT_EQ(duplicate->resident_id.size(), 15u) << duplicate->resident_id;
    EXPECT_EQ(duplicate->resident_id.find_first_not_of("0123456789"), std::string::npos);
    Result<std::string> upgraded = UpgradeFifteenDigit(duplicate->resident_id);
    ASSERT_TRUE(upgraded.ok()) << upgraded.status().ToString();
    EXPECT_EQ(*upgraded, original->resident_id);
  }
}

TEST_F(DedupListsFiles, IdDigitChangesOneOfSeventeenAndFailsTheCheck) {
  // Proves id_digit changes exactly one of the first 17 digits, keeps the check character,
  // and the number then fails its check.
  const auto pairs = PairsWith("id_digit");
  ASSERT_GT(pairs.size(), 100u);
  for (const auto& [duplicate, original] : pairs) {
    const std::string& noisy = duplicate->resident_id;
    const std::string& real = original->resident_id;
    ASSERT_EQ(noisy.size(), 18u);
    int differing = 0;
    for (size_t i = 0; i < 17; ++i) differing += noisy[i] != real[i] ? 1 : 0;
    EXPECT_EQ(differing, 1) << noisy << " " << real;
    EXPECT_EQ(noisy[17], real[17]);
    EXPECT_NE(ResidentIdCheckCharacter(std::string_view(noisy).substr(0, 17)), noisy[17]) << noisy;
  }
}

TEST_F(DedupListsFiles, IdTransposedSwapsTwoAdjacentDigitsAndFailsTheCheck) {
  // Proves id_transposed swaps two adjacent different digits among the first 17 and the
  // check then fails.
  const auto pairs = PairsWith("id_transposed");
  ASSERT_GT(pairs.size(), 50u);
  for (const auto& [duplicate, original] : pairs) {
    const std::string& noisy = duplicate->resident_id;
    const std::string& real = original->resident_id;
    ASSERT_EQ(noisy.size(), 18u);
    std::vector<size_t> differing;
    for (size_t i = 0; i < 17; ++i) {
      if (noisy[i] != real[i]) differing.push_back(i);
    }
    ASSERT_EQ(differing.size(), 2u) << noisy << " " << real;
    EXPECT_EQ(differing[1], differing[0] + 1);
    EXPECT_EQ(noisy[differing[0]], real[differing[1]]);
    EXPECT_EQ(noisy[differing[1]], real[differing[0]]);
    EXPECT_EQ(noisy[17], real[17]);
    EXPECT_NE(ResidentIdCheckCharacter(std::string_view(noisy).substr(0, 17)), noisy[17]) << noisy;
  }
}

TEST_F(DedupListsFiles, MissingIdLeavesTheNumberOutAndWritesTheBirthDate) {
  // Proves missing_id leaves resident_id empty and the record then declares a birth date.
  const auto pairs = PairsWith("missing_id");
  ASSERT_GT(pairs.size(), 100u);
  for (const auto& [duplicate, original] : pairs) {
    EXPECT_TRUE(duplicate->resident_id.empty());
    EXPECT_FALSE(duplicate->birth_date.empty());
  }
  // And nothing else leaves a number out.
  for (const Record& record : *records_) {
    if (!record.noise.contains("missing_id")) {
      EXPECT_FALSE(record.resident_id.empty());
    }
  }
}

TEST_F(DedupListsFiles, TraditionalWritesTheNameInTraditionalCharacters) {
  // Proves traditional changes the name, with a character of the table, and maps back to
  // the true name character by character (when no homophone was also drawn).
  const auto pairs = PairsWith("traditional");
  ASSERT_GT(pairs.size(), 100u);
  for (const auto& [duplicate, original] : pairs) {
    const std::string noisy = Unspaced(duplicate->name);
    const std::string real = Unspaced(original->name);
    EXPECT_NE(noisy, real);
    std::string back;
    bool from_table = false;
    for (const std::string_view character : Utf8Characters(noisy)) {
      back += SimplifiedOf(character);
      from_table = from_table || SimplifiedOf(character) != character;
    }
    EXPECT_TRUE(from_table) << noisy;
    if (!duplicate->noise.contains("homophone")) {
      EXPECT_EQ(back, real) << noisy;
    }
  }
}

TEST_F(DedupListsFiles, HomophoneReplacesOneCharacterWithinItsGroup) {
  // Proves homophone changes exactly one character of the given name, to another of the
  // same homophone group.
  const auto pairs = PairsWith("homophone");
  ASSERT_GT(pairs.size(), 100u);
  for (const auto& [duplicate, original] : pairs) {
    if (duplicate->noise.contains("traditional")) continue;
    const std::string noisy_name = Unspaced(duplicate->name);
    const std::vector<std::string_view> noisy = Utf8Characters(noisy_name);
    const std::string real_name = Unspaced(original->name);
    const std::vector<std::string_view> real = Utf8Characters(real_name);
    ASSERT_EQ(noisy.size(), real.size()) << duplicate->name;
    EXPECT_EQ(noisy[0], real[0]);  // the surname is kept
    int differing = 0;
    for (size_t i = 0; i < real.size(); ++i) {
      if (noisy[i] == real[i]) continue;
      ++differing;
      const auto group = HomophonesOf(real[i]);
      EXPECT_NE(std::find(group.begin(), group.end(), noisy[i]), group.end())
          << real[i] << " → " << noisy[i];
    }
    EXPECT_EQ(differing, 1) << duplicate->name << " " << original->name;
  }
}

TEST_F(DedupListsFiles, NameSpacingInsertsASpaceAfterTheSurname) {
  // Proves name_spacing puts an ASCII or full-width space after the surname and nothing
  // else changes the name (when it is the only name kind).
  int64_t checked = 0;
  for (const auto& [person, records] : ByPerson()) {
    for (const Record* record : records) {
      if (!record->noise.contains("name_spacing")) continue;
      const std::vector<std::string_view> characters = Utf8Characters(record->name);
      ASSERT_GE(characters.size(), 3u);
      EXPECT_TRUE(characters[1] == " " || characters[1] == "\u3000") << record->name;
      const Record* other =
          records.size() == 2 ? records[0] == record ? records[1] : records[0] : nullptr;
      const auto renames = [](const Record* r) {
        return r->noise.contains("traditional") || r->noise.contains("homophone");
      };
      if (other == nullptr || renames(record) || renames(other)) continue;
      EXPECT_EQ(Unspaced(record->name), Unspaced(other->name));
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(DedupListsFiles, BirthDateFormatIsTheTrueDateAsTyped) {
  // Proves birth_date_format writes the true date in a clerk's form, not YYYY-MM-DD.
  const auto pairs = PairsWith("birth_date_format");
  ASSERT_GT(pairs.size(), 100u);
  std::set<char> separators;
  for (const auto& [duplicate, original] : pairs) {
    EXPECT_FALSE(Date::Parse(duplicate->birth_date).ok()) << duplicate->birth_date;
    const std::optional<Date> typed = ParseAnyDate(duplicate->birth_date);
    ASSERT_TRUE(typed) << duplicate->birth_date;
    if (!duplicate->noise.contains("birth_date_typo")) {
      EXPECT_EQ(*typed, TrueBirthDate(*original));
    }
    separators.insert(duplicate->birth_date.size() == 8 ? 'n' : duplicate->birth_date[4]);
  }
  EXPECT_EQ(separators.size(), 4u);  // '/', '.', 年 (its first byte) and none
}

TEST_F(DedupListsFiles, BirthDateTypoIsAnotherValidDateAndTheIdKeepsTheTrueOne) {
  // Proves birth_date_typo declares a valid date that is not the true one (day and month
  // swapped, or one digit of the day), while the record's number, if valid, keeps the true date.
  const auto pairs = PairsWith("birth_date_typo");
  ASSERT_GT(pairs.size(), 50u);
  for (const auto& [duplicate, original] : pairs) {
    const Date real = TrueBirthDate(*original);
    const std::optional<Date> declared = ParseAnyDate(duplicate->birth_date);
    ASSERT_TRUE(declared) << duplicate->birth_date;
    EXPECT_NE(*declared, real);
    EXPECT_EQ(declared->year(), real.year());
    const bool swapped = declared->month() == real.day() && declared->day() == real.month();
    const bool day_digit =
        declared->month() == real.month() &&
        ((declared->day() / 10 == real.day() / 10) != (declared->day() % 10 == real.day() % 10));
    EXPECT_TRUE(swapped || day_digit) << *declared << " for " << real;
    Result<ResidentId> id = ResidentId::Parse(duplicate->resident_id);
    if (id.ok()) {
      EXPECT_EQ(id->birth_date(), real);
    }
  }
}

TEST_F(DedupListsFiles, MovedIsAnotherDistrictAndTheIdKeepsItsCode) {
  // Proves moved writes another district while the number keeps the original district.
  const auto pairs = PairsWith("moved");
  ASSERT_GT(pairs.size(), 100u);
  for (const auto& [duplicate, original] : pairs) {
    EXPECT_NE(duplicate->region, original->region);
    EXPECT_EQ(original->resident_id.substr(0, 6), original->region);
    if (!duplicate->resident_id.empty() && !duplicate->noise.contains("id_digit") &&
        !duplicate->noise.contains("id_transposed")) {
      EXPECT_EQ(duplicate->resident_id.substr(0, 6), original->region);
    }
  }
}

TEST_F(DedupListsFiles, TwinsAndNamesakesExistAndStayDistinct) {
  // Proves the hard negatives are there: twins (same district, birth date, surname and sex,
  // different given names, valid numbers one sequence step apart) and namesakes (same name
  // and birth year, different persons); no noisy record takes a twin's name.
  std::map<std::string, std::pair<std::string, std::string>> person_id_name;  // person → (id, name)
  for (const Record& record : *records_) {
    if (ResidentId::Parse(record.resident_id).ok() && record.noise.empty()) {
      person_id_name[record.person] = {record.resident_id, record.name};
    }
  }
  // Key: district, birth date, surname, sex digit parity.
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& [person, id_name] : person_id_name) {
    const auto& [id, name] = id_name;
    const int sequence = std::stoi(id.substr(14, 3));
    const std::string surname(Utf8Characters(name).front());
    groups[id.substr(0, 14) + surname + std::to_string(sequence % 2)].push_back(person);
  }
  int64_t twins = 0;
  for (const auto& [key, persons] : groups) {
    for (size_t a = 0; a < persons.size(); ++a) {
      for (size_t b = a + 1; b < persons.size(); ++b) {
        const auto& [id_a, name_a] = person_id_name[persons[a]];
        const auto& [id_b, name_b] = person_id_name[persons[b]];
        const int step = std::abs(std::stoi(id_a.substr(14, 3)) - std::stoi(id_b.substr(14, 3)));
        if (step != 2) continue;
        ++twins;
        EXPECT_NE(id_a, id_b);
        EXPECT_NE(name_a, name_b);
      }
    }
  }
  EXPECT_GT(twins, 40);  // about 0.5% of 20,000 persons are pairs, some have no clean record
  EXPECT_GT(summary_->twin_pairs, 60);
  EXPECT_LT(summary_->twin_pairs, 150);

  std::map<std::string, std::set<std::string>> by_name_and_year;
  for (const auto& [person, id_name] : person_id_name) {
    by_name_and_year[id_name.second + id_name.first.substr(6, 4)].insert(person);
  }
  const auto namesakes = std::count_if(by_name_and_year.begin(), by_name_and_year.end(),
                                       [](const auto& entry) { return entry.second.size() > 1; });
  EXPECT_GT(namesakes, 10);
}

TEST(DedupListsTwins, NoNoiseMakesATwinLookLikeTheOther) {
  // Proves, over every twin pair of 200,000 persons, that no drawn duplicate of one twin
  // has the other's given name or the other's first 17 digits.
  Result<std::vector<DedupPerson>> persons = DrawDedupPersons(200'000, 3);
  ASSERT_TRUE(persons.ok());
  int64_t pairs = 0;
  for (size_t p = 0; p < persons->size(); ++p) {
    const int64_t twin_index = TwinOf(*persons, p);
    if (twin_index < 0) continue;
    const DedupPerson& person = (*persons)[p];
    const DedupPerson& twin = (*persons)[static_cast<size_t>(twin_index)];
    EXPECT_EQ(person.surname(), twin.surname());
    EXPECT_EQ(person.birth_days, twin.birth_days);
    EXPECT_EQ(person.district, twin.district);
    EXPECT_EQ(person.sex(), twin.sex());
    EXPECT_NE(person.given_name(), twin.given_name());
    EXPECT_NE(person.ResidentIdNumber(), twin.ResidentIdNumber());
    EXPECT_TRUE(ResidentId::Parse(person.ResidentIdNumber()).ok());
    ++pairs;
    for (uint64_t draw = 0; draw < 50; ++draw) {
      Random random(StreamSeed(11, p, draw));
      const NoiseSet kinds = DrawDuplicateNoise(person, &twin, false, random);
      const RecordFields fields = MakeRecord(person, &twin, kinds, false, random);
      EXPECT_NE(Unspaced(fields.name), std::string(twin.name())) << kinds.ToString();
      if (fields.resident_id.size() == 18) {
        EXPECT_NE(fields.resident_id.substr(0, 17), twin.ResidentIdNumber().substr(0, 17));
      }
    }
  }
  EXPECT_GT(pairs, 1'000);  // persons in pairs: about 1%
}

TEST(DedupListsPersons, AgesSexesAndDistrictsAreZibos) {
  // Proves the persons follow the synth's structure: every district present, about half
  // men, births from 1912 to 2012, about 15% under 15 on 1 January 2013.
  Result<std::vector<DedupPerson>> persons = DrawDedupPersons(100'000, 1);
  ASSERT_TRUE(persons.ok());
  ASSERT_EQ(persons->size(), 100'000u);
  std::vector<int64_t> by_district(DedupDistrictCount(), 0);
  int64_t men = 0;
  int64_t children = 0;
  const Date reference = *Date::FromYmd(kDedupReferenceYear, 1, 1);
  for (const DedupPerson& person : *persons) {
    ++by_district[person.district];
    men += person.sex() == Sex::kMale ? 1 : 0;
    EXPECT_LE(person.birth_date(), reference);
    EXPECT_GE(person.birth_date().year(), 1912);
    children += AgeOn(person.birth_date(), reference) < 15 ? 1 : 0;
    EXPECT_EQ(person.ResidentIdNumber().substr(0, 6), person.district_code());
  }
  for (const int64_t count : by_district) EXPECT_GT(count, 4'000);
  EXPECT_NEAR(static_cast<double>(men) / 100'000, 0.503, 0.02);
  EXPECT_NEAR(static_cast<double>(children) / 100'000, 0.15, 0.03);
}

TEST(DedupListsDeterminism, SameSeedSameBytesOtherSeedOtherBytes) {
  // Proves two runs with the same persons, rate and seed write identical files, and
  // another seed writes different ones with the same counts.
  const std::filesystem::path first = TemporaryFolder("first");
  const std::filesystem::path second = TemporaryFolder("second");
  const std::filesystem::path other = TemporaryFolder("other");
  for (const auto& [folder, seed] : {std::pair(first, uint64_t{5}), std::pair(second, uint64_t{5}),
                                     std::pair(other, uint64_t{6})}) {
    std::filesystem::remove_all(folder);
    Result<DedupListsSummary> written =
        WriteDedupLists(DedupListsOptions{.persons = 3'000,
                                          .duplicate_rate = ParsedRate("0.0369"),
                                          .out_directory = folder.string(),
                                          .seed = seed});
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    EXPECT_EQ(written->duplicates, 111);  // 110.7
  }
  for (const char* file : {"ncms.csv", "urbmi.csv", "truth.csv"}) {
    const std::string bytes = ReadFile(first / file);
    EXPECT_GT(bytes.size(), 1'000u) << file;
    EXPECT_EQ(bytes, ReadFile(second / file)) << file;
    EXPECT_NE(bytes, ReadFile(other / file)) << file;
  }
  for (const auto& folder : {first, second, other}) std::filesystem::remove_all(folder);
}

TEST(DedupListsOptions, BadOptionsFailWithAClearMessage) {
  // Proves persons outside 1..50,000,000 and a rate outside 0..1 are refused before any
  // file is written; the edges 1 person, rate 0 and rate 1 work.
  const std::filesystem::path folder = TemporaryFolder("options");
  std::filesystem::remove_all(folder);
  const auto run = [&](int64_t persons, std::string_view rate) {
    return WriteDedupLists(DedupListsOptions{.persons = persons,
                                             .duplicate_rate = ParsedRate(rate),
                                             .out_directory = folder.string(),
                                             .seed = 1});
  };
  for (const int64_t persons : {int64_t{0}, int64_t{-3}, kDedupMaxPersons + 1}) {
    Result<DedupListsSummary> refused = run(persons, "0.04");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.status().message(),
              "persons must be 1 to 50,000,000, not " + std::to_string(persons));
  }
  for (const auto& [rate, shown] :
       {std::pair("1.5", "1.5"), std::pair("-0.01", "-0.01"), std::pair("101%", "1.01")}) {
    Result<DedupListsSummary> refused = run(10, rate);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().message(),
              std::string("the duplicate rate must be 0 to 1, not ") + shown);
  }
  EXPECT_FALSE(std::filesystem::exists(folder));
  Result<DedupListsSummary> one = run(1, "1");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->duplicates, 1);
  EXPECT_EQ(one->files[0].rows + one->files[1].rows, 2);
  Result<DedupListsSummary> none = run(500, "0");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->duplicates, 0);
  EXPECT_EQ(none->files[0].rows + none->files[1].rows, 500);
  Result<DedupListsSummary> all = run(500, "100%");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->duplicates, 500);
  EXPECT_EQ(all->across_lists, 400);
  EXPECT_EQ(all->files[2].rows, 1'000);
  std::filesystem::remove_all(folder);
}

TEST(DedupListsNameVariants, TablesAreConsistent) {
  // Proves each homophone group has two characters or more and no character is in two;
  // traditional forms are one-to-one and none is itself a simplified key; the examples of
  // the issue convert as written.
  std::set<std::string_view> seen;
  for (const auto group : HomophoneGroups()) {
    EXPECT_GE(group.size(), 2u);
    for (const std::string_view character : group) {
      EXPECT_EQ(Utf8Characters(character).size(), 1u) << character;
      EXPECT_TRUE(seen.insert(character).second) << character << " is in two groups";
      EXPECT_EQ(HomophonesOf(character).data(), group.data()) << character;
    }
  }
  EXPECT_TRUE(HomophonesOf("王").empty());
  std::set<std::string_view> simplified;
  std::set<std::string_view> traditional;
  for (const TraditionalPair& pair : TraditionalTable()) {
    EXPECT_NE(pair.simplified, pair.traditional);
    EXPECT_TRUE(simplified.insert(pair.simplified).second) << pair.simplified;
    EXPECT_TRUE(traditional.insert(pair.traditional).second) << pair.traditional;
    EXPECT_EQ(SimplifiedOf(pair.traditional), pair.simplified);
  }
  for (const std::string_view character : traditional) {
    EXPECT_FALSE(simplified.contains(character)) << character;
  }
  EXPECT_EQ(ToTraditional("张伟"), "張偉");
  EXPECT_EQ(ToTraditional("刘丽华"), "劉麗華");
  EXPECT_EQ(ToTraditional("王明"), "王明");
}

TEST(DedupListsNameVariants, TheTablesCoverTheNamesDrawn) {
  // Proves the tables cover names.h's names: every homophone with a traditional form is
  // in the table, most given names have a character with homophones, and a good share of
  // full names has a traditional form.
  for (const auto group : HomophoneGroups()) {
    for (const std::string_view character : group) {
      // These have a traditional form distinct from the simplified (OpenCC s2t).
      static const std::set<std::string_view> kHasTraditional = {
          "伟", "玮", "炜", "卫", "丽", "俪", "鸣", "华", "桦", "骅", "静", "军",
          "闵", "杰", "洁", "涛", "韬", "咏", "艳", "鹃", "侠", "苹", "刚", "钢",
          "辉", "晖", "剑", "红", "鸿", "绣", "铃", "丰", "锋", "枫", "凤", "风",
          "鹏", "颖", "莹", "语", "飞", "庆", "贵", "树", "学", "轩", "铭"};
      if (kHasTraditional.contains(character)) {
        EXPECT_NE(TraditionalOf(character), character) << character;
      }
    }
  }
  Random random(5);
  int with_homophone = 0;
  int with_traditional = 0;
  constexpr int kNames = 10'000;
  for (int n = 0; n < kNames; ++n) {
    const std::string_view surname = PickSurname(random);
    const auto sex = random.Below(2) == 0 ? Sex::kMale : Sex::kFemale;
    const auto year = static_cast<int>(random.Between(1930, 2012));
    const std::string given = GivenName(random, sex, year);
    bool homophone = false;
    for (const std::string_view character : Utf8Characters(given)) {
      homophone = homophone || !HomophonesOf(character).empty();
    }
    with_homophone += homophone ? 1 : 0;
    const std::string name = std::string(surname) + given;
    with_traditional += ToTraditional(name) != name ? 1 : 0;
  }
  EXPECT_GT(with_homophone, kNames * 70 / 100);
  EXPECT_GT(with_traditional, kNames * 50 / 100);
}

}  // namespace
}  // namespace minsheng::synth
