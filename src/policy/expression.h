// The expression language's syntax tree, as ParseExpression builds it and CheckPack
// types and resolves it. The grammar and every built-in function are in docs/packs.md.
//
// A Node is immutable once checked: the engine compiles it to a plan and the reference
// interpreter walks it. Every node keeps its location and its source text, so errors and
// explanations can point at it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/types.h"

namespace minsheng::policy {

// Limits on what a formula may be, so that a malformed or hostile pack fails with a clear
// error instead of exhausting the stack or memory.
inline constexpr int kExpressionDepthMax = 64;
inline constexpr size_t kFormulaLengthMax = 4096;   // characters
inline constexpr size_t kNameLengthMax = 64;        // characters of a variable or parameter name
inline constexpr size_t kPackFilesMax = 256;
inline constexpr size_t kPackBytesMax = 8 << 20;    // 8 MiB of .md and .yaml
inline constexpr size_t kDefinitionsMax = 10000;    // definitions of every kind, entities to stages

enum class NodeKind {
  kLiteral,         // 140, ¥140, 140元, 80%, true, 2012-08-01; value in `literal`
  kEnumLiteral,     // a listed value of an enum, resolved by context (scheme == ncms)
  kVariable,        // a variable of the same entity: `income`
  kGroupVariable,   // from a member, a variable of its group: `household.dibao`
  kParameter,       // `p.name`; children[0], when present, is the date of `at`
  kUnary,           // op: kNegate, kNot
  kBinary,          // op: arithmetic, comparison, and/or
  kIf,              // children: condition, then, else
  kCall,            // function: min max clamp abs round_fen round_yuan scale bracket sum_months
  kAggregate,       // over members of a group: sum count any all max min;
                    // children[0] value (absent for count and for any/all with where only),
                    // children[1] where-condition (optional; nullptr when absent)
  kSize,            // the number of members of a group
};

enum class Op {
  kNone,
  kNegate, kNot,
  kAdd, kSubtract, kMultiply, kDivide,
  kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual,
  kAnd, kOr,
};

enum class Function {
  kNone,
  kMin, kMax, kClamp, kAbs, kRoundFen, kRoundYuan,
  kScale,      // scale(p.name, x): marginal scale applied to x
  kBracket,    // bracket(p.name, x): the flat bracket x falls in
  kSumMonths,  // sum_months(x): the year's total of a monthly variable
};

enum class Aggregate { kNone, kSum, kCount, kAny, kAll, kMax, kMin };

const char* OpText(Op op);                 // "+", "and", …
const char* FunctionName(Function function);  // "min", "sum_months", …
const char* AggregateName(Aggregate aggregate);

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  Op op = Op::kNone;
  Function function = Function::kNone;
  Aggregate aggregate = Aggregate::kNone;
  std::string name;   // variable, parameter or enum value name
  Value literal;      // kLiteral, kEnumLiteral
  std::vector<std::unique_ptr<Node>> children;  // may hold nullptr where documented
  SourceLocation location;  // of the node's first character
  std::string text;         // the node's source text, e.g. "max(0, cost - p.deductible)"

  // Set by the checker.
  Type type = Type::kNumber;
  const EnumType* enum_type = nullptr;  // when type is kEnum
  int index = -1;  // kVariable/kGroupVariable/kAggregate value: variable index;
                   // kParameter and scale/bracket's first argument: parameter index
};

// Parses one formula. `location` is where its first character stands in the pack, so
// every node and every error carries its own file:line:column; a formula spanning lines
// (a YAML block scalar) continues at column continuation_indent + 1 of the next lines.
// Errors are invalid-argument Statuses with the location set.
Result<std::unique_ptr<Node>> ParseExpression(std::string_view text, const SourceLocation& location,
                                              int continuation_indent = 0);

}  // namespace minsheng::policy
