// Tests for CheckPack and ClosestName: each typing rule, the literal rule, enum values
// resolved by context, every error message with its file:line:column, hints for typos,
// the period rules, dependencies, cycles and the evaluation order, and the variables a
// claim's inputs are bound to (person.x, year_before.x). Packs are built here
// directly, not loaded, so these tests depend on the checker alone.
#include "policy/check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "policy/expression.h"

namespace minsheng::policy {
namespace {

constexpr char kFile[] = "rules.md";

// Indexes of the base pack's variables; the variable under test, x, comes after them.
constexpr int kAge = 0;
constexpr int kIncome = 1;
constexpr int kCost = 2;
constexpr int kIsDisabled = 3;
constexpr int kBirthDate = 4;
constexpr int kScheme = 5;
constexpr int kAnnualIncome = 7;
constexpr int kDibao = 8;
constexpr int kTax = 4;  // a parameter index

Date DateOf(std::string_view text) {
  return Date::Parse(text).value();
}

std::shared_ptr<const EnumType> MakeEnum(std::string name, std::vector<std::string> values) {
  auto enum_type = std::make_shared<EnumType>();
  enum_type->name = std::move(name);
  enum_type->values = std::move(values);
  return enum_type;
}

Entity MakeEntity(std::string name, std::string group) {
  Entity entity;
  entity.name = name;
  entity.plural = name + "s";
  entity.group = std::move(group);
  if (!entity.group.empty()) entity.roles = {"head", "spouse", "child", "parent", "other"};
  return entity;
}

Parameter Plain(std::string name, Value value) {
  Parameter parameter;
  parameter.name = std::move(name);
  parameter.unit = value.type;
  parameter.values.push_back(
      DatedValue{DateOf("2000-01-01"), std::nullopt, value, SourceLocation::InText(kFile, 5, 3)});
  return parameter;
}

Parameter Scale(std::string name, ScaleKind kind, Type threshold_unit, Type result_unit) {
  Parameter parameter;
  parameter.name = std::move(name);
  parameter.is_scale = true;
  parameter.scale_kind = kind;
  parameter.threshold_unit = threshold_unit;
  parameter.result_unit = result_unit;
  return parameter;
}

// A variable defined at rules.md:line:3; its formulas, if any, at column 12 of the next
// line.
Variable MakeVariable(std::string name, std::string entity, PeriodUnit period, Type type,
                      int line) {
  Variable variable;
  variable.name = std::move(name);
  variable.entity = std::move(entity);
  variable.period = period;
  variable.type = type;
  variable.is_input = true;
  variable.location = SourceLocation::InText(kFile, line, 3);
  return variable;
}

void AddFormula(Variable& variable, std::string text, int line) {
  Formula formula;
  formula.text = std::move(text);
  formula.location = SourceLocation::InText(kFile, line, 12);
  variable.formulas.push_back(std::move(formula));
  variable.is_input = false;
}

Pack BasePack() {
  Pack pack;
  pack.entities = {MakeEntity("person", "household"), MakeEntity("household", "")};
  pack.parameters = {
      Plain("deductible", Value::OfMoney(Money::FromFen(50000))),
      Plain("ratio", Value::OfRate(Rate::Parse("80%").value())),
      Plain("age_limit", Value::OfNumber(60)),
      Plain("start", Value::OfDate(DateOf("2012-08-01"))),
      Scale("tax", ScaleKind::kMarginal, Type::kMoney, Type::kRate),
      Scale("allowance_table", ScaleKind::kFlat, Type::kNumber, Type::kMoney),
  };
  const PeriodUnit month = PeriodUnit::kMonth;
  pack.variables = {
      MakeVariable("age", "person", month, Type::kNumber, 1),
      MakeVariable("income", "person", month, Type::kMoney, 2),
      MakeVariable("cost", "person", month, Type::kMoney, 3),
      MakeVariable("is_disabled", "person", month, Type::kBool, 4),
      MakeVariable("birth_date", "person", PeriodUnit::kEternity, Type::kDate, 5),
      MakeVariable("scheme", "person", month, Type::kEnum, 6),
      MakeVariable("insurance", "person", month, Type::kEnum, 7),
      MakeVariable("annual_income", "person", PeriodUnit::kYear, Type::kMoney, 8),
      MakeVariable("dibao", "household", month, Type::kMoney, 9),
  };
  pack.variables[kScheme].enum_type = MakeEnum("scheme", {"ncms", "urbmi", "resident", "employee"});
  pack.variables[kScheme + 1].enum_type = MakeEnum("insurance", {"basic", "supplementary"});
  return pack;
}

// The base pack with one more variable, x, whose formula is `text` at rules.md:20:12.
Pack PackWith(std::string_view text, Type type = Type::kMoney, std::string entity = "person",
              PeriodUnit period = PeriodUnit::kMonth) {
  Pack pack = BasePack();
  Variable x = MakeVariable("x", std::move(entity), period, type, 19);
  AddFormula(x, std::string(text), 20);
  if (type == Type::kEnum) x.enum_type = pack.variables[kScheme].enum_type;
  pack.variables.push_back(std::move(x));
  return pack;
}

const Node& Root(const Pack& pack) {
  return *pack.variables.back().formulas.front().expression;
}

// Checks x's formula, expecting success; the checked pack.
Pack Checked(std::string_view text, Type type = Type::kMoney, std::string entity = "person",
             PeriodUnit period = PeriodUnit::kMonth) {
  Pack pack = PackWith(text, type, std::move(entity), period);
  Status status = CheckPack(pack);
  EXPECT_TRUE(status.ok()) << text << ": " << status.ToString();
  return pack;
}

// Checks x's formula, expecting an error; the error as people read it.
std::string ErrorOf(std::string_view text, Type type = Type::kMoney, std::string entity = "person",
                    PeriodUnit period = PeriodUnit::kMonth) {
  Pack pack = PackWith(text, type, std::move(entity), period);
  Status status = CheckPack(pack);
  EXPECT_FALSE(status.ok()) << text << " checked";
  return status.ToString();
}

TEST(CheckTypes, ArithmeticFollowsTheTable) {
  // Proves every allowed pair of operand types and the type each operator gives.
  struct Case {
    const char* text;
    Type type;
  };
  const Case cases[] = {
      {"income + cost", Type::kMoney},
      {"age + 1", Type::kNumber},
      {"p.ratio + 5%", Type::kRate},
      {"birth_date + 30", Type::kDate},
      {"income - cost", Type::kMoney},
      {"age - 1", Type::kNumber},
      {"p.ratio - 5%", Type::kRate},
      {"birth_date - 30", Type::kDate},
      {"birth_date - 2012-01-01", Type::kNumber},
      {"income * p.ratio", Type::kMoney},
      {"p.ratio * income", Type::kMoney},
      {"income * 2", Type::kMoney},
      {"2 * income", Type::kMoney},
      {"age * 2", Type::kNumber},
      {"p.ratio * p.ratio", Type::kRate},
      {"p.ratio * age", Type::kRate},
      {"age * p.ratio", Type::kRate},
      {"income / 2", Type::kMoney},
      {"income / cost", Type::kRate},
      {"age / 2", Type::kRate},
      {"p.ratio / 2", Type::kRate},
      {"-income", Type::kMoney},
      {"-p.ratio", Type::kRate},
  };
  for (const Case& c : cases) {
    Pack pack = Checked(c.text, c.type);
    if (pack.variables.back().formulas.front().expression == nullptr) continue;
    EXPECT_EQ(Root(pack).type, c.type) << c.text;
  }
}

TEST(CheckTypes, ArithmeticErrorsNameTheTypesAtTheOperation) {
  // Proves each refused pair is named, at the first character of the operation.
  EXPECT_EQ(ErrorOf("income + p.ratio"), "rules.md:20:12: cannot add money and rate");
  EXPECT_EQ(ErrorOf("income - p.ratio"), "rules.md:20:12: cannot subtract rate from money");
  EXPECT_EQ(ErrorOf("income * cost"), "rules.md:20:12: cannot multiply money by money");
  EXPECT_EQ(ErrorOf("p.ratio / income"), "rules.md:20:12: cannot divide rate by money");
  EXPECT_EQ(ErrorOf("30 + birth_date"), "rules.md:20:12: cannot add number and date");
  EXPECT_EQ(ErrorOf("age + is_disabled"), "rules.md:20:12: cannot add number and bool");
  EXPECT_EQ(ErrorOf("2 * (income + p.ratio)"), "rules.md:20:17: cannot add money and rate");
  EXPECT_EQ(ErrorOf("-birth_date"), "rules.md:20:12: cannot negate date");
  EXPECT_EQ(ErrorOf("income + 10 * 2"), "rules.md:20:12: cannot add money and number");
}

TEST(CheckTypes, ComparisonsAndLogic) {
  // Proves comparisons of one type give bool, == and != also for bool, ordering not, and
  // that and, or and not take bools.
  for (const char* text :
       {"income > cost", "age >= 60", "birth_date < 1960-01-01", "is_disabled == true",
        "p.ratio <= 50%", "is_disabled != false", "is_disabled and age > 60 or not is_disabled"}) {
    Pack pack = Checked(text, Type::kBool);
    if (pack.variables.back().formulas.front().expression == nullptr) continue;
    EXPECT_EQ(Root(pack).type, Type::kBool) << text;
  }
  EXPECT_EQ(ErrorOf("income > p.ratio", Type::kBool),
            "rules.md:20:12: cannot compare money and rate");
  EXPECT_EQ(ErrorOf("p.ratio > 0", Type::kBool), "rules.md:20:12: cannot compare rate and number");
  EXPECT_EQ(ErrorOf("is_disabled < true", Type::kBool),
            "rules.md:20:12: cannot order bool values: use == or !=");
  EXPECT_EQ(ErrorOf("is_disabled and age", Type::kBool),
            "rules.md:20:28: and needs bool operands, found number");
  EXPECT_EQ(ErrorOf("age or is_disabled", Type::kBool),
            "rules.md:20:12: or needs bool operands, found number");
  EXPECT_EQ(ErrorOf("not age", Type::kBool), "rules.md:20:16: not needs a bool, found number");
}

TEST(CheckTypes, IfNeedsABoolConditionAndBranchesOfOneType) {
  // Proves the if rules and where their errors point.
  EXPECT_EQ(Root(Checked("if is_disabled then income else cost")).type, Type::kMoney);
  EXPECT_EQ(ErrorOf("if age then 1 else 2"),
            "rules.md:20:15: the condition of an if must be bool, found number");
  EXPECT_EQ(ErrorOf("if is_disabled then income else p.ratio"),
            "rules.md:20:12: the branches of an if differ: then is money, else is rate");
}

TEST(CheckTypes, FunctionsTakeArgumentsOfOneType) {
  // Proves min, max, clamp, abs, round_fen and round_yuan type their arguments.
  struct Case {
    const char* text;
    Type type;
  };
  const Case cases[] = {
      {"min(income, cost, p.deductible)", Type::kMoney},
      {"max(age, 1)", Type::kNumber},
      {"clamp(p.ratio, 0%, 100%)", Type::kRate},
      {"max(birth_date, 2000-01-01)", Type::kDate},
      {"abs(income - cost)", Type::kMoney},
      {"abs(age)", Type::kNumber},
      {"round_fen(income * p.ratio)", Type::kMoney},
      {"round_yuan(income)", Type::kMoney},
  };
  for (const Case& c : cases) {
    Pack pack = Checked(c.text, c.type);
    if (pack.variables.back().formulas.front().expression == nullptr) continue;
    EXPECT_EQ(Root(pack).type, c.type) << c.text;
  }
  EXPECT_EQ(ErrorOf("min(income, p.ratio)"),
            "rules.md:20:12: min needs arguments of one type, found money and rate");
  EXPECT_EQ(ErrorOf("max(is_disabled, true)", Type::kBool),
            "rules.md:20:16: max needs money, number, rate or date, found bool");
  EXPECT_EQ(ErrorOf("abs(birth_date)", Type::kDate),
            "rules.md:20:16: abs needs money, number or rate, found date");
  EXPECT_EQ(ErrorOf("round_yuan(p.ratio)"), "rules.md:20:23: round_yuan needs money, found rate");
}

TEST(CheckTypes, TheFormulaMustHaveItsVariablesType) {
  // Proves the formula's type is checked against the variable's, at the formula's start.
  EXPECT_EQ(ErrorOf("p.ratio"), "rules.md:20:12: formula of 'x' is rate but the variable is money");
  EXPECT_EQ(ErrorOf("income", Type::kNumber),
            "rules.md:20:12: formula of 'x' is money but the variable is number");
  EXPECT_EQ(ErrorOf("age > 1", Type::kDate),
            "rules.md:20:12: formula of 'x' is bool but the variable is date");
}

TEST(CheckLiteralRule, NumberLiteralsWhereMoneyIsExpectedAreYuan) {
  // Proves a number literal beside money (in + -, comparisons, min/max/clamp, an if's
  // branches, round_*, scale's x, the whole formula of a money variable) becomes money.
  Pack pack = Checked("max(0, cost - p.deductible)");
  const Node& zero = *Root(pack).children[0];
  EXPECT_EQ(zero.kind, NodeKind::kLiteral);
  EXPECT_EQ(zero.type, Type::kMoney);
  EXPECT_EQ(zero.literal.type, Type::kMoney);
  EXPECT_EQ(zero.literal.raw, 0);

  pack = Checked("if is_disabled then 140 else 0");
  EXPECT_EQ(Root(pack).children[1]->literal.raw, 14000);
  EXPECT_EQ(Root(pack).children[1]->type, Type::kMoney);
  EXPECT_EQ(Root(pack).children[2]->literal.type, Type::kMoney);

  pack = Checked("140");
  EXPECT_EQ(Root(pack).literal.raw, 14000);
  EXPECT_EQ(Root(pack).literal.ToString(), "¥140.00");

  pack = Checked("if is_disabled then 140 else if age > 60 then 70 else 0");
  const Node& inner = *Root(pack).children[2];
  EXPECT_EQ(inner.type, Type::kMoney);
  EXPECT_EQ(inner.children[1]->literal.raw, 7000);
  EXPECT_EQ(inner.children[0]->children[1]->literal.raw, 60);  // age > 60 stays a number
  EXPECT_EQ(inner.children[0]->children[1]->type, Type::kNumber);

  pack = Checked("income > 1000", Type::kBool);
  EXPECT_EQ(Root(pack).children[1]->literal.raw, 100000);
  pack = Checked("clamp(income, 0, 500)");
  EXPECT_EQ(Root(pack).children[2]->literal.raw, 50000);
  pack = Checked("-5 + income");
  EXPECT_EQ(Root(pack).children[0]->literal.raw, -500);
  pack = Checked("round_yuan(12)");
  EXPECT_EQ(Root(pack).children[0]->literal.raw, 1200);
  pack = Checked("scale(p.tax, 1000)");
  EXPECT_EQ(Root(pack).children[1]->literal.raw, 100000);
}

TEST(CheckLiteralRule, NumbersStayNumbersWhereANumberIsMeant) {
  // Proves the rule does not touch a factor (money × number) or a number formula.
  Pack pack = Checked("income * 2");
  EXPECT_EQ(Root(pack).children[1]->type, Type::kNumber);
  EXPECT_EQ(Root(pack).children[1]->literal.raw, 2);
  pack = Checked("140", Type::kNumber);
  EXPECT_EQ(Root(pack).literal.raw, 140);
  EXPECT_EQ(Root(pack).type, Type::kNumber);
  EXPECT_EQ(ErrorOf("99999999999999999"),
            "rules.md:20:12: number 99999999999999999 is too large for an amount of yuan");
}

TEST(CheckEnum, BareNamesTakeTheOtherSidesEnum) {
  // Proves scheme == ncms reads ncms as a value of scheme's enum, on either side, in an
  // if's branches, and as the formula of an enum variable.
  Pack pack = Checked("scheme == ncms", Type::kBool);
  const Node& value = *Root(pack).children[1];
  EXPECT_EQ(value.kind, NodeKind::kEnumLiteral);
  EXPECT_EQ(value.name, "ncms");
  EXPECT_EQ(value.type, Type::kEnum);
  EXPECT_EQ(value.literal.raw, 0);
  EXPECT_EQ(value.enum_type, pack.variables[kScheme].enum_type.get());
  EXPECT_EQ(value.literal.enum_type, pack.variables[kScheme].enum_type.get());

  pack = Checked("urbmi != scheme", Type::kBool);
  EXPECT_EQ(Root(pack).children[0]->literal.raw, 1);

  pack = Checked("if is_disabled then resident else employee", Type::kEnum);
  EXPECT_EQ(Root(pack).children[1]->literal.raw, 2);
  EXPECT_EQ(Root(pack).children[2]->literal.raw, 3);
  EXPECT_EQ(Root(pack).enum_type, pack.variables[kScheme].enum_type.get());

  pack = Checked("urbmi", Type::kEnum);
  EXPECT_EQ(Root(pack).kind, NodeKind::kEnumLiteral);
  pack = Checked("if is_disabled then scheme else ncms", Type::kEnum);
  EXPECT_EQ(Root(pack).children[2]->kind, NodeKind::kEnumLiteral);
  pack = Checked("(if is_disabled then ncms else urbmi) == scheme", Type::kBool);
  EXPECT_EQ(Root(pack).children[0]->children[2]->literal.raw, 1);
}

TEST(CheckEnum, ValuesOutsideTheEnumAndMixedEnumsAreRefused) {
  // Proves the errors of enum values, with the listed values and a hint.
  EXPECT_EQ(ErrorOf("scheme == nmcs", Type::kBool),
            "rules.md:20:22: 'nmcs' is not a value of scheme (ncms, urbmi, resident, employee); "
            "did you mean 'ncms'?");
  EXPECT_EQ(ErrorOf("scheme == xyz", Type::kBool),
            "rules.md:20:22: 'xyz' is not a value of scheme (ncms, urbmi, resident, employee)");
  EXPECT_EQ(ErrorOf("scheme < ncms", Type::kBool),
            "rules.md:20:12: cannot order enum scheme values: use == or !=");
  EXPECT_EQ(ErrorOf("scheme == insurance", Type::kBool),
            "rules.md:20:12: cannot compare enum scheme and enum insurance");
  EXPECT_EQ(ErrorOf("insurance", Type::kEnum),
            "rules.md:20:12: formula of 'x' is enum insurance but the variable is enum scheme");
  EXPECT_EQ(ErrorOf("ncms == urbmi", Type::kBool),
            "rules.md:20:12: unknown variable 'ncms' of person");
}

TEST(CheckNames, UnknownNamesGetAHintWhenOneIsClose) {
  // Proves unknown variables and parameters are named, with the closest known name.
  EXPECT_EQ(ErrorOf("incme"),
            "rules.md:20:12: unknown variable 'incme' of person; did you mean 'income'?");
  EXPECT_EQ(ErrorOf("zzz"), "rules.md:20:12: unknown variable 'zzz' of person");
  EXPECT_EQ(ErrorOf("dibao"), "rules.md:20:12: unknown variable 'dibao' of person");
  EXPECT_EQ(ErrorOf("p.deductable"),
            "rules.md:20:12: unknown parameter 'deductable'; did you mean 'deductible'?");
  EXPECT_EQ(ErrorOf("income +\nincme"),
            "rules.md:21:12: unknown variable 'incme' of person; did you mean 'income'?");
}

TEST(CheckNames, GroupVariablesAreReadFromMembers) {
  // Proves household.x from a person reads the household's x, and its errors.
  Pack pack = Checked("household.dibao");
  EXPECT_EQ(Root(pack).index, kDibao);
  EXPECT_EQ(Root(pack).type, Type::kMoney);
  EXPECT_EQ(pack.variables.back().dependencies, std::vector<int>{kDibao});
  EXPECT_EQ(ErrorOf("household.dibao", Type::kMoney, "household"),
            "rules.md:20:12: 'household.dibao' reads the group of a member entity, and household "
            "has no group");
  EXPECT_EQ(ErrorOf("family.dibao"),
            "rules.md:20:12: unknown group 'family': the group of person is household");
  EXPECT_EQ(ErrorOf("household.dibaoo"),
            "rules.md:20:12: unknown variable 'dibaoo' of household; did you mean 'dibao'?");
}

TEST(CheckNames, ParametersHaveTheirUnitAndAreReadAtADate) {
  // Proves p.name's type is its unit, 'at' takes a date, and scales are read only
  // through scale (marginal) and bracket (flat).
  Pack pack = Checked("p.deductible");
  EXPECT_EQ(Root(pack).index, 0);
  EXPECT_EQ(Root(pack).type, Type::kMoney);
  EXPECT_EQ(Root(Checked("p.age_limit", Type::kNumber)).type, Type::kNumber);
  EXPECT_EQ(Root(Checked("p.start", Type::kDate)).type, Type::kDate);
  EXPECT_EQ(Root(Checked("p.deductible at 2012-07-31")).children[0]->type, Type::kDate);
  EXPECT_EQ(Root(Checked("p.deductible at birth_date")).type, Type::kMoney);
  EXPECT_EQ(ErrorOf("p.deductible at income"), "rules.md:20:28: 'at' needs a date, found money");
  EXPECT_EQ(ErrorOf("p.tax"), "rules.md:20:12: 'p.tax' is a scale: read it with scale(p.tax, x)");
  EXPECT_EQ(ErrorOf("p.allowance_table"),
            "rules.md:20:12: 'p.allowance_table' is a scale: read it with "
            "bracket(p.allowance_table, x)");
}

TEST(CheckNames, ScalesAndBrackets) {
  // Proves scale and bracket type their x by the thresholds and give their result type.
  Pack pack = Checked("scale(p.tax, income)");
  EXPECT_EQ(Root(pack).children[0]->kind, NodeKind::kParameter);
  EXPECT_EQ(Root(pack).children[0]->index, kTax);
  EXPECT_EQ(Root(pack).type, Type::kMoney);
  EXPECT_EQ(Root(Checked("bracket(p.allowance_table, age)")).type, Type::kMoney);
  EXPECT_EQ(Root(Checked("scale(p.tax at 2012-01-01, income)")).type, Type::kMoney);
  EXPECT_EQ(ErrorOf("scale(p.deductible, income)"),
            "rules.md:20:18: 'p.deductible' is not a scale: read it as p.deductible");
  EXPECT_EQ(ErrorOf("bracket(p.tax, income)"),
            "rules.md:20:20: 'p.tax' is a marginal scale: read it with scale(p.tax, x)");
  EXPECT_EQ(ErrorOf("scale(p.allowance_table, age)"),
            "rules.md:20:18: 'p.allowance_table' is a flat scale: read it with "
            "bracket(p.allowance_table, x)");
  EXPECT_EQ(ErrorOf("scale(income, income)"),
            "rules.md:20:18: scale reads a scale parameter: scale(p.name, x)");
  EXPECT_EQ(ErrorOf("scale(p.tax, age)"),
            "rules.md:20:25: the thresholds of 'p.tax' are money, found number");
  EXPECT_EQ(ErrorOf("scale(p.taxx, income)"),
            "rules.md:20:18: unknown parameter 'taxx'; did you mean 'tax'?");
}

TEST(CheckAggregates, OverTheMembersOfAGroup) {
  // Proves size and each aggregate in a household formula, with their types and indexes.
  struct Case {
    const char* text;
    Type type;
  };
  const Case cases[] = {
      {"size", Type::kNumber},
      {"sum(members.income)", Type::kMoney},
      {"sum(members.age where age >= 18)", Type::kNumber},
      {"count(members)", Type::kNumber},
      {"count(members where age >= 60)", Type::kNumber},
      {"any(members.is_disabled)", Type::kBool},
      {"any(members where age < 18)", Type::kBool},
      {"all(members.is_disabled where age >= 18)", Type::kBool},
      {"max(members.age)", Type::kNumber},
      {"min(members.birth_date)", Type::kDate},
      {"sum(members.income where household.dibao > 0)", Type::kMoney},
  };
  for (const Case& c : cases) {
    Pack pack = Checked(c.text, c.type, "household");
    if (pack.variables.back().formulas.front().expression == nullptr) continue;
    EXPECT_EQ(Root(pack).type, c.type) << c.text;
  }
  Pack pack = Checked("sum(members.income)", Type::kMoney, "household");
  EXPECT_EQ(Root(pack).index, kIncome);
  EXPECT_EQ(Root(pack).children[0]->index, kIncome);
  EXPECT_EQ(pack.variables.back().dependencies, std::vector<int>{kIncome});
  pack = Checked("count(members where is_disabled)", Type::kNumber, "household");
  EXPECT_EQ(Root(pack).index, -1);
  EXPECT_EQ(pack.variables.back().dependencies, std::vector<int>{kIsDisabled});
}

TEST(CheckAggregates, Errors) {
  // Proves aggregates and size outside a group, and wrong value or condition types.
  EXPECT_EQ(ErrorOf("size", Type::kNumber),
            "rules.md:20:12: size is read in a group entity's formula, and person has no members");
  EXPECT_EQ(ErrorOf("sum(members.income)"),
            "rules.md:20:12: members is read in a group entity's formula, and person has no "
            "members");
  EXPECT_EQ(ErrorOf("sum(members.is_disabled)", Type::kNumber, "household"),
            "rules.md:20:16: sum needs money or number values, found bool");
  EXPECT_EQ(ErrorOf("any(members.age)", Type::kBool, "household"),
            "rules.md:20:16: any needs bool values, found number");
  EXPECT_EQ(ErrorOf("max(members.is_disabled)", Type::kBool, "household"),
            "rules.md:20:16: max needs money, number, rate or date values, found bool");
  EXPECT_EQ(ErrorOf("count(members where age)", Type::kNumber, "household"),
            "rules.md:20:32: where needs a bool condition, found number");
  EXPECT_EQ(ErrorOf("count(members where incme > 0)", Type::kNumber, "household"),
            "rules.md:20:32: unknown variable 'incme' of person; did you mean 'income'?");
  EXPECT_EQ(ErrorOf("sum(members.incme)", Type::kMoney, "household"),
            "rules.md:20:16: unknown variable 'incme' of person; did you mean 'income'?");
}

TEST(CheckPeriods, WhatEachPeriodMayRead) {
  // Proves a monthly formula reads every period, a yearly one reads monthly variables only
  // through sum_months, and an eternal one reads only eternal ones.
  const PeriodUnit month = PeriodUnit::kMonth;
  const PeriodUnit year = PeriodUnit::kYear;
  const PeriodUnit eternity = PeriodUnit::kEternity;
  EXPECT_EQ(Root(Checked("annual_income + income", Type::kMoney, "person", month)).type,
            Type::kMoney);
  EXPECT_EQ(Root(Checked("birth_date", Type::kDate, "person", eternity)).index, kBirthDate);
  Pack pack = Checked("annual_income + sum_months(cost)", Type::kMoney, "person", year);
  EXPECT_EQ(Root(pack).children[1]->children[0]->index, kCost);
  EXPECT_EQ(pack.variables.back().dependencies, (std::vector<int>{kCost, kAnnualIncome}));

  EXPECT_EQ(ErrorOf("income", Type::kMoney, "person", year),
            "rules.md:20:12: 'income' is monthly: use sum_months(income) in a yearly formula");
  EXPECT_EQ(ErrorOf("sum(members.income)", Type::kMoney, "household", year),
            "rules.md:20:16: 'members.income' is monthly and cannot be read in a yearly formula");
  EXPECT_EQ(ErrorOf("household.dibao", Type::kMoney, "person", year),
            "rules.md:20:12: 'household.dibao' is monthly and cannot be read in a yearly formula");
  EXPECT_EQ(ErrorOf("income", Type::kMoney, "person", eternity),
            "rules.md:20:12: 'income' is monthly; an eternity formula reads only eternity "
            "variables");
  EXPECT_EQ(ErrorOf("annual_income", Type::kMoney, "person", eternity),
            "rules.md:20:12: 'annual_income' is yearly; an eternity formula reads only eternity "
            "variables");
}

TEST(CheckPeriods, SumMonths) {
  // Proves sum_months' rules: a yearly formula, a monthly variable's name, money or number.
  const PeriodUnit year = PeriodUnit::kYear;
  EXPECT_EQ(Root(Checked("sum_months(income)", Type::kMoney, "person", year)).type, Type::kMoney);
  EXPECT_EQ(Root(Checked("sum_months(age)", Type::kNumber, "person", year)).type, Type::kNumber);
  EXPECT_EQ(ErrorOf("sum_months(income)"),
            "rules.md:20:12: sum_months is only for yearly formulas");
  EXPECT_EQ(ErrorOf("sum_months(annual_income)", Type::kMoney, "person", year),
            "rules.md:20:23: 'annual_income' is not monthly: sum_months takes a monthly variable");
  EXPECT_EQ(ErrorOf("sum_months(income + cost)", Type::kMoney, "person", year),
            "rules.md:20:23: sum_months takes a monthly variable's name: sum_months(income)");
  EXPECT_EQ(ErrorOf("sum_months(is_disabled)", Type::kNumber, "person", year),
            "rules.md:20:23: sum_months adds money or numbers, found bool");
  EXPECT_EQ(ErrorOf("sum_months(incme)", Type::kMoney, "person", year),
            "rules.md:20:23: unknown variable 'incme' of person; did you mean 'income'?");
}

// A pack of person variables named and defined in order; an empty text is an input.
Pack GraphPack(const std::vector<std::pair<std::string, std::string>>& definitions) {
  Pack pack;
  pack.entities = {MakeEntity("person", "household"), MakeEntity("household", "")};
  int line = 1;
  for (const auto& [name, text] : definitions) {
    Variable variable = MakeVariable(name, "person", PeriodUnit::kMonth, Type::kNumber, line);
    if (!text.empty()) AddFormula(variable, text, line + 1);
    pack.variables.push_back(std::move(variable));
    line += 2;
  }
  return pack;
}

TEST(CheckGraph, DependenciesAreSortedWithoutRepeatsAcrossFormulas) {
  // Proves dependencies gather every formula's reads, by index, once each.
  Pack pack = BasePack();
  Variable x = MakeVariable("x", "person", PeriodUnit::kMonth, Type::kMoney, 19);
  AddFormula(x, "income + cost + income", 20);
  AddFormula(x, "cost + household.dibao", 21);
  x.formulas[0].until = DateOf("2012-12-31");
  x.formulas[1].from = DateOf("2013-01-01");
  pack.variables.push_back(std::move(x));
  ASSERT_TRUE(CheckPack(pack).ok());
  EXPECT_EQ(pack.variables.back().dependencies, (std::vector<int>{kIncome, kCost, kDibao}));
  EXPECT_NE(pack.variables.back().formulas[1].expression, nullptr);
  EXPECT_TRUE(pack.variables[kAge].dependencies.empty());
}

TEST(CheckGraph, EvaluationOrderPutsDependenciesFirstThenDefinitionOrder) {
  // Proves the order is topological, and otherwise follows the order of definition.
  Pack pack = GraphPack({{"total", "base + extra"},
                         {"base", ""},
                         {"extra", "base * 2"},
                         {"other", ""},
                         {"last", "total + other"}});
  ASSERT_TRUE(CheckPack(pack).ok());
  EXPECT_EQ(pack.evaluation_order, (std::vector<int>{1, 2, 0, 3, 4}));
  EXPECT_EQ(pack.variables[0].dependencies, (std::vector<int>{1, 2}));
}

TEST(CheckGraph, CyclesAreRefusedNamingEveryVariableOnThem) {
  // Proves a cycle is reported from its earliest-defined variable, at its definition,
  // whichever variable the search starts from; a variable reading itself is a cycle.
  Pack pack = GraphPack({{"reader", "a"}, {"a", "b + 1"}, {"b", "c + 1"}, {"c", "a + 1"}});
  EXPECT_EQ(CheckPack(pack).ToString(), "rules.md:3:3: cycle between variables: a → b → c → a");
  pack = GraphPack({{"a", "a + 1"}});
  EXPECT_EQ(CheckPack(pack).ToString(), "rules.md:1:3: cycle between variables: a → a");
}

TEST(CheckGraph, CyclesThroughTheGroupAreFound) {
  // Proves dependencies through household.x and members.x make one graph.
  Pack pack = BasePack();
  Variable total = MakeVariable("total", "household", PeriodUnit::kMonth, Type::kMoney, 19);
  AddFormula(total, "sum(members.share)", 20);
  Variable share = MakeVariable("share", "person", PeriodUnit::kMonth, Type::kMoney, 21);
  AddFormula(share, "household.total * 10%", 22);
  pack.variables.push_back(std::move(total));
  pack.variables.push_back(std::move(share));
  EXPECT_EQ(CheckPack(pack).ToString(),
            "rules.md:19:3: cycle between variables: total → share → total");
}

TEST(CheckGraph, APackWithAnErrorIsLeftAsItWas) {
  // Proves all-or-nothing: after an error no formula has an expression, no variable has
  // dependencies and there is no evaluation order.
  Pack pack = GraphPack({{"good", "1 + 2"}, {"base", ""}, {"bad", "base + missing"}});
  EXPECT_EQ(CheckPack(pack).ToString(), "rules.md:6:19: unknown variable 'missing' of person");
  EXPECT_EQ(pack.variables[0].formulas[0].expression, nullptr);
  EXPECT_TRUE(pack.variables[2].dependencies.empty());
  EXPECT_TRUE(pack.evaluation_order.empty());

  pack = GraphPack({{"good", "1 + 2"}, {"a", "b"}, {"b", "a"}});
  EXPECT_FALSE(CheckPack(pack).ok());
  EXPECT_EQ(pack.variables[0].formulas[0].expression, nullptr);
  EXPECT_TRUE(pack.variables[1].dependencies.empty());
  EXPECT_TRUE(pack.evaluation_order.empty());
}

TEST(CheckGraph, CheckingTwiceGivesTheSameResult) {
  // Proves CheckPack can run again on a checked pack (formulas are parsed from their text).
  Pack pack = GraphPack({{"base", ""}, {"double", "base * 2"}});
  ASSERT_TRUE(CheckPack(pack).ok());
  ASSERT_TRUE(CheckPack(pack).ok());
  EXPECT_EQ(pack.evaluation_order, (std::vector<int>{0, 1}));
  EXPECT_EQ(pack.variables[1].dependencies, std::vector<int>{0});
}

TEST(CheckGraph, SyntaxErrorsAndUnknownEntitiesAreReported) {
  // Proves a parse error surfaces with its place, and a formula of an unknown entity is
  // refused at the variable.
  Pack pack = GraphPack({{"a", "1 +"}});
  EXPECT_EQ(CheckPack(pack).ToString(),
            "rules.md:2:15: expected an expression, found the end of the formula");
  pack = GraphPack({{"a", "1"}});
  pack.variables[0].entity = "vehicle";
  EXPECT_EQ(CheckPack(pack).ToString(),
            "rules.md:1:3: variable 'a' belongs to unknown entity 'vehicle'");
}

// The base pack with the entity claim and its variables paid (money), days (number) and
// level (an enum), then x, a claim variable of `type` bound to `kind`.`name`: x is defined
// at rules.md:19:3 and its binding is at rules.md:20:12.
Pack ClaimPackWith(ClaimBinding::Kind kind, std::string name, Type type = Type::kMoney) {
  Pack pack = BasePack();
  pack.entities.push_back(MakeEntity("claim", ""));
  const PeriodUnit month = PeriodUnit::kMonth;
  pack.variables.push_back(MakeVariable("paid", "claim", month, Type::kMoney, 10));
  pack.variables.push_back(MakeVariable("days", "claim", month, Type::kNumber, 11));
  pack.variables.push_back(MakeVariable("level", "claim", month, Type::kEnum, 12));
  pack.variables.back().enum_type = MakeEnum("level", {"village", "township"});
  Variable x = MakeVariable("x", "claim", month, type, 19);
  x.binding = ClaimBinding{
      .kind = kind, .name = std::move(name), .location = SourceLocation::InText(kFile, 20, 12)};
  if (type == Type::kEnum) x.enum_type = pack.variables[kScheme].enum_type;
  pack.variables.push_back(std::move(x));
  return pack;
}

// Checks a pack expecting an error; the error as people read it.
std::string BindingError(Pack pack) {
  Status status = CheckPack(pack);
  EXPECT_FALSE(status.ok()) << "checked";
  return status.ToString();
}

TEST(CheckBindings, PersonBindingsReadAPersonInputOfTheSameType) {
  // Proves person.x names an input of the member entity with the bound variable's type
  // and, for an enum, the same values in the same order; that it is no dependency; and
  // each error at the binding, with a hint for a misspelt name.
  using Kind = ClaimBinding::Kind;
  Pack pack = ClaimPackWith(Kind::kPerson, "income");
  ASSERT_TRUE(CheckPack(pack).ok());
  EXPECT_TRUE(pack.variables.back().dependencies.empty());
  pack = ClaimPackWith(Kind::kPerson, "scheme", Type::kEnum);
  EXPECT_TRUE(CheckPack(pack).ok()) << CheckPack(pack).ToString();

  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kPerson, "incme")),
            "rules.md:20:12: variable 'x' is bound to person.incme, which is not defined; did you "
            "mean 'income'?");
  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kPerson, "dibao")),
            "rules.md:20:12: variable 'x' is bound to person.dibao, which is a variable of "
            "household, not of person");
  pack = ClaimPackWith(Kind::kPerson, "cost");
  AddFormula(pack.variables[kCost], "income", 4);
  EXPECT_EQ(BindingError(pack),
            "rules.md:20:12: variable 'x' is bound to person.cost, which is computed by a "
            "formula: a claim reads only the inputs of person");
  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kPerson, "age")),
            "rules.md:20:12: variable 'x' is money, but person.age is number: give it `type: "
            "number`");
  pack = ClaimPackWith(Kind::kPerson, "scheme", Type::kEnum);
  pack.variables.back().enum_type = MakeEnum("x", {"ncms", "urbmi"});
  EXPECT_EQ(BindingError(pack),
            "rules.md:20:12: variable 'x' lists the values ncms, urbmi, but person.scheme lists "
            "ncms, urbmi, resident, employee: list the same values in the same order");
  pack = ClaimPackWith(Kind::kPerson, "income");
  pack.entities[0].group = "";
  EXPECT_EQ(BindingError(pack),
            "rules.md:20:12: variable 'x' is bound to person.income, but the pack has no member "
            "entity (an entity with a group) whose inputs a claim could read");
}

TEST(CheckBindings, YearBeforeSumsAnotherMoneyOrNumberClaimVariable) {
  // Proves year_before.x names another claim variable, money or number, of the bound
  // variable's type; each error at the binding, with a hint for a misspelt name.
  using Kind = ClaimBinding::Kind;
  Pack pack = ClaimPackWith(Kind::kYearBefore, "paid");
  EXPECT_TRUE(CheckPack(pack).ok());
  pack = ClaimPackWith(Kind::kYearBefore, "days", Type::kNumber);
  EXPECT_TRUE(CheckPack(pack).ok());

  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kYearBefore, "payd")),
            "rules.md:20:12: variable 'x' is bound to year_before.payd, which is not defined; did "
            "you mean 'paid'?");
  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kYearBefore, "x")),
            "rules.md:20:12: variable 'x' is bound to year_before.x, itself: bind it to the claim "
            "variable whose earlier amounts it sums");
  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kYearBefore, "income")),
            "rules.md:20:12: variable 'x' is bound to year_before.income, which is a variable of "
            "person, not of claim: the year's accumulator sums a claim variable");
  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kYearBefore, "level", Type::kEnum)),
            "rules.md:20:12: variable 'x' is bound to year_before.level, which is enum: the "
            "year's accumulator sums a money or number variable");
  EXPECT_EQ(BindingError(ClaimPackWith(Kind::kYearBefore, "days")),
            "rules.md:20:12: variable 'x' is money, but year_before.days is number: give it "
            "`type: number`");
}

TEST(CheckBindings, YearBeforeIsNoDependencySoItMakesNoCycle) {
  // Proves a variable bound to year_before.b, read by b's own formula, is no cycle: the
  // accumulator reads earlier claims, so it is not recorded as a dependency, and b is
  // ordered after it.
  Pack pack = ClaimPackWith(ClaimBinding::Kind::kYearBefore, "b");
  Variable b = MakeVariable("b", "claim", PeriodUnit::kMonth, Type::kMoney, 21);
  AddFormula(b, "max(0, 1000 - x)", 22);
  pack.variables.push_back(std::move(b));
  Status status = CheckPack(pack);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const int x = pack.VariableIndex("x");
  const int b_index = pack.VariableIndex("b");
  EXPECT_TRUE(pack.variables[static_cast<size_t>(x)].dependencies.empty());
  EXPECT_EQ(pack.variables[static_cast<size_t>(b_index)].dependencies, std::vector<int>{x});
  const auto& order = pack.evaluation_order;
  EXPECT_LT(std::find(order.begin(), order.end(), x),
            std::find(order.begin(), order.end(), b_index));
}

TEST(CheckClosestName, EditDistanceWithinAThirdOfTheName) {
  // Proves the hint is the closest candidate within max(1, size / 3) edits (a swap of two
  // neighbours is one edit), the first of equally close ones, and nothing when none is
  // close.
  EXPECT_EQ(ClosestName("deductable", {"ratio", "deductible"}), "deductible");
  EXPECT_EQ(ClosestName("incme", {"income", "cost"}), "income");
  EXPECT_EQ(ClosestName("xyz", {"deductible"}), "");
  EXPECT_EQ(ClosestName("a", {"b"}), "b");
  EXPECT_EQ(ClosestName("ab", {"cd"}), "");
  EXPECT_EQ(ClosestName("cat", {"bat", "cap"}), "bat");
  EXPECT_EQ(ClosestName("x", {}), "");
  EXPECT_EQ(ClosestName("nmcs", {"urbmi", "ncms"}), "ncms");
  EXPECT_EQ(ClosestName("nmsc", {"ncms"}), "");
  EXPECT_EQ(ClosestName("abcdefghi", {"abcdefxyz"}), "abcdefxyz");
  EXPECT_EQ(ClosestName("abcdefghi", {"abcdewxyz"}), "");
}

}  // namespace
}  // namespace minsheng::policy
