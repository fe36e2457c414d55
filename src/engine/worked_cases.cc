#include "engine/worked_cases.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "engine/engine.h"
#include "engine/interpreter.h"
#include "engine/population_builder.h"

namespace minsheng::engine {
namespace {

// A case may repeat a household up to this many times (the 7,400 riders of Wudi).
constexpr int64_t kRepeatMax = 1'000'000;

struct TestFile {
  std::string name;  // pack-relative
  const policy::Pack* pack;

  SourceLocation At(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    return SourceLocation::InText(name, mark.line + 1, mark.column + 1);
  }
  Status Error(const YAML::Node& node, const std::string& message) const {
    return InvalidArgument(message).At(At(node));
  }
};

Result<TextInputs> InputsOf(const TestFile& file, const YAML::Node& entry,
                            std::initializer_list<std::string_view> reserved) {
  TextInputs inputs;
  for (const auto& item : entry) {
    const std::string key = item.first.as<std::string>();
    if (std::find(reserved.begin(), reserved.end(), key) != reserved.end()) continue;
    if (!item.second.IsScalar())
      return file.Error(item.second, "input '" + key + "' must be a value");
    inputs.emplace_back(key, item.second.as<std::string>());
  }
  return inputs;
}

std::string RepeatedId(const std::string& id, int64_t copy, int64_t repeat) {
  return repeat == 1 ? id : id + "-" + std::to_string(copy + 1);
}

Result<Population> BuildPopulation(const TestFile& file, const YAML::Node& households) {
  PopulationBuilder builder(*file.pack);
  if (!households.IsSequence()) return file.Error(households, "households must be a list");
  for (const YAML::Node& household : households) {
    if (!household.IsMap() || !household["id"]) {
      return file.Error(household, "a household needs an id");
    }
    const std::string id = household["id"].as<std::string>();
    int64_t repeat = 1;
    if (household["repeat"]) {
      repeat = household["repeat"].as<int64_t>(0);
      if (repeat < 1 || repeat > kRepeatMax) {
        return file.Error(household["repeat"], "repeat must be 1 to " + std::to_string(kRepeatMax));
      }
    }
    auto inputs = InputsOf(file, household, {"id", "members", "repeat"});
    if (!inputs.ok()) return inputs.status();
    for (int64_t copy = 0; copy < repeat; ++copy) {
      Status status = builder.AddGroup(RepeatedId(id, copy, repeat), *inputs);
      if (!status.ok()) return status.At(file.At(household));
      for (const YAML::Node& member : household["members"]) {
        if (!member.IsMap() || !member["id"]) return file.Error(member, "a member needs an id");
        auto member_inputs = InputsOf(file, member, {"id", "role"});
        if (!member_inputs.ok()) return member_inputs.status();
        const std::string role = member["role"] ? member["role"].as<std::string>() : "head";
        status = builder.AddMember(RepeatedId(member["id"].as<std::string>(), copy, repeat), role,
                                   *member_inputs);
        if (!status.ok()) return status.At(file.At(member));
      }
    }
  }
  return builder.Build();
}

// Compares one computed value with its expectation; appends a failure when they differ.
void Compare(const TestFile& file, const YAML::Node& expected_node,
             const policy::Variable& variable, const std::string& what, int64_t actual,
             int64_t margin, CaseOutcome& outcome) {
  auto expected =
      policy::ParseValue(expected_node.as<std::string>(), variable.type, variable.enum_type.get());
  if (!expected.ok()) {
    outcome.failures.push_back(file.At(expected_node).ToString() + ": " +
                               expected.status().message());
    return;
  }
  const int64_t difference =
      actual > expected->raw ? actual - expected->raw : expected->raw - actual;
  if (difference <= margin) return;
  policy::Value got = *expected;
  got.raw = actual;
  outcome.failures.push_back(file.At(expected_node).ToString() + ": " + what + ": expected " +
                             expected->ToString() + ", got " + got.ToString());
}

}  // namespace
}  // namespace minsheng::engine

namespace minsheng::engine {
namespace {

// The variables a case computes when it expects an error: those it lists under
// `compute`, else every program's variable.
Result<std::vector<int>> VariablesToCompute(const TestFile& file, const YAML::Node& test) {
  std::vector<int> variables;
  if (test["compute"]) {
    for (const YAML::Node& name : test["compute"]) {
      int index = file.pack->VariableIndex(name.as<std::string>());
      if (index < 0) return file.Error(name, "unknown variable '" + name.as<std::string>() + "'");
      variables.push_back(index);
    }
  } else {
    for (const policy::Program& program : file.pack->programs) {
      variables.push_back(file.pack->VariableIndex(program.variable));
    }
  }
  return variables;
}

Status CheckExpectedError(const TestFile& file, const YAML::Node& test, Engine& engine,
                          const Period& period, CaseOutcome& outcome) {
  auto variables = VariablesToCompute(file, test);
  if (!variables.ok()) return variables.status();
  const std::string expected = test["expect_error"].as<std::string>();
  for (int variable : *variables) {
    auto values = engine.Compute(variable, period);
    if (values.ok()) continue;
    if (values.status().ToString() != expected) {
      outcome.failures.push_back(file.At(test["expect_error"]).ToString() + ": expected error '" +
                                 expected + "', got '" + values.status().ToString() + "'");
    }
    return Status::Ok();
  }
  outcome.failures.push_back(file.At(test["expect_error"]).ToString() + ": expected error '" +
                             expected + "', but everything computed");
  return Status::Ok();
}

Result<int64_t> MarginFor(const TestFile& file, const YAML::Node& test,
                          const policy::Variable& variable) {
  if (!test["margin"]) return 0;
  auto margin =
      policy::ParseValue(test["margin"].as<std::string>(), variable.type, variable.enum_type.get());
  if (!margin.ok()) return file.Error(test["margin"], margin.status().message());
  return margin->raw;
}

Status CheckExpectations(const TestFile& file, const YAML::Node& test, const Population& population,
                         Engine& engine, const Period& period, CaseOutcome& outcome) {
  Interpreter interpreter(*file.pack, population);
  for (const auto& entry : test["expect"]) {
    const std::string id = entry.first.as<std::string>();
    for (const auto& expectation : entry.second) {
      const std::string name = expectation.first.as<std::string>();
      const int variable = file.pack->VariableIndex(name);
      if (variable < 0) return file.Error(expectation.first, "unknown variable '" + name + "'");
      const policy::Variable& definition = file.pack->variables[variable];
      const int64_t row = engine.TableOf(definition.entity).RowOf(id);
      if (row < 0)
        return file.Error(entry.first, "no " + definition.entity + " '" + id + "' in this case");
      auto values = engine.Compute(variable, period);
      if (!values.ok()) {
        outcome.failures.push_back(file.At(expectation.second).ToString() + ": " +
                                   values.status().ToString());
        continue;
      }
      const int64_t actual = (*values)->At(row);
      auto reference = interpreter.Evaluate(variable, row, period);
      if (!reference.ok() || *reference != actual) {
        outcome.failures.push_back(file.At(expectation.second).ToString() + ": " + id + "." + name +
                                   ": the interpreter disagrees with the engine");
      }
      auto margin = MarginFor(file, test, definition);
      if (!margin.ok()) return margin.status();
      Compare(file, expectation.second, definition, id + "." + name, actual, *margin, outcome);
    }
  }
  for (const auto& total : test["expect_total"]) {
    const std::string name = total.first.as<std::string>();
    const int variable = file.pack->VariableIndex(name);
    if (variable < 0) return file.Error(total.first, "unknown variable '" + name + "'");
    auto values = engine.Compute(variable, period);
    if (!values.ok()) {
      outcome.failures.push_back(file.At(total.second).ToString() + ": " +
                                 values.status().ToString());
      continue;
    }
    int64_t sum = 0;
    for (int64_t value : (*values)->ToVector()) {
      if (__builtin_add_overflow(sum, value, &sum))
        return file.Error(total.second, "total overflows");
    }
    auto margin = MarginFor(file, test, file.pack->variables[variable]);
    if (!margin.ok()) return margin.status();
    Compare(file, total.second, file.pack->variables[variable], "total " + name, sum, *margin,
            outcome);
  }
  return Status::Ok();
}

Result<CaseOutcome> RunCase(const TestFile& file, const YAML::Node& test) {
  CaseOutcome outcome;
  outcome.file = file.name;
  outcome.line = test.Mark().line + 1;
  if (!test.IsMap()) return file.Error(test, "a case must be a mapping");
  outcome.name =
      test["name"] ? test["name"].as<std::string>() : "line " + std::to_string(outcome.line);
  if (!test["period"]) return file.Error(test, "case '" + outcome.name + "' has no period");
  auto period = Period::Parse(test["period"].as<std::string>());
  if (!period.ok()) return period.status().At(file.At(test["period"]));
  auto population = BuildPopulation(file, test["households"]);
  if (!population.ok()) return population.status();
  Engine engine(*file.pack, *population);
  Status status = test["expect_error"]
                      ? CheckExpectedError(file, test, engine, *period, outcome)
                      : CheckExpectations(file, test, *population, engine, *period, outcome);
  if (!status.ok()) return status;
  return outcome;
}

}  // namespace

Result<WorkedCaseReport> RunWorkedCases(const policy::Pack& pack) {
  WorkedCaseReport report;
  for (const std::string& name : pack.test_files) {
    TestFile file{name, &pack};
    YAML::Node root;
    try {
      root = YAML::LoadFile(pack.directory + "/" + name);
    } catch (const YAML::Exception& error) {
      return InvalidArgument(error.msg).At(
          SourceLocation::InText(name, error.mark.line + 1, error.mark.column + 1));
    }
    const YAML::Node cases = root.IsMap() ? root["cases"] : root;
    if (!cases.IsSequence()) return file.Error(root, "expected a list of cases (or `cases:`)");
    for (const YAML::Node& test : cases) {
      Result<CaseOutcome> outcome = [&]() -> Result<CaseOutcome> {
        try {
          return RunCase(file, test);
        } catch (const YAML::Exception& error) {
          return InvalidArgument(error.msg).At(
              SourceLocation::InText(name, error.mark.line + 1, error.mark.column + 1));
        }
      }();
      if (!outcome.ok()) return outcome.status();
      (outcome->failures.empty() ? report.passed : report.failed) += 1;
      report.cases.push_back(std::move(outcome.value()));
    }
  }
  return report;
}

}  // namespace minsheng::engine
