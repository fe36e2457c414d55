// Test helpers for the ledger's tests (header-only; not part of the library's API).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "store/store.h"

namespace minsheng::ledger::testing {

// A fresh directory for one test, removed afterwards. In memory (/dev/shm) where there
// is one: the property tests open a thousand stores, and what they test is not the disk.
class TempDirectory {
 public:
  TempDirectory() {
    static std::atomic<int> counter{0};
    std::error_code error;
    const bool shm = std::filesystem::is_directory("/dev/shm", error);
    path_ = (shm ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path()) /
            ("minsheng-ledger-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A clock tests move by hand: starts at 2013-01-01 00:00 China time.
struct ManualClock {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(int64_t{1356969600} * 1'000'000'000 -
                                                           int64_t{8} * 3600 * 1'000'000'000);
  Clock AsClock() const {
    auto shared = now;
    return [shared] { return *shared; };
  }
  void AdvanceSeconds(int64_t seconds) { *now += seconds * 1'000'000'000; }
};

inline std::unique_ptr<store::Store> OpenStore(const std::string& path) {
  auto store = store::OpenSqlite(path);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

inline std::unique_ptr<Ledger> OpenLedger(store::Store& store, Clock clock = SystemNanoseconds) {
  auto ledger = Ledger::Open(store, std::move(clock));
  EXPECT_TRUE(ledger.ok()) << ledger.status().ToString();
  return ledger.ok() ? std::move(*ledger) : nullptr;
}

inline Unit Cny() {
  return {"CNY", "人民币", "Chinese yuan", "fen"};
}

inline Account FundAccount(const std::string& code, bool no_overdraft = true,
                           std::vector<std::string> earmarks = {}) {
  Account account;
  account.code = code;
  account.unit = "CNY";
  account.kind = AccountKind::kFund;
  account.name_zh = code;
  account.name_en = code;
  account.debits_must_not_exceed_credits = no_overdraft;
  account.earmarks = std::move(earmarks);
  return account;
}

inline Account SourceAccount(const std::string& code) {
  Account account = FundAccount(code, false);
  account.kind = AccountKind::kIncome;
  return account;
}

inline Transfer Move(const std::string& id, const std::string& debit, const std::string& credit,
                     int64_t amount, const std::string& purpose = "") {
  Transfer transfer;
  transfer.id = id;
  transfer.debit_account = debit;
  transfer.credit_account = credit;
  transfer.amount = amount;
  transfer.unit = "CNY";
  transfer.purpose = purpose;
  return transfer;
}

}  // namespace minsheng::ledger::testing
