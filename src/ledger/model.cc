#include "ledger/model.h"

#include <algorithm>
#include <array>
#include <utility>

namespace minsheng::ledger {

namespace {

struct ResultText {
  TransferResult result;
  const char* name;
  const char* description;
};

// One row per result, in the enum's order (checked by the test ResultNamesRoundTrip).
constexpr ResultText kResults[] = {
    {TransferResult::kOk, "ok", "accepted / 已入账"},
    {TransferResult::kExists, "exists", "already accepted with the same fields; nothing posted again / 已存在，未重复入账"},
    {TransferResult::kIdMustNotBeEmpty, "id_must_not_be_empty", "the transfer id is empty / 转账编号为空"},
    {TransferResult::kIdTooLong, "id_too_long", "the transfer id is longer than 128 bytes / 转账编号过长"},
    {TransferResult::kTextTooLong, "text_too_long", "a field is longer than 512 bytes / 字段过长"},
    {TransferResult::kValueDateTooFarAhead, "value_date_too_far_ahead", "the value date is more than a year ahead / 记账日期超前一年以上"},
    {TransferResult::kIdAlreadyFailed, "id_already_failed", "this id was refused before and stays refused / 该编号曾被拒绝，不再受理"},
    {TransferResult::kExistsWithDifferentDebitAccount, "exists_with_different_debit_account", "already accepted with another debit account / 已存在，但借方账户不同"},
    {TransferResult::kExistsWithDifferentCreditAccount, "exists_with_different_credit_account", "already accepted with another credit account / 已存在，但贷方账户不同"},
    {TransferResult::kExistsWithDifferentAmount, "exists_with_different_amount", "already accepted with another amount / 已存在，但金额不同"},
    {TransferResult::kExistsWithDifferentUnit, "exists_with_different_unit", "already accepted with another unit / 已存在，但计量单位不同"},
    {TransferResult::kExistsWithDifferentPurpose, "exists_with_different_purpose", "already accepted with another purpose / 已存在，但用途不同"},
    {TransferResult::kExistsWithDifferentReference, "exists_with_different_reference", "already accepted with another reference / 已存在，但业务关联号不同"},
    {TransferResult::kExistsWithDifferentMemo, "exists_with_different_memo", "already accepted with another memo / 已存在，但摘要不同"},
    {TransferResult::kExistsWithDifferentKind, "exists_with_different_kind", "already accepted with another kind / 已存在，但转账类型不同"},
    {TransferResult::kExistsWithDifferentPendingId, "exists_with_different_pending_id", "already accepted with another pending id / 已存在，但预留转账编号不同"},
    {TransferResult::kExistsWithDifferentTimeout, "exists_with_different_timeout", "already accepted with another timeout / 已存在，但超时不同"},
    {TransferResult::kExistsWithDifferentReversalOf, "exists_with_different_reversal_of", "already accepted with another reversal of / 已存在，但冲正对象不同"},
    {TransferResult::kExistsWithDifferentValueDate, "exists_with_different_value_date", "already accepted with another value date / 已存在，但记账日期不同"},
    {TransferResult::kLinkedEventFailed, "linked_event_failed", "another transfer of its linked chain failed / 同一关联组中的其他转账失败"},
    {TransferResult::kLinkedEventChainOpen, "linked_event_chain_open", "the last transfer of the batch is marked linked / 关联组未闭合"},
    {TransferResult::kAmountMustBePositive, "amount_must_be_positive", "the amount must be positive / 金额必须为正"},
    {TransferResult::kAccountsMustBeDifferent, "accounts_must_be_different", "debit and credit accounts are the same / 借贷账户相同"},
    {TransferResult::kDebitAccountNotFound, "debit_account_not_found", "no such debit account / 借方账户不存在"},
    {TransferResult::kCreditAccountNotFound, "credit_account_not_found", "no such credit account / 贷方账户不存在"},
    {TransferResult::kDebitAccountHasDifferentUnit, "debit_account_has_different_unit", "the debit account keeps another unit / 借方账户计量单位不同"},
    {TransferResult::kCreditAccountHasDifferentUnit, "credit_account_has_different_unit", "the credit account keeps another unit / 贷方账户计量单位不同"},
    {TransferResult::kDebitAccountClosed, "debit_account_closed", "the debit account is closed / 借方账户已关闭"},
    {TransferResult::kCreditAccountClosed, "credit_account_closed", "the credit account is closed / 贷方账户已关闭"},
    {TransferResult::kPurposeNotEarmarked, "purpose_not_earmarked", "the debit account is earmarked for other purposes / 用途不符合专款专用"},
    {TransferResult::kTimeoutReservedForPending, "timeout_reserved_for_pending", "only a pending transfer may have a timeout / 仅预留转账可设超时"},
    {TransferResult::kTimeoutMustNotBeNegative, "timeout_must_not_be_negative", "the timeout is negative / 超时不能为负"},
    {TransferResult::kPendingIdMustBeEmpty, "pending_id_must_be_empty", "only post and void name a pending transfer / 仅确认或撤销可指定预留转账"},
    {TransferResult::kPendingIdRequired, "pending_id_required", "post and void must name a pending transfer / 确认或撤销须指定预留转账"},
    {TransferResult::kPendingTransferNotFound, "pending_transfer_not_found", "no such pending transfer / 预留转账不存在"},
    {TransferResult::kPendingTransferNotPending, "pending_transfer_not_pending", "the transfer named is not a pending one / 所指转账不是预留转账"},
    {TransferResult::kPendingTransferAlreadyPosted, "pending_transfer_already_posted", "the pending transfer was already posted / 预留转账已确认"},
    {TransferResult::kPendingTransferAlreadyVoided, "pending_transfer_already_voided", "the pending transfer was already voided / 预留转账已撤销"},
    {TransferResult::kPendingTransferExpired, "pending_transfer_expired", "the pending transfer has expired / 预留转账已超时"},
    {TransferResult::kPendingTransferHasDifferentDebitAccount, "pending_transfer_has_different_debit_account", "the pending transfer has another debit account / 与预留转账的借方账户不同"},
    {TransferResult::kPendingTransferHasDifferentCreditAccount, "pending_transfer_has_different_credit_account", "the pending transfer has another credit account / 与预留转账的贷方账户不同"},
    {TransferResult::kPendingTransferHasDifferentUnit, "pending_transfer_has_different_unit", "the pending transfer has another unit / 与预留转账的计量单位不同"},
    {TransferResult::kExceedsPendingTransferAmount, "exceeds_pending_transfer_amount", "more than the pending amount (a void releases it all) / 超出预留金额"},
    {TransferResult::kReversalTargetNotFound, "reversal_target_not_found", "the transfer to reverse does not exist / 被冲正的转账不存在"},
    {TransferResult::kReversalMustMirrorOriginal, "reversal_must_mirror_original", "a reversal swaps the original debit and credit accounts / 冲正须借贷对调"},
    {TransferResult::kReversalExceedsOriginal, "reversal_exceeds_original", "more than what is left of the original to reverse / 冲正金额超过原转账余额"},
    {TransferResult::kOverflowsDebits, "overflows_debits", "the debit total would overflow / 借方累计溢出"},
    {TransferResult::kOverflowsCredits, "overflows_credits", "the credit total would overflow / 贷方累计溢出"},
    {TransferResult::kExceedsCredits, "exceeds_credits", "no overdraft: the debit account holds too little / 余额不足（不得透支）"},
    {TransferResult::kExceedsDebits, "exceeds_debits", "the credit account may not take more credits than debits / 贷方不得超过借方"},
};

constexpr std::pair<AccountKind, const char*> kAccountKinds[] = {
    {AccountKind::kAsset, "asset"},     {AccountKind::kLiability, "liability"},
    {AccountKind::kFund, "fund"},       {AccountKind::kIncome, "income"},
    {AccountKind::kExpense, "expense"},
};

constexpr std::pair<TransferKind, const char*> kTransferKinds[] = {
    {TransferKind::kPlain, "plain"},
    {TransferKind::kPending, "pending"},
    {TransferKind::kPostPending, "post_pending"},
    {TransferKind::kVoidPending, "void_pending"},
};

const ResultText& TextOf(TransferResult result) {
  return kResults[static_cast<size_t>(result)];
}

// Codes and purposes are identifiers people type and scripts match: printable ASCII
// without spaces, so that a code reads the same in a CSV, a URL and a log.
Status CheckCode(std::string_view what, std::string_view code) {
  if (code.empty()) return InvalidArgument(std::string(what) + " is empty");
  if (code.size() > kMaxCodeBytes) {
    return InvalidArgument(std::string(what) + " '" + std::string(code.substr(0, 40)) +
                           "…' is longer than " + std::to_string(kMaxCodeBytes) + " bytes");
  }
  for (char c : code) {
    if (c <= ' ' || c > '~') {
      return InvalidArgument(std::string(what) + " '" + std::string(code) +
                             "' may hold only printable ASCII without spaces");
    }
  }
  return Status::Ok();
}

Status CheckText(std::string_view what, std::string_view text) {
  if (text.size() > kMaxTextBytes) {
    return InvalidArgument(std::string(what) + " is longer than " + std::to_string(kMaxTextBytes) +
                           " bytes");
  }
  return Status::Ok();
}

}  // namespace

const char* ResultName(TransferResult result) {
  return TextOf(result).name;
}

const char* ResultDescription(TransferResult result) {
  return TextOf(result).description;
}

std::optional<TransferResult> ResultFromName(std::string_view name) {
  for (const ResultText& text : kResults) {
    if (name == text.name) return text.result;
  }
  return std::nullopt;
}

const char* KindName(AccountKind kind) {
  for (const auto& [value, name] : kAccountKinds) {
    if (value == kind) return name;
  }
  return "asset";
}

std::optional<AccountKind> AccountKindFromName(std::string_view name) {
  for (const auto& [value, text] : kAccountKinds) {
    if (name == text) return value;
  }
  return std::nullopt;
}

const char* TransferKindName(TransferKind kind) {
  for (const auto& [value, name] : kTransferKinds) {
    if (value == kind) return name;
  }
  return "plain";
}

std::optional<TransferKind> TransferKindFromName(std::string_view name) {
  for (const auto& [value, text] : kTransferKinds) {
    if (name == text) return value;
  }
  return std::nullopt;
}

Status ValidateUnit(const Unit& unit) {
  Status status = CheckCode("unit code", unit.code);
  if (status.ok()) status = CheckCode("unit step", unit.step);
  if (status.ok()) status = CheckText("unit name_zh", unit.name_zh);
  if (status.ok()) status = CheckText("unit name_en", unit.name_en);
  return status;
}

Status ValidateAccount(const Account& account) {
  Status status = CheckCode("account code", account.code);
  if (status.ok()) status = CheckCode("account unit", account.unit);
  if (status.ok() && !account.parent.empty()) status = CheckCode("account parent", account.parent);
  if (status.ok()) status = CheckText("account name_zh", account.name_zh);
  if (status.ok()) status = CheckText("account name_en", account.name_en);
  if (!status.ok()) return status;
  if (account.parent == account.code) {
    return InvalidArgument("account '" + account.code + "' cannot be its own parent");
  }
  if (account.debits_must_not_exceed_credits && account.credits_must_not_exceed_debits) {
    return InvalidArgument("account '" + account.code +
                           "': debits_must_not_exceed_credits and credits_must_not_exceed_debits "
                           "together would forbid every transfer");
  }
  if (account.earmarks.size() > kMaxEarmarks) {
    return InvalidArgument("account '" + account.code + "' has more than " +
                           std::to_string(kMaxEarmarks) + " earmarks");
  }
  for (const std::string& purpose : account.earmarks) {
    status = CheckCode("earmark of account '" + account.code + "'", purpose);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace minsheng::ledger
