// Tests for the cascade: claims settle through the stages in discharge order per person
// and year, each reading the year's accumulators, to the fen as computed by hand; the
// stages' invariants hold or the cascade stops; explanations agree with the amounts.
#include "settle/cascade.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "engine/explain.h"
#include "settle/testing.h"

namespace minsheng::settle {
namespace {

using testing::MakeClaim;

constexpr int kTownship = 1, kCounty = 2, kCity = 3;

class CascadeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pack = testing::LoadCascadePack();
    ASSERT_TRUE(pack.ok()) << pack.status().ToString();
    pack_ = std::move(*pack);
  }
  // Settles `claims`; `levels` and `poor` by claim.
  Settlement Settle(const std::vector<Claim>& claims, const std::vector<int>& levels,
                    const std::vector<int64_t>& poor) {
    ClaimContext context;
    for (int level : levels) context.hospital_level.push_back(static_cast<uint8_t>(level));
    context.person_values["poverty_registered"] = poor;
    auto settled = SettleClaims(pack_, claims, context);
    EXPECT_TRUE(settled.ok()) << settled.status().ToString();
    return settled.ok() ? std::move(*settled) : Settlement();
  }

  policy::Pack pack_;
};

// Person A's two stays of 2017 (given out of order) and one of 2018, person B's (poverty-
// registered) one stay:
// A1, township, discharged 2017-03-10, total 12,000, compliant 10,000:
//   basic (10,000 − 200) × 70% = 6,860.00; self-paid 3,140; critical scale(3,140) = 0;
//   self-pay 12,000 − 6,860 = 5,140.00.
// A2, county, 2017-06-01, total 31,000, compliant 30,000: (30,000 − 500) × 70% = 20,650,
//   but the cap leaves 25,000 − 6,860 = 18,140.00; self-paid 11,860, the year's
//   3,140 + 11,860 = 15,000: critical scale(15,000) − scale(3,140) = 3,000 × 50% = 1,500.00;
//   self-pay 31,000 − 18,140 − 1,500 = 11,360.00.
// A3, county, 2018-01-20, 1,000 and 1,000: a new year, (1,000 − 500) × 70% = 350.00.
// B1, city, 2017-03-15, 20,000 and 20,000: (20,000 − 500) × 70% = 13,650.00; self-paid
//   6,350, the poor's scale (6,350 − 6,000) × 55% = 192.50; self-pay 6,157.50.
TEST_F(CascadeTest, ClaimsSettleInDischargeOrderWithTheYearsAccumulators) {
  const std::vector<Claim> claims = {
      MakeClaim("A2", "A", "2017-05-20", "2017-06-01", 31000, 30000),
      MakeClaim("B1", "B", "2017-03-01", "2017-03-15", 20000, 20000),
      MakeClaim("A3", "A", "2018-01-10", "2018-01-20", 1000, 1000),
      MakeClaim("A1", "A", "2017-03-01", "2017-03-10", 12000, 10000),
  };
  const Settlement s = Settle(claims, {kCounty, kCity, kCounty, kTownship}, {0, 1, 0, 0});
  ASSERT_EQ(s.stage_count, 2u);
  EXPECT_EQ(s.Paid(3, 0), 686000);
  EXPECT_EQ(s.Paid(3, 1), 0);
  EXPECT_EQ(s.self_pay_fen[3], 514000);
  EXPECT_EQ(s.Paid(0, 0), 1814000);
  EXPECT_EQ(s.Paid(0, 1), 150000);
  EXPECT_EQ(s.self_pay_fen[0], 1136000);
  EXPECT_EQ(s.Paid(2, 0), 35000);
  EXPECT_EQ(s.Paid(2, 1), 0);
  EXPECT_EQ(s.Paid(1, 0), 1365000);
  EXPECT_EQ(s.Paid(1, 1), 19250);
  EXPECT_EQ(s.self_pay_fen[1], 615750);
}

// A claim discharged before the others of its year (A0, township, 2017-02-01, 5,000 and
// 5,000) changes the later ones: A0 basic 4,800 × 70% = 3,360.00, self-paid 1,640;
// A1 basic 6,860.00, the year's self-paid 1,640 + 3,140 = 4,780: critical 0;
// A2 cap left 25,000 − 3,360 − 6,860 = 14,780.00, self-paid 15,220, the year's 20,000:
// critical (20,000 − 12,000) × 50% = 4,000.00, self-pay 31,000 − 14,780 − 4,000 = 12,220.00.
TEST_F(CascadeTest, AnEarlierClaimChangesTheLaterOnesOfTheYear) {
  const std::vector<Claim> claims = {
      MakeClaim("A1", "A", "2017-03-01", "2017-03-10", 12000, 10000),
      MakeClaim("A2", "A", "2017-05-20", "2017-06-01", 31000, 30000),
      MakeClaim("A0", "A", "2017-01-25", "2017-02-01", 5000, 5000),
  };
  const Settlement s = Settle(claims, {kTownship, kCounty, kTownship}, {0, 0, 0});
  EXPECT_EQ(s.Paid(2, 0), 336000);
  EXPECT_EQ(s.Paid(0, 0), 686000);
  EXPECT_EQ(s.Paid(0, 1), 0);
  EXPECT_EQ(s.Paid(1, 0), 1478000);
  EXPECT_EQ(s.Paid(1, 1), 400000);
  EXPECT_EQ(s.self_pay_fen[1], 1222000);
}

// The explanation of each stage is the interpreter's, from the inputs as read, and shows
// the accumulator: A2's basic insurance reads basic_before = 6,860.00.
TEST_F(CascadeTest, ExplanationsAgreeAndShowTheAccumulators) {
  const std::vector<Claim> claims = {
      MakeClaim("A1", "A", "2017-03-01", "2017-03-10", 12000, 10000),
      MakeClaim("A2", "A", "2017-05-20", "2017-06-01", 31000, 30000),
  };
  const Settlement s = Settle(claims, {kTownship, kCounty}, {0, 0});
  auto explained = ExplainClaim(pack_, s, 1, claims[1]);
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  ASSERT_EQ(explained->size(), 2u);
  EXPECT_EQ((*explained)[0].value.raw, 1814000);
  EXPECT_EQ((*explained)[1].value.raw, 150000);
  const std::string text = engine::ExplanationToText((*explained)[0], engine::Language::kEnglish);
  EXPECT_NE(text.find("basic_before (claim 'A2') [2017-06] = ¥6,860.00"), std::string::npos) << text;
}

// Stages that pay more than the stay cost, or less than zero, stop the cascade naming the
// claim and the stage.
TEST_F(CascadeTest, StagesPayingTooMuchOrBelowZeroAreRefused) {
  ClaimContext context;
  context.hospital_level = {kTownship};
  context.person_values["poverty_registered"] = {0};
  // A total below the compliant cost (which claims files refuse) makes basic insurance
  // pay more than the stay cost.
  const std::vector<Claim> odd = {MakeClaim("X", "A", "2017-03-01", "2017-03-10", 100, 10000)};
  auto settled = SettleClaims(pack_, odd, context);
  ASSERT_FALSE(settled.ok());
  EXPECT_EQ(settled.status().message(),
            "the stages pay 6860.00 on claim 'X', more than its total cost 100.00: check the pack's stages");

  std::string text = testing::kCascadePack;
  const std::string self_paid = "formula: compliant_cost - basic";
  text.replace(text.find(self_paid), self_paid.size(), "formula: basic - compliant_cost");
  const std::string critical = "variable: critical\n";
  text.replace(text.find(critical), critical.size(), "variable: self_paid\n");
  auto negative = testing::LoadCascadePack(text);
  ASSERT_TRUE(negative.ok()) << negative.status().ToString();
  const std::vector<Claim> claims = {MakeClaim("Y", "A", "2017-03-01", "2017-03-10", 12000, 10000)};
  settled = SettleClaims(*negative, claims, context);
  ASSERT_FALSE(settled.ok());
  EXPECT_EQ(settled.status().message(),
            "stage 'critical_illness' pays -3140.00 on claim 'Y': a stage pays zero or more");
}

// On two threads (each round's batches shared) a city's claims settle as on one: 60,000
// stays of 20,000 persons over two years, several a year for many, so that later rounds
// read what earlier ones accumulated. The first failing claim is the one a single thread
// names, whichever half it falls in.
TEST_F(CascadeTest, TwoThreadsSettleAsOne) {
  std::mt19937 random(2017);
  std::vector<Claim> claims;
  ClaimContext context;
  std::vector<int64_t>& poor = context.person_values["poverty_registered"];
  for (int i = 0; i < 60000; ++i) {
    const int person = static_cast<int>(random() % 20000);
    const Date discharged = Date::FromDaysSinceEpoch(Date::Parse("2017-01-01")->days_since_epoch() +
                                                     static_cast<int32_t>(random() % 730));
    const int64_t compliant = 100 + static_cast<int64_t>(random() % 60000);
    claims.push_back(MakeClaim("C" + std::to_string(i), "P" + std::to_string(person), "2017-01-01",
                               discharged.ToString().c_str(), compliant + compliant / 5, compliant));
    context.hospital_level.push_back(static_cast<uint8_t>(random() % 5));
    poor.push_back(person % 10 == 0);
  }
  auto one = SettleClaims(pack_, claims, context, 1);
  auto two = SettleClaims(pack_, claims, context, 2);
  ASSERT_TRUE(one.ok() && two.ok()) << one.status().ToString() << two.status().ToString();
  EXPECT_EQ(one->paid_fen, two->paid_fen);
  EXPECT_EQ(one->self_pay_fen, two->self_pay_fen);
  EXPECT_EQ(one->input_values, two->input_values);
  EXPECT_EQ(one->accumulated_after, two->accumulated_after);
  EXPECT_EQ(one->person_year, two->person_year);
  EXPECT_EQ(one->year_last, two->year_last);
  int64_t not_last = 0;  // claims followed by another of their person's year: rounds after the first
  for (size_t c = 0; c < claims.size(); ++c) not_last += one->year_last[one->person_year[c]] != c;
  EXPECT_GT(not_last, 10000);

  // Two claims whose stages pay more than they cost (a total below the compliant cost).
  for (size_t c : {size_t{777}, size_t{59000}}) {
    claims[c].compliant_cost_fen = 5'000'000;
    claims[c].total_cost_fen = 1;
  }
  auto failed_one = SettleClaims(pack_, claims, context, 1);
  auto failed_two = SettleClaims(pack_, claims, context, 2);
  ASSERT_FALSE(failed_one.ok());
  ASSERT_FALSE(failed_two.ok());
  EXPECT_EQ(failed_one.status().message(), failed_two.status().message());
}

// A pack without stages cannot settle.
TEST_F(CascadeTest, APackWithoutStagesIsRefused) {
  policy::Pack pack = pack_;
  pack.stages.clear();
  EXPECT_EQ(CheckSettlementPack(pack).message(),
            "pack 'settle-test' defines no `stages:`: it cannot settle claims");
}

}  // namespace
}  // namespace minsheng::settle
