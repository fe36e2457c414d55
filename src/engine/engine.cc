#include "engine/engine.h"

#include <algorithm>
#include <optional>

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

namespace {

// The column of `times` × each value, or nothing on overflow.
std::optional<Values> Multiplied(const Values& values, int64_t times) {
  int64_t common = 0;
  if (values.sparse()) {
    if (__builtin_mul_overflow(values.common(), times, &common)) return std::nullopt;
    Buffer<int64_t> exceptions = values.exception_values();
    for (int64_t& value : exceptions) {
      if (__builtin_mul_overflow(value, times, &value)) return std::nullopt;
    }
    return Values::FromExceptions(values.size(), common, *values.exception_rows(),
                                  std::move(exceptions));
  }
  std::vector<int64_t> all = values.ToVector();
  for (int64_t& value : all) {
    if (__builtin_mul_overflow(value, times, &value)) return std::nullopt;
  }
  return values.has_common() ? Values::FromVector(std::move(all))
                             : Values::Plain(Buffer<int64_t>(all.begin(), all.end()));
}

// Σ times × values over the parts, or nothing on overflow.
std::optional<Values> SumOf(const std::vector<std::pair<const Values*, int64_t>>& parts,
                            size_t size) {
  if (parts.size() == 1) return Multiplied(*parts[0].first, parts[0].second);
  std::vector<int64_t> total(size, 0);
  bool analysed = true;
  for (const auto& [values, times] : parts) {
    analysed = analysed && values->has_common();
    const std::vector<int64_t> all = values->ToVector();
    for (size_t row = 0; row < size; ++row) {
      int64_t part = 0;
      if (__builtin_mul_overflow(all[row], times, &part) ||
          __builtin_add_overflow(total[row], part, &total[row])) {
        return std::nullopt;
      }
    }
  }
  return analysed ? Values::FromVector(std::move(total))
                  : Values::Plain(Buffer<int64_t>(total.begin(), total.end()));
}

}  // namespace

Result<const Values*> Engine::Compute(int variable, const Period& period) {
  const Variable& definition = pack_.variables[variable];
  if (definition.period == PeriodUnit::kMonth && period.kind() != PeriodKind::kMonth &&
      period.kind() != PeriodKind::kDay) {
    return ComputeTotal(variable, period);
  }
  return ComputeKey(KeyFor(variable, period), NaturalPeriod(definition, period));
}

// A monthly variable over a quarter or a year: the sum of its months.
Result<const Values*> Engine::ComputeTotal(int variable, const Period& period) {
  const Variable& definition = pack_.variables[variable];
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
  if (cached != cache_.end()) return cached->second.get();
  // Months that share one result (nothing the rule reads changed between them) are
  // added once, times their number.
  std::vector<std::pair<const Values*, int64_t>> parts;
  for (const Period& month : period.Split(PeriodKind::kMonth)) {
    auto values = ComputeKey(KeyFor(variable, month), month);
    if (!values.ok()) return values.status();
    auto same = std::find_if(parts.begin(), parts.end(),
                             [&](const auto& part) { return part.first == *values; });
    if (same != parts.end()) {
      ++same->second;
    } else {
      parts.emplace_back(*values, 1);
    }
  }
  std::optional<Values> total = SumOf(parts, TableOf(definition.entity).size());
  if (!total) {
    return Overflow("the total of '" + definition.name + "' over " + period.ToString() +
                    " overflows");
  }
  auto& slot = cache_[key];
  slot = std::make_shared<const Values>(std::move(*total));
  return slot.get();
}

Result<const Values*> Engine::ComputeKey(const PeriodKey& key, const Period& period) {
  // An input the population holds is read in place: copying it per period would cost a
  // column's memory and time for nothing, since inputs are the same in every period.
  const Variable& definition = pack_.variables[key.variable];
  if (definition.is_input) {
    const Column* column = TableOf(definition.entity).Find(definition.name);
    if (column != nullptr) return &column->values;
  }
  auto cached = cache_.find(key);
  if (cached != cache_.end()) return cached->second.get();
  auto values = Evaluate(key.variable, period);
  if (!values.ok()) return values.status();
  auto& slot = cache_[key];
  slot = std::move(*values);
  return slot.get();
}

Result<std::shared_ptr<const Values>> Engine::Evaluate(int variable, const Period& period) {
  const Variable& definition = pack_.variables[variable];
  const size_t rows = TableOf(definition.entity).size();
  const policy::Formula* formula =
      definition.is_input ? nullptr : definition.FormulaAt(period.first_day());
  if (formula == nullptr || formula->expression == nullptr) {
    // An input the population lacks, or no formula in force: the default everywhere.
    return std::make_shared<const Values>(Values::Constant(rows, definition.default_value.raw));
  }
  auto executor = Executor::Compile(*this, variable, *formula->expression, period);
  if (!executor.ok()) return executor.status();
  std::vector<int64_t> signature = executor.value().Signature();
  signature.push_back(variable);
  signature.push_back(reinterpret_cast<intptr_t>(formula));
  auto shared = by_signature_.find(signature);
  if (shared != by_signature_.end()) return shared->second;
  auto values = executor.value().Run(options_.batch_size, options_.fold_share);
  if (!values.ok()) return values.status();
  auto result = std::make_shared<const Values>(std::move(*values));
  by_signature_.emplace(std::move(signature), result);
  return result;
}

}  // namespace minsheng::engine
