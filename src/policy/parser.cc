// The expression language's parser: recursive descent over lexer.h's tokens, one function
// per precedence level, lowest first, building expression.h's Node tree. The grammar is
// in docs/packs.md, "Expression language".
//
// The parser knows only syntax: names are left unresolved (CheckPack resolves them and
// sets types and indexes), but everything that is wrong whatever the pack says (a
// missing 'else', a chained comparison, min with one argument, members outside an
// aggregate) is refused here. Pure functions; thread-safe.
#include <array>
#include <string>
#include <utility>

#include "policy/check.h"
#include "policy/expression.h"
#include "policy/lexer.h"

namespace minsheng::policy {
namespace {

using NodePointer = std::unique_ptr<Node>;

// The built-in functions: how each is called, for the parser's arity checks and errors.
// docs/packs.md documents each with an example.
struct FunctionInfo {
  Function function;
  const char* name;
  size_t arguments_min;
  size_t arguments_max;
  const char* arguments;  // how the arguments are written, for errors
};

constexpr size_t kAnyNumber = static_cast<size_t>(-1);

constexpr std::array<FunctionInfo, 9> kFunctions = {{
    {Function::kMin, "min", 2, kAnyNumber, "(a, b, …)"},
    {Function::kMax, "max", 2, kAnyNumber, "(a, b, …)"},
    {Function::kClamp, "clamp", 3, 3, "(x, low, high)"},
    {Function::kAbs, "abs", 1, 1, "(x)"},
    {Function::kRoundFen, "round_fen", 1, 1, "(amount)"},
    {Function::kRoundYuan, "round_yuan", 1, 1, "(amount)"},
    {Function::kScale, "scale", 2, 2, "(p.scale, x)"},
    {Function::kBracket, "bracket", 2, 2, "(p.scale, x)"},
    {Function::kSumMonths, "sum_months", 1, 1, "(monthly_variable)"},
}};

// The aggregates over a group's members, and how each is written.
struct AggregateInfo {
  Aggregate aggregate;
  const char* name;
  const char* usage;
};

constexpr std::array<AggregateInfo, 6> kAggregates = {{
    {Aggregate::kSum, "sum", "sum(members.x)"},
    {Aggregate::kCount, "count", "count(members) or count(members where …)"},
    {Aggregate::kAny, "any", "any(members.x) or any(members where …)"},
    {Aggregate::kAll, "all", "all(members.x) or all(members where …)"},
    {Aggregate::kMax, "max", "max(members.x)"},
    {Aggregate::kMin, "min", "min(members.x)"},
}};

struct OperatorSpelling {
  std::string_view text;
  Op op;
};

constexpr std::array<OperatorSpelling, 14> kOperators = {{
    {"-", Op::kNegate},
    {"not", Op::kNot},
    {"+", Op::kAdd},
    {"-", Op::kSubtract},
    {"*", Op::kMultiply},
    {"/", Op::kDivide},
    {"<", Op::kLess},
    {"<=", Op::kLessEqual},
    {">", Op::kGreater},
    {">=", Op::kGreaterEqual},
    {"==", Op::kEqual},
    {"!=", Op::kNotEqual},
    {"and", Op::kAnd},
    {"or", Op::kOr},
}};

// The binary operators of each precedence level, lowest first.
constexpr std::array<OperatorSpelling, 1> kOrLevel = {{{"or", Op::kOr}}};
constexpr std::array<OperatorSpelling, 1> kAndLevel = {{{"and", Op::kAnd}}};
constexpr std::array<OperatorSpelling, 6> kComparisonLevel = {{{"<", Op::kLess},
                                                               {"<=", Op::kLessEqual},
                                                               {">", Op::kGreater},
                                                               {">=", Op::kGreaterEqual},
                                                               {"==", Op::kEqual},
                                                               {"!=", Op::kNotEqual}}};
constexpr std::array<OperatorSpelling, 2> kAdditiveLevel = {
    {{"+", Op::kAdd}, {"-", Op::kSubtract}}};
constexpr std::array<OperatorSpelling, 2> kMultiplicativeLevel = {
    {{"*", Op::kMultiply}, {"/", Op::kDivide}}};

constexpr std::string_view kMembersOutside =
    "members is read only inside an aggregate: sum(members.x), count(members), "
    "any(members where …)";

std::string TooDeepMessage() {
  return "expression nested deeper than " + std::to_string(kExpressionDepthMax);
}

const FunctionInfo* FindFunction(std::string_view name) {
  for (const FunctionInfo& info : kFunctions) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

const AggregateInfo* FindAggregate(std::string_view name) {
  for (const AggregateInfo& info : kAggregates) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

bool IsMembers(const Token& token) {
  return token.kind == TokenKind::kName &&
         (token.text == "members" || token.text.starts_with("members."));
}

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  Result<NodePointer> ParseFormula() {
    if (Peek().kind == TokenKind::kEnd) return ErrorAt(Peek(), "empty formula");
    Result<NodePointer> root = ParseIf();
    if (!root.ok()) return root;
    if (Peek().kind != TokenKind::kEnd) {
      return ErrorAt(Peek(),
                     "expected an operator or the end of the formula, found " + Describe(Peek()));
    }
    return root;
  }

 private:
  using Level = Result<NodePointer> (Parser::*)();

  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
  }

  const Token& Advance() {
    const Token& token = tokens_[position_];
    if (token.kind != TokenKind::kEnd) ++position_;
    previous_end_ = token.end();
    return token;
  }

  static std::string Describe(const Token& token) {
    if (token.kind == TokenKind::kEnd) return "the end of the formula";
    return "'" + std::string(token.text) + "'";
  }

  static Status ErrorAt(const Token& token, const std::string& message) {
    return InvalidArgument(message).At(token.location);
  }

  // Consumes `spelling`, or fails with "expected 'spelling'…, found …".
  Status Expect(std::string_view spelling, std::string_view advice = "") {
    if (Peek().Is(spelling)) {
      Advance();
      return Status::Ok();
    }
    return ErrorAt(Peek(), "expected '" + std::string(spelling) + "'" + std::string(advice) +
                               ", found " + Describe(Peek()));
  }

  NodePointer NewNode(NodeKind kind, const Token& first) const {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->location = first.location;
    return node;
  }

  // Sets the node's text: the source from `begin` to the end of the last token consumed.
  NodePointer Finish(NodePointer node, size_t begin) const {
    node->text = std::string(source_.substr(begin, previous_end_ - begin));
    return node;
  }

  // Parses one more level of nesting, refusing to go deeper than the limit: a hostile
  // formula must not exhaust the stack.
  Result<NodePointer> Nested(Level level) {
    if (depth_ >= kExpressionDepthMax) return ErrorAt(Peek(), TooDeepMessage());
    ++depth_;
    Result<NodePointer> node = (this->*level)();
    --depth_;
    return node;
  }

  Result<NodePointer> ParseIf();
  Result<NodePointer> ParseOr() { return ParseLeftAssociative(kOrLevel, &Parser::ParseAnd); }
  Result<NodePointer> ParseAnd() { return ParseLeftAssociative(kAndLevel, &Parser::ParseNot); }
  Result<NodePointer> ParseNot();
  Result<NodePointer> ParseComparison();
  Result<NodePointer> ParseAdditive() {
    return ParseLeftAssociative(kAdditiveLevel, &Parser::ParseMultiplicative);
  }
  Result<NodePointer> ParseMultiplicative() {
    return ParseLeftAssociative(kMultiplicativeLevel, &Parser::ParseUnary);
  }
  Result<NodePointer> ParseUnary();
  Result<NodePointer> ParsePostfix();
  Result<NodePointer> ParsePrimary();
  Result<NodePointer> ParseParenthesized();
  Result<NodePointer> ParseName();
  Result<NodePointer> ParseCall();
  Result<NodePointer> ParseAggregate(const AggregateInfo& info);

  template <size_t N>
  static const OperatorSpelling* Match(const Token& token,
                                       const std::array<OperatorSpelling, N>& level) {
    for (const OperatorSpelling& spelling : level) {
      if (token.Is(spelling.text)) return &spelling;
    }
    return nullptr;
  }

  template <size_t N>
  Result<NodePointer> ParseLeftAssociative(const std::array<OperatorSpelling, N>& level,
                                           Level operand);
  NodePointer MakeBinary(Op op, NodePointer left, NodePointer right, size_t begin) const;

  std::string_view source_;
  std::vector<Token> tokens_;
  size_t position_ = 0;
  size_t previous_end_ = 0;
  int depth_ = 0;
};

NodePointer Parser::MakeBinary(Op op, NodePointer left, NodePointer right, size_t begin) const {
  auto node = std::make_unique<Node>();
  node->kind = NodeKind::kBinary;
  node->op = op;
  node->location = left->location;
  node->children.push_back(std::move(left));
  node->children.push_back(std::move(right));
  return Finish(std::move(node), begin);
}

template <size_t N>
Result<NodePointer> Parser::ParseLeftAssociative(const std::array<OperatorSpelling, N>& level,
                                                 Level operand) {
  const size_t begin = Peek().offset;
  Result<NodePointer> left = (this->*operand)();
  if (!left.ok()) return left;
  NodePointer node = std::move(left).value();
  while (const OperatorSpelling* spelling = Match(Peek(), level)) {
    Advance();
    Result<NodePointer> right = (this->*operand)();
    if (!right.ok()) return right;
    node = MakeBinary(spelling->op, std::move(node), std::move(right).value(), begin);
  }
  return node;
}

// if c then a else b; an else-if chain is an if in the else branch.
Result<NodePointer> Parser::ParseIf() {
  if (!Peek().Is("if")) return ParseOr();
  const Token& first = Advance();
  NodePointer node = NewNode(NodeKind::kIf, first);
  Result<NodePointer> condition = Nested(&Parser::ParseIf);
  if (!condition.ok()) return condition;
  node->children.push_back(std::move(condition).value());
  if (Status then = Expect("then"); !then.ok()) return then;
  Result<NodePointer> then_branch = Nested(&Parser::ParseIf);
  if (!then_branch.ok()) return then_branch;
  node->children.push_back(std::move(then_branch).value());
  if (Status otherwise = Expect("else", " (an if always has an else)"); !otherwise.ok()) {
    return otherwise;
  }
  Result<NodePointer> else_branch = Nested(&Parser::ParseIf);
  if (!else_branch.ok()) return else_branch;
  node->children.push_back(std::move(else_branch).value());
  return Finish(std::move(node), first.offset);
}

Result<NodePointer> Parser::ParseNot() {
  if (!Peek().Is("not")) return ParseComparison();
  const Token& first = Advance();
  NodePointer node = NewNode(NodeKind::kUnary, first);
  node->op = Op::kNot;
  Result<NodePointer> operand = Nested(&Parser::ParseNot);
  if (!operand.ok()) return operand;
  node->children.push_back(std::move(operand).value());
  return Finish(std::move(node), first.offset);
}

// Comparisons do not associate: "a < b < c" means nothing useful, so it is refused.
Result<NodePointer> Parser::ParseComparison() {
  const size_t begin = Peek().offset;
  Result<NodePointer> left = ParseAdditive();
  if (!left.ok()) return left;
  const OperatorSpelling* spelling = Match(Peek(), kComparisonLevel);
  if (spelling == nullptr) return left;
  Advance();
  Result<NodePointer> right = ParseAdditive();
  if (!right.ok()) return right;
  if (Match(Peek(), kComparisonLevel) != nullptr) {
    return ErrorAt(Peek(), "comparisons do not chain: write a < b and b < c");
  }
  return MakeBinary(spelling->op, std::move(left).value(), std::move(right).value(), begin);
}

// Unary minus. A minus before a number, money or rate literal is folded into it, so that
// -140 is one literal (and counts as a number literal for the money rule).
Result<NodePointer> Parser::ParseUnary() {
  if (!Peek().Is("-")) return ParsePostfix();
  const Token& first = Advance();
  Result<NodePointer> operand = Nested(&Parser::ParseUnary);
  if (!operand.ok()) return operand;
  NodePointer node = std::move(operand).value();
  const bool foldable = node->kind == NodeKind::kLiteral &&
                        (node->literal.type == Type::kNumber ||
                         node->literal.type == Type::kMoney || node->literal.type == Type::kRate);
  if (foldable) {
    node->literal.raw = -node->literal.raw;  // literals are at most INT64_MAX in size
    node->location = first.location;
    return Finish(std::move(node), first.offset);
  }
  NodePointer negation = NewNode(NodeKind::kUnary, first);
  negation->op = Op::kNegate;
  negation->children.push_back(std::move(node));
  return Finish(std::move(negation), first.offset);
}

// A primary, and `at DATE` after a parameter: p.deductible at 2012-07-31. DATE is itself
// a primary: a literal, a name, a call or a parenthesized expression.
Result<NodePointer> Parser::ParsePostfix() {
  const size_t begin = Peek().offset;
  Result<NodePointer> primary = ParsePrimary();
  if (!primary.ok() || !Peek().Is("at")) return primary;
  NodePointer node = std::move(primary).value();
  if (node->kind != NodeKind::kParameter || !node->children.empty()) {
    return ErrorAt(Peek(), "'at' reads a parameter on a date: p.name at 2012-07-31");
  }
  Advance();
  Result<NodePointer> date = Nested(&Parser::ParsePrimary);
  if (!date.ok()) return date;
  node->children.push_back(std::move(date).value());
  node = Finish(std::move(node), begin);
  if (Peek().Is("at")) {
    return ErrorAt(Peek(), "'at' reads a parameter on a date: p.name at 2012-07-31");
  }
  return node;
}

Result<NodePointer> Parser::ParsePrimary() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kLiteral: {
      Advance();
      NodePointer node = NewNode(NodeKind::kLiteral, token);
      node->literal = token.literal;
      node->type = token.literal.type;
      return Finish(std::move(node), token.offset);
    }
    case TokenKind::kName:
      if (Peek(1).Is("(")) return ParseCall();
      return ParseName();
    case TokenKind::kKeyword:
      if (token.Is("size")) {
        Advance();
        return Finish(NewNode(NodeKind::kSize, token), token.offset);
      }
      if (token.Is("if")) {
        return ErrorAt(token, "an if inside an expression needs parentheses: (if … then … else …)");
      }
      break;
    case TokenKind::kSymbol:
      if (token.Is("(")) return ParseParenthesized();
      break;
    case TokenKind::kEnd: break;
  }
  return ErrorAt(token, "expected an expression, found " + Describe(token));
}

// ( expression ): the parentheses group but make no node of their own.
Result<NodePointer> Parser::ParseParenthesized() {
  Advance();
  Result<NodePointer> inner = Nested(&Parser::ParseIf);
  if (!inner.ok()) return inner;
  if (Status closed = Expect(")"); !closed.ok()) return closed;
  return inner;
}

// income, household.dibao, p.deductible. Which entity a name belongs to is the
// checker's business; the parser only sorts names by their form.
Result<NodePointer> Parser::ParseName() {
  const Token& token = Advance();
  const std::string_view text = token.text;
  const size_t dot = text.find('.');
  if (dot != std::string_view::npos && text.find('.', dot + 1) != std::string_view::npos) {
    return ErrorAt(token, "a name has at most one dot: '" + std::string(text) + "'");
  }
  const std::string_view prefix = text.substr(0, dot);
  if (prefix == "members") return ErrorAt(token, std::string(kMembersOutside));
  if (dot == std::string_view::npos) {
    if (text == "p") return ErrorAt(token, "expected a parameter's name after 'p.': p.name");
    NodePointer node = NewNode(NodeKind::kVariable, token);
    node->name = std::string(text);
    return Finish(std::move(node), token.offset);
  }
  NodePointer node =
      NewNode(prefix == "p" ? NodeKind::kParameter : NodeKind::kGroupVariable, token);
  node->name = std::string(text.substr(dot + 1));
  return Finish(std::move(node), token.offset);
}

// name(arguments): a built-in function, or an aggregate when its argument is members.
Result<NodePointer> Parser::ParseCall() {
  const Token& name = Peek();
  const AggregateInfo* aggregate = FindAggregate(name.text);
  const FunctionInfo* function = FindFunction(name.text);
  if (aggregate != nullptr && (function == nullptr || IsMembers(Peek(2)))) {
    return ParseAggregate(*aggregate);
  }
  if (function == nullptr) {
    std::vector<std::string> known;
    for (const FunctionInfo& info : kFunctions) known.push_back(info.name);
    for (const AggregateInfo& info : kAggregates) known.push_back(info.name);
    const std::string hint = ClosestName(name.text, known);
    return ErrorAt(name, "unknown function '" + std::string(name.text) + "'" +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  Advance();
  Advance();  // (
  NodePointer node = NewNode(NodeKind::kCall, name);
  node->function = function->function;
  if (!Peek().Is(")")) {
    while (true) {
      Result<NodePointer> argument = Nested(&Parser::ParseIf);
      if (!argument.ok()) return argument;
      node->children.push_back(std::move(argument).value());
      if (!Peek().Is(",")) break;
      Advance();
    }
  }
  if (!Peek().Is(")")) return ErrorAt(Peek(), "expected ',' or ')', found " + Describe(Peek()));
  Advance();
  const size_t count = node->children.size();
  if (count < function->arguments_min || count > function->arguments_max) {
    const std::string expected =
        function->arguments_max == kAnyNumber
            ? std::to_string(function->arguments_min) + " or more arguments"
        : function->arguments_min == 1 ? "1 argument"
                                       : std::to_string(function->arguments_min) + " arguments";
    return ErrorAt(name, std::string(function->name) + " takes " + expected + " " +
                             function->arguments + ", found " + std::to_string(count));
  }
  return Finish(std::move(node), name.offset);
}

// sum(members.x), count(members where age >= 60), any(members.is_disabled). The node
// always has two children: the value (a variable of the member entity, or nullptr) and
// the where-condition (or nullptr).
Result<NodePointer> Parser::ParseAggregate(const AggregateInfo& info) {
  const Token& name = Advance();
  Advance();  // (
  const std::string usage = std::string(info.name) + " is over a group's members: " + info.usage;
  const Token& members = Peek();
  if (!IsMembers(members)) return ErrorAt(members, usage);
  Advance();
  NodePointer node = NewNode(NodeKind::kAggregate, name);
  node->aggregate = info.aggregate;
  NodePointer value;
  if (members.text != "members") {
    const std::string_view variable = members.text.substr(std::string_view("members.").size());
    if (variable.find('.') != std::string_view::npos) {
      return ErrorAt(members, "a name has at most one dot: '" + std::string(members.text) + "'");
    }
    value = NewNode(NodeKind::kVariable, members);
    value->name = std::string(variable);
    value->text = std::string(members.text);
  }
  NodePointer condition;
  if (Peek().Is("where")) {
    Advance();
    Result<NodePointer> where = Nested(&Parser::ParseIf);
    if (!where.ok()) return where;
    condition = std::move(where).value();
  }
  const bool needs_value = info.aggregate == Aggregate::kSum || info.aggregate == Aggregate::kMax ||
                           info.aggregate == Aggregate::kMin;
  const bool takes_value = info.aggregate != Aggregate::kCount;
  if ((needs_value && value == nullptr) || (!takes_value && value != nullptr) ||
      (value == nullptr && condition == nullptr && takes_value)) {
    return ErrorAt(members, usage);
  }
  if (!Peek().Is(")")) {
    return ErrorAt(Peek(),
                   std::string(condition == nullptr ? "expected 'where' or ')'" : "expected ')'") +
                       ", found " + Describe(Peek()));
  }
  Advance();
  node->children.push_back(std::move(value));
  node->children.push_back(std::move(condition));
  return Finish(std::move(node), name.offset);
}

// The parser bounds its own recursion, but a long chain such as 1 + 1 + … + 1 builds a
// deep tree in a loop; the checker and the interpreter recurse over the tree, so its
// depth is bounded too.
Status CheckTreeDepth(const Node& node, int depth) {
  if (depth > kExpressionDepthMax) return InvalidArgument(TooDeepMessage()).At(node.location);
  for (const NodePointer& child : node.children) {
    if (child == nullptr) continue;
    if (Status status = CheckTreeDepth(*child, depth + 1); !status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

const char* OpText(Op op) {
  for (const OperatorSpelling& spelling : kOperators) {
    if (spelling.op == op) return spelling.text.data();
  }
  return "";
}

const char* FunctionName(Function function) {
  for (const FunctionInfo& info : kFunctions) {
    if (info.function == function) return info.name;
  }
  return "";
}

const char* AggregateName(Aggregate aggregate) {
  for (const AggregateInfo& info : kAggregates) {
    if (info.aggregate == aggregate) return info.name;
  }
  return "";
}

Result<std::unique_ptr<Node>> ParseExpression(std::string_view text, const SourceLocation& location,
                                              int continuation_indent) {
  size_t characters = 0;
  for (char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (characters > kFormulaLengthMax) {
    return InvalidArgument("formula longer than " + std::to_string(kFormulaLengthMax) +
                           " characters")
        .At(location);
  }
  Result<std::vector<Token>> tokens = Lex(text, location, continuation_indent);
  if (!tokens.ok()) return tokens.status();
  Result<NodePointer> root = Parser(text, std::move(tokens).value()).ParseFormula();
  if (!root.ok()) return root;
  if (Status depth = CheckTreeDepth(**root, 1); !depth.ok()) return depth;
  return root;
}

}  // namespace minsheng::policy
