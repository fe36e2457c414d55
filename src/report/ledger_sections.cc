// The page's sections from the fund ledger (sections.h): the fund balances at the year's
// end, the monthly fund disclosures (一月一公开) and the audit of the journal.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "report/html_table.h"
#include "report/html_text.h"
#include "report/sections.h"

namespace minsheng::report {
namespace {

// A hash is shown in groups of this many characters: easier to compare by eye, and no
// group is long enough to read as an ID number.
constexpr size_t kHashGroup = 8;

// What a disclosure's line is called on the page: the account's name for a fund account
// the report lists, the program's title for a purpose that is a program, else the label.
class LineNames {
 public:
  LineNames(const CountyReport& report, const Tally& tally) {
    for (const FundBalance& fund : report.funds) {
      names_.emplace(fund.account,
                     PublicText(fund.account) + " " + BilingualText(fund.name_zh, fund.name_en));
    }
    for (const ProgramColumn& program : tally.programs) {
      names_.emplace(program.program, ProgramHtml(program));
    }
  }
  std::string Html(const std::string& label) const {
    const auto found = names_.find(label);
    return found == names_.end() ? PublicText(label) : found->second;
  }

 private:
  std::map<std::string, std::string> names_;
};

// Amounts in CNY (or with no unit) are fen and shown as yuan; other units as counts.
std::string AmountText(int64_t amount, const std::string& unit) {
  if (unit.empty() || unit == "CNY") return YuanText(amount);
  return CountText(amount) + " " + PublicText(unit);
}

void AppendLines(HtmlTable& table, const char* heading,
                 const std::vector<ledger::DisclosureLine>& lines, const std::string& unit,
                 const LineNames& names) {
  table.rows.push_back({{.html = heading, .heading = true, .span = 3}});
  if (lines.empty()) {
    table.rows.push_back({{.html = "无 / none", .indent = 1}, TextCell(""), TextCell("")});
  }
  for (const ledger::DisclosureLine& line : lines) {
    table.rows.push_back({{.html = names.Html(line.label), .indent = 1},
                          NumberCell(CountText(line.transfer_count)),
                          NumberCell(AmountText(line.amount, unit))});
  }
}

void AppendDisclosure(std::string& out, const ledger::Disclosure& disclosure,
                      const LineNames& names) {
  const Period& period = disclosure.period;
  out += "<div class=\"disclosure\">\n<h3>" + names.Html(disclosure.account) + " · " +
         PublicText(period.ToString()) + "（" + period.first_day().ToString() + " 至 / to " +
         period.last_day().ToString() + "）</h3>\n";
  const std::string& unit = disclosure.unit;
  HtmlTable table;
  table.header = {TextCell("项目 / item"), NumberCell("笔数 / transfers"),
                  NumberCell("金额 / amount")};
  table.rows.push_back({TextCell("期初余额 / opening balance"), TextCell(""),
                        NumberCell(AmountText(disclosure.opening, unit))});
  AppendLines(table, "收入 / income", disclosure.income, unit, names);
  AppendLines(table, "拨付 / allocations", disclosure.allocations, unit, names);
  AppendLines(table, "支出 / payments", disclosure.payments, unit, names);
  table.totals.push_back({TextCell("期末余额 / closing balance"), TextCell(""),
                          NumberCell(AmountText(disclosure.closing, unit))});
  AppendTable(out, table);
  out +=
      "<p class=\"note\">单位 / unit: " + (unit.empty() ? std::string("CNY") : PublicText(unit)) +
      "</p>\n</div>\n";
}

// The hash in groups of kHashGroup; a text that is not plain ASCII is shown as any text.
std::string HashHtml(const std::string& hash) {
  for (char c : hash) {
    if (static_cast<unsigned char>(c) >= 0x80) return PublicText(hash);
  }
  std::string grouped;
  for (size_t i = 0; i < hash.size(); i += kHashGroup) {
    if (i > 0) grouped += ' ';
    grouped += EscapeHtml(hash.substr(i, kHashGroup));
  }
  return "<code class=\"hash\">" + grouped + "</code>";
}

}  // namespace

void AppendFundSection(std::string& out, const CountyReport& report) {
  out += "<section id=\"funds\">\n<h2>年末资金余额 / Fund balances at the year's end</h2>\n";
  if (report.funds.empty()) {
    AppendNoData(out);
    out += "</section>\n";
    return;
  }
  HtmlTable table;
  table.header = {TextCell("账户 / account"), TextCell("名称 / name"),
                  NumberCell("余额 / balance")};
  for (const FundBalance& fund : report.funds) {
    table.rows.push_back({{.html = PublicText(fund.account), .indent = fund.depth},
                          TextCell(BilingualText(fund.name_zh, fund.name_en)),
                          NumberCell(YuanText(fund.balance_fen))});
  }
  AppendTable(out, table);
  out +=
      "<p class=\"note\">上级账户的余额含其下级账户。/ A parent account's balance includes its "
      "children's.</p>\n</section>\n";
}

void AppendDisclosureSection(std::string& out, const CountyReport& report, const Tally& tally) {
  out += "<section id=\"disclosures\">\n<h2>资金月度公开 / Monthly fund disclosures</h2>\n";
  if (report.disclosures.empty()) {
    AppendNoData(out);
    out += "</section>\n";
    return;
  }
  out +=
      "<p class=\"note\">一月一公开：各项资金当月的期初余额、收入、拨付、支出和期末余额。/ "
      "Published every month: each fund's opening balance, income, allocations, payments and "
      "closing balance.</p>\n";
  const LineNames names(report, tally);
  for (const ledger::Disclosure& disclosure : report.disclosures) {
    AppendDisclosure(out, disclosure, names);
  }
  out += "</section>\n";
}

void AppendAuditSection(std::string& out, const AuditSummary& audit) {
  out += "<section id=\"audit\" class=\"audit\">\n<h2>账本审计 / Ledger audit</h2>\n";
  if (audit.batches == 0 && audit.head_hash.empty() && audit.message.empty()) {
    AppendNoData(out);
    out += "</section>\n";
    return;
  }
  const std::string result = audit.ok ? "<span class=\"passed\">通过 / passed</span>"
                                      : "<span class=\"failed\">未通过 / failed</span>";
  HtmlTable table;
  table.header = {TextCell("结果 / result"), NumberCell("批次 / batches"),
                  NumberCell("日记账行 / journal rows"), NumberCell("账户 / accounts"),
                  TextCell("链头哈希 / head hash")};
  table.rows.push_back({TextCell(result), NumberCell(CountText(audit.batches)),
                        NumberCell(CountText(audit.rows)), NumberCell(CountText(audit.accounts)),
                        TextCell(HashHtml(audit.head_hash))});
  AppendTable(out, table);
  if (!audit.message.empty()) {
    out += "<p>说明 / message: " + PublicText(audit.message) + "</p>\n";
  }
  out +=
      "<p class=\"note\">链头哈希是截至此时整个账本的指纹：请留存，与下一次资金公开公布的链头哈希"
      "核对，或用 minsheng ledger audit --expect-head 核对。/ The head hash fingerprints the "
      "whole journal up to now: keep it, to compare with the one published with the next "
      "disclosure or with minsheng ledger audit --expect-head.</p>\n</section>\n";
}

}  // namespace minsheng::report
