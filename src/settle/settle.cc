#include "settle/settle.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "core/money.h"
#include "core/text_order.h"
#include "pay/population.h"
#include "pay/run.h"
#include "registry/schema.h"
#include "registry/view.h"
#include "settle/cascade.h"
#include "settle/claims_file.h"
#include "settle/schema.h"
#include "store/chunked_insert.h"

namespace minsheng::settle {

namespace {

using policy::ClaimBinding;

// The person variables the pack's claim inputs read (`input: person.x`), once each: the
// patient's facts a claim is recorded with.
using PersonInputs = std::vector<const policy::Variable*>;

PersonInputs PersonInputsOf(const policy::Pack& pack) {
  PersonInputs inputs;
  for (const policy::Variable& variable : pack.variables) {
    if (variable.entity != "claim" || variable.binding.kind != ClaimBinding::Kind::kPerson) continue;
    const policy::Variable* person = pack.FindVariable(variable.binding.name);
    if (person != nullptr && std::find(inputs.begin(), inputs.end(), person) == inputs.end()) {
      inputs.push_back(person);
    }
  }
  return inputs;
}

// A claim as recorded: the claim, its hospital's level and the patient's facts (one per
// person input, in the engine's representation) as the registry gave them when the claim
// was first settled.
struct Recorded {
  // The claim: a new one's is the caller's (a settlement's claims outlive it, and are not
  // copied: a million of them are a quarter of a gigabyte), one read from the store its own.
  const Claim* claim = nullptr;
  std::unique_ptr<Claim> owned;
  std::string level;
  std::vector<int64_t> facts;
  bool cancelled = false;
  // Its settlement as stored (a claim recorded before): none until it is first settled
  // under schema version 3, and for a cancelled claim.
  std::optional<int64_t> self_pay;
  std::optional<std::string> year_to_date;
};

// A person's calendar year: what a settlement settles as a whole.
using PersonYear = std::pair<std::string, int>;

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToPlainString(); }

std::string PlainValue(const policy::Variable& variable, int64_t raw) {
  return policy::Value{variable.type, raw, variable.enum_type.get()}.ToPlainString();
}

constexpr const char* kRecordedOtherwise =
    " was recorded with other data; cancel it (minsheng settle cancel) and submit the stay under a new id";

// "claims.csv:7: claim 'C1'", or "claim 'C1'" for a claim from no file.
std::string Named(const Claim& claim) {
  const std::string name = "claim '" + claim.claim_id + "'";
  return claim.location.empty() ? name : claim.location.ToString() + ": " + name;
}

// Seconds since it was made or last asked.
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::string ItemsJson(const Claim& claim) {
  JsonWriter json;
  json.Array();
  for (const ClaimItem& item : claim.items) {
    json.Object().Field("category", item.category).Field("cost", Yuan(item.cost_fen)).End();
  }
  return json.End().Take();
}

std::string FactsJson(const PersonInputs& inputs, const std::vector<int64_t>& facts) {
  JsonWriter json;
  json.Object();
  for (size_t i = 0; i < inputs.size(); ++i) json.Field(inputs[i]->name, PlainValue(*inputs[i], facts[i]));
  return json.End().Take();
}

// A claim's columns as ReadRecorded reads them, from kClaimTables: the patient's facts are
// stored once for all the claims that share them (settle_facts).
constexpr const char* kClaimColumns =
    "claim_id, person_id, hospital, hospital_level, admitted, discharged, total_cost, "
    "compliant_cost, diagnosis, items, settle_facts.facts, status, self_pay, year_to_date";
// (A claim whose facts the store lacks is read, and refused by ReadRecorded, never left out.)
constexpr const char* kClaimTables =
    " FROM settle_claims LEFT JOIN settle_facts ON settle_facts.id = settle_claims.facts_id";

// A fact the claim was recorded without (the pack now reads more) is its default.
Result<Recorded> ReadRecorded(const store::Statement& s, const PersonInputs& inputs) {
  Recorded r;
  r.owned = std::make_unique<Claim>();
  r.claim = r.owned.get();
  Claim& claim = *r.owned;
  claim.claim_id = s.Text(0);
  claim.person_id = s.Text(1);
  claim.hospital = s.Text(2);
  r.level = s.Text(3);
  auto admitted = Date::Parse(s.TextView(4));
  auto discharged = Date::Parse(s.TextView(5));
  if (!admitted.ok() || !discharged.ok()) return Internal("claim '" + claim.claim_id + "' has a bad date in the store");
  claim.admitted = *admitted;
  claim.discharged = *discharged;
  claim.total_cost_fen = s.Int(6);
  claim.compliant_cost_fen = s.Int(7);
  claim.diagnosis = s.Text(8);
  if (s.IsNull(10)) {
    return Internal("claim '" + claim.claim_id + "' names patient facts the store lacks (settle_facts)");
  }
  const auto items = nlohmann::json::parse(s.TextView(9), nullptr, false);
  const auto facts = nlohmann::json::parse(s.TextView(10), nullptr, false);
  if (!items.is_array() || !facts.is_object()) {
    return Internal("claim '" + claim.claim_id + "' has bad JSON in the store");
  }
  for (const auto& item : items) {
    auto cost = Money::Parse(item.value("cost", std::string()));
    if (!cost.ok()) return Internal("claim '" + claim.claim_id + "' has a bad item cost in the store");
    claim.items.push_back({item.value("category", std::string()), cost->fen()});
  }
  for (const policy::Variable* variable : inputs) {
    const auto fact = facts.find(variable->name);
    if (fact == facts.end() || !fact->is_string()) {
      r.facts.push_back(variable->default_value.raw);
      continue;
    }
    const std::string text = fact->get<std::string>();
    auto value = policy::ParseValue(text, variable->type, variable->enum_type.get());
    if (!value.ok()) {
      return InvalidArgument("claim '" + claim.claim_id + "' was recorded with " + variable->name + " '" + text +
                             "', which the pack does not read: " + value.status().message());
    }
    r.facts.push_back(value->raw);
  }
  r.cancelled = s.TextView(11) == "cancelled";
  if (!s.IsNull(12)) r.self_pay = s.Int(12);
  if (!s.IsNull(13)) r.year_to_date = s.Text(13);
  return r;
}

Result<std::optional<Recorded>> LoadClaim(store::Store& store, const PersonInputs& inputs,
                                          std::string_view claim_id) {
  auto statement = store.Prepare(std::string("SELECT ") + kClaimColumns + kClaimTables + " WHERE claim_id = ?");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, claim_id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Recorded>();
  auto recorded = ReadRecorded(**statement, inputs);
  (*statement)->Reset();
  if (!recorded.ok()) return recorded.status();
  return std::optional<Recorded>(std::move(*recorded));
}

// Sorts out[first …] by claim id.
void SortByClaimId(std::vector<Recorded>& out, size_t first) {
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](const Recorded& a, const Recorded& b) { return a.claim->claim_id < b.claim->claim_id; });
}

// Every claim of the person's year, settled or cancelled, appended to `out` by claim id
// (sorted here: an ORDER BY would start a sorter for each of a batch's many years).
Status LoadYear(store::Store& store, const PersonInputs& inputs, std::string_view person, int year,
                std::vector<Recorded>& out) {
  auto statement =
      store.Prepare(std::string("SELECT ") + kClaimColumns + kClaimTables + " WHERE person_id = ? AND year = ?");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, person);
  (*statement)->BindInt(2, year);
  const size_t first = out.size();
  while (true) {
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      SortByClaimId(out, first);
      return Status::Ok();
    }
    auto recorded = ReadRecorded(**statement, inputs);
    if (!recorded.ok()) {
      (*statement)->Reset();
      return recorded.status();
    }
    out.push_back(std::move(*recorded));
  }
}

// How many recordings of claims the store has counted (settle_state, schema.cc).
Result<int64_t> Recordings(store::Store& store) {
  auto statement = store.Prepare("SELECT recordings FROM settle_state WHERE id = 1");
  if (!statement.ok()) return statement.status();
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Internal("settle_state has no row");
  const int64_t recordings = (*statement)->Int(0);
  (*statement)->Reset();
  return recordings;
}

// Counts one more recording, inside its transaction: refused when another was counted
// since `seen`, the count read with the claims this recording's settlement read.
Status CountRecording(store::Store& store, int64_t seen) {
  auto recordings = Recordings(store);
  if (!recordings.ok()) return recordings.status();
  if (*recordings != seen) {
    return Status(ErrorCode::kFailedPrecondition,
                  "another settlement or cancellation recorded claims while this one was being computed, which "
                  "may have settled the same persons' years: nothing of this one was recorded; run it again");
  }
  return store::ExecuteBound(store, "UPDATE settle_state SET recordings = ? WHERE id = 1",
                             [&](store::Statement& s) { s.BindInt(1, seen + 1); });
}

using PersonYearKeys = std::vector<std::pair<std::string_view, int>>;  // sorted, distinct

// Every claim of the person-years `keys`, appended to `out`: looked up year by year, or,
// when the years are many beside the claims recorded (a city's first big batch), read
// in one pass over all of them. In one read transaction: the claims as of one moment, no
// writer held up, and the file's lock taken once, not by every read; with them, the
// count of recordings they are as of (`recordings`).
Status LoadYears(store::Store& store, const PersonInputs& inputs, const PersonYearKeys& keys,
                 std::vector<Recorded>& out, int64_t& recordings) {
  return store::InReadTransaction(store, [&]() -> Status {
    auto counting = Recordings(store);
    if (!counting.ok()) return counting.status();
    recordings = *counting;
    auto counted = store.Prepare("SELECT COUNT(*) FROM settle_claims");
    if (!counted.ok()) return counted.status();
    auto row = (*counted)->Step();
    if (!row.ok()) return row.status();
    const int64_t recorded = *row ? (*counted)->Int(0) : 0;
    (*counted)->Reset();
    if (recorded == 0) return Status::Ok();
    if (static_cast<int64_t>(keys.size()) * 8 < recorded) {
      for (const auto& [person, year] : keys) {
        if (Status status = LoadYear(store, inputs, person, year, out); !status.ok()) return status;
      }
      return Status::Ok();
    }
    registry::TextSet persons;
    persons.Reserve(keys.size());
    for (const auto& key : keys) persons.Insert(key.first);
    static const std::string sql = std::string("SELECT ") + kClaimColumns + ", year" + kClaimTables;
    auto statement = store.Prepare(sql);
    if (!statement.ok()) return statement.status();
    const size_t first = out.size();
    while (true) {
      auto found = (*statement)->Step();
      if (!found.ok()) return found.status();
      if (!*found) break;
      const std::pair<std::string_view, int> key((*statement)->TextView(1), static_cast<int>((*statement)->Int(14)));
      if (!persons.Contains(key.first) || !std::binary_search(keys.begin(), keys.end(), key)) continue;
      auto claim = ReadRecorded(**statement, inputs);
      if (!claim.ok()) {
        (*statement)->Reset();
        return claim.status();
      }
      out.push_back(std::move(*claim));
    }
    SortByClaimId(out, first);
    return Status::Ok();
  });
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

// The claims' patients, each once.
registry::TextSet PatientsOf(std::span<const Claim* const> claims) {
  registry::TextSet patients;
  patients.Reserve(claims.size());
  for (const Claim* claim : claims) patients.Insert(claim->person_id);
  return patients;
}

// The new claims' hospital levels and patients' facts, from the registry as recorded up
// to `now`: persons as on the earliest discharge day, enrollments in force on any day up
// to the latest. Only the claims' persons are read, not the city's: `patients` when the
// caller has their set already, else those of `fresh`.
Status FactsFromRegistry(store::Store& store, const policy::Pack& pack, const PersonInputs& inputs,
                         std::span<Recorded> fresh, const registry::TextSet* patients, int64_t now) {
  if (fresh.empty()) return Status::Ok();
  Date earliest = fresh.front().claim->discharged, latest = earliest;
  std::vector<const Claim*> claims;
  claims.reserve(fresh.size());
  for (const Recorded& r : fresh) {
    earliest = std::min(earliest, r.claim->discharged);
    latest = std::max(latest, r.claim->discharged);
    claims.push_back(r.claim);
  }
  registry::TextSet own;
  if (patients == nullptr) {
    own = PatientsOf(claims);
    patients = &own;
  }
  auto view = registry::RegistryView::Load(store, {earliest, latest, now}, patients, pay::TablesRead(pack));
  if (!view.ok()) return view.status();
  // Each claim's person in the view: a million lookups, half of them on a second thread.
  // Should either half fail, the whole is checked again for the message that lists the
  // errors in the claims' order.
  const size_t half = claims.size() / 2;
  const std::span<const Claim* const> all_claims(claims);
  auto first_half = std::async(std::launch::async, [&] { return CheckAgainstRegistry(all_claims.first(half), *view); });
  auto persons = CheckAgainstRegistry(all_claims.subspan(half), *view);
  auto first_persons = first_half.get();
  if (!first_persons.ok() || !persons.ok()) {
    auto whole = CheckAgainstRegistry(all_claims, *view);
    return whole.ok() ? Internal("the claims' halves do not match the registry, the whole does") : whole.status();
  }
  persons->insert(persons->begin(), first_persons->begin(), first_persons->end());
  std::optional<pay::RegistryPopulation> built;
  std::vector<uint32_t> row_of;
  std::vector<const engine::Column*> columns;
  if (!inputs.empty()) {
    auto population = pay::PopulationFromRegistry(pack, *view);
    if (!population.ok()) return population.status();
    built = std::move(*population);
    row_of.assign(view->persons().size(), registry::kNoRow);
    for (uint32_t row = 0; row < built->member_person.size(); ++row) row_of[built->member_person[row]] = row;
    for (const policy::Variable* variable : inputs) columns.push_back(built->population.members.Find(variable->name));
  }
  // Each claim's hospital level and patient's facts; the two halves on two threads, the
  // first half's error first.
  const auto fill = [&](size_t begin, size_t end) -> Status {
    for (size_t c = begin; c < end; ++c) {
      Recorded& r = fresh[c];
      const registry::Org* hospital = view->FindOrg(r.claim->hospital);
      r.level = hospital != nullptr ? hospital->level : "";
      if (HospitalLevelIndex(r.level) < 0) {
        return InvalidArgument(Named(*r.claim) + ": hospital '" + r.claim->hospital + "' has level '" + r.level +
                               "' in the registry, not village, township, county, city or out_of_area");
      }
      if (inputs.empty()) continue;
      const uint32_t row = row_of[(*persons)[c]];
      r.facts.resize(inputs.size());
      for (size_t i = 0; i < inputs.size(); ++i) {
        r.facts[i] = row == registry::kNoRow || columns[i] == nullptr ? inputs[i]->default_value.raw
                                                                       : columns[i]->values.At(row);
      }
    }
    return Status::Ok();
  };
  auto filled_first = std::async(std::launch::async, fill, size_t{0}, half);
  Status filled_second = fill(half, fresh.size());
  if (Status status = filled_first.get(); !status.ok()) return status;
  return filled_second;
}

// The context the cascade reads for `claims`: levels and the patients' facts.
ClaimContext ContextOf(const PersonInputs& inputs, const std::vector<const Recorded*>& claims) {
  ClaimContext context;
  context.hospital_level.reserve(claims.size());
  for (const Recorded* r : claims) context.hospital_level.push_back(static_cast<uint8_t>(HospitalLevelIndex(r->level)));
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::vector<int64_t>& values = context.person_values[inputs[i]->name];
    values.reserve(claims.size());
    for (const Recorded* r : claims) values.push_back(r->facts[i]);
  }
  return context;
}

// The cascade over the settled claims among `recorded` (cancelled ones left out), which
// `settled` lists in the settlement's order; a large one on two threads.
Result<Settlement> CascadeOf(const policy::Pack& pack, const PersonInputs& inputs,
                             const std::vector<Recorded>& recorded, std::vector<const Recorded*>& settled) {
  std::vector<const Claim*> claims;
  for (const Recorded& r : recorded) {
    if (r.cancelled) continue;
    settled.push_back(&r);
    claims.push_back(r.claim);
  }
  return SettleClaims(pack, std::span<const Claim* const>(claims), ContextOf(inputs, settled), 2);
}

// What a line keeps of the inputs its stage read: the year's sums before the claim
// (`year_before.x`), the only ones that change as the year's claims come and go — the
// others are the claim's own, recorded with it. A sum not listed is zero: the year's
// first claim reads "{}".
std::string YearBeforeJson(const policy::Pack& pack, const Settlement& settlement, size_t claim) {
  JsonWriter json;
  json.Object();
  for (size_t i = 0; i < settlement.inputs.size(); ++i) {
    const policy::Variable& variable = pack.variables[settlement.inputs[i]];
    const int64_t value = settlement.Input(claim, i);
    if (variable.binding.kind != ClaimBinding::Kind::kYearBefore || value == 0) continue;
    json.Field(variable.name, PlainValue(variable, value));
  }
  return json.End().Take();
}

// A person's year: its totals, and the last of its claims in the settlement (whose
// accumulated_after are the year's), none when all of its claims were cancelled.
struct Year {
  std::string_view person;
  int year = 0;
  YearTotals totals;  // without the accumulators' texts: see ForEachAccumulator
  uint32_t last = UINT32_MAX;
};

// The person-years' totals from their settled claims — every year of `recorded`, one
// whose claims were all cancelled with zeros — sorted by person and year.
std::vector<Year> YearsOf(const policy::Pack& pack, const std::vector<Recorded>& recorded,
                          const std::vector<const Recorded*>& settled, const Settlement& settlement) {
  std::vector<Year> years(settlement.year_last.size());
  for (size_t y = 0; y < years.size(); ++y) {
    years[y].last = settlement.year_last[y];
    const Claim& last = *settled[years[y].last]->claim;
    years[y].person = last.person_id;
    years[y].year = last.discharged.year();
    years[y].totals.paid_fen.assign(pack.stages.size(), 0);
  }
  for (size_t i = 0; i < settled.size(); ++i) {
    YearTotals& year = years[settlement.person_year[i]].totals;
    ++year.admissions;
    year.total_fen += settled[i]->claim->total_cost_fen;
    year.compliant_fen += settled[i]->claim->compliant_cost_fen;
    year.self_pay_fen += settlement.self_pay_fen[i];
    for (size_t s = 0; s < pack.stages.size(); ++s) year.paid_fen[s] += settlement.Paid(i, s);
  }
  // By person: a person's years are numbered in discharge order, so they stay by year.
  const std::vector<uint32_t> order = OrderByText(years.size(), [&](size_t y) { return years[y].person; });
  std::vector<Year> sorted;
  sorted.reserve(years.size());
  for (uint32_t y : order) sorted.push_back(std::move(years[y]));
  years = std::move(sorted);
  const auto by_key = [](const Year& a, const Year& b) { return std::tie(a.person, a.year) < std::tie(b.person, b.year); };
  // Years left with cancelled claims only: few, so each is looked for among the others.
  for (const Recorded& r : recorded) {
    if (!r.cancelled) continue;
    Year empty{r.claim->person_id, r.claim->discharged.year(), {}, UINT32_MAX};
    const auto at = std::lower_bound(years.begin(), years.end(), empty, by_key);
    if (at != years.end() && at->person == empty.person && at->year == empty.year) continue;
    empty.totals.paid_fen.assign(pack.stages.size(), 0);
    years.insert(at, std::move(empty));
  }
  return years;
}

// Calls each(x, value as text) for the sums the year's stages read as `year_before.x`
// (none for a year whose claims were all cancelled).
template <typename Each>
void ForEachAccumulator(const policy::Pack& pack, const Settlement& settlement, const Year& year, Each each) {
  if (year.last == UINT32_MAX) return;
  for (size_t a = 0; a < settlement.accumulated.size(); ++a) {
    const policy::Variable& variable = pack.variables[settlement.accumulated[a]];
    each(variable.name, PlainValue(variable, settlement.AccumulatedAfter(year.last, a)));
  }
}

struct PostedLine {
  std::string transfer_id, stage;
  int64_t amount_fen = 0;
  bool refused = false;  // the ledger refused its transfer: nothing paid, and its id stays taken
};

// The lines recorded for `claim_ids` whose transfers the ledger holds — accepted, or
// refused (a fund short when the batch came) — by claim. A line whose transfer the ledger
// does not hold (a settlement stopped before posting it) is left out: the next settlement
// of its year records it again, under the same id.
Result<std::unordered_map<std::string, std::vector<PostedLine>>> PostedLines(
    store::Store& store, const ledger::Ledger& ledger, const std::vector<std::string>& claim_ids) {
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
  auto refused = ledger.Refused(ids);
  if (!refused.ok()) return refused.status();
  std::unordered_map<std::string, std::vector<PostedLine>> posted;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!(*accepted)[i] && !(*refused)[i]) continue;
    lines[i].refused = (*refused)[i];
    posted[owners[i]].push_back(std::move(lines[i]));
  }
  return posted;
}

// A line to post: a stage's difference on a claim, its transfer the n-th of the stage on
// the claim.
struct Line {
  uint32_t recorded = 0;         // into the settled years' claims
  uint32_t settled = UINT32_MAX; // into the settlement; UINT32_MAX for a cancelled claim
  uint32_t stage = 0;
  uint32_t n = 1;
  int64_t amount_fen = 0;
};

// settle/<claim>/<stage>/<n>: the n-th transfer of a stage on a claim.
void AppendTransferId(std::string& out, const Claim& claim, const policy::Stage& stage, uint32_t n) {
  out.append("settle/").append(claim.claim_id).append("/").append(stage.name).append("/").append(std::to_string(n));
}

std::string TransferId(const Claim& claim, const policy::Stage& stage, uint32_t n) {
  std::string id;
  AppendTransferId(id, claim, stage, n);
  return id;
}

// A batch of lines' texts as written: each line's transfer id and the inputs its stage
// read, one after the other in one buffer. Built on a second thread while the batch before
// is written.
struct LineTexts {
  std::string texts;
  std::vector<size_t> ends;  // lines × 2: where each text ends

  std::string_view Text(size_t line, size_t i) const {
    const size_t at = line * 2 + i;
    const size_t begin = at == 0 ? 0 : ends[at - 1];
    return std::string_view(texts).substr(begin, ends[at] - begin);
  }
};

LineTexts BuildLineTexts(const policy::Pack& pack, const std::vector<Recorded>& recorded,
                         const Settlement& settlement, std::span<const Line> lines) {
  LineTexts built;
  built.texts.reserve(lines.size() * 96);
  built.ends.reserve(lines.size() * 2);
  for (const Line& line : lines) {
    AppendTransferId(built.texts, *recorded[line.recorded].claim, pack.stages[line.stage], line.n);
    built.ends.push_back(built.texts.size());
    built.texts += line.settled != UINT32_MAX ? YearBeforeJson(pack, settlement, line.settled) : "{}";
    built.ends.push_back(built.texts.size());
  }
  return built;
}

// The transfers of a batch of lines, linked: built on a second thread while the batch
// before is posted, so that a city's transfers are never all held at once (each holds a
// dozen texts: half a gigabyte for a million claims).
std::vector<ledger::Transfer> BuildTransfers(const policy::Pack& pack, const std::vector<Recorded>& recorded,
                                             std::span<const Line> lines) {
  std::vector<ledger::Transfer> transfers;
  transfers.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    const Claim& claim = *recorded[line.recorded].claim;
    const policy::Stage& stage = pack.stages[line.stage];
    const std::string payee = stage.payee == policy::StagePayee::kHospital ? "payable/org/" + claim.hospital
                                                                           : "payable/person/" + claim.person_id;
    ledger::Transfer transfer;
    transfer.id = TransferId(claim, stage, line.n);
    const bool back = line.amount_fen < 0;
    transfer.debit_account = back ? payee : stage.payer_account;
    transfer.credit_account = back ? stage.payer_account : payee;
    transfer.amount = back ? -line.amount_fen : line.amount_fen;
    transfer.unit = "CNY";
    transfer.purpose = stage.name;
    transfer.reference = claim.claim_id;
    transfer.memo = claim.person_id;
    transfer.value_date = claim.discharged;
    transfer.linked = i + 1 < lines.size();
    transfers.push_back(std::move(transfer));
  }
  return transfers;
}

// Writes a batch of lines (inside the recording transaction), in chunks of rows. A line of
// a claim recorded before (from `before` on, the claims are new) may be there already,
// written by a settlement that stopped before posting it: it is written over. A new
// claim's lines cannot be, and are inserted plainly — an upsert of many rows would make
// SQLite keep a statement journal (chunked_insert.h), as large as what it writes.
Status WriteLines(store::Store& store, const policy::Pack& pack, const std::vector<Recorded>& recorded,
                  size_t before, std::span<const Line> lines, const LineTexts& texts, int64_t now) {
  static const std::string insert =
      "INSERT INTO settle_lines (transfer_id, claim_id, stage, amount, pack_version, inputs, recorded_at) VALUES ";
  static const std::string values = "(?, ?, ?, ?, ?, ?, ?)";
  static const store::ChunkStatements insert_sql = store::ChunkSqls(insert, values);
  static const store::ChunkStatements upsert_sql = store::ChunkSqls(
      insert, values,
      " ON CONFLICT (transfer_id) DO UPDATE SET amount = excluded.amount, pack_version = excluded.pack_version, "
      "inputs = excluded.inputs, recorded_at = excluded.recorded_at");
  std::vector<uint32_t> of_new, of_known;  // the lines of new claims, of claims recorded before
  for (uint32_t i = 0; i < lines.size(); ++i) (lines[i].recorded >= before ? of_new : of_known).push_back(i);
  for (const auto& [which, sql] : {std::pair(&of_new, &insert_sql), std::pair(&of_known, &upsert_sql)}) {
    Status status = store::WriteInChunks(
        store, which->size(), 7, *sql, [&](store::Statement& s, int at, size_t k) {
          const size_t i = (*which)[k];
          s.BindTextUncopied(at, texts.Text(i, 0));  // transfer_id
          s.BindTextUncopied(at + 1, recorded[lines[i].recorded].claim->claim_id);
          s.BindTextUncopied(at + 2, pack.stages[lines[i].stage].name);
          s.BindInt(at + 3, lines[i].amount_fen);
          s.BindTextUncopied(at + 4, pack.version);
          s.BindTextUncopied(at + 5, texts.Text(i, 1));  // inputs
          s.BindInt(at + 6, now);
        });
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// What a settled claim carries of its year: the accumulators up to and including it, those
// that are not zero ("{}" when none is).
std::string YearToDateJson(const policy::Pack& pack, const Settlement& settlement, size_t claim) {
  JsonWriter json;
  json.Object();
  for (size_t a = 0; a < settlement.accumulated.size(); ++a) {
    const int64_t value = settlement.AccumulatedAfter(claim, a);
    if (value == 0) continue;
    const policy::Variable& variable = pack.variables[settlement.accumulated[a]];
    json.Field(variable.name, PlainValue(variable, value));
  }
  return json.End().Take();
}

// A chunk of new claims' rows as bound, built on a second thread while the chunk before is
// written: their texts copied out of the claims into one buffer, so that the writing
// thread reads them one after the other and nothing is allocated per text.
struct ClaimRows {
  // claim_id, person_id, hospital, level, admitted, discharged, diagnosis, items,
  // year_to_date: the texts of a row, in this order.
  static constexpr size_t kTexts = 9;
  std::string texts;
  std::vector<uint32_t> ends;                   // rows × kTexts: where each text ends
  std::vector<std::array<int64_t, 5>> numbers;  // year, total cost, compliant cost, self-pay, facts id
  std::vector<const Claim*> claims;             // for errors

  void Add(std::string_view text) {
    texts.append(text);
    ends.push_back(static_cast<uint32_t>(texts.size()));
  }
  std::string_view Text(size_t row, size_t i) const {
    const size_t at = row * kTexts + i;
    const uint32_t begin = at == 0 ? 0 : ends[at - 1];
    return std::string_view(texts).substr(begin, ends[at] - begin);
  }
};

// New claims are written in chunks: a chunk's rows are built while the one before is written.
constexpr size_t kClaimsPerChunk = 16384;

// The patients' facts of `fresh` by their ids in settle_facts, those not stored yet added
// (inside the recording transaction). They take few distinct values: a scheme, a few yes
// or no.
Result<std::map<std::vector<int64_t>, int64_t>> FactsIds(store::Store& store, const PersonInputs& inputs,
                                                         std::span<const Recorded> fresh) {
  std::map<std::vector<int64_t>, int64_t> ids;
  const std::vector<int64_t>* last = nullptr;  // claims in a row often share them
  for (const Recorded& r : fresh) {
    if (last == nullptr || *last != r.facts) last = &ids.try_emplace(r.facts, 0).first->first;
  }
  if (ids.empty()) return ids;
  auto find = store.Prepare("SELECT id FROM settle_facts WHERE facts = ?");
  if (!find.ok()) return find.status();
  auto largest = store.Prepare("SELECT COALESCE(MAX(id), 0) FROM settle_facts");
  if (!largest.ok()) return largest.status();
  auto row = (*largest)->Step();
  if (!row.ok()) return row.status();
  int64_t next = (*largest)->Int(0) + 1;
  (*largest)->Reset();
  for (auto& [facts, id] : ids) {
    const std::string json = FactsJson(inputs, facts);
    (*find)->Reset();
    (*find)->BindText(1, json);
    auto found = (*find)->Step();
    if (!found.ok()) return found.status();
    if (*found) {
      id = (*find)->Int(0);
      (*find)->Reset();
      continue;
    }
    id = next++;
    Status added = store::ExecuteBound(store, "INSERT INTO settle_facts (id, facts) VALUES (?, ?)",
                                       [&](store::Statement& s) {
                                         s.BindInt(1, id);
                                         s.BindText(2, json);
                                       });
    if (!added.ok()) return added;
  }
  return ids;
}

// The person and year a claim id is recorded with, if it is.
Result<std::optional<PersonYear>> RecordedPersonYear(store::Store& store, std::string_view claim_id) {
  auto statement = store.Prepare("SELECT person_id, year FROM settle_claims WHERE claim_id = ?");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(1, claim_id);
  auto row = (*statement)->Step();
  if (!row.ok()) return row.status();
  std::optional<PersonYear> found;
  if (*row) found = PersonYear((*statement)->Text(0), static_cast<int>((*statement)->Int(1)));
  (*statement)->Reset();
  return found;
}

// Inserts the new claims with their settlement (none is cancelled: `at[i]` is claim i's
// index in the settlement), in resident-ID order (`by_person`, when the caller has sorted
// them already): the (person, year) index is then written page by page.
Status InsertClaims(store::Store& store, const policy::Pack& pack, const PersonInputs& inputs,
                    std::span<const Recorded> fresh, std::span<const uint32_t> by_person, std::span<const uint32_t> at,
                    const Settlement& settlement, int64_t now) {
  auto facts_ids = FactsIds(store, inputs, fresh);
  if (!facts_ids.ok()) return facts_ids.status();
  std::vector<uint32_t> sorted;
  if (by_person.size() != fresh.size()) {
    sorted = OrderByText(fresh.size(), [&](size_t i) { return std::string_view(fresh[i].claim->person_id); });
  }
  const std::span<const uint32_t> order = by_person.size() == fresh.size() ? by_person : std::span(sorted);
  const auto build = [&](size_t first) {
    return std::async(std::launch::async, [&, first] {
      const size_t count = std::min(kClaimsPerChunk, order.size() - first);
      ClaimRows rows;
      rows.texts.reserve(count * 256);
      rows.ends.reserve(count * ClaimRows::kTexts);
      rows.numbers.reserve(count);
      rows.claims.reserve(count);
      for (size_t k = 0; k < count; ++k) {
        const Recorded& r = fresh[order[first + k]];
        const Claim& claim = *r.claim;
        const uint32_t settled = at[order[first + k]];
        rows.Add(claim.claim_id);
        rows.Add(claim.person_id);
        rows.Add(claim.hospital);
        rows.Add(r.level);
        rows.Add(claim.admitted.ToString());
        rows.Add(claim.discharged.ToString());
        rows.Add(claim.diagnosis);
        rows.Add(claim.items.empty() ? std::string("[]") : ItemsJson(claim));
        rows.Add(YearToDateJson(pack, settlement, settled));
        rows.numbers.push_back({claim.discharged.year(), claim.total_cost_fen, claim.compliant_cost_fen,
                                settlement.self_pay_fen[settled], facts_ids->at(r.facts)});
        rows.claims.push_back(&claim);
      }
      return rows;
    });
  };
  static const store::ChunkStatements sql = store::ChunkSqls(
      "INSERT INTO settle_claims (claim_id, person_id, year, hospital, hospital_level, admitted, "
      "discharged, total_cost, compliant_cost, diagnosis, items, facts_id, status, self_pay, year_to_date, "
      "recorded_at) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'settled', ?, ?, ?)");
  std::future<ClaimRows> next;
  if (!order.empty()) next = build(0);
  for (size_t first = 0; first < order.size(); first += kClaimsPerChunk) {
    const ClaimRows rows = next.get();
    if (first + kClaimsPerChunk < order.size()) next = build(first + kClaimsPerChunk);
    Status status = store::WriteInChunks(
        store, rows.claims.size(), 15, sql, [&](store::Statement& s, int at, size_t k) {
          const auto& [year, total_cost_fen, compliant_cost_fen, self_pay_fen, facts_id] = rows.numbers[k];
          s.BindTextUncopied(at, rows.Text(k, 0));       // claim_id
          s.BindTextUncopied(at + 1, rows.Text(k, 1));   // person_id
          s.BindInt(at + 2, year);
          s.BindTextUncopied(at + 3, rows.Text(k, 2));   // hospital
          s.BindTextUncopied(at + 4, rows.Text(k, 3));   // hospital_level
          s.BindTextUncopied(at + 5, rows.Text(k, 4));   // admitted
          s.BindTextUncopied(at + 6, rows.Text(k, 5));   // discharged
          s.BindInt(at + 7, total_cost_fen);
          s.BindInt(at + 8, compliant_cost_fen);
          s.BindTextUncopied(at + 9, rows.Text(k, 6));   // diagnosis
          s.BindTextUncopied(at + 10, rows.Text(k, 7));  // items
          s.BindInt(at + 11, facts_id);
          s.BindInt(at + 12, self_pay_fen);
          s.BindTextUncopied(at + 13, rows.Text(k, 8));  // year_to_date
          s.BindInt(at + 14, now);
        });
    // The id taken by a claim of another person or year (a claim of these years was found
    // before): the first of the chunk's claims recorded otherwise is named.
    if (status.code() == ErrorCode::kAlreadyExists) {
      for (const Claim* claim : rows.claims) {
        auto recorded_as = RecordedPersonYear(store, claim->claim_id);
        if (!recorded_as.ok()) return recorded_as.status();
        if (*recorded_as && **recorded_as != PersonYear(claim->person_id, claim->discharged.year())) {
          return Status(ErrorCode::kAlreadyExists, Named(*claim) + kRecordedOtherwise);
        }
      }
    }
    if (!status.ok()) return status.Prefixed("recording the claims");
  }
  return Status::Ok();
}

// A claim recorded before whose stored settlement the new one changes (a late or
// cancelled claim of its year): what it is to hold now, none for a cancelled claim.
struct ChangedSettlement {
  size_t claim = 0;  // into the claims recorded before
  std::optional<int64_t> self_pay;
  std::optional<std::string> year_to_date;
};

// The changed settlements of the claims recorded before (`known`; `at[i]`: claim i's index
// in the settlement, UINT32_MAX for a cancelled claim).
std::vector<ChangedSettlement> ChangedSettlements(const policy::Pack& pack, std::span<const Recorded> known,
                                                  std::span<const uint32_t> at, const Settlement& settlement) {
  std::vector<ChangedSettlement> changed;
  for (size_t i = 0; i < known.size(); ++i) {
    ChangedSettlement now{i, std::nullopt, std::nullopt};
    if (at[i] != UINT32_MAX) {
      now.self_pay = settlement.self_pay_fen[at[i]];
      now.year_to_date = YearToDateJson(pack, settlement, at[i]);
    }
    if (now.self_pay != known[i].self_pay || now.year_to_date != known[i].year_to_date) {
      changed.push_back(std::move(now));
    }
  }
  return changed;
}

Status UpdateSettled(store::Store& store, std::span<const Recorded> known, const std::vector<ChangedSettlement>& changed) {
  for (const ChangedSettlement& change : changed) {
    Status status = store::ExecuteBound(
        store, "UPDATE settle_claims SET self_pay = ?, year_to_date = ? WHERE claim_id = ?",
        [&](store::Statement& s) {
          if (change.self_pay) s.BindInt(1, *change.self_pay); else s.BindNull(1);
          if (change.year_to_date) s.BindText(2, *change.year_to_date); else s.BindNull(2);
          s.BindText(3, known[change.claim].claim->claim_id);
        });
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// Records, in one transaction, the new claims and the changed settlement of those
// recorded before, then the lines batch by batch (each batch's texts built on a second
// thread while the one before is written): if any write fails, or another recording came
// after the claims' years were read (`recordings`: the count they were read at), nothing
// is recorded.
Status RecordSettlement(store::Store& store, const policy::Pack& pack, const PersonInputs& inputs,
                        const std::vector<Recorded>& recorded, size_t before,
                        std::span<const uint32_t> fresh_by_person, std::span<const uint32_t> at,
                        const std::vector<ChangedSettlement>& changed, const Settlement& settlement,
                        const std::vector<Line>& lines, int64_t now, int64_t recordings) {
  const auto build = [&](size_t first) {
    const size_t end = std::min(lines.size(), first + ledger::kMaxBatchTransfers);
    return std::async(std::launch::async, BuildLineTexts, std::cref(pack), std::cref(recorded),
                      std::cref(settlement), std::span<const Line>(lines).subspan(first, end - first));
  };
  return store::InTransaction(store, [&]() -> Status {
    if (Status counted = CountRecording(store, recordings); !counted.ok()) return counted;
    const std::span<const Recorded> all(recorded);
    if (Status status = InsertClaims(store, pack, inputs, all.subspan(before), fresh_by_person, at.subspan(before),
                                     settlement, now);
        !status.ok()) {
      return status;
    }
    if (Status status = UpdateSettled(store, all.first(before), changed); !status.ok()) return status;
    std::future<LineTexts> next;
    if (!lines.empty()) next = build(0);
    for (size_t first = 0; first < lines.size(); first += ledger::kMaxBatchTransfers) {
      const size_t end = std::min(lines.size(), first + ledger::kMaxBatchTransfers);
      const LineTexts texts = next.get();
      if (end < lines.size()) next = build(end);
      const std::span<const Line> part = std::span<const Line>(lines).subspan(first, end - first);
      if (Status status = WriteLines(store, pack, recorded, before, part, texts, now); !status.ok()) return status;
    }
    return Status::Ok();
  });
}

// Posts the recorded lines' transfers, each batch linked: the payees' accounts declared,
// then the batch.
Status PostBatches(ledger::Ledger& ledger, const policy::Pack& pack, const std::vector<Recorded>& recorded,
                   const std::vector<Line>& lines, SettleSummary& summary) {
  const auto build = [&](size_t first) {
    const size_t end = std::min(lines.size(), first + ledger::kMaxBatchTransfers);
    return std::async(std::launch::async, BuildTransfers, std::cref(pack), std::cref(recorded),
                      std::span<const Line>(lines).subspan(first, end - first));
  };
  std::future<std::vector<ledger::Transfer>> next;
  if (!lines.empty()) next = build(0);
  for (size_t first = 0; first < lines.size(); first += ledger::kMaxBatchTransfers) {
    const size_t end = std::min(lines.size(), first + ledger::kMaxBatchTransfers);
    std::vector<ledger::Transfer> transfers = next.get();
    if (end < lines.size()) next = build(end);
    // The payees (a few hospitals, or the patients), each once.
    std::unordered_set<std::string_view> seen;
    std::vector<std::string> payees;
    for (size_t i = 0; i < transfers.size(); ++i) {
      if (lines[first + i].amount_fen > 0 && seen.insert(transfers[i].credit_account).second) {
        payees.push_back(transfers[i].credit_account);
      }
    }
    if (Status declared = pay::DeclarePayeeAccounts(ledger, payees); !declared.ok()) return declared;
    auto results = ledger.Submit(std::move(transfers));
    if (!results.ok()) return results.status();
    for (size_t i = 0; i < results->size(); ++i) {
      const ledger::TransferResult result = (*results)[i];
      if (result == ledger::TransferResult::kOk) {
        ++summary.posted;
      } else if (result == ledger::TransferResult::kExists) {
        ++summary.already;
      } else if (result != ledger::TransferResult::kLinkedEventFailed) {
        const Line& line = lines[first + i];
        return Status(ErrorCode::kFailedPrecondition,
                      "the ledger refused " + TransferId(*recorded[line.recorded].claim, pack.stages[line.stage], line.n) +
                          ": " + ledger::ResultName(result) + "; the batch of " + std::to_string(results->size()) +
                          " was not posted");
      }
    }
  }
  return Status::Ok();
}

// Settles person-years again, given all their claims (`recorded`, settled or cancelled),
// of which those from `before` on are new: the cascade over each year's settled claims,
// and every stage's due amount on every claim (nothing on a cancelled one) brought to
// what the ledger holds. Lines on claims recorded before count as adjustments; new claims
// have no lines yet, so theirs are not looked up (`fresh_by_person`: the new claims in
// resident-ID order, when the caller has it; empty, when not). The new claims, every claim's
// settlement and the lines are recorded in one transaction, after the cascade succeeds;
// then the lines' transfers are posted.
Status SettleRecorded(store::Store& store, ledger::Ledger& ledger, const policy::Pack& pack,
                      const PersonInputs& inputs, const std::vector<Recorded>& recorded, size_t before,
                      std::span<const uint32_t> fresh_by_person, int64_t recordings, const SettleOptions& options,
                      SettleSummary& summary) {
  const int64_t now = options.now;
  Stopwatch stopwatch;
  std::vector<std::string> ids;
  for (size_t i = 0; i < before; ++i) ids.push_back(recorded[i].claim->claim_id);
  auto posted = PostedLines(store, ledger, ids);
  if (!posted.ok()) return posted.status();

  std::vector<const Recorded*> settled;
  auto settlement = CascadeOf(pack, inputs, recorded, settled);
  if (!settlement.ok()) return settlement.status();

  std::vector<Line> lines;
  std::vector<uint32_t> at(recorded.size(), UINT32_MAX);  // each claim's index in the settlement
  uint32_t index = 0;
  for (size_t i = 0; i < recorded.size(); ++i) {
    const Recorded& r = recorded[i];
    if (!r.cancelled) at[i] = index++;
    const auto found = i < before ? posted->find(r.claim->claim_id) : posted->end();
    for (size_t s = 0; s < pack.stages.size(); ++s) {
      const policy::Stage& stage = pack.stages[s];
      const int64_t due = r.cancelled ? 0 : settlement->Paid(at[i], s);
      int64_t paid = 0;
      uint32_t count = 0;  // the stage's transfers on the claim the ledger holds, accepted or refused
      if (found != posted->end()) {
        for (const PostedLine& line : found->second) {
          if (line.stage != stage.name) continue;
          if (!line.refused) paid += line.amount_fen;
          ++count;
        }
      }
      if (due == paid) continue;
      const size_t id_bytes = std::string_view("settle/").size() + r.claim->claim_id.size() + 1 + stage.name.size() +
                              1 + std::to_string(count + 1).size();
      if (id_bytes > ledger::kMaxCodeBytes) {
        return InvalidArgument("the transfer id 'settle/" + r.claim->claim_id + "/" + stage.name + "/" +
                               std::to_string(count + 1) + "' is longer than " +
                               std::to_string(ledger::kMaxCodeBytes) +
                               " bytes: shorten the claim id or the stage's name");
      }
      Line line;
      line.recorded = static_cast<uint32_t>(i);
      line.settled = at[i];
      line.stage = static_cast<uint32_t>(s);
      line.n = count + 1;
      line.amount_fen = due - paid;
      if (i < before) ++summary.adjustments;
      summary.stages[s].fen += line.amount_fen;
      lines.push_back(line);
    }
  }
  // In the order of their transfer ids: the lines' index by id and the journal's are
  // then written page by page, not at random.
  {
    std::string ids;  // one after the other, in one buffer
    std::vector<size_t> ends(lines.size());
    ids.reserve(lines.size() * 48);
    for (size_t i = 0; i < lines.size(); ++i) {
      AppendTransferId(ids, *recorded[lines[i].recorded].claim, pack.stages[lines[i].stage], lines[i].n);
      ends[i] = ids.size();
    }
    const auto id = [&](size_t i) {
      const size_t begin = i == 0 ? 0 : ends[i - 1];
      return std::string_view(ids).substr(begin, ends[i] - begin);
    };
    std::vector<Line> sorted;
    sorted.reserve(lines.size());
    for (uint32_t i : OrderByText(lines.size(), id)) sorted.push_back(lines[i]);
    lines = std::move(sorted);
  }
  summary.times.cascade += stopwatch.Lap();
  const std::vector<ChangedSettlement> changed =
      ChangedSettlements(pack, std::span<const Recorded>(recorded).first(before), std::span(at).first(before),
                         *settlement);
  if (options.before_recording) options.before_recording();
  // Nothing new, nothing changed, nothing to pay (the same claims again): nothing recorded.
  const bool nothing = before == recorded.size() && changed.empty() && lines.empty();
  if (Status status = nothing ? Status::Ok()
                              : RecordSettlement(store, pack, inputs, recorded, before, fresh_by_person, at, changed,
                                                 *settlement, lines, now, recordings);
      !status.ok()) {
    return status;
  }
  summary.times.recording += stopwatch.Lap();
  Status status = PostBatches(ledger, pack, recorded, lines, summary);
  summary.times.posting += stopwatch.Lap();
  return status;
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
                             std::vector<Claim> claims, const SettleOptions& options) {
  if (Status status = CheckSettlementPack(pack); !status.ok()) return status;
  if (Status migrated = MigrateSettleTables(store); !migrated.ok()) return migrated;
  if (Status payers = CheckPayers(ledger, pack); !payers.ok()) return payers;
  const PersonInputs inputs = PersonInputsOf(pack);
  Stopwatch stopwatch;
  SettleSummary summary = EmptySummary(pack);
  summary.claims = static_cast<int64_t>(claims.size());
  // The claims' patients, gathered on a second thread while their years are read.
  auto patients_of_all = std::async(std::launch::async, [&claims] {
    std::vector<const Claim*> all;
    all.reserve(claims.size());
    for (const Claim& claim : claims) all.push_back(&claim);
    return PatientsOf(all);
  });
  // Every claim of the years the claims touch: those recorded before, then the new ones.
  // By person and year: the order the store's index holds them in.
  const std::vector<uint32_t> by_person =
      OrderByText(claims.size(), [&](size_t i) { return std::string_view(claims[i].person_id); });
  PersonYearKeys keys;
  keys.reserve(claims.size());
  for (uint32_t i : by_person) keys.emplace_back(claims[i].person_id, claims[i].discharged.year());
  for (size_t first = 0; first < keys.size();) {  // a person's claims: a few, sorted by year
    size_t end = first + 1;
    while (end < keys.size() && keys[end].first == keys[first].first) ++end;
    std::sort(keys.begin() + static_cast<std::ptrdiff_t>(first), keys.begin() + static_cast<std::ptrdiff_t>(end));
    first = end;
  }
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<Recorded> recorded;
  int64_t recordings = 0;
  if (Status loaded = LoadYears(store, inputs, keys, recorded, recordings); !loaded.ok()) return loaded;
  summary.person_years = static_cast<int64_t>(keys.size());
  keys = PersonYearKeys();
  const size_t before = recorded.size();
  recorded.reserve(before + claims.size());
  std::unordered_map<std::string_view, size_t> known;
  for (size_t i = 0; i < before; ++i) known.emplace(recorded[i].claim->claim_id, i);
  std::vector<uint32_t> fresh_index(claims.size(), UINT32_MAX);  // by claim: its index among the new
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& claim = claims[i];
    const auto found = known.find(claim.claim_id);
    if (found == known.end()) {
      fresh_index[i] = static_cast<uint32_t>(recorded.size() - before);
      recorded.push_back(Recorded{&claim, nullptr, "", {}, false, std::nullopt, std::nullopt});
      continue;
    }
    const Recorded& was = recorded[found->second];
    if (was.cancelled) {
      return Status(ErrorCode::kFailedPrecondition, Named(claim) + " was cancelled; a new stay needs a new claim id");
    }
    if (!SameClaim(*was.claim, claim)) return Status(ErrorCode::kAlreadyExists, Named(claim) + kRecordedOtherwise);
    ++summary.known;
  }
  const std::span<Recorded> fresh = std::span<Recorded>(recorded).subspan(before);
  // The new claims in resident-ID order, as the claims were sorted above: the order they
  // are inserted in.
  std::vector<uint32_t> fresh_by_person;
  fresh_by_person.reserve(fresh.size());
  for (uint32_t i : by_person) {
    if (fresh_index[i] != UINT32_MAX) fresh_by_person.push_back(fresh_index[i]);
  }
  fresh_index = {};
  summary.times.years = stopwatch.Lap();
  // Every claim new (the usual case): the registry is read for the set built meanwhile.
  const registry::TextSet all_patients = patients_of_all.get();
  if (Status facts = FactsFromRegistry(store, pack, inputs, fresh, fresh.size() == claims.size() ? &all_patients : nullptr,
                                       options.now);
      !facts.ok()) {
    return facts;
  }
  summary.times.registry = stopwatch.Lap();
  summary.recorded = static_cast<int64_t>(fresh.size());
  if (Status settled =
          SettleRecorded(store, ledger, pack, inputs, recorded, before, fresh_by_person, recordings, options, summary);
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
  const PersonInputs inputs = PersonInputsOf(pack);
  auto known = LoadClaim(store, inputs, claim_id);
  if (!known.ok()) return known.status();
  if (!*known) return NotFound("no claim '" + std::string(claim_id) + "' is recorded");
  SettleSummary summary = EmptySummary(pack);
  summary.claims = 1;
  if (!(*known)->cancelled) {
    Status cancelled = store::InTransaction(store, [&]() -> Status {
      auto recordings = Recordings(store);
      if (!recordings.ok()) return recordings.status();
      if (Status counted = CountRecording(store, *recordings); !counted.ok()) return counted;
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
  const Claim& claim = *(*known)->claim;
  std::vector<Recorded> recorded;
  int64_t recordings = 0;
  Status loaded = store::InReadTransaction(store, [&]() -> Status {  // the year and the count at one moment
    auto counting = Recordings(store);
    if (!counting.ok()) return counting.status();
    recordings = *counting;
    return LoadYear(store, inputs, claim.person_id, claim.discharged.year(), recorded);
  });
  if (!loaded.ok()) return loaded;
  summary.person_years = 1;
  if (Status settled =
          SettleRecorded(store, ledger, pack, inputs, recorded, recorded.size(), {}, recordings, options, summary);
      !settled.ok()) {
    return settled;
  }
  return summary;
}

Result<ClaimStatement> ExplainSettled(store::Store& store, const ledger::Ledger& ledger,
                                      const policy::Pack& pack, std::string_view claim_id) {
  if (Status status = CheckSettlementPack(pack); !status.ok()) return status;
  if (Status migrated = MigrateSettleTables(store); !migrated.ok()) return migrated;
  const PersonInputs inputs = PersonInputsOf(pack);
  auto known = LoadClaim(store, inputs, claim_id);
  if (!known.ok()) return known.status();
  if (!*known) return NotFound("no claim '" + std::string(claim_id) + "' is recorded");
  ClaimStatement statement;
  statement.claim = *(*known)->claim;
  statement.status = (*known)->cancelled ? "cancelled" : "settled";
  statement.hospital_level = (*known)->level;

  const PersonYear key{statement.claim.person_id, statement.claim.discharged.year()};
  std::vector<Recorded> year;
  if (Status loaded = LoadYear(store, inputs, key.first, key.second, year); !loaded.ok()) return loaded;
  std::vector<const Recorded*> settled;
  auto settlement = CascadeOf(pack, inputs, year, settled);
  if (!settlement.ok()) return settlement.status();
  size_t index = SIZE_MAX;
  for (size_t i = 0; i < settled.size(); ++i) {
    if (settled[i]->claim->claim_id == claim_id) index = i;
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
        if (p.stage == line.stage->name && !p.refused) line.posted_fen += p.amount_fen;
      }
    }
    due_total += line.due_fen;
    statement.lines.push_back(std::move(line));
  }
  statement.self_pay_fen = statement.claim.total_cost_fen - due_total;
  for (Year& y : YearsOf(pack, year, settled, *settlement)) {
    if (y.person != key.first || y.year != key.second) continue;
    statement.year = std::move(y.totals);
    ForEachAccumulator(pack, *settlement, y, [&](const std::string& name, std::string value) {
      statement.year.accumulators.emplace_back(name, std::move(value));
    });
  }
  if (found != posted->end()) {
    for (const PostedLine& p : found->second) {
      if (!p.refused) statement.transfers.push_back({p.transfer_id, p.amount_fen});
    }
  }
  return statement;
}

}  // namespace minsheng::settle
