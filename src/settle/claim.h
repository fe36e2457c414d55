// A claim: one hospital stay a hospital settles with its patient at discharge, and then
// with every payer in the chain (docs/settle.md). What the hospital submits — the stay,
// its costs, optionally its item lines by category — and nothing the payers decide.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace minsheng::settle {

// One item line of a stay's bill, by category (e.g. special_drug: the targeted cancer
// drugs critical-illness insurance compensates separately).
struct ClaimItem {
  std::string category;  // a name: [a-z][a-z0-9_]*
  int64_t cost_fen = 0;
};

struct Claim {
  std::string claim_id;   // the hospital's settlement number, unique
  std::string person_id;  // the patient's resident ID (18 characters)
  std::string hospital;   // the hospital's org id in the registry
  Date admitted, discharged;
  int64_t total_cost_fen = 0;
  int64_t compliant_cost_fen = 0;  // within the policy range (政策范围内); ≤ total
  std::string diagnosis;           // optional, e.g. an ICD-10 code
  std::vector<ClaimItem> items;    // optional; their costs are part of the total
  SourceLocation location;         // the file and row (CSV) or line (JSONL) it came from
};

}  // namespace minsheng::settle
