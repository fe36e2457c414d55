#include "dedup/list_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace minsheng::dedup {
namespace {

using ::testing::HasSubstr;

TEST(DedupListFile, ReadsRowsAndNamesTheListByItsStem) {
  auto list = ParseList(
      "record_id,name,resident_id,sex,birth_date,region,phone\n"
      "N1,张伟,371623198506120033,male,1985-06-12,370302,13800000000\n"
      "N2,\"王,静\",,女,1990/3/5,370305,\n",
      "/data/ncms.csv");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->name, "ncms");
  ASSERT_EQ(list->records.size(), 2u);
  EXPECT_EQ(list->records[1].name, "王,静");
  EXPECT_EQ(list->records[1].row, 3);
  EXPECT_EQ(list->records[1].resident_id, "");
  EXPECT_EQ(list->ignored_columns, std::vector<std::string>{"phone"});
}

TEST(DedupListFile, OptionalColumnsMayBeAbsent) {
  auto list = ParseList("record_id,resident_id,name\nU1,,李娜\n", "urbmi.csv");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->records[0].birth_date, "");
}

TEST(DedupListFile, AnUnescapedFieldOutlivesTheReader) {
  auto list = ParseList("record_id,resident_id,name\n\"U\"\"1\",,\"李\"\"娜\"\nU2,,王\n", "urbmi.csv");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->records[0].record_id, "U\"1");
  EXPECT_EQ(list->records[0].name, "李\"娜");
}

TEST(DedupListFile, MissingRequiredColumnsAreNamed) {
  auto list = ParseList("record_id,name\nN1,张伟\n", "ncms.csv");
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("ncms.csv"));
  EXPECT_THAT(list.status().message(), HasSubstr("no column 'resident_id'"));
  EXPECT_THAT(list.status().message(), HasSubstr("the list was not read"));
}

TEST(DedupListFile, BadRowsAreReportedWithRowAndColumn) {
  auto list = ParseList(
      "record_id,resident_id,name\n"
      "N1,,张伟\n"
      "N2,,\n"           // row 3 (the header is row 1): empty name
      "N1,,王静\n"       // row 4: N1 again
      "N4,371623\n"      // row 5: too few fields
      ",,李娜\n",        // row 6: empty record_id
      "ncms.csv");
  ASSERT_FALSE(list.ok());
  const std::string message = list.status().message();
  EXPECT_THAT(message, HasSubstr("4 errors"));
  EXPECT_THAT(message, HasSubstr("row 3: field 'name': column 3"));
  EXPECT_THAT(message, HasSubstr("empty name"));
  EXPECT_THAT(message, HasSubstr("row 4: field 'record_id': column 1"));
  EXPECT_THAT(message, HasSubstr("'N1' again (first in row 2)"));
  EXPECT_THAT(message, HasSubstr("row 5"));
  EXPECT_THAT(message, HasSubstr("expected 3 fields"));
  EXPECT_THAT(message, HasSubstr("row 6: field 'record_id'"));
}

TEST(DedupListFile, ABrokenQuoteIsReported) {
  auto list = ParseList("record_id,resident_id,name\nN1,,\"张伟\nN2,,王静\n", "ncms.csv");
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("ncms.csv"));
  EXPECT_THAT(list.status().message(), HasSubstr("quote"));
}

TEST(DedupListFile, EmptyFileAndMissingFile) {
  EXPECT_THAT(ParseList("", "ncms.csv").status().message(), HasSubstr("empty"));
  EXPECT_FALSE(ReadList("/nonexistent/ncms.csv").ok());
}

}  // namespace
}  // namespace minsheng::dedup
