#include "settle/cascade.h"

#include <algorithm>
#include <future>
#include <numeric>
#include <tuple>

#include "core/money.h"
#include "engine/engine.h"
#include "registry/text_set.h"

namespace minsheng::settle {

namespace {

using policy::ClaimBinding;

// Days since 1970 made non-negative for a sort key (dates from 1900 on).
constexpr int64_t kDayBias = 1 << 16;

// A round of fewer claims is computed on one thread: a second one's start would cost more.
constexpr size_t kClaimsInParallel = 16384;

// Where one claim input's value comes from, resolved once for all claims.
struct InputSource {
  int variable = -1;
  ClaimBinding::Kind kind = ClaimBinding::Kind::kNone;
  std::string_view field;                        // kClaimField
  std::vector<int64_t> level_to_enum;            // hospital_level: level index → enum index
  std::string_view category;                     // kItems
  const std::vector<int64_t>* person = nullptr;  // kPerson: by claim
  size_t accumulator = 0;                        // kYearBefore: index into the accumulated
};

const policy::Entity* ClaimEntity(const policy::Pack& pack) { return pack.FindEntity("claim"); }

int64_t ItemsOf(const Claim& claim, std::string_view category) {
  int64_t sum = 0;
  for (const ClaimItem& item : claim.items) {
    if (item.category == category) sum += item.cost_fen;
  }
  return sum;
}

// The claim inputs of the pack, each with its source; and the variables the year's
// accumulators sum (the targets of year_before bindings), once each.
Status ResolveInputs(const policy::Pack& pack, const ClaimContext& context, size_t claims,
                     std::vector<InputSource>& sources, std::vector<int>& accumulated) {
  for (size_t v = 0; v < pack.variables.size(); ++v) {
    const policy::Variable& variable = pack.variables[v];
    if (variable.entity != "claim" || !variable.is_input) continue;
    InputSource source;
    source.variable = static_cast<int>(v);
    source.kind = variable.binding.kind;
    const std::string& name = variable.binding.name;
    switch (source.kind) {
      case ClaimBinding::Kind::kNone: break;
      case ClaimBinding::Kind::kClaimField:
        source.field = name;
        if (name == "hospital_level") {
          for (const char* level : policy::kHospitalLevels) {
            const auto& values = variable.enum_type->values;
            const auto found = std::find(values.begin(), values.end(), level);
            source.level_to_enum.push_back(found == values.end() ? 0 : found - values.begin());
          }
          if (context.hospital_level.size() != claims) {
            return Internal("the claims' hospital levels are not given");
          }
        }
        break;
      case ClaimBinding::Kind::kItems: source.category = name; break;
      case ClaimBinding::Kind::kPerson: {
        const auto found = context.person_values.find(name);
        if (found == context.person_values.end() || found->second.size() != claims) {
          return Internal("the claims' persons' '" + name + "' is not given");
        }
        source.person = &found->second;
        break;
      }
      case ClaimBinding::Kind::kYearBefore: {
        const int target = pack.VariableIndex(name);
        const auto at = std::find(accumulated.begin(), accumulated.end(), target);
        source.accumulator = static_cast<size_t>(at - accumulated.begin());
        if (at == accumulated.end()) accumulated.push_back(target);
        break;
      }
    }
    sources.push_back(std::move(source));
  }
  return Status::Ok();
}

int64_t InputValue(const InputSource& source, const Claim& claim, size_t index,
                   const ClaimContext& context, const int64_t* accumulators) {
  switch (source.kind) {
    case ClaimBinding::Kind::kNone: return 0;  // unused: such inputs get no column
    case ClaimBinding::Kind::kClaimField:
      if (source.field == "total_cost") return claim.total_cost_fen;
      if (source.field == "compliant_cost") return claim.compliant_cost_fen;
      if (source.field == "hospital_level") return source.level_to_enum[context.hospital_level[index]];
      if (source.field == "stay_days") {
        return claim.discharged.days_since_epoch() - claim.admitted.days_since_epoch();
      }
      if (source.field == "admitted") return claim.admitted.days_since_epoch();
      return claim.discharged.days_since_epoch();
    case ClaimBinding::Kind::kItems: return ItemsOf(claim, source.category);
    case ClaimBinding::Kind::kPerson: return (*source.person)[index];
    case ClaimBinding::Kind::kYearBefore: return accumulators[source.accumulator];
  }
  return 0;
}

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToPlainString(); }

}  // namespace

int HospitalLevelIndex(std::string_view level) {
  for (size_t i = 0; i < std::size(policy::kHospitalLevels); ++i) {
    if (level == policy::kHospitalLevels[i]) return static_cast<int>(i);
  }
  return -1;
}

Status CheckSettlementPack(const policy::Pack& pack) {
  const policy::Entity* claim = ClaimEntity(pack);
  if (claim == nullptr || !claim->group.empty()) {
    return InvalidArgument("pack '" + pack.id + "' has no entity 'claim' without a group: it cannot settle claims");
  }
  if (pack.stages.empty()) {
    return InvalidArgument("pack '" + pack.id + "' defines no `stages:`: it cannot settle claims");
  }
  for (const policy::Variable& variable : pack.variables) {
    if (variable.entity == "claim" && variable.period != policy::PeriodUnit::kMonth) {
      return InvalidArgument("claim variable '" + variable.name + "' should have period month");
    }
  }
  return Status::Ok();
}

engine::Population ClaimPopulation(const policy::Pack& pack, std::span<const std::string> ids,
                                   std::span<const int> inputs, std::span<const int64_t> values) {
  engine::Population population;
  population.members = engine::EntityTable(pack.entities.front().name);
  population.groups = engine::EntityTable("claim");
  for (const std::string& id : ids) population.groups.mutable_ids().Append(id);
  population.member_begin.assign(ids.size() + 1, 0);
  for (size_t input = 0; input < inputs.size(); ++input) {
    const policy::Variable& variable = pack.variables[inputs[input]];
    if (variable.binding.kind == ClaimBinding::Kind::kNone) continue;  // its default
    std::vector<int64_t> column(ids.size());
    for (size_t row = 0; row < ids.size(); ++row) column[row] = values[row * inputs.size() + input];
    population.groups.Add(variable.name, variable.type, variable.enum_type.get(),
                          engine::Values::FromVector(std::move(column)));
  }
  return population;
}

Result<Settlement> SettleClaims(const policy::Pack& pack, std::span<const Claim> claims,
                                const ClaimContext& context, size_t threads) {
  std::vector<const Claim*> pointers;
  pointers.reserve(claims.size());
  for (const Claim& claim : claims) pointers.push_back(&claim);
  return SettleClaims(pack, std::span<const Claim* const>(pointers), context, threads);
}

Result<Settlement> SettleClaims(const policy::Pack& pack, std::span<const Claim* const> claims,
                                const ClaimContext& context, size_t threads) {
  if (Status status = CheckSettlementPack(pack); !status.ok()) return status;
  std::vector<InputSource> sources;
  std::vector<int> accumulated;
  if (Status status = ResolveInputs(pack, context, claims.size(), sources, accumulated); !status.ok()) {
    return status;
  }
  std::vector<int> stage_variables;
  for (const policy::Stage& stage : pack.stages) stage_variables.push_back(pack.VariableIndex(stage.variable));

  Settlement settlement;
  settlement.stage_count = pack.stages.size();
  settlement.paid_fen.assign(claims.size() * settlement.stage_count, 0);
  settlement.self_pay_fen.assign(claims.size(), 0);
  for (const InputSource& source : sources) settlement.inputs.push_back(source.variable);
  settlement.input_values.assign(claims.size() * sources.size(), 0);

  // Each person's claims of a year in discharge order: a person-year is a run of `order`,
  // and a claim's place in its run is its round. Years and months are worked out once:
  // a civil date's year costs a calendar conversion.
  std::vector<int32_t> year(claims.size()), month_of(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    year[i] = claims[i]->discharged.year();
    month_of[i] = year[i] * 12 + claims[i]->discharged.month() - 1;
  }
  // Sorted by one 64-bit key — the person's number (in order of first appearance), then
  // the discharge day — rather than by the texts: the claims are scattered in memory, and
  // comparing their ids would miss the cache at every step. Claims of one person
  // discharged the same day are then put in claim-id order.
  registry::TextSet persons;
  persons.Reserve(claims.size());
  std::vector<std::pair<uint64_t, uint32_t>> keyed(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    const uint64_t person = persons.Insert(claims[i]->person_id);
    const auto day = static_cast<uint64_t>(claims[i]->discharged.days_since_epoch() + kDayBias);
    keyed[i] = {person << 32 | day, static_cast<uint32_t>(i)};
  }
  std::sort(keyed.begin(), keyed.end());
  for (size_t k = 0; k < keyed.size();) {
    size_t end = k + 1;
    while (end < keyed.size() && keyed[end].first == keyed[k].first) ++end;
    if (end - k > 1) {
      std::sort(keyed.begin() + k, keyed.begin() + end, [&](const auto& a, const auto& b) {
        return claims[a.second]->claim_id < claims[b.second]->claim_id;
      });
    }
    k = end;
  }
  std::vector<uint32_t>& person_year = settlement.person_year;
  person_year.resize(claims.size());
  std::vector<uint32_t> round(claims.size());
  uint32_t person_years = 0;
  for (size_t k = 0; k < keyed.size(); ++k) {
    const uint32_t i = keyed[k].second;
    const uint32_t previous = k > 0 ? keyed[k - 1].second : 0;
    const bool same = k > 0 && keyed[k - 1].first >> 32 == keyed[k].first >> 32 && year[previous] == year[i];
    if (!same) {
      ++person_years;
      settlement.year_last.push_back(i);
    }
    person_year[i] = person_years - 1;
    round[i] = same ? round[previous] + 1 : 0;
    settlement.year_last.back() = i;
  }
  std::vector<int64_t> accumulators(static_cast<size_t>(person_years) * accumulated.size(), 0);
  settlement.accumulated = accumulated;
  settlement.accumulated_after.assign(claims.size() * accumulated.size(), 0);

  // Batches: a round's claims by discharge month, rounds in order.
  std::vector<uint32_t> batched(claims.size());
  std::iota(batched.begin(), batched.end(), 0);
  std::stable_sort(batched.begin(), batched.end(), [&](uint32_t a, uint32_t b) {
    return std::make_pair(round[a], month_of[a]) < std::make_pair(round[b], month_of[b]);
  });

  // One batch's claims through the engine: its inputs gathered, every stage and every
  // accumulator computed, the year's sums carried on. What a batch writes is its own
  // claims' rows and its person-years' sums, which no other batch of its round touches.
  const auto compute_batch = [&](std::span<const uint32_t> rows, std::vector<std::string>& ids,
                                 std::vector<int64_t>& values) -> Status {
    ids.clear();
    values.assign(rows.size() * sources.size(), 0);
    for (size_t r = 0; r < rows.size(); ++r) {
      const uint32_t c = rows[r];
      ids.push_back(claims[c]->claim_id);
      const int64_t* before = accumulators.data() + static_cast<size_t>(person_year[c]) * accumulated.size();
      for (size_t s = 0; s < sources.size(); ++s) {
        const int64_t value = InputValue(sources[s], *claims[c], c, context, before);
        values[r * sources.size() + s] = value;
        settlement.input_values[c * sources.size() + s] = value;
      }
    }
    const engine::Population population = ClaimPopulation(pack, ids, settlement.inputs, values);
    engine::Engine engine(pack, population);
    const Date discharged = claims[rows[0]]->discharged;
    const Period month = Period::Month(discharged.year(), discharged.month());
    for (size_t s = 0; s < stage_variables.size(); ++s) {
      auto computed = engine.Compute(stage_variables[s], month);
      if (!computed.ok()) return computed.status();
      for (size_t r = 0; r < rows.size(); ++r) {
        settlement.paid_fen[rows[r] * settlement.stage_count + s] = (*computed)->At(r);
      }
    }
    for (size_t a = 0; a < accumulated.size(); ++a) {
      auto computed = engine.Compute(accumulated[a], month);
      if (!computed.ok()) return computed.status();
      for (size_t r = 0; r < rows.size(); ++r) {
        int64_t& sum = accumulators[static_cast<size_t>(person_year[rows[r]]) * accumulated.size() + a];
        sum += (*computed)->At(r);
        settlement.accumulated_after[rows[r] * accumulated.size() + a] = sum;
      }
    }
    for (const uint32_t c : rows) {
      int64_t paid = 0;
      for (size_t s = 0; s < settlement.stage_count; ++s) {
        const int64_t amount = settlement.Paid(c, s);
        if (amount < 0) {
          return Internal("stage '" + pack.stages[s].name + "' pays " + Yuan(amount) + " on claim '" +
                          claims[c]->claim_id + "': a stage pays zero or more");
        }
        paid += amount;
      }
      if (paid > claims[c]->total_cost_fen) {
        return Internal("the stages pay " + Yuan(paid) + " on claim '" + claims[c]->claim_id +
                        "', more than its total cost " + Yuan(claims[c]->total_cost_fen) +
                        ": check the pack's stages");
      }
      settlement.self_pay_fen[c] = claims[c]->total_cost_fen - paid;
    }
    return Status::Ok();
  };

  // The batches (where each begins in `batched`), round by round; a round's batches are
  // independent of each other, so with two threads each takes half of its claims.
  std::vector<size_t> batch_begin;
  for (size_t first = 0; first < batched.size();) {
    batch_begin.push_back(first);
    size_t end = first;
    while (end < batched.size() && round[batched[end]] == round[batched[first]] &&
           month_of[batched[end]] == month_of[batched[first]]) {
      ++end;
    }
    first = end;
  }
  batch_begin.push_back(batched.size());
  const auto rows_of = [&](size_t b) {
    return std::span<const uint32_t>(batched.data() + batch_begin[b], batch_begin[b + 1] - batch_begin[b]);
  };
  // Runs batches [begin, end) in order; the first failure stops them and names its batch.
  struct Failure {
    size_t batch = SIZE_MAX;
    Status status;
  };
  const auto run = [&](size_t begin, size_t end) {
    std::vector<std::string> ids;
    std::vector<int64_t> values;
    for (size_t b = begin; b < end; ++b) {
      if (Status status = compute_batch(rows_of(b), ids, values); !status.ok()) return Failure{b, status};
    }
    return Failure{};
  };
  const size_t batches = batch_begin.size() - 1;
  for (size_t first = 0; first < batches;) {
    size_t end = first + 1;  // the round's batches: [first, end)
    while (end < batches && round[batched[batch_begin[end]]] == round[batched[batch_begin[first]]]) ++end;
    // The second thread's share starts where the round's first half of claims ends.
    size_t split = first;
    const size_t claims_in_round = batch_begin[end] - batch_begin[first];
    while (split < end && (batch_begin[split] - batch_begin[first]) * 2 < claims_in_round) ++split;
    if (threads < 2 || split == first || split == end || claims_in_round < kClaimsInParallel) split = end;
    std::future<Failure> second;
    if (split < end) second = std::async(std::launch::async, run, split, end);
    Failure failed = run(first, split);
    if (second.valid()) {
      Failure later = second.get();
      if (later.batch < failed.batch) failed = std::move(later);
    }
    if (failed.batch != SIZE_MAX) return failed.status;
    first = end;
  }
  return settlement;
}

Result<std::vector<engine::Explanation>> ExplainClaim(const policy::Pack& pack,
                                                      const Settlement& settlement, size_t claim,
                                                      const Claim& claim_data) {
  const std::vector<std::string> ids = {claim_data.claim_id};
  const size_t inputs = settlement.inputs.size();
  const std::span<const int64_t> values(settlement.input_values.data() + claim * inputs, inputs);
  const engine::Population population = ClaimPopulation(pack, ids, settlement.inputs, values);
  engine::Interpreter interpreter(pack, population);
  const Period month = Period::Month(claim_data.discharged.year(), claim_data.discharged.month());
  std::vector<engine::Explanation> explanations;
  for (size_t s = 0; s < pack.stages.size(); ++s) {
    auto explanation = interpreter.Explain(pack.VariableIndex(pack.stages[s].variable), 0, month);
    if (!explanation.ok()) return explanation.status();
    if (explanation->value.raw != settlement.Paid(claim, s)) {
      return Internal("stage '" + pack.stages[s].name + "' paid " + Yuan(settlement.Paid(claim, s)) +
                      " on claim '" + claim_data.claim_id + "' but explains " + Yuan(explanation->value.raw));
    }
    explanations.push_back(std::move(*explanation));
  }
  return explanations;
}

}  // namespace minsheng::settle
