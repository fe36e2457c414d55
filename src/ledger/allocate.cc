// Allocate (allocate.h): the largest remainder method, exact in 128-bit integers.
//
// amount × weight can reach 2^126, so the quotas are computed in Int128; each floor and
// remainder then fits back in int64 (the floor is at most amount, the remainder is below
// the total weight). No floating point anywhere: two runs, two machines, one split.
// A pure function: thread-safe.
#include "ledger/allocate.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "core/rounding.h"

namespace minsheng::ledger {
namespace {

std::string ShareError(const Share& share, const std::string& what) {
  return "share '" + share.code + "': " + what;
}

// The shares' indices sorted by code (byte order, as std::string compares), after
// checking that no code appears twice. The same order breaks ties between remainders.
Result<std::vector<size_t>> ByCode(std::span<const Share> shares) {
  std::vector<size_t> order(shares.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return shares[a].code < shares[b].code; });
  for (size_t i = 1; i < order.size(); ++i) {
    if (shares[order[i - 1]].code == shares[order[i]].code) {
      return InvalidArgument(ShareError(shares[order[i]], "the code appears twice"));
    }
  }
  return order;
}

// The total weight, after checking each weight; an error if a weight is negative, if
// the total leaves int64, or if every weight is zero (no quota can be computed).
Result<int64_t> TotalWeight(std::span<const Share> shares) {
  int64_t total = 0;
  for (const Share& share : shares) {
    if (share.weight < 0) {
      return InvalidArgument(
          ShareError(share, "weight " + std::to_string(share.weight) + " is negative"));
    }
    if (__builtin_add_overflow(total, share.weight, &total)) {
      return Overflow(ShareError(share, "the total of the weights up to this share exceeds int64"));
    }
  }
  if (total == 0) return InvalidArgument("every share's weight is zero: nothing to split by");
  return total;
}

}  // namespace

Result<std::vector<int64_t>> Allocate(int64_t amount, std::span<const Share> shares) {
  if (shares.empty()) return InvalidArgument("no shares to allocate over");
  if (amount < 0) {
    return InvalidArgument("amount " + std::to_string(amount) + " is negative");
  }
  Result<int64_t> total = TotalWeight(shares);
  if (!total.ok()) return total.status();
  Result<std::vector<size_t>> by_code = ByCode(shares);
  if (!by_code.ok()) return by_code.status();

  // First pass: every share gets the floor of its exact quota amount × weight ÷ total.
  std::vector<int64_t> result(shares.size());
  std::vector<int64_t> remainder(shares.size());
  int64_t given = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    const Int128 product = Int128{amount} * Int128{shares[i].weight};
    result[i] = static_cast<int64_t>(product / *total);  // ≤ amount, as weight ≤ total
    remainder[i] = static_cast<int64_t>(product % *total);
    given += result[i];  // the floors sum to at most amount: no overflow
  }

  // The steps left over number fewer than the shares with a remainder (the remainders
  // sum to exactly left_over × total, and each is below total), so a share of weight
  // zero, whose remainder is zero, never gets one. A stable sort of the by-code order
  // keeps code order among equal remainders: the tie rule.
  const int64_t left_over = amount - given;
  assert(left_over >= 0 && static_cast<size_t>(left_over) < shares.size());
  std::vector<size_t> order = std::move(*by_code);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  for (int64_t k = 0; k < left_over; ++k) ++result[order[static_cast<size_t>(k)]];
  return result;
}

}  // namespace minsheng::ledger
