// Report: a county's year of livelihood programmes as one self-contained HTML page, and
// the public disclosure list (公示) as CSV.
//
// The caller gathers the figures (totals by program, month and township, fund balances,
// the ledger's monthly disclosures, the public list, the audit) into a CountyReport; the
// renderers only lay them out. The page has inline CSS and inline SVG charts, no script
// and no external resource, so it can be mailed, archived or printed as it is. Amounts
// are int64 fen and are printed as exact Money text. Every text taken from the report is
// HTML-escaped, names are masked again with MaskName (which leaves a masked name as it
// is) and any run of 15 or more digits in a text is masked as an ID number would be:
// a public output never shows an ID number (docs/report.md). Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/statement.h"

namespace minsheng::report {

struct ProgramTotal {   // one program, one month, one township
  std::string program;  // "school_bus_subsidy"
  std::string title_zh, title_en;
  std::string month;          // "2013-03"
  std::string township_code;  // 9 digits, or the county's 6 when a household has no town
  std::string township_name;  // "水湾镇"
  int64_t payees = 0;
  int64_t amount_fen = 0;  // paid in the month, adjustments included (may be negative)
};

struct FundBalance {
  std::string account, name_zh, name_en;
  int depth = 0;            // 0 for a root account, 1 for its children … (indent)
  int64_t balance_fen = 0;  // as the account's kind reads it
};

struct PublicLine {         // one line of the public disclosure: never an ID number
  std::string masked_name;  // already masked with MaskName (张*丰)
  std::string village;      // 村/社区, may be ""
  std::string township_name;
  int household_size = 0;
  std::string program_title_zh;
  int64_t amount_fen = 0;
};

struct AuditSummary {
  bool ok = false;
  int64_t batches = 0, rows = 0, accounts = 0;
  std::string head_hash;  // 64 hex characters
  std::string message;    // e.g. "audit passed: …" or the first problem
};

struct CountyReport {
  std::string county_code, county_name_zh, county_name_en;  // "371623", "无棣县", "Wudi County"
  int year = 2013;
  std::string generated_at;  // "2026-11-24T06:00:11Z"
  int64_t persons = 0, households = 0;
  std::vector<ProgramTotal> totals;
  std::vector<FundBalance> funds;  // at the year's end
  // Monthly fund disclosures (一月一公开) to show, in order.
  std::vector<ledger::Disclosure> disclosures;
  std::string public_list_title_zh, public_list_title_en;  // "2013年12月 校车乘车补贴发放公示"
  std::vector<PublicLine> public_list;
  AuditSummary audit;
};

// A self-contained page: inline CSS and inline SVG charts, no script, no external resource.
std::string RenderHtml(const CountyReport& report);
// The public list as CSV with a header row:
// masked_name,village,township,household_size,program,amount (amount in yuan with two decimals),
// RFC 4180 quoting where needed.
std::string RenderPublicListCsv(const CountyReport& report);

}  // namespace minsheng::report
