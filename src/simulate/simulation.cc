// The simulation's month loop and its tallies (simulation.h); the groupings and the
// distribution are in groups.cc.
#include "simulate/simulation.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>

#include "engine/engine.h"
#include "engine/interpreter.h"
#include "pay/population.h"
#include "simulate/groups.h"

namespace minsheng::simulate {
namespace {

// A program's variable in both packs, and whose rows it has.
struct ProgramColumns {
  const policy::Program* program = nullptr;
  int baseline_variable = -1, reform_variable = -1;
  bool on_members = true;  // a person's amount (else a household's)
  bool yearly = false;     // a yearly variable: computed once for each whole year of the period
};

// One computation over the population: a month for the monthly programs, or a whole year
// of the period for the yearly ones (with the year's enrollments and admissions).
struct Step {
  Period period;
  bool yearly = false;
};

// The rows of a column whose value is not zero, ascending, with their values.
struct NonZero {
  std::vector<uint32_t> rows;
  std::vector<int64_t> values;
};

NonZero NonZeroRows(const engine::Values& values) {
  NonZero out;
  const auto* exceptions = values.exception_rows();
  if (values.has_common() && values.common() == 0 && exceptions != nullptr) {
    engine::SequentialReader read(values);
    out.rows.reserve(exceptions->size());
    out.values.reserve(exceptions->size());
    for (uint32_t row : *exceptions) {
      out.rows.push_back(row);
      out.values.push_back(read(row));
    }
    return out;
  }
  engine::SequentialReader read(values);
  for (size_t row = 0; row < values.size(); ++row) {
    if (const int64_t value = read(row); value != 0) {
      out.rows.push_back(static_cast<uint32_t>(row));
      out.values.push_back(value);
    }
  }
  return out;
}

// Calls visit(row, baseline, reform) for every row where either is not zero, ascending.
template <typename Visit>
void ForEachPaidRow(const NonZero& baseline, const NonZero& reform, Visit&& visit) {
  size_t i = 0, j = 0;
  while (i < baseline.rows.size() || j < reform.rows.size()) {
    const uint32_t a = i < baseline.rows.size() ? baseline.rows[i] : UINT32_MAX;
    const uint32_t b = j < reform.rows.size() ? reform.rows[j] : UINT32_MAX;
    if (a == b) {
      visit(a, baseline.values[i++], reform.values[j++]);
    } else if (a < b) {
      visit(a, baseline.values[i++], int64_t{0});
    } else {
      visit(b, int64_t{0}, reform.values[j++]);
    }
  }
}

Status AddChecked(int64_t& sum, int64_t amount, const std::string& what) {
  if (__builtin_add_overflow(sum, amount, &sum)) return OutOfRange(what + " overflows 64-bit fen");
  return Status::Ok();
}

// The months of the period, then its whole years when `yearly` programs need them.
Result<std::vector<Step>> StepsOf(const Period& period, bool yearly) {
  std::vector<Step> steps;
  for (Period month = Period::Containing(PeriodKind::kMonth, period.first_day());
       month.first_day() <= period.last_day(); month = month.Next()) {
    steps.push_back({month, false});
  }
  if (!yearly) return steps;
  const size_t months = steps.size();
  for (Period year = Period::Containing(PeriodKind::kYear, period.first_day()); year.first_day() <= period.last_day();
       year = year.Next()) {
    if (year.first_day() >= period.first_day() && year.last_day() <= period.last_day()) steps.push_back({year, true});
  }
  if (steps.size() == months) {
    return InvalidArgument("the pack has yearly programs, and the period " + period.ToString() +
                           " holds no whole year: simulate a year");
  }
  return steps;
}

// Everything the month loop adds up.
struct Tally {
  Tally(size_t programs, size_t households)
      : cost(programs), paid_baseline(programs), paid_reform(programs),
        household_baseline(households, 0), household_reform(households, 0),
        first_changed_step(households, -1) {}
  std::vector<Pair> cost;  // per program
  // Per program: whether each payee row (the view's person, or household) was paid.
  std::vector<std::vector<uint8_t>> paid_baseline, paid_reform;
  std::vector<int64_t> household_baseline, household_reform;
  std::vector<int16_t> first_changed_step;  // the index of the first step its amounts differ in
};

class Simulator {
 public:
  Simulator(const policy::Pack& baseline, const policy::Pack& reform, const registry::RegistryView& view,
            const SimulationOptions& options)
      : baseline_(baseline), reform_(reform), view_(view), options_(options) {}

  Result<Simulation> Run(const policy::Reform& reform_file, const std::vector<policy::ReformChange>& changes) {
    if (baseline_.programs.empty()) return InvalidArgument("pack '" + baseline_.id + "' has no programs to simulate");
    const AsOfCheck covered = CheckCovers();
    if (!covered.ok) return InvalidArgument(covered.message);
    if (Status status = FindPrograms(); !status.ok()) return status;
    const bool yearly = std::any_of(programs_.begin(), programs_.end(), [](const auto& p) { return p.yearly; });
    Result<std::vector<Step>> steps = StepsOf(options_.period, yearly);
    if (!steps.ok()) return steps.status();
    steps_ = std::move(steps).value();
    Tally tally(programs_.size(), view_.households().size());
    using Clock = std::chrono::steady_clock;
    const auto seconds_since = [](Clock::time_point start) {
      return std::chrono::duration<double>(Clock::now() - start).count();
    };
    Simulation::Times times;
    auto start = Clock::now();
    // One population for all the steps: built for the first, then moved to each.
    auto made = pay::PopulationFromRegistry(baseline_, view_, steps_.front().period);
    if (!made.ok()) return made.status();
    built_ = std::move(made).value();
    pay::RegistryPopulation* built = &*built_;
    times.population = seconds_since(start);
    start = Clock::now();
    for (size_t m = 0; m < steps_.size(); ++m) {
      if (m > 0) {
        Status moved = pay::RefillForPeriod(baseline_, view_, steps_[m].period, *built);
        if (!moved.ok()) return moved;
      }
      if (Status status = AddStep(m, *built, tally); !status.ok()) return status;
      if (options_.progress) options_.progress(static_cast<int>(m + 1), static_cast<int>(steps_.size()));
    }

    times.steps = seconds_since(start);

    Simulation result;
    result.baseline_version = baseline_.version;
    result.reform_version = reform_.version;
    result.reform_id = reform_file.id;
    result.reform_title_zh = reform_file.title_zh;
    result.reform_title_en = reform_file.title_en;
    result.reform_quote = reform_file.source.quote;
    result.reform_from = reform_file.from;
    result.period = options_.period;
    result.changes = changes;
    result.persons = static_cast<int64_t>(view_.persons().size());
    result.households = static_cast<int64_t>(view_.households().size());
    for (size_t p = 0; p < programs_.size(); ++p) {
      const policy::Program& program = *programs_[p].program;
      ProgramResult out{program.name, program.title_zh, program.title_en, tally.cost[p], {}};
      out.beneficiaries.baseline = std::count(tally.paid_baseline[p].begin(), tally.paid_baseline[p].end(), 1);
      out.beneficiaries.reform = std::count(tally.paid_reform[p].begin(), tally.paid_reform[p].end(), 1);
      if (Status s = AddChecked(result.total_cost_fen.baseline, out.cost_fen.baseline, "the total"); !s.ok()) return s;
      if (Status s = AddChecked(result.total_cost_fen.reform, out.cost_fen.reform, "the total"); !s.ok()) return s;
      result.programs.push_back(std::move(out));
    }
    start = Clock::now();
    Households households{view_, tally.household_baseline, tally.household_reform};
    Status grouped = AddGroups(households, result);
    if (!grouped.ok()) return grouped;
    times.groups = seconds_since(start);
    start = Clock::now();
    Result<std::vector<HouseholdWhy>> explained = Explain(tally, *built);
    if (!explained.ok()) return explained.status();
    result.explained = std::move(explained).value();
    times.explained = seconds_since(start);
    result.times = times;
    return result;
  }

 private:
  struct AsOfCheck {
    bool ok = true;
    std::string message;
  };

  AsOfCheck CheckCovers() const {
    const registry::AsOf& as_of = view_.as_of();
    if (as_of.first > options_.period.first_day() || as_of.last < options_.period.last_day()) {
      return {false, "the registry view (" + as_of.first.ToString() + " … " + as_of.last.ToString() +
                         ") does not cover the period " + options_.period.ToString()};
    }
    return {};
  }

  Status FindPrograms() {
    for (const policy::Program& program : baseline_.programs) {
      ProgramColumns columns;
      columns.program = &program;
      columns.baseline_variable = baseline_.VariableIndex(program.variable);
      columns.reform_variable = reform_.VariableIndex(program.variable);
      if (columns.baseline_variable < 0 || columns.reform_variable < 0) {
        return Internal("program '" + program.name + "' pays no known variable");
      }
      const policy::Variable& variable = baseline_.variables[columns.baseline_variable];
      const policy::Entity* entity = baseline_.FindEntity(variable.entity);
      columns.on_members = entity != nullptr && !entity->group.empty();
      if (variable.period == policy::PeriodUnit::kEternity) {
        return InvalidArgument("program '" + program.name + "' pays '" + variable.name +
                               "', which has no period: only monthly and yearly programs are simulated");
      }
      columns.yearly = variable.period == policy::PeriodUnit::kYear;
      programs_.push_back(columns);
    }
    return Status::Ok();
  }

  // The view's household of a program variable's row.
  uint32_t HouseholdOf(const pay::RegistryPopulation& built, const ProgramColumns& columns, uint32_t row) const {
    return columns.on_members ? built.population.member_group[row] : row;
  }
  // The payee row in the view: the person (members), the household (groups).
  uint32_t PayeeOf(const pay::RegistryPopulation& built, const ProgramColumns& columns, uint32_t row) const {
    return columns.on_members ? built.member_person[row] : row;
  }

  Status AddStep(size_t m, const pay::RegistryPopulation& built, Tally& tally) {
    const Period& month = steps_[m].period;  // a month, or a year for the yearly programs
    engine::Engine baseline(baseline_, built.population);
    engine::Engine reform(reform_, built.population);
    for (size_t p = 0; p < programs_.size(); ++p) {
      const ProgramColumns& columns = programs_[p];
      if (columns.yearly != steps_[m].yearly) continue;
      auto a = baseline.Compute(columns.baseline_variable, month);
      if (!a.ok()) return a.status().Prefixed("baseline, " + month.ToString());
      auto b = reform.Compute(columns.reform_variable, month);
      if (!b.ok()) return b.status().Prefixed("reform, " + month.ToString());
      std::vector<uint8_t>& paid_a = tally.paid_baseline[p];
      std::vector<uint8_t>& paid_b = tally.paid_reform[p];
      const size_t payees = columns.on_members ? view_.persons().size() : view_.households().size();
      if (paid_a.empty()) paid_a.assign(payees, 0), paid_b.assign(payees, 0);
      const NonZero nonzero_a = NonZeroRows(**a), nonzero_b = NonZeroRows(**b);
      Status status;
      ForEachPaidRow(nonzero_a, nonzero_b, [&](uint32_t row, int64_t x, int64_t y) {
        if (!status.ok()) return;
        const uint32_t household = HouseholdOf(built, columns, row);
        const uint32_t payee = PayeeOf(built, columns, row);
        if (x != 0) paid_a[payee] = 1;
        if (y != 0) paid_b[payee] = 1;
        status = AddChecked(tally.cost[p].baseline, x, "program " + columns.program->name);
        if (status.ok()) status = AddChecked(tally.cost[p].reform, y, "program " + columns.program->name);
        if (status.ok()) status = AddChecked(tally.household_baseline[household], x, "a household's amount");
        if (status.ok()) status = AddChecked(tally.household_reform[household], y, "a household's amount");
        if (x != y && tally.first_changed_step[household] < 0) {
          tally.first_changed_step[household] = static_cast<int16_t>(m);
        }
      });
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

  // The households to explain: those asked for, then `sample` of the changed ones, spread
  // evenly over them in registry order.
  Result<std::vector<uint32_t>> HouseholdsToExplain(const Tally& tally) const {
    std::vector<uint32_t> chosen;
    for (const std::string& id : options_.explain_households) {
      const uint32_t found = view_.household_ids().Find(id);
      if (found == TextIndex::kNone) {
        return NotFound("household '" + id + "' is not in the registry on " + view_.as_of().first.ToString());
      }
      chosen.push_back(found);
    }
    std::vector<uint32_t> changed;
    for (uint32_t h = 0; h < tally.first_changed_step.size(); ++h) {
      if (tally.first_changed_step[h] >= 0) changed.push_back(h);
    }
    const size_t sample = std::min(options_.sample, changed.size());
    for (size_t k = 0; k < sample; ++k) {
      const uint32_t h = changed[k * changed.size() / sample];
      if (std::find(chosen.begin(), chosen.end(), h) == chosen.end()) chosen.push_back(h);
    }
    return chosen;
  }

  // Explains the chosen households step by step, moving the population to each step
  // needed (in order) rather than building one for it.
  Result<std::vector<HouseholdWhy>> Explain(const Tally& tally, pay::RegistryPopulation& built) const {
    Result<std::vector<uint32_t>> chosen = HouseholdsToExplain(tally);
    if (!chosen.ok()) return chosen.status();
    std::vector<HouseholdWhy> explained(chosen->size());
    std::map<int, std::vector<size_t>> by_step;  // step → positions in `explained`
    for (size_t i = 0; i < chosen->size(); ++i) {
      const uint32_t h = (*chosen)[i];
      HouseholdWhy& why = explained[i];
      why.household_id = std::string(view_.household_ids()[h]);
      why.region = view_.households()[h].region;
      why.amount_fen = {tally.household_baseline[h], tally.household_reform[h]};
      if (tally.first_changed_step[h] >= 0) by_step[tally.first_changed_step[h]].push_back(i);
    }
    for (const auto& [m, positions] : by_step) {
      const Step& step = steps_[static_cast<size_t>(m)];
      Status moved = pay::RefillForPeriod(baseline_, view_, step.period, built);
      if (!moved.ok()) return moved;
      for (size_t i : positions) {
        Status status = ExplainHousehold((*chosen)[i], step, built, explained[i]);
        if (!status.ok()) return status;
      }
    }
    return explained;
  }

  Status ExplainHousehold(uint32_t h, const Step& step, const pay::RegistryPopulation& built,
                          HouseholdWhy& why) const {
    const Period& month = step.period;
    engine::Interpreter baseline(baseline_, built.population), reform(reform_, built.population);
    const engine::Population& population = built.population;
    for (const ProgramColumns& columns : programs_) {
      if (columns.yearly != step.yearly) continue;
      std::vector<uint32_t> rows;
      if (columns.on_members) {
        for (uint32_t row = population.member_begin[h]; row < population.member_begin[h + 1]; ++row) rows.push_back(row);
      } else {
        rows.push_back(h);
      }
      for (uint32_t row : rows) {
        auto a = baseline.Explain(columns.baseline_variable, row, month);
        auto b = reform.Explain(columns.reform_variable, row, month);
        if (!a.ok()) return a.status();
        if (!b.ok()) return b.status();
        if (a->value.raw == b->value.raw) continue;
        HouseholdWhy::Item item;
        item.program = columns.program->name;
        if (columns.on_members) item.member_id = std::string(view_.person_ids()[built.member_person[row]]);
        item.month = month;
        item.amount_fen = {a->value.raw, b->value.raw};
        item.differences = DiffExplanations(*a, *b);
        why.items.push_back(std::move(item));
      }
    }
    return Status::Ok();
  }

  const policy::Pack& baseline_;
  const policy::Pack& reform_;
  const registry::RegistryView& view_;
  const SimulationOptions& options_;
  std::vector<ProgramColumns> programs_;
  std::vector<Step> steps_;
  std::optional<pay::RegistryPopulation> built_;  // moved from step to step
};

}  // namespace

Result<Simulation> Simulate(const policy::Pack& baseline, const policy::Reform& reform_file,
                            const policy::ReformedPack& reform, const registry::RegistryView& view,
                            const SimulationOptions& options) {
  Simulator simulator(baseline, reform.pack, view, options);
  return simulator.Run(reform_file, reform.changes);
}

}  // namespace minsheng::simulate
