// Rendering explanations (interpreter.h) for people and programs: indented text in
// Chinese or English, and JSON. Pure functions; thread-safe.
#pragma once

#include <string>

#include "engine/interpreter.h"

namespace minsheng::engine {

enum class Language { kEnglish, kChinese };
Result<Language> ParseLanguage(std::string_view text);  // "en", "zh"

// How sources are cited: with their quote (for people reading one explanation), or by
// their place only (for receipts, which keep each quote once beside them).
enum class Citation { kQuote, kPlace };

// An indented tree: each line "text = value  (note)", parameters followed by their
// source quote and place, assumptions marked.
std::string ExplanationToText(const Explanation& explanation, Language language,
                              Citation citation = Citation::kQuote);

// The same tree as JSON: {"text", "kind", "value", "type", "note", "entity", "period",
// "source": {"quote", "file", "line"}, "assumption", "location", "children": [...]}.
std::string ExplanationToJson(const Explanation& explanation, Language language);

}  // namespace minsheng::engine
