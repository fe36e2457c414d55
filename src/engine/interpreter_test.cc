// Tests of the reference interpreter's explanations (interpreter.h, Explain) and of their
// renderings (explain.h): the tree records the scale segments applied, the branch taken,
// every parameter read with its value, effective date, source quote, file:line and
// assumption; the Chinese and English text and the JSON carry the same.
//
// The explanations are of the Zibo pack's resident critical-illness insurance
// (policies/zibo-2017/critical_illness.md) in 2017, for a registered poor person and for
// a person who is not, both with ¥250,000 self-paid; and of Wudi's school-bus subsidy
// over a year. The renderings are checked for their content line by line, not for their
// exact layout.
#include "engine/interpreter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/testing_helpers.h"
#include "policy/loader.h"

namespace minsheng::engine {
namespace {

using testing::BuildPopulationOrFail;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kQuote2016[] =
    "2016年,对建档立卡的贫困人口,居民大病保险起付线减半,分段报销比例提高5个百分点,"
    "封顶线提高到50万元,减轻了贫困人口医疗负担。";
constexpr char kCapAssumption[] =
    "the 300,000 cap is the seed's (封顶线30万元); 200,000 in 2014 is Shandong's 2014 rule";

const policy::Pack& ZiboPack() {
  static const policy::Pack pack = [] {
    Result<policy::Pack> loaded =
        policy::LoadAndCheckPack(MINSHENG_SOURCE_DIR "/policies/zibo-2017");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? std::move(loaded).value() : policy::Pack{};
  }();
  return pack;
}

// p1 is registered poor, p2 is not; both paid ¥250,000 themselves in 2017.
const Population& ZiboPopulation() {
  static const Population population = BuildPopulationOrFail(
      ZiboPack(), {{"h1",
                    {},
                    {{"p1", {{"critical_self_paid", "250000"}, {"poverty_registered", "true"}}},
                     {"p2", {{"critical_self_paid", "250000"}}}}}});
  return population;
}

Explanation ExplainCriticalIllness(size_t row) {
  Interpreter interpreter(ZiboPack(), ZiboPopulation());
  Result<Explanation> explanation = interpreter.Explain(
      ZiboPack().VariableIndex("resident_critical_illness"), row, Period::Year(2017));
  EXPECT_TRUE(explanation.ok()) << explanation.status().ToString();
  return explanation.ok() ? std::move(explanation).value() : Explanation{};
}

// Every step of the tree, depth first.
void Walk(const Explanation& step, const std::function<void(const Explanation&)>& visit) {
  visit(step);
  for (const Explanation& child : step.children) Walk(child, visit);
}

std::vector<const Explanation*> StepsOfKind(const Explanation& root, Explanation::Kind kind) {
  std::vector<const Explanation*> steps;
  Walk(root, [&](const Explanation& step) {
    if (step.kind == kind) steps.push_back(&step);
  });
  return steps;
}

const Explanation* StepWithText(const Explanation& root, const std::string& text) {
  const Explanation* found = nullptr;
  Walk(root, [&](const Explanation& step) {
    if (found == nullptr && step.text == text) found = &step;
  });
  return found;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Whether one line of the text holds every fragment.
bool HasLineWithAll(const std::string& text, const std::vector<std::string>& fragments) {
  for (const std::string& line : Lines(text)) {
    bool all = true;
    for (const std::string& fragment : fragments)
      all = all && line.find(fragment) != std::string::npos;
    if (all) return true;
  }
  return false;
}

// Proves that the explanation of the registered poor person's critical-illness payment
// records the variable (value, entity, period, formula version, source quote at
// critical_illness.md:56), the branch taken (then, and only then: the general rule is not
// explained), each segment of the poverty scale with the part of the amount in it and
// its rate, and the cap parameter with its value, its effective date, its source quote
// and its place; and that its value is what Evaluate and the engine give.
TEST(ExplainTest, RegisteredPoorCriticalIllnessRecordsSegmentsBranchAndParameters) {
  const Explanation root = ExplainCriticalIllness(0);
  EXPECT_EQ(root.kind, Explanation::Kind::kVariable);
  EXPECT_EQ(root.text, "resident_critical_illness");
  EXPECT_EQ(root.value.raw, 154'200'00);
  EXPECT_EQ(root.value.type, policy::Type::kMoney);
  EXPECT_EQ(root.entity, "person 'p1'");
  EXPECT_EQ(root.period, "2017");
  EXPECT_EQ(root.note_en, "formula in force from 2016-01-01");
  ASSERT_NE(root.source, nullptr);
  EXPECT_EQ(root.source->quote, kQuote2016);
  EXPECT_EQ(root.source->location.ToString(), "critical_illness.md:56");

  const std::vector<const Explanation*> conditions =
      StepsOfKind(root, Explanation::Kind::kCondition);
  ASSERT_EQ(conditions.size(), 1u);
  const Explanation& branch = *conditions[0];
  EXPECT_THAT(branch.text, StartsWith("if poverty_registered then"));
  EXPECT_EQ(branch.note_en, "condition holds: then-branch");
  EXPECT_EQ(branch.note_zh, "条件成立，取 then 分支");
  ASSERT_EQ(branch.children.size(), 2u) << "the condition and the branch taken, not the other";
  EXPECT_EQ(branch.children[0].value.raw, 1);
  EXPECT_THAT(branch.children[1].text, StartsWith("min(scale(p.critical_illness_scale_poverty,"));
  EXPECT_EQ(StepWithText(root, "p.critical_illness_cap"), nullptr)
      << "the else-branch is explained";

  const Explanation* scale =
      StepWithText(root, "scale(p.critical_illness_scale_poverty, critical_self_paid)");
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->kind, Explanation::Kind::kScale);
  EXPECT_EQ(scale->value.raw, 154'200'00);
  ASSERT_NE(scale->source, nullptr);
  EXPECT_EQ(scale->source->quote, kQuote2016);
  EXPECT_EQ(scale->source->location.line, 56);
  EXPECT_THAT(scale->assumption, IsEmpty());
  std::vector<std::string> segments;
  std::vector<int64_t> parts;
  for (const Explanation& step : scale->children) {
    if (step.kind != Explanation::Kind::kScale) continue;
    segments.push_back(step.text);
    parts.push_back(step.value.raw);
    EXPECT_EQ(step.location.ToString(), "critical_illness.md:69:7") << "the 2016 version";
  }
  EXPECT_THAT(segments,
              ::testing::ElementsAre("[¥0.00, ¥6,000.00) × 0%", "[¥6,000.00, ¥100,000.00) × 55%",
                                     "[¥100,000.00, ¥200,000.00) × 65%",
                                     "[¥200,000.00, ¥250,000.00) × 75%"));
  // 55% × 94,000 + 65% × 100,000 + 75% × 50,000 = 154,200.
  EXPECT_THAT(parts, ::testing::ElementsAre(6'000'00, 94'000'00, 100'000'00, 50'000'00));

  const Explanation* cap = StepWithText(root, "p.critical_illness_cap_poverty");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->kind, Explanation::Kind::kParameter);
  EXPECT_EQ(cap->value.raw, 500'000'00);
  EXPECT_EQ(cap->note_en, "on 2017-01-01, in force from 2016-01-01");
  EXPECT_EQ(cap->location.ToString(), "critical_illness.md:74:3");
  ASSERT_NE(cap->source, nullptr);
  EXPECT_EQ(cap->source->quote, kQuote2016);
  EXPECT_EQ(cap->source->location.ToString(), "critical_illness.md:56");
  EXPECT_THAT(cap->assumption, IsEmpty()) << "the 2016 text gives the cap";

  Interpreter interpreter(ZiboPack(), ZiboPopulation());
  const int variable = ZiboPack().VariableIndex("resident_critical_illness");
  Result<int64_t> evaluated = interpreter.Evaluate(variable, 0, Period::Year(2017));
  ASSERT_TRUE(evaluated.ok()) << evaluated.status().ToString();
  EXPECT_EQ(*evaluated, root.value.raw);
  Engine engine(ZiboPack(), ZiboPopulation());
  Result<const Values*> computed = engine.Compute(variable, Period::Year(2017));
  ASSERT_TRUE(computed.ok()) << computed.status().ToString();
  EXPECT_EQ((*computed)->At(0), root.value.raw);
}

// Proves that for a person who is not registered poor the explanation records the
// else-branch and the general rule's parameters with their assumptions: the pack says
// the segments from 2015 and the 2014 cap are assumed, and why.
TEST(ExplainTest, GeneralPersonRecordsElseBranchAndAssumptions) {
  const Explanation root = ExplainCriticalIllness(1);
  EXPECT_EQ(root.value.raw, 139'000'00);
  EXPECT_EQ(root.entity, "person 'p2'");
  const std::vector<const Explanation*> conditions =
      StepsOfKind(root, Explanation::Kind::kCondition);
  ASSERT_EQ(conditions.size(), 1u);
  EXPECT_EQ(conditions[0]->note_en, "condition fails: else-branch");
  EXPECT_EQ(conditions[0]->note_zh, "条件不成立，取 else 分支");

  const Explanation* cap = StepWithText(root, "p.critical_illness_cap");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->value.raw, 300'000'00);
  EXPECT_EQ(cap->note_en, "on 2017-01-01, in force from 2015-01-01");
  EXPECT_EQ(cap->assumption, kCapAssumption);
  ASSERT_NE(cap->source, nullptr);
  EXPECT_EQ(cap->source->location.ToString(), "critical_illness.md:6");
  EXPECT_THAT(cap->source->quote, HasSubstr("封顶线30万元"));

  const Explanation* scale =
      StepWithText(root, "scale(p.critical_illness_scale, critical_self_paid)");
  ASSERT_NE(scale, nullptr);
  EXPECT_THAT(scale->assumption, StartsWith("the seed gives only the floor (不低于50%)"));
  EXPECT_NE(StepWithText(*scale, "[¥12,000.00, ¥100,000.00) × 50%"), nullptr);
  EXPECT_EQ(StepWithText(root, "p.critical_illness_cap_poverty"), nullptr);
}

// Proves that the English text carries the explanation: the variable with its entity,
// period, value and formula version; the source quote with file:line; the branch taken;
// each segment with its part and rate; the cap with its value and dates; and, for the
// general rule, the assumptions.
TEST(ExplainTextTest, EnglishTextCarriesTheExplanation) {
  const std::string text = ExplanationToText(ExplainCriticalIllness(0), Language::kEnglish);
  const std::vector<std::string> lines = Lines(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines[0], StartsWith("resident_critical_illness"));
  for (const char* fragment :
       {"person 'p1'", "2017", "¥154,200.00", "formula in force from 2016-01-01"}) {
    EXPECT_THAT(lines[0], HasSubstr(fragment));
  }
  EXPECT_TRUE(HasLineWithAll(text, {"critical_illness.md:56", kQuote2016})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"if poverty_registered", "condition holds: then-branch"}))
      << text;
  EXPECT_TRUE(HasLineWithAll(text, {"poverty_registered", "true"})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"[¥6,000.00, ¥100,000.00) × 55%", "¥94,000.00"})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"[¥100,000.00, ¥200,000.00) × 65%", "¥100,000.00"})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"[¥200,000.00, ¥250,000.00) × 75%", "¥50,000.00"})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"p.critical_illness_cap_poverty", "¥500,000.00", "2017-01-01",
                                    "in force from 2016-01-01"}))
      << text;
  EXPECT_THAT(text, ::testing::Not(HasSubstr("assumption")));

  const std::string general = ExplanationToText(ExplainCriticalIllness(1), Language::kEnglish);
  EXPECT_TRUE(HasLineWithAll(general, {"condition fails: else-branch"})) << general;
  EXPECT_TRUE(HasLineWithAll(general, {"assumption", kCapAssumption})) << general;
  EXPECT_TRUE(HasLineWithAll(general, {"assumption", "the seed gives only the floor"})) << general;
  EXPECT_TRUE(HasLineWithAll(general,
                             {"p.critical_illness_cap", "¥300,000.00", "in force from 2015-01-01"}))
      << general;
  EXPECT_TRUE(HasLineWithAll(general, {"critical_illness.md:6", "封顶线30万"})) << general;
}

// Proves that the Chinese text carries the same explanation in Chinese: 依据 with the
// quote and its place, 条件成立 for the branch, the segments with 比例, 适用 and 起施行 for
// the cap, and 假设 for the assumptions of the general rule.
TEST(ExplainTextTest, ChineseTextCarriesTheExplanation) {
  const std::string text = ExplanationToText(ExplainCriticalIllness(0), Language::kChinese);
  const std::vector<std::string> lines = Lines(text);
  ASSERT_FALSE(lines.empty());
  for (const char* fragment :
       {"resident_critical_illness", "person 'p1'", "2017", "¥154,200.00", "2016-01-01 起"}) {
    EXPECT_THAT(lines[0], HasSubstr(fragment));
  }
  EXPECT_TRUE(HasLineWithAll(text, {"依据", "critical_illness.md:56", kQuote2016})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"if poverty_registered", "条件成立，取 then 分支"})) << text;
  EXPECT_TRUE(HasLineWithAll(text, {"[¥6,000.00, ¥100,000.00) × 55%", "¥94,000.00", "比例 55%"}))
      << text;
  EXPECT_TRUE(HasLineWithAll(text, {"p.critical_illness_cap_poverty", "¥500,000.00",
                                    "2017-01-01 适用", "2016-01-01 起施行"}))
      << text;
  EXPECT_THAT(text, ::testing::Not(HasSubstr("condition holds")));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("假设")));

  const std::string general = ExplanationToText(ExplainCriticalIllness(1), Language::kChinese);
  EXPECT_TRUE(HasLineWithAll(general, {"条件不成立，取 else 分支"})) << general;
  EXPECT_TRUE(HasLineWithAll(general, {"假设", kCapAssumption})) << general;
  EXPECT_TRUE(HasLineWithAll(general, {"依据", "critical_illness.md:6"})) << general;
}

// Every JSON object of the tree, depth first.
void WalkJson(const nlohmann::json& step, const std::function<void(const nlohmann::json&)>& visit) {
  visit(step);
  if (step.contains("children")) {
    for (const nlohmann::json& child : step["children"]) WalkJson(child, visit);
  }
}

nlohmann::json JsonStepWithText(const nlohmann::json& root, const std::string& text) {
  nlohmann::json found;
  WalkJson(root, [&](const nlohmann::json& step) {
    if (found.is_null() && step.value("text", "") == text) found = step;
  });
  return found;
}

// Proves that the JSON rendering parses and carries the tree: the root's value, type,
// entity, period, formula note, source {quote, file, line} and location; the branch's
// note; every segment; the cap with its source and place; the assumptions of the general
// rule; and notes in Chinese when asked.
TEST(ExplainJsonTest, JsonCarriesTheExplanation) {
  const nlohmann::json root =
      nlohmann::json::parse(ExplanationToJson(ExplainCriticalIllness(0), Language::kEnglish));
  EXPECT_EQ(root["text"], "resident_critical_illness");
  EXPECT_EQ(root["kind"], "variable");
  EXPECT_EQ(root["value"], "154200.00");
  EXPECT_EQ(root["type"], "money");
  EXPECT_EQ(root["entity"], "person 'p1'");
  EXPECT_EQ(root["period"], "2017");
  EXPECT_EQ(root["note"], "formula in force from 2016-01-01");
  EXPECT_EQ(root["source"]["quote"], kQuote2016);
  EXPECT_EQ(root["source"]["file"], "critical_illness.md");
  EXPECT_EQ(root["source"]["line"], 56);
  EXPECT_EQ(root["location"], "critical_illness.md:80:3");
  EXPECT_FALSE(root.contains("assumption"));

  std::vector<std::string> kinds;
  std::vector<std::string> segments;
  WalkJson(root, [&](const nlohmann::json& step) {
    kinds.push_back(step["kind"]);
    const std::string text = step["text"];
    if (step["kind"] == "scale" && text.starts_with("["))
      segments.push_back(text + " = " + std::string(step["value"]));
    if (step["kind"] == "condition") {
      EXPECT_EQ(step["note"], "condition holds: then-branch");
    }
  });
  EXPECT_THAT(kinds, ::testing::Contains("condition"));
  EXPECT_THAT(kinds, ::testing::Contains("input"));
  EXPECT_THAT(segments, ::testing::ElementsAre("[¥0.00, ¥6,000.00) × 0% = 6000.00",
                                               "[¥6,000.00, ¥100,000.00) × 55% = 94000.00",
                                               "[¥100,000.00, ¥200,000.00) × 65% = 100000.00",
                                               "[¥200,000.00, ¥250,000.00) × 75% = 50000.00"));

  const nlohmann::json cap = JsonStepWithText(root, "p.critical_illness_cap_poverty");
  ASSERT_TRUE(cap.is_object());
  EXPECT_EQ(cap["kind"], "parameter");
  EXPECT_EQ(cap["value"], "500000.00");
  EXPECT_EQ(cap["note"], "on 2017-01-01, in force from 2016-01-01");
  EXPECT_EQ(cap["location"], "critical_illness.md:74:3");
  EXPECT_EQ(cap["source"]["file"], "critical_illness.md");
  EXPECT_EQ(cap["source"]["line"], 56);
  EXPECT_EQ(cap["source"]["quote"], kQuote2016);

  const nlohmann::json general =
      nlohmann::json::parse(ExplanationToJson(ExplainCriticalIllness(1), Language::kChinese));
  EXPECT_EQ(general["value"], "139000.00");
  EXPECT_EQ(general["note"], "公式（2016-01-01 起施行）");
  const nlohmann::json general_cap = JsonStepWithText(general, "p.critical_illness_cap");
  ASSERT_TRUE(general_cap.is_object());
  EXPECT_EQ(general_cap["assumption"], kCapAssumption);
  EXPECT_EQ(general_cap["note"], "2017-01-01 适用，2015-01-01 起施行");
  EXPECT_EQ(general_cap["source"]["line"], 6);
  bool else_branch = false;
  WalkJson(general, [&](const nlohmann::json& step) {
    if (step["kind"] == "condition") else_branch = step["note"] == "条件不成立，取 else 分支";
  });
  EXPECT_TRUE(else_branch);
}

// Proves that a monthly variable explained over a year is the sum of its twelve months,
// each explained with its own period (Wudi's school-bus subsidy, ¥70 a month in 2013).
TEST(ExplainTest, MonthlyVariableOverAYearExplainsEachMonth) {
  Result<policy::Pack> pack = policy::LoadAndCheckPack(MINSHENG_SOURCE_DIR "/policies/wudi-2013");
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  const Population population = BuildPopulationOrFail(
      *pack,
      {{"h1", {}, {{"p1", {{"is_student", "true"}, {"rides_school_bus", "true"}}, "child"}}}});
  Interpreter interpreter(*pack, population);
  Result<Explanation> explanation =
      interpreter.Explain(pack->VariableIndex("school_bus_subsidy"), 0, Period::Year(2013));
  ASSERT_TRUE(explanation.ok()) << explanation.status().ToString();
  EXPECT_EQ(explanation->value.raw, 840'00);
  EXPECT_EQ(explanation->note_en, "sum of the months of 2013");
  ASSERT_EQ(explanation->children.size(), 12u);
  for (int month = 1; month <= 12; ++month) {
    const Explanation& step = explanation->children[static_cast<size_t>(month - 1)];
    EXPECT_EQ(step.kind, Explanation::Kind::kVariable);
    EXPECT_EQ(step.period, Period::Month(2013, month).ToString());
    EXPECT_EQ(step.value.raw, 70'00);
  }
}

// Proves that Explain fails exactly as Evaluate does when the formula faults: the error
// names the expression, the entity and the place.
TEST(ExplainTest, ExplainFailsAsEvaluateDoes) {
  const policy::Pack pack = testing::LoadTestPackOrFail({{"rules.md", R"rules(# Rules

> 测试。

```minsheng
variables:
  income: {entity: person, period: month, type: money, input: true}
  age: {entity: person, period: eternity, type: number, input: true}
  per_age: {entity: person, period: month, type: money, formula: "income / age"}
```
)rules"}});
  const Population population =
      BuildPopulationOrFail(pack, {{"h1", {}, {{"p1", {{"income", "10"}, {"age", "0"}}}}}});
  Interpreter interpreter(pack, population);
  const int variable = pack.VariableIndex("per_age");
  Result<Explanation> explanation = interpreter.Explain(variable, 0, Period::Month(2013, 1));
  ASSERT_FALSE(explanation.ok());
  EXPECT_EQ(explanation.status().ToString(),
            "rules.md:9:67: division by zero in 'income / age' for person 'p1'");
  Result<int64_t> evaluated = interpreter.Evaluate(variable, 0, Period::Month(2013, 1));
  ASSERT_FALSE(evaluated.ok());
  EXPECT_EQ(evaluated.status().ToString(), explanation.status().ToString());
}

}  // namespace
}  // namespace minsheng::engine
