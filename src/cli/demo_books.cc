// The demo's books and its 五保 year (demo.h).
#include <map>

#include "cli/demo.h"
#include "core/money.h"
#include "core/town.h"
#include "ledger/allocate.h"
#include "pay/run.h"
#include "registry/view.h"

namespace minsheng::cli::demo {

namespace {

ledger::Account NewAccount(const std::string& code, ledger::AccountKind kind, const std::string& name_zh,
                           const std::string& name_en, const std::string& parent = "",
                           std::vector<std::string> earmarks = {}) {
  ledger::Account account;
  account.code = code;
  account.unit = "CNY";
  account.kind = kind;
  account.name_zh = name_zh;
  account.name_en = name_en;
  account.parent = parent;
  account.debits_must_not_exceed_credits = kind == ledger::AccountKind::kFund;
  account.earmarks = std::move(earmarks);
  return account;
}

ledger::Transfer Move(const std::string& id, const std::string& debit, const std::string& credit,
                      int64_t fen, const std::string& purpose, const Date& value_date,
                      const std::string& memo = "") {
  ledger::Transfer transfer;
  transfer.id = id;
  transfer.debit_account = debit;
  transfer.credit_account = credit;
  transfer.amount = fen;
  transfer.unit = "CNY";
  transfer.purpose = purpose;
  transfer.memo = memo;
  transfer.value_date = value_date;
  return transfer;
}

int64_t Scaled(int64_t yuan, double scale) {
  // Whole yuan: the demo's budgets are round figures scaled, not computed amounts.
  return static_cast<int64_t>(static_cast<double>(yuan) * scale + 0.5) * 100;
}

Status SubmitAll(ledger::Ledger& ledger, std::vector<ledger::Transfer> transfers) {
  auto results = ledger.Submit(std::move(transfers));
  if (!results.ok()) return results.status();
  for (ledger::TransferResult result : *results) {
    if (result != ledger::TransferResult::kOk && result != ledger::TransferResult::kExists) {
      return Internal(std::string("the demo's books refused a transfer: ") + ledger::ResultName(result));
    }
  }
  return Status::Ok();
}

Date Day(int month, int day) {
  return Date::FromYmd(kYear, month, day).value();
}

}  // namespace

Status DeclareAndFund(ledger::Ledger& ledger, const policy::Pack& pack, double scale,
                      const std::vector<std::string>& townships) {
  if (Status status = ledger.AddUnit({"CNY", "人民币", "Chinese yuan", "fen"}); !status.ok()) return status;
  using K = ledger::AccountKind;
  std::vector<ledger::Account> accounts = {
      NewAccount("income/county", K::kIncome, "县乡财政预算", "County and township budgets"),
      NewAccount("income/donations", K::kIncome, "社会捐助", "Donations"),
  };
  for (const policy::Program& program : pack.programs) {
    accounts.push_back(NewAccount(program.payer_account, K::kFund, program.title_zh + "资金",
                                  program.title_en + " fund", "", {program.name}));
  }
  accounts.push_back(NewAccount("fund/wubao/county", K::kFund, "县五保供养资金专户",
                                "County five-guarantee fund", "", {"wubao_support"}));
  for (const std::string& township : townships) {
    const Town* town = TownTable::Builtin().Find(township);
    const std::string name = town != nullptr ? town->name : township;
    accounts.push_back(NewAccount("fund/wubao/township/" + township, K::kFund, name + "五保资金专户",
                                  "Five-guarantee account of " + township, "fund/wubao/county",
                                  {"wubao_support"}));
  }
  if (Status status = ledger.AddAccounts(accounts); !status.ok()) return status;

  std::vector<ledger::Transfer> funding;
  for (const policy::Program& program : pack.programs) {
    const int64_t yuan = program.name == "school_bus_subsidy" ? kSchoolBusBudgetYuan : kMedicalInsuranceBudgetYuan;
    funding.push_back(Move("budget/" + std::to_string(kYear) + "/" + program.name, "income/county",
                           program.payer_account, Scaled(yuan, scale), "", Day(1, 5)));
  }
  funding.push_back(Move("budget/" + std::to_string(kYear) + "/wubao", "income/county",
                         "fund/wubao/county", Scaled(kWubaoBudgetYuan, scale), "", Day(1, 5)));
  for (int quarter = 1; quarter <= 4; ++quarter) {
    funding.push_back(Move("donation/" + std::to_string(kYear) + "-Q" + std::to_string(quarter),
                           "income/donations", "fund/wubao/county",
                           Scaled(kWubaoDonationsYuan, scale / 4), "", Day(quarter * 3 - 2, 8),
                           "restricted to 五保 support / 限定用于五保供养"));
  }
  return SubmitAll(ledger, std::move(funding));
}

Result<WubaoYear> RunWubaoYear(store::Store& store, ledger::Ledger& ledger) {
  // The elders: persons enrolled in tekun during the year, by their household's town.
  auto view = registry::RegistryView::Load(store, {Day(1, 1), Day(12, 31), INT64_MAX});
  if (!view.ok()) return view.status();
  std::map<std::string, int64_t> elders_by_town;
  for (const registry::Enrollment& enrollment : view->enrollments()) {
    if (enrollment.program != "tekun" || enrollment.person == registry::kNoRow) continue;
    const std::string_view region = view->persons()[enrollment.person].region;
    if (region.size() == 9) ++elders_by_town[std::string(region)];
  }
  WubaoYear year;
  for (const auto& [town, elders] : elders_by_town) {
    year.townships.push_back(town);
    year.elders.push_back(elders);
  }
  if (year.townships.empty()) return year;
  std::vector<std::string> homes;
  for (const std::string& town : year.townships) homes.push_back("payable/org/nursing_home/" + town);
  if (Status status = pay::DeclarePayeeAccounts(ledger, homes); !status.ok()) return status;

  const int64_t monthly_fen = kWubaoMonthlySupportYuan * 100;
  int64_t all_elders = 0;
  std::vector<ledger::Share> shares;
  for (size_t t = 0; t < year.townships.size(); ++t) {
    shares.push_back({"fund/wubao/township/" + year.townships[t], year.elders[t]});
    all_elders += year.elders[t];
  }
  for (int quarter = 1; quarter <= 4; ++quarter) {
    // 按季拨付: the quarter's support, split by elders; one linked chain, all or nothing.
    const int64_t amount = all_elders * monthly_fen * 3;
    auto split = ledger::Allocate(amount, shares);
    if (!split.ok()) return split.status();
    std::vector<ledger::Transfer> chain;
    for (size_t t = 0; t < shares.size(); ++t) {
      chain.push_back(Move("wubao/allocation/" + std::to_string(kYear) + "-Q" + std::to_string(quarter) +
                               "/" + year.townships[t],
                           "fund/wubao/county", shares[t].code, (*split)[t], "wubao_support",
                           Day(quarter * 3 - 2, 10)));
      chain.back().linked = t + 1 < shares.size();
    }
    if (Status status = SubmitAll(ledger, std::move(chain)); !status.ok()) return status;
    year.allocated_fen += amount;
    for (int month = quarter * 3 - 2; month <= quarter * 3; ++month) {
      std::vector<ledger::Transfer> payments;
      for (size_t t = 0; t < year.townships.size(); ++t) {
        char id[64];
        std::snprintf(id, sizeof id, "wubao/support/%d-%02d/%s", kYear, month, year.townships[t].c_str());
        payments.push_back(Move(id, shares[t].code, homes[t], year.elders[t] * monthly_fen,
                                "wubao_support", Day(month, 20)));
        year.paid_fen += year.elders[t] * monthly_fen;
      }
      if (Status status = SubmitAll(ledger, std::move(payments)); !status.ok()) return status;
    }
  }
  return year;
}

}  // namespace minsheng::cli::demo
