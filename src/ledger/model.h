// The ledger's model: units, accounts, transfers and the results a transfer can get.
//
// TigerBeetle is the model for the semantics (docs/ledger.md): double entry, ids chosen by
// the caller so that a retry is answered "exists" and never posts twice, linked chains
// that apply all or nothing, pending (two-phase) transfers, and nothing ever edited or
// deleted. Amounts are int64 in the unit's smallest step (fen for CNY).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace minsheng::ledger {

// Limits on what callers give, named in one place (STYLE: put a limit on everything).
inline constexpr size_t kMaxCodeBytes = 128;      // unit and account codes, transfer ids
inline constexpr size_t kMaxTextBytes = 512;      // names, purpose, reference, memo
inline constexpr size_t kMaxEarmarks = 32;        // purposes one account may carry
inline constexpr size_t kMaxBatchTransfers = 8190;  // one batch, as TigerBeetle's
// A longer pending timeout is taken as this one (it would outlive int64 nanoseconds).
inline constexpr int64_t kMaxTimeoutSeconds = int64_t{100} * 366 * 86'400;
inline constexpr int64_t kNanosecondsPerSecond = 1'000'000'000;

// A unit of account: CNY in fen, volunteer minutes, shares, staffing quota (编制).
struct Unit {
  std::string code;     // "CNY", "minute", "share", "quota"
  std::string name_zh;  // "人民币"
  std::string name_en;  // "Chinese yuan"
  std::string step;     // the smallest step amounts count in: "fen", "minute", "share", "post"
};

enum class AccountKind { kAsset, kLiability, kFund, kIncome, kExpense };

struct Account {
  std::string code;  // "fund/wubao/county", "payable/person/<id>"
  std::string unit;
  AccountKind kind = AccountKind::kAsset;
  std::string name_zh;
  std::string name_en;
  std::string parent;  // an account's code, for roll-ups; empty for a root
  // No overdraft: debits (posted and pending) may never exceed posted credits.
  bool debits_must_not_exceed_credits = false;
  bool credits_must_not_exceed_debits = false;
  bool closed = false;  // refuses every new transfer
  // The purposes a debit from this account may carry; empty means any purpose.
  std::vector<std::string> earmarks;
};

// What a transfer does. A plain transfer posts at once; a pending one reserves the
// amount until a later post_pending (in full or in part) or void_pending names it by
// pending_id, or its timeout passes.
enum class TransferKind { kPlain, kPending, kPostPending, kVoidPending };

struct Transfer {
  std::string id;
  std::string debit_account;   // for post/void: may be empty (taken from the pending)
  std::string credit_account;  // likewise
  int64_t amount = 0;          // > 0; for post_pending 0 means the whole pending amount
  std::string unit;            // must be both accounts'; for post/void may be empty
  std::string purpose;         // checked against the debit account's earmarks
  std::string reference;       // e.g. "school_bus_subsidy/2017-01/371623…", a claim, a case
  std::string memo;
  TransferKind kind = TransferKind::kPlain;
  bool linked = false;         // linked with the next transfer of the batch
  std::string pending_id;      // post/void: the pending transfer's id
  int64_t timeout_seconds = 0;  // pending: released after this long; 0 = never
  std::string reversal_of;     // a correction: the id of the transfer it reverses
  // The accounting date statements and disclosures file it under; when not given, the
  // date of its timestamp in China Standard Time (UTC+8). Lets a fund's books record
  // what happened on a day other than the one it was entered.
  std::optional<Date> value_date;
  // Assigned by the ledger when accepted or rejected: strictly increasing, nanoseconds
  // since the Unix epoch.
  int64_t timestamp = 0;
};

// Every answer a transfer can get, in the order they are checked. Names are the
// snake_case identifiers the CLI and the API print (ResultName).
enum class TransferResult {
  kOk,
  kExists,  // the same id with the same fields: nothing posted again
  kIdMustNotBeEmpty,
  kIdTooLong,
  kTextTooLong,
  kValueDateTooFarAhead,  // more than a year after the timestamp's date
  kIdAlreadyFailed,  // the id was refused before, and stays refused
  kExistsWithDifferentDebitAccount,
  kExistsWithDifferentCreditAccount,
  kExistsWithDifferentAmount,
  kExistsWithDifferentUnit,
  kExistsWithDifferentPurpose,
  kExistsWithDifferentReference,
  kExistsWithDifferentMemo,
  kExistsWithDifferentKind,
  kExistsWithDifferentPendingId,
  kExistsWithDifferentTimeout,
  kExistsWithDifferentReversalOf,
  kExistsWithDifferentValueDate,
  kLinkedEventFailed,     // another transfer of its chain failed
  kLinkedEventChainOpen,  // the batch's last transfer says linked
  kAmountMustBePositive,
  kAccountsMustBeDifferent,
  kDebitAccountNotFound,
  kCreditAccountNotFound,
  kDebitAccountHasDifferentUnit,
  kCreditAccountHasDifferentUnit,
  kDebitAccountClosed,
  kCreditAccountClosed,
  kPurposeNotEarmarked,
  kTimeoutReservedForPending,
  kTimeoutMustNotBeNegative,
  kPendingIdMustBeEmpty,
  kPendingIdRequired,
  kPendingTransferNotFound,
  kPendingTransferNotPending,  // pending_id names a transfer that is not a pending one
  kPendingTransferAlreadyPosted,
  kPendingTransferAlreadyVoided,
  kPendingTransferExpired,
  kPendingTransferHasDifferentDebitAccount,
  kPendingTransferHasDifferentCreditAccount,
  kPendingTransferHasDifferentUnit,
  kExceedsPendingTransferAmount,
  kReversalTargetNotFound,
  kReversalMustMirrorOriginal,  // debit and credit swapped, same unit
  kReversalExceedsOriginal,     // more than what is left unreversed
  kOverflowsDebits,
  kOverflowsCredits,
  kExceedsCredits,  // a no-overdraft account would go below zero
  kExceedsDebits,
};

// "ok", "exists", "exceeds_credits", … (stable: scripts and the journal use them).
const char* ResultName(TransferResult result);
// The inverse of ResultName, for reading the journal back.
std::optional<TransferResult> ResultFromName(std::string_view name);
// A sentence for people, English then Chinese: "no overdraft: the debit account's
// balance is too low / 余额不足".
const char* ResultDescription(TransferResult result);

const char* KindName(AccountKind kind);  // "asset", "liability", "fund", "income", "expense"
std::optional<AccountKind> AccountKindFromName(std::string_view name);
const char* TransferKindName(TransferKind kind);  // "plain", "pending", "post_pending", "void_pending"
std::optional<TransferKind> TransferKindFromName(std::string_view name);

// Checks a declaration's own fields (codes, names, lengths, earmarks); the ledger
// checks what depends on its state (the unit exists, the parent exists, …).
Status ValidateUnit(const Unit& unit);
Status ValidateAccount(const Account& account);

// An account's balances, in its unit's steps. Posted amounts are final; pending ones
// are reserved by pending transfers not yet posted, voided or expired.
struct Balance {
  int64_t debits_posted = 0;
  int64_t credits_posted = 0;
  int64_t debits_pending = 0;
  int64_t credits_pending = 0;
  // credits_posted − debits_posted: what the account holds (a transfer moves money from
  // its debit account to its credit account). Income accounts, the sources, read it
  // negated: what they provided (statement.h).
  int64_t net_credit() const { return credits_posted - debits_posted; }
  bool operator==(const Balance&) const = default;
};

}  // namespace minsheng::ledger
