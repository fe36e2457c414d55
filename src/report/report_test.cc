// Tests of RenderHtml and RenderPublicListCsv (report.h) on the sample Wudi report
// (testing.h), on an empty report, and on reports built to break them: text that must be
// escaped, ID numbers where none should be, negative and overflowing amounts, one
// program and many.
#include "report/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "report/html_testing.h"
#include "report/testing.h"

namespace minsheng::report {
namespace {

using report::testing::NestingProblem;

using testing::Line;
using testing::SampleCountyReport;

const std::vector<std::string> kSectionHeadings = {
    "无棣县 2013年民生资金发放报告 / Wudi County livelihood payments 2013",
    "项目汇总 / Summary by program",
    "图表 / Charts",
    "各月各项目发放金额 / Monthly payments by program",
    "各乡镇全年发放金额 / Year's payments by township",
    "明细表 / Tables",
    "年末资金余额 / Fund balances at the year's end",
    "资金月度公开 / Monthly fund disclosures",
    "发放名单公示 / Public disclosure list",
    "账本审计 / Ledger audit",
};

size_t Count(std::string_view text, std::string_view part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// True when some width or height is negative.
bool HasNegativeSize(const std::string& html) {
  return std::regex_search(html, std::regex("(width|height)=\"-"));
}

void ExpectSelfContainedAndPrivate(const std::string& html) {
  EXPECT_FALSE(Contains(html, "<script")) << "no script";
  EXPECT_FALSE(Contains(html, "http://")) << "no external resource";
  EXPECT_FALSE(Contains(html, "https://")) << "no external resource";
  EXPECT_FALSE(Contains(html, "url(")) << "no resource from the style sheet";
  EXPECT_FALSE(std::regex_search(html, std::regex("[0-9]{15}"))) << "nothing like an ID number";
  EXPECT_EQ(Count(html, "<svg"), Count(html, "</svg>"));
  EXPECT_EQ(Count(html, "<table"), Count(html, "</table>"));
  EXPECT_EQ(Count(html, "<section"), Count(html, "</section>"));
}

TEST(RenderHtmlTest, HasEveryBilingualSection) {
  // Proves the page carries its title, each section's bilingual heading and the facts of
  // its title block.
  const std::string html = RenderHtml(SampleCountyReport());
  for (const std::string& heading : kSectionHeadings) {
    EXPECT_TRUE(Contains(html, heading)) << heading;
  }
  EXPECT_TRUE(Contains(html, "<html lang=\"zh-CN\">"));
  EXPECT_TRUE(Contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(Contains(html, "2026-11-24T06:00:11Z"));
  EXPECT_TRUE(Contains(html, "452,310 人 / persons, 151,204 户 / households"));
  ExpectSelfContainedAndPrivate(html);
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderHtmlTest, PrintsExactAmounts) {
  // Proves amounts are exact Money text: the school bus year (621,600,000 fen), the
  // grand total, the payee-months, a recovery, a month with no payment, a fund balance.
  const std::string html = RenderHtml(SampleCountyReport());
  EXPECT_TRUE(Contains(html, "<td class=\"number\">¥6,216,000.00</td>"));
  // 6,216,000.00 + 12 × 50,000.00 − 12,000.00 + 800.00 − 200.50
  EXPECT_TRUE(Contains(html, "<td class=\"number\">¥6,804,599.50</td>"));
  EXPECT_TRUE(Contains(html, "<td class=\"number\">88,800</td>"));  // 20 × 4,440 riders
  EXPECT_TRUE(Contains(html, "-¥12,000.00"));
  EXPECT_TRUE(Contains(html, "-¥200.50"));
  EXPECT_TRUE(Contains(html, "<td>2013-07</td>"));  // a month of the year with no payment
  EXPECT_TRUE(Contains(html, "¥384,000.00"));
  EXPECT_TRUE(Contains(html, ">县本级 / county level<"));
}

TEST(RenderHtmlTest, ShowsDisclosureFundsAuditAndPublicList) {
  // Proves the ledger's sections: a disclosure labelled by account, name and period,
  // with names for its lines; indented child accounts; the audit's result and its head
  // hash in groups of eight; the public list with its note on privacy.
  const std::string html = RenderHtml(SampleCountyReport());
  EXPECT_TRUE(Contains(html,
                       "fund/school_bus/county 县级校车补贴资金 / County school bus fund · "
                       "2013-12（2013-12-01 至 / to 2013-12-31）"));
  EXPECT_TRUE(Contains(html, "期初余额 / opening balance"));
  EXPECT_TRUE(Contains(html, "期末余额 / closing balance"));
  EXPECT_TRUE(
      Contains(html, "校车乘车补贴 / School bus subsidy</td><td class=\"number\">8,880</td>"));
  EXPECT_TRUE(Contains(html, "padding-left: calc(0.4em + 1 * 1.5em)\">fund/school_bus/county<"));
  EXPECT_TRUE(Contains(html, "通过 / passed"));
  EXPECT_TRUE(Contains(html,
                       "<code class=\"hash\">fa6470fe 9c1d4e0b 8a7f3c2d 1e5b6a79 88776655 "
                       "44332211 aabbccdd a6da7506</code>"));
  EXPECT_TRUE(
      Contains(html, "2013年12月 校车乘车补贴发放公示 / December 2013: school bus subsidy paid"));
  EXPECT_TRUE(Contains(
      html, "<td>张*丰</td><td>水湾镇,东村</td><td>水湾镇</td><td class=\"number\">4</td>"));
  EXPECT_TRUE(Contains(html, "Names are masked; ID numbers are never shown."));
}

TEST(RenderHtmlTest, EscapesEveryTextFromTheReport) {
  // Proves text from the report cannot open a tag or an attribute anywhere on the page.
  const std::string nasty = "<b>&\"'";
  const std::string escaped = "&lt;b&gt;&amp;&quot;&#39;";
  CountyReport report = SampleCountyReport();
  report.county_name_zh = nasty;
  report.county_name_en = nasty;
  report.generated_at = nasty;
  report.totals[0].title_zh = nasty;
  report.totals[0].township_name = nasty;
  report.funds[0].name_en = nasty;
  report.disclosures[0].income[0].label = nasty;
  report.public_list[0].village = nasty;
  report.public_list_title_en = nasty;
  report.audit.message = nasty;
  report.audit.head_hash = nasty;
  const std::string html = RenderHtml(report);
  EXPECT_FALSE(Contains(html, nasty));
  EXPECT_FALSE(Contains(html, "<b>"));
  EXPECT_GE(Count(html, escaped), 10u);
  ExpectSelfContainedAndPrivate(html);
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderHtmlTest, NeverShowsAnIdNumber) {
  // Proves an ID number that slipped into any text, or a name the caller forgot to mask,
  // is masked on the page, and that a hash of digits is not printed as one long run.
  CountyReport report = SampleCountyReport();
  report.public_list[0].masked_name = "张三丰";
  report.public_list[0].village = "户主371623198506120033";
  report.public_list[1].masked_name = "37162319850612003X";
  report.disclosures[0].payments[0].label = "payable/person/371623198506120033";
  report.audit.head_hash = std::string(64, '7');
  const std::string html = RenderHtml(report);
  EXPECT_TRUE(Contains(html, "<td>张*丰</td>"));
  EXPECT_TRUE(Contains(html, "户主37*************033"));
  EXPECT_TRUE(Contains(html, "payable/person/37*************033"));
  EXPECT_FALSE(Contains(html, "张三丰"));
  EXPECT_FALSE(Contains(html, "0612003"));
  ExpectSelfContainedAndPrivate(html);
}

TEST(RenderHtmlTest, EmptyReportSaysNoData) {
  // Proves a report with nothing in it renders every heading, draws no chart, and says
  // "no data" where there is none.
  CountyReport report;
  report.county_name_zh = "无棣县";
  report.county_name_en = "Wudi County";
  const std::string html = RenderHtml(report);
  for (const std::string& heading : kSectionHeadings) {
    EXPECT_TRUE(Contains(html, heading)) << heading;
  }
  EXPECT_EQ(Count(html, "<svg"), 0u);
  EXPECT_EQ(Count(html, "<table"), 0u);
  // Summary, two charts, tables, funds, disclosures, public list, audit.
  EXPECT_EQ(Count(html, "无数据 / no data"), 8u);
  ExpectSelfContainedAndPrivate(html);
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderHtmlTest, ChartsOneProgram) {
  // Proves the charts draw with a single program: one legend entry, a bar per month
  // with its exact amount as tooltip, a value scale of exact ticks.
  CountyReport report;
  report.totals.push_back(Line("school_bus_subsidy", "2013-03", "371623101", "水湾镇", 2, 14'000));
  report.totals.push_back(Line("school_bus_subsidy", "2013-04", "371623101", "水湾镇", 1, 7'000));
  const std::string html = RenderHtml(report);
  EXPECT_EQ(Count(html, "<svg"), 2u);
  EXPECT_EQ(Count(html, "<title id="), 2u);
  EXPECT_EQ(Count(html, "class=\"legend\""), 1u);
  EXPECT_TRUE(
      Contains(html, "<title>校车乘车补贴 / School bus subsidy · 2013-03 · ¥140.00</title>"));
  EXPECT_TRUE(Contains(html, ">¥150.00</text>"));  // the scale's top: 5 steps of ¥30.00
  EXPECT_TRUE(Contains(html, ">3月</text>"));
  EXPECT_TRUE(Contains(html, ">12月</text>"));
  EXPECT_FALSE(HasNegativeSize(html));
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderHtmlTest, ChartsNegativeAndZeroMonthsAtZero) {
  // Proves a month below zero is drawn at zero with a marker and its exact amount, and a
  // township below zero keeps its exact label; nothing gets a negative size.
  const std::string html = RenderHtml(SampleCountyReport());
  EXPECT_EQ(Count(html, "<polygon"), 1u);
  EXPECT_TRUE(Contains(html, "· 2013-02 · -¥200.50</title></polygon>"));
  EXPECT_TRUE(Contains(html, "class=\"value negative\""));
  EXPECT_TRUE(Contains(html, ">-¥12,000.00</text>"));
  EXPECT_TRUE(Contains(html, "drawn at zero"));
  EXPECT_FALSE(HasNegativeSize(html));
}

TEST(RenderHtmlTest, ChartsManyProgramsAndMonths) {
  // Proves nine programs over thirty months (across three years) still give bars at
  // least two pixels wide and a legend entry for each program.
  CountyReport report;
  for (int program = 0; program < 9; ++program) {
    for (int month = 0; month < 30; ++month) {
      const std::string text = std::to_string(2012 + month / 12) + "-" +
                               (month % 12 < 9 ? "0" : "") + std::to_string(month % 12 + 1);
      report.totals.push_back(Line("program_" + std::to_string(program), text, "371623101",
                                   "水湾镇", 1, 100 * (program + 1) * (month + 1)));
    }
  }
  const std::string html = RenderHtml(report);
  EXPECT_EQ(Count(html, "class=\"legend\""), 9u);
  EXPECT_EQ(Count(html, "<rect fill"), 9u + 9u * 30u + 1u);  // legend, bars, one township
  EXPECT_FALSE(Contains(html, "width=\"0\""));
  EXPECT_FALSE(Contains(html, "width=\"1\""));
  // Months of three years are labelled by their text, every other one here for room.
  EXPECT_TRUE(Contains(html, ">2012-01</text>"));
  EXPECT_TRUE(Contains(html, ">2014-05</text>"));
  EXPECT_FALSE(Contains(html, ">2014-06</text>"));
  EXPECT_FALSE(Contains(html, "月</text>"));
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderHtmlTest, TooManyProgramsToChart) {
  // Proves that past ten programs the monthly chart gives way to a note (its colours would
  // repeat), while the townships' chart and the tables stay.
  CountyReport report;
  for (int program = 0; program < 11; ++program) {
    report.totals.push_back(
        Line("program_" + std::to_string(program), "2013-01", "371623101", "水湾镇", 1, 100));
  }
  const std::string html = RenderHtml(report);
  EXPECT_EQ(Count(html, "<svg"), 1u);
  EXPECT_TRUE(Contains(html, "id=\"township-chart-title\""));
  EXPECT_TRUE(Contains(html, "Too many programs, months or townships to chart"));
  EXPECT_TRUE(Contains(html, "<td class=\"number\">¥11.00</td>"));
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderHtmlTest, OverflowIsShownNotWrapped) {
  // Proves a total beyond int64 fen is printed as an overflow, never as a wrapped amount.
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  CountyReport report;
  report.totals.push_back(Line("school_bus_subsidy", "2013-01", "371623101", "水湾镇", kMax, kMax));
  report.totals.push_back(Line("school_bus_subsidy", "2013-02", "371623101", "水湾镇", 1, kMax));
  const std::string html = RenderHtml(report);
  EXPECT_TRUE(Contains(html, "溢出 / overflow"));
  EXPECT_TRUE(Contains(html, "¥92,233,720,368,547,758.07"));
  EXPECT_FALSE(Contains(html, "-¥92,233,720,368,547,758"));
  EXPECT_EQ(NestingProblem(html), "");
}

TEST(RenderPublicListCsvTest, HeaderQuotingAndAmounts) {
  // Proves the CSV's header, RFC 4180 quoting of a village with a comma, an empty field,
  // and amounts in yuan with two decimals, a recovery negative.
  const std::string csv = RenderPublicListCsv(SampleCountyReport());
  EXPECT_EQ(csv,
            "masked_name,village,township,household_size,program,amount\n"
            "张*丰,\"水湾镇,东村\",水湾镇,4,校车乘车补贴,140.00\n"
            "欧**娜,,碣石山镇,3,校车乘车补贴,70.00\n"
            "李*,马家村,小泊头镇,1,五保供养金,-3.20\n");
}

TEST(RenderPublicListCsvTest, QuotesQuotesAndLineBreaksAndHidesIdNumbers) {
  // Proves quotes are doubled, a line break is quoted, an unmasked name is masked and an
  // ID number in a field is masked; an empty list is the header alone.
  CountyReport report;
  report.public_list = {{.masked_name = "张三丰",
                         .village = "\"东\"村\n二组",
                         .township_name = "371623198506120033",
                         .household_size = 2,
                         .program_title_zh = "低保",
                         .amount_fen = 5}};
  EXPECT_EQ(RenderPublicListCsv(report),
            "masked_name,village,township,household_size,program,amount\n"
            "张*丰,\"\"\"东\"\"村\n二组\",37*************033,2,低保,0.05\n");
  EXPECT_EQ(RenderPublicListCsv(CountyReport{}),
            "masked_name,village,township,household_size,program,amount\n");
}

}  // namespace
}  // namespace minsheng::report
