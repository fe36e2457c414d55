// Test helpers for the payment runs' tests (header-only; not part of the library's API).
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>

#include "ledger/ledger.h"
#include "policy/loader.h"
#include "registry/import.h"
#include "registry/testing.h"
#include "store/store.h"

namespace minsheng::pay::testing {

// For crash tests: runs `child` (which ends with _exit) in a forked process and kills it
// with SIGKILL after a random 5 ms to `max_microseconds`. True when it was killed, false
// when it finished first; a child that failed (exited with another code than 0) is a
// test failure.
template <typename Child>
bool KillAtRandom(Child child, std::mt19937& random, useconds_t max_microseconds) {
  const pid_t pid = fork();
  EXPECT_GE(pid, 0);
  if (pid == 0) child();
  usleep(std::uniform_int_distribution<useconds_t>(5'000, max_microseconds)(random));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) || WEXITSTATUS(status) == 0) << "child failed: " << WEXITSTATUS(status);
  return WIFSIGNALED(status);
}

// The bundled Wudi pack, loaded once.
inline const policy::Pack& WudiPack() {
  static const policy::Pack pack = [] {
    auto loaded = policy::LoadAndCheckPack(std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return std::move(*loaded);
  }();
  return pack;
}

inline void Import(store::Store& store, registry::FileKind kind, std::string text) {
  auto summary = registry::ImportText(store, kind, std::move(text), "t.csv",
                                      registry::testing::At(100));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
}

// Declares CNY, the county's budget and the Wudi pack's two payers, each funded with
// `fund_yuan`.
inline void DeclareAndFund(store::Store& store, int64_t fund_yuan) {
  auto ledger = ledger::Ledger::Open(store);
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  ledger::Ledger& books = **ledger;
  ASSERT_TRUE(books.AddUnit({"CNY", "人民币", "Chinese yuan", "fen"}).ok());
  ledger::Account income;
  income.code = "income/county";
  income.unit = "CNY";
  income.kind = ledger::AccountKind::kIncome;
  income.name_zh = income.name_en = "county budget";
  ASSERT_TRUE(books.AddAccount(income).ok());
  for (const char* code : {"fund/school_bus/county", "fund/medical_insurance/county"}) {
    ledger::Account fund = income;
    fund.code = code;
    fund.kind = ledger::AccountKind::kFund;
    fund.debits_must_not_exceed_credits = true;
    ASSERT_TRUE(books.AddAccount(fund).ok());
    ledger::Transfer funding;
    funding.id = std::string("fund/") + code;
    funding.debit_account = "income/county";
    funding.credit_account = code;
    funding.amount = fund_yuan * 100;
    funding.unit = "CNY";
    auto results = books.Submit({funding});
    ASSERT_TRUE(results.ok() && results->front() == ledger::TransferResult::kOk);
  }
}

// `students` school-bus riders, two to a household, every fifth household on dibao: a
// month pays 70 yuan for most and 140 for the dibao households' students.
inline void ImportStudents(store::Store& store, int students) {
  Import(store, registry::FileKind::kOrgs,
         "org_id,name,kind,region\nwudi_school_bus_company,无棣县校车公司,enterprise,371623\n");
  std::string households = "household_id,region\n", persons = "resident_id,name,household_id,relation,is_student\n";
  std::string enrollments = "program,person_id,household_id,valid_from\n";
  for (int i = 0; i < students; ++i) {
    const int household = i / 2;
    if (i % 2 == 0) {
      households += "H" + std::to_string(household) + ",371623101\n";
      if (household % 5 == 0) enrollments += "dibao,,H" + std::to_string(household) + ",2012-01-01\n";
    }
    char birth[9];
    std::snprintf(birth, sizeof birth, "2005%02d%02d", 1 + i % 12, 1 + (i / 12) % 28);
    const std::string id = registry::testing::WudiId(birth, (i / 336) * 2 + 1);
    persons += id + ",学生,H" + std::to_string(household) + ",child,true\n";
    enrollments += "school_bus," + id + ",,2012-09-01\n";
  }
  Import(store, registry::FileKind::kHouseholds, households);
  Import(store, registry::FileKind::kPersons, persons);
  Import(store, registry::FileKind::kEnrollments, enrollments);
}

// What a month of ImportStudents(students) pays, in fen.
inline int64_t MonthlyFen(int students) {
  int64_t total = 0;
  for (int i = 0; i < students; ++i) total += (i / 2) % 5 == 0 ? 14000 : 7000;
  return total;
}

}  // namespace minsheng::pay::testing
