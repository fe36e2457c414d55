// Test helpers for the registry's tests (header-only; not part of the library's API).
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/resident_id.h"
#include "registry/import.h"
#include "store/store.h"

namespace minsheng::registry::testing {

// A fresh SQLite file for one test, removed afterwards.
class TestStore {
 public:
  TestStore() {
    static std::atomic<int> counter{0};
    directory_ = std::filesystem::temp_directory_path() /
                 ("minsheng-registry-test-" + std::to_string(getpid()) + "-" +
                  std::to_string(counter++));
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
    auto opened = store::OpenSqlite((directory_ / "registry.db").string(),
                                    {.durability = store::Durability::kNormal});
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }
  ~TestStore() {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }

 private:
  std::filesystem::path directory_;
  std::unique_ptr<store::Store> store_;
};

// A valid 18-character resident ID of Wudi (371623) born on `birth` ("19800101") with
// sequence `sequence` (odd: male).
inline std::string WudiId(const std::string& birth, int sequence) {
  char first[18];
  std::snprintf(first, sizeof first, "371623%s%03d", birth.c_str(), sequence % 1000);
  std::string id(first, 17);
  return id + ResidentIdCheckCharacter(id);
}

// `utf8` in GB18030, as Chinese government systems export files.
inline std::string ToGb18030(const std::string& utf8) {
  iconv_t converter = iconv_open("GB18030", "UTF-8");
  std::string in = utf8;
  std::string out(in.size() * 2, '\0');
  char* in_next = in.data();
  size_t in_left = in.size();
  char* out_next = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(converter, &in_next, &in_left, &out_next, &out_left), static_cast<size_t>(-1));
  iconv_close(converter);
  out.resize(out.size() - out_left);
  return out;
}

inline ImportOptions At(int64_t recorded_at) {
  return {.recorded_at = recorded_at, .today = Date::FromYmd(2026, 1, 1).value()};
}

inline int64_t CountRows(store::Store& store, const std::string& table) {
  auto statement = store.Prepare("SELECT COUNT(*) FROM " + table);
  EXPECT_TRUE(statement.ok());
  EXPECT_TRUE(*(*statement)->Step());
  const int64_t count = (*statement)->Int(0);
  (*statement)->Reset();
  return count;
}

}  // namespace minsheng::registry::testing
