// The cascade: claims settled through a pack's stages (policy::Stage) — basic insurance,
// critical illness, medical assistance, hardship relief… — each stage reading the claim,
// the patient, what earlier stages paid on it, and the year's accumulators.
//
// A person's claims of a calendar year settle in discharge order (then by claim id): the
// n-th reads, through its `year_before.x` inputs, the sum of x over the person's first
// n − 1 claims of the year, so a second stay continues in the critical-illness segment
// where the first stopped, and an annual cap counts what was paid before. Claims are
// computed by the vectorized engine in rounds: round n holds every person's n-th claim
// of the year, grouped by the month of discharge (a claim is settled under the rules in
// force on the first day of the month it ended in).
//
// Each stage pays zero or more, and together they pay at most the stay's total cost; a
// pack whose stages break either stops the cascade with an error naming the claim and the
// stage. What is left is the patient's self-pay. Nothing here writes: see settle.h for
// the ledger and the store.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "engine/interpreter.h"
#include "engine/table.h"
#include "policy/pack.h"
#include "settle/claim.h"

namespace minsheng::settle {

// What a settlement knows of each claim beyond the claim itself, by claim index.
struct ClaimContext {
  // The hospital's level: an index into policy::kHospitalLevels.
  std::vector<uint8_t> hospital_level;
  // For each person input a claim input is bound to (`person.scheme`), the claim's
  // person's value, in the engine's representation (fen, 0/1, enum index…).
  std::map<std::string, std::vector<int64_t>, std::less<>> person_values;
};

// The index of a hospital level in policy::kHospitalLevels, or -1.
int HospitalLevelIndex(std::string_view level);

struct Settlement {
  size_t stage_count = 0;
  // By claim (the order given) and stage (the pack's order): what the stage pays.
  std::vector<int64_t> paid_fen;
  // By claim: the total cost less what every stage pays.
  std::vector<int64_t> self_pay_fen;
  // The claim inputs (the pack's variables of entity claim that are inputs), and by
  // claim each one's value as the stages read it: what an explanation is recomputed from.
  std::vector<int> inputs;  // indexes into pack.variables
  std::vector<int64_t> input_values;  // claims × inputs

  // The year's accumulators: the variables `year_before` inputs sum, and by claim each
  // one's sum over the person's claims of the year up to and including this one.
  std::vector<int> accumulated;  // indexes into pack.variables
  std::vector<int64_t> accumulated_after;  // claims × accumulated

  // The person-years the claims fall in, numbered 0, 1 … : by claim, its year's number;
  // by year, its last claim in discharge order (whose accumulated_after are the year's).
  std::vector<uint32_t> person_year;
  std::vector<uint32_t> year_last;

  int64_t Paid(size_t claim, size_t stage) const { return paid_fen[claim * stage_count + stage]; }
  int64_t AccumulatedAfter(size_t claim, size_t a) const {
    return accumulated_after[claim * accumulated.size() + a];
  }
  int64_t Input(size_t claim, size_t input) const { return input_values[claim * inputs.size() + input]; }
};

// Checks that the pack can settle claims: it has stages, an entity `claim` without a
// group, and claim variables of period month.
Status CheckSettlementPack(const policy::Pack& pack);

// Settles `claims` (any persons, any years) through the pack's stages. With two `threads`,
// the batches of each round are shared between two (each person-year is in a round once,
// so they are independent); the result is the same.
Result<Settlement> SettleClaims(const policy::Pack& pack, std::span<const Claim* const> claims,
                                const ClaimContext& context, size_t threads = 1);
Result<Settlement> SettleClaims(const policy::Pack& pack, std::span<const Claim> claims,
                                const ClaimContext& context, size_t threads = 1);

// A population of claims whose input columns hold `values` (rows × inputs, as in
// Settlement) for the pack's claim inputs `inputs`: the groups table is the claims.
engine::Population ClaimPopulation(const policy::Pack& pack, std::span<const std::string> ids,
                                   std::span<const int> inputs, std::span<const int64_t> values);

// The explanation of every stage of one settled claim, recomputed by the reference
// interpreter from its inputs as they were read: for `settle explain` and receipts.
Result<std::vector<engine::Explanation>> ExplainClaim(const policy::Pack& pack,
                                                      const Settlement& settlement, size_t claim,
                                                      const Claim& claim_data);

}  // namespace minsheng::settle
