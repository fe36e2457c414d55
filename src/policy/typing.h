// FormulaTyper: resolves the names of one formula's syntax tree and checks its types, in
// the context of the variable the formula defines (its entity and period).
//
// It rewrites the tree in place: a bare name that is no variable becomes an enum value
// when the context expects an enum (scheme == ncms), and a number literal where money is
// expected becomes an amount of yuan (max(0, cost - p.deductible)). It sets every node's
// type, enum type and index, and collects the variables the formula reads. The rules are
// in docs/packs.md, "Expression language". Internal to the policy capability (check.cc is
// its user). One typer per formula; not thread-safe, but typers of different formulas may
// run at once over the same const Pack.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "policy/expression.h"
#include "policy/pack.h"

namespace minsheng::policy {

class FormulaTyper {
 public:
  FormulaTyper(const Pack& pack, const Variable& variable);

  // Types root as the formula of the variable. Returns the indexes into pack.variables of
  // every variable the formula reads, sorted, without repeats.
  Result<std::vector<int>> Check(Node& root);

 private:
  // expected_enum: the enum a bare name that is no variable is read as a value of, when
  // the context gives one (the other side of ==, the formula of an enum variable).
  Status Visit(Node& node, const EnumType* expected_enum);
  Status VisitPair(Node& first, Node& second, const EnumType* expected_enum);
  Status VisitVariable(Node& node, const EnumType* expected_enum);
  Status VisitGroupVariable(Node& node);
  Status VisitParameter(Node& node);
  Status VisitScaleParameter(Node& node, Function function);
  Status VisitParameterDate(Node& node);
  Status VisitSize(Node& node);
  Status VisitUnary(Node& node);
  Status VisitBinary(Node& node);
  Status VisitLogical(Node& node);
  Status VisitComparison(Node& node);
  Status VisitArithmetic(Node& node);
  Status VisitIf(Node& node, const EnumType* expected_enum);
  Status VisitCall(Node& node);
  Status VisitSameTypeCall(Node& node);
  Status VisitRound(Node& node);
  Status VisitScale(Node& node);
  Status VisitSumMonths(Node& node);
  Status VisitAggregate(Node& node);
  Status TypeAggregate(Node& node);
  Status VisitWhere(Node& node, const Entity& member);

  // Resolves a variable of `entity` for `node`, checking the period rules; `written` is
  // how the formula names it, for errors.
  Status Resolve(Node& node, const Entity& entity, const std::string& written);
  Status CheckPeriod(const Variable& read, const std::string& written, const Node& node) const;
  Status UnknownVariable(const Node& node, const Entity& entity) const;
  Status UnknownParameter(const Node& node) const;
  // The one entity whose group is `group`, or an error at node.
  Result<const Entity*> MemberEntity(const Node& node, const std::string& what) const;
  // Whether node is a bare name that is no variable of the current entity (or an if
  // whose branch is one): such a name needs its enum from the other side.
  bool NeedsEnumContext(const Node& node) const;
  int VariableIndex(const std::string& entity, const std::string& name) const;

  const Pack& pack_;
  const Variable& variable_;
  const Entity* entity_;  // whose variables bare names are: the formula's, or a member's
                          // inside an aggregate's where-condition
  std::set<int> dependencies_;
};

// The literal rule: whether node is built from number literals only (with + -, if, min,
// max, clamp, abs), so that it may stand for an amount of yuan where money is expected;
// and the rewrite that makes it so (a literal's raw value × 100, its type money).
bool CanBecomeMoney(const Node& node);
Status MakeMoney(Node& node);

// A type as errors name it: "money", or "enum scheme" for a value of the enum that the
// variable scheme declares.
std::string TypeText(Type type, const EnumType* enum_type);
std::string TypeText(const Node& node);

}  // namespace minsheng::policy
