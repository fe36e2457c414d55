// Test helpers for the settlement's tests that need books (header-only; not part of the
// library): the Wudi pack's stage funds declared and funded, and its registry variables'
// facts imported.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "ledger/ledger.h"
#include "pay/testing.h"
#include "store/store.h"

namespace minsheng::settle::testing {

// CNY, the county's budget and the Wudi pack's payers — the two of pay's (school bus,
// medical insurance) and the relief fund — each funded with `fund_yuan`.
inline void DeclareWudiFunds(store::Store& store, int64_t fund_yuan) {
  ASSERT_NO_FATAL_FAILURE(pay::testing::DeclareAndFund(store, fund_yuan));
  auto ledger = ledger::Ledger::Open(store);
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  ledger::Account relief;
  relief.code = "fund/relief_fund/county";
  relief.unit = "CNY";
  relief.kind = ledger::AccountKind::kFund;
  relief.debits_must_not_exceed_credits = true;
  relief.name_zh = relief.name_en = "relief fund";
  ASSERT_TRUE((*ledger)->AddAccount(relief).ok());
  ledger::Transfer funding;
  funding.id = "fund/fund/relief_fund/county";
  funding.debit_account = "income/county";
  funding.credit_account = relief.code;
  funding.amount = fund_yuan * 100;
  funding.unit = "CNY";
  auto results = (*ledger)->Submit({funding});
  ASSERT_TRUE(results.ok() && results->front() == ledger::TransferResult::kOk);
}

}  // namespace minsheng::settle::testing
