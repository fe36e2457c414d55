// Helpers shared by the engine's tests (engine_test.cc, differential_test.cc,
// interpreter_test.cc); header-only, because every engine/*.cc that is not a test goes
// into the library.
//
// A test writes a pack's files into a fresh temporary folder and loads and checks it
// with policy::LoadAndCheckPack, so the pack is read exactly as a policy officer's would
// be, with real file:line:column places; the folder is removed again once loaded (the
// Pack keeps every line it needs in memory). Not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/table.h"
#include "policy/loader.h"
#include "policy/pack.h"

namespace minsheng::engine::testing {

// pack.md of every test pack: the metadata only, default entities (person in household).
inline constexpr char kTestPackMd[] =
    "# Test pack\n"
    "\n"
    "```minsheng\n"
    "pack:\n"
    "  id: engine-test\n"
    "  name: {zh: 引擎测试, en: Engine test}\n"
    "  region: \"37\"\n"
    "```\n";

// A temporary folder, removed with everything in it when the object goes.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "minsheng-engine-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::string& path() const { return path_; }  // empty when it could not be made

 private:
  std::string path_;
};

// Writes `files` (pack-relative path → content) into the folder, making subfolders.
inline bool WriteFiles(const std::string& directory, const std::map<std::string, std::string>& files) {
  for (const auto& [name, content] : files) {
    const std::filesystem::path path = std::filesystem::path(directory) / name;
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) return false;
  }
  return true;
}

// Loads and checks a pack made of kTestPackMd and `files` (e.g. {"rules.md", "..."}).
inline Result<policy::Pack> LoadTestPack(const std::map<std::string, std::string>& files) {
  TemporaryDirectory directory;
  if (directory.path().empty()) return Internal("cannot make a temporary folder");
  std::map<std::string, std::string> all = files;
  all.emplace("pack.md", kTestPackMd);
  if (!WriteFiles(directory.path(), all)) return Internal("cannot write the test pack");
  return policy::LoadAndCheckPack(directory.path());
}

// The pack, or a test failure with the loader's message.
inline policy::Pack LoadTestPackOrFail(const std::map<std::string, std::string>& files) {
  Result<policy::Pack> pack = LoadTestPack(files);
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  return pack.ok() ? std::move(pack).value() : policy::Pack{};
}

}  // namespace minsheng::engine::testing
