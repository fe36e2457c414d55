// minsheng compute / explain: run a pack over a population from CSV files.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/csv_field.h"
#include "engine/csv.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/interpreter.h"
#include "policy/loader.h"

namespace minsheng::cli {
namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct PopulationOptions {
  std::string pack;
  std::string persons;
  std::string households;
  std::string period;
};

void AddPopulationOptions(CLI::App& command, PopulationOptions& options) {
  command.add_option("--pack", options.pack, "the pack folder, e.g. policies/wudi-2013")
      ->required();
  command.add_option("--input", options.persons, "persons CSV (docs/csv.md)")->required();
  command.add_option("--households", options.households, "households CSV (optional)");
  command.add_option("--period", options.period, "2017-01 (a month), 2017-Q1 or 2017 (a year)")
      ->required();
}

struct Loaded {
  policy::Pack pack;
  engine::Population population;
  Period period;
};

// Loads the pack, the population and the period; reports any error to the user.
Result<std::unique_ptr<Loaded>> Load(const PopulationOptions& options, Context& context) {
  auto period = Period::Parse(options.period);
  if (!period.ok()) return period.status().Prefixed("--period '" + options.period + "'");
  auto pack = policy::LoadAndCheckPack(options.pack);
  if (!pack.ok()) {
    context.err << "minsheng: " << policy::FormatDiagnostic(pack.status(), options.pack);
    return Status(pack.status().code(), "");
  }
  auto loaded = std::make_unique<Loaded>();
  loaded->pack = std::move(pack.value());
  loaded->period = *period;
  engine::CsvOptions csv;
  csv.persons_path = options.persons;
  csv.households_path = options.households;
  auto population = engine::LoadPopulationCsv(loaded->pack, csv);
  if (!population.ok()) return population.status();
  loaded->population = std::move(population.value());
  return loaded;
}

Result<std::vector<int>> ParseVariables(const policy::Pack& pack, const std::string& list) {
  std::vector<int> variables;
  std::stringstream stream(list);
  std::string name;
  while (std::getline(stream, name, ',')) {
    if (name.empty()) continue;
    const int index = pack.VariableIndex(name);
    if (index < 0) return InvalidArgument("--vars: unknown variable '" + name + "'");
    variables.push_back(index);
  }
  if (variables.empty()) return InvalidArgument("--vars: name at least one variable");
  return variables;
}

// Writes one row per member when any variable is a member's (group variables repeated on
// each member row), else one row per group; in chunks, so that the output is never held
// whole in memory. Returns whether the stream took it all.
bool WriteCsv(const Loaded& loaded, engine::Engine& engine, const std::vector<int>& variables,
              const std::vector<const engine::Values*>& columns, std::ostream& stream) {
  constexpr size_t kChunkBytes = size_t{1} << 20;
  // Decided once per variable, not per row: whose rows a variable's values follow.
  std::vector<bool> member_variable;
  for (int variable : variables) {
    member_variable.push_back(engine.IsMemberEntity(loaded.pack.variables[variable].entity));
  }
  const bool per_member =
      std::find(member_variable.begin(), member_variable.end(), true) != member_variable.end();
  const engine::Population& population = loaded.population;
  std::string out = per_member ? "id,household_id" : "id";
  for (int variable : variables) out += "," + loaded.pack.variables[variable].name;
  out += "\n";
  const size_t rows = per_member ? population.members.size() : population.groups.size();
  std::vector<engine::SequentialReader> readers;
  for (const engine::Values* column : columns) readers.emplace_back(*column);
  for (size_t row = 0; row < rows; ++row) {
    const size_t group = per_member ? population.member_group[row] : row;
    AppendCsvField(out, per_member ? population.members.ids()[row] : population.groups.ids()[row]);
    if (per_member) {
      out += ",";
      AppendCsvField(out, population.groups.ids()[group]);
    }
    for (size_t i = 0; i < variables.size(); ++i) {
      const policy::Variable& definition = loaded.pack.variables[variables[i]];
      const size_t source_row = member_variable[i] ? row : group;
      policy::Value value{definition.type, readers[i](source_row), definition.enum_type.get()};
      out += ",";
      value.AppendPlainTo(out);
    }
    out += "\n";
    if (out.size() >= kChunkBytes) {
      stream.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
  return static_cast<bool>(stream);
}

void AddCompute(CLI::App& app, Context& context) {
  CLI::App* compute =
      app.add_subcommand("compute", "Compute variables over a population / 批量计算");
  auto options = std::make_shared<PopulationOptions>();
  auto vars = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto timings = std::make_shared<bool>(false);
  AddPopulationOptions(*compute, *options);
  compute->add_option("--vars", *vars, "comma-separated variable names")->required();
  compute->add_option("--output", *output, "the CSV to write (default: standard output)");
  compute->add_flag("--timings", *timings, "print parse, compute and write times to stderr");
  compute->footer("A yearly period over a monthly variable gives the year's sum.");
  compute->callback([&context, options, vars, output, timings] {
    const auto start = Clock::now();
    auto loaded = Load(*options, context);
    if (!loaded.ok()) {
      context.status = loaded.status();
      return;
    }
    const double parse_ms = MillisecondsSince(start);
    const auto compute_start = Clock::now();
    auto variables = ParseVariables(loaded.value()->pack, *vars);
    if (!variables.ok()) {
      context.status = variables.status();
      return;
    }
    engine::Engine engine(loaded.value()->pack, loaded.value()->population);
    std::vector<const engine::Values*> columns;
    for (int variable : *variables) {
      auto values = engine.Compute(variable, loaded.value()->period);
      if (!values.ok()) {
        context.err << "minsheng: " << policy::FormatDiagnostic(values.status(), options->pack);
        context.status = Status(values.status().code(), "");
        return;
      }
      columns.push_back(*values);
    }
    const double compute_ms = MillisecondsSince(compute_start);
    const auto write_start = Clock::now();
    auto write = [&](std::ostream& stream) {
      return WriteCsv(**loaded, engine, *variables, columns, stream);
    };
    std::error_code ignored;
    const bool special_file = std::filesystem::exists(*output, ignored) &&
                              !std::filesystem::is_regular_file(*output, ignored);
    if (output->empty()) {
      write(context.out);
    } else if (special_file) {
      // A device or pipe (/dev/null, /dev/stdout) is written in place: renaming a
      // temporary file onto it would replace the device itself.
      std::ofstream file(*output, std::ios::binary);
      if (!write(file)) {
        context.status = Status(ErrorCode::kIo, "cannot write " + *output);
        return;
      }
    } else {
      // Written whole to a temporary file, then renamed: a failed run leaves no half file.
      const std::string temporary = *output + ".partial";
      std::ofstream file(temporary, std::ios::binary);
      write(file);
      file.close();
      if (!file || std::rename(temporary.c_str(), output->c_str()) != 0) {
        std::remove(temporary.c_str());
        context.status = Status(ErrorCode::kIo, "cannot write " + *output);
        return;
      }
    }
    if (*timings) {
      context.err << "timings: parse " << parse_ms << " ms, compute " << compute_ms << " ms, write "
                  << MillisecondsSince(write_start) << " ms\n";
    }
    context.status = Status::Ok();
  });
}

void AddExplain(CLI::App& app, Context& context) {
  CLI::App* explain =
      app.add_subcommand("explain", "Explain one entity's value, step by step / 计算说明");
  auto options = std::make_shared<PopulationOptions>();
  auto entity = std::make_shared<std::string>();
  auto variable = std::make_shared<std::string>();
  auto language = std::make_shared<std::string>("zh");
  auto format = std::make_shared<std::string>("text");
  AddPopulationOptions(*explain, *options);
  explain->add_option("--entity", *entity, "the person's or household's id")->required();
  explain->add_option("--var", *variable, "the variable")->required();
  explain->add_option("--lang", *language, "zh or en (default zh)");
  explain->add_option("--format", *format, "text or json (default text)");
  explain->callback([&context, options, entity, variable, language, format] {
    auto lang = engine::ParseLanguage(*language);
    if (!lang.ok()) {
      context.status = lang.status();
      return;
    }
    if (*format != "text" && *format != "json") {
      context.status = InvalidArgument("--format must be text or json");
      return;
    }
    auto loaded = Load(*options, context);
    if (!loaded.ok()) {
      context.status = loaded.status();
      return;
    }
    const policy::Pack& pack = loaded.value()->pack;
    const int index = pack.VariableIndex(*variable);
    if (index < 0) {
      context.status = InvalidArgument("--var: unknown variable '" + *variable + "'");
      return;
    }
    const engine::Population& population = loaded.value()->population;
    const policy::Variable& definition = pack.variables[index];
    const engine::EntityTable& table = population.TableOf(pack, definition.entity);
    const int64_t row = table.RowOf(*entity);
    if (row < 0) {
      context.status = NotFound("no " + definition.entity + " '" + *entity + "' in the input");
      return;
    }
    engine::Interpreter interpreter(pack, population);
    auto explanation = interpreter.Explain(index, static_cast<size_t>(row), loaded.value()->period);
    if (!explanation.ok()) {
      context.err << "minsheng: " << policy::FormatDiagnostic(explanation.status(), options->pack);
      context.status = Status(explanation.status().code(), "");
      return;
    }
    context.out << (*format == "json" ? engine::ExplanationToJson(*explanation, *lang)
                                      : engine::ExplanationToText(*explanation, *lang));
    context.status = Status::Ok();
  });
}

}  // namespace

void AddComputeCommands(CLI::App& app, Context& context) {
  AddCompute(app, context);
  AddExplain(app, context);
}

}  // namespace minsheng::cli
