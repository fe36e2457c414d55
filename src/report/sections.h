// The sections of the report page, in the order RenderHtml (page.cc) appends them: the
// title, the summary by program, the charts, the tables by month and by township, the
// fund balances, the monthly fund disclosures, the public list and the audit. Each
// section writes its own bilingual heading and, when it has nothing to show,
// "无数据 / no data". Internal to report; pure functions.
#pragma once

#include <string>

#include "report/report.h"
#include "report/tally.h"

namespace minsheng::report {

void AppendTitleSection(std::string& out, const CountyReport& report);
void AppendSummarySection(std::string& out, const Tally& tally);
void AppendChartSection(std::string& out, const Tally& tally, int year);
void AppendTableSection(std::string& out, const Tally& tally);
void AppendFundSection(std::string& out, const CountyReport& report);
void AppendDisclosureSection(std::string& out, const CountyReport& report, const Tally& tally);
void AppendPublicListSection(std::string& out, const CountyReport& report);
void AppendAuditSection(std::string& out, const AuditSummary& audit);

// The page's title: "无棣县 2013年民生资金发放报告 / Wudi County livelihood payments 2013".
// Escaped.
std::string PageTitle(const CountyReport& report);

}  // namespace minsheng::report
