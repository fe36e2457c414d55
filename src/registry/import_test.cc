// Tests for importing registry files: every kind recorded, a repeated import changes
// nothing, a correction is a new record, GB18030 is converted, and a bad row anywhere
// imports nothing and names its place.
#include "registry/import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry/testing.h"

namespace minsheng::registry {
namespace {

using ::testing::HasSubstr;
using testing::At;
using testing::CountRows;
using testing::ToGb18030;
using testing::WudiId;

constexpr const char* kOrgs =
    "org_id,name,kind,level,category,region\n"
    "hospital/371623101,水湾镇卫生院,hospital,township,,371623101\n"
    "school/1,无棣县第一实验学校,school,,,371623\n"
    "wudi_school_bus_company,无棣县校车公司,enterprise,,,371623\n";
constexpr const char* kHouseholds =
    "household_id,region,village\n"
    "H1,371623101,东村\n"
    "H2,371623102,\n";

class ImportTest : public ::testing::Test {
 protected:
  Result<ImportSummary> Import(FileKind kind, std::string text, int64_t at = 1'000) {
    return ImportText(*store_, kind, std::move(text), std::string(FileKindName(kind)) + ".csv",
                      At(at));
  }
  ImportSummary ImportOk(FileKind kind, std::string text, int64_t at = 1'000) {
    auto summary = Import(kind, std::move(text), at);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : ImportSummary{};
  }
  std::string Persons() {
    return "resident_id,name,household_id,relation,scheme,income,is_student,school\n" +
           WudiId("19800101", 11) + ",张伟,H1,head,ncms,1200.50,false,\n" +
           WudiId("20050303", 22) + ",张小红,H1,child,ncms,0,true,school/1\n" +
           WudiId("19500505", 31) + ",李强,H2,head,,800,,\n";
  }
  void ImportBasics() {
    ImportOk(FileKind::kOrgs, kOrgs);
    ImportOk(FileKind::kHouseholds, kHouseholds);
    ImportOk(FileKind::kPersons, Persons());
  }

  testing::TestStore store_;
};

// Each kind is recorded row by row; the same file again records nothing.
TEST_F(ImportTest, EveryKindIsRecordedOnceAndARepeatChangesNothing) {
  ImportBasics();
  ImportSummary enrollments = ImportOk(
      FileKind::kEnrollments,
      "program,person_id,household_id,valid_from,valid_until\n"
      "dibao,,H2,2012-01-01,\n"
      "school_bus," + WudiId("20050303", 22) + ",,2012-09-01,2013-12-31\n");
  EXPECT_EQ(enrollments.new_rows, 2);
  ImportSummary admissions = ImportOk(
      FileKind::kAdmissions,
      "admission_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost\n"
      "A1," + WudiId("19500505", 31) + ",hospital/371623101,2013-03-02,2013-03-09,2400,2100\n");
  EXPECT_EQ(admissions.new_rows, 1);
  EXPECT_EQ(CountRows(*store_, "registry_persons"), 3);
  EXPECT_EQ(CountRows(*store_, "registry_imports"), 5);

  ImportSummary again = ImportOk(FileKind::kPersons, Persons(), 2'000);
  EXPECT_EQ(again.rows, 3);
  EXPECT_EQ(again.new_rows, 0);
  EXPECT_EQ(again.import_id, 0);
  EXPECT_EQ(CountRows(*store_, "registry_persons"), 3);
  EXPECT_EQ(CountRows(*store_, "registry_imports"), 5) << "an import that adds nothing is not recorded";
}

// Sex and birth date come from the ID; a 15-digit number is upgraded; amounts are fen.
TEST_F(ImportTest, DefaultsComeFromTheIdAndAmountsAreFen) {
  ImportOk(FileKind::kHouseholds, kHouseholds);
  ImportOk(FileKind::kPersons, "resident_id,name,household_id,income\n"
                               "371623500101003,王芳,H1,1234.56\n");
  auto statement = (*store_).Prepare(
      "SELECT resident_id, sex, birth_date, relation, income, is_student FROM registry_persons");
  ASSERT_TRUE(statement.ok());
  ASSERT_TRUE(*(*statement)->Step());
  store::Statement& s = **statement;
  EXPECT_EQ(s.Text(0).size(), 18u);
  EXPECT_EQ(s.Text(0).substr(0, 8), "37162319");
  EXPECT_EQ(s.Text(1), "male");
  EXPECT_EQ(s.Text(2), "1950-01-01");
  EXPECT_EQ(s.Text(3), "other");
  EXPECT_EQ(s.Int(4), 123456);
  EXPECT_EQ(s.Int(5), 0);
  s.Reset();
}

// A correction is a new record, kept beside the old one; importing the original again
// after it records the original again, since it is no longer the latest.
TEST_F(ImportTest, ACorrectionIsANewRecordBesideTheOld) {
  ImportBasics();
  std::string corrected = Persons();
  corrected.replace(corrected.find("1200.50"), 7, "1500");
  EXPECT_EQ(ImportOk(FileKind::kPersons, corrected, 2'000).new_rows, 1);
  EXPECT_EQ(CountRows(*store_, "registry_persons"), 4);
  EXPECT_EQ(ImportOk(FileKind::kPersons, Persons(), 3'000).new_rows, 1);
  EXPECT_EQ(CountRows(*store_, "registry_persons"), 5);
}

// A GB18030 file (as government systems export) is converted; names are stored in UTF-8.
TEST_F(ImportTest, Gb18030IsConverted) {
  ImportOk(FileKind::kOrgs, kOrgs);
  ImportSummary households = ImportOk(FileKind::kHouseholds, ToGb18030(kHouseholds));
  EXPECT_EQ(households.encoding, SourceEncoding::kGb18030);
  auto statement = (*store_).Prepare("SELECT village FROM registry_households WHERE household_id = 'H1'");
  ASSERT_TRUE(*(*statement)->Step());
  EXPECT_EQ((*statement)->Text(0), "东村");
  (*statement)->Reset();
  auto bad = Import(FileKind::kOrgs, std::string("org_id,name\n\x81\x30,x\n"));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().ToString(), HasSubstr("neither UTF-8 nor GB18030"));
}

// One bad row in 100,000 imports nothing and names the row, the field and the column.
TEST_F(ImportTest, OneBadRowInAHundredThousandImportsNothing) {
  ImportOk(FileKind::kHouseholds, kHouseholds);
  std::string text = "resident_id,name,household_id,income\n";
  for (int i = 0; i < 100'000; ++i) {
    const int day = 1 + i % 28;
    char birth[9];
    std::snprintf(birth, sizeof birth, "19%02d%02d%02d", 40 + i % 60, 1 + (i / 28) % 12, day);
    std::string id = WudiId(birth, i / 336);
    const bool bad = i == 73'456;
    text += (bad ? id.substr(0, 17) + (id.back() == '0' ? "1" : "0") : id) + ",某某,H1," +
            std::to_string(i % 5000) + "\n";
  }
  auto summary = Import(FileKind::kPersons, text);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.status().ToString(),
              HasSubstr("persons.csv: row 73458: field 'resident_id': column 1: check character"));
  EXPECT_THAT(summary.status().ToString(), HasSubstr("1 error; nothing was imported"));
  EXPECT_EQ(CountRows(*store_, "registry_persons"), 0);
}

// Errors: the first 100 listed, then how many more; unknown references name what to
// import first; two rows of one fact name each other; row-level checks name the field;
// a row with fewer fields than the header is refused.
TEST_F(ImportTest, ErrorsNameTheirPlaceAndAreCounted) {
  ImportBasics();
  std::string text = "resident_id,name,household_id,sex\n";
  for (int i = 0; i < 150; ++i) text += WudiId("19900101", 100 + 2 * i) + ",某,H1,male\n";
  auto many = Import(FileKind::kPersons, text);
  ASSERT_FALSE(many.ok());
  const std::string message = many.status().ToString();
  EXPECT_THAT(message, HasSubstr("150 errors; nothing was imported"));
  EXPECT_THAT(message, HasSubstr("persons.csv: row 2: field 'sex': column 4: the resident ID says female"));
  EXPECT_THAT(message, HasSubstr("… and 50 more"));

  auto unknown = Import(FileKind::kPersons, "resident_id,name,household_id\n" +
                                                WudiId("19900101", 11) + ",某,H9\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().ToString(),
              HasSubstr("row 2: field 'household_id': column 3: no household 'H9' in the registry "
                        "(import households first)"));

  auto twice = Import(FileKind::kHouseholds, "household_id,region\nH7,371623\nH7,371623\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.status().ToString(), HasSubstr("row 3: the same household_id, valid_from as row 2"));

  auto column = Import(FileKind::kHouseholds, "household_id,region,colour\nH7,371623,red\n");
  ASSERT_FALSE(column.ok());
  EXPECT_THAT(column.status().ToString(), HasSubstr("unknown column 'colour'"));

  auto span = Import(FileKind::kEnrollments, "program,household_id,valid_from,valid_until\n"
                                             "dibao,H1,2013-05-01,2013-03-31\n");
  ASSERT_FALSE(span.ok());
  EXPECT_THAT(span.status().ToString(),
              HasSubstr("field 'valid_until': column 4: valid_until 2013-03-31 is before valid_from 2013-05-01"));
  // A short row is an error of its own, never filled from the row before it.
  auto short_row = Import(FileKind::kHouseholds, "household_id,region,village\nH8,371623,东村\nH9\n");
  ASSERT_FALSE(short_row.ok());
  EXPECT_THAT(short_row.status().ToString(), HasSubstr("row 3: expected 3 fields, as in the header, but found 1"));
  auto region = Import(FileKind::kHouseholds, "household_id,region\nH8,999999\n");
  ASSERT_FALSE(region.ok());
  EXPECT_THAT(region.status().ToString(), HasSubstr("no county '999999'"));
  EXPECT_EQ(CountRows(*store_, "registry_households"), 2);
}

}  // namespace
}  // namespace minsheng::registry
