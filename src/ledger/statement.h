// Statements and disclosures, read from the journal.
//
// A statement gives each account's opening balance, debits, credits and closing balance
// over a period, by the transfers' value dates (model.h); a parent account's line rolls
// up its descendants' (same unit only). A fund's monthly disclosure (一月一公开) lists its
// income by source, its allocations to other funds and its payments by purpose.
// A transfer moves its amount from the debit account to the credit account: balances
// are shown as what an account holds, credits minus debits, except for income accounts
// (the sources money comes from), shown as what they provided, debits minus credits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "ledger/ledger.h"

namespace minsheng::ledger {

struct StatementLine {
  std::string account;
  std::string unit;
  int depth = 0;         // 0 for a root, 1 for its children, …: for indenting
  int64_t opening = 0;   // as the kind reads it, at the period's first day
  int64_t debits = 0;    // posted debits within the period
  int64_t credits = 0;   // posted credits within the period
  int64_t closing = 0;   // opening ± the movements, as the kind reads it
  int64_t transfer_count = 0;
};

// What the account holds as its kind reads it (see above): credits − debits, or debits −
// credits for income accounts.
int64_t AsKindReads(AccountKind kind, const Balance& balance);

// Lines for every account whose code starts with `prefix` ("" for all), each with its
// descendants rolled up into it, in code order. Only posted amounts count.
Result<std::vector<StatementLine>> Statements(const Ledger& ledger, const Period& period,
                                              const std::string& prefix = "");

struct DisclosureLine {
  std::string label;  // the source account, the destination account, or the purpose
  int64_t amount = 0;
  int64_t transfer_count = 0;
};

struct Disclosure {
  std::string account;
  std::string unit;
  Period period;
  int64_t opening = 0;
  std::vector<DisclosureLine> income;       // credits to the fund, by debit account
  std::vector<DisclosureLine> allocations;  // debits to another fund account, by account
  std::vector<DisclosureLine> payments;     // every other debit, by purpose
  int64_t closing = 0;
};

// The disclosure of one fund account (and its descendants' movements with the outside:
// transfers within the subtree are not income or payments of the whole).
Result<Disclosure> FundDisclosure(const Ledger& ledger, const std::string& account,
                                  const Period& period);

}  // namespace minsheng::ledger
