// Internal to the demo command (demo_command.cc): the parts of `minsheng demo` — the
// county's books, the 五保 fund's year, and the report — each in a file of its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ledger/ledger.h"
#include "policy/pack.h"
#include "store/store.h"

namespace minsheng::cli::demo {

inline constexpr int kYear = 2013;

// What the demo funds and pays, at scale 1; each is multiplied by the scale.
// The seed: 县乡财政每年拿出的600多万元 (the school bus), 县乡财政每年新增五保经费700余万元,
// 已收到各类捐赠869.4万元 (五保). The medical-insurance budget is an assumption: enough for
// the township reimbursements of a year.
inline constexpr int64_t kSchoolBusBudgetYuan = 7'000'000;
inline constexpr int64_t kMedicalInsuranceBudgetYuan = 30'000'000;
inline constexpr int64_t kWubaoBudgetYuan = 7'000'000;
inline constexpr int64_t kWubaoDonationsYuan = 8'694'000;
// Assumption: the monthly support the 五保 fund pays a nursing home per elder (the seed
// gives the fund, not the standard).
inline constexpr int64_t kWubaoMonthlySupportYuan = 350;

// Declares CNY, the county's budget and donations, the programs' payers and the 五保 fund
// with its township special accounts, and funds them for the year.
Status DeclareAndFund(ledger::Ledger& ledger, const policy::Pack& pack, double scale,
                      const std::vector<std::string>& townships);

struct WubaoYear {
  std::vector<std::string> townships;  // 9-digit codes with their elders, in code order
  std::vector<int64_t> elders;         // per township
  int64_t allocated_fen = 0;
  int64_t paid_fen = 0;
};

// The 五保 fund's year: quarterly allocations from the county fund to the township
// special accounts by the number of supported elders in each (largest remainder), and
// monthly payments from each to its town's nursing home. Elders are the persons enrolled
// in `tekun` in the registry.
Result<WubaoYear> RunWubaoYear(store::Store& store, ledger::Ledger& ledger);

struct ReportFiles {
  std::string html_path, csv_path;
  int64_t public_lines = 0;
};

// Writes report.html and disclosure.csv (the public list, masked) to `directory`: totals
// by program, month and township from the receipts of posted payments, the funds at the
// year's end, the 五保 fund's monthly disclosures, and the audit.
Result<ReportFiles> WriteReport(store::Store& store, const ledger::Ledger& ledger,
                                const policy::Pack& pack, const std::string& directory,
                                const std::string& generated_at);

}  // namespace minsheng::cli::demo
