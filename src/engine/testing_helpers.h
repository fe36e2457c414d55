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

#include "core/period.h"
#include "core/status.h"
#include "engine/engine.h"
#include "engine/interpreter.h"
#include "engine/population_builder.h"
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
    std::string pattern =
        (std::filesystem::temp_directory_path() / "minsheng-engine-XXXXXX").string();
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
inline bool WriteFiles(const std::string& directory,
                       const std::map<std::string, std::string>& files) {
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

// A population written as the worked cases write it: households with their inputs and
// members, every value as text.
struct TestMember {
  std::string id;
  TextInputs inputs;
  std::string role = "head";
};
struct TestHousehold {
  std::string id;
  TextInputs inputs;
  std::vector<TestMember> members;
};

inline Result<Population> BuildPopulation(const policy::Pack& pack,
                                          const std::vector<TestHousehold>& households) {
  PopulationBuilder builder(pack);
  for (const TestHousehold& household : households) {
    Status status = builder.AddGroup(household.id, household.inputs);
    if (!status.ok()) return status;
    for (const TestMember& member : household.members) {
      status = builder.AddMember(member.id, member.role, member.inputs);
      if (!status.ok()) return status;
    }
  }
  return builder.Build();
}

// The population, or a test failure with the builder's message.
inline Population BuildPopulationOrFail(const policy::Pack& pack,
                                        const std::vector<TestHousehold>& households) {
  Result<Population> population = BuildPopulation(pack, households);
  EXPECT_TRUE(population.ok()) << population.status().ToString();
  return population.ok() ? std::move(population).value() : Population{};
}

// A variable's values by a fresh engine with the given batch size.
inline Result<std::vector<int64_t>> ComputeValues(const policy::Pack& pack,
                                                  const Population& population,
                                                  const std::string& variable, const Period& period,
                                                  size_t batch_size = kBatchSize,
                                                  double fold_share = EngineOptions().fold_share) {
  const int index = pack.VariableIndex(variable);
  if (index < 0) return NotFound("no variable '" + variable + "'");
  EngineOptions options;
  options.batch_size = batch_size;
  options.fold_share = fold_share;
  Engine engine(pack, population, options);
  Result<const Values*> values = engine.Compute(index, period);
  if (!values.ok()) return values.status();
  return (*values)->ToVector();
}

// The same by the reference interpreter, row by row; the first row's error if any fails.
inline Result<std::vector<int64_t>> InterpretValues(const policy::Pack& pack,
                                                    const Population& population,
                                                    const std::string& variable,
                                                    const Period& period) {
  const int index = pack.VariableIndex(variable);
  if (index < 0) return NotFound("no variable '" + variable + "'");
  const policy::Variable& definition = pack.variables[static_cast<size_t>(index)];
  const policy::Entity* entity = pack.FindEntity(definition.entity);
  const size_t rows = entity != nullptr && !entity->group.empty() ? population.members.size()
                                                                  : population.groups.size();
  Interpreter interpreter(pack, population);
  std::vector<int64_t> values;
  for (size_t row = 0; row < rows; ++row) {
    Result<int64_t> value = interpreter.Evaluate(index, row, period);
    if (!value.ok()) return value.status();
    values.push_back(*value);
  }
  return values;
}

}  // namespace minsheng::engine::testing
