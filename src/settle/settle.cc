#include "settle/settle.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "core/money.h"
#include "pay/population.h"
#include "pay/run.h"
#include "registry/schema.h"
#include "registry/view.h"
#include "settle/cascade.h"
#include "settle/claims_file.h"
#include "settle/schema.h"

namespace minsheng::settle {

namespace {

using policy::ClaimBinding;

// A claim as recorded: the claim, its hospital's level and the patient's facts (by person
// variable, as text) as the registry gave them when the claim was first settled.
struct Recorded {
  Claim claim;
  std::string level;
  std::map<std::string, std::string> facts;
  std::string status = "settled";
};

// A person's calendar year: what a settlement settles as a whole.
using PersonYear = std::pair<std::string, int>;

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToPlainString(); }

constexpr const char* kRecordedOtherwise =
    " was recorded with other data; cancel it (minsheng settle cancel) and submit the stay under a new id";

// "claims.csv:7: claim 'C1'", or "claim 'C1'" for a claim from no file.
std::string Named(const Claim& claim) {
  const std::string name = "claim '" + claim.claim_id + "'";
  return claim.location.empty() ? name : claim.location.ToString() + ": " + name;
}

std::string ItemsJson(const Claim& claim) {
  JsonWriter json;
  json.Array();
  for (const ClaimItem& item : claim.items) {
    json.Object().Field("category", item.category).Field("cost", Yuan(item.cost_fen)).End();
  }
  return json.End().Take();
}

std::string FactsJson(const std::map<std::string, std::string>& facts) {
  JsonWriter json;
  json.Object();
  for (const auto& [name, value] : facts) json.Field(name, value);
  return json.End().Take();
}

// The person variables the pack's claim inputs read (`input: person.x`), once each.
std::vector<const policy::Variable*> PersonInputs(const policy::Pack& pack) {
  std::vector<const policy::Variable*> inputs;
  for (const policy::Variable& variable : pack.variables) {
    if (variable.entity != "claim" || variable.binding.kind != ClaimBinding::Kind::kPerson) continue;
    const policy::Variable* person = pack.FindVariable(variable.binding.name);
    if (person != nullptr && std::find(inputs.begin(), inputs.end(), person) == inputs.end()) {
      inputs.push_back(person);
    }
  }
  return inputs;
}

constexpr const char* kClaimColumns =
    "claim_id, person_id, hospital, hospital_level, admitted, discharged, total_cost, "
    "compliant_cost, diagnosis, items, person_facts, status";

Result<Recorded> ReadRecorded(const store::Statement& s) {
  Recorded r;
  r.claim.claim_id = s.Text(0);
  r.claim.person_id = s.Text(1);
  r.claim.hospital = s.Text(2);
  r.level = s.Text(3);
  auto admitted = Date::Parse(s.TextView(4));
  auto discharged = Date::Parse(s.TextView(5));
  if (!admitted.ok() || !discharged.ok()) return Internal("claim '" + r.claim.claim_id + "' has a bad date in the store");
  r.claim.admitted = *admitted;
  r.claim.discharged = *discharged;
  r.claim.total_cost_fen = s.Int(6);
  r.claim.compliant_cost_fen = s.Int(7);
  r.claim.diagnosis = s.Text(8);
  const auto items = nlohmann::json::parse(s.TextView(9), nullptr, false);
  const auto facts = nlohmann::json::parse(s.TextView(10), nullptr, false);
  if (!items.is_array() || !facts.is_object()) {
    return Internal("claim '" + r.claim.claim_id + "' has bad JSON in the store");
  }
  for (const auto& item : items) {
    auto cost = Money::Parse(item.value("cost", std::string()));
    if (!cost.ok()) return Internal("claim '" + r.claim.claim_id + "' has a bad item cost in the store");
    r.claim.items.push_back({item.value("category", std::string()), cost->fen()});
  }
  for (const auto& [name, value] : facts.items()) r.facts[name] = value.get<std::string>();
  r.status = s.Text(11);
  return r;
}

Result<std::optional<Recorded>> LoadClaim(store::Store& store, std::string_view claim_id) {
  auto statement = store.Prepare(std::string("SELECT ") + kClaimColumns + " FROM settle_claims WHERE claim_id = ?");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, claim_id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Recorded>();
  auto recorded = ReadRecorded(**statement);
  (*statement)->Reset();
  if (!recorded.ok()) return recorded.status();
  return std::optional<Recorded>(std::move(*recorded));
}

// Every claim of the person's year, settled or cancelled.
Status LoadYear(store::Store& store, const PersonYear& key, std::vector<Recorded>& out) {
  auto statement = store.Prepare(std::string("SELECT ") + kClaimColumns +
                                 " FROM settle_claims WHERE person_id = ? AND year = ? ORDER BY claim_id");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, key.first);
  (*statement)->BindInt(2, key.second);
  while (true) {
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto recorded = ReadRecorded(**statement);
    if (!recorded.ok()) {
      (*statement)->Reset();
      return recorded.status();
    }
    out.push_back(std::move(*recorded));
  }
}

bool SameClaim(const Claim& a, const Claim& b) {
  if (a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (a.items[i].category != b.items[i].category || a.items[i].cost_fen != b.items[i].cost_fen) return false;
  }
  return a.person_id == b.person_id && a.hospital == b.hospital && a.admitted == b.admitted &&
         a.discharged == b.discharged && a.total_cost_fen == b.total_cost_fen &&
         a.compliant_cost_fen == b.compliant_cost_fen && a.diagnosis == b.diagnosis;
}

// The new claims' hospital levels and patients' facts, from the registry as recorded up
// to `now`: persons as on the earliest discharge day, enrollments in force on any day up
// to the latest.
Status FactsFromRegistry(store::Store& store, const policy::Pack& pack, std::vector<Recorded>& fresh,
                         int64_t now) {
  if (fresh.empty()) return Status::Ok();
  Date earliest = fresh.front().claim.discharged, latest = earliest;
  std::vector<Claim> claims;
  for (const Recorded& r : fresh) {
    earliest = std::min(earliest, r.claim.discharged);
    latest = std::max(latest, r.claim.discharged);
    claims.push_back(r.claim);
  }
  auto view = registry::RegistryView::Load(store, {earliest, latest, now});
  if (!view.ok()) return view.status();
  if (Status known = CheckAgainstRegistry(claims, *view); !known.ok()) return known;
  const std::vector<const policy::Variable*> inputs = PersonInputs(pack);
  std::optional<pay::RegistryPopulation> built;
  std::vector<uint32_t> row_of;
  if (!inputs.empty()) {
    auto population = pay::PopulationFromRegistry(pack, *view);
    if (!population.ok()) return population.status();
    built = std::move(*population);
    row_of.assign(view->persons().size(), registry::kNoRow);
    for (uint32_t row = 0; row < built->member_person.size(); ++row) row_of[built->member_person[row]] = row;
  }
  for (Recorded& r : fresh) {
    const registry::Org* hospital = view->FindOrg(r.claim.hospital);
    r.level = hospital != nullptr ? hospital->level : "";
    if (HospitalLevelIndex(r.level) < 0) {
      return InvalidArgument(Named(r.claim) + ": hospital '" +
                             r.claim.hospital + "' has level '" + r.level +
                             "' in the registry, not village, township, county, city or out_of_area");
    }
    if (inputs.empty()) continue;
    const uint32_t person = view->person_ids().Find(r.claim.person_id);
    const uint32_t row = person == TextIndex::kNone ? registry::kNoRow : row_of[person];
    for (const policy::Variable* variable : inputs) {
      const engine::Column* column = built->population.members.Find(variable->name);
      const int64_t raw = row == registry::kNoRow || column == nullptr ? variable->default_value.raw
                                                                       : column->values.At(row);
      r.facts[variable->name] = policy::Value{variable->type, raw, variable->enum_type.get()}.ToPlainString();
    }
  }
  return Status::Ok();
}

// The context the cascade reads for `claims`: levels, and the patients' facts as recorded
// (a fact the claim was recorded without — the pack now reads more — is its default).
Result<ClaimContext> ContextOf(const policy::Pack& pack, const std::vector<const Recorded*>& claims) {
  ClaimContext context;
  for (const Recorded* r : claims) context.hospital_level.push_back(static_cast<uint8_t>(HospitalLevelIndex(r->level)));
  for (const policy::Variable* variable : PersonInputs(pack)) {
    std::vector<int64_t>& values = context.person_values[variable->name];
    for (const Recorded* r : claims) {
      const auto fact = r->facts.find(variable->name);
      if (fact == r->facts.end()) {
        values.push_back(variable->default_value.raw);
        continue;
      }
      auto value = policy::ParseValue(fact->second, variable->type, variable->enum_type.get());
      if (!value.ok()) {
        return InvalidArgument("claim '" + r->claim.claim_id + "' was recorded with " + variable->name + " '" +
                               fact->second + "', which the pack does not read: " + value.status().message());
      }
      values.push_back(value->raw);
    }
  }
  return context;
}

// The cascade over the settled claims among `recorded` (cancelled ones left out), which
// `settled` lists in the settlement's order.
Result<Settlement> CascadeOf(const policy::Pack& pack, const std::vector<Recorded>& recorded,
                             std::vector<const Recorded*>& settled) {
  std::vector<Claim> claims;
  for (const Recorded& r : recorded) {
    if (r.status != "settled") continue;
    settled.push_back(&r);
    claims.push_back(r.claim);
  }
  auto context = ContextOf(pack, settled);
  if (!context.ok()) return context.status();
  return SettleClaims(pack, claims, *context);
}

std::string InputsJson(const policy::Pack& pack, const Settlement& settlement, size_t claim) {
  JsonWriter json;
  json.Object();
  for (size_t i = 0; i < settlement.inputs.size(); ++i) {
    const policy::Variable& variable = pack.variables[settlement.inputs[i]];
    json.Field(variable.name,
               policy::Value{variable.type, settlement.Input(claim, i), variable.enum_type.get()}.ToPlainString());
  }
  return json.End().Take();
}

// The person-years' accumulators from their settled claims: every year of `recorded`,
// one whose claims were all cancelled with zeros.
std::map<PersonYear, YearTotals> YearsOf(const policy::Pack& pack, const std::vector<Recorded>& recorded,
                                         const std::vector<const Recorded*>& settled, const Settlement& settlement) {
  std::map<PersonYear, YearTotals> years;
  for (const Recorded& r : recorded) {
    years[{r.claim.person_id, r.claim.discharged.year()}].paid_fen.resize(pack.stages.size(), 0);
  }
  std::map<PersonYear, size_t> last;  // the year's last claim: its accumulators are the year's
  for (size_t i = 0; i < settled.size(); ++i) {
    const Claim& claim = settled[i]->claim;
    const PersonYear key{claim.person_id, claim.discharged.year()};
    const auto [at, inserted] = last.try_emplace(key, i);
    const Claim& was = settled[at->second]->claim;
    if (!inserted && std::tie(was.discharged, was.claim_id) < std::tie(claim.discharged, claim.claim_id)) at->second = i;
    YearTotals& year = years[key];
    ++year.admissions;
    year.total_fen += claim.total_cost_fen;
    year.compliant_fen += claim.compliant_cost_fen;
    year.self_pay_fen += settlement.self_pay_fen[i];
    for (size_t s = 0; s < pack.stages.size(); ++s) year.paid_fen[s] += settlement.Paid(i, s);
  }
  for (const auto& [key, i] : last) {
    for (size_t a = 0; a < settlement.accumulated.size(); ++a) {
      const policy::Variable& variable = pack.variables[settlement.accumulated[a]];
      years[key].accumulators.emplace_back(
          variable.name, policy::Value{variable.type, settlement.AccumulatedAfter(i, a), nullptr}.ToPlainString());
    }
  }
  return years;
}

// Stores the person-years' accumulators (settle_years).
Status WriteYears(store::Store& store, const policy::Pack& pack, const std::map<PersonYear, YearTotals>& years,
                  int64_t now) {
  return store::InTransaction(store, [&]() -> Status {
    for (const auto& [key, year] : years) {
      JsonWriter paid;
      paid.Object();
      for (size_t s = 0; s < pack.stages.size(); ++s) paid.Field(pack.stages[s].name, Yuan(year.paid_fen[s]));
      JsonWriter accumulators;
      accumulators.Object();
      for (const auto& [name, value] : year.accumulators) accumulators.Field(name, value);
      Status status = store::ExecuteBound(
          store,
          "INSERT INTO settle_years (person_id, year, admissions, total_cost, compliant_cost, self_pay, paid, "
          "accumulators, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, year) DO "
          "UPDATE SET admissions = excluded.admissions, total_cost = excluded.total_cost, compliant_cost = "
          "excluded.compliant_cost, self_pay = excluded.self_pay, paid = excluded.paid, accumulators = "
          "excluded.accumulators, settled_at = excluded.settled_at",
          [&](store::Statement& s) {
            s.BindText(1, key.first);
            s.BindInt(2, key.second);
            s.BindInt(3, year.admissions);
            s.BindInt(4, year.total_fen);
            s.BindInt(5, year.compliant_fen);
            s.BindInt(6, year.self_pay_fen);
            s.BindText(7, paid.End().Take());
            s.BindText(8, accumulators.End().Take());
            s.BindInt(9, now);
          });
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
}

// A line to post: a stage's difference on a claim.
struct Line {
  std::string transfer_id, claim_id, stage, payer, payee, person;
  int64_t amount_fen = 0;
  Date value_date;
  std::string inputs;
};

struct PostedLine {
  std::string transfer_id, stage;
  int64_t amount_fen = 0;
};

// The lines recorded for `claim_ids` whose transfers the ledger holds, by claim.
Result<std::map<std::string, std::vector<PostedLine>>> PostedLines(store::Store& store, const ledger::Ledger& ledger,
                                                                   const std::vector<std::string>& claim_ids) {
  std::vector<PostedLine> lines;
  std::vector<std::string> owners, ids;
  auto statement = store.Prepare("SELECT transfer_id, stage, amount FROM settle_lines WHERE claim_id = ?");
  if (!statement.ok()) return statement.status();
  for (const std::string& claim : claim_ids) {
    (*statement)->Reset();
    (*statement)->BindText(1, claim);
    while (true) {
      auto row = (*statement)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      lines.push_back({(*statement)->Text(0), (*statement)->Text(1), (*statement)->Int(2)});
      owners.push_back(claim);
      ids.push_back(lines.back().transfer_id);
    }
  }
  auto accepted = ledger.Accepted(ids);
  if (!accepted.ok()) return accepted.status();
  std::map<std::string, std::vector<PostedLine>> posted;
  for (size_t i = 0; i < lines.size(); ++i) {
    if ((*accepted)[i]) posted[owners[i]].push_back(std::move(lines[i]));
  }
  return posted;
}

Status WriteLines(store::Store& store, const std::vector<Line>& lines, size_t first, size_t end,
                  const std::string& pack_version, int64_t now) {
  return store::InTransaction(store, [&]() -> Status {
    for (size_t i = first; i < end; ++i) {
      const Line& line = lines[i];
      Status status = store::ExecuteBound(
          store,
          "INSERT INTO settle_lines (transfer_id, claim_id, stage, amount, payer_account, payee_account, "
          "pack_version, inputs, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transfer_id) "
          "DO UPDATE SET amount = excluded.amount, pack_version = excluded.pack_version, inputs = "
          "excluded.inputs, recorded_at = excluded.recorded_at",
          [&](store::Statement& s) {
            s.BindText(1, line.transfer_id);
            s.BindText(2, line.claim_id);
            s.BindText(3, line.stage);
            s.BindInt(4, line.amount_fen);
            s.BindText(5, line.payer);
            s.BindText(6, line.payee);
            s.BindText(7, pack_version);
            s.BindText(8, line.inputs);
            s.BindInt(9, now);
          });
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
}

// Posts the lines batch by batch: written, the payees' accounts declared, then the
// transfers as one linked batch.
Status PostLines(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                 const std::vector<Line>& lines, int64_t now, SettleSummary& summary) {
  for (size_t first = 0; first < lines.size(); first += ledger::kMaxBatchTransfers) {
    const size_t end = std::min(lines.size(), first + ledger::kMaxBatchTransfers);
    if (Status written = WriteLines(store, lines, first, end, pack.version, now); !written.ok()) return written;
    std::vector<std::string> payees;
    for (size_t i = first; i < end; ++i) {
      if (lines[i].amount_fen > 0) payees.push_back(lines[i].payee);
    }
    if (Status declared = pay::DeclarePayeeAccounts(ledger, payees); !declared.ok()) return declared;
    std::vector<ledger::Transfer> batch;
    for (size_t i = first; i < end; ++i) {
      const Line& line = lines[i];
      ledger::Transfer transfer;
      transfer.id = line.transfer_id;
      const bool back = line.amount_fen < 0;
      transfer.debit_account = back ? line.payee : line.payer;
      transfer.credit_account = back ? line.payer : line.payee;
      transfer.amount = back ? -line.amount_fen : line.amount_fen;
      transfer.unit = "CNY";
      transfer.purpose = line.stage;
      transfer.reference = line.claim_id;
      transfer.memo = line.person;
      transfer.value_date = line.value_date;
      transfer.linked = i + 1 < end;
      batch.push_back(std::move(transfer));
    }
    auto results = ledger.Submit(std::move(batch));
    if (!results.ok()) return results.status();
    for (size_t i = 0; i < results->size(); ++i) {
      const ledger::TransferResult result = (*results)[i];
      if (result == ledger::TransferResult::kOk) {
        ++summary.posted;
      } else if (result == ledger::TransferResult::kExists) {
        ++summary.already;
      } else if (result != ledger::TransferResult::kLinkedEventFailed) {
        return Status(ErrorCode::kFailedPrecondition,
                      "the ledger refused " + lines[first + i].transfer_id + ": " + ledger::ResultName(result) +
                          "; the batch of " + std::to_string(results->size()) + " was not posted");
      }
    }
  }
  return Status::Ok();
}

// Settles person-years again, given all their claims (`recorded`, settled or cancelled),
// of which the last `fresh` were recorded by this call: the cascade over each year's
// settled claims, and every stage's due amount on every claim (nothing on a cancelled
// one) brought to what the ledger holds. Lines on claims recorded before count as
// adjustments; claims recorded now have no lines yet, so theirs are not looked up.
Status SettleRecorded(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                      const std::vector<Recorded>& recorded, size_t fresh, int64_t now,
                      SettleSummary& summary) {
  std::vector<const Recorded*> settled;
  auto settlement = CascadeOf(pack, recorded, settled);
  if (!settlement.ok()) return settlement.status();

  const size_t before = recorded.size() - fresh;
  std::vector<std::string> ids;
  for (size_t i = 0; i < before; ++i) ids.push_back(recorded[i].claim.claim_id);
  auto posted = PostedLines(store, ledger, ids);
  if (!posted.ok()) return posted.status();

  std::vector<Line> lines;
  size_t index = 0;  // into `settled` and the settlement
  for (size_t i = 0; i < recorded.size(); ++i) {
    const Recorded& r = recorded[i];
    const bool is_settled = r.status == "settled";
    const auto found = posted->find(r.claim.claim_id);
    for (size_t s = 0; s < pack.stages.size(); ++s) {
      const policy::Stage& stage = pack.stages[s];
      const int64_t due = is_settled ? settlement->Paid(index, s) : 0;
      int64_t paid = 0;
      int count = 0;
      if (found != posted->end()) {
        for (const PostedLine& line : found->second) {
          if (line.stage != stage.name) continue;
          paid += line.amount_fen;
          ++count;
        }
      }
      if (due == paid) continue;
      Line line;
      line.transfer_id = "settle/" + r.claim.claim_id + "/" + stage.name + "/" + std::to_string(count + 1);
      if (line.transfer_id.size() > ledger::kMaxCodeBytes) {
        return InvalidArgument("the transfer id '" + line.transfer_id + "' is longer than " +
                               std::to_string(ledger::kMaxCodeBytes) + " bytes: shorten the claim id or the stage's name");
      }
      line.claim_id = r.claim.claim_id;
      line.stage = stage.name;
      line.payer = stage.payer_account;
      line.payee = stage.payee == policy::StagePayee::kHospital ? "payable/org/" + r.claim.hospital
                                                               : "payable/person/" + r.claim.person_id;
      line.person = r.claim.person_id;
      line.amount_fen = due - paid;
      line.value_date = r.claim.discharged;
      line.inputs = is_settled ? InputsJson(pack, *settlement, index) : "{}";
      if (i < before) ++summary.adjustments;
      summary.stages[s].fen += line.amount_fen;
      lines.push_back(std::move(line));
    }
    if (is_settled) ++index;
  }
  if (Status posted_lines = PostLines(store, ledger, pack, lines, now, summary); !posted_lines.ok()) {
    return posted_lines;
  }
  return WriteYears(store, pack, YearsOf(pack, recorded, settled, *settlement), now);
}

// Every stage's payer must be in the books before anything is recorded.
Status CheckPayers(const ledger::Ledger& ledger, const policy::Pack& pack) {
  for (const policy::Stage& stage : pack.stages) {
    if (ledger.FindAccount(stage.payer_account) == nullptr) {
      return NotFound("no payer account '" + stage.payer_account + "' for stage '" + stage.name +
                      "' in the ledger; declare and fund it with 'minsheng ledger account add'");
    }
  }
  return Status::Ok();
}

SettleSummary EmptySummary(const policy::Pack& pack) {
  SettleSummary summary;
  for (const policy::Stage& stage : pack.stages) summary.stages.push_back({stage.name, 0});
  return summary;
}

}  // namespace

Status MigrateSettleTables(store::Store& store) {
  for (auto [component, migrations] : {std::pair("registry", registry::RegistryMigrations()),
                                       std::pair("settle", SettleMigrations())}) {
    if (Status status = store::Migrate(store, component, migrations); !status.ok()) return status;
  }
  return Status::Ok();
}

Result<SettleSummary> Settle(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                             const std::vector<Claim>& claims, const SettleOptions& options) {
  if (Status status = CheckSettlementPack(pack); !status.ok()) return status;
  if (Status migrated = MigrateSettleTables(store); !migrated.ok()) return migrated;
  if (Status payers = CheckPayers(ledger, pack); !payers.ok()) return payers;
  SettleSummary summary = EmptySummary(pack);
  summary.claims = static_cast<int64_t>(claims.size());
  // Every claim of the years the claims touch: those recorded before, then the new ones.
  std::set<PersonYear> keys;
  for (const Claim& claim : claims) keys.insert({claim.person_id, claim.discharged.year()});
  std::vector<Recorded> recorded;
  // In one transaction: a read outside one takes and drops the file's lock each time.
  Status loaded = store::InTransaction(store, [&]() -> Status {
    for (const PersonYear& key : keys) {
      if (Status status = LoadYear(store, key, recorded); !status.ok()) return status;
    }
    return Status::Ok();
  });
  if (!loaded.ok()) return loaded;
  std::map<std::string_view, size_t> before;
  for (size_t i = 0; i < recorded.size(); ++i) before[recorded[i].claim.claim_id] = i;
  std::vector<Recorded> fresh;
  for (const Claim& claim : claims) {
    const auto known = before.find(claim.claim_id);
    if (known == before.end()) {
      fresh.push_back(Recorded{claim, "", {}, "settled"});
      continue;
    }
    const Recorded& was = recorded[known->second];
    if (was.status != "settled") {
      return Status(ErrorCode::kFailedPrecondition,
                    Named(claim) + " was cancelled; a new stay needs a new claim id");
    }
    if (!SameClaim(was.claim, claim)) {
      return Status(ErrorCode::kAlreadyExists, Named(claim) + kRecordedOtherwise);
    }
    ++summary.known;
  }
  if (Status facts = FactsFromRegistry(store, pack, fresh, options.now); !facts.ok()) return facts;
  Status written = store::InTransaction(store, [&]() -> Status {
    for (const Recorded& r : fresh) {
      Status status = store::ExecuteBound(
          store,
          "INSERT INTO settle_claims (claim_id, person_id, year, hospital, hospital_level, admitted, "
          "discharged, total_cost, compliant_cost, diagnosis, items, person_facts, status, recorded_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'settled', ?)",
          [&](store::Statement& s) {
            s.BindText(1, r.claim.claim_id);
            s.BindText(2, r.claim.person_id);
            s.BindInt(3, r.claim.discharged.year());
            s.BindText(4, r.claim.hospital);
            s.BindText(5, r.level);
            s.BindText(6, r.claim.admitted.ToString());
            s.BindText(7, r.claim.discharged.ToString());
            s.BindInt(8, r.claim.total_cost_fen);
            s.BindInt(9, r.claim.compliant_cost_fen);
            s.BindText(10, r.claim.diagnosis);
            s.BindText(11, ItemsJson(r.claim));
            s.BindText(12, FactsJson(r.facts));
            s.BindInt(13, options.now);
          });
      // The id taken by a claim of another person or year (a claim of these years was
      // found above).
      if (status.code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kAlreadyExists, Named(r.claim) + kRecordedOtherwise);
      }
      if (!status.ok()) return status.Prefixed(Named(r.claim));
    }
    return Status::Ok();
  });
  if (!written.ok()) return written;
  summary.recorded = static_cast<int64_t>(fresh.size());
  summary.person_years = static_cast<int64_t>(keys.size());
  for (Recorded& r : fresh) recorded.push_back(std::move(r));
  if (Status settled = SettleRecorded(store, ledger, pack, recorded, fresh.size(), options.now, summary);
      !settled.ok()) {
    return settled;
  }
  return summary;
}

Result<SettleSummary> Cancel(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                             std::string_view claim_id, const SettleOptions& options) {
  if (Status status = CheckSettlementPack(pack); !status.ok()) return status;
  if (Status migrated = MigrateSettleTables(store); !migrated.ok()) return migrated;
  if (Status payers = CheckPayers(ledger, pack); !payers.ok()) return payers;
  auto known = LoadClaim(store, claim_id);
  if (!known.ok()) return known.status();
  if (!*known) return NotFound("no claim '" + std::string(claim_id) + "' is recorded");
  SettleSummary summary = EmptySummary(pack);
  summary.claims = 1;
  if ((*known)->status == "settled") {
    Status cancelled = store::InTransaction(store, [&] {
      return store::ExecuteBound(store,
                                 "UPDATE settle_claims SET status = 'cancelled', cancelled_at = ? WHERE claim_id = ?",
                                 [&](store::Statement& s) {
                                   s.BindInt(1, options.now);
                                   s.BindText(2, claim_id);
                                 });
    });
    if (!cancelled.ok()) return cancelled;
  } else {
    summary.known = 1;  // cancelled before: what is left of it is posted now
  }
  const Claim& claim = (*known)->claim;
  std::vector<Recorded> recorded;
  if (Status loaded = LoadYear(store, {claim.person_id, claim.discharged.year()}, recorded); !loaded.ok()) {
    return loaded;
  }
  summary.person_years = 1;
  if (Status settled = SettleRecorded(store, ledger, pack, recorded, 0, options.now, summary); !settled.ok()) {
    return settled;
  }
  return summary;
}

Result<ClaimStatement> ExplainSettled(store::Store& store, const ledger::Ledger& ledger,
                                      const policy::Pack& pack, std::string_view claim_id) {
  if (Status status = CheckSettlementPack(pack); !status.ok()) return status;
  if (Status migrated = MigrateSettleTables(store); !migrated.ok()) return migrated;
  auto known = LoadClaim(store, claim_id);
  if (!known.ok()) return known.status();
  if (!*known) return NotFound("no claim '" + std::string(claim_id) + "' is recorded");
  ClaimStatement statement;
  statement.claim = (*known)->claim;
  statement.status = (*known)->status;
  statement.hospital_level = (*known)->level;

  std::vector<Recorded> year;
  if (Status loaded = LoadYear(store, {statement.claim.person_id, statement.claim.discharged.year()}, year);
      !loaded.ok()) {
    return loaded;
  }
  std::vector<const Recorded*> settled;
  auto settlement = CascadeOf(pack, year, settled);
  if (!settlement.ok()) return settlement.status();
  size_t index = SIZE_MAX;
  for (size_t i = 0; i < settled.size(); ++i) {
    if (settled[i]->claim.claim_id == claim_id) index = i;
  }
  std::vector<engine::Explanation> explanations;
  if (index != SIZE_MAX) {
    auto explained = ExplainClaim(pack, *settlement, index, statement.claim);
    if (!explained.ok()) return explained.status();
    explanations = std::move(*explained);
  }
  auto posted = PostedLines(store, ledger, {std::string(claim_id)});
  if (!posted.ok()) return posted.status();
  const auto found = posted->find(std::string(claim_id));
  int64_t due_total = 0;
  for (size_t s = 0; s < pack.stages.size(); ++s) {
    StageLine line;
    line.stage = &pack.stages[s];
    line.due_fen = index != SIZE_MAX ? settlement->Paid(index, s) : 0;
    if (index != SIZE_MAX) line.explanation = explanations[s];
    if (found != posted->end()) {
      for (const PostedLine& p : found->second) {
        if (p.stage == line.stage->name) line.posted_fen += p.amount_fen;
      }
    }
    due_total += line.due_fen;
    statement.lines.push_back(std::move(line));
  }
  statement.self_pay_fen = statement.claim.total_cost_fen - due_total;
  const auto years = YearsOf(pack, year, settled, *settlement);
  statement.year = years.at({statement.claim.person_id, statement.claim.discharged.year()});
  if (found != posted->end()) {
    for (const PostedLine& p : found->second) statement.transfers.push_back({p.transfer_id, p.amount_fen});
  }
  return statement;
}

}  // namespace minsheng::settle
