// Tests of the RFC 4180 reader (csv_reader.h): quoting, line endings, trimming, empty
// lines, malformed quotes and the limits, each error naming the row and column.
#include "core/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace minsheng {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

// Reads every record of text, or the error's text.
std::vector<std::vector<std::string>> Records(std::string_view text, std::string* error = nullptr,
                                              std::vector<int64_t>* lines = nullptr) {
  CsvReader reader(text, "t.csv");
  std::vector<std::vector<std::string>> records;
  while (true) {
    Result<bool> found = reader.Next();
    if (!found.ok()) {
      if (error != nullptr) *error = found.status().ToString();
      return records;
    }
    if (!*found) return records;
    records.emplace_back(reader.fields().begin(), reader.fields().end());
    if (lines != nullptr) lines->push_back(reader.line());
  }
}

// Quoted fields keep commas, line feeds and doubled quotes; a record's line is the line
// it starts on, so records after a multi-line field are numbered as an editor shows them.
TEST(CsvReaderTest, QuotedFieldsHoldCommasNewlinesAndQuotes) {
  std::vector<int64_t> lines;
  auto records =
      Records("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,\"\",z,\"\"\"\"\n", nullptr, &lines);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0], ElementsAre("a", "b,c", "say \"hi\"", "two\nlines"));
  EXPECT_THAT(records[1], ElementsAre("x", "", "z", "\""));
  EXPECT_THAT(lines, ElementsAre(1, 3));
}

// A UTF-8 byte order mark is skipped and CRLF ends records like LF; CR LF inside quotes
// is kept as it is.
TEST(CsvReaderTest, SkipsByteOrderMarkAndReadsCrlf) {
  auto records = Records("\xEF\xBB\xBFid,name\r\n1,\"a\r\nb\"\r\n2,c");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[0], ElementsAre("id", "name"));
  EXPECT_THAT(records[1], ElementsAre("1", "a\r\nb"));
  EXPECT_THAT(records[2], ElementsAre("2", "c"));
}

// Spaces and tabs around a field are dropped, but not inside its quotes; a trailing comma
// is one more empty field.
TEST(CsvReaderTest, TrimsOutsideQuotesOnly) {
  auto records = Records("  a \t,  \" b \"  ,\t\n,\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0], ElementsAre("a", " b ", ""));
  EXPECT_THAT(records[1], ElementsAre("", ""));
}

// Empty lines may end the file; inside it they are an error naming the line.
TEST(CsvReaderTest, EmptyLinesOnlyAtTheEnd) {
  EXPECT_EQ(Records("a\nb\n\n  \r\n\n").size(), 2u);
  std::string error;
  Records("a\n\nb\n", &error);
  EXPECT_EQ(error, "t.csv: row 2: empty line; only the end of the file may have empty lines");
}

// Malformed quoting is refused with the record's line and the column.
TEST(CsvReaderTest, RefusesMalformedQuotes) {
  std::string error;
  Records("a,b\nc,\"open\nd,e\n", &error);
  EXPECT_EQ(error,
            "t.csv: row 2: column 2: a quoted field is never closed (it starts on this row)");
  Records("a,b\nc,d\"e\n", &error);
  EXPECT_THAT(error, StartsWith("t.csv: row 2: column 2: a quote inside an unquoted field"));
  Records("a,\"b\"c\n", &error);
  EXPECT_THAT(error, StartsWith("t.csv: row 1: column 2: text after the closing quote"));
  Records("a,b\rc\n", &error);
  EXPECT_EQ(error, "t.csv: row 1: column 2: a carriage return not followed by a line feed");
}

// Fields and rows past the limits are refused, not read.
TEST(CsvReaderTest, RefusesFieldsAndRowsPastTheLimits) {
  std::string error;
  Records("a," + std::string(kCsvMaxFieldBytes + 1, 'x') + "\n", &error);
  EXPECT_EQ(error, "t.csv: row 1: column 2: the field is 4097 bytes long; the limit is 4096");
  EXPECT_EQ(Records("a," + std::string(kCsvMaxFieldBytes, 'x')).size(), 1u);
  std::string wide(kCsvMaxColumns, ',');  // kCsvMaxColumns + 1 fields
  Records(wide, &error);
  EXPECT_EQ(error, "t.csv: row 1: column 1025: more than 1024 fields in a row");
}

}  // namespace
}  // namespace minsheng
