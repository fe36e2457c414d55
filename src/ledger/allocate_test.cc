// Tests of Allocate (allocate.h): worked splits with exact amounts, then properties over
// random shares checked with 128-bit cross-multiplication (no floating point).
#include "ledger/allocate.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/rounding.h"

namespace minsheng::ledger {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

std::vector<int64_t> MustAllocate(int64_t amount, const std::vector<Share>& shares) {
  Result<std::vector<int64_t>> result = Allocate(amount, shares);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : std::vector<int64_t>{};
}

// Proves the tie rule: 100 over three equal weights leaves one step over, and it goes
// to the code that sorts first, wherever that share is listed.
TEST(AllocateTest, TieGoesToTheFirstCodeInByteOrder) {
  const std::vector<Share> in_order = {{"a", 1}, {"b", 1}, {"c", 1}};
  EXPECT_EQ(MustAllocate(100, in_order), (std::vector<int64_t>{34, 33, 33}));
  const std::vector<Share> reversed = {{"c", 1}, {"b", 1}, {"a", 1}};
  EXPECT_EQ(MustAllocate(100, reversed), (std::vector<int64_t>{33, 33, 34}));
}

// Proves byte order, not a locale's: "B" (0x42) sorts before "a" (0x61), and a prefix
// before its extensions.
TEST(AllocateTest, ByteOrderDecidesTiesBetweenCaseAndPrefix) {
  const std::vector<Share> shares = {{"a", 1}, {"ab", 1}, {"B", 1}};
  // 5 over three: each gets 1, two steps left, to "B" then "a".
  EXPECT_EQ(MustAllocate(5, shares), (std::vector<int64_t>{2, 1, 2}));
}

// Proves the Wudi-like quarterly allocation: 7,000,000.00 yuan in fen over 12 township
// special accounts by their numbers of supported elders (invented counts in the shape of
// a real county's). The expected fen were computed by hand with exact integers; 371623102
// and 371623108 have the same count, hence the same remainder, and the one fen between
// them goes to 371623102, whose code sorts first.
TEST(AllocateTest, QuarterlyAllocationToTownshipsByElderCount) {
  const std::vector<Share> shares = {
      {"fund/wubao/township/371623001", 412}, {"fund/wubao/township/371623002", 291},
      {"fund/wubao/township/371623100", 382}, {"fund/wubao/township/371623101", 196},
      {"fund/wubao/township/371623102", 235}, {"fund/wubao/township/371623103", 326},
      {"fund/wubao/township/371623104", 146}, {"fund/wubao/township/371623105", 263},
      {"fund/wubao/township/371623106", 290}, {"fund/wubao/township/371623107", 168},
      {"fund/wubao/township/371623108", 235}, {"fund/wubao/township/371623200", 255},
  };
  const std::vector<int64_t> expected = {
      90'153'173, 63'676'149, 83'588'621, 42'888'403, 51'422'320, 71'334'792,
      31'947'484, 57'549'234, 63'457'330, 36'761'488, 51'422'319, 55'798'687,
  };
  EXPECT_EQ(MustAllocate(700'000'000, shares), expected);
}

// Proves that nothing to split gives every share nothing.
TEST(AllocateTest, ZeroAmountGivesZeroToEveryShare) {
  const std::vector<Share> shares = {{"a", 3}, {"b", 0}, {"c", 7}};
  EXPECT_EQ(MustAllocate(0, shares), (std::vector<int64_t>{0, 0, 0}));
}

// Proves that a single share takes the whole amount, even the largest one.
TEST(AllocateTest, SingleShareTakesEverything) {
  EXPECT_EQ(MustAllocate(12'345, std::vector<Share>{{"only", 9}}), std::vector<int64_t>{12'345});
  EXPECT_EQ(MustAllocate(kInt64Max, std::vector<Share>{{"only", kInt64Max}}),
            std::vector<int64_t>{kInt64Max});
}

// Proves that a share of weight zero gets nothing, even when leftover steps are handed
// out and its code sorts first.
TEST(AllocateTest, ZeroWeightGetsNothing) {
  const std::vector<Share> shares = {{"a", 0}, {"b", 1}, {"c", 1}, {"d", 1}};
  EXPECT_EQ(MustAllocate(100, shares), (std::vector<int64_t>{0, 34, 33, 33}));
}

// Proves that the extreme inputs are exact: amount × weight overflows int64 here, and
// the 128-bit product keeps the split exact.
TEST(AllocateTest, HugeAmountAndWeightsStayExact) {
  const std::vector<Share> shares = {{"a", kInt64Max / 2}, {"b", kInt64Max / 2}};
  // Total = kInt64Max - 1, an even split of an odd amount: the odd step goes to "a".
  EXPECT_EQ(MustAllocate(kInt64Max, shares),
            (std::vector<int64_t>{kInt64Max / 2 + 1, kInt64Max / 2}));
}

// Proves each refusal, with a message that names the offending share.
TEST(AllocateTest, RefusesBadInput) {
  struct Case {
    int64_t amount;
    std::vector<Share> shares;
    ErrorCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {100, {}, ErrorCode::kInvalidArgument, "no shares to allocate over"},
      {-1, {{"a", 1}}, ErrorCode::kInvalidArgument, "amount -1 is negative"},
      {100,
       {{"fund/wubao/township/371623102", 4}, {"fund/wubao/township/371623103", -3}},
       ErrorCode::kInvalidArgument,
       "share 'fund/wubao/township/371623103': weight -3 is negative"},
      {100,
       {{"a", 0}, {"b", 0}},
       ErrorCode::kInvalidArgument,
       "every share's weight is zero: nothing to split by"},
      {100,
       {{"a", 1}, {"b", 2}, {"a", 3}},
       ErrorCode::kInvalidArgument,
       "share 'a': the code appears twice"},
      {100,
       {{"a", kInt64Max}, {"b", 1}},
       ErrorCode::kOverflow,
       "share 'b': the total of the weights up to this share exceeds int64"},
  };
  for (const Case& c : cases) {
    Result<std::vector<int64_t>> result = Allocate(c.amount, c.shares);
    ASSERT_FALSE(result.ok()) << c.message;
    EXPECT_EQ(result.status().code(), c.code) << c.message;
    EXPECT_EQ(result.status().message(), c.message);
  }
}

// --- Properties ----------------------------------------------------------------------

// Random shares with unique codes, small or huge weights (the total stays within int64)
// and at least one positive weight.
std::vector<Share> GenShares() {
  const size_t count = *rc::gen::inRange<size_t>(1, 25);
  // Short codes over a tiny alphabet, so that codes share prefixes and differ in case.
  const auto codes = *rc::gen::unique<std::vector<std::string>>(
      count, rc::gen::container<std::string>(rc::gen::element('a', 'b', 'B', '/', '1')));
  const int64_t weight_max = *rc::gen::element<int64_t>(3, 1'000, kInt64Max / 25);
  std::vector<Share> shares;
  for (const std::string& code : codes) {
    shares.push_back({code, *rc::gen::inRange<int64_t>(0, weight_max + 1)});
  }
  if (std::all_of(shares.begin(), shares.end(), [](const Share& s) { return s.weight == 0; })) {
    shares[*rc::gen::inRange<size_t>(0, shares.size())].weight = 1;
  }
  return shares;
}

int64_t GenAmount() {
  return *rc::gen::oneOf(rc::gen::inRange<int64_t>(0, 1'000),
                         rc::gen::inRange<int64_t>(0, 1'000'000'000'000),
                         rc::gen::inRange<int64_t>(0, kInt64Max));
}

Int128 TotalWeight(const std::vector<Share>& shares) {
  Int128 total = 0;
  for (const Share& share : shares) total += share.weight;
  return total;
}

RC_GTEST_PROP(AllocateProperty, SumsToTheAmountExactly, ()) {
  const std::vector<Share> shares = GenShares();
  const int64_t amount = GenAmount();
  const Result<std::vector<int64_t>> result = Allocate(amount, shares);
  RC_ASSERT(result.ok());
  RC_ASSERT(result->size() == shares.size());
  Int128 sum = 0;
  for (int64_t part : *result) sum += part;
  RC_ASSERT(sum == Int128{amount});
}

// |a_i − amount·w_i/W| < 1, multiplied through by W: |a_i·W − amount·w_i| < W.
RC_GTEST_PROP(AllocateProperty, EachShareIsWithinOneStepOfItsQuota, ()) {
  const std::vector<Share> shares = GenShares();
  const int64_t amount = GenAmount();
  const Result<std::vector<int64_t>> result = Allocate(amount, shares);
  RC_ASSERT(result.ok());
  const Int128 total = TotalWeight(shares);
  for (size_t i = 0; i < shares.size(); ++i) {
    const Int128 difference = Int128{(*result)[i]} * total - Int128{amount} * shares[i].weight;
    RC_ASSERT((difference < 0 ? -difference : difference) < total);
    RC_ASSERT((*result)[i] >= 0);
  }
}

// The method itself: a share rounded up never has a smaller remainder than a share
// rounded down, and on equal remainders its code sorts first.
RC_GTEST_PROP(AllocateProperty, LargestRemaindersGetTheLeftoverSteps, ()) {
  const std::vector<Share> shares = GenShares();
  const int64_t amount = GenAmount();
  const Result<std::vector<int64_t>> result = Allocate(amount, shares);
  RC_ASSERT(result.ok());
  const Int128 total = TotalWeight(shares);
  for (size_t up = 0; up < shares.size(); ++up) {
    const Int128 product_up = Int128{amount} * shares[up].weight;
    if ((*result)[up] == product_up / total) continue;  // not rounded up
    for (size_t down = 0; down < shares.size(); ++down) {
      const Int128 product_down = Int128{amount} * shares[down].weight;
      if ((*result)[down] != product_down / total) continue;  // rounded up too
      RC_ASSERT(product_up % total >= product_down % total);
      if (product_up % total == product_down % total) {
        RC_ASSERT(shares[up].code < shares[down].code);
      }
    }
  }
}

// Listing the shares in another order lists the same amounts in that order.
RC_GTEST_PROP(AllocateProperty, PermutingTheSharesPermutesTheResult, ()) {
  const std::vector<Share> shares = GenShares();
  const int64_t amount = GenAmount();
  std::vector<size_t> permutation(shares.size());
  for (size_t i = 0; i < permutation.size(); ++i) permutation[i] = i;
  // Fisher–Yates with rapidcheck's choices, so a failing permutation shrinks.
  for (size_t i = permutation.size(); i > 1; --i) {
    std::swap(permutation[i - 1], permutation[*rc::gen::inRange<size_t>(0, i)]);
  }
  std::vector<Share> permuted;
  for (size_t i : permutation) permuted.push_back(shares[i]);

  const Result<std::vector<int64_t>> original = Allocate(amount, shares);
  const Result<std::vector<int64_t>> reordered = Allocate(amount, permuted);
  RC_ASSERT(original.ok());
  RC_ASSERT(reordered.ok());
  for (size_t k = 0; k < permutation.size(); ++k) {
    RC_ASSERT((*reordered)[k] == (*original)[permutation[k]]);
  }
}

// Any negative weight, anywhere, is refused with the share's code in the message.
RC_GTEST_PROP(AllocateProperty, NegativeWeightIsRefused, ()) {
  std::vector<Share> shares = GenShares();
  const size_t bad = *rc::gen::inRange<size_t>(0, shares.size());
  shares[bad].weight = *rc::gen::inRange<int64_t>(std::numeric_limits<int64_t>::min(), 0);
  const Result<std::vector<int64_t>> result = Allocate(GenAmount(), shares);
  RC_ASSERT(!result.ok());
  RC_ASSERT(result.status().code() == ErrorCode::kInvalidArgument);
  RC_ASSERT(result.status().message().find("share '" + shares[bad].code + "'") !=
            std::string::npos);
}

// A code listed twice is refused, whatever the weights.
RC_GTEST_PROP(AllocateProperty, DuplicateCodeIsRefused, ()) {
  std::vector<Share> shares = GenShares();
  Share copy = shares[*rc::gen::inRange<size_t>(0, shares.size())];
  copy.weight = *rc::gen::inRange<int64_t>(1, 100);
  shares.insert(
      shares.begin() + static_cast<ptrdiff_t>(*rc::gen::inRange<size_t>(0, shares.size() + 1)),
      copy);
  const Result<std::vector<int64_t>> result = Allocate(GenAmount(), shares);
  RC_ASSERT(!result.ok());
  RC_ASSERT(result.status().message() == "share '" + copy.code + "': the code appears twice");
}

}  // namespace
}  // namespace minsheng::ledger
