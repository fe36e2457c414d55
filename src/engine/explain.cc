#include "engine/explain.h"

#include <nlohmann/json.hpp>

namespace minsheng::engine {
namespace {

const char* KindName(Explanation::Kind kind) {
  switch (kind) {
    case Explanation::Kind::kVariable: return "variable";
    case Explanation::Kind::kInput: return "input";
    case Explanation::Kind::kLiteral: return "literal";
    case Explanation::Kind::kParameter: return "parameter";
    case Explanation::Kind::kOperation: return "operation";
    case Explanation::Kind::kCondition: return "condition";
    case Explanation::Kind::kFunction: return "function";
    case Explanation::Kind::kScale: return "scale";
    case Explanation::Kind::kAggregate: return "aggregate";
  }
  return "step";
}

// A quote on one line, shortened: explanations cite, they do not reprint the policy.
std::string OneLine(const std::string& quote) {
  constexpr size_t kQuoteBytesMax = 240;
  std::string line;
  for (char c : quote) line.push_back(c == '\n' ? ' ' : c);
  if (line.size() > kQuoteBytesMax) {
    size_t cut = kQuoteBytesMax;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut) + "…";
  }
  return line;
}

// Literals and the operations whose children say it all are folded into their parent
// so the text shows the steps that matter.
// Formula text as one line: a multi-line formula would break the tree's indentation.
std::string Collapse(const std::string& text) {
  std::string line;
  bool space = false;
  for (char c : text) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank && !line.empty()) space = true;
    if (blank) continue;
    if (space) line.push_back(' ');
    space = false;
    line.push_back(c);
  }
  return line;
}

// A reference to a variable (`income`, `household.dibao`) says nothing its one child,
// the variable's own explanation, does not.
bool IsReference(const Explanation& step) {
  return step.kind == Explanation::Kind::kOperation && step.children.size() == 1 &&
         (step.children[0].kind == Explanation::Kind::kVariable ||
          step.children[0].kind == Explanation::Kind::kInput);
}

void AppendText(const Explanation& step, Language language, Citation citation, int depth,
                std::string& out) {
  const bool zh = language == Language::kChinese;
  std::string indent(static_cast<size_t>(depth) * 2, ' ');
  if (step.kind == Explanation::Kind::kLiteral) return;
  if (IsReference(step)) {
    AppendText(step.children[0], language, citation, depth, out);
    return;
  }
  out += indent + Collapse(step.text);
  if (!step.entity.empty()) out += zh ? "（" + step.entity + "）" : " (" + step.entity + ")";
  if (!step.period.empty()) out += " [" + step.period + "]";
  out += " = " + step.value.ToString();
  const std::string& note = zh ? step.note_zh : step.note_en;
  if (!note.empty()) out += zh ? "　（" + note + "）" : "  (" + note + ")";
  out += "\n";
  if (step.source != nullptr && !step.source->quote.empty() &&
      (step.kind == Explanation::Kind::kParameter || step.kind == Explanation::Kind::kVariable ||
       step.kind == Explanation::Kind::kScale)) {
    out += indent + (zh ? "  依据 " : "  source ") + step.source->location.ToString();
    out += citation == Citation::kQuote ? ": “" + OneLine(step.source->quote) + "”\n" : "\n";
  }
  if (!step.assumption.empty()) {
    out += indent + (zh ? "  假设：" : "  assumption: ") + step.assumption + "\n";
  }
  for (const Explanation& child : step.children) AppendText(child, language, citation, depth + 1, out);
}

nlohmann::ordered_json ToJson(const Explanation& step, Language language) {
  nlohmann::ordered_json json;
  json["text"] = step.text;
  json["kind"] = KindName(step.kind);
  json["value"] = step.value.ToPlainString();
  json["type"] = policy::TypeName(step.value.type);
  const std::string& note = language == Language::kChinese ? step.note_zh : step.note_en;
  if (!note.empty()) json["note"] = note;
  if (!step.entity.empty()) json["entity"] = step.entity;
  if (!step.period.empty()) json["period"] = step.period;
  if (step.source != nullptr && !step.source->quote.empty()) {
    json["source"] = {{"quote", step.source->quote},
                      {"file", step.source->location.file},
                      {"line", step.source->location.line}};
  }
  if (!step.assumption.empty()) json["assumption"] = step.assumption;
  if (!step.location.empty()) json["location"] = step.location.ToString();
  if (!step.children.empty()) {
    json["children"] = nlohmann::ordered_json::array();
    for (const Explanation& child : step.children)
      json["children"].push_back(ToJson(child, language));
  }
  return json;
}

}  // namespace

Result<Language> ParseLanguage(std::string_view text) {
  if (text == "en") return Language::kEnglish;
  if (text == "zh") return Language::kChinese;
  return InvalidArgument("unknown language '" + std::string(text) + "' (expected zh or en)");
}

std::string ExplanationToText(const Explanation& explanation, Language language,
                              Citation citation) {
  std::string out;
  AppendText(explanation, language, citation, 0, out);
  return out;
}

std::string ExplanationToJson(const Explanation& explanation, Language language) {
  return ToJson(explanation, language).dump(2) + "\n";
}

}  // namespace minsheng::engine
