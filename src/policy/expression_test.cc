// Tests for ParseExpression: precedence and associativity, every literal form, the place
// and text of every node (also across lines), the exact text and column of syntax errors,
// the limits on depth and length, and properties over random formulas. Names stay unresolved here;
// check_test.cc covers resolution and types.
#include "policy/expression.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace minsheng::policy {
namespace {

// Formulas in these tests stand at rules.md line 10, column 5, as a formula does after
// "  x: " in a pack file.
const SourceLocation kPlace = SourceLocation::InText("rules.md", 10, 5);

std::unique_ptr<Node> Parse(std::string_view text, int continuation_indent = 4) {
  Result<std::unique_ptr<Node>> node = ParseExpression(text, kPlace, continuation_indent);
  EXPECT_TRUE(node.ok()) << text << ": " << node.status().ToString();
  return node.ok() ? std::move(node).value() : nullptr;
}

std::string Error(std::string_view text) {
  Result<std::unique_ptr<Node>> node = ParseExpression(text, kPlace, 4);
  EXPECT_FALSE(node.ok()) << text << " parsed";
  if (node.ok()) return "";
  EXPECT_EQ(node.status().code(), ErrorCode::kInvalidArgument) << text;
  return node.status().ToString();
}

// The tree as an S-expression, literals as Value::ToString writes them.
std::string Show(const Node* node) {
  if (node == nullptr) return "_";
  auto show_children = [&](std::string head) {
    for (const auto& child : node->children) head += " " + Show(child.get());
    return "(" + head + ")";
  };
  switch (node->kind) {
    case NodeKind::kLiteral: return node->literal.ToString();
    case NodeKind::kEnumLiteral:
    case NodeKind::kVariable: return node->name;
    case NodeKind::kGroupVariable: return node->text;
    case NodeKind::kParameter:
      return node->children.empty() ? "p." + node->name : show_children("at p." + node->name);
    case NodeKind::kUnary:
    case NodeKind::kBinary: return show_children(OpText(node->op));
    case NodeKind::kIf: return show_children("if");
    case NodeKind::kCall: return show_children(FunctionName(node->function));
    case NodeKind::kAggregate: return show_children(AggregateName(node->aggregate));
    case NodeKind::kSize: return "size";
  }
  return "?";
}

std::string Tree(std::string_view text) {
  std::unique_ptr<Node> node = Parse(text);
  return node == nullptr ? "" : Show(node.get());
}

TEST(ExpressionParse, PrecedenceFromIfDownToUnaryMinus) {
  // Proves the levels, lowest first: if, or, and, not, comparison, + -, * /, unary -.
  EXPECT_EQ(Tree("a or b and not c == d + e * -f"),
            "(or a (and b (not (== c (+ d (* e (- f)))))))");
  EXPECT_EQ(Tree("a * b + c * d"), "(+ (* a b) (* c d))");
  EXPECT_EQ(Tree("a and b or c and d"), "(or (and a b) (and c d))");
  EXPECT_EQ(Tree("not a and b"), "(and (not a) b)");
  EXPECT_EQ(Tree("a + b < c - d"), "(< (+ a b) (- c d))");
  EXPECT_EQ(Tree("if a or b then c + 1 else d"), "(if (or a b) (+ c 1) d)");
}

TEST(ExpressionParse, BinaryOperatorsAssociateToTheLeft) {
  // Proves a - b - c is (a - b) - c and a / b * c is (a / b) * c.
  EXPECT_EQ(Tree("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(Tree("a / b * c"), "(* (/ a b) c)");
  EXPECT_EQ(Tree("a or b or c"), "(or (or a b) c)");
}

TEST(ExpressionParse, ParenthesesGroupWithoutANodeOfTheirOwn) {
  // Proves parentheses override precedence and leave no trace in the tree.
  EXPECT_EQ(Tree("(a + b) * c"), "(* (+ a b) c)");
  EXPECT_EQ(Tree("((a))"), "a");
  EXPECT_EQ(Tree("1 + (if a then 2 else 3)"), "(+ 1 (if a 2 3))");
}

TEST(ExpressionParse, ElseIfChainsNestInTheElseBranch) {
  // Proves if … else if … else … is an if in the else branch.
  EXPECT_EQ(Tree("if a then 1 else if b then 2 else 3"), "(if a 1 (if b 2 3))");
  EXPECT_EQ(Tree("if a then if b then 1 else 2 else 3"), "(if a (if b 1 2) 3)");
}

TEST(ExpressionParse, UnaryMinusFoldsIntoNumberMoneyAndRateLiterals) {
  // Proves -140 is one literal, while a minus before a name or a date stays an operator.
  std::unique_ptr<Node> node = Parse("-140");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->kind, NodeKind::kLiteral);
  EXPECT_EQ(node->literal.raw, -140);
  EXPECT_EQ(node->text, "-140");
  EXPECT_EQ(Tree("-¥3.20"), "-¥3.20");
  EXPECT_EQ(Tree("- 5%"), "-5%");
  EXPECT_EQ(Tree("--5"), "5");
  EXPECT_EQ(Tree("-a"), "(- a)");
  EXPECT_EQ(Tree("-2012-08-01"), "(- 2012-08-01)");
  EXPECT_EQ(Tree("a - -1"), "(- a -1)");
}

TEST(ExpressionParse, ComparisonsAreNotAssociative) {
  // Proves a < b < c is refused at the second comparison, with what to write instead.
  EXPECT_EQ(Error("a < b < c"), "rules.md:10:11: comparisons do not chain: write a < b and b < c");
  EXPECT_EQ(Tree("(a < b) == c"), "(== (< a b) c)");
}

TEST(ExpressionParse, NamesParametersAndAt) {
  // Proves the forms of names: a variable, a group's variable, a parameter, a parameter
  // at a date (binding tighter than arithmetic), and size.
  EXPECT_EQ(Tree("income"), "income");
  EXPECT_EQ(Tree("household.dibao"), "household.dibao");
  EXPECT_EQ(Tree("p.deductible"), "p.deductible");
  EXPECT_EQ(Tree("p.deductible at 2012-07-31"), "(at p.deductible 2012-07-31)");
  EXPECT_EQ(Tree("p.x at start + 1"), "(+ (at p.x start) 1)");
  EXPECT_EQ(Tree("p.x at (start + 1)"), "(at p.x (+ start 1))");
  EXPECT_EQ(Tree("size"), "size");

  std::unique_ptr<Node> node = Parse("household.dibao");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->kind, NodeKind::kGroupVariable);
  EXPECT_EQ(node->name, "dibao");
  node = Parse("p.deductible");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->kind, NodeKind::kParameter);
  EXPECT_EQ(node->name, "deductible");
}

TEST(ExpressionParse, CallsAndTheirArguments) {
  // Proves every built-in function parses with its arguments in order.
  EXPECT_EQ(Tree("min(a, b, c)"), "(min a b c)");
  EXPECT_EQ(Tree("max(0, cost - p.deductible)"), "(max 0 (- cost p.deductible))");
  EXPECT_EQ(Tree("clamp(x, 0, 500)"), "(clamp x 0 500)");
  EXPECT_EQ(Tree("abs(a - b)"), "(abs (- a b))");
  EXPECT_EQ(Tree("round_fen(a)"), "(round_fen a)");
  EXPECT_EQ(Tree("round_yuan(a * 80%)"), "(round_yuan (* a 80%))");
  EXPECT_EQ(Tree("scale(p.tax, income)"), "(scale p.tax income)");
  EXPECT_EQ(Tree("bracket(p.table, age)"), "(bracket p.table age)");
  EXPECT_EQ(Tree("sum_months(income)"), "(sum_months income)");
  EXPECT_EQ(Tree("max(if a then 1 else 2, 3)"), "(max (if a 1 2) 3)");
}

TEST(ExpressionParse, AggregatesKeepValueAndWhereInTwoSlots) {
  // Proves aggregates always have two children, value and where-condition, either absent,
  // and that max( and min( followed by members are aggregates, not functions.
  EXPECT_EQ(Tree("sum(members.income)"), "(sum income _)");
  EXPECT_EQ(Tree("sum(members.income where age >= 18)"), "(sum income (>= age 18))");
  EXPECT_EQ(Tree("count(members)"), "(count _ _)");
  EXPECT_EQ(Tree("count(members where age >= 60)"), "(count _ (>= age 60))");
  EXPECT_EQ(Tree("any(members.is_disabled)"), "(any is_disabled _)");
  EXPECT_EQ(Tree("any(members where age < 18)"), "(any _ (< age 18))");
  EXPECT_EQ(Tree("all(members.is_disabled)"), "(all is_disabled _)");
  EXPECT_EQ(Tree("max(members.age)"), "(max age _)");
  EXPECT_EQ(Tree("min(members.birth_date)"), "(min birth_date _)");
  EXPECT_EQ(Tree("max(age, 1)"), "(max age 1)");

  std::unique_ptr<Node> node = Parse("sum(members.income)");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->kind, NodeKind::kAggregate);
  ASSERT_EQ(node->children.size(), 2u);
  EXPECT_EQ(node->children[0]->kind, NodeKind::kVariable);
  EXPECT_EQ(node->children[0]->text, "members.income");
  EXPECT_EQ(node->children[0]->location.column, 9);
}

TEST(ExpressionLiteral, EveryFormReadsToItsExactValue) {
  // Proves each literal form gives its type and its exact raw value.
  struct Case {
    std::string text;
    Type type;
    int64_t raw;
  };
  const Case cases[] = {
      {"140", Type::kNumber, 140},
      {"0", Type::kNumber, 0},
      {"¥140", Type::kMoney, 14000},
      {"￥140", Type::kMoney, 14000},
      {"¥1,234.56", Type::kMoney, 123456},
      {"¥0.05", Type::kMoney, 5},
      {"140元", Type::kMoney, 14000},
      {"1,234元", Type::kMoney, 123400},
      {"1.5元", Type::kMoney, 150},
      {"12万元", Type::kMoney, 12'000'000},
      {"12万", Type::kMoney, 12'000'000},
      {"0.5万", Type::kMoney, 500'000},
      {"80%", Type::kRate, 800'000'000},
      {"5.5%", Type::kRate, 55'000'000},
      {"100％", Type::kRate, 1'000'000'000},
      {"true", Type::kBool, 1},
      {"false", Type::kBool, 0},
      {"2012-08-01", Type::kDate, Date::Parse("2012-08-01")->days_since_epoch()},
  };
  for (const Case& c : cases) {
    std::unique_ptr<Node> node = Parse(c.text);
    ASSERT_NE(node, nullptr) << c.text;
    EXPECT_EQ(node->kind, NodeKind::kLiteral) << c.text;
    EXPECT_EQ(node->literal.type, c.type) << c.text;
    EXPECT_EQ(node->type, c.type) << c.text;
    EXPECT_EQ(node->literal.raw, c.raw) << c.text;
    EXPECT_EQ(node->text, c.text);
  }
}

TEST(ExpressionLiteral, GroupingCommasBelongToMoneyOnly) {
  // Proves that in min(1,234) the comma separates arguments, while ¥1,234 is one amount.
  EXPECT_EQ(Tree("min(1,234)"), "(min 1 234)");
  EXPECT_EQ(Tree("min(¥1,234, a)"), "(min ¥1,234.00 a)");
  EXPECT_EQ(Tree("min(1,234元, a)"), "(min ¥1,234.00 a)");
}

TEST(ExpressionLiteral, ADateIsWrittenWithoutSpaces) {
  // Proves 2012-08-01 is a date and 2012 - 08 - 01 is arithmetic.
  EXPECT_EQ(Tree("2012-08-01"), "2012-08-01");
  EXPECT_EQ(Tree("2012 - 8 - 1"), "(- (- 2012 8) 1)");
}

TEST(ExpressionLocation, EveryNodeHasItsFirstCharacterAndItsText) {
  // Proves location and text of each node of a one-line formula starting at column 5.
  std::unique_ptr<Node> node = Parse("max(0, cost - p.deductible)");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->location.ToString(), "rules.md:10:5");
  EXPECT_EQ(node->text, "max(0, cost - p.deductible)");
  const Node& zero = *node->children[0];
  EXPECT_EQ(zero.location.ToString(), "rules.md:10:9");
  EXPECT_EQ(zero.text, "0");
  const Node& difference = *node->children[1];
  EXPECT_EQ(difference.location.ToString(), "rules.md:10:12");
  EXPECT_EQ(difference.text, "cost - p.deductible");
  EXPECT_EQ(difference.children[0]->location.ToString(), "rules.md:10:12");
  EXPECT_EQ(difference.children[1]->location.ToString(), "rules.md:10:19");
  EXPECT_EQ(difference.children[1]->text, "p.deductible");
}

TEST(ExpressionLocation, ColumnsCountCharactersNotBytes) {
  // Proves ¥ (two bytes in UTF-8) and 万 (three) count as one column each.
  std::unique_ptr<Node> node = Parse("¥1,234.56 + 12万 + x");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->children[0]->children[1]->location.column, 17);
  EXPECT_EQ(node->children[1]->location.column, 23);
}

TEST(ExpressionLocation, LaterLinesStartAtTheContinuationIndent) {
  // Proves a formula spanning lines (a YAML block scalar indented 4) places nodes on their
  // own lines, and a node's text spans the lines it covers.
  std::unique_ptr<Node> node = Parse("if age >= 60\nthen ¥140\nelse  max(0,\n  x)");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->location.ToString(), "rules.md:10:5");
  EXPECT_EQ(node->text, "if age >= 60\nthen ¥140\nelse  max(0,\n  x)");
  EXPECT_EQ(node->children[0]->location.ToString(), "rules.md:10:8");
  EXPECT_EQ(node->children[1]->location.ToString(), "rules.md:11:10");
  EXPECT_EQ(node->children[1]->text, "¥140");
  const Node& call = *node->children[2];
  EXPECT_EQ(call.location.ToString(), "rules.md:12:11");
  EXPECT_EQ(call.text, "max(0,\n  x)");
  EXPECT_EQ(call.children[1]->location.ToString(), "rules.md:13:7");
  EXPECT_EQ(Error("a +\n  )"), "rules.md:11:7: expected an expression, found ')'");
}

TEST(ExpressionError, LiteralsSayWhatToWriteInstead) {
  // Proves literal errors: decimals in a number, a finer-than-fen amount, no such date,
  // and a literal running into a name.
  EXPECT_EQ(Error("1.5"),
            "rules.md:10:5: a number is whole; write 150% for a rate or ¥1.50 for money");
  EXPECT_EQ(Error("x * 0.125"), "rules.md:10:9: a number is whole; write 12.5% for a rate");
  EXPECT_EQ(Error("¥1.234"),
            "rules.md:10:5: amount '¥1.234' is finer than a fen (at most 2 decimal places)");
  EXPECT_EQ(Error("2012-02-30"), "rules.md:10:5: no such date 2012-02-30");
  EXPECT_EQ(Error("140abc"), "rules.md:10:8: unexpected character 'a' after '140'");
  EXPECT_EQ(Error("1.5.2"), "rules.md:10:8: unexpected character '.' after '1.5'");
  EXPECT_EQ(Error("¥ 140"), "rules.md:10:5: expected an amount after '¥', as in ¥140");
  EXPECT_EQ(Error("99999999999999999999"),
            "rules.md:10:5: number 99999999999999999999 is too large");
}

TEST(ExpressionError, CharactersOutsideTheLanguageGetAdvice) {
  // Proves a stray character is named, with advice for the common mistakes.
  EXPECT_EQ(Error("a = b"), "rules.md:10:7: unexpected '=': write == to compare");
  EXPECT_EQ(Error("a && b"), "rules.md:10:7: unexpected '&&': write and");
  EXPECT_EQ(Error("!a"), "rules.md:10:5: unexpected '!': write != to compare, or not to negate");
  EXPECT_EQ(Error("max（a, b)"), "rules.md:10:8: unexpected '（': write the ASCII '('");
  EXPECT_EQ(Error("a # b"), "rules.md:10:7: unexpected character '#'");
  EXPECT_EQ(Error("收入 + 1"), "rules.md:10:5: unexpected character '收'");
}

TEST(ExpressionError, SyntaxErrorsNameWhatWasExpectedAndFound) {
  // Proves each syntax error's exact message and column.
  EXPECT_EQ(Error(""), "rules.md:10:5: empty formula");
  EXPECT_EQ(Error("   "), "rules.md:10:8: empty formula");
  EXPECT_EQ(Error("income +"),
            "rules.md:10:13: expected an expression, found the end of the formula");
  EXPECT_EQ(Error("a b"),
            "rules.md:10:7: expected an operator or the end of the formula, found 'b'");
  EXPECT_EQ(Error("(a + b"), "rules.md:10:11: expected ')', found the end of the formula");
  EXPECT_EQ(Error("if a 1 else 2"), "rules.md:10:10: expected 'then', found '1'");
  EXPECT_EQ(Error("if a then 1"),
            "rules.md:10:16: expected 'else' (an if always has an else), found the end of the "
            "formula");
  EXPECT_EQ(Error("1 + if a then 1 else 2"),
            "rules.md:10:9: an if inside an expression needs parentheses: (if … then … else …)");
  EXPECT_EQ(Error("then"), "rules.md:10:5: expected an expression, found 'then'");
  EXPECT_EQ(Error("max(a, b"), "rules.md:10:13: expected ',' or ')', found the end of the formula");
  EXPECT_EQ(Error("a.b.c"), "rules.md:10:5: a name has at most one dot: 'a.b.c'");
  EXPECT_EQ(Error("household."), "rules.md:10:5: expected a name after 'household.'");
  EXPECT_EQ(Error("p + 1"), "rules.md:10:5: expected a parameter's name after 'p.': p.name");
  EXPECT_EQ(Error("income at 2012-01-01"),
            "rules.md:10:12: 'at' reads a parameter on a date: p.name at 2012-07-31");
  EXPECT_EQ(Error("p.a at 2012-01-01 at 2013-01-01"),
            "rules.md:10:23: 'at' reads a parameter on a date: p.name at 2012-07-31");
}

TEST(ExpressionError, CallsAndAggregatesAreCheckedForShape) {
  // Proves unknown functions (with a hint), argument counts, and the shapes of aggregates.
  EXPECT_EQ(Error("foo(x)"), "rules.md:10:5: unknown function 'foo'");
  EXPECT_EQ(Error("sun(members.x)"), "rules.md:10:5: unknown function 'sun'; did you mean 'sum'?");
  EXPECT_EQ(Error("min(a)"), "rules.md:10:5: min takes 2 or more arguments (a, b, …), found 1");
  EXPECT_EQ(Error("clamp(a, b)"), "rules.md:10:5: clamp takes 3 arguments (x, low, high), found 2");
  EXPECT_EQ(Error("abs()"), "rules.md:10:5: abs takes 1 argument (x), found 0");
  EXPECT_EQ(Error("scale(p.tax)"), "rules.md:10:5: scale takes 2 arguments (p.scale, x), found 1");
  EXPECT_EQ(Error("members.age + 1"),
            "rules.md:10:5: members is read only inside an aggregate: sum(members.x), "
            "count(members), any(members where …)");
  EXPECT_EQ(Error("sum(income)"), "rules.md:10:9: sum is over a group's members: sum(members.x)");
  EXPECT_EQ(Error("sum(members)"), "rules.md:10:9: sum is over a group's members: sum(members.x)");
  EXPECT_EQ(Error("count(members.age)"),
            "rules.md:10:11: count is over a group's members: count(members) or "
            "count(members where …)");
  EXPECT_EQ(Error("any(members)"),
            "rules.md:10:9: any is over a group's members: any(members.x) or any(members where "
            "…)");
  EXPECT_EQ(Error("sum(members.income, 1)"), "rules.md:10:23: expected 'where' or ')', found ','");
  EXPECT_EQ(Error("count(members where a b)"), "rules.md:10:27: expected ')', found 'b'");
}

TEST(ExpressionLimit, NestingDeeperThan64IsRefused) {
  // Proves 64 levels of parentheses parse, 65 are refused at the token nested 65 deep, and
  // a long chain of operators, which the parser builds in a loop, is bounded by the depth
  // of the tree it builds.
  const std::string deep64 = std::string(64, '(') + "a" + std::string(64, ')');
  EXPECT_EQ(Tree(deep64), "a");
  const std::string deep65 = std::string(65, '(') + "a" + std::string(65, ')');
  EXPECT_EQ(Error(deep65), "rules.md:10:70: expression nested deeper than 64");

  std::string chain63 = "1";
  for (int i = 0; i < 63; ++i) chain63 += "+1";
  EXPECT_NE(Parse(chain63), nullptr);
  EXPECT_EQ(Error(chain63 + "+1"), "rules.md:10:5: expression nested deeper than 64");

  std::string nots;
  for (int i = 0; i < 65; ++i) nots += "not ";
  EXPECT_EQ(Error(nots + "a"), "rules.md:10:265: expression nested deeper than 64");
}

TEST(ExpressionLimit, FormulasLongerThanTheLimitAreRefused) {
  // Proves the length limit counts characters, not bytes, and refuses at the formula's
  // start; and that a name longer than the name limit is refused.
  const std::string longest = "¥1" + std::string(kFormulaLengthMax - 2, ' ');
  ASSERT_GT(longest.size(), kFormulaLengthMax);  // ¥ is two bytes
  EXPECT_EQ(Tree(longest), "¥1.00");
  EXPECT_EQ(Error(longest + " "), "rules.md:10:5: formula longer than 4096 characters");
  EXPECT_EQ(Error(std::string(kNameLengthMax + 1, 'n')), "rules.md:10:5: name '" +
                                                             std::string(kNameLengthMax + 1, 'n') +
                                                             "' is longer than 64 characters");
}

TEST(ExpressionNames, OperatorFunctionAndAggregateNames) {
  // Proves the names the docs and error messages use.
  EXPECT_STREQ(OpText(Op::kAdd), "+");
  EXPECT_STREQ(OpText(Op::kNegate), "-");
  EXPECT_STREQ(OpText(Op::kSubtract), "-");
  EXPECT_STREQ(OpText(Op::kLessEqual), "<=");
  EXPECT_STREQ(OpText(Op::kNotEqual), "!=");
  EXPECT_STREQ(OpText(Op::kAnd), "and");
  EXPECT_STREQ(OpText(Op::kNot), "not");
  EXPECT_STREQ(FunctionName(Function::kSumMonths), "sum_months");
  EXPECT_STREQ(FunctionName(Function::kRoundYuan), "round_yuan");
  EXPECT_STREQ(AggregateName(Aggregate::kCount), "count");
  EXPECT_STREQ(AggregateName(Aggregate::kAll), "all");
}

// The pieces random formulas are made of: every token the language has, and some it does
// not. Glued together without spaces they also make tokens run into each other.
const std::vector<std::string> kPieces = {
    "income", "p.x",       "household.y", "members", "members.age", "sum(", "count(",
    "max(",   "min(",      "clamp(",      "scale(",  "sum_months(", "foo(", "(",
    ")",      ",",         "+",           "-",       "*",           "/",    "<",
    "<=",     "==",        "!=",          "=",       "if",          "then", "else",
    "and",    "or",        "not",         "at",      "where",       "size", "true",
    "140",    "¥1,234.56", "12万",        "80%",     "2012-08-01",  "1.5",  "（",
    "元",     ".",         " ",           " ",       " ",           "\n",   "\t"};

// Every node has a text that is a piece of the formula, on a line of the formula.
void ExpectWellPlaced(const Node& node, std::string_view formula) {
  RC_ASSERT(!node.text.empty());
  RC_ASSERT(formula.find(node.text) != std::string_view::npos);
  RC_ASSERT(node.location.line >= kPlace.line);
  RC_ASSERT(node.location.column >= 5);
  for (const auto& child : node.children) {
    if (child != nullptr) ExpectWellPlaced(*child, formula);
  }
}

void ExpectParsedOrPlacedError(const std::string& formula) {
  Result<std::unique_ptr<Node>> node = ParseExpression(formula, kPlace, 4);
  if (node.ok()) {
    ExpectWellPlaced(**node, formula);
    return;
  }
  RC_ASSERT(node.status().code() == ErrorCode::kInvalidArgument);
  RC_ASSERT(node.status().location().file == "rules.md");
  RC_ASSERT(node.status().location().line >= kPlace.line);
  RC_ASSERT(node.status().location().column >= 5);
}

RC_GTEST_PROP(ExpressionFuzz, FormulasOfRandomTokensParseOrFailWithAPlace, ()) {
  // Proves that any sequence of tokens either parses into well-placed nodes or fails with
  // an invalid-argument error at a place in the formula; never a crash.
  const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces));
  std::string formula;
  for (const std::string& piece : pieces) formula += piece;
  ExpectParsedOrPlacedError(formula);
}

RC_GTEST_PROP(ExpressionFuzz, RandomBytesParseOrFailWithAPlace, (const std::string& formula)) {
  // Proves the same for arbitrary bytes, malformed UTF-8 included.
  ExpectParsedOrPlacedError(formula);
}

}  // namespace
}  // namespace minsheng::policy
