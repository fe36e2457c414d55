// Fuzz target for the claims files of the settlement (settle/claims_file.h). The first
// byte chooses the format — odd ('c', 0x63): the rest is claims.csv, even ('j', 0x6A):
// the rest is claims.jsonl — so the fuzzer explores both parsers from one corpus. Any
// input may be refused; none may crash or leak, a refusal must be the user's error
// naming the file, and accepted claims must hold what the checks promise (ids unique and
// short, dates in order, costs within the total), checked here from the outside.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "settle/claims_file.h"

namespace {

// Larger inputs only slow the fuzzer down; the parsers' limits are far beyond it.
constexpr size_t kInputMax = 64 << 10;

bool ClaimHolds(const minsheng::settle::Claim& claim, std::string_view file_name) {
  if (claim.claim_id.empty() || claim.claim_id.size() > minsheng::settle::kMaxClaimIdBytes) {
    return false;
  }
  if (claim.person_id.size() != 18 || claim.hospital.empty()) return false;
  if (claim.discharged < claim.admitted) return false;
  if (claim.compliant_cost_fen < 0 || claim.compliant_cost_fen > claim.total_cost_fen) return false;
  int64_t items_fen = 0;
  for (const minsheng::settle::ClaimItem& item : claim.items) {
    if (item.category.empty() || item.cost_fen < 0) return false;
    if (__builtin_add_overflow(items_fen, item.cost_fen, &items_fen)) return false;
  }
  if (items_fen > claim.total_cost_fen) return false;
  return claim.location.file == file_name;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kInputMax) return 0;
  const bool csv = (data[0] & 1) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string_view file_name = csv ? "claims.csv" : "claims.jsonl";

  const minsheng::Result<std::vector<minsheng::settle::Claim>> claims =
      csv ? minsheng::settle::ParseClaimsCsv(std::string(text), file_name)
          : minsheng::settle::ParseClaimsJsonl(text, file_name);
  if (!claims.ok()) {
    const minsheng::Status& status = claims.status();
    if (!status.is_user_error()) __builtin_trap();
    if (!status.ToString().starts_with(file_name)) __builtin_trap();
    return 0;
  }
  std::set<std::string> claim_ids;
  for (const minsheng::settle::Claim& claim : *claims) {
    if (!ClaimHolds(claim, file_name)) __builtin_trap();
    if (!claim_ids.insert(claim.claim_id).second) __builtin_trap();
  }
  return 0;
}
