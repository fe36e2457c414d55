// Tests of the report's text functions (html_text.h): escaping, hiding ID numbers,
// bilingual labels and number formats.
#include "report/html_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace minsheng::report {
namespace {

TEST(EscapeHtmlTest, EscapesMarkupAndControlCharacters) {
  // Proves the five characters that matter in text and attributes are escaped, and a
  // control character cannot reach the page.
  EXPECT_EQ(EscapeHtml("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(EscapeHtml("水湾镇"), "水湾镇");
  EXPECT_EQ(EscapeHtml(std::string("a\0b\x1b", 4)), "a b ");
  EXPECT_EQ(EscapeHtml("a\tb\nc"), "a\tb\nc");
}

TEST(HideIdNumbersTest, MasksRunsThatCouldBeIdNumbers) {
  // Proves 18-character, 17-digit-and-X and 15-digit runs are masked as ID numbers are,
  // and shorter runs (region and town codes, counts) are left alone.
  EXPECT_EQ(HideIdNumbers("371623198506120033"), "37*************033");
  EXPECT_EQ(HideIdNumbers("id 37162319850612003X."), "id 37*************03X.");
  EXPECT_EQ(HideIdNumbers("110105491231002"), "11**********002");
  EXPECT_EQ(HideIdNumbers("37162319850612"), "37162319850612");
  EXPECT_EQ(HideIdNumbers("371623101 水湾镇 2013-03"), "371623101 水湾镇 2013-03");
  EXPECT_EQ(HideIdNumbers(""), "");
}

TEST(BilingualTextTest, JoinsWhatThereIs) {
  // Proves a label is "中文 / English", one part alone when the other is missing, and the
  // fallback when both are.
  EXPECT_EQ(BilingualText("水湾镇", "Shuiwan"), "水湾镇 / Shuiwan");
  EXPECT_EQ(BilingualText("水湾镇", ""), "水湾镇");
  EXPECT_EQ(BilingualText("", "Shuiwan"), "Shuiwan");
  EXPECT_EQ(BilingualText("", "", "school_bus_subsidy"), "school_bus_subsidy");
}

TEST(NumberTextTest, YuanAndCounts) {
  // Proves amounts are Money's exact text and counts are grouped by thousands, down to
  // the int64 limits.
  EXPECT_EQ(YuanText(621'600'000), "¥6,216,000.00");
  EXPECT_EQ(YuanText(-320), "-¥3.20");
  EXPECT_EQ(YuanText(0), "¥0.00");
  EXPECT_EQ(CountText(0), "0");
  EXPECT_EQ(CountText(999), "999");
  EXPECT_EQ(CountText(1'000), "1,000");
  EXPECT_EQ(CountText(-1'234'567), "-1,234,567");
  EXPECT_EQ(CountText(std::numeric_limits<int64_t>::min()), "-9,223,372,036,854,775,808");
}

}  // namespace
}  // namespace minsheng::report
