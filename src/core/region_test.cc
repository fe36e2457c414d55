// Tests for RegionTable and ValidateRegionCode: the places minsheng serves first (无棣县,
// the districts and counties of 淄博) resolve in the built-in table, retired codes still
// resolve but are not current, and the parser names file:line:column for bad input.
#include "core/region.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace minsheng {
namespace {

const RegionTable& Table() {
  return RegionTable::Builtin();
}

std::string ParseError(std::string_view text) {
  auto table = RegionTable::Parse(text, "regions.tsv");
  EXPECT_FALSE(table.ok()) << text;
  return table.ok() ? "" : table.status().ToString();
}

constexpr std::string_view kSmallTable =
    "# a comment\n"
    "# revisions: 2002 2014 now\n"
    "370000\t山东省\t2002\tnow\n"
    "371600\t滨州地区\t2002\t2002\n"
    "371600\t滨州市\t2014\tnow\n"
    "371624\t沾化县\t2002\t2002\n";

TEST(RegionBuiltin, WudiResolvesWithItsPath) {
  // Proves 371623 is 无棣县, a current county, under 山东省 and 滨州市.
  const std::optional<Region> wudi = Table().Find("371623");
  ASSERT_TRUE(wudi.has_value());
  EXPECT_EQ(wudi->code, "371623");
  EXPECT_EQ(wudi->name(), "无棣县");
  EXPECT_EQ(wudi->level, RegionLevel::kCounty);
  EXPECT_TRUE(wudi->current);

  const RegionPath path = Table().PathOf("371623");
  ASSERT_TRUE(path.province.has_value());
  ASSERT_TRUE(path.city.has_value());
  ASSERT_TRUE(path.county.has_value());
  EXPECT_EQ(path.province->name(), "山东省");
  EXPECT_EQ(path.province->level, RegionLevel::kProvince);
  EXPECT_EQ(path.city->name(), "滨州市");
  EXPECT_EQ(path.city->level, RegionLevel::kCity);
  EXPECT_EQ(path.county->name(), "无棣县");
  EXPECT_EQ(path.FullName(), "山东省 滨州市 无棣县");
}

TEST(RegionBuiltin, ZiboDistrictsAndCountiesResolve) {
  // Proves every district and county of 淄博市 resolves, current, under 山东省 淄博市.
  const std::vector<std::pair<std::string, std::string>> zibo = {
      {"370302", "淄川区"}, {"370303", "张店区"}, {"370304", "博山区"}, {"370305", "临淄区"},
      {"370306", "周村区"}, {"370321", "桓台县"}, {"370322", "高青县"}, {"370323", "沂源县"},
  };
  for (const auto& [code, name] : zibo) {
    const std::optional<Region> region = Table().Find(code);
    ASSERT_TRUE(region.has_value()) << code;
    EXPECT_EQ(region->name(), name) << code;
    EXPECT_TRUE(region->current) << code;
    EXPECT_EQ(Table().PathOf(code).FullName(), "山东省 淄博市 " + name);
  }
}

TEST(RegionBuiltin, RetiredZhanhuaCountyExistedButIsNotCurrent) {
  // Proves 沾化县 371624, which became 滨州市沾化区 371603 in 2014, still resolves (old
  // records carry it) but is not current, and its successor is.
  const std::optional<Region> county = Table().Find("371624");
  ASSERT_TRUE(county.has_value());
  EXPECT_EQ(county->name(), "沾化县");
  EXPECT_FALSE(county->current);
  EXPECT_TRUE(Table().Existed("371624"));
  EXPECT_EQ(county->names.front().first_revision, "200212");
  EXPECT_EQ(Table().PathOf("371624").FullName(), "山东省 滨州市 沾化县");

  const std::optional<Region> district = Table().Find("371603");
  ASSERT_TRUE(district.has_value());
  EXPECT_EQ(district->name(), "沾化区");
  EXPECT_TRUE(district->current);
}

TEST(RegionBuiltin, ZoupingCityIsCurrent) {
  // Proves 邹平市 371681 (邹平县 371626 until 2018) is current, from the newest revision.
  const std::optional<Region> zouping = Table().Find("371681");
  ASSERT_TRUE(zouping.has_value());
  EXPECT_EQ(zouping->name(), "邹平市");
  EXPECT_TRUE(zouping->current);
  EXPECT_EQ(zouping->names.back().last_revision, Table().revisions().back());
  EXPECT_EQ(Table().PathOf("371681").FullName(), "山东省 滨州市 邹平市");
}

TEST(RegionBuiltin, MunicipalityDistrictHasNoPlaceholderCity) {
  // Proves 110105 朝阳区 is in 北京市, and the 市辖区 placeholder 110100 of old revisions
  // is left out of its path rather than shown as a city.
  const RegionPath path = Table().PathOf("110105");
  ASSERT_TRUE(path.province.has_value());
  ASSERT_TRUE(path.county.has_value());
  EXPECT_EQ(path.province->name(), "北京市");
  EXPECT_FALSE(path.city.has_value());
  EXPECT_EQ(path.county->name(), "朝阳区");
  EXPECT_EQ(path.FullName(), "北京市 朝阳区");

  const std::optional<Region> placeholder = Table().Find("110100");
  ASSERT_TRUE(placeholder.has_value());
  EXPECT_EQ(placeholder->name(), "市辖区");
  EXPECT_EQ(placeholder->level, RegionLevel::kCity);
  EXPECT_EQ(Table().PathOf("110100").FullName(), "北京市 市辖区") << "asked for by code";
}

TEST(RegionBuiltin, CountyUnderProvinceDirectlyHasNoCity) {
  // Proves a county-level city under 湖北省 directly (仙桃市 429004) skips the
  // 省直辖县级行政区划 grouping.
  EXPECT_EQ(Table().PathOf("429004").FullName(), "湖北省 仙桃市");
}

TEST(RegionBuiltin, RenamedCodeKeepsEveryName) {
  // Proves a renamed code keeps its names oldest first: 130502 桥东区 became 襄都区.
  const std::optional<Region> region = Table().Find("130502");
  ASSERT_TRUE(region.has_value());
  ASSERT_GE(region->names.size(), 2u);
  EXPECT_EQ(region->names.front().name, "桥东区");
  EXPECT_EQ(region->name(), "襄都区");
  EXPECT_TRUE(region->current);
}

TEST(RegionBuiltin, NeverExistingCodeIsNotFound) {
  // Proves codes that never existed, and malformed ones, are not found and have no path.
  for (const std::string_view code : {"999999", "371699", "000000", "37162", "37162a", ""}) {
    EXPECT_FALSE(Table().Find(code).has_value()) << code;
    EXPECT_FALSE(Table().Existed(code)) << code;
    EXPECT_EQ(Table().PathOf(code).FullName(), "") << code;
  }
}

TEST(RegionBuiltin, HasAPlausibleSize) {
  // Proves the embedded data made it into the binary whole: thousands of codes, the
  // gb2260 revisions from 200212 and a newest revision after them.
  EXPECT_GT(Table().size(), 3000u);
  EXPECT_LT(Table().size(), 10000u);
  ASSERT_GE(Table().revisions().size(), 2u);
  EXPECT_EQ(Table().revisions().front(), "200212");
  EXPECT_EQ(&Table(), &RegionTable::Builtin()) << "parsed once";
}

TEST(RegionParse, ReadsSpellsInOrder) {
  // Proves a small table parses: spells of one code in order, current from the newest
  // revision, levels from the code's shape.
  auto table = RegionTable::Parse(kSmallTable, "regions.tsv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->size(), 3u);
  EXPECT_EQ(table->revisions(), (std::vector<std::string>{"2002", "2014", "now"}));
  const std::optional<Region> city = table->Find("371600");
  ASSERT_TRUE(city.has_value());
  EXPECT_EQ(city->names,
            (std::vector<RegionName>{{"滨州地区", "2002", "2002"}, {"滨州市", "2014", "now"}}));
  EXPECT_TRUE(city->current);
  EXPECT_FALSE(table->Find("371624")->current);
  EXPECT_EQ(table->PathOf("371624").FullName(), "山东省 滨州市 沾化县");
}

TEST(RegionParse, AcceptsCrlfAndBlankLines) {
  // Proves a file saved with Windows line ends, blank lines or no final newline parses
  // the same.
  auto table = RegionTable::Parse("# revisions: a b\r\n\r\n110000\t北京市\ta\tb", "x.tsv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->Find("110000")->name(), "北京市");
  EXPECT_TRUE(table->Find("110000")->current);
}

TEST(RegionParse, ErrorsNameFileLineAndColumn) {
  // Proves each malformed line is refused with file:line[:column] and the reason.
  const std::string revisions = "# revisions: 2002 2014 now\n";
  EXPECT_EQ(ParseError(revisions + "370000\t山东省\t2002\n"),
            "regions.tsv:2: expected 4 tab-separated fields (code, name, first, last), found 3");
  EXPECT_EQ(ParseError(revisions + "37000\t山东省\t2002\tnow\n"),
            "regions.tsv:2:1: region code '37000' has 5 characters, needs 6 digits");
  EXPECT_EQ(ParseError(revisions + "370000\t\t2002\tnow\n"), "regions.tsv:2:8: name is empty");
  EXPECT_EQ(ParseError(revisions + "370000\t山东省\t2003\tnow\n"),
            "regions.tsv:2:12: first revision '2003' is not in the revisions line");
  EXPECT_EQ(ParseError(revisions + "370000\t山东省\tnow\t2002\n"),
            "regions.tsv:2:16: last revision '2002' comes before first 'now'");
  EXPECT_EQ(ParseError(revisions + "370000\t山\xff\t2002\tnow\n"),
            "regions.tsv:2:8: name is not valid UTF-8");
  EXPECT_EQ(ParseError(revisions + "370100\t济南市\t2002\tnow\n370000\t山东省\t2002\tnow\n"),
            "regions.tsv:3: code 370000 comes after 370100; lines must be sorted by code");
  EXPECT_EQ(ParseError(revisions + "370000\t山东\t2002\t2014\n370000\t山东省\t2014\tnow\n"),
            "regions.tsv:3: spell of 370000 from '2014' does not start after the previous one, "
            "which ends at '2014'");
  EXPECT_EQ(ParseError("370000\t山东省\t2002\tnow\n"),
            "regions.tsv:1: a '# revisions: …' line must come before the first region line");
  EXPECT_EQ(ParseError(revisions + revisions),
            "regions.tsv:2: second revisions line (the first is line 1)");
  EXPECT_EQ(ParseError("# revisions: a b a\n"), "regions.tsv:1: revision 'a' is listed twice");
  EXPECT_EQ(ParseError(revisions), "regions.tsv: no region lines");
  EXPECT_EQ(ParseError(""), "regions.tsv: no region lines");
}

TEST(RegionCode, ValidateSaysWhy) {
  // Proves the validator accepts six ASCII digits and says what is wrong otherwise,
  // counting characters, not bytes.
  ASSERT_TRUE(ValidateRegionCode("371623").ok());
  EXPECT_EQ(*ValidateRegionCode("371623"), "371623");
  EXPECT_EQ(ValidateRegionCode("").status().message(), "region code is empty");
  EXPECT_EQ(ValidateRegionCode("3716230").status().message(),
            "region code '3716230' has 7 characters, needs 6 digits");
  EXPECT_EQ(ValidateRegionCode("37162X").status().message(),
            "region code '37162X' has a non-digit at position 6");
  EXPECT_EQ(ValidateRegionCode("３71623").status().message(),
            "region code '３71623' has a non-digit at position 1");
  EXPECT_EQ(ValidateRegionCode(" 371623").status().message(),
            "region code ' 371623' has 7 characters, needs 6 digits");
  EXPECT_EQ(ValidateRegionCode(std::string(100, '1')).status().message(),
            "region code '111111111111111111111111…' has 100 characters, needs 6 digits");
}

TEST(RegionCode, StrayContinuationByteBeforeDigitsIsRefused) {
  // Proves the input the property below once found: a lone UTF-8 continuation byte
  // before six digits is seven bytes, not a code.
  EXPECT_FALSE(ValidateRegionCode("\x93" "402661").ok());
}

RC_GTEST_PROP(RegionCode, AcceptsExactlySixAsciiDigits, ()) {
  // Proves, for short strings of digits, spaces, letters and stray UTF-8 bytes, that
  // validation succeeds exactly for six ASCII digits, and that look-ups agree with it.
  const auto length = *rc::gen::inRange<size_t>(0, 9);
  const auto text = *rc::gen::container<std::string>(
      length, rc::gen::elementOf(std::string("0123456789 x\xef\xbc\x93")));
  const bool six_digits = text.size() == 6 && std::all_of(text.begin(), text.end(), [](char c) {
                            return c >= '0' && c <= '9';
                          });
  RC_ASSERT(ValidateRegionCode(text).ok() == six_digits);
  RC_ASSERT(Table().Existed(text) == Table().Find(text).has_value());
  if (!six_digits) RC_ASSERT(!Table().Existed(text));
}

}  // namespace
}  // namespace minsheng
