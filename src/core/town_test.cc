// Tests for TownTable: Wudi's twelve towns and Zibo's come out of the built-in table in
// code order with the right names, malformed or unknown codes find nothing, every town
// lies in a current county of the region table, and the parser names file:line:column.
#include "core/town.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/region.h"

namespace minsheng {
namespace {

std::string ParseError(std::string_view text) {
  auto table = TownTable::Parse(text, "towns.tsv");
  EXPECT_FALSE(table.ok()) << text;
  return table.ok() ? "" : table.status().ToString();
}

std::vector<std::string> Names(std::span<const Town> towns) {
  std::vector<std::string> names;
  for (const Town& town : towns) names.push_back(town.name);
  return names;
}

TEST(TownBuiltin, WudiHasItsTwelveTownsInCodeOrder) {
  // Proves 无棣县 371623 has its two 街道 and ten 镇, sorted by code.
  const std::span<const Town> wudi = TownTable::Builtin().Of("371623");
  EXPECT_EQ(Names(wudi), (std::vector<std::string>{"棣丰街道", "海丰街道", "水湾镇", "碣石山镇",
                                                   "小泊头镇", "埕口镇", "马山子镇", "车王镇",
                                                   "柳堡镇", "佘家镇", "信阳镇", "西小王镇"}));
  ASSERT_EQ(wudi.size(), 12u);
  EXPECT_EQ(wudi[0].code, "371623001");
  EXPECT_EQ(wudi[2].code, "371623101");
  EXPECT_EQ(wudi[11].code, "371623110");
  for (size_t i = 0; i < wudi.size(); ++i) EXPECT_EQ(wudi[i].IsStreet(), i < 2) << wudi[i].name;
}

TEST(TownBuiltin, FindsByCode) {
  // Proves Find returns the town of a known 9-digit code.
  const Town* shuiwan = TownTable::Builtin().Find("371623101");
  ASSERT_NE(shuiwan, nullptr);
  EXPECT_EQ(shuiwan->name, "水湾镇");
  EXPECT_FALSE(shuiwan->IsStreet());
  const Town* station = TownTable::Builtin().Find("370303001");
  ASSERT_NE(station, nullptr);
  EXPECT_EQ(station->name, "车站街道");
  EXPECT_TRUE(station->IsStreet());
}

TEST(TownBuiltin, MalformedOrUnknownCodesFindNothing) {
  // Proves Find answers nullptr, never a neighbour, unless given 9 ASCII digits it knows.
  const TownTable& towns = TownTable::Builtin();
  for (const char* code : {"", "37162310", "3716231010", "37162310a", "371623 101", "３71623101",
                           "371623", "-37162310", "371623999", "000000000"}) {
    EXPECT_EQ(towns.Find(code), nullptr) << code;
  }
}

TEST(TownBuiltin, OfMalformedOrUnknownCountyIsEmpty) {
  // Proves Of is empty for codes that are not 6 digits and for a county without towns.
  const TownTable& towns = TownTable::Builtin();
  for (const char* code : {"", "37162", "3716231", "37162a", "371623101", "999999", "371624"}) {
    EXPECT_TRUE(towns.Of(code).empty()) << code;
  }
}

TEST(TownBuiltin, ZiboCountiesHaveTheirTowns) {
  // Proves each district and county of 淄博 has towns, and 张店区 has its 8 街道 and 5 镇.
  const TownTable& towns = TownTable::Builtin();
  for (const char* county :
       {"370302", "370303", "370304", "370305", "370306", "370321", "370322", "370323"}) {
    EXPECT_GE(towns.Of(county).size(), 9u) << county;
  }
  size_t streets = 0;
  for (const Town& town : towns.Of("370303")) streets += town.IsStreet();
  EXPECT_EQ(towns.Of("370303").size(), 13u);
  EXPECT_EQ(streets, 8u);
}

TEST(TownBuiltin, EveryTownLiesInACurrentCounty) {
  // Proves the generator's check held: every town's first six digits are a current region
  // code. Asking Of for every 6-digit number reaches every town exactly once.
  const TownTable& towns = TownTable::Builtin();
  const RegionTable& regions = RegionTable::Builtin();
  size_t reached = 0;
  for (int number = 100000; number <= 999999; ++number) {
    const std::string county = std::to_string(number);
    const std::span<const Town> of = towns.Of(county);
    if (of.empty()) continue;
    reached += of.size();
    const std::optional<Region> region = regions.Find(county);
    ASSERT_TRUE(region.has_value()) << county;
    EXPECT_TRUE(region->current) << county;
  }
  EXPECT_EQ(reached, towns.size());
  EXPECT_GT(towns.size(), 40000u);
}

TEST(TownParse, ReadsCommentsBlankLinesAndCrlf) {
  // Proves a small file parses: comments and blank lines skipped, CRLF accepted.
  auto table = TownTable::Parse(
      "# towns\n\n371623001\t棣丰街道\r\n371623101\t水湾镇\n371624100\t某镇\n", "towns.tsv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 3u);
  EXPECT_EQ(Names(table->Of("371623")), (std::vector<std::string>{"棣丰街道", "水湾镇"}));
  ASSERT_NE(table->Find("371624100"), nullptr);
  EXPECT_EQ(table->Find("371624100")->name, "某镇");
}

TEST(TownParse, ErrorsNameFileLineAndColumn) {
  // Proves each kind of bad line is refused with the place it went wrong.
  const std::string ok = "# towns\n371623001\t棣丰街道\n";
  EXPECT_EQ(ParseError(ok + "37162310\t水湾镇\n"),
            "towns.tsv:3:1: town code '37162310' has 8 characters, needs 9 digits");
  EXPECT_EQ(ParseError(ok + "３71623101\t水湾镇\n"),
            "towns.tsv:3:1: town code '３71623101' is not all digits");
  EXPECT_EQ(ParseError(ok + "371623101\t\n"), "towns.tsv:3:11: name is empty");
  EXPECT_EQ(ParseError(ok + "371623101\t水湾\x01镇\n"),
            "towns.tsv:3:11: name contains a control character");
  EXPECT_EQ(ParseError(ok + "371623101\t\xff\n"), "towns.tsv:3:11: name is not valid UTF-8");
  EXPECT_EQ(ParseError(ok + "371623101 水湾镇\n"),
            "towns.tsv:3: expected 2 tab-separated fields (code, name), found 1");
  EXPECT_EQ(ParseError(ok + "371623101\t水湾镇\t2013\n"),
            "towns.tsv:3: expected 2 tab-separated fields (code, name), found 3");
  EXPECT_EQ(ParseError(ok + "371623001\t棣丰街道\n"),
            "towns.tsv:3:1: town 371623001 appears twice");
  EXPECT_EQ(ParseError("371623101\t水湾镇\n\n371623001\t棣丰街道\n"),
            "towns.tsv:3:1: town 371623001 comes after 371623101; lines must be sorted by code");
  EXPECT_EQ(ParseError("# only comments\n"), "towns.tsv: no town lines");
  EXPECT_EQ(ParseError(""), "towns.tsv: no town lines");
}

}  // namespace
}  // namespace minsheng
