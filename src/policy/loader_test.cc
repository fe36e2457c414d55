// Tests for LoadPack: small packs written to a temporary folder, loaded, and checked for
// what the loader keeps (definitions, their sources, their locations) and for the exact
// message and file:line:column of every kind of error; and for FormatDiagnostic.
#include "policy/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "policy/expression.h"

namespace minsheng::policy {
namespace {

namespace fs = std::filesystem;

// A pack folder under the system's temporary folder, removed when the test ends.
class TempPack {
 public:
  TempPack() {
    static int counter = 0;
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = fs::temp_directory_path() / ("minsheng-loader-" + std::to_string(getpid()) + "-" +
                                              test->name() + "-" + std::to_string(++counter));
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  ~TempPack() {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
  }
  TempPack(const TempPack&) = delete;
  TempPack& operator=(const TempPack&) = delete;

  void Write(const std::string& path, std::string_view text) const {
    const fs::path file = directory_ / path;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }
  std::string directory() const { return directory_.string(); }

 private:
  fs::path directory_;
};

constexpr std::string_view kPackMd = R"(# 无棣县民生政策

```minsheng
pack:
  id: wudi-2013
  name: {zh: 无棣县民生政策（2013）, en: Wudi County livelihood policies (2013)}
  region: "371623"
  sources: [000_040c84a1c57c7066.txt]
```
)";

// The good pack's definitions file. Line numbers matter to the tests below.
constexpr std::string_view kRulesMd = R"(# 校车

> 自2010年9月1日起，校车月票价为140元。
> 2012年8月1日起调整为200元。

```minsheng
parameters:
  school_bus_fare:
    title: {zh: 校车月票价, en: Monthly school-bus fare}
    unit: money
    values:
      2012-08-01: {value: 200, until: 2013-12-31}
      2010-09-01: 140
  critical_illness_scale:
    scale: marginal
    brackets:
      2016-01-01:
        - {from: 0, rate: 0%}
        - {from: 12000, rate: 50%}
```

> 在校学生乘坐校车的，每月补贴70元。

```minsheng
variables:
  is_student:
    entity: person
    period: eternity
    type: bool
    input: true
  scheme:
    entity: person
    period: eternity
    type: enum
    values: [ncms, urbmi]
    input: true
    default: urbmi
  school_bus_subsidy:
    entity: person
    period: month
    type: money
    formula: if is_student then 70 else 0
programs:
  school_bus_subsidy:
    variable: school_bus_subsidy
    title: {zh: 校车乘车补贴, en: School-bus fare subsidy}
    payer: fund/school_bus/county
    payee: household_head
    rounding: half_even_fen
```
)";

// A claim pack: a person input, claim inputs bound each way a settlement reads them, two
// formulas and their stages, written in the opposite of their order. Line numbers matter
// to the tests below.
constexpr std::string_view kClaimMd = R"(# 住院费用一站式结算

> 参保人员住院发生的政策范围内费用，起付线以上部分按比例报销，年度累计最高支付10万元。

```minsheng
variables:
  scheme:
    entity: person
    period: eternity
    type: enum
    values: [ncms, urbmi]
    input: true
  compliant_cost:
    entity: claim
    period: month
    type: money
    input: claim.compliant_cost
  hospital_level:
    entity: claim
    period: month
    type: enum
    values: [village, township, county, city, out_of_area, provincial]
    input: claim.hospital_level
  special_drug_cost:
    entity: claim
    period: month
    type: money
    input: items.special_drug
  patient_scheme:
    entity: claim
    period: month
    type: enum
    values: [ncms, urbmi]
    input: person.scheme
  basic_paid_before:
    entity: claim
    period: month
    type: money
    input: "year_before.basic_insurance"
  stay_days:
    entity: claim
    period: month
    type: number
    input: true
  basic_insurance:
    entity: claim
    period: month
    type: money
    formula: min(max(0, compliant_cost - 500) * 70%, max(0, 100000 - basic_paid_before))
  critical_illness:
    entity: claim
    period: month
    type: money
    formula: max(0, compliant_cost - basic_insurance - 10000) * 50% + special_drug_cost
stages:
  critical_illness:
    title: {zh: 大病保险, en: Critical illness insurance}
    variable: critical_illness
    payer: fund/critical_illness/city
    payee: hospital
    order: 20
  basic_insurance:
    title: {zh: 基本医疗保险, en: Basic medical insurance}
    variable: basic_insurance
    payer: fund/medical_insurance/county
    payee: patient
    order: 10
    source: 基本医疗保险先行支付。
```
)";

Pack LoadGood(const TempPack& pack) {
  Result<Pack> loaded = LoadPack(pack.directory());
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  return loaded.ok() ? *loaded : Pack{};
}

// The error LoadPack gives, as Status::ToString: "file:line:column: message".
std::string LoadError(const TempPack& pack) {
  Result<Pack> loaded = LoadPack(pack.directory());
  EXPECT_FALSE(loaded.ok()) << "the pack loaded";
  return loaded.ok() ? "" : loaded.status().ToString();
}

// Writes pack.md and one rules.md holding `block` as its only ```minsheng block, three
// lines down: the block's first YAML line is line 4 of rules.md.
void WriteRules(const TempPack& pack, std::string_view block) {
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", "> 原文。\n\n```minsheng\n" + std::string(block) + "```\n");
}

Date D(std::string_view text) {
  return *Date::Parse(text);
}

TEST(LoadPack, ReadsTheMetadataOfPackMd) {
  // Proves the `pack:` block fills the pack's id, names, region and sources, and that with
  // no entities defined the pack gets person (in a household), household and claim (in no
  // group, with its id in claim_id).
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  Pack loaded = LoadGood(pack);
  EXPECT_EQ(loaded.directory, pack.directory());
  EXPECT_EQ(loaded.id, "wudi-2013");
  EXPECT_EQ(loaded.name_zh, "无棣县民生政策（2013）");
  EXPECT_EQ(loaded.name_en, "Wudi County livelihood policies (2013)");
  EXPECT_EQ(loaded.region, "371623");
  EXPECT_EQ(loaded.sources, std::vector<std::string>{"000_040c84a1c57c7066.txt"});
  ASSERT_EQ(loaded.entities.size(), 3u);
  EXPECT_EQ(loaded.entities[0].name, "person");
  EXPECT_EQ(loaded.entities[0].plural, "persons");
  EXPECT_EQ(loaded.entities[0].group, "household");
  EXPECT_EQ(loaded.entities[0].roles,
            (std::vector<std::string>{"head", "spouse", "child", "parent", "other"}));
  EXPECT_EQ(loaded.entities[1].name, "household");
  EXPECT_EQ(loaded.entities[1].group, "");
  EXPECT_EQ(loaded.entities[2].name, "claim");
  EXPECT_EQ(loaded.entities[2].plural, "claims");
  EXPECT_EQ(loaded.entities[2].group, "");
  EXPECT_TRUE(loaded.entities[2].roles.empty());
  EXPECT_EQ(loaded.entities[2].id_column, "claim_id");
  EXPECT_EQ(loaded.FindEntity(kClaimEntity), &loaded.entities[2]);
}

TEST(LoadPack, KeepsTheQuoteAboveEachBlockAsItsDefinitionsSource) {
  // Proves each definition takes the nearest blockquote above its block as its source,
  // with the '>' markers removed and the quote's file and first line as its location.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", kRulesMd);
  Pack loaded = LoadGood(pack);
  const Parameter* fare = loaded.FindParameter("school_bus_fare");
  ASSERT_NE(fare, nullptr);
  EXPECT_EQ(fare->source.quote,
            "自2010年9月1日起，校车月票价为140元。\n2012年8月1日起调整为200元。");
  EXPECT_EQ(fare->source.location.ToString(), "rules.md:3");
  const Parameter* scale = loaded.FindParameter("critical_illness_scale");
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->source.location.ToString(), "rules.md:3");
  for (const Variable& variable : loaded.variables) {
    EXPECT_EQ(variable.source.quote, "在校学生乘坐校车的，每月补贴70元。") << variable.name;
    EXPECT_EQ(variable.source.location.ToString(), "rules.md:22") << variable.name;
  }
  ASSERT_EQ(loaded.programs.size(), 1u);
  EXPECT_EQ(loaded.programs[0].source.location.ToString(), "rules.md:22");
}

TEST(LoadPack, ReadsParametersWithDatedValuesAndScales) {
  // Proves dated values are sorted by date and keep their `until`, are read in their unit,
  // and that ValueAt and ScaleAt find what is in force on a date.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", kRulesMd);
  Pack loaded = LoadGood(pack);
  const Parameter& fare = *loaded.FindParameter("school_bus_fare");
  EXPECT_EQ(fare.location.ToString(), "rules.md:8:3");
  EXPECT_EQ(fare.title_zh, "校车月票价");
  EXPECT_EQ(fare.title_en, "Monthly school-bus fare");
  EXPECT_FALSE(fare.is_scale);
  EXPECT_EQ(fare.unit, Type::kMoney);
  ASSERT_EQ(fare.values.size(), 2u);
  EXPECT_EQ(fare.values[0].from, D("2010-09-01"));
  EXPECT_FALSE(fare.values[0].until.has_value());
  EXPECT_EQ(fare.values[0].value.raw, 14000);
  EXPECT_EQ(fare.values[0].location.ToString(), "rules.md:13:7");
  EXPECT_EQ(fare.values[1].from, D("2012-08-01"));
  EXPECT_EQ(fare.values[1].until, D("2013-12-31"));
  EXPECT_EQ(fare.values[1].value.raw, 20000);
  EXPECT_EQ(fare.ValueAt(D("2012-07-31"))->raw, 14000);
  EXPECT_EQ(fare.ValueAt(D("2013-12-31"))->raw, 20000);
  EXPECT_EQ(fare.ValueAt(D("2009-01-01")).status().ToString(),
            "rules.md:8:3: parameter 'school_bus_fare' has no value on 2009-01-01");
  EXPECT_FALSE(fare.ValueAt(D("2014-01-01")).ok());

  const Parameter& scale = *loaded.FindParameter("critical_illness_scale");
  EXPECT_TRUE(scale.is_scale);
  EXPECT_EQ(scale.scale_kind, ScaleKind::kMarginal);
  EXPECT_EQ(scale.threshold_unit, Type::kMoney);
  EXPECT_EQ(scale.result_unit, Type::kRate);
  ASSERT_EQ(scale.versions.size(), 1u);
  const ScaleVersion& version = scale.versions[0];
  ASSERT_EQ(version.brackets.size(), 2u);
  EXPECT_EQ(version.brackets[1].threshold.raw, 1'200'000);
  EXPECT_EQ(version.brackets[1].rate_or_amount.raw, 500'000'000);
  EXPECT_EQ(version.brackets[1].location.ToString(), "rules.md:19:11");
  EXPECT_EQ(*scale.ScaleAt(D("2016-01-01")), &version);
  EXPECT_EQ(scale.ScaleAt(D("2015-12-31")).status().ToString(),
            "rules.md:14:3: parameter 'critical_illness_scale' has no brackets on 2015-12-31");
  EXPECT_FALSE(scale.ValueAt(D("2016-01-01")).ok());
}

TEST(LoadPack, ReadsVariablesAndPrograms) {
  // Proves variables keep entity, period, type, enum values and defaults, a formula keeps
  // its text, and a program's rounding becomes its variable's.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", kRulesMd);
  Pack loaded = LoadGood(pack);
  ASSERT_EQ(loaded.variables.size(), 3u);
  const Variable& student = *loaded.FindVariable("is_student");
  EXPECT_EQ(student.location.ToString(), "rules.md:26:3");
  EXPECT_EQ(student.entity, "person");
  EXPECT_EQ(student.period, PeriodUnit::kEternity);
  EXPECT_EQ(student.type, Type::kBool);
  EXPECT_TRUE(student.is_input);
  EXPECT_TRUE(student.formulas.empty());
  EXPECT_EQ(student.default_value.raw, 0);

  const Variable& scheme = *loaded.FindVariable("scheme");
  ASSERT_NE(scheme.enum_type, nullptr);
  EXPECT_EQ(scheme.enum_type->name, "scheme");
  EXPECT_EQ(scheme.enum_type->values, (std::vector<std::string>{"ncms", "urbmi"}));
  EXPECT_EQ(scheme.default_value.ToString(), "urbmi");
  EXPECT_EQ(scheme.default_value.enum_type, scheme.enum_type.get());

  const Variable& subsidy = *loaded.FindVariable("school_bus_subsidy");
  EXPECT_FALSE(subsidy.is_input);
  EXPECT_EQ(subsidy.period, PeriodUnit::kMonth);
  ASSERT_EQ(subsidy.formulas.size(), 1u);
  EXPECT_EQ(subsidy.formulas[0].text, "if is_student then 70 else 0");
  EXPECT_EQ(subsidy.FormulaAt(D("1990-01-01")), &subsidy.formulas[0]);
  EXPECT_EQ(subsidy.rounding, Rounding::kHalfEvenFen);
  EXPECT_EQ(loaded.VariableIndex("school_bus_subsidy"), 2);
  EXPECT_EQ(loaded.VariableIndex("nothing"), -1);

  const Program& program = loaded.programs[0];
  EXPECT_EQ(program.name, "school_bus_subsidy");
  EXPECT_EQ(program.variable, "school_bus_subsidy");
  EXPECT_EQ(program.title_zh, "校车乘车补贴");
  EXPECT_EQ(program.payer_account, "fund/school_bus/county");
  EXPECT_EQ(program.payee, PayeeKind::kHouseholdHead);
  EXPECT_EQ(program.location.ToString(), "rules.md:44:3");
}

TEST(LoadPack, ReadsClaimInputsBoundToTheSettlementAndStagesInOrder) {
  // Proves a claim pack loads and checks: each kind of binding keeps its kind, name and
  // place and makes its variable an input; stages keep their payer, payee and source and
  // come sorted by order; and year_before.basic_insurance is no dependency, so
  // basic_insurance may read the accumulator of its own earlier amounts without a cycle.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("claims.md", kClaimMd);
  Result<Pack> checked = LoadAndCheckPack(pack.directory());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  const Pack& loaded = *checked;
  auto binding = [&](std::string_view name) {
    const Variable* variable = loaded.FindVariable(name);
    EXPECT_NE(variable, nullptr) << name;
    EXPECT_TRUE(variable != nullptr && variable->is_input) << name;
    return variable == nullptr ? ClaimBinding{} : variable->binding;
  };
  using Kind = ClaimBinding::Kind;
  EXPECT_EQ(binding("scheme").kind, Kind::kNone);
  EXPECT_EQ(binding("stay_days").kind, Kind::kNone);
  EXPECT_EQ(binding("compliant_cost").kind, Kind::kClaimField);
  EXPECT_EQ(binding("compliant_cost").name, "compliant_cost");
  EXPECT_EQ(binding("compliant_cost").location.ToString(), "claims.md:17:12");
  EXPECT_EQ(ClaimBindingText(binding("compliant_cost")), "claim.compliant_cost");
  EXPECT_EQ(binding("hospital_level").kind, Kind::kClaimField);
  EXPECT_EQ(binding("hospital_level").name, "hospital_level");
  EXPECT_EQ(binding("special_drug_cost").kind, Kind::kItems);
  EXPECT_EQ(binding("special_drug_cost").name, "special_drug");
  EXPECT_EQ(binding("special_drug_cost").location.ToString(), "claims.md:28:12");
  EXPECT_EQ(binding("patient_scheme").kind, Kind::kPerson);
  EXPECT_EQ(binding("patient_scheme").name, "scheme");
  EXPECT_EQ(binding("basic_paid_before").kind, Kind::kYearBefore);
  EXPECT_EQ(binding("basic_paid_before").name, "basic_insurance");
  // Quoted: the location is the text's first character, past the quote.
  EXPECT_EQ(binding("basic_paid_before").location.ToString(), "claims.md:39:13");
  EXPECT_EQ(ClaimBindingText(binding("basic_paid_before")), "year_before.basic_insurance");

  const Variable& paid_before = *loaded.FindVariable("basic_paid_before");
  EXPECT_TRUE(paid_before.dependencies.empty());
  EXPECT_EQ(loaded.FindVariable("basic_insurance")->dependencies,
            (std::vector<int>{loaded.VariableIndex("compliant_cost"),
                              loaded.VariableIndex("basic_paid_before")}));

  ASSERT_EQ(loaded.stages.size(), 2u);
  const Stage& basic = loaded.stages[0];
  EXPECT_EQ(basic.name, "basic_insurance");
  EXPECT_EQ(basic.order, 10);
  EXPECT_EQ(basic.variable, "basic_insurance");
  EXPECT_EQ(basic.title_zh, "基本医疗保险");
  EXPECT_EQ(basic.title_en, "Basic medical insurance");
  EXPECT_EQ(basic.payer_account, "fund/medical_insurance/county");
  EXPECT_EQ(basic.payee, StagePayee::kPatient);
  EXPECT_STREQ(StagePayeeName(basic.payee), "patient");
  EXPECT_EQ(basic.source.quote, "基本医疗保险先行支付。");
  EXPECT_EQ(basic.location.ToString(), "claims.md:62:3");
  const Stage& critical = loaded.stages[1];
  EXPECT_EQ(critical.name, "critical_illness");
  EXPECT_EQ(critical.order, 20);
  EXPECT_EQ(critical.payee, StagePayee::kHospital);
  EXPECT_EQ(critical.payer_account, "fund/critical_illness/city");
  EXPECT_EQ(critical.source.location.ToString(), "claims.md:3");
  EXPECT_EQ(loaded.FindStage("critical_illness"), &critical);
  EXPECT_EQ(loaded.FindStage("dibao"), nullptr);
  EXPECT_TRUE(loaded.programs.empty());
}

TEST(LoadPack, ListsFilesLinesTestsAndAVersion) {
  // Proves the pack keeps every .md file's lines, lists tests/*.yaml sorted and ignores
  // other folders, and that its version is stable and changes with any byte.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", kRulesMd);
  pack.Write("tests/b.yaml", "cases: []\n");
  pack.Write("tests/a.yaml", "cases: []\n");
  pack.Write("tests/notes.txt", "not a test\n");
  pack.Write("drafts/ignored.md", "```minsheng\nnot: [valid\n```\n");
  Pack loaded = LoadGood(pack);
  EXPECT_EQ(loaded.test_files, (std::vector<std::string>{"tests/a.yaml", "tests/b.yaml"}));
  ASSERT_EQ(loaded.file_lines.size(), 2u);
  EXPECT_EQ(loaded.file_lines.at("rules.md")[2], "> 自2010年9月1日起，校车月票价为140元。");
  EXPECT_EQ(loaded.file_lines.at("pack.md")[0], "# 无棣县民生政策");
  EXPECT_EQ(loaded.version.size(), 16u);
  EXPECT_EQ(LoadGood(pack).version, loaded.version);
  pack.Write("tests/a.yaml", "cases: [] \n");
  EXPECT_NE(LoadGood(pack).version, loaded.version);
}

TEST(LoadPack, ReadsDefinitionFilesInOrderAfterPackMd) {
  // Proves definitions come in file order, pack.md first and then the others sorted, and
  // that a definition with no quote above may stand on its `assumption:`.
  TempPack pack;
  pack.Write("pack.md",
             std::string(kPackMd) +
                 "\n```minsheng\nparameters:\n  zeta:\n    unit: number\n"
                 "    values: {2010-01-01: 1}\n    assumption: the text is silent\n```\n");
  pack.Write(
      "b.md",
      "> B\n```minsheng\nparameters:\n  beta: {unit: bool, values: {2010-01-01: 是}}\n```\n");
  pack.Write(
      "a.md",
      "> A\n```minsheng\nparameters:\n  alpha: {unit: rate, values: {2010-01-01: 5%}}\n```\n");
  Pack loaded = LoadGood(pack);
  ASSERT_EQ(loaded.parameters.size(), 3u);
  EXPECT_EQ(loaded.parameters[0].name, "zeta");
  EXPECT_EQ(loaded.parameters[0].assumption, "the text is silent");
  EXPECT_EQ(loaded.parameters[0].source.quote, "");
  EXPECT_EQ(loaded.parameters[1].name, "alpha");
  EXPECT_EQ(loaded.parameters[1].source.quote, "A");
  EXPECT_EQ(loaded.parameters[2].name, "beta");
  EXPECT_EQ(loaded.parameters[2].values[0].value.raw, 1);
}

TEST(LoadPack, SkipsOtherFencedBlocksAndTakesTheNearestQuote) {
  // Proves a quote or a ```minsheng block inside another fenced block means nothing, that
  // a block takes the nearest quote above it even past another block, and that an
  // explicit `source:` overrides the quote.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", R"(> first
```yaml
> not a quote
```minsheng
not: a block
```
```minsheng
parameters:
  a: {unit: number, values: {2010-01-01: 1}}
```
```minsheng
parameters:
  b: {unit: number, values: {2010-01-01: 2}, source: "第三条"}
```
)");
  Pack loaded = LoadGood(pack);
  ASSERT_EQ(loaded.parameters.size(), 2u);
  EXPECT_EQ(loaded.parameters[0].source.quote, "first");
  EXPECT_EQ(loaded.parameters[0].source.location.ToString(), "rules.md:1");
  EXPECT_EQ(loaded.parameters[1].source.quote, "第三条");
  EXPECT_EQ(loaded.parameters[1].source.location.ToString(), "rules.md:13:55");
}

TEST(LoadPack, ReadsEntitiesAndFlatScales) {
  // Proves defined entities replace the defaults, and a flat scale reads its amounts in
  // its result unit, with a version that has an `until`.
  TempPack pack;
  WriteRules(pack, R"(entities:
  member: {plural: members_table, group: family, roles: [head, other], id_column: member_id}
  family:
parameters:
  allowance:
    scale: flat
    threshold: number
    result: money
    brackets:
      2015-01-01: {until: 2015-12-31, brackets: [{from: 0, amount: 100}, {from: 3, amount: 150}]}
      2016-01-01:
        - {from: 0, amount: 120}
)");
  Pack loaded = LoadGood(pack);
  ASSERT_EQ(loaded.entities.size(), 2u);
  const Entity& member = *loaded.FindEntity("member");
  EXPECT_EQ(member.plural, "members_table");
  EXPECT_EQ(member.group, "family");
  EXPECT_EQ(member.roles, (std::vector<std::string>{"head", "other"}));
  EXPECT_EQ(member.id_column, "member_id");
  EXPECT_EQ(member.source.quote, "原文。");
  EXPECT_EQ(loaded.FindEntity("family")->plural, "familys");
  EXPECT_EQ(loaded.FindEntity("person"), nullptr);

  const Parameter& allowance = *loaded.FindParameter("allowance");
  EXPECT_EQ(allowance.scale_kind, ScaleKind::kFlat);
  EXPECT_EQ(allowance.threshold_unit, Type::kNumber);
  EXPECT_EQ(allowance.result_unit, Type::kMoney);
  ASSERT_EQ(allowance.versions.size(), 2u);
  EXPECT_EQ(allowance.versions[0].until, D("2015-12-31"));
  EXPECT_EQ(allowance.versions[0].brackets[1].threshold.raw, 3);
  EXPECT_EQ(allowance.versions[0].brackets[1].rate_or_amount.raw, 15000);
  EXPECT_EQ(allowance.versions[1].brackets[0].location.ToString(), "rules.md:15:11");
  EXPECT_EQ((*allowance.ScaleAt(D("2015-06-30")))->brackets.size(), 2u);
}

TEST(LoadPack, ToleratesCrlfAndAByteOrderMark) {
  // Proves Windows line ends and a byte-order mark change neither what loads nor where
  // errors point.
  TempPack pack;
  pack.Write("pack.md", "\xEF\xBB\xBF" + std::string(kPackMd));
  pack.Write("rules.md",
             "> 原文。\r\n\r\n```minsheng\r\nparameters:\r\n  a:\r\n    unit: money\r\n"
             "    values: {2010-01-01: 1}\r\n```\r\n");
  Pack loaded = LoadGood(pack);
  EXPECT_EQ(loaded.id, "wudi-2013");
  EXPECT_EQ(loaded.file_lines.at("pack.md")[0], "# 无棣县民生政策");
  EXPECT_EQ(loaded.FindParameter("a")->source.quote, "原文。");
  pack.Write("rules.md",
             "> 原文。\r\n\r\n```minsheng\r\nparameters:\r\n  a:\r\n    unit: mony\r\n"
             "    values: {2010-01-01: 1}\r\n```\r\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:6:11: `unit` of parameter 'a' cannot be 'mony'; did you mean 'money'?");
}

TEST(LoadPack, FormulaLocationIsItsFirstCharacter) {
  // Proves a formula's location is its text's first character in the .md file: the scalar
  // itself when plain, past the quote when quoted, the first content line of a block
  // scalar, with columns in characters even after CJK text.
  TempPack pack;
  WriteRules(pack, R"(variables:
  plain: {entity: person, period: month, type: number, formula: 1 + 2}
  double: {entity: person, period: month, type: number, formula: "1 + 2"}
  single:
    entity: person
    period: month
    type: number
    title: {zh: 单引号}
    formula: '1 + 2'
  block:
    entity: person
    period: month
    type: number
    formula: |

      if true
        then 1 else 2
  versions:
    entity: person
    period: month
    type: number
    formulas:
      - {from: 2012-08-01, formula: 2}
      - from: 2010-01-01
        until: 2012-07-31
        formula: >-
          1
  title: {entity: person, period: month, type: number, formula: "x", title: {zh: 标题}}
)");
  Pack loaded = LoadGood(pack);
  auto location = [&](std::string_view name, size_t version = 0) {
    const Variable* variable = loaded.FindVariable(name);
    EXPECT_NE(variable, nullptr) << name;
    return variable == nullptr ? "" : variable->formulas.at(version).location.ToString();
  };
  EXPECT_EQ(location("plain"), "rules.md:5:65");
  EXPECT_EQ(location("double"), "rules.md:6:67");
  EXPECT_EQ(location("single"), "rules.md:12:15");
  EXPECT_EQ(location("block"), "rules.md:19:7");
  EXPECT_EQ(loaded.FindVariable("block")->formulas[0].text, "\nif true\n  then 1 else 2\n");
  // Sorted by from: the 2010 version, written second, comes first.
  EXPECT_EQ(location("versions", 0), "rules.md:30:11");
  EXPECT_EQ(location("versions", 1), "rules.md:26:37");
  const Variable& versions = *loaded.FindVariable("versions");
  EXPECT_EQ(versions.FormulaAt(D("2011-01-01")), &versions.formulas[0]);
  EXPECT_EQ(versions.FormulaAt(D("2012-08-01")), &versions.formulas[1]);
  EXPECT_EQ(versions.FormulaAt(D("2009-12-31")), nullptr);
  EXPECT_EQ(location("title"), "rules.md:31:66");
}

TEST(LoadPackErrors, BadYamlIsPlacedInTheMdFile) {
  // Proves a YAML syntax error carries the .md file's line and column.
  TempPack pack;
  WriteRules(pack, "parameters:\n  a: {unit: number, values: [1, 2}\n");
  EXPECT_EQ(LoadError(pack), "rules.md:5:34: invalid YAML: illegal flow end");
}

TEST(LoadPackErrors, StrayCommaIsAnErrorNotAHang) {
  // Proves a ',' outside brackets, on which yaml-cpp 0.7 reads empty documents for ever,
  // is refused where it is (found by fuzz/pack_fuzz.cc).
  TempPack pack;
  WriteRules(pack, ",\n");
  EXPECT_EQ(LoadError(pack), "rules.md:4:1: invalid YAML: a ',' outside [ ] or { }");
  // After a first document: the error is the comma, not a second document.
  WriteRules(pack, "- a\n, b\n");
  EXPECT_EQ(LoadError(pack), "rules.md:5:1: invalid YAML: a ',' outside [ ] or { }");
}

TEST(LoadPackErrors, UnknownKeyGetsAHint) {
  // Proves an unknown key is refused at the key, with the closest known key as a hint, or
  // the list of known keys when none is close.
  TempPack pack;
  WriteRules(pack, "parameters:\n  a:\n    unit: number\n    valeus: {2010-01-01: 1}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:5: unknown key 'valeus' in parameter 'a'; did you mean 'values'?");
  WriteRules(pack, "parameter:\n  a: {unit: number}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:4:1: unknown key 'parameter' in a ```minsheng block; did you mean "
            "'parameters'?");
  WriteRules(pack, "programs:\n  p: {colour: red}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:7: unknown key 'colour' in program 'p' (expected title, variable, payer, "
            "payee, rounding, assumption, source)");
}

TEST(LoadPackErrors, DuplicateNameNamesTheFirst) {
  // Proves a name defined twice, even in another file, is refused at the second
  // definition, naming where the first is.
  TempPack pack;
  WriteRules(pack, "parameters:\n  fare: {unit: money, values: {2010-01-01: 1}}\n");
  pack.Write(
      "more.md",
      "> 又\n\n```minsheng\nparameters:\n  fare: {unit: money, values: {2011-01-01: 2}}\n```\n");
  EXPECT_EQ(LoadError(pack), "rules.md:5:3: parameter 'fare' is already defined at more.md:5");
}

TEST(LoadPackErrors, BadUnitAndBadValues) {
  // Proves a unit outside the four a parameter may have, and a value that does not read
  // in its unit, are refused at the value.
  TempPack pack;
  WriteRules(pack, "parameters:\n  a:\n    unit: monney\n    values: {2010-01-01: 1}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:6:11: `unit` of parameter 'a' cannot be 'monney'; did you mean 'money'?");
  WriteRules(pack, "parameters:\n  a:\n    unit: date\n    values: {2010-01-01: 1}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:6:11: `unit` of parameter 'a' cannot be 'date': expected money, rate, "
            "number or bool");
  WriteRules(pack, "parameters:\n  a:\n    unit: money\n    values:\n      2010-01-01: 1.234\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:8:19: not a money value for parameter 'a' from 2010-01-01: amount '1.234' is "
            "finer than a fen (at most 2 decimal places)");
  WriteRules(pack,
             "parameters:\n  a:\n    unit: number\n    values:\n      2010-01-01: {value: 2.5}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:8:27: not a number value for parameter 'a' from 2010-01-01: expected a whole "
            "number, got '2.5'");
  WriteRules(pack, "parameters:\n  a:\n    unit: number\n    values:\n      2010-13-01: 1\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:8:7: `values` of parameter 'a': '2010-13-01' is not a date: no such date "
            "2010-13-01");
  WriteRules(pack,
             "parameters:\n  a:\n    unit: number\n    values:\n"
             "      2010-01-01: {value: 1, until: 2012-01-01}\n      2011-01-01: 2\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:8:7: `values` of parameter 'a': the entry from 2010-01-01 runs until "
            "2012-01-01, past the start of the next on 2011-01-01");
}

TEST(LoadPackErrors, ScalesMustRise) {
  // Proves a scale's brackets must rise, and a plain parameter's keys on a scale are
  // explained.
  TempPack pack;
  WriteRules(pack,
             "parameters:\n  s:\n    scale: flat\n    brackets:\n      2010-01-01:\n"
             "        - {from: 10, amount: 1}\n        - {from: 5, amount: 2}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:10:18: scale 's' from 2010-01-01: each bracket must start above the "
            "one before, but ¥5.00 does not start above ¥10.00");
  WriteRules(pack, "parameters:\n  s:\n    scale: marginal\n    unit: rate\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:5: `unit` belongs to a plain parameter, but parameter 's' is a scale: "
            "it has `threshold:`, `result:` and `brackets:`");
}

TEST(LoadPackErrors, EnumWithoutValues) {
  // Proves an enum variable must list its values, and that only an enum may.
  TempPack pack;
  WriteRules(pack,
             "variables:\n  scheme:\n    entity: person\n    period: year\n    type: enum\n"
             "    input: true\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:3: enum variable 'scheme' needs `values:`, the list of its values "
            "(values: [ncms, urbmi])");
  WriteRules(pack,
             "variables:\n  n:\n    entity: person\n    period: year\n    type: number\n"
             "    values: [a]\n    input: true\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:9:5: only an enum variable lists `values:`, and variable 'n' is number");
}

TEST(LoadPackErrors, InputAndFormulaTogetherOrNeither) {
  // Proves a variable is either an input or computed by a formula, never both or neither.
  TempPack pack;
  WriteRules(pack,
             "variables:\n  x:\n    entity: person\n    period: month\n    type: money\n"
             "    input: true\n    formula: 1\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:10:5: variable 'x' is an input and has a formula: an input is read from "
            "the data, so drop `input: true` or the formula");
  WriteRules(pack, "variables:\n  x: {entity: person, period: month, type: money}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:3: variable 'x' needs a `formula:` (or dated `formulas:`), or `input: "
            "true`");
}

TEST(LoadPackErrors, OverlappingFormulaVersions) {
  // Proves two formula versions in force on the same day are refused at the later one,
  // naming the earlier.
  TempPack pack;
  WriteRules(pack,
             "variables:\n  x:\n    entity: person\n    period: month\n    type: money\n"
             "    formulas:\n      - {from: 2010-01-01, until: 2012-12-31, formula: 1}\n"
             "      - {from: 2012-08-01, formula: 2}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:11:9: formula versions of variable 'x' overlap: the version at rules.md:10 "
            "is still in force on 2012-08-01");
  WriteRules(pack,
             "variables:\n  x:\n    entity: person\n    period: month\n    type: money\n"
             "    formulas:\n      - {formula: 1}\n      - {formula: 2}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:11:9: formula versions of variable 'x' overlap: the version at rules.md:10 "
            "is still in force from the start (neither has `from:`)");
}

TEST(LoadPackErrors, InputIsAFlagOrABindingOfAClaimVariable) {
  // Proves `input:` is true, false or a binding of a known form, with a hint when what it
  // reads from is misspelt, and that only a variable of the claim may be bound.
  TempPack pack;
  WriteRules(pack, "variables:\n  x: {entity: claim, period: month, type: money, input: maybe}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:57: `input` of variable 'x' cannot be 'maybe': expected true, false, "
            "claim.<field>, items.<category>, person.<variable> or year_before.<variable>");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: money, input: "
             "clam.total_cost}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:57: `input` of variable 'x' cannot be 'clam.total_cost'; did you mean "
            "'claim.total_cost'?");
  WriteRules(pack,
             "variables:\n  x: {entity: person, period: month, type: money, input: "
             "claim.total_cost}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:58: variable 'x' of entity 'person' cannot be bound to claim.total_cost: "
            "only a variable of entity 'claim' is read from a claim; write `input: true`");
}

TEST(LoadPackErrors, ClaimFieldsAndItemsGiveTheirTypes) {
  // Proves a claim field must exist (with a hint) and have the variable's type, a hospital
  // level must hold every level a claim may give, and item categories and variable names
  // in a binding must be names; each error at the binding's text.
  TempPack pack;
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: money, input: "
             "claim.compliant_costs}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:57: variable 'x' is bound to claim.compliant_costs, but a claim has no "
            "field 'compliant_costs'; did you mean 'compliant_cost'?");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: number, input: "
             "claim.bed_days}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:58: variable 'x' is bound to claim.bed_days, but a claim has no field "
            "'bed_days': expected total_cost, compliant_cost, hospital_level, stay_days, "
            "admitted or discharged");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: number, input: "
             "claim.total_cost}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:58: variable 'x' is number, but claim.total_cost is money: give it "
            "`type: money`");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: date, input: "
             "claim.stay_days}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:56: variable 'x' is date, but claim.stay_days is number: give it "
            "`type: number`");
  WriteRules(pack,
             "variables:\n  level:\n    entity: claim\n    period: month\n    type: enum\n"
             "    values: [village, township, city]\n    input: claim.hospital_level\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:10:12: variable 'level' is bound to claim.hospital_level, so its `values:` "
            "must include village, township, county, city and out_of_area; it lacks county and "
            "out_of_area");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: money, input: "
             "items.Special_Drug}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:57: variable 'x' is bound to items.Special_Drug, but 'Special_Drug' is "
            "not a category name: use lowercase letters, digits and _, starting with a letter, "
            "at most 64 characters");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: number, input: "
             "items.special_drug}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:58: variable 'x' is number, but items.special_drug is money: give it "
            "`type: money`");
  WriteRules(pack,
             "variables:\n  x: {entity: claim, period: month, type: money, input: person.}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:57: variable 'x' is bound to person., but '' is not a variable name: use "
            "lowercase letters, digits and _, starting with a letter, at most 64 characters");
}

TEST(LoadPackErrors, ClaimVariablesAreMonthly) {
  // Proves a variable of the claim must be monthly, the error at its period saying why.
  TempPack pack;
  WriteRules(pack, "variables:\n  x: {entity: claim, period: year, type: money, input: true}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:30: variable 'x' of entity 'claim' cannot have period year: a settlement "
            "computes a claim's variables for the month the stay ended, so write `period: month`");
}

// A claim variable and a stage paying it, `stage` being the stage's keys after its name:
// the stage's name is at rules.md:7:3.
void WriteStage(const TempPack& pack, const std::string& stage) {
  const std::string variable =
      "variables:\n  x: {entity: claim, period: month, type: money, input: true}\n";
  WriteRules(pack, variable + "stages:\n  s: " + stage + "\n");
}

constexpr char kStageTitle[] = "title: {zh: 基本医保, en: Basic insurance}";

TEST(LoadPackErrors, StagesNeedTheirKeysAndAnOrderOfTheirOwn) {
  // Proves a stage needs its keys, a payee of the two kinds, a payer account without
  // spaces, a title in both languages and a source, and an order that is a positive whole
  // number no other stage has, the error at the second naming the first.
  TempPack pack;
  const std::string title = kStageTitle;
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: hospital}");
  EXPECT_EQ(LoadError(pack), "rules.md:7:3: stage 's' needs `order:`");
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: hospital, odrer: 1}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:87: unknown key 'odrer' in stage 's'; did you mean 'order'?");
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: hospitl, order: 1}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:77: `payee` of stage 's' cannot be 'hospitl'; did you mean 'hospital'?");
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: person, order: 1}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:77: `payee` of stage 's' cannot be 'person': expected hospital or "
            "patient");
  WriteStage(pack, "{" + title + ", variable: x, payer: fund m, payee: patient, order: 1}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:67: `payer` of stage 's' should be a ledger account code without "
            "spaces, e.g. fund/medical_insurance/county");
  WriteStage(pack, "{title: {zh: 基本医保}, variable: x, payer: f, payee: patient, order: 1}");
  EXPECT_EQ(LoadError(pack), "rules.md:7:7: `title` of stage 's' needs `en:`");
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: patient, order: 0}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:93: `order` of stage 's' should be a positive whole number, not '0': "
            "stages pay in ascending order");
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: patient, order: first}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:93: `order` of stage 's' should be a positive whole number, not "
            "'first': stages pay in ascending order");
  WriteStage(pack, "{" + title + ", variable: x, payer: f, payee: patient, order: 1}\n  t:\n    " +
                       title + "\n    variable: x\n    payer: f\n    payee: hospital\n" +
                       "    order: 1");
  EXPECT_EQ(LoadError(pack),
            "rules.md:13:12: stage 't' has `order: 1`, as stage 's' does at rules.md:7: give "
            "each stage its own place in the chain");
  pack.Write("rules.md",
             "# 无引文\n\n```minsheng\nvariables:\n  x: {entity: claim, period: month, type: "
             "money, input: true, assumption: the text is silent}\nstages:\n  s: {" +
                 title + ", variable: x, payer: f, payee: patient, order: 1}\n```\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:3: definition 's' has no source: put the quoted text above the block, "
            "or say `assumption:`");
}

TEST(LoadPackErrors, StagesPayAMoneyVariableOfTheClaim) {
  // Proves a stage's variable must be defined (with a hint among the claim's money
  // variables), be the claim's and be money, the error at the variable's name.
  TempPack pack;
  const std::string title = kStageTitle;
  WriteStage(pack, "{" + title + ", variable: xx, payer: f, payee: patient, order: 1}");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:57: stage 's' pays variable 'xx', which is not defined; did you mean "
            "'x'?");
  WriteRules(pack,
             "variables:\n  p: {entity: person, period: month, type: money, input: true}\n"
             "stages:\n  s: {" +
                 title + ", variable: p, payer: f, payee: patient, order: 1}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:57: stage 's' pays variable 'p', which is a variable of person, not of "
            "claim");
  WriteRules(pack,
             "variables:\n  n: {entity: claim, period: month, type: number, input: true}\n"
             "stages:\n  s: {" +
                 title + ", variable: n, payer: f, payee: patient, order: 1}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:7:57: stage 's' pays variable 'n', which is number, not money");
}

TEST(LoadPackErrors, MissingPackBlockOrMisplacedOne) {
  // Proves pack.md must hold the `pack:` block, once, and no other file may.
  TempPack pack;
  pack.Write("pack.md", "# 无\n");
  EXPECT_EQ(LoadError(pack),
            "pack.md:1:1: pack.md has no `pack:` block: give the pack's id, name and region in "
            "a ```minsheng block");
  WriteRules(pack, "pack:\n  id: x\n");
  EXPECT_EQ(LoadError(pack), "rules.md:4:1: the `pack:` block belongs in pack.md");
  pack.Write("rules.md", "");
  pack.Write("pack.md", std::string(kPackMd) + "```minsheng\npack: {}\n```\n");
  EXPECT_EQ(LoadError(pack), "pack.md:11:1: a second `pack:` block; the first is at pack.md:4");
  pack.Write("pack.md",
             "```minsheng\npack:\n  id: Wudi\n  name: {zh: 无, en: W}\n  region: \"37\"\n```\n");
  EXPECT_EQ(LoadError(pack),
            "pack.md:3:7: pack id 'Wudi' should be lowercase letters, digits and -, e.g. "
            "wudi-2013");
  pack.Write("pack.md",
             "```minsheng\npack:\n  id: w\n  name: {zh: 无, en: W}\n  region: \"371\"\n```\n");
  EXPECT_EQ(LoadError(pack),
            "pack.md:5:11: region '371' should be a GB/T 2260 code of 2, 4 or 6 digits, e.g. "
            "\"371623\"");
}

TEST(LoadPackErrors, MissingSource) {
  // Proves a definition under no quote, without `source:` or `assumption:`, is refused at
  // its name.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md",
             "# 无引文\n\n```minsheng\nparameters:\n  fare: {unit: money, values: {2010-01-01: "
             "1}}\n```\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:3: definition 'fare' has no source: put the quoted text above the block, "
            "or say `assumption:`");
}

TEST(LoadPackErrors, NamesAndReferences) {
  // Proves names must be identifiers of limited length, and that a variable's entity and a
  // program's variable must exist (a program's must be money).
  TempPack pack;
  WriteRules(pack, "parameters:\n  Fare: {unit: money, values: {2010-01-01: 1}}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:3: 'Fare' is not a valid parameter name: use lowercase letters, digits "
            "and _, starting with a letter");
  WriteRules(pack, "parameters:\n  " + std::string(kNameLengthMax + 1, 'a') +
                       ": {unit: money, values: {2010-01-01: 1}}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:3: parameter name 'aaaaaaaaaaaaaaaaaaaa'… is longer "
            "than 64 characters");
  WriteRules(pack, "variables:\n  x: {entity: persn, period: month, type: money, input: true}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:15: variable 'x' belongs to entity 'persn', which is not defined; did "
            "you mean 'person'?");
  WriteRules(pack,
             "variables:\n  x: {entity: person, period: month, type: bool, input: true}\n"
             "programs:\n  p:\n    variable: x\n    title: {zh: 补, en: P}\n"
             "    payer: fund/x\n    payee: person\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:8:15: program 'p' pays variable 'x', which is bool, not money");
}

TEST(LoadPackErrors, EntitiesAndProgramRounding) {
  // Proves an entity's group must be another top-level entity, and a program's rounding
  // may not contradict its variable's.
  TempPack pack;
  WriteRules(pack, "entities:\n  person: {group: home, roles: [head]}\n  household:\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:19: entity 'person' belongs to group 'home', which is not another "
            "defined entity");
  WriteRules(pack, "entities:\n  person: {group: household}\n  household:\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:5:3: entity 'person' needs `roles:`, its members' roles in the group");
  WriteRules(pack,
             "variables:\n  x:\n    entity: person\n    period: month\n    type: money\n"
             "    input: true\n    rounding: half_up_yuan\n"
             "programs:\n  x: {variable: x, title: {zh: 补, en: X}, payer: f, payee: person, "
             "rounding: half_even_fen}\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:12:78: program 'x' rounds half_even_fen, but variable 'x' rounds "
            "half_up_yuan at rules.md:10");
  WriteRules(pack,
             "variables:\n  x: {entity: person, period: month, type: money, input: true}\n"
             "programs:\n  x: {variable: x, title: {zh: 补}, payer: f, payee: person}\n");
  EXPECT_EQ(LoadError(pack), "rules.md:7:20: `title` of program 'x' needs `en:`");
}

TEST(LoadPackErrors, StructureOfTheMarkdown) {
  // Proves an unclosed block, a misspelt fence, an alias and a file that is not UTF-8 are
  // refused where they are.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", "> 文\n```minsheng\nparameters:\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:2:1: this ```minsheng block is never closed: end it with a line of ```");
  pack.Write("rules.md", "> 文\n``` minsheng\n```\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:2:1: write the fence of a definitions block as ```minsheng, alone at the "
            "start of its line");
  WriteRules(pack, "parameters:\n  a: &v {unit: number, values: {2010-01-01: 1}}\n  b: *v\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:6:6: YAML aliases (*name) are not allowed in a pack: write the value out");
  pack.Write("rules.md", "> 文\n\xff\n");
  EXPECT_EQ(LoadError(pack),
            "rules.md:2:1: the file is not UTF-8 text (byte 7 is not part of a UTF-8 character)");
}

TEST(LoadPackErrors, MissingFolderOrPackMd) {
  // Proves a folder that is not there, or has no pack.md, is a clear error.
  Result<Pack> missing = LoadPack("/nonexistent/minsheng/pack");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().ToString(), "no pack folder at '/nonexistent/minsheng/pack'");
  TempPack pack;
  pack.Write("rules.md", "");
  EXPECT_EQ(LoadError(pack), "'" + pack.directory() +
                                 "' has no pack.md: a pack folder holds pack.md, more .md files "
                                 "and tests/ (docs/packs.md)");
}

TEST(LoadPackErrors, LimitsOnFilesAndBytes) {
  // Proves the limits on the number of files and on their total size hold.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  for (size_t i = 0; i < kPackFilesMax; ++i) pack.Write("tests/" + std::to_string(i) + ".yaml", "");
  EXPECT_EQ(LoadError(pack), "the pack has more than 256 .md and tests/*.yaml files");
  TempPack big;
  big.Write("pack.md", kPackMd);
  big.Write("big.md", std::string(kPackBytesMax, '\n'));
  EXPECT_EQ(LoadError(big).substr(0, 46), "the pack is larger than 8 MiB of .md and .yaml");
}

TEST(LoadAndCheckPack, ChecksTheFormulasItLoaded) {
  // Proves LoadAndCheckPack runs CheckPack on the loaded pack: a good pack comes back
  // ordered for evaluation, and a formula's error is placed at its text in the .md file.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", kRulesMd);
  Result<Pack> checked = LoadAndCheckPack(pack.directory());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->evaluation_order.size(), 3u);
  EXPECT_NE(checked->FindVariable("school_bus_subsidy")->formulas[0].expression, nullptr);

  std::string rules(kRulesMd);
  rules.replace(rules.find("if is_student"), 13, "if is_studnet");
  pack.Write("rules.md", rules);
  Result<Pack> typo = LoadAndCheckPack(pack.directory());
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().location().ToString(), "rules.md:42:17");
  EXPECT_NE(typo.status().message().find("is_studnet"), std::string::npos);
}

TEST(FormatDiagnostic, PrintsTheLineAndACaretUnderTheColumn) {
  // Proves the diagnostic quotes the offending line with a caret under the column, wide
  // characters counting two columns, and falls back to the plain message elsewhere.
  TempPack pack;
  pack.Write("pack.md", kPackMd);
  pack.Write("rules.md", "> 文\n\n```minsheng\nparameters:\n  票价: {unit: money}\n```\n");
  Result<Pack> loaded = LoadPack(pack.directory());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(FormatDiagnostic(loaded.status(), pack.directory()),
            pack.directory() +
                "/rules.md:5:3: '票价' is not a valid parameter name: use lowercase letters, "
                "digits and _, starting with a letter\n"
                "      票价: {unit: money}\n"
                "      ^\n");
  const Status after_wide = InvalidArgument("bad").At(SourceLocation::InText("rules.md", 5, 6));
  EXPECT_EQ(FormatDiagnostic(after_wide, pack.directory() + "/"),
            pack.directory() + "/rules.md:5:6: bad\n      票价: {unit: money}\n           ^\n");
  const Status elsewhere = InvalidArgument("bad").At(SourceLocation::InText("gone.md", 1, 1));
  EXPECT_EQ(FormatDiagnostic(elsewhere, pack.directory()), "gone.md:1:1: bad");
  const Status outside = InvalidArgument("bad").At(SourceLocation::InText("../x.md", 1, 1));
  EXPECT_EQ(FormatDiagnostic(outside, pack.directory()), "../x.md:1:1: bad");
  EXPECT_EQ(FormatDiagnostic(InvalidArgument("plain"), pack.directory()), "plain");
}

}  // namespace
}  // namespace minsheng::policy
