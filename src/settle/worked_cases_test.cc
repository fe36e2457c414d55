// Worked cases of the bundled packs' stages (policies/wudi-2013, policies/zibo-2017), each
// amount computed by hand in the comment above it: both sides of Wudi's reform of
// 2012-08-01, NCMS and URBMI, the relief fund paying last over the year's self-pay; Zibo's
// basic insurance, critical illness continuing in its segments over a year of stays, the
// poverty-registered rules and the targeted drugs, medical assistance, and the employees'
// supplement above the large-amount cap.
#include <gtest/gtest.h>

#include <map>

#include "policy/loader.h"
#include "settle/cascade.h"
#include "settle/testing.h"

namespace minsheng::settle {
namespace {

using testing::MakeClaim;

constexpr int kTownship = 1, kCounty = 2, kCity = 3;

// A claim with its context: the hospital level and the patient's facts.
struct Case {
  Claim claim;
  int level = kTownship;
  std::map<std::string, int64_t> facts;  // person variable → the engine's value
};

class WorkedCases : public ::testing::Test {
 protected:
  static policy::Pack Load(const char* name) {
    auto pack = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/" + name);
    EXPECT_TRUE(pack.ok()) << pack.status().ToString();
    return pack.ok() ? std::move(*pack) : policy::Pack();
  }
  // The enum index of `value` in the pack's variable `name`.
  static int64_t EnumValue(const policy::Pack& pack, const char* name, const char* value) {
    return pack.FindVariable(name)->enum_type->IndexOf(value);
  }
  // Settles the cases; the stage amounts (in fen) by case, in stage order.
  static std::vector<std::vector<int64_t>> Settle(const policy::Pack& pack, const std::vector<Case>& cases) {
    std::vector<Claim> claims;
    ClaimContext context;
    for (const Case& c : cases) {
      claims.push_back(c.claim);
      context.hospital_level.push_back(static_cast<uint8_t>(c.level));
    }
    for (const policy::Variable& variable : pack.variables) {
      if (variable.binding.kind != policy::ClaimBinding::Kind::kPerson) continue;
      const policy::Variable& person = *pack.FindVariable(variable.binding.name);
      std::vector<int64_t>& values = context.person_values[person.name];
      values.clear();
      for (const Case& c : cases) {
        const auto fact = c.facts.find(person.name);
        values.push_back(fact == c.facts.end() ? person.default_value.raw : fact->second);
      }
    }
    auto settled = SettleClaims(pack, claims, context);
    EXPECT_TRUE(settled.ok()) << settled.status().ToString();
    std::vector<std::vector<int64_t>> amounts;
    for (size_t c = 0; settled.ok() && c < cases.size(); ++c) {
      amounts.emplace_back();
      for (size_t s = 0; s < settled->stage_count; ++s) amounts.back().push_back(settled->Paid(c, s));
    }
    return amounts;
  }
};

// Wudi's township basic insurance (stage 1) and relief fund (stage 9):
// W1 NCMS, township, discharged 2012-07-20, compliant 1,000: (1,000 − 150) × 80% = 680.00.
// W2 NCMS, township, 2012-08-10, 1,000: (1,000 − 200) × 100% = 800.00.
// W3 URBMI, township, 2012-07-15, 1,000: (1,000 − 500) × 70% = 350.00.
// W4 URBMI, township, 2013-03-01, 1,000: (1,000 − 200) × 100% = 800.00.
// W5 NCMS at a county hospital: 0; W6 of the merged scheme: 0.
// Relief for R, an approved case, NCMS at township hospitals, from 2013-08-01:
// R1 2013-09-10, total 10,000, compliant 6,000: basic 5,800, self-pay 4,200, the year's
//    4,200 is below 5,000: relief 0.
// R2 2013-10-05, total 8,000, compliant 3,000: basic 2,800, self-pay 5,200; the year's
//    9,400 is 4,400 above the threshold: 4,400 × 50% = 2,200.00.
// R3 2013-11-20 at a county hospital (no basic insurance), total 50,000: the year's
//    59,400 adds 50,000 above: 25,000, but the cap leaves 20,000 − 2,200 = 17,800.00.
TEST_F(WorkedCases, WudiTownshipInsuranceAndTheReliefFund) {
  const policy::Pack pack = Load("wudi-2013");
  ASSERT_EQ(pack.stages.size(), 2u);
  const int64_t ncms = EnumValue(pack, "scheme", "ncms"), urbmi = EnumValue(pack, "scheme", "urbmi"),
                resident = EnumValue(pack, "scheme", "resident");
  const std::vector<Case> cases = {
      {MakeClaim("W1", "A", "2012-07-15", "2012-07-20", 1000, 1000), kTownship, {{"scheme", ncms}}},
      {MakeClaim("W2", "B", "2012-08-01", "2012-08-10", 1000, 1000), kTownship, {{"scheme", ncms}}},
      {MakeClaim("W3", "C", "2012-07-10", "2012-07-15", 1000, 1000), kTownship, {{"scheme", urbmi}}},
      {MakeClaim("W4", "D", "2013-02-25", "2013-03-01", 1000, 1000), kTownship, {{"scheme", urbmi}}},
      {MakeClaim("W5", "E", "2013-02-25", "2013-03-01", 1000, 1000), kCounty, {{"scheme", ncms}}},
      {MakeClaim("W6", "F", "2013-02-25", "2013-03-01", 1000, 1000), kTownship, {{"scheme", resident}}},
      {MakeClaim("R1", "R", "2013-09-01", "2013-09-10", 10000, 6000), kTownship, {{"scheme", ncms}, {"relief_case", 1}}},
      {MakeClaim("R2", "R", "2013-10-01", "2013-10-05", 8000, 3000), kTownship, {{"scheme", ncms}, {"relief_case", 1}}},
      {MakeClaim("R3", "R", "2013-11-01", "2013-11-20", 50000, 50000), kCounty, {{"scheme", ncms}, {"relief_case", 1}}},
  };
  const auto paid = Settle(pack, cases);
  ASSERT_EQ(paid.size(), cases.size());
  const std::vector<std::vector<int64_t>> expected = {
      {68000, 0}, {80000, 0}, {35000, 0}, {80000, 0}, {0, 0}, {0, 0},
      {580000, 0}, {280000, 220000}, {0, 1780000}};
  for (size_t c = 0; c < cases.size(); ++c) EXPECT_EQ(paid[c], expected[c]) << cases[c].claim.claim_id;
}

// Zibo's stages: basic (1), critical illness (2), medical assistance (3), employees' (4).
// Z1 resident, township, 2017-03-10, compliant 10,000, total 11,000: basic
//    (10,000 − 200) × 70% = 6,860.00; self-paid 3,140, below the 12,000 deductible: 0.
// Z2 the same person, city, 2017-06-01, compliant 100,000, total 110,000: basic
//    (100,000 − 800) × 70% = 69,440.00 (the cap leaves 143,140); self-paid 30,560, the
//    year's 33,700: (33,700 − 12,000) × 50% = 10,850.00.
// Z3 poverty-registered, of a dibao household, county, 2017-04-01, compliant 20,000,
//    total 22,000 of which targeted drugs 2,000: basic (20,000 − 500) × 70% = 13,650.00;
//    self-paid 6,350: the poor's (6,350 − 6,000) × 55% = 192.50, and the drugs
//    2,000 × 60% = 1,200: 1,392.50; assistance (20,000 − 13,650 − 192.50) × 60% = 3,694.50.
// Z4 employee, city, 2017-05-01, compliant 420,000: (420,000 − 400,000) × 70% = 14,000.00.
// Z5 the same employee, 2017-08-01, compliant 300,000: the year's 720,000 is capped at
//    650,000: (650,000 − 420,000) × 70% = 161,000.00.
// Z6 tekun, township, 2017-07-01, compliant 5,000: basic 4,800 × 70% = 3,360.00;
//    assistance (5,000 − 3,360) × 80% = 1,312.00.
TEST_F(WorkedCases, ZiboChainOfPayers) {
  const policy::Pack pack = Load("zibo-2017");
  ASSERT_EQ(pack.stages.size(), 4u);
  const int64_t resident = EnumValue(pack, "scheme", "resident"), employee = EnumValue(pack, "scheme", "employee");
  Claim z3 = MakeClaim("Z3", "P", "2017-03-20", "2017-04-01", 22000, 20000);
  z3.items = {{"special_drug", 200000}};
  const std::vector<Case> cases = {
      {MakeClaim("Z1", "A", "2017-03-01", "2017-03-10", 11000, 10000), kTownship, {{"scheme", resident}}},
      {MakeClaim("Z2", "A", "2017-05-20", "2017-06-01", 110000, 100000), kCity, {{"scheme", resident}}},
      {z3, kCounty, {{"scheme", resident}, {"poverty_registered", 1}, {"dibao", 1}}},
      {MakeClaim("Z4", "E", "2017-04-01", "2017-05-01", 430000, 420000), kCity, {{"scheme", employee}}},
      {MakeClaim("Z5", "E", "2017-07-01", "2017-08-01", 300000, 300000), kCity, {{"scheme", employee}}},
      {MakeClaim("Z6", "T", "2017-06-20", "2017-07-01", 5000, 5000), kTownship, {{"scheme", resident}, {"tekun", 1}}},
  };
  const auto paid = Settle(pack, cases);
  ASSERT_EQ(paid.size(), cases.size());
  const std::vector<std::vector<int64_t>> expected = {
      {686000, 0, 0, 0},       {6944000, 1085000, 0, 0}, {1365000, 139250, 369450, 0},
      {0, 0, 0, 1400000},      {0, 0, 0, 16100000},      {336000, 0, 131200, 0}};
  for (size_t c = 0; c < cases.size(); ++c) EXPECT_EQ(paid[c], expected[c]) << cases[c].claim.claim_id;
}

}  // namespace
}  // namespace minsheng::settle
