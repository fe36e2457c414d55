// The expression language's lexer: splits one formula into tokens, each with its place in
// the pack and its exact source text.
//
// Literals are read whole here (¥1,234.56, 12万元, 5.5%, 2012-08-01), with core's
// Money::Parse, Rate::Parse and Date::Parse, so the parser sees one token per literal
// with its value. Dotted names (p.deductible, household.dibao, members.age) are one
// token: no spaces around the dot. Columns count characters (UTF-8 code points), as
// every error in a pack does (source_text.h). Internal to the policy capability; its one
// user is parser.cc. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/types.h"

namespace minsheng::policy {

enum class TokenKind {
  kEnd,      // the end of the formula; always the last token
  kName,     // income, p.deductible, household.dibao, members.age, max
  kKeyword,  // if then else and or not true false at where size
  kLiteral,  // 140, ¥140, 140元, 12万, 80%, 2012-08-01, true, false
  kSymbol,   // ( ) , + - * / < <= > >= == !=
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // exactly as written; empty for kEnd
  size_t offset = 0;      // byte offset of text in the formula
  SourceLocation location;
  Value literal;  // kLiteral

  // Whether this is the keyword or symbol `spelling`.
  bool Is(std::string_view spelling) const {
    return (kind == TokenKind::kKeyword || kind == TokenKind::kSymbol) && text == spelling;
  }
  size_t end() const { return offset + text.size(); }
};

// Whether word is one of the language's reserved words (a name cannot be one).
bool IsKeyword(std::string_view word);

// Splits formula into tokens ending with a kEnd token. `location` is where the formula's
// first character stands; later lines start at column continuation_indent + 1 (see
// ParseExpression). Errors are invalid-argument Statuses at the offending character.
Result<std::vector<Token>> Lex(std::string_view formula, const SourceLocation& location,
                               int continuation_indent);

}  // namespace minsheng::policy
