#include "engine/engine.h"

#include "engine/executor.h"

namespace minsheng::engine {

using policy::PeriodUnit;
using policy::Type;
using policy::Variable;

Period NaturalPeriod(const Variable& variable, const Period& period) {
  switch (variable.period) {
    case PeriodUnit::kMonth: return Period::Containing(PeriodKind::kMonth, period.first_day());
    case PeriodUnit::kYear: return Period::Containing(PeriodKind::kYear, period.first_day());
    case PeriodUnit::kEternity: return period;
  }
  return period;
}

Engine::Engine(const policy::Pack& pack, const Population& population, EngineOptions options)
    : pack_(pack), population_(population), options_(options) {}

const EntityTable& Engine::TableOf(const std::string& entity) const {
  return population_.TableOf(pack_, entity);
}

bool Engine::IsMemberEntity(const std::string& entity) const {
  return engine::IsMemberEntity(pack_, entity);
}

PeriodKey Engine::KeyFor(int variable, const Period& period) const {
  const Variable& definition = pack_.variables[variable];
  if (definition.period == PeriodUnit::kEternity) return {variable, -1, 0};
  const Period natural = NaturalPeriod(definition, period);
  return {variable, static_cast<int>(natural.kind()), natural.first_day().days_since_epoch()};
}

Result<const std::vector<int64_t>*> Engine::Compute(int variable, const Period& period) {
  const Variable& definition = pack_.variables[variable];
  if (definition.period == PeriodUnit::kMonth && period.kind() != PeriodKind::kMonth &&
      period.kind() != PeriodKind::kDay) {
    // A monthly variable over a quarter or a year: the sum of its months.
    if (definition.type != Type::kMoney && definition.type != Type::kNumber) {
      return InvalidArgument("'" + definition.name + "' is monthly and " +
                             policy::TypeName(definition.type) + ": it has no total over " +
                             period.ToString());
    }
    // Keyed by the asked period's kind, which a monthly variable's own values (always
    // keyed by month) never share.
    const PeriodKey key{variable, static_cast<int>(period.kind()),
                        period.first_day().days_since_epoch()};
    auto cached = cache_.find(key);
    if (cached != cache_.end()) return &cached->second;
    std::vector<int64_t> total(TableOf(definition.entity).size(), 0);
    for (const Period& month : period.Split(PeriodKind::kMonth)) {
      auto values = ComputeKey(KeyFor(variable, month), month);
      if (!values.ok()) return values.status();
      for (size_t row = 0; row < total.size(); ++row) {
        if (__builtin_add_overflow(total[row], (**values)[row], &total[row])) {
          return Overflow("the total of '" + definition.name + "' over " + period.ToString() +
                          " overflows");
        }
      }
    }
    return &(cache_[key] = std::move(total));
  }
  return ComputeKey(KeyFor(variable, period), NaturalPeriod(definition, period));
}

Result<const std::vector<int64_t>*> Engine::ComputeKey(const PeriodKey& key, const Period& period) {
  // An input the population holds is read in place: copying it per period would cost a
  // column's memory and time for nothing, since inputs are the same in every period.
  const Variable& definition = pack_.variables[key.variable];
  if (definition.is_input) {
    const Column* column = TableOf(definition.entity).Find(definition.name);
    if (column != nullptr) return &column->values;
  }
  auto cached = cache_.find(key);
  if (cached != cache_.end()) return &cached->second;
  std::vector<int64_t> values;
  Status status = Evaluate(key.variable, period, values);
  if (!status.ok()) return status;
  return &(cache_[key] = std::move(values));
}

Status Engine::Evaluate(int variable, const Period& period, std::vector<int64_t>& out) {
  const Variable& definition = pack_.variables[variable];
  const EntityTable& table = TableOf(definition.entity);
  if (definition.is_input) {
    const Column* column = table.Find(definition.name);
    if (column != nullptr) {
      out = column->values;
    } else {
      out.assign(table.size(), definition.default_value.raw);
    }
    return Status::Ok();
  }
  const policy::Formula* formula = definition.FormulaAt(period.first_day());
  if (formula == nullptr || formula->expression == nullptr) {
    out.assign(table.size(), definition.default_value.raw);
    return Status::Ok();
  }
  auto executor = Executor::Compile(*this, variable, *formula->expression, period);
  if (!executor.ok()) return executor.status();
  return executor.value().Run(options_.batch_size, out);
}

}  // namespace minsheng::engine
