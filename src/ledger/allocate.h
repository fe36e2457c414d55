// Allocation: an amount split over weights exactly, to the last step, by the largest
// remainder method (Hamilton's): each share first gets ⌊amount × weight ÷ total⌋, then
// the steps left over go one each to the shares with the largest remainders. Ties go to
// the share whose code sorts first (byte order), so the split never depends on the
// order the shares are listed in. Used for the quarterly allocation of a fund to its
// township special accounts and, later, for dividends.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace minsheng::ledger {

struct Share {
  std::string code;  // the recipient, usually an account's code; unique
  int64_t weight = 0;  // ≥ 0; e.g. the number of supported elders in a township
};

// One amount per share, in the order given, summing to `amount` exactly. Errors: no
// shares, a negative amount or weight, all weights zero, a duplicate code.
Result<std::vector<int64_t>> Allocate(int64_t amount, std::span<const Share> shares);

}  // namespace minsheng::ledger
