// Walks two explanation trees side by side (explain_diff.h).
#include "simulate/explain_diff.h"

#include <algorithm>

namespace minsheng::simulate {
namespace {

using engine::Explanation;

class Differ {
 public:

  void Walk(const Explanation& a, const Explanation& b, const std::string& path) {
    const std::string here =
        a.kind == Explanation::Kind::kVariable ? (path.empty() ? a.text : path + " > " + a.text) : path;
    if (a.kind != b.kind || a.text != b.text || a.children.size() != b.children.size()) {
      Add(TreeDifference::Kind::kFormula, a, b, path);
      return;
    }
    const size_t before = differences_.size();
    size_t children = a.children.size();
    if (a.kind == Explanation::Kind::kParameter || a.kind == Explanation::Kind::kScale) {
      if (a.value.raw != b.value.raw || a.note_en != b.note_en) Add(TreeDifference::Kind::kParameter, a, b, here);
    } else if (a.kind == Explanation::Kind::kCondition && a.note_en != b.note_en) {
      Add(TreeDifference::Kind::kBranch, a, b, here);
      // An `if` explains its condition, then the branch it took: with the other branch
      // taken, only the conditions compare.
      children = std::min<size_t>(children, 1);
    }
    for (size_t i = 0; i < children; ++i) Walk(a.children[i], b.children[i], here);
    // Another value with nothing below to say why (a leaf, an input read differently).
    if (differences_.size() == before && a.value.raw != b.value.raw && a.children.empty()) {
      Add(TreeDifference::Kind::kValue, a, b, here);
    }
  }

  std::vector<TreeDifference> Take() { return std::move(differences_); }

 private:
  void Add(TreeDifference::Kind kind, const Explanation& a, const Explanation& b, const std::string& path) {
    TreeDifference difference;
    difference.kind = kind;
    difference.path = path;
    difference.baseline_text = a.text;
    difference.reform_text = b.text;
    difference.baseline_value = a.value.ToString();
    difference.reform_value = b.value.ToString();
    difference.baseline_note_en = a.note_en;
    difference.reform_note_en = b.note_en;
    difference.baseline_note_zh = a.note_zh;
    difference.reform_note_zh = b.note_zh;
    if (b.source != nullptr) difference.source_quote = b.source->quote;
    differences_.push_back(std::move(difference));
  }

  std::vector<TreeDifference> differences_;
};

}  // namespace

const char* TreeDifferenceKindName(TreeDifference::Kind kind) {
  switch (kind) {
    case TreeDifference::Kind::kParameter: return "parameter";
    case TreeDifference::Kind::kBranch: return "branch";
    case TreeDifference::Kind::kFormula: return "formula";
    case TreeDifference::Kind::kValue: return "value";
  }
  return "value";
}

std::vector<TreeDifference> DiffExplanations(const Explanation& baseline, const Explanation& reform) {
  Differ differ;
  differ.Walk(baseline, reform, "");
  return differ.Take();
}

}  // namespace minsheng::simulate
