// The differential test the engine's issue asks for: the vectorized engine (engine.h,
// executor.h) and the reference interpreter (interpreter.h) run over random populations
// and random well-typed formulas, and must agree to the fen, or fail with the same error.
//
// The pack (kRules below) is loaded once from text: person inputs of every type (money,
// rate, number, bool, date, enum; monthly, yearly and eternal), household inputs,
// parameters with dated values, a marginal and a flat scale of each threshold kind, and
// eight formula variables whose formulas each case replaces with generated ones:
//   pm1 (person, month, money; two versions switching on 2016-07-01),
//   pn1 (person, month, number; two versions with a gap, so the default shows),
//   pb1, pr1 (person, month, bool and rate; may read pm1 and pn1),
//   py  (person, year, money; in a third of the cases reads sum_months of pm1 and pn1),
//   hm, hb (household, month, money and bool; aggregates over members, size),
//   pm2 (person, month, money; reads every formula variable above, household.hm, py).
// A case is those formulas, 1–40 households of 0–6 members with random inputs, and a
// month of 2015–2017. Each formula variable is computed at the month (py over its year;
// pm1 and pn1 also over the year when py sums them) by engines of batch size 1, 2, 3, 7
// and 2048, and by the interpreter row by row. A generated formula that CheckPack
// refuses fails the property: it is a bug in the generator or in the checker.
//
// When a formula faults (division by zero, overflow, a parameter without a value), both
// must fail. The engine computes a variable for every row before the formulas that read
// it, the interpreter only where a row reaches it, so a variable is compared only when
// every variable it reads succeeded at the periods it reads them (otherwise the engine
// fails eagerly where the interpreter never looks, by design). Which fault is reported
// depends on the order of evaluation: with batch size 1 the engine walks rows in order,
// depth first, like the interpreter, so the messages must be identical; with larger
// batches the engine's message must be the interpreter's message for the row it names.
// Two exceptions: a monthly variable over a year is computed month by month by the
// engine and row by row by the interpreter, so there the message is only checked to be
// one of the interpreter's; and an aggregate's where-condition runs over the members of
// the batch's households together, so a fault there (it names a person) need only be in
// a household the interpreter fails for (with one household per batch, the first).
//
// What it found, fixed since (engine_test.cc pins each): where-conditions evaluated for
// households the aggregate was not evaluated for; operands of swapped kernels evaluated
// right to left, naming the wrong one of two faults. Under ctest the property runs 1,000
// cases (RC_PARAMS), about 12 s in a Debug build with ASan.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/interpreter.h"
#include "engine/population_builder.h"
#include "engine/testing_helpers.h"
#include "policy/check.h"

namespace minsheng::engine {
namespace {

using policy::Type;

constexpr char kRules[] = R"rules(# Differential-test rules

> 差分测试用规则：输入、参数和由测试生成公式的变量。

```minsheng
parameters:
  line:
    unit: money
    values:
      1900-01-01: 500
      2016-01-01: 600.50
  share:
    unit: rate
    values:
      1900-01-01: 80%
      2016-07-01: 92.5%
  cap_count:
    unit: number
    values:
      1900-01-01: 3
      2017-01-01: 4
  enabled:
    unit: bool
    values:
      1900-01-01: true
      2016-04-01: false
  tax:
    scale: marginal
    brackets:
      1900-01-01:
        - {from: 0, rate: 0%}
        - {from: 1000, rate: 10%}
        - {from: 5000, rate: 25%}
      2017-01-01:
        - {from: 0, rate: 5%}
        - {from: 3000.50, rate: 20%}
  points:
    scale: marginal
    threshold: number
    brackets:
      1900-01-01:
        - {from: 0, rate: 50%}
        - {from: 10, rate: 150%}
  age_allowance:
    scale: flat
    threshold: number
    result: money
    brackets:
      1900-01-01:
        - {from: 60, amount: 100}
        - {from: 80, amount: 200.50}
  share_by_rooms:
    scale: flat
    threshold: number
    result: rate
    brackets:
      1900-01-01:
        - {from: 0, amount: 10%}
        - {from: 3, amount: 35%}
variables:
  income: {entity: person, period: month, type: money, input: true}
  annual_cost: {entity: person, period: year, type: money, input: true}
  age: {entity: person, period: eternity, type: number, input: true}
  birth_date: {entity: person, period: eternity, type: date, input: true, default: 1980-01-01}
  disabled: {entity: person, period: eternity, type: bool, input: true}
  student: {entity: person, period: month, type: bool, input: true}
  ratio: {entity: person, period: eternity, type: rate, input: true}
  scheme:
    entity: person
    period: eternity
    type: enum
    values: [ncms, urbmi, resident, employee]
    input: true
  dibao: {entity: household, period: month, type: bool, input: true}
  assets: {entity: household, period: eternity, type: money, input: true}
  rooms: {entity: household, period: eternity, type: number, input: true}
  share_paid: {entity: household, period: eternity, type: rate, input: true}
  pm1:
    entity: person
    period: month
    type: money
    rounding: half_even_fen
    formulas:
      - until: 2016-06-30
        formula: "0"
      - from: 2016-07-01
        formula: "0"
  pn1:
    entity: person
    period: month
    type: number
    default: 7
    formulas:
      - until: 2015-12-31
        formula: "0"
      - from: 2016-03-01
        formula: "0"
  pb1: {entity: person, period: month, type: bool, formula: "false"}
  pr1: {entity: person, period: month, type: rate, formula: "0%"}
  py: {entity: person, period: year, type: money, rounding: toward_zero_fen, formula: "0"}
  hm: {entity: household, period: month, type: money, rounding: half_up_yuan, formula: "0"}
  hb: {entity: household, period: month, type: bool, formula: "false"}
  pm2: {entity: person, period: month, type: money, formula: "0"}
```
)rules";

// The loaded pack, with placeholder formulas; each case copies it and sets its own.
const policy::Pack& BasePack() {
  static const policy::Pack pack = testing::LoadTestPackOrFail({{"rules.md", kRules}});
  return pack;
}

// ---------------------------------------------------------------------------------------
// Random well-typed formulas.

// What a formula may read, by type. Leaves are written as the formula writes them
// (`income`, `household.assets`, `p.line`, `sum_months(pm1)`).
struct Scope {
  std::vector<std::string> money, rate, number, boolean, date;
  bool reads_scheme = false;  // the enum input of persons
  bool household = false;     // size, and aggregates over the members
  // For aggregates: the members' variables by type, and the scope of a where-condition.
  std::vector<std::string> member_money, member_rate, member_number, member_boolean, member_date;
  const Scope* member = nullptr;
};

// What formulas of persons read first: inputs, parameters, their household's inputs.
Scope PersonInputs() {
  Scope scope;
  scope.money = {"income", "annual_cost", "p.line", "household.assets"};
  scope.rate = {"ratio", "p.share", "household.share_paid"};
  scope.number = {"age", "p.cap_count", "household.rooms"};
  scope.boolean = {"disabled", "student", "p.enabled", "household.dibao"};
  scope.date = {"birth_date"};
  scope.reads_scheme = true;
  return scope;
}

// pb1 and pr1, and where-conditions: also pm1 and pn1 (and pb1, pr1 in where).
Scope PersonLayer(bool with_bool_and_rate) {
  Scope scope = PersonInputs();
  scope.money.push_back("pm1");
  scope.number.push_back("pn1");
  if (with_bool_and_rate) {
    scope.boolean.push_back("pb1");
    scope.rate.push_back("pr1");
  }
  return scope;
}

// py: a yearly formula reads yearly and eternal variables, and monthly ones summed
// (when sums_months: reading pm1 and pn1 over a year costs twelve months of them).
Scope YearScope(bool sums_months) {
  Scope scope;
  scope.money = {"annual_cost", "p.line", "household.assets", "sum_months(income)"};
  scope.rate = {"ratio", "p.share", "household.share_paid"};
  scope.number = {"age", "p.cap_count", "household.rooms"};
  if (sums_months) {
    scope.money.push_back("sum_months(pm1)");
    scope.number.push_back("sum_months(pn1)");
  }
  scope.boolean = {"disabled", "p.enabled"};
  scope.date = {"birth_date"};
  scope.reads_scheme = true;
  return scope;
}

Scope HouseholdScope(const Scope* member, bool reads_hm) {
  Scope scope;
  scope.money = {"assets", "p.line"};
  if (reads_hm) scope.money.push_back("hm");
  scope.rate = {"share_paid", "p.share"};
  scope.number = {"rooms", "p.cap_count"};
  scope.boolean = {"dibao", "p.enabled"};
  scope.household = true;
  scope.member_money = {"income", "annual_cost", "pm1", "py"};
  scope.member_rate = {"ratio", "pr1"};
  scope.member_number = {"age", "pn1"};
  scope.member_boolean = {"disabled", "student", "pb1"};
  scope.member_date = {"birth_date"};
  scope.member = member;
  return scope;
}

// pm2: everything before it.
Scope LastPersonScope() {
  Scope scope = PersonLayer(true);
  scope.money.insert(scope.money.end(), {"py", "household.hm"});
  scope.boolean.push_back("household.hb");
  return scope;
}

int Pick(int count) {
  return *rc::gen::inRange(0, count);
}

const std::string& PickOf(const std::vector<std::string>& names) {
  return names[static_cast<size_t>(Pick(static_cast<int>(names.size())))];
}

std::string Paren(const std::string& a, const char* op, const std::string& b) {
  return "(" + a + " " + op + " " + b + ")";
}

const char* PickComparison() {
  static const char* const kComparisons[] = {"<", "<=", ">", ">=", "==", "!="};
  return kComparisons[Pick(6)];
}

// What the writer may write beyond the plain well-typed expressions.
struct WriterOptions {
  // Division, multiplication by a number, dates far off and `p.x at DATE`: the
  // operations that fault (division by zero, overflow, a date beyond 9999, a parameter
  // without a value). Off inside where-conditions unless faulting_where.
  bool may_fault = true;
  // Faulting operations in aggregates' where-conditions too, often a division, and a
  // household condition guarding such an aggregate: the where-condition must be
  // evaluated only for the members of the households that reach the aggregate.
  bool faulting_where = false;
  // rate × money and number × rate, whose kernels take their operands the other way
  // round (kernels.h, ChooseKernel): when both operands fault, the left one is named.
  bool swapped_operands = false;
};

// Writes one random formula of a scope, by type, at most `depth` operators deep. Every
// method runs inside a rapidcheck generator (it draws with operator*). Literals stay small
// so that overflow is rare; divisors are often zero on purpose.
class FormulaWriter {
 public:
  FormulaWriter(const Scope& scope, const WriterOptions& options)
      : scope_(scope), options_(options) {}

  std::string Money(int depth) {
    if (depth <= 0) return MoneyLeaf();
    const int d = depth - 1;
    switch (Pick(16)) {
      case 1: return Paren(Money(d), "+", Money(d));
      case 2: return Paren(Money(d), "-", Money(d));
      case 3: return Paren(Money(d), Pick(2) ? "+" : "-", NumberLiteral());  // literal rule
      case 4:
        if (options_.swapped_operands && Pick(2)) return Paren(Rate(d), "*", Money(d));
        return Paren(Money(d), "*", Rate(d));
      case 5:
        if (!options_.may_fault) return MoneyLeaf();
        return Pick(2) ? Paren(Money(d), "*", Number(d)) : Paren(Number(d), "*", Money(d));
      case 6: return options_.may_fault ? Paren(Money(d), "/", Number(d)) : MoneyLeaf();
      case 7: return "(-" + Money(d) + ")";
      case 8: {
        static const char* const kFunctions[] = {"abs", "round_yuan", "round_fen"};
        return std::string(kFunctions[Pick(3)]) + "(" + Money(d) + ")";
      }
      case 9: return Extremum(Money(d), Money(d), Pick(2) ? Money(d) : "");
      case 10:
        switch (Pick(3)) {
          case 0: return "max(0, " + Money(d) + ")";
          case 1: return "clamp(" + Money(d) + ", 0, 500)";
          default: return "clamp(" + Money(d) + ", " + Money(d) + ", " + Money(d) + ")";
        }
      case 11:
        return "(if " + Bool(d) + " then " + Money(d) + " else " + (Pick(2) ? Money(d) : "0") + ")";
      case 12:
        if (options_.may_fault && Pick(4) == 0) {
          return "scale(p.tax at (" + DateExpression(d) + "), " + Money(d) + ")";
        }
        return "scale(p.tax, " + Money(d) + ")";
      case 13: return "bracket(p.age_allowance, " + Number(d) + ")";
      case 14: return options_.may_fault ? "(p.line at (" + DateExpression(d) + "))" : MoneyLeaf();
      case 15:
        if (!scope_.household) return MoneyLeaf();
        return Aggregate(Pick(2) ? "sum" : (Pick(2) ? "max" : "min"), scope_.member_money, d);
      default: return MoneyLeaf();
    }
  }

  std::string Rate(int depth) {
    if (depth <= 0) return RateLeaf();
    const int d = depth - 1;
    switch (Pick(15)) {
      case 1: return Paren(Rate(d), "+", Rate(d));
      case 2: return Paren(Rate(d), "-", Rate(d));
      case 3: return Paren(Rate(d), "*", Rate(d));
      case 4:
        if (!options_.may_fault) return RateLeaf();
        if (options_.swapped_operands && Pick(2)) return Paren(Number(d), "*", Rate(d));
        return Paren(Rate(d), "*", Number(d));
      case 5: return options_.may_fault ? Paren(Money(d), "/", Money(d)) : RateLeaf();
      case 6: return options_.may_fault ? Paren(Number(d), "/", Number(d)) : RateLeaf();
      case 7: return options_.may_fault ? Paren(Rate(d), "/", Number(d)) : RateLeaf();
      case 8: return "(-" + Rate(d) + ")";
      case 9: return "abs(" + Rate(d) + ")";
      case 10:
        return Pick(2) ? Extremum(Rate(d), Rate(d), "")
                       : "clamp(" + Rate(d) + ", " + Rate(d) + ", " + Rate(d) + ")";
      case 11: return "(if " + Bool(d) + " then " + Rate(d) + " else " + Rate(d) + ")";
      case 12: return "bracket(p.share_by_rooms, " + Number(d) + ")";
      case 13:
        if (!scope_.household) return RateLeaf();
        return Aggregate(Pick(2) ? "max" : "min", scope_.member_rate, d);
      default: return RateLeaf();
    }
  }

  std::string Number(int depth) {
    if (depth <= 0) return NumberLeaf();
    const int d = depth - 1;
    switch (Pick(16)) {
      case 1: return Paren(Number(d), "+", Number(d));
      case 2: return Paren(Number(d), "-", Number(d));
      case 3: return options_.may_fault ? Paren(Number(d), "*", Number(d)) : NumberLeaf();
      case 4: return "(-" + Number(d) + ")";
      case 5: return "abs(" + Number(d) + ")";
      case 6: return Extremum(Number(d), Number(d), Pick(2) ? Number(d) : "");
      case 7: return "clamp(" + Number(d) + ", " + Number(d) + ", " + Number(d) + ")";
      case 8: return "(if " + Bool(d) + " then " + Number(d) + " else " + Number(d) + ")";
      case 9: return Paren(DateExpression(d), "-", DateExpression(d));
      case 10: return "scale(p.points, " + Number(d) + ")";
      case 11:
        if (!scope_.household) return NumberLeaf();
        return Pick(2) ? "count(members)" : "count(members where " + WhereCondition(d) + ")";
      case 12:
        if (!scope_.household) return NumberLeaf();
        return Aggregate(Pick(2) ? "sum" : (Pick(2) ? "max" : "min"), scope_.member_number, d);
      case 13: return scope_.household ? "size" : NumberLeaf();
      case 14: return Paren(Number(d), "-", NumberLiteral());
      default: return NumberLeaf();
    }
  }

  std::string Bool(int depth) {
    if (depth <= 0) return BoolLeaf();
    const int d = depth - 1;
    switch (Pick(16)) {
      case 1: return Paren(Money(d), PickComparison(), Money(d));
      case 2: return Paren(Money(d), PickComparison(), NumberLiteral());  // literal rule
      case 3: return Paren(Number(d), PickComparison(), Number(d));
      case 4: return Paren(Rate(d), PickComparison(), Rate(d));
      case 5: return Paren(DateExpression(d), PickComparison(), DateExpression(d));
      case 6: return Paren(Bool(d), Pick(2) ? "==" : "!=", Bool(d));
      case 7: return Paren(Bool(d), "and", Bool(d));
      case 8: return Paren(Bool(d), "or", Bool(d));
      case 9: return "(not " + Bool(d) + ")";
      case 10: return "(if " + Bool(d) + " then " + Bool(d) + " else " + Bool(d) + ")";
      case 11: {
        if (!scope_.reads_scheme) return BoolLeaf();
        static const std::vector<std::string> kSchemes = {"ncms", "urbmi", "resident", "employee"};
        if (Pick(2)) return Paren("scheme", Pick(2) ? "==" : "!=", PickOf(kSchemes));
        return Paren(
            "(if " + Bool(d) + " then " + PickOf(kSchemes) + " else " + PickOf(kSchemes) + ")",
            "==", "scheme");
      }
      case 12:
      case 13: {
        if (!scope_.household) return BoolLeaf();
        const char* aggregate = Pick(2) ? "any" : "all";
        if (Pick(2)) return std::string(aggregate) + "(members where " + WhereCondition(d) + ")";
        return Aggregate(aggregate, scope_.member_boolean, d);
      }
      case 14: return Paren(Number(d), "==", Pick(2) ? "0" : NumberLiteral());  // y != 0 guards
      default: return BoolLeaf();
    }
  }

  // A household's condition guarding an aggregate whose where-condition may fault: the
  // where-condition must not be evaluated for the households the guard excludes.
  std::string GuardedAggregate(int depth) {
    return "(" + BoolLeaf() + " and any(members where " + WhereCondition(depth) + "))";
  }

  std::string DateExpression(int depth) {
    if (depth <= 0) return DateLeaf();
    const int d = depth - 1;
    switch (Pick(7)) {
      case 1: {
        // Now and then a date beyond 9999-12-31 (or before 0001-01-01): a fault.
        const int days =
            options_.may_fault && Pick(20) == 0 ? 3'000'000 : *rc::gen::inRange(0, 400);
        return Paren(DateExpression(d), Pick(2) ? "+" : "-", std::to_string(days));
      }
      case 2: return Extremum(DateExpression(d), DateExpression(d), "");
      case 3:
        return "(if " + Bool(d) + " then " + DateExpression(d) + " else " + DateExpression(d) + ")";
      case 4:
        if (!scope_.household) return DateLeaf();
        return Aggregate(Pick(2) ? "max" : "min", scope_.member_date, d);
      default: return DateLeaf();
    }
  }

 private:
  std::string MoneyLeaf() {
    if (scope_.money.empty() || Pick(3) == 0) return MoneyLiteral();
    return PickOf(scope_.money);
  }
  std::string RateLeaf() {
    if (Pick(3) == 0) return RateLiteral();
    return PickOf(scope_.rate);
  }
  std::string NumberLeaf() {
    if (Pick(3) == 0) return NumberLiteral();
    return PickOf(scope_.number);
  }
  std::string BoolLeaf() {
    if (Pick(6) == 0) return Pick(2) ? "true" : "false";
    return PickOf(scope_.boolean);
  }
  std::string DateLeaf() {
    static const std::vector<std::string> kDates = {"2016-02-29", "2015-07-01", "1990-05-17",
                                                    "2017-12-31", "1899-12-31"};
    if (scope_.date.empty() || Pick(3) == 0) return PickOf(kDates);
    return PickOf(scope_.date);
  }

  static std::string MoneyLiteral() {
    const int yuan = *rc::gen::inRange(0, 3000);
    const int fen = *rc::gen::inRange(0, 100);
    std::string cents = std::to_string(100 + fen).substr(1);
    switch (Pick(6)) {
      case 0: return std::to_string(yuan) + "元";
      case 1: return "¥" + std::to_string(yuan);
      case 2: return "(-¥" + std::to_string(yuan) + "." + cents + ")";
      case 3:
        return yuan >= 1000 ? "¥" + std::to_string(yuan / 1000) + "," +
                                  std::to_string(1000 + yuan % 1000).substr(1) + "." + cents
                            : "0.5万";
      default: return "¥" + std::to_string(yuan) + "." + cents;
    }
  }
  static std::string RateLiteral() {
    const int tenths = *rc::gen::inRange(0, 1500);
    if (Pick(5) == 0) return "(-" + std::to_string(tenths / 10) + "%)";
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
  }
  static std::string NumberLiteral() {
    const int number = *rc::gen::inRange(0, 101);
    return Pick(6) == 0 ? "(-" + std::to_string(number) + ")" : std::to_string(number);
  }

  static std::string Extremum(const std::string& a, const std::string& b, const std::string& c) {
    return std::string(Pick(2) ? "min" : "max") + "(" + a + ", " + b + (c.empty() ? "" : ", " + c) +
           ")";
  }

  // A condition about one member, read in the household's formula.
  std::string WhereCondition(int depth) {
    WriterOptions member_options = options_;
    member_options.may_fault = options_.faulting_where;
    FormulaWriter member(*scope_.member, member_options);
    if (options_.faulting_where && Pick(2)) {  // often a division, to find the fault
      return "(" + member.Money(depth) + " / " + member.Number(depth) + " > " +
             member.Money(depth) + ")";
    }
    return member.Bool(depth);
  }

  std::string Aggregate(const char* name, const std::vector<std::string>& values, int depth) {
    std::string text = std::string(name) + "(members." + PickOf(values);
    if (Pick(2)) text += " where " + WhereCondition(depth);
    return text + ")";
  }

  const Scope& scope_;
  WriterOptions options_;
};

// ---------------------------------------------------------------------------------------
// A case: the formulas and the population.

struct InputSpec {
  const char* name;
  Type type;
};

constexpr InputSpec kPersonInputs[] = {
    {"income", Type::kMoney},    {"annual_cost", Type::kMoney}, {"age", Type::kNumber},
    {"birth_date", Type::kDate}, {"disabled", Type::kBool},     {"student", Type::kBool},
    {"ratio", Type::kRate},      {"scheme", Type::kEnum},
};
constexpr InputSpec kHouseholdInputs[] = {
    {"dibao", Type::kBool},
    {"assets", Type::kMoney},
    {"rooms", Type::kNumber},
    {"share_paid", Type::kRate},
};
constexpr const char* kRoles[] = {"head", "spouse", "child", "parent", "other"};
constexpr const char* kSchemes[] = {"ncms", "urbmi", "resident", "employee"};

struct PersonRow {
  int role = 0;
  std::vector<int64_t> inputs;  // by kPersonInputs
};

struct HouseholdRow {
  std::vector<int64_t> inputs;  // by kHouseholdInputs
  std::vector<PersonRow> members;
};

struct Case {
  WriterOptions options;
  // Whether py reads sum_months(pm1) and sum_months(pn1), and pm1 and pn1 are compared
  // over the year too. A third of the cases: they cost twelve months of both.
  bool sums_months = false;
  // Formula texts by variable; pm1 and pn1 have two versions.
  std::vector<std::pair<std::string, std::vector<std::string>>> formulas;
  int year = 2016;
  int month = 1;
  // Sparse inputs: each input holds its usual value (0, false, the first enum value)
  // on most rows, as real ones do, so that formulas fold (fold.h).
  bool sparse_inputs = false;
  // EngineOptions::fold_share: 0 never folds, 1 folds whenever a formula allows.
  double fold_share = 0.25;
  std::vector<HouseholdRow> households;
};

std::string ShowRaw(Type type, int64_t raw) {
  if (type == Type::kEnum) return kSchemes[raw];
  return policy::Value{type, raw, nullptr}.ToString();
}

void showValue(const Case& value, std::ostream& out) {
  out << "period " << Period::Month(value.year, value.month)
      << (value.options.swapped_operands ? ", swapped operands" : "")
      << (value.options.faulting_where ? ", faulting where-conditions" : "")
      << (value.sums_months ? ", sums months" : "")
      << (value.sparse_inputs ? ", sparse inputs" : "") << ", fold share " << value.fold_share
      << "\n";
  for (const auto& [name, texts] : value.formulas) {
    for (const std::string& text : texts) out << "  " << name << " := " << text << "\n";
  }
  for (size_t h = 0; h < value.households.size(); ++h) {
    const HouseholdRow& household = value.households[h];
    out << "  h" << h + 1 << " {";
    for (size_t i = 0; i < household.inputs.size(); ++i) {
      out << (i ? ", " : "") << kHouseholdInputs[i].name << ": "
          << ShowRaw(kHouseholdInputs[i].type, household.inputs[i]);
    }
    out << "}\n";
    for (size_t m = 0; m < household.members.size(); ++m) {
      const PersonRow& person = household.members[m];
      out << "    p" << h + 1 << "-" << m + 1 << " " << kRoles[person.role] << " {";
      for (size_t i = 0; i < person.inputs.size(); ++i) {
        out << (i ? ", " : "") << kPersonInputs[i].name << ": "
            << ShowRaw(kPersonInputs[i].type, person.inputs[i]);
      }
      out << "}\n";
    }
  }
}

int64_t RandomRaw(Type type, bool household, bool sparse) {
  if (sparse && Pick(8) != 0) return 0;
  switch (type) {
    case Type::kMoney:  // often nothing, else up to ¥10,000 (a household's up to ¥500,000)
      return Pick(4) == 0 ? 0 : *rc::gen::inRange<int64_t>(0, household ? 50'000'000 : 1'000'000);
    case Type::kRate: return *rc::gen::inRange<int64_t>(0, 151) * 10'000'000;  // whole percents
    case Type::kNumber: return household ? *rc::gen::inRange(0, 6) : *rc::gen::inRange(0, 100);
    case Type::kBool: return *rc::gen::inRange(0, 2);
    case Type::kDate:  // born 1930-01-01 … 2015-12-31
      return *rc::gen::inRange(-14610, 16801);
    case Type::kEnum: return *rc::gen::inRange(0, 4);
  }
  return 0;
}

// Cases with swapped operands in a third of them and faulting where-conditions in half.
rc::Gen<Case> GenCase() {
  return rc::gen::exec([] {
    static const Scope person_inputs = PersonInputs();
    static const Scope person_layer = PersonLayer(false);
    static const Scope where_scope = PersonLayer(true);
    static const Scope year_scope = YearScope(false);
    static const Scope year_sums_scope = YearScope(true);
    static const Scope household_money = HouseholdScope(&where_scope, false);
    static const Scope household_bool = HouseholdScope(&where_scope, true);
    static const Scope last_person = LastPersonScope();
    auto depth = [] { return *rc::gen::inRange(0, 5); };
    Case value;
    value.options.swapped_operands = *rc::gen::weightedElement<bool>({{1, true}, {2, false}});
    value.options.faulting_where = *rc::gen::weightedElement<bool>({{1, true}, {1, false}});
    const bool faulting_where = value.options.faulting_where;
    value.sums_months = *rc::gen::weightedElement<bool>({{1, true}, {2, false}});
    value.sparse_inputs = *rc::gen::weightedElement<bool>({{1, true}, {1, false}});
    value.fold_share = *rc::gen::element(0.0, 0.25, 1.0);
    FormulaWriter inputs(person_inputs, value.options), layer(person_layer, value.options),
        year(value.sums_months ? year_sums_scope : year_scope, value.options),
        money(household_money, value.options), flag(household_bool, value.options),
        last(last_person, value.options);
    value.formulas = {
        {"pm1", {inputs.Money(depth()), inputs.Money(depth())}},
        {"pn1", {inputs.Number(depth()), inputs.Number(depth())}},
        {"pb1", {layer.Bool(depth())}},
        {"pr1", {layer.Rate(depth())}},
        {"py", {year.Money(depth())}},
        {"hm", {money.Money(depth())}},
        {"hb", {faulting_where && Pick(2) ? flag.GuardedAggregate(depth()) : flag.Bool(depth())}},
        {"pm2", {last.Money(depth())}},
    };
    value.year = *rc::gen::inRange(2015, 2018);
    value.month = *rc::gen::inRange(1, 13);
    value.households.resize(static_cast<size_t>(*rc::gen::inRange(1, 41)));
    for (HouseholdRow& household : value.households) {
      for (const InputSpec& input : kHouseholdInputs)
        household.inputs.push_back(RandomRaw(input.type, true, value.sparse_inputs));
      household.members.resize(static_cast<size_t>(*rc::gen::inRange(0, 7)));
      for (PersonRow& person : household.members) {
        person.role = Pick(5);
        for (const InputSpec& input : kPersonInputs)
          person.inputs.push_back(RandomRaw(input.type, false, value.sparse_inputs));
      }
    }
    return value;
  });
}

// The case's pack: the base pack with the case's formulas, checked.
Result<policy::Pack> PackOf(const Case& value) {
  policy::Pack pack = BasePack();
  for (const auto& [name, texts] : value.formulas) {
    const int index = pack.VariableIndex(name);
    if (index < 0) return Internal("no variable " + name);
    std::vector<policy::Formula>& formulas = pack.variables[static_cast<size_t>(index)].formulas;
    if (formulas.size() != texts.size()) return Internal("wrong number of formulas for " + name);
    for (size_t i = 0; i < texts.size(); ++i) formulas[i].text = texts[i];
  }
  Status checked = policy::CheckPack(pack);
  if (!checked.ok()) return checked;
  return pack;
}

Result<Population> PopulationOf(const policy::Pack& pack, const Case& value) {
  PopulationBuilder builder(pack);
  for (size_t h = 0; h < value.households.size(); ++h) {
    Status status = builder.AddGroup("h" + std::to_string(h + 1), {});
    if (!status.ok()) return status;
    for (size_t m = 0; m < value.households[h].members.size(); ++m) {
      status = builder.AddMember("p" + std::to_string(h + 1) + "-" + std::to_string(m + 1),
                                 kRoles[value.households[h].members[m].role], {});
      if (!status.ok()) return status;
    }
  }
  Result<Population> built = builder.Build();
  if (!built.ok()) return built;
  Population population = std::move(built).value();
  auto add = [&](EntityTable& table, const char* name, std::vector<int64_t> values) {
    const policy::Variable& variable = *pack.FindVariable(name);
    table.Add(name, variable.type, variable.enum_type.get(), Values::FromVector(std::move(values)));
  };
  for (size_t i = 0; i < std::size(kHouseholdInputs); ++i) {
    std::vector<int64_t> values;
    for (const HouseholdRow& household : value.households) values.push_back(household.inputs[i]);
    add(population.groups, kHouseholdInputs[i].name, std::move(values));
  }
  for (size_t i = 0; i < std::size(kPersonInputs); ++i) {
    std::vector<int64_t> values;
    for (const HouseholdRow& household : value.households) {
      for (const PersonRow& person : household.members) values.push_back(person.inputs[i]);
    }
    add(population.members, kPersonInputs[i].name, std::move(values));
  }
  return population;
}

// ---------------------------------------------------------------------------------------
// Running both and comparing.

// One variable at one period, compared between the two.
struct Item {
  int variable = -1;
  Period period;
  // Whether the engine's error must be exactly the interpreter's first (in row order)
  // when the engine runs one row per batch; see the file comment.
  bool exact_at_batch_one = true;
};

// What the interpreter says for an item: every row's value, or its rows' errors.
struct Verdict {
  bool ok = true;
  std::vector<int64_t> values;
  std::string first_error;
  std::set<std::string> errors;
  std::vector<size_t> failed_rows;  // in order
};

Verdict Interpret(Interpreter& interpreter, const Item& item, size_t rows) {
  Verdict verdict;
  for (size_t row = 0; row < rows; ++row) {
    Result<int64_t> value = interpreter.Evaluate(item.variable, row, item.period);
    if (value.ok()) {
      verdict.values.push_back(*value);
      continue;
    }
    if (verdict.ok) verdict.first_error = value.status().ToString();
    verdict.ok = false;
    verdict.errors.insert(value.status().ToString());
    verdict.failed_rows.push_back(row);
  }
  return verdict;
}

// The household row of the person a fault names ("… for person 'p8-2'" → 7), if it names
// a person: PopulationOf numbers persons by household.
std::optional<size_t> HouseholdOfPersonNamedIn(const std::string& error) {
  const std::string marker = " for person 'p";
  const size_t at = error.rfind(marker);
  if (at == std::string::npos) return std::nullopt;
  return std::stoul(error.substr(at + marker.size())) - 1;
}

// How much of a case's year an item covers: its month, or every month of the year.
enum class Span { kMonth, kYear };

// The (variable, span) pairs an item needs computed first, transitively: a monthly
// variable read at a year (through sum_months, or by a monthly variable asked for a
// year) is needed in every month of it.
void Needs(const policy::Pack& pack, int variable, Span span, std::set<std::pair<int, Span>>& out) {
  for (int read : pack.variables[static_cast<size_t>(variable)].dependencies) {
    const policy::Variable& definition = pack.variables[static_cast<size_t>(read)];
    if (definition.is_input) continue;  // inputs never fail
    const Span read_span = definition.period == policy::PeriodUnit::kMonth ? span : Span::kYear;
    if (out.insert({read, read_span}).second) Needs(pack, read, read_span, out);
  }
}

std::string Describe(const policy::Pack& pack, const Item& item) {
  return "'" + pack.variables[static_cast<size_t>(item.variable)].name + "' over " +
         item.period.ToString();
}

// Runs every item with the interpreter and with engines of several batch sizes, and
// asserts that they agree. Returns whether some item failed (for the statistics).
bool CompareAll(const policy::Pack& pack, const Population& population, const Case& value) {
  const Period month = Period::Month(value.year, value.month);
  const Period year = Period::Year(value.year);
  auto entity = [&](const Item& item) -> const std::string& {
    return pack.variables[static_cast<size_t>(item.variable)].entity;
  };
  std::vector<std::pair<Item, Span>> items;
  auto add = [&](const char* name, const Period& period, Span span, bool exact) {
    items.push_back({Item{pack.VariableIndex(name), period, exact}, span});
  };
  if (value.sums_months) add("pm1", year, Span::kYear, false);
  add("pm1", month, Span::kMonth, true);
  if (value.sums_months) add("pn1", year, Span::kYear, false);
  add("pn1", month, Span::kMonth, true);
  add("pb1", month, Span::kMonth, true);
  add("pr1", month, Span::kMonth, true);
  add("py", year, Span::kYear, true);
  add("hm", month, Span::kMonth, true);
  add("hb", month, Span::kMonth, true);
  add("pm2", month, Span::kMonth, true);

  // The interpreter's verdicts, and which items are compared at all.
  Interpreter interpreter(pack, population);
  std::set<std::pair<int, Span>> failed;
  std::vector<std::optional<Verdict>> verdicts;
  for (const auto& [item, span] : items) {
    std::set<std::pair<int, Span>> needs;
    Needs(pack, item.variable, span, needs);
    const bool tainted = std::any_of(needs.begin(), needs.end(),
                                     [&](const auto& need) { return failed.count(need) > 0; });
    if (tainted) {
      verdicts.emplace_back();
      failed.insert({item.variable, span});
      continue;
    }
    const size_t rows = (entity(item) == "person" ? population.members : population.groups).size();
    Verdict verdict = Interpret(interpreter, item, rows);
    if (!verdict.ok) failed.insert({item.variable, span});
    verdicts.push_back(std::move(verdict));
  }

  for (size_t batch_size : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{2048}}) {
    EngineOptions options;
    options.batch_size = batch_size;
    options.fold_share = value.fold_share;
    Engine engine(pack, population, options);
    for (size_t i = 0; i < items.size(); ++i) {
      if (!verdicts[i].has_value()) continue;
      const Item& item = items[i].first;
      const Verdict& verdict = *verdicts[i];
      Result<const Values*> computed = engine.Compute(item.variable, item.period);
      const std::string where =
          Describe(pack, item) + " at batch size " + std::to_string(batch_size);
      if (verdict.ok) {
        if (!computed.ok()) {
          RC_FAIL(where + ": the interpreter computes every row, the engine fails: " +
                  computed.status().ToString());
        }
        const std::vector<int64_t> values = (*computed)->ToVector();
        RC_ASSERT(values.size() == verdict.values.size());
        for (size_t row = 0; row < values.size(); ++row) {
          if (values[row] != verdict.values[row]) {
            RC_FAIL(where + ", row " + std::to_string(row) + ": the engine gives " +
                    std::to_string(values[row]) + ", the interpreter " +
                    std::to_string(verdict.values[row]));
          }
        }
        continue;
      }
      if (computed.ok()) {
        RC_FAIL(where + ": the interpreter fails (" + verdict.first_error +
                "), the engine does not");
      }
      const std::string error = computed.status().ToString();
      const std::optional<size_t> member_of = HouseholdOfPersonNamedIn(error);
      if (member_of.has_value() && entity(item) == "household") {
        // A fault in a where-condition. The engine evaluates it over the members of a batch
        // node by node, the interpreter member by member, so when two members (or two
        // nodes) of one household fault each may name the other: the household must be
        // one the interpreter fails for, the first with one household per batch.
        const bool failing = std::find(verdict.failed_rows.begin(), verdict.failed_rows.end(),
                                       *member_of) != verdict.failed_rows.end();
        if (!failing || (batch_size == 1 && *member_of != verdict.failed_rows.front())) {
          RC_FAIL(where + ": the engine fails with '" + error +
                  "' in a household the interpreter does not fail for first; it fails with '" +
                  verdict.first_error + "'");
        }
        continue;
      }
      if (batch_size == 1 && item.exact_at_batch_one) {
        if (error != verdict.first_error) {
          RC_FAIL(where + ": the engine fails with '" + error + "', the interpreter with '" +
                  verdict.first_error + "'");
        }
      } else if (verdict.errors.count(error) == 0) {
        RC_FAIL(where + ": the engine's '" + error + "' is none of the interpreter's " +
                std::to_string(verdict.errors.size()) + " errors, the first being '" +
                verdict.first_error + "'");
      }
    }
  }
  return !failed.empty();
}

// Proves that the engine, at every batch size, computes exactly what the reference
// interpreter computes for every row (to the fen), or fails where it fails with the same
// error message, over random well-typed formulas of every kind of expression and random
// populations.
RC_GTEST_PROP(Differential, EngineAgreesWithInterpreter, ()) {
  const Case value = *GenCase();
  Result<policy::Pack> pack = PackOf(value);
  if (!pack.ok()) RC_FAIL("a generated formula does not check: " + pack.status().ToString());
  Result<Population> population = PopulationOf(*pack, value);
  if (!population.ok()) RC_FAIL(population.status().ToString());
  const bool some_failed = CompareAll(*pack, *population, value);
  RC_CLASSIFY(some_failed, "some formula faults");
  RC_CLASSIFY(value.options.swapped_operands, "swapped operands");
  RC_CLASSIFY(value.options.faulting_where, "faulting where-conditions");
  RC_CLASSIFY(value.sums_months, "sums months");
  RC_CLASSIFY(value.sparse_inputs, "sparse inputs");
}

}  // namespace
}  // namespace minsheng::engine
