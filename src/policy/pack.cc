// Look-ups on a loaded Pack: definitions by name, and what is in force on a date.
//
// Packs hold a few hundred definitions at most, so names are found by a linear scan
// rather than kept in an index that would have to follow every edit of the vectors.
// Const functions of an immutable Pack; thread-safe.
#include "policy/pack.h"

namespace minsheng::policy {
namespace {

template <typename Definition>
int IndexByName(const std::vector<Definition>& definitions, std::string_view name) {
  for (size_t i = 0; i < definitions.size(); ++i) {
    if (definitions[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

template <typename Definition>
const Definition* FindByName(const std::vector<Definition>& definitions, std::string_view name) {
  int index = IndexByName(definitions, name);
  return index < 0 ? nullptr : &definitions[static_cast<size_t>(index)];
}

// Whether a dated entry (from, optional until) holds on `date`. Entries are sorted by
// from and the loader refuses an until past the next entry's from, so the last entry
// that has started is the only candidate.
template <typename Dated>
const Dated* InForce(const std::vector<Dated>& entries, Date date) {
  const Dated* candidate = nullptr;
  for (const Dated& entry : entries) {
    if (entry.from > date) break;
    candidate = &entry;
  }
  if (candidate == nullptr) return nullptr;
  if (candidate->until.has_value() && date > *candidate->until) return nullptr;
  return candidate;
}

}  // namespace

const char* PeriodUnitName(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::kMonth: return "month";
    case PeriodUnit::kYear: return "year";
    case PeriodUnit::kEternity: return "eternity";
  }
  return "unknown";
}

const char* ClaimBindingSource(ClaimBinding::Kind kind) {
  switch (kind) {
    case ClaimBinding::Kind::kNone: return "";
    case ClaimBinding::Kind::kClaimField: return "claim";
    case ClaimBinding::Kind::kItems: return "items";
    case ClaimBinding::Kind::kPerson: return "person";
    case ClaimBinding::Kind::kYearBefore: return "year_before";
  }
  return "";
}

std::string ClaimBindingText(const ClaimBinding& binding) {
  if (binding.kind == ClaimBinding::Kind::kNone) return "true";
  return std::string(ClaimBindingSource(binding.kind)) + "." + binding.name;
}

const char* StagePayeeName(StagePayee payee) {
  switch (payee) {
    case StagePayee::kHospital: return "hospital";
    case StagePayee::kPatient: return "patient";
  }
  return "unknown";
}

Result<Value> Parameter::ValueAt(Date date) const {
  if (is_scale) {
    return InvalidArgument("parameter '" + name + "' is a scale: read it with scale() or bracket()")
        .At(location);
  }
  const DatedValue* value = InForce(values, date);
  if (value == nullptr) {
    return OutOfRange("parameter '" + name + "' has no value on " + date.ToString()).At(location);
  }
  return value->value;
}

Result<const ScaleVersion*> Parameter::ScaleAt(Date date) const {
  if (!is_scale) {
    return InvalidArgument("parameter '" + name + "' is not a scale").At(location);
  }
  const ScaleVersion* version = InForce(versions, date);
  if (version == nullptr) {
    return OutOfRange("parameter '" + name + "' has no brackets on " + date.ToString())
        .At(location);
  }
  return version;
}

const Formula* Variable::FormulaAt(Date date) const {
  // Formula versions may leave `from` open (in force since always), so InForce's sorted
  // scan does not apply; there are at most a handful of versions.
  for (const Formula& formula : formulas) {
    if (formula.from.has_value() && date < *formula.from) continue;
    if (formula.until.has_value() && date > *formula.until) continue;
    return &formula;
  }
  return nullptr;
}

const Entity* Pack::FindEntity(std::string_view name) const {
  return FindByName(entities, name);
}

const Parameter* Pack::FindParameter(std::string_view name) const {
  return FindByName(parameters, name);
}

const Variable* Pack::FindVariable(std::string_view name) const {
  return FindByName(variables, name);
}

const Stage* Pack::FindStage(std::string_view name) const {
  return FindByName(stages, name);
}

int Pack::VariableIndex(std::string_view name) const {
  return IndexByName(variables, name);
}

int Pack::ParameterIndex(std::string_view name) const {
  return IndexByName(parameters, name);
}

}  // namespace minsheng::policy
