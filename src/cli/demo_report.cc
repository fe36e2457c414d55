// The demo's report (demo.h): the county's year read back from the receipts, the
// registry and the ledger, rendered by src/report.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "cli/demo.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/region.h"
#include "core/town.h"
#include "ledger/audit.h"
#include "ledger/statement.h"
#include "report/report.h"

namespace minsheng::cli::demo {

namespace {

constexpr const char* kCounty = "371623";

// The latest record of each person and household, as recorded now: where they live, for
// grouping amounts by township (a report, not a payment: no as-of needed).
struct Residence {
  std::map<std::string, std::string> household_of;  // resident ID → household
  std::map<std::string, std::pair<std::string, std::string>> household;  // → (region, village)
  std::map<std::string, int> household_size;
};

Result<Residence> ReadResidence(store::Store& store) {
  Residence residence;
  auto persons = store.Prepare("SELECT resident_id, household_id FROM registry_persons ORDER BY seq");
  if (!persons.ok()) return persons.status();
  while (true) {
    auto row = (*persons)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    residence.household_of[(*persons)->Text(0)] = (*persons)->Text(1);
  }
  for (const auto& [person, household] : residence.household_of) ++residence.household_size[household];
  auto households = store.Prepare("SELECT household_id, region, village FROM registry_households ORDER BY seq");
  if (!households.ok()) return households.status();
  while (true) {
    auto row = (*households)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    store::Statement& s = **households;
    residence.household[s.Text(0)] = {s.Text(1), s.IsNull(2) ? "" : s.Text(2)};
  }
  return residence;
}

std::string TownName(const std::string& code) {
  if (const Town* town = TownTable::Builtin().Find(code)) return town->name;
  if (auto region = RegionTable::Builtin().Find(code.substr(0, 6))) return region->name();
  return code;
}

struct PostedReceipt {
  std::string program, period, person_id;
  int64_t amount_fen = 0;
};

// Every receipt whose transfer the ledger holds, with the amount posted.
Result<std::vector<PostedReceipt>> PostedReceipts(store::Store& store, const ledger::Ledger& ledger) {
  auto statement = store.Prepare("SELECT transfer_id, program, period, person_id, amount FROM pay_receipts");
  if (!statement.ok()) return statement.status();
  std::vector<std::string> ids;
  std::vector<PostedReceipt> receipts;
  while (true) {
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    store::Statement& s = **statement;
    ids.push_back(s.Text(0));
    receipts.push_back({s.Text(1), s.Text(2), s.Text(3), s.Int(4)});
  }
  auto posted = ledger.Accepted(ids);
  if (!posted.ok()) return posted.status();
  std::vector<PostedReceipt> result;
  for (size_t i = 0; i < receipts.size(); ++i) {
    if ((*posted)[i]) result.push_back(std::move(receipts[i]));
  }
  return result;
}

Result<std::string> LatestName(store::Store& store, const std::string& resident_id) {
  auto statement = store.Prepare(
      "SELECT name FROM registry_persons WHERE resident_id = ? ORDER BY seq DESC LIMIT 1");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, resident_id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  std::string name = *row ? (*statement)->Text(0) : "";
  (*statement)->Reset();
  return name;
}

int DepthOf(const ledger::Ledger& ledger, const ledger::Account& account) {
  int depth = 0;
  for (const ledger::Account* at = &account; !at->parent.empty() && depth < 16; ++depth) {
    at = ledger.FindAccount(at->parent);
    if (at == nullptr) break;
  }
  return depth;
}

}  // namespace

Result<ReportFiles> WriteReport(store::Store& store, const ledger::Ledger& ledger,
                                const policy::Pack& pack, const std::string& directory,
                                const std::string& generated_at) {
  report::CountyReport county;
  county.county_code = kCounty;
  county.county_name_zh = "无棣县";
  county.county_name_en = "Wudi County";
  county.year = kYear;
  county.generated_at = generated_at;
  auto residence = ReadResidence(store);
  if (!residence.ok()) return residence.status();
  county.persons = static_cast<int64_t>(residence->household_of.size());
  county.households = static_cast<int64_t>(residence->household.size());

  auto receipts = PostedReceipts(store, ledger);
  if (!receipts.ok()) return receipts.status();
  std::map<std::string, const policy::Program*> programs;
  for (const policy::Program& program : pack.programs) programs[program.name] = &program;
  // (program, month, town) → (payees, amount)
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::set<std::string>, int64_t>> totals;
  for (const PostedReceipt& receipt : *receipts) {
    std::string town = kCounty;
    if (auto household = residence->household_of.find(receipt.person_id); household != residence->household_of.end()) {
      if (auto found = residence->household.find(household->second); found != residence->household.end()) {
        town = found->second.first;
      }
    }
    auto& total = totals[{receipt.program, receipt.period, town}];
    total.first.insert(receipt.person_id);
    total.second += receipt.amount_fen;
  }
  for (const auto& [key, total] : totals) {
    const auto& [program, month, town] = key;
    const policy::Program* declared = programs.count(program) ? programs[program] : nullptr;
    county.totals.push_back({program, declared ? declared->title_zh : program,
                             declared ? declared->title_en : program, month, town, TownName(town),
                             static_cast<int64_t>(total.first.size()), total.second});
  }

  for (const ledger::Account* account : ledger.Accounts()) {
    if (!account->code.starts_with("fund/")) continue;
    auto balance = ledger.BalanceOf(account->code);
    if (!balance.ok()) return balance.status();
    county.funds.push_back({account->code, account->name_zh, account->name_en,
                            DepthOf(ledger, *account), ledger::AsKindReads(account->kind, *balance)});
  }
  for (int month = 1; month <= 12; ++month) {
    auto disclosure = ledger::FundDisclosure(ledger, "fund/wubao/county", Period::Month(kYear, month));
    if (!disclosure.ok()) return disclosure.status();
    county.disclosures.push_back(std::move(*disclosure));
  }

  // The public list (公示): December's school-bus subsidy, names masked, no ID number.
  const std::string december = Period::Month(kYear, 12).ToString();
  county.public_list_title_zh = std::to_string(kYear) + "年12月 校车乘车补贴发放公示";
  county.public_list_title_en = "School-bus fare subsidy paid for December " + std::to_string(kYear);
  for (const PostedReceipt& receipt : *receipts) {
    if (receipt.program != "school_bus_subsidy" || receipt.period != december) continue;
    auto name = LatestName(store, receipt.person_id);
    if (!name.ok()) return name.status();
    report::PublicLine line;
    line.masked_name = MaskName(*name);
    if (auto household = residence->household_of.find(receipt.person_id); household != residence->household_of.end()) {
      line.household_size = residence->household_size[household->second];
      if (auto found = residence->household.find(household->second); found != residence->household.end()) {
        line.village = found->second.second;
        line.township_name = TownName(found->second.first);
      }
    }
    line.program_title_zh = programs.count(receipt.program) ? programs[receipt.program]->title_zh : receipt.program;
    line.amount_fen = receipt.amount_fen;
    county.public_list.push_back(std::move(line));
  }

  auto audit = ledger::Audit(store);
  if (!audit.ok()) return audit.status();
  county.audit = {audit->ok(), audit->batches, audit->entries, audit->accounts, audit->head_hash,
                  audit->ok() ? "audit passed / 审计通过" : audit->problems.front().what};

  ReportFiles files{(std::filesystem::path(directory) / "report.html").string(),
                    (std::filesystem::path(directory) / "disclosure.csv").string(),
                    static_cast<int64_t>(county.public_list.size())};
  std::ofstream(files.html_path, std::ios::binary) << report::RenderHtml(county);
  std::ofstream(files.csv_path, std::ios::binary) << report::RenderPublicListCsv(county);
  if (!std::filesystem::exists(files.html_path) || !std::filesystem::exists(files.csv_path)) {
    return Status(ErrorCode::kIo, "cannot write the report to " + directory);
  }
  return files;
}

}  // namespace minsheng::cli::demo
