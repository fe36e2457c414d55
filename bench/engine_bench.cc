// engine_bench: whole-pipeline figures for the engine over a generated population.
//
// A plain main(), not a Google Benchmark binary: it measures phases that take from
// milliseconds to seconds and the memory they hold, once per population size. For each
// N it generates N persons in households of 1–5 (a fixed seed, so every run sees the
// same people), then times, each over several runs (best and median):
//   build    generating the people and building the Population columns directly;
//   one pass the four rules from a fresh Engine: three monthly ones for 2017-01 and the
//            yearly one for 2017 (bench/packs/four-rules/pack.md lists them);
//   12 months the monthly rules over all of 2017 from a fresh Engine;
// and prints the bytes of the population's columns, the peak resident memory of each
// phase, the targets beside the figures, and where one pass spends its time. Missing a
// target is printed, never an error: benchmarks print figures (STYLE.md).
//
//   engine_bench [N ...] [--runs R] [--phase P] [--pack DIR]   default N: 1000000 and 5000000
//   engine_bench --write-csv PATH N [--pack DIR]               the same people as a persons CSV
// --phase build|one-pass|12-months times that phase alone, for a profiler.
//
// Single-threaded, as the engine is.
#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/period.h"
#include "engine/engine.h"
#include "engine/table.h"
#include "policy/loader.h"

#ifndef MINSHENG_SOURCE_DIR
#define MINSHENG_SOURCE_DIR "."
#endif

namespace minsheng::bench {
namespace {

using engine::Column;
using engine::Engine;
using engine::EntityTable;
using engine::Population;
using Clock = std::chrono::steady_clock;

// --- Tunables -------------------------------------------------------------------------

const char* const kDefaultPack = MINSHENG_SOURCE_DIR "/bench/packs/four-rules";
// 1M shows the scaling; 5M is the size the targets are stated for.
const std::vector<size_t> kDefaultSizes = {1'000'000, 5'000'000};
// Three runs give a best (the machine at its quietest) and a median (a typical run).
constexpr int kDefaultRuns = 3;
// Fixed, so that every run and the CSV of scripts/bench-compute-csv see the same people.
constexpr uint64_t kSeed = 20170101;
// IdColumn holds 32-bit offsets; 18-byte ids keep 100M persons well inside them.
constexpr size_t kMaxPersons = 100'000'000;

// The targets, on one core at kTargetPersons persons.
constexpr size_t kTargetPersons = 5'000'000;
constexpr double kTargetOnePassMs = 17;
constexpr double kTargetTwelveMonthsMs = 50;
constexpr double kTargetPeakMiB = 400;

// The generated people, in millionths (chances) and fen (amounts). The shares are rough
// figures for a Shandong county; what matters for speed is that the branches of every
// rule are taken, some rarely, as in real data.
constexpr uint32_t kStudentChanceChild = 350'000;  // children: ~15% students overall
constexpr uint32_t kStudentChanceAdult = 15'000;   // heads and spouses still at school
constexpr uint32_t kRidesBusChance = 800'000;      // most students ride the bus
constexpr uint32_t kDibaoChance = 50'000;          // 5% of households
constexpr uint32_t kInpatientChance = 20'000;      // 2% in hospital in a month
constexpr int64_t kInpatientFenMin = 10'000;       // 100 yuan: some below the deductible
constexpr int64_t kInpatientFenMax = 800'000;      // 8,000 yuan
constexpr uint32_t kCriticalChance = 10'000;       // 1% with a critical illness in the year
constexpr int64_t kCriticalFenMax = 60'000'000;    // 600,000 yuan
constexpr uint32_t kPovertyChance = 30'000;        // 3% registered poor
constexpr int64_t kIncomeFenMax = 500'000;         // 5,000 yuan a month
// Schemes in the pack's order [ncms, urbmi, resident, employee], cumulative millionths.
constexpr uint32_t kSchemeCumulative[] = {550'000, 700'000, 900'000, 1'000'000};

// --- Small helpers --------------------------------------------------------------------

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double MiB(double bytes) {
  return bytes / (1024.0 * 1024.0);
}

// Draws with rng() % n rather than std::uniform_int_distribution, whose output the
// standard leaves to each library: the people must not change with the compiler. The
// bias of % is below 1e-12 for the n used here.
uint64_t Below(std::mt19937_64& rng, uint64_t n) {
  return rng() % n;
}
bool Chance(std::mt19937_64& rng, uint32_t per_million) {
  return Below(rng, 1'000'000) < per_million;
}
int64_t Between(std::mt19937_64& rng, int64_t low, int64_t high) {
  return low + static_cast<int64_t>(Below(rng, static_cast<uint64_t>(high - low + 1)));
}

// A value of /proc/self/status in KiB ("VmHWM", "VmRSS"), or -1.
long StatusKiB(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const size_t length = std::strlen(field);
  while (std::getline(status, line)) {
    if (line.compare(0, length, field) == 0 && line.size() > length && line[length] == ':') {
      return std::strtol(line.c_str() + length + 1, nullptr, 10);
    }
  }
  return -1;
}

// Resets the peak resident size (VmHWM) to the current one, so that a phase's peak is
// its own (Linux ≥ 4.0). ru_maxrss cannot be reset; it is printed as the process's.
bool ResetPeak() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return static_cast<bool>(clear_refs);
}

double MaxRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux gives KiB
}

// "5,000,000"
std::string Grouped(uint64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

std::string Format(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

struct Summary {
  double best_ms = 0;
  double median_ms = 0;
};

Summary Summarize(std::vector<double> times_ms) {
  std::sort(times_ms.begin(), times_ms.end());
  return {times_ms.front(), times_ms[times_ms.size() / 2]};
}

// --- The population -------------------------------------------------------------------

struct Generated {
  Population population;
  size_t id_bytes = 0;  // the ids' text and offsets (IdColumn does not say)
};

// The pack's input variables the generator fills, row by row, in the narrowest type
// that holds what it draws (so that generating 5M persons stays within the memory the
// finished columns take, plus one column in transit).
struct Inputs {
  std::vector<int8_t> is_student, rides_school_bus, scheme, poverty_registered;
  std::vector<int32_t> township_inpatient_cost, critical_self_paid, income;
  std::vector<int8_t> dibao;  // per household
};

template <typename T>
void AddInput(const policy::Pack& pack, EntityTable& table, const char* name,
              std::vector<T>& staged) {
  const policy::Variable* variable = pack.FindVariable(name);
  if (variable == nullptr || !variable->is_input) {
    std::fprintf(stderr, "engine_bench: the pack has no input '%s'\n", name);
    std::exit(2);
  }
  std::vector<int64_t> values(staged.begin(), staged.end());
  staged = {};
  table.Add(name, variable->type, variable->enum_type.get(),
            engine::Values::FromVector(std::move(values)));
}

// Household sizes, uniform 1–5, the last one cut to make exactly `persons`.
std::vector<uint32_t> HouseholdSizes(std::mt19937_64& rng, size_t persons) {
  std::vector<uint32_t> sizes;
  sizes.reserve(persons / 3 + 1);
  size_t placed = 0;
  while (placed < persons) {
    const uint32_t size =
        static_cast<uint32_t>(std::min<uint64_t>(1 + Below(rng, 5), persons - placed));
    sizes.push_back(size);
    placed += size;
  }
  return sizes;
}

// Ids: 18 digits for persons, like a resident ID number (the engine does not check
// them), "H" and 9 digits for households.
size_t AppendIds(EntityTable& table, size_t rows, std::string_view prefix, int digits) {
  auto& ids = table.mutable_ids();
  const size_t length = prefix.size() + static_cast<size_t>(digits);
  ids.Reserve(rows, rows * length);
  std::string id(length, '0');
  prefix.copy(id.data(), prefix.size());
  for (size_t row = 0; row < rows; ++row) {
    char* end = id.data() + length;
    size_t value = row;
    for (int i = 0; i < digits; ++i, value /= 10) *--end = static_cast<char>('0' + value % 10);
    ids.Append(id);
  }
  return rows * length + (rows + 1) * sizeof(uint32_t);
}

// The member roles the generator gives: the first member of a household is its head, the
// second a spouse, the rest children.
struct Roles {
  uint8_t head, spouse, child;
};

uint8_t RoleIndex(const policy::Entity& entity, const char* role) {
  auto found = std::find(entity.roles.begin(), entity.roles.end(), role);
  if (found == entity.roles.end()) {
    std::fprintf(stderr, "engine_bench: entity '%s' has no role '%s'\n", entity.name.c_str(), role);
    std::exit(2);
  }
  return static_cast<uint8_t>(found - entity.roles.begin());
}

Roles FindRoles(const policy::Pack& pack, const std::string& member_entity) {
  const policy::Entity* entity = pack.FindEntity(member_entity);
  if (entity == nullptr) {
    std::fprintf(stderr, "engine_bench: the pack has no entity '%s'\n", member_entity.c_str());
    std::exit(2);
  }
  return {RoleIndex(*entity, "head"), RoleIndex(*entity, "spouse"), RoleIndex(*entity, "child")};
}

// One person's inputs.
void GeneratePerson(std::mt19937_64& rng, Inputs& inputs, size_t row, bool child) {
  const bool student = Chance(rng, child ? kStudentChanceChild : kStudentChanceAdult);
  inputs.is_student[row] = student;
  inputs.rides_school_bus[row] = student && Chance(rng, kRidesBusChance);
  const uint64_t draw = Below(rng, 1'000'000);
  int8_t scheme = 0;
  while (draw >= kSchemeCumulative[scheme]) ++scheme;
  inputs.scheme[row] = scheme;
  inputs.township_inpatient_cost[row] = static_cast<int32_t>(
      Chance(rng, kInpatientChance) ? Between(rng, kInpatientFenMin, kInpatientFenMax) : 0);
  inputs.critical_self_paid[row] =
      static_cast<int32_t>(Chance(rng, kCriticalChance) ? Between(rng, 0, kCriticalFenMax) : 0);
  inputs.poverty_registered[row] = Chance(rng, kPovertyChance);
  inputs.income[row] = static_cast<int32_t>(student ? 0 : Between(rng, 0, kIncomeFenMax));
}

Generated Generate(const policy::Pack& pack, size_t persons) {
  std::mt19937_64 rng(kSeed);
  const std::vector<uint32_t> sizes = HouseholdSizes(rng, persons);
  Generated generated;
  Population& population = generated.population;
  generated.id_bytes = AppendIds(population.members, persons, "3716232017", 8) +
                       AppendIds(population.groups, sizes.size(), "H", 9);
  Inputs inputs;
  for (auto* column : {&inputs.is_student, &inputs.rides_school_bus, &inputs.scheme,
                       &inputs.poverty_registered}) {
    column->resize(persons);
  }
  for (auto* column :
       {&inputs.township_inpatient_cost, &inputs.critical_self_paid, &inputs.income}) {
    column->resize(persons);
  }
  inputs.dibao.resize(sizes.size());
  population.member_group.resize(persons);
  population.member_role.resize(persons);
  population.member_begin.resize(sizes.size() + 1);
  const Roles roles = FindRoles(pack, population.members.entity());
  size_t row = 0;
  for (size_t household = 0; household < sizes.size(); ++household) {
    population.member_begin[household] = static_cast<uint32_t>(row);
    inputs.dibao[household] = Chance(rng, kDibaoChance);
    for (uint32_t member = 0; member < sizes[household]; ++member, ++row) {
      population.member_group[row] = static_cast<uint32_t>(household);
      population.member_role[row] = member == 0   ? roles.head
                                    : member == 1 ? roles.spouse
                                                  : roles.child;
      GeneratePerson(rng, inputs, row, member >= 2);
    }
  }
  population.member_begin.back() = static_cast<uint32_t>(row);
  EntityTable& members = population.members;
  AddInput(pack, members, "is_student", inputs.is_student);
  AddInput(pack, members, "rides_school_bus", inputs.rides_school_bus);
  AddInput(pack, members, "scheme", inputs.scheme);
  AddInput(pack, members, "township_inpatient_cost", inputs.township_inpatient_cost);
  AddInput(pack, members, "critical_self_paid", inputs.critical_self_paid);
  AddInput(pack, members, "poverty_registered", inputs.poverty_registered);
  AddInput(pack, members, "income", inputs.income);
  AddInput(pack, population.groups, "dibao", inputs.dibao);
  return generated;
}

// The bytes the population's columns hold (capacity, as the allocator sees them).
size_t ColumnBytes(const Population& population) {
  size_t bytes = population.member_group.capacity() * sizeof(uint32_t) +
                 population.member_begin.capacity() * sizeof(uint32_t) +
                 population.member_role.capacity() * sizeof(uint8_t);
  for (const EntityTable* table : {&population.members, &population.groups}) {
    for (const auto& [name, column] : table->columns()) {
      bytes += column.values.bytes();
    }
  }
  return bytes;
}

// --- The runs -------------------------------------------------------------------------

// One Compute of a run: a variable at a period.
struct Step {
  const char* variable;
  Period period;
};

struct Plan {
  const char* name;
  std::vector<Step> steps;
  double target_ms;  // at kTargetPersons
};

Plan OnePass() {
  const Period month = Period::Month(2017, 1);
  return {"four rules, one pass",
          {{"school_bus_subsidy", month},
           {"township_inpatient_reimbursement", month},
           {"resident_critical_illness", Period::Year(2017)},
           {"household_income_per_capita", month},
           {"dibao_eligible", month}},
          kTargetOnePassMs};
}

// The monthly rules over 2017: money rules as Compute(…, 2017), which sums the twelve
// months; dibao_eligible is a bool, which has no yearly total, so each month is asked.
Plan TwelveMonths() {
  Plan plan{"monthly rules, 12 months",
            {{"school_bus_subsidy", Period::Year(2017)},
             {"township_inpatient_reimbursement", Period::Year(2017)},
             {"household_income_per_capita", Period::Year(2017)}},
            kTargetTwelveMonthsMs};
  for (int month = 1; month <= 12; ++month) {
    plan.steps.push_back({"dibao_eligible", Period::Month(2017, month)});
  }
  return plan;
}

struct RunResult {
  double total_ms = 0;
  std::vector<double> step_ms;
  long engine_rss_kib = 0;  // resident memory the engine held at the end of the run
};

int IndexOf(const policy::Pack& pack, const char* name) {
  const int index = pack.VariableIndex(name);
  if (index < 0) {
    std::fprintf(stderr, "engine_bench: the pack has no variable '%s'\n", name);
    std::exit(2);
  }
  return index;
}

const engine::Values& ComputeOrExit(Engine& engine, const char* name, const Period& period) {
  auto values = engine.Compute(IndexOf(engine.pack(), name), period);
  if (!values.ok()) {
    std::fprintf(stderr, "engine_bench: %s\n",
                 policy::FormatDiagnostic(values.status(), engine.pack().directory).c_str());
    std::exit(1);
  }
  return **values;
}

// One run of a plan from a fresh engine. The engine is destroyed after the clock stops:
// freeing its cache is not part of computing.
RunResult RunOnce(const policy::Pack& pack, const Population& population, const Plan& plan) {
  RunResult result;
  const long rss_before = StatusKiB("VmRSS");
  const auto start = Clock::now();
  auto engine = std::make_unique<Engine>(pack, population);
  for (const Step& step : plan.steps) {
    const auto step_start = Clock::now();
    ComputeOrExit(*engine, step.variable, step.period);
    result.step_ms.push_back(MillisecondsSince(step_start));
  }
  result.total_ms = MillisecondsSince(start);
  result.engine_rss_kib = StatusKiB("VmRSS") - rss_before;
  return result;
}

// --- Printing -------------------------------------------------------------------------

void PrintHeader(const std::string& pack_directory, int runs) {
  std::printf(
      "engine_bench: the engine's whole pipeline over a generated population\n"
      "  pack      %s\n"
      "  rules     school_bus_subsidy, township_inpatient_reimbursement (person, month),\n"
      "            resident_critical_illness (person, year),\n"
      "            household_income_per_capita -> dibao_eligible (household, month)\n"
      "  build     generate N persons in households of 1-5 (seed %llu) into Population columns\n"
      "  one pass  the four rules from a fresh Engine: monthly ones for 2017-01, yearly for 2017\n"
      "  12 months the monthly rules over 2017 from a fresh Engine (money: Compute(2017);\n"
      "            dibao_eligible, a bool: each month)\n"
      "  one thread (the engine is single-threaded; %u cores here); %d runs each, best and median\n"
      "  targets on one core at %s persons: one pass <= %.0f ms; 12 months <= %.0f ms;\n"
      "            peak memory <= %.0f MiB. At other sizes the targets are scaled by N.\n",
      pack_directory.c_str(), static_cast<unsigned long long>(kSeed),
      std::thread::hardware_concurrency(), runs, Grouped(kTargetPersons).c_str(), kTargetOnePassMs,
      kTargetTwelveMonthsMs, kTargetPeakMiB);
}

std::string Verdict(double measured, double target) {
  if (measured <= target) return "met";
  return "missed, " + Format("%.1fx", measured / target);
}

void PrintRow(const char* phase, const Summary& summary, size_t persons, double target) {
  const double per_second = persons / (summary.best_ms / 1000.0);
  std::string target_text = "-";
  if (target > 0) {
    target_text = "<= " + Format("%.1f ms", target) + " (" + Verdict(summary.best_ms, target) + ")";
  }
  std::printf("  %-26s %11.1f %11.1f %12.1f M/s   %s\n", phase, summary.best_ms, summary.median_ms,
              per_second / 1e6, target_text.c_str());
}

// Consecutive steps of one variable (dibao_eligible month by month) print as one line.
void PrintSteps(const Plan& plan, const RunResult& run) {
  std::printf("    steps of the best run (each Compute, with what it first computes):\n");
  for (size_t i = 0; i < plan.steps.size();) {
    size_t end = i + 1;
    double ms = run.step_ms[i];
    while (end < plan.steps.size() &&
           std::strcmp(plan.steps[end].variable, plan.steps[i].variable) == 0) {
      ms += run.step_ms[end++];
    }
    std::string periods = plan.steps[i].period.ToString();
    if (end - i > 1) periods += " .. " + plan.steps[end - 1].period.ToString();
    std::printf("      %-34s %-18s %9.2f ms\n", plan.steps[i].variable, periods.c_str(), ms);
    i = end;
  }
}

// Sums and counts of one pass's results, so that a reader sees the rules did real work on
// a plausible population (scripts/bench-compute-csv's output sums to the same figures).
void PrintResults(const policy::Pack& pack, const Population& population) {
  Engine engine(pack, population);
  std::printf("  results of one pass (totals in yuan, recipients):\n");
  for (const Step& step : OnePass().steps) {
    const std::vector<int64_t> values =
        ComputeOrExit(engine, step.variable, step.period).ToVector();
    int64_t total = 0;
    size_t nonzero = 0;
    for (int64_t value : values) {
      total += value;
      nonzero += value != 0;
    }
    const bool is_bool = pack.FindVariable(step.variable)->type == policy::Type::kBool;
    std::printf("    %-34s %16s  %s of %s\n", step.variable,
                is_bool ? "-" : Format("%.2f", total / 100.0).c_str(), Grouped(nonzero).c_str(),
                Grouped(values.size()).c_str());
  }
}

// Where one pass goes: every input the rules read first (the engine reads them in place,
// so this should be nothing), then the formulas.
void PrintBreakdown(const policy::Pack& pack, const Population& population) {
  Engine engine(pack, population);
  const Period month = Period::Month(2017, 1);
  double inputs_ms = 0;
  std::printf("  where one pass goes (fresh engine; inputs first, then formulas):\n");
  for (const policy::Variable& variable : pack.variables) {
    if (!variable.is_input) continue;
    const auto start = Clock::now();
    ComputeOrExit(engine, variable.name.c_str(), month);
    const double ms = MillisecondsSince(start);
    inputs_ms += ms;
    std::printf("      input   %-34s %9.2f ms\n", variable.name.c_str(), ms);
  }
  double formulas_ms = 0;
  for (const Step& step : OnePass().steps) {
    const auto start = Clock::now();
    ComputeOrExit(engine, step.variable, step.period);
    const double ms = MillisecondsSince(start);
    formulas_ms += ms;
    std::printf("      formula %-34s %9.2f ms\n", step.variable, ms);
  }
  std::printf("      inputs %.1f ms + formulas %.1f ms\n", inputs_ms, formulas_ms);
}

// --- One size -------------------------------------------------------------------------

// Which phases to time: all of them, or one (to profile it: perf record … --phase one-pass).
enum class Phases { kAll, kBuild, kOnePass, kTwelveMonths };

struct BuildFigures {
  Summary summary;
  double peak_mib = -1;
  std::unique_ptr<Generated> generated;  // the last run's
};

struct PhaseFigures {
  Summary summary;
  RunResult best;
  double peak_mib = -1;
};

// Every run generates anew; the last population is kept for the rules.
BuildFigures TimeBuild(const policy::Pack& pack, size_t persons, int runs) {
  BuildFigures figures;
  const bool peak_known = ResetPeak();
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    figures.generated.reset();
    const auto start = Clock::now();
    figures.generated = std::make_unique<Generated>(Generate(pack, persons));
    times.push_back(MillisecondsSince(start));
  }
  if (peak_known) figures.peak_mib = StatusKiB("VmHWM") / 1024.0;
  figures.summary = Summarize(times);
  if (Status valid = figures.generated->population.Validate(); !valid.ok()) {
    std::fprintf(stderr, "engine_bench: %s\n", valid.ToString().c_str());
    std::exit(1);
  }
  return figures;
}

PhaseFigures TimePlan(const policy::Pack& pack, const Population& population, const Plan& plan,
                      int runs) {
  PhaseFigures figures;
  const bool peak_known = ResetPeak();
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    RunResult result = RunOnce(pack, population, plan);
    times.push_back(result.total_ms);
    if (run == 0 || result.total_ms < figures.best.total_ms) figures.best = std::move(result);
  }
  if (peak_known) figures.peak_mib = StatusKiB("VmHWM") / 1024.0;
  figures.summary = Summarize(times);
  return figures;
}

void PrintPeak(const char* phase, double peak_mib, double target_mib) {
  if (peak_mib < 0) {
    std::printf("    peak RSS %-20s unknown (no /proc/self/clear_refs)\n", phase);
    return;
  }
  std::printf("    peak RSS %-20s %6.0f MiB   <= %.0f MiB (%s)\n", phase, peak_mib, target_mib,
              Verdict(peak_mib, target_mib).c_str());
}

void PrintMemory(const Generated& generated, const PhaseFigures* pass, const PhaseFigures* year,
                 double build_peak_mib, double scale) {
  const size_t column_bytes = ColumnBytes(generated.population);
  const double target_mib = kTargetPeakMiB * scale;
  std::printf("  memory:\n");
  std::printf("    population columns %.1f MiB + ids %.1f MiB = %.1f MiB\n", MiB(column_bytes),
              MiB(generated.id_bytes), MiB(column_bytes + generated.id_bytes));
  if (build_peak_mib >= 0) PrintPeak("while building", build_peak_mib, target_mib);
  if (pass != nullptr) {
    std::printf("    engine cache after one pass  %.1f MiB (RSS growth)\n",
                pass->best.engine_rss_kib / 1024.0);
    PrintPeak("during one pass", pass->peak_mib, target_mib);
  }
  if (year != nullptr) {
    std::printf("    engine cache after 12 months %.1f MiB (RSS growth)\n",
                year->best.engine_rss_kib / 1024.0);
    PrintPeak("during 12 months", year->peak_mib, target_mib);
  }
  std::printf("    ru_maxrss of the process so far %.0f MiB\n", MaxRssMiB());
}

void BenchOneSize(const policy::Pack& pack, size_t persons, int runs, Phases phases) {
  const bool all = phases == Phases::kAll;
  const double scale = static_cast<double>(persons) / kTargetPersons;
  BuildFigures build = TimeBuild(pack, persons, all || phases == Phases::kBuild ? runs : 1);
  const Population& population = build.generated->population;
  const Plan one_pass = OnePass();
  const Plan twelve_months = TwelveMonths();
  std::optional<PhaseFigures> pass, year;
  if (all || phases == Phases::kOnePass) pass = TimePlan(pack, population, one_pass, runs);
  if (all || phases == Phases::kTwelveMonths)
    year = TimePlan(pack, population, twelve_months, runs);

  std::printf("\n== %s persons in %s households\n", Grouped(persons).c_str(),
              Grouped(population.groups.size()).c_str());
  std::printf("  %-26s %11s %11s %16s   %s\n", "phase", "best ms", "median ms", "persons/s",
              "target (scaled to N)");
  if (all || phases == Phases::kBuild) PrintRow("build population", build.summary, persons, 0);
  if (pass) {
    PrintRow(one_pass.name, pass->summary, persons, one_pass.target_ms * scale);
    PrintSteps(one_pass, pass->best);
  }
  if (year) {
    PrintRow(twelve_months.name, year->summary, persons, twelve_months.target_ms * scale);
    PrintSteps(twelve_months, year->best);
  }
  PrintMemory(*build.generated, pass ? &*pass : nullptr, year ? &*year : nullptr,
              all || phases == Phases::kBuild ? build.peak_mib : -1, scale);
  if (!all) return;
  PrintResults(pack, population);
  PrintBreakdown(pack, population);
}

// --- The CSV ----------------------------------------------------------------------------

// Appends a value as the CSV carries it: money as yuan with two decimals, bools as 1/0,
// enums by name, the rest as whole numbers.
void AppendValue(std::string& out, const Column& column, int64_t value) {
  char buffer[32];
  if (column.type == policy::Type::kEnum) {
    out += column.enum_type->values[static_cast<size_t>(value)];
    return;
  }
  if (column.type == policy::Type::kMoney && value != 0) {
    if (value < 0) out += '-';
    const uint64_t fen =
        value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, fen / 100).ptr);
    out += '.';
    out += static_cast<char>('0' + fen % 100 / 10);
    out += static_cast<char>('0' + fen % 10);
    return;
  }
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// Writes the population as persons.csv: id, household_id, role, every person input, and
// every household input repeated on its members' rows (docs/csv.md).
int WriteCsv(const policy::Pack& pack, const std::string& path, size_t persons) {
  const auto start = Clock::now();
  const Generated generated = Generate(pack, persons);
  const Population& population = generated.population;
  const std::vector<std::string>& roles = pack.FindEntity(population.members.entity())->roles;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "engine_bench: cannot write %s\n", path.c_str());
    return 1;
  }
  std::string out = "id,household_id,role";
  for (const EntityTable* table : {&population.members, &population.groups}) {
    for (const auto& [name, column] : table->columns()) out += "," + name;
  }
  out += '\n';
  bool written = true;
  for (size_t row = 0; row < persons && written; ++row) {
    const uint32_t group = population.member_group[row];
    out += population.members.ids()[row];
    out += ',';
    out += population.groups.ids()[group];
    out += ',';
    out += roles[population.member_role[row]];
    for (const auto& [name, column] : population.members.columns()) {
      out += ',';
      AppendValue(out, column, column.values.At(row));
    }
    for (const auto& [name, column] : population.groups.columns()) {
      out += ',';
      AppendValue(out, column, column.values.At(group));
    }
    out += '\n';
    if (out.size() >= (1 << 20) || row + 1 == persons) {
      written = std::fwrite(out.data(), 1, out.size(), file) == out.size();
      out.clear();
    }
  }
  written = std::fclose(file) == 0 && written;
  if (!written) {
    std::fprintf(stderr, "engine_bench: cannot write %s\n", path.c_str());
    return 1;
  }
  std::printf("engine_bench: wrote %s persons in %s households to %s in %.0f ms\n",
              Grouped(persons).c_str(), Grouped(population.groups.size()).c_str(), path.c_str(),
              MillisecondsSince(start));
  return 0;
}

// --- Arguments ----------------------------------------------------------------------------

struct Options {
  std::vector<size_t> sizes;
  int runs = kDefaultRuns;
  std::string pack = kDefaultPack;
  std::string csv_path;  // --write-csv: write this file instead of timing
  Phases phases = Phases::kAll;
};

bool ParseCount(std::string_view text, size_t& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && out > 0 && out <= kMaxPersons;
}

int Usage() {
  std::fprintf(
      stderr,
      "usage: engine_bench [N ...] [--runs R] [--phase build|one-pass|12-months] [--pack DIR]\n"
      "       engine_bench --write-csv PATH N [--pack DIR]\n"
      "N: persons, 1 to %zu (default: 1000000 then 5000000)\n",
      kMaxPersons);
  return 2;
}

bool ParseArguments(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    const bool has_value = i + 1 < argc;
    size_t count = 0;
    if (argument == "--runs" && has_value && ParseCount(argv[i + 1], count) && count <= 100) {
      options.runs = static_cast<int>(count);
      ++i;
    } else if (argument == "--pack" && has_value) {
      options.pack = argv[++i];
    } else if (argument == "--phase" && has_value) {
      const std::string_view phase = argv[++i];
      if (phase == "build") {
        options.phases = Phases::kBuild;
      } else if (phase == "one-pass") {
        options.phases = Phases::kOnePass;
      } else if (phase == "12-months") {
        options.phases = Phases::kTwelveMonths;
      } else {
        std::fprintf(stderr, "engine_bench: --phase is build, one-pass or 12-months\n");
        return false;
      }
    } else if (argument == "--write-csv" && has_value) {
      options.csv_path = argv[++i];
    } else if (ParseCount(argument, count)) {
      options.sizes.push_back(count);
    } else {
      std::fprintf(stderr, "engine_bench: bad argument '%s'\n", argv[i]);
      return false;
    }
  }
  if (!options.csv_path.empty()) return options.sizes.size() == 1;
  if (options.sizes.empty()) options.sizes = kDefaultSizes;
  return true;
}

int Main(int argc, char** argv) {
  Options options;
  if (!ParseArguments(argc, argv, options)) return Usage();
  auto pack = policy::LoadAndCheckPack(options.pack);
  if (!pack.ok()) {
    std::fprintf(stderr, "engine_bench: %s\n",
                 policy::FormatDiagnostic(pack.status(), options.pack).c_str());
    return 1;
  }
  if (!options.csv_path.empty()) return WriteCsv(*pack, options.csv_path, options.sizes.front());
  PrintHeader(options.pack, options.runs);
  std::fflush(stdout);
  for (size_t persons : options.sizes) {
    BenchOneSize(*pack, persons, options.runs, options.phases);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace
}  // namespace minsheng::bench

int main(int argc, char** argv) {
  return minsheng::bench::Main(argc, argv);
}
