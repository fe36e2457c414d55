// A policy pack: the definitions a policy officer wrote beside the text they implement.
//
// A pack is a folder (docs/packs.md): pack.md with the pack's metadata, more .md files
// in which each quoted paragraph of source text is followed by a ```minsheng block of
// YAML definitions, and tests/*.yaml. LoadPack (loader.h) reads the folder into a Pack;
// CheckPack (check.h) parses and type-checks every formula and orders the variables.
// A Pack is immutable once loaded and checked; const access is thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "policy/types.h"

namespace minsheng::policy {

struct Node;  // expression.h

// The quoted source text a definition implements, and where the quote is.
struct Source {
  std::string quote;  // the blockquote's text, '>' markers removed, lines joined
  SourceLocation location;  // pack-relative file and line of the quote's first line
};

// How often a variable has a value.
enum class PeriodUnit { kMonth, kYear, kEternity };
const char* PeriodUnitName(PeriodUnit unit);  // "month", "year", "eternity"

// An entity kind: person, household, claim. A member entity belongs to one
// group entity (a person to a household) with a role.
struct Entity {
  std::string name;                 // "person", "household"
  std::string plural;               // "persons", "households"
  std::string group;                // for a member entity: its group entity's name; else ""
  std::vector<std::string> roles;   // for a member entity: head, spouse, child, parent, other
  std::string id_column = "id";     // the CSV column holding the entity's id
  Source source;
  SourceLocation location;
};

// The entity of a hospital stay a settlement computes (docs/packs.md, Claims and stages).
// It has no group and no table of its own: a settlement builds its rows from the claims it
// reads, so population loaders pass it by. Its variables are monthly, for the month the
// stay ended, and only they may bind their inputs (ClaimBinding).
inline constexpr const char* kClaimEntity = "claim";

// One dated value of a parameter: in force from `from`, until the next value's from
// or `until` (inclusive) when given.
struct DatedValue {
  Date from;
  std::optional<Date> until;
  Value value;
  SourceLocation location;
};

// One bracket of a scale: from threshold upward, a rate (marginal scales) or an
// amount (flat scales).
struct Bracket {
  Value threshold;  // money or number
  Value rate_or_amount;
  SourceLocation location;
};

struct ScaleVersion {
  Date from;
  std::optional<Date> until;
  std::vector<Bracket> brackets;  // ascending thresholds; the first is the lowest
  SourceLocation location;
};

enum class ScaleKind { kMarginal, kFlat };

// A parameter: a plain value over time, or a scale (brackets over time). Both are read
// with p.name in formulas.
struct Parameter {
  std::string name;
  std::string title_zh, title_en;  // optional
  bool is_scale = false;
  // A plain parameter: its unit and dated values, sorted by from.
  Type unit = Type::kNumber;
  std::vector<DatedValue> values;
  // A scale: its kind, threshold and result types, and dated versions sorted by from.
  ScaleKind scale_kind = ScaleKind::kMarginal;
  Type threshold_unit = Type::kMoney;
  Type result_unit = Type::kRate;  // marginal: rate; flat: money, rate or number
  std::vector<ScaleVersion> versions;

  Source source;
  std::string assumption;  // non-empty when the text gives no value: why this one
  SourceLocation location;  // where the name is defined

  // The value in force on `date`, or an error naming the parameter and the date.
  Result<Value> ValueAt(Date date) const;
  Result<const ScaleVersion*> ScaleAt(Date date) const;
};

// One version of a formula, in force from/until dates (open ends when absent).
struct Formula {
  std::optional<Date> from;
  std::optional<Date> until;
  std::string text;
  SourceLocation location;  // of the formula text's first character in the .md file
  std::shared_ptr<const Node> expression;  // set by CheckPack
};

// Where an input of a claim (the entity `claim`) is read from when a claim is settled
// (docs/packs.md, Claims and stages; src/settle). Written `input: claim.compliant_cost`,
// `input: items.special_drug`, `input: person.scheme` or `input: year_before.basic_paid`.
struct ClaimBinding {
  enum class Kind {
    kNone,        // `input: true`: the variable's default (or a table's column)
    kClaimField,  // a field of the claim: total_cost, compliant_cost, hospital_level,
                  // stay_days, admitted, discharged (kClaimFields)
    kItems,       // the sum of the claim's item lines of one category
    kPerson,      // an input of the claim's person (a person input of the pack)
    kYearBefore,  // the sum of a claim variable over the person's claims settled before
                  // this one in the same calendar year (the year's accumulator)
  };
  Kind kind = Kind::kNone;
  std::string name;  // the field, the item category, the person variable, the claim variable
  SourceLocation location;  // of the binding's text
};
// The word before the dot: "claim", "items", "person", "year_before"; "" for kNone.
const char* ClaimBindingSource(ClaimBinding::Kind kind);
// The binding as written: "claim.compliant_cost"; "true" for kNone.
std::string ClaimBindingText(const ClaimBinding& binding);

// The claim fields an input may be bound to, with their types. hospital_level is an enum
// whose values include village, township, county, city and out_of_area.
struct ClaimField {
  const char* name;
  Type type;
};
inline constexpr ClaimField kClaimFields[] = {
    {"total_cost", Type::kMoney},  {"compliant_cost", Type::kMoney}, {"hospital_level", Type::kEnum},
    {"stay_days", Type::kNumber},  {"admitted", Type::kDate},        {"discharged", Type::kDate},
};
inline constexpr const char* kHospitalLevels[] = {"village", "township", "county", "city", "out_of_area"};

struct Variable {
  std::string name;
  std::string title_zh, title_en;  // optional
  std::string entity;              // "person", "household", "claim"
  PeriodUnit period = PeriodUnit::kMonth;
  Type type = Type::kNumber;
  std::shared_ptr<const EnumType> enum_type;  // for kEnum
  // An input has no formula; it is read from the entity's table, or defaults.
  // A claim's input may also say where a settlement reads it (`binding`); is_input is then
  // true too.
  bool is_input = false;
  ClaimBinding binding;  // a claim's input: where a settlement reads it from
  Value default_value;
  std::vector<Formula> formulas;  // sorted by from; at most one in force on any date
  Rounding rounding = Rounding::kHalfUpFen;  // for money × rate in its formulas
  Source source;
  std::string assumption;  // non-empty when the text does not say this: why it is so
  SourceLocation location;

  // Set by CheckPack: indexes into Pack::variables of every variable any of its formulas
  // reads (directly, through household.x, members.x or sum_months), without repeats.
  std::vector<int> dependencies;

  // The formula in force on `date`, or nullptr when none is (the variable is then its
  // default on that date).
  const Formula* FormulaAt(Date date) const;
};

// Who receives a program's money.
enum class PayeeKind { kPerson, kHouseholdHead, kOrganisation };

struct Program {
  std::string name;      // usually the variable's name
  std::string variable;  // a money variable
  std::string title_zh, title_en;
  std::string payer_account;  // ledger account code, e.g. "fund/school_bus/county"
  PayeeKind payee = PayeeKind::kPerson;
  std::string payee_organisation;  // for kOrganisation
  Source source;
  std::string assumption;  // non-empty when the text does not say this: why it is so
  SourceLocation location;
};

// Who a settlement stage pays: the hospital (which settled the bill with the patient at
// discharge, one-stop) or the patient.
enum class StagePayee { kHospital, kPatient };
const char* StagePayeeName(StagePayee payee);  // "hospital", "patient"

// One payer in the chain that settles a claim (a hospital stay): basic insurance, then
// critical illness, medical assistance, hardship relief… Its variable (a money variable of
// the entity `claim`) is what it pays on the claim; later stages read earlier ones'
// variables, and the accumulators of the year (ClaimBinding::kYearBefore).
struct Stage {
  std::string name;      // its key under `stages:`
  std::string variable;  // a money variable of the entity `claim`
  std::string title_zh, title_en;
  std::string payer_account;  // ledger account code, e.g. "fund/medical_insurance/county"
  StagePayee payee = StagePayee::kHospital;
  int order = 0;  // stages pay in ascending order; unique within a pack
  Source source;
  std::string assumption;
  SourceLocation location;
};

struct Pack {
  std::string directory;  // as given to LoadPack
  std::string id;         // "wudi-2013"
  std::string name_zh, name_en;
  std::string region;     // GB/T 2260 code, "371623" or a prefix like "3703"
  std::vector<std::string> sources;  // seed file names
  std::string version;    // a hash of the pack's files, for receipts and replay

  std::vector<Entity> entities;
  std::vector<Parameter> parameters;
  std::vector<Variable> variables;
  std::vector<Program> programs;
  std::vector<Stage> stages;  // sorted by order
  std::vector<std::string> test_files;  // pack-relative paths of tests/*.yaml

  // Set by CheckPack: every variable index, each after all it depends on.
  std::vector<int> evaluation_order;

  // Every file's lines, by pack-relative path, so errors can quote the line.
  std::map<std::string, std::vector<std::string>> file_lines;

  const Entity* FindEntity(std::string_view name) const;
  const Parameter* FindParameter(std::string_view name) const;
  const Variable* FindVariable(std::string_view name) const;
  const Stage* FindStage(std::string_view name) const;
  int VariableIndex(std::string_view name) const;  // -1 when absent
  int ParameterIndex(std::string_view name) const;
};

}  // namespace minsheng::policy
