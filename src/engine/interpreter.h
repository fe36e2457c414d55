// Interpreter: the reference evaluator. It walks a checked expression one entity at a
// time, in the plainest way, using the same kernels (kernels.h, scale.h) as the
// vectorized executor. It serves two purposes:
//   - explanations: Explain records every sub-expression's value, every parameter read
//     (value, effective date, source quote and place), every scale bracket applied and
//     every branch taken, recursing into the variables a formula reads;
//   - differential tests: the executor must agree with it to the fen.
// Not thread-safe; one Interpreter per thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/period.h"
#include "engine/kernels.h"
#include "engine/table.h"
#include "policy/pack.h"

namespace minsheng::engine {

// One step of an explanation: a value and how it came to be.
struct Explanation {
  enum class Kind {
    kVariable,  // a formula variable: children explain its formula
    kInput,     // an input variable read from the table (or its default)
    kLiteral,
    kParameter,
    kOperation,
    kCondition,
    kFunction,
    kScale,
    kAggregate,
  };
  Kind kind = Kind::kOperation;
  std::string text;  // the expression text, or the variable's name
  policy::Value value;
  std::string entity;   // for variables: "person 'p1'"
  std::string period;   // for variables: the period computed
  std::string note_en;  // e.g. "in force from 2012-08-01", "then-branch taken"
  std::string note_zh;
  const policy::Source* source = nullptr;  // parameters and variables
  std::string assumption;                  // parameters whose value the text does not give
  SourceLocation location;
  std::vector<Explanation> children;
};

class Interpreter {
 public:
  Interpreter(const policy::Pack& pack, const Population& population);

  // The variable's value for one row of its entity's table. A monthly variable asked for
  // a longer period is the sum of its months, as in Engine::Compute.
  Result<int64_t> Evaluate(int variable, size_t row, const Period& period);

  // The same, with the explanation tree.
  Result<Explanation> Explain(int variable, size_t row, const Period& period);

 private:
  struct Context;
  Result<int64_t> EvaluateVariable(int variable, size_t row, const Period& period,
                                   Explanation* explanation);
  Result<int64_t> EvaluateNatural(int variable, size_t row, const Period& natural,
                                  Explanation* explanation);
  Result<int64_t> EvaluateNode(const policy::Node& node, const Context& context,
                               Explanation* explanation);
  Result<int64_t> EvaluateCall(const policy::Node& node, const Context& context,
                               Explanation* explanation);
  Result<int64_t> EvaluateAggregate(const policy::Node& node, const Context& context,
                                    Explanation* explanation);
  Status FaultAt(const policy::Node& node, const Context& context, Fault fault) const;

  const policy::Pack& pack_;
  const Population& population_;
  // Values already computed, by (variable, period kind, first day, row), without
  // explanations (explaining re-walks so that every step is recorded).
  std::map<std::tuple<int, int, int32_t, size_t>, int64_t> cache_;
};

}  // namespace minsheng::engine
