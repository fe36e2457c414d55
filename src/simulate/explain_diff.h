// Why a reform changed an amount: the baseline's and the reform's explanation trees of the
// same variable, row and month (engine/interpreter.h) walked side by side, and the places
// where they part — a parameter whose value differs, a branch taken the other way, a
// formula written differently. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/explain.h"
#include "engine/interpreter.h"

namespace minsheng::simulate {

struct TreeDifference {
  enum class Kind {
    kParameter,  // p.name: another value (or another scale bracket)
    kBranch,     // a condition: the other branch taken
    kFormula,    // the formula (or a part of it) is written differently
    kValue,      // the same expression came to another value, for no reason found below it
  };
  Kind kind = Kind::kValue;
  std::string path;  // the variables from the explained one down: "a > b"
  std::string baseline_text, reform_text;    // the expression (the same but for kFormula)
  std::string baseline_value, reform_value;  // as the explanation prints them
  // e.g. "in force from 2012-08-01", "condition holds: then-branch"; and in Chinese
  std::string baseline_note_en, reform_note_en, baseline_note_zh, reform_note_zh;
  std::string source_quote;  // the reform's source of a parameter or formula, if any
};

const char* TreeDifferenceKindName(TreeDifference::Kind kind);  // "parameter", "branch", …

// The differences between two explanations of one amount, outermost first. Empty when
// the trees are the same.
std::vector<TreeDifference> DiffExplanations(const engine::Explanation& baseline,
                                             const engine::Explanation& reform);

}  // namespace minsheng::simulate
