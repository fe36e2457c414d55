#include "pay/population.h"

#include <map>
#include <optional>

#include "core/money.h"

namespace minsheng::pay {

namespace {

using registry::Person;
using registry::RegistryView;

// What a registry variable is: its entity side and the type it has.
enum class Side { kPerson, kHousehold };

// The table a registry variable is read from, beyond the persons' own records.
enum class Source { kPersons, kEnrollments, kAdmissions };

struct RegistryVariable {
  const char* name;
  policy::Type type;
  bool person, household;  // the entities it may be declared on
  bool by_period;          // read from the enrollments, admissions or ages of the days asked for
  Source source;
};

constexpr RegistryVariable kRegistryVariables[] = {
    {"is_student", policy::Type::kBool, true, false, false, Source::kPersons},
    {"scheme", policy::Type::kEnum, true, false, false, Source::kPersons},
    {"income", policy::Type::kMoney, true, false, false, Source::kPersons},
    {"age", policy::Type::kNumber, true, false, true, Source::kPersons},
    {"disability_grade", policy::Type::kNumber, true, false, false, Source::kPersons},
    {"rides_school_bus", policy::Type::kBool, true, false, true, Source::kEnrollments},
    {"tekun", policy::Type::kBool, true, false, true, Source::kEnrollments},
    {"dibao", policy::Type::kBool, true, true, true, Source::kEnrollments},
    {"relief_case", policy::Type::kBool, true, false, true, Source::kEnrollments},
    {"poverty_registered", policy::Type::kBool, true, true, true, Source::kEnrollments},
    {"township_inpatient_cost", policy::Type::kMoney, true, false, true, Source::kAdmissions},
    {"inpatient_cost", policy::Type::kMoney, true, false, true, Source::kAdmissions},
};

const RegistryVariable* FindRegistryVariable(std::string_view name) {
  for (const RegistryVariable& variable : kRegistryVariables) {
    if (name == variable.name) return &variable;
  }
  return nullptr;
}

// The view's derived facts, computed once per population: who is enrolled in what, and
// the month's inpatient costs.
class Facts {
 public:
  // The facts of the days first … last within the view's span.
  Facts(const RegistryView& view, Date first, Date last) : view_(view), first_(first), last_(last) {}

  Date first() const { return first_; }

  bool InForce(const registry::Enrollment& e) const {
    return e.from <= last_ && (!e.until.has_value() || *e.until >= first_);
  }

  // For each person (household), whether enrolled in `program` during the view's span.
  const std::vector<uint8_t>& PersonsEnrolled(const std::string& program) {
    auto [found, inserted] = persons_enrolled_.try_emplace(program);
    if (inserted) {
      found->second.assign(view_.persons().size(), 0);
      for (const registry::Enrollment& e : view_.enrollments()) {
        if (e.program == program && e.person != registry::kNoRow && InForce(e)) found->second[e.person] = 1;
      }
    }
    return found->second;
  }
  const std::vector<uint8_t>& HouseholdsEnrolled(const std::string& program) {
    auto [found, inserted] = households_enrolled_.try_emplace(program);
    if (inserted) {
      found->second.assign(view_.households().size(), 0);
      for (const registry::Enrollment& e : view_.enrollments()) {
        if (e.program == program && e.household != registry::kNoRow && InForce(e)) found->second[e.household] = 1;
      }
    }
    return found->second;
  }
  // The compliant cost of each person's admissions discharged in the span, at hospitals
  // of `level` ("" for every level).
  std::vector<int64_t> InpatientCost(std::string_view level) const {
    std::vector<int64_t> cost(view_.persons().size(), 0);
    for (const registry::Admission& a : view_.admissions()) {
      if (a.discharged < first_ || a.discharged > last_) continue;
      const registry::Org* hospital = view_.FindOrg(a.hospital);
      if (!level.empty() && (hospital == nullptr || hospital->level != level)) continue;
      cost[a.person] += a.compliant_cost_fen;
    }
    return cost;
  }

 private:
  const RegistryView& view_;
  Date first_, last_;
  std::map<std::string, std::vector<uint8_t>> persons_enrolled_, households_enrolled_;
};

// The value of a person variable for every person of the view, as the engine holds it.
Result<std::vector<int64_t>> PersonValues(const policy::Variable& variable,
                                          const RegistryView& view, Facts& facts) {
  const std::vector<Person>& persons = view.persons();
  std::vector<int64_t> values(persons.size(), 0);
  const std::string& name = variable.name;
  if (name == "is_student") {
    for (size_t p = 0; p < persons.size(); ++p) values[p] = persons[p].is_student;
  } else if (name == "scheme") {
    const policy::EnumType& type = *variable.enum_type;
    for (size_t p = 0; p < persons.size(); ++p) {
      const std::string scheme = persons[p].scheme.empty() ? "none" : std::string(persons[p].scheme);
      const int index = type.IndexOf(scheme);
      if (index < 0) {
        return InvalidArgument("the pack's variable 'scheme' has no value '" + scheme +
                               "', which the registry gives person " +
                               std::string(view.person_ids()[static_cast<uint32_t>(p)]));
      }
      values[p] = index;
    }
  } else if (name == "income") {
    for (size_t p = 0; p < persons.size(); ++p) values[p] = persons[p].income_fen;
  } else if (name == "age") {
    for (size_t p = 0; p < persons.size(); ++p) values[p] = AgeOn(persons[p].birth_date, facts.first());
  } else if (name == "disability_grade") {
    for (size_t p = 0; p < persons.size(); ++p) values[p] = persons[p].disability_grade;
  } else if (name == "rides_school_bus" || name == "tekun" || name == "relief_case") {
    const auto& enrolled = facts.PersonsEnrolled(name == "rides_school_bus" ? "school_bus" : name);
    values.assign(enrolled.begin(), enrolled.end());
  } else if (name == "poverty_registered" || name == "dibao") {
    // The household's enrollment, for each of its members.
    const auto& enrolled = facts.HouseholdsEnrolled(name);
    for (size_t p = 0; p < persons.size(); ++p) values[p] = enrolled[persons[p].household];
  } else if (name == "township_inpatient_cost") {
    values = facts.InpatientCost("township");
  } else if (name == "inpatient_cost") {
    values = facts.InpatientCost("");
  }
  return values;
}

std::vector<int64_t> HouseholdValues(const policy::Variable& variable, Facts& facts) {
  const auto& enrolled = facts.HouseholdsEnrolled(variable.name);
  return std::vector<int64_t>(enrolled.begin(), enrolled.end());
}

// Checks that the pack declares a registry variable as the registry gives it.
Status CheckDeclaration(const policy::Variable& variable, const RegistryVariable& known, Side side) {
  const bool allowed = side == Side::kPerson ? known.person : known.household;
  if (!allowed) {
    return InvalidArgument("input '" + variable.name + "' is a registry variable of " +
                           (known.person ? "persons" : "households") +
                           "; the pack declares it on '" + variable.entity + "'");
  }
  if (variable.type != known.type) {
    return InvalidArgument("input '" + variable.name + "' is " +
                           std::string(policy::TypeName(known.type)) +
                           " in the registry; the pack declares it " +
                           policy::TypeName(variable.type));
  }
  return Status::Ok();
}

// The population with the facts of some days of the view, and its inputs (below).
Result<RegistryPopulation> BuildPopulation(const policy::Pack& pack, const registry::RegistryView& view,
                                           Facts facts);
Status FillInputs(const policy::Pack& pack, const registry::RegistryView& view, Facts& facts, bool by_period_only,
                  RegistryPopulation& result);

}  // namespace

registry::ViewTables TablesRead(const policy::Pack& pack) {
  registry::ViewTables tables{.enrollments = false, .admissions = false};
  for (const policy::Variable& variable : pack.variables) {
    const RegistryVariable* known = variable.is_input ? FindRegistryVariable(variable.name) : nullptr;
    if (known == nullptr) continue;
    tables.enrollments = tables.enrollments || known->source == Source::kEnrollments;
    tables.admissions = tables.admissions || known->source == Source::kAdmissions;
  }
  return tables;
}

Result<RegistryPopulation> PopulationFromRegistry(const policy::Pack& pack,
                                                  const registry::RegistryView& view) {
  return BuildPopulation(pack, view, Facts(view, view.as_of().first, view.as_of().last));
}

Result<RegistryPopulation> PopulationFromRegistry(const policy::Pack& pack,
                                                  const registry::RegistryView& view,
                                                  const Period& month) {
  if (month.first_day() < view.as_of().first || month.last_day() > view.as_of().last) {
    return Internal("month " + month.ToString() + " lies outside the registry view's span");
  }
  return BuildPopulation(pack, view, Facts(view, month.first_day(), month.last_day()));
}

Status RefillForPeriod(const policy::Pack& pack, const registry::RegistryView& view, const Period& period,
                      RegistryPopulation& built) {
  if (period.first_day() < view.as_of().first || period.last_day() > view.as_of().last) {
    return Internal("period " + period.ToString() + " lies outside the registry view's span");
  }
  Facts facts(view, period.first_day(), period.last_day());
  return FillInputs(pack, view, facts, true, built);
}

namespace {

// The pack's input columns of the member and group entities: from the registry where it
// knows the variable, else the default. With `by_period_only`, just the registry's inputs
// that depend on the days asked for (the others are the same for every period of a view).
Status FillInputs(const policy::Pack& pack, const registry::RegistryView& view, Facts& facts, bool by_period_only,
                  RegistryPopulation& result) {
  engine::Population& population = result.population;
  const std::string& member = population.members.entity();
  const std::string& group = population.groups.entity();
  const size_t persons = view.persons().size();
  const size_t households = view.households().size();
  for (const policy::Variable& variable : pack.variables) {
    if (!variable.is_input) continue;
    const bool on_member = variable.entity == member;
    if (!on_member && variable.entity != group) continue;
    engine::EntityTable& table = on_member ? population.members : population.groups;
    const size_t rows = on_member ? persons : households;
    const RegistryVariable* known = FindRegistryVariable(variable.name);
    if (by_period_only && (known == nullptr || !known->by_period)) continue;
    if (known == nullptr) {
      table.Add(variable.name, variable.type, variable.enum_type.get(),
                engine::Values::Constant(rows, variable.default_value.raw));
      result.defaulted.push_back(variable.name);
      continue;
    }
    Status declared = CheckDeclaration(variable, *known, on_member ? Side::kPerson : Side::kHousehold);
    if (!declared.ok()) return declared.Prefixed("pack '" + pack.id + "'");
    if ((known->source == Source::kEnrollments && !view.tables().enrollments) ||
        (known->source == Source::kAdmissions && !view.tables().admissions)) {
      return Internal("input '" + variable.name + "' of pack '" + pack.id +
                      "' is read from a table the registry view was loaded without (TablesRead)");
    }
    std::vector<int64_t> values;
    if (on_member) {
      auto by_person = PersonValues(variable, view, facts);
      if (!by_person.ok()) return by_person.status();
      values.resize(persons);
      for (size_t row = 0; row < persons; ++row) values[row] = (*by_person)[result.member_person[row]];
    } else {
      values = HouseholdValues(variable, facts);
    }
    table.Add(variable.name, variable.type, variable.enum_type.get(),
              engine::Values::FromVector(std::move(values)));
    if (!by_period_only) result.filled.push_back(variable.name);
  }
  return Status::Ok();
}

Result<RegistryPopulation> BuildPopulation(const policy::Pack& pack, const registry::RegistryView& view,
                                           Facts facts) {
  const policy::Entity* member = nullptr;
  for (const policy::Entity& entity : pack.entities) {
    if (!entity.group.empty()) member = &entity;
  }
  if (member == nullptr) return InvalidArgument("pack '" + pack.id + "' has no member entity with a group");
  const policy::Entity* group = pack.FindEntity(member->group);
  if (group == nullptr) return InvalidArgument("pack '" + pack.id + "' has no entity '" + member->group + "'");

  RegistryPopulation result;
  engine::Population& population = result.population;
  population.members = engine::EntityTable(member->name);
  population.groups = engine::EntityTable(group->name);
  const size_t households = view.households().size();
  const size_t persons = view.persons().size();

  // Members sorted by household, in view order within each: a counting sort.
  population.member_begin.assign(households + 1, 0);
  for (const Person& person : view.persons()) ++population.member_begin[person.household + 1];
  for (size_t h = 0; h < households; ++h) population.member_begin[h + 1] += population.member_begin[h];
  result.member_person.assign(persons, 0);
  std::vector<uint32_t> next(population.member_begin.begin(), population.member_begin.end() - 1);
  for (uint32_t p = 0; p < persons; ++p) result.member_person[next[view.persons()[p].household]++] = p;

  for (uint32_t h = 0; h < households; ++h) population.groups.mutable_ids().Append(view.household_ids()[h]);
  const auto role_index = [&](std::string_view relation) -> uint8_t {
    for (size_t r = 0; r < member->roles.size(); ++r) {
      if (member->roles[r] == relation) return static_cast<uint8_t>(r);
    }
    for (size_t r = 0; r < member->roles.size(); ++r) {
      if (member->roles[r] == "other") return static_cast<uint8_t>(r);
    }
    return 0;
  };
  population.member_group.reserve(persons);
  population.member_role.reserve(persons);
  for (uint32_t row = 0; row < persons; ++row) {
    const uint32_t p = result.member_person[row];
    population.members.mutable_ids().Append(view.person_ids()[p]);
    population.member_group.push_back(view.persons()[p].household);
    population.member_role.push_back(role_index(view.persons()[p].relation));
  }

  if (Status filled = FillInputs(pack, view, facts, false, result); !filled.ok()) return filled;
  if (Status valid = population.Validate(); !valid.ok()) return valid;
  return result;
}

}  // namespace

}  // namespace minsheng::pay
