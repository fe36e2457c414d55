// Tests for Synthesize: the files are byte-identical for the same county, scale and seed;
// every resident ID is valid and agrees with the row's birth date, sex and district;
// households have 1–6 members and one head; the calibrated counts (persons, resident
// insurance, riders, dibao, 特困, 建档立卡) are met at scale 0.02 exactly as rounded; and
// every reference (household, school, hospital, enrolled person) points at a row.
#include "synth/synth.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/resident_id.h"
#include "core/town.h"

namespace minsheng::synth {
namespace {

using Row = std::map<std::string, std::string>;

constexpr double kScale = 0.02;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A small RFC 4180 reader: the rows of a file with a header, as column → value.
std::vector<Row> ReadCsv(const std::filesystem::path& path) {
  const std::string text = ReadFile(path);
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += text[++i];
      } else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
    } else {
      field += c;
    }
  }
  records.pop_back();  // after the last "\n"
  std::vector<Row> rows;
  for (size_t r = 1; r < records.size(); ++r) {
    EXPECT_EQ(records[r].size(), records[0].size()) << path << " row " << r;
    Row row;
    for (size_t c = 0; c < records[0].size() && c < records[r].size(); ++c) {
      row[records[0][c]] = records[r][c];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

struct County {
  std::vector<Row> persons, households, orgs, enrollments, admissions;
};

class SynthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng_synth_" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                  "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path Write(const std::string& county, const std::string& folder,
                              uint64_t seed = 1, double scale = kScale) {
    const std::filesystem::path out = directory_ / folder;
    Result<SynthSummary> summary =
        Synthesize({.county = county, .out_directory = out.string(), .scale = scale, .seed = seed});
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return out;
  }

  County Load(const std::filesystem::path& out) {
    return County{.persons = ReadCsv(out / "persons.csv"),
                  .households = ReadCsv(out / "households.csv"),
                  .orgs = ReadCsv(out / "orgs.csv"),
                  .enrollments = ReadCsv(out / "enrollments.csv"),
                  .admissions = ReadCsv(out / "admissions.csv")};
  }

  std::filesystem::path directory_;
};

int64_t Count(const std::vector<Row>& rows, const std::string& column, const std::string& value) {
  int64_t count = 0;
  for (const Row& row : rows) count += row.at(column) == value;
  return count;
}

int64_t Rounded(double count) {
  return std::llround(count * kScale);
}

constexpr const char* kFiles[] = {"persons.csv", "households.csv", "orgs.csv", "enrollments.csv",
                                  "admissions.csv"};

TEST_F(SynthTest, SameSeedGivesTheSameBytes) {
  // Proves determinism: two runs with the same county, scale and seed write identical
  // files; another seed writes other persons.
  for (const std::string county : {"wudi", "zibo"}) {
    const auto first = Write(county, county + "_first");
    const auto second = Write(county, county + "_second");
    for (const char* file : kFiles) {
      EXPECT_EQ(ReadFile(first / file), ReadFile(second / file)) << county << " " << file;
    }
    const auto other = Write(county, county + "_other", 2);
    EXPECT_NE(ReadFile(first / "persons.csv"), ReadFile(other / "persons.csv")) << county;
  }
}

TEST_F(SynthTest, ResidentIdsAreValidUniqueAndAgreeWithTheRow) {
  // Proves every number passes GB 11643-1999 (check character, date), is unique, and its
  // birth date, sex and region agree with the row and the household's town.
  for (const std::string county : {"wudi", "zibo"}) {
    const County data = Load(Write(county, county));
    std::map<std::string, std::string> town_of;
    for (const Row& household : data.households) {
      town_of[household.at("household_id")] = household.at("region");
    }
    std::set<std::string> numbers;
    for (const Row& person : data.persons) {
      const std::string& number = person.at("resident_id");
      Result<ResidentId> id = ResidentId::Parse(number, *Date::FromYmd(2018, 1, 1));
      ASSERT_TRUE(id.ok()) << number << ": " << id.status().ToString();
      EXPECT_EQ(id->birth_date().ToString(), person.at("birth_date")) << number;
      EXPECT_EQ(SexName(id->sex()), person.at("sex")) << number;
      EXPECT_EQ(std::string(id->region_code()), town_of.at(person.at("household_id")).substr(0, 6))
          << number;
      EXPECT_TRUE(numbers.insert(number).second) << "duplicate " << number;
    }
  }
}

TEST_F(SynthTest, HouseholdsHaveOneToSixMembersAndOneHead) {
  // Proves the household structure: every household has members, at most six, one head.
  const County data = Load(Write("wudi", "wudi"));
  std::map<std::string, int> members;
  std::map<std::string, int> heads;
  for (const Row& person : data.persons) {
    ++members[person.at("household_id")];
    heads[person.at("household_id")] += person.at("relation") == "head";
    EXPECT_TRUE(std::set<std::string>({"head", "spouse", "child", "parent", "other"})
                    .contains(person.at("relation")));
  }
  EXPECT_EQ(members.size(), data.households.size());
  for (const Row& household : data.households) {
    const std::string& id = household.at("household_id");
    EXPECT_GE(members[id], 1) << id;
    EXPECT_LE(members[id], 6) << id;
    EXPECT_EQ(heads[id], 1) << id;
    EXPECT_FALSE(household.at("village").empty()) << id;
    EXPECT_NE(TownTable::Builtin().Find(household.at("region")), nullptr) << id;
  }
}

TEST_F(SynthTest, WudiMeetsItsCalibration) {
  // Proves Wudi's counts at scale 0.02: 450,000 persons, 393,000 in ncms + urbmi (the seed's
  // 39.3万), 7,400 school-bus riders (全县7400余名中小学生), 10,000 dibao households, 2,000 特困.
  const County data = Load(Write("wudi", "wudi"));
  EXPECT_EQ(static_cast<int64_t>(data.persons.size()), Rounded(450'000));
  EXPECT_EQ(Count(data.persons, "scheme", "ncms") + Count(data.persons, "scheme", "urbmi"),
            Rounded(393'000));
  EXPECT_EQ(Count(data.persons, "scheme", "resident"), 0);
  EXPECT_EQ(Count(data.enrollments, "program", "school_bus"), Rounded(7'400));
  EXPECT_EQ(Count(data.enrollments, "program", "dibao"), Rounded(10'000));
  EXPECT_EQ(Count(data.enrollments, "program", "tekun"), Rounded(2'000));
  EXPECT_EQ(Count(data.enrollments, "program", "poverty_registered"), 0);
  EXPECT_EQ(Count(data.orgs, "org_id", "wudi_school_bus_company"), 1);
  EXPECT_GT(Count(data.households, "region", "371623101"), 0);
}

TEST_F(SynthTest, ZiboMeetsItsCalibration) {
  // Proves Zibo's counts at scale 0.02: 4.7M persons, 2.98M resident-insured (参保居民298万人),
  // 65,668 建档立卡 households of 122,657 persons, the rest of the insured employees.
  const County data = Load(Write("zibo", "zibo"));
  EXPECT_EQ(static_cast<int64_t>(data.persons.size()), Rounded(4'700'000));
  EXPECT_EQ(Count(data.persons, "scheme", "resident"), Rounded(2'980'000));
  EXPECT_EQ(Count(data.persons, "scheme", "ncms") + Count(data.persons, "scheme", "urbmi"), 0);
  EXPECT_GT(Count(data.persons, "scheme", "employee"), Rounded(1'400'000));
  std::set<std::string> poor;
  for (const Row& enrollment : data.enrollments) {
    if (enrollment.at("program") == "poverty_registered") {
      poor.insert(enrollment.at("household_id"));
    }
  }
  EXPECT_EQ(static_cast<int64_t>(poor.size()), Rounded(65'668));
  int64_t poor_persons = 0;
  for (const Row& person : data.persons) poor_persons += poor.contains(person.at("household_id"));
  EXPECT_EQ(poor_persons, Rounded(122'657));
  EXPECT_EQ(Count(data.enrollments, "program", "school_bus"), 0);
  EXPECT_EQ(Count(data.orgs, "level", "city"), 2);
}

TEST_F(SynthTest, ReferencesPointAtRowsAndSpansCover2013) {
  // Proves every household, school, hospital and enrolled person exists; enrollments cover
  // every month of 2013; admissions fall in the reference year with compliant <= total.
  for (const std::string county : {"wudi", "zibo"}) {
    const County data = Load(Write(county, county));
    std::set<std::string> households, orgs, persons;
    for (const Row& row : data.households) households.insert(row.at("household_id"));
    for (const Row& row : data.orgs) {
      EXPECT_TRUE(orgs.insert(row.at("org_id")).second) << row.at("org_id");
    }
    for (const Row& row : data.persons) {
      persons.insert(row.at("resident_id"));
      EXPECT_TRUE(households.contains(row.at("household_id")));
      EXPECT_EQ(row.at("is_student") == "true", !row.at("school").empty());
      if (!row.at("school").empty()) {
        EXPECT_TRUE(orgs.contains(row.at("school"))) << row.at("school");
      }
    }
    for (const Row& row : data.enrollments) {
      // Exactly one of person_id and household_id names who is enrolled.
      EXPECT_NE(row.at("person_id").empty(), row.at("household_id").empty());
      if (!row.at("person_id").empty()) {
        EXPECT_TRUE(persons.contains(row.at("person_id")));
      } else {
        EXPECT_TRUE(households.contains(row.at("household_id")));
      }
      EXPECT_LE(row.at("valid_from"), "2013-01-01");
      EXPECT_TRUE(row.at("valid_until").empty() || row.at("valid_until") >= "2013-12-31");
    }
    const std::string year = county == "wudi" ? "2013" : "2017";
    for (const Row& row : data.admissions) {
      EXPECT_TRUE(persons.contains(row.at("person_id")));
      EXPECT_TRUE(orgs.contains(row.at("hospital"))) << row.at("hospital");
      EXPECT_EQ(row.at("admitted").substr(0, 4), year);
      EXPECT_EQ(row.at("discharged").substr(0, 4), year);
      EXPECT_LE(row.at("admitted"), row.at("discharged"));
      EXPECT_LE(std::stod(row.at("compliant_cost")), std::stod(row.at("total_cost")));
    }
    EXPECT_GT(data.admissions.size(), data.persons.size() / 20) << county;
  }
}

TEST_F(SynthTest, ProgramHouseholdsLookLikeTheirPrograms) {
  // Proves the program households are drawn as the programs are: 特困 persons are 60 or
  // older and alone, some in their town's 敬老院; a dibao household's income per head is
  // under the line; about half the 建档立卡 persons are old (the seed: 贫困老人占51.48%).
  const County wudi = Load(Write("wudi", "wudi"));
  std::map<std::string, const Row*> person_of;
  std::map<std::string, std::vector<const Row*>> members;
  for (const Row& person : wudi.persons) {
    person_of[person.at("resident_id")] = &person;
    members[person.at("household_id")].push_back(&person);
  }
  std::map<std::string, std::string> village_of;
  for (const Row& household : wudi.households) {
    village_of[household.at("household_id")] = household.at("village");
  }
  int in_nursing_home = 0;
  for (const Row& enrollment : wudi.enrollments) {
    if (enrollment.at("program") == "tekun") {
      const Row& elder = *person_of.at(enrollment.at("person_id"));
      EXPECT_LE(elder.at("birth_date"), "1952-12-31");
      EXPECT_EQ(members.at(elder.at("household_id")).size(), 1u);
      in_nursing_home += village_of.at(elder.at("household_id")).ends_with("敬老院");
    }
    if (enrollment.at("program") == "dibao") {
      int64_t income = 0;
      const auto& household = members.at(enrollment.at("household_id"));
      for (const Row* member : household) income += std::stoll(member->at("income"));
      // Wudi's urban line, the higher: 4,560 yuan a year, 380 a month.
      EXPECT_LT(income, 380 * static_cast<int64_t>(household.size()))
          << enrollment.at("household_id");
    }
  }
  EXPECT_GT(in_nursing_home, 0);

  const County zibo = Load(Write("zibo", "zibo"));
  std::set<std::string> poor;
  for (const Row& enrollment : zibo.enrollments) {
    if (enrollment.at("program") == "poverty_registered") {
      poor.insert(enrollment.at("household_id"));
    }
  }
  int64_t poor_persons = 0;
  int64_t poor_old = 0;
  for (const Row& person : zibo.persons) {
    if (!poor.contains(person.at("household_id"))) continue;
    ++poor_persons;
    poor_old += person.at("birth_date") <= "1956-12-31";  // 60 or older on 1 January 2017
  }
  EXPECT_NEAR(static_cast<double>(poor_old) / static_cast<double>(poor_persons), 0.5148, 0.05);
}

TEST_F(SynthTest, RefusesUnknownCountiesAndBadScales) {
  // Proves the errors a user can cause are user errors that say what is wrong.
  const auto error = [&](const std::string& county, double scale) {
    Result<SynthSummary> summary = Synthesize({.county = county,
                                               .out_directory = (directory_ / "x").string(),
                                               .scale = scale,
                                               .seed = 1});
    EXPECT_FALSE(summary.ok());
    return summary.ok() ? std::string() : summary.status().ToString();
  };
  EXPECT_EQ(error("beijing", 1), "no synthetic county 'beijing'; choose wudi or zibo");
  EXPECT_EQ(error("wudi", 0), "scale must be more than 0 and at most 1, not 0.000000");
  EXPECT_EQ(error("wudi", 1.5), "scale must be more than 0 and at most 1, not 1.500000");
}

}  // namespace
}  // namespace minsheng::synth
