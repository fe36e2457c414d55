#include "engine/scale.h"

namespace minsheng::engine {

Fault ApplyMarginalScale(const policy::ScaleVersion& scale, int64_t x, bool money,
                         Rounding rounding, int64_t& out, std::vector<Segment>* segments) {
  Int128 total = 0;
  const auto& brackets = scale.brackets;
  for (size_t i = 0; i < brackets.size(); ++i) {
    const int64_t from = brackets[i].threshold.raw;
    if (x <= from) break;
    const bool last = i + 1 == brackets.size();
    const int64_t through = last ? x : std::min(x, brackets[i + 1].threshold.raw);
    const int64_t rate = brackets[i].rate_or_amount.raw;
    total += static_cast<Int128>(through - from) * rate;
    if (segments != nullptr) segments->push_back({from, through, rate});
  }
  if (money) return RoundToFen(total, Rate::kScale, rounding, out);
  Int128 whole = DivideRounded(total, Rate::kScale, Rounding::kHalfUpFen);
  if (!FitsInt64(whole)) return Fault::kOverflow;
  out = static_cast<int64_t>(whole);
  return Fault::kNone;
}

int64_t ApplyFlatScale(const policy::ScaleVersion& scale, int64_t x, int* bracket_index) {
  int found = -1;
  for (size_t i = 0; i < scale.brackets.size(); ++i) {
    if (scale.brackets[i].threshold.raw <= x) found = static_cast<int>(i);
  }
  if (bracket_index != nullptr) *bracket_index = found;
  return found < 0 ? 0 : scale.brackets[found].rate_or_amount.raw;
}

}  // namespace minsheng::engine
