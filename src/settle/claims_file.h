// Claims files: the stays a hospital's system exports for settlement, read and checked
// before anything is settled (docs/settle.md).
//
// Two formats. CSV (UTF-8 or GB18030, as registry/encoding.h reads it) with a header row:
// the columns claim_id, person_id, hospital, admitted, discharged, total_cost and
// compliant_cost are required, diagnosis and items optional, in any order; items holds
// a stay's item lines as "category:cost;category:cost" ("special_drug:1200.00;nursing:30").
// JSON Lines (UTF-8): one object per non-empty line with the same keys, items an array
// of {"category": …, "cost": …}; money a string in yuan (as Money::Parse reads it) or a
// whole number of yuan, never a JSON float; diagnosis and items may be null.
//
// Every record is checked and the whole file is refused if any is bad: a file of claims
// is settled completely or not at all. The error lists each problem as
// "file:line:column: reason" (the line the record starts on, the CSV column or the
// byte column of the JSON value), the first kMaxErrorsListed (core/error_list.h) of them, then
// how many more. Functions are pure apart from ReadClaimsFile reading its file;
// thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/view.h"
#include "settle/claim.h"

namespace minsheng::settle {

// Limits of a claims file: a malformed or hostile file is refused with a clear message
// rather than read into memory without end.
//
// A hospital's settlement number is a short code; 64 bytes is generous and keeps ids
// printable in receipts and tables.
inline constexpr size_t kMaxClaimIdBytes = 64;
// Item lines are by category (special drugs, nursing, materials), not by drug: a stay has
// a handful. A thousand leaves room for a fine-grained export.
inline constexpr size_t kMaxItemsPerClaim = 1000;
// An item category is a name like a program's; 64 bytes as in the registry's.
inline constexpr size_t kMaxItemCategoryBytes = 64;
// One JSON line holds one stay; a megabyte fits a thousand items many times over.
inline constexpr size_t kMaxClaimsLineBytes = size_t{1} << 20;
// The file is held in memory while it is read: a county's claims for a year are a few
// hundred megabytes at most (a million stays of a few hundred bytes).
inline constexpr uint64_t kMaxClaimsFileBytes = uint64_t{1} << 30;

// The claims of a CSV file's bytes (UTF-8 or GB18030); `file_name` names it in errors and
// in each Claim::location (its row: the line its record starts on, header = line 1).
Result<std::vector<Claim>> ParseClaimsCsv(std::string bytes, std::string_view file_name);
// The claims of a JSON Lines text; each Claim::location holds its line.
Result<std::vector<Claim>> ParseClaimsJsonl(std::string_view text, std::string_view file_name);
// By the file's extension (.csv or .jsonl, in any case); reads the file at `path` and
// names it by its file name in errors.
Result<std::vector<Claim>> ReadClaimsFile(const std::string& path);

// The claims' persons and hospitals in the registry: every claim names a person the view
// holds and an organisation of kind hospital. Errors as the parsers', naming each claim's
// row or line ("claims.csv:7: no person 371623198001010013 in the registry"). Each
// claim's person's index in the view, when all are there.
Result<std::vector<uint32_t>> CheckAgainstRegistry(std::span<const Claim* const> claims,
                                                   const registry::RegistryView& view);

}  // namespace minsheng::settle
