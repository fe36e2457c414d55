// Applying scales: marginal-rate scales (each bracket's rate on the part of the amount
// inside it) and flat-bracket scales (the value of the bracket the amount falls in).
// Shared by the executor and the interpreter; the interpreter also asks for the
// segments, to explain them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/money.h"
#include "engine/kernels.h"
#include "policy/pack.h"

namespace minsheng::engine {

// The part of an amount that one bracket of a marginal scale taxed or paid.
struct Segment {
  int64_t from = 0;     // the bracket's threshold
  int64_t through = 0;  // the amount's part ends here (exclusive upper end)
  int64_t rate = 0;     // billionths
};

// Σ over brackets of (the part of x inside the bracket) × its rate, formed exactly and
// rounded once as `rounding` says (to the fen for money; to a whole number for numbers,
// half up). Parts below the first threshold count nothing. Appends the segments used to
// `segments` when it is not null.
Fault ApplyMarginalScale(const policy::ScaleVersion& scale, int64_t x, bool money,
                         Rounding rounding, int64_t& out, std::vector<Segment>* segments = nullptr);

// The value of the last bracket whose threshold is ≤ x, or 0 when x is below them all.
// Sets *bracket_index (when not null) to that bracket, or -1.
int64_t ApplyFlatScale(const policy::ScaleVersion& scale, int64_t x, int* bracket_index = nullptr);

}  // namespace minsheng::engine
