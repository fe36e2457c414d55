// Tests for DiffExplanations on trees built by hand: a parameter's other value, a branch
// taken the other way (its branches not compared), a formula written differently, and
// the same tree.
#include "simulate/explain_diff.h"

#include <gtest/gtest.h>

namespace minsheng::simulate {
namespace {

using engine::Explanation;

Explanation Node(Explanation::Kind kind, std::string text, int64_t value, std::vector<Explanation> children = {}) {
  Explanation e;
  e.kind = kind;
  e.text = std::move(text);
  e.value = policy::Value::OfMoney(Money::FromFen(value));
  e.children = std::move(children);
  return e;
}

// dibao_top_up = if p.line > income then (p.line - income) else 0
Explanation TopUp(int64_t line, int64_t income) {
  const bool holds = line > income;
  Explanation condition = Node(Explanation::Kind::kOperation, "p.line > income", holds,
                               {Node(Explanation::Kind::kParameter, "p.line", line),
                                Node(Explanation::Kind::kInput, "income", income)});
  Explanation taken = holds ? Node(Explanation::Kind::kOperation, "p.line - income", line - income,
                                   {Node(Explanation::Kind::kParameter, "p.line", line),
                                    Node(Explanation::Kind::kInput, "income", income)})
                            : Node(Explanation::Kind::kLiteral, "0", 0);
  Explanation branch = Node(Explanation::Kind::kCondition, "if …", holds ? line - income : 0,
                            {std::move(condition), std::move(taken)});
  branch.note_en = holds ? "condition holds: then-branch" : "condition fails: else-branch";
  return Node(Explanation::Kind::kVariable, "dibao_top_up", holds ? line - income : 0, {std::move(branch)});
}

TEST(ExplainDiffTest, AParameterWithAnotherValue) {
  const auto differences = DiffExplanations(TopUp(500, 100), TopUp(600, 100));
  ASSERT_EQ(differences.size(), 2u);  // in the condition and in the branch
  EXPECT_EQ(differences[0].kind, TreeDifference::Kind::kParameter);
  EXPECT_EQ(differences[0].path, "dibao_top_up");
  EXPECT_EQ(differences[0].baseline_text, "p.line");
  EXPECT_EQ(differences[0].baseline_value, "¥5.00");
  EXPECT_EQ(differences[0].reform_value, "¥6.00");
}

TEST(ExplainDiffTest, ABranchTakenTheOtherWayComparesOnlyTheConditions) {
  const auto differences = DiffExplanations(TopUp(500, 550), TopUp(600, 550));
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0].kind, TreeDifference::Kind::kBranch);
  EXPECT_EQ(differences[0].baseline_note_en, "condition fails: else-branch");
  EXPECT_EQ(differences[0].reform_note_en, "condition holds: then-branch");
  EXPECT_EQ(differences[1].kind, TreeDifference::Kind::kParameter);
  for (const TreeDifference& d : differences) EXPECT_NE(d.kind, TreeDifference::Kind::kFormula);
}

TEST(ExplainDiffTest, AFormulaWrittenDifferently) {
  Explanation a = TopUp(500, 100), b = TopUp(500, 100);
  b.children[0].children[1].text = "(p.line - income) * 2";
  b.children[0].children[1].value = policy::Value::OfMoney(Money::FromFen(800));
  const auto differences = DiffExplanations(a, b);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].kind, TreeDifference::Kind::kFormula);
  EXPECT_EQ(differences[0].reform_text, "(p.line - income) * 2");
  EXPECT_STREQ(TreeDifferenceKindName(differences[0].kind), "formula");
}

TEST(ExplainDiffTest, TheSameTreeHasNoDifference) {
  EXPECT_TRUE(DiffExplanations(TopUp(500, 100), TopUp(500, 100)).empty());
}

}  // namespace
}  // namespace minsheng::simulate
