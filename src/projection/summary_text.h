// What a projection concludes, in words a finance bureau reads, in both languages: the
// terminal, the HTML page and the JSON say the same sentences. Amounts are exact Money
// text, grouped by thousands without the currency sign ("20,000,000.00"), as the tables
// beside them print them. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/money.h"
#include "projection/projection.h"

namespace minsheng::projection {

struct Sentence {
  std::string zh;
  std::string en;
  bool holds = true;  // whether it says the plan holds (a page shows a failure in red)
};

// "20,000,000.00", "-1,500,000.00": Money::ToString without the "¥".
std::string GroupedYuan(Money amount);

// The verdict on every fund year up to the last shown (projection.h): that the plan holds
// (every opening balance from the floor's first year at or above it, and the tightest
// year's margin), or the first year it falls below its floor and the first year the
// balance would go below zero. When
// the command line changed the caseload, a last sentence gives the verdict on the
// scenario as written.
std::vector<Sentence> SummarySentences(const Projection& projection);

}  // namespace minsheng::projection
