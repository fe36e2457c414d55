// The expression language's lexer (lexer.h): one pass over the formula's bytes, keeping
// the line and character column of the current position.
#include "policy/lexer.h"

#include <array>
#include <charconv>
#include <string>

#include "core/date.h"
#include "core/money.h"
#include "core/rate.h"
#include "policy/expression.h"

namespace minsheng::policy {
namespace {

constexpr std::array<std::string_view, 11> kKeywords = {
    "if", "then", "else", "and", "or", "not", "true", "false", "at", "where", "size"};

// Two-character symbols first, so that "<=" is not read as "<" then "=".
constexpr std::array<std::string_view, 13> kSymbols = {"<=", ">=", "==", "!=", "(", ")", ",",
                                                       "+",  "-",  "*",  "/",  "<", ">"};

// Characters people type by mistake, with what to write instead: other languages'
// operators, and the full-width punctuation a Chinese input method produces.
struct Misspelling {
  std::string_view written;
  std::string_view advice;
};
constexpr std::array<Misspelling, 16> kMisspellings = {{
    {"=", "write == to compare"},
    {"!", "write != to compare, or not to negate"},
    {"&&", "write and"},
    {"&", "write and"},
    {"||", "write or"},
    {"|", "write or"},
    {"（", "write the ASCII '('"},
    {"）", "write the ASCII ')'"},
    {"，", "write the ASCII ','"},
    {"＋", "write the ASCII '+'"},
    {"－", "write the ASCII '-'"},
    {"×", "write * to multiply"},
    {"÷", "write / to divide"},
    {"＜", "write the ASCII '<'"},
    {"＞", "write the ASCII '>'"},
    {"＝", "write == to compare"},
}};

constexpr std::array<std::string_view, 2> kYuanSigns = {"¥", "￥"};
// Longest first: "万元" must not be read as "万" followed by a stray "元".
constexpr std::array<std::string_view, 3> kMoneySuffixes = {"万元", "万", "元"};
constexpr std::array<std::string_view, 2> kPercentSigns = {"%", "％"};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsNamePart(char c) {
  return IsNameStart(c) || IsDigit(c);
}

// The number of bytes of the UTF-8 character starting with lead byte c.
size_t CharacterLength(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0xF0) return 4;
  if (byte >= 0xE0) return 3;
  if (byte >= 0xC0) return 2;
  return 1;
}

// What to write instead of a number with decimals: a rate, or an amount of money.
std::string WholeNumberAdvice(std::string_view text) {
  std::string advice = "a number is whole";
  Result<Rate> rate = Rate::Parse(text);
  Result<Money> money = Money::Parse(text);
  if (rate.ok()) advice += "; write " + rate->ToString() + " for a rate";
  if (rate.ok() && money.ok()) advice += " or " + money->ToString() + " for money";
  if (!rate.ok() && money.ok()) advice += "; write " + money->ToString() + " for money";
  return advice;
}

// An error of core's parsers, placed; the expression language's errors are all invalid
// arguments, whatever the core parser called them.
Status LiteralError(const Status& cause, const SourceLocation& location) {
  return InvalidArgument(cause.message()).At(location);
}

class Lexer {
 public:
  Lexer(std::string_view text, const SourceLocation& location, int continuation_indent)
      : text_(text),
        file_(location.file),
        line_(location.line),
        column_(location.column),
        continuation_column_(continuation_indent + 1) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpace();
      Result<Token> token = Next();
      if (!token.ok()) return token.status();
      const bool at_end = token->kind == TokenKind::kEnd;
      tokens.push_back(std::move(token).value());
      if (at_end) return tokens;
    }
  }

 private:
  Result<Token> Next() {
    if (position_ >= text_.size()) return Take(TokenKind::kEnd, 0);
    const char c = text_[position_];
    if (IsNameStart(c)) return LexWord();
    if (IsDigit(c) || StartsWithAny(position_, kYuanSigns) > 0) return LexNumeric();
    return LexSymbol();
  }

  // Spaces, tabs and line breaks separate tokens; a YAML block scalar may hold all three.
  void SkipSpace() {
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      Advance(1);
    }
  }

  // Moves over `bytes` bytes, counting characters and lines.
  void Advance(size_t bytes) {
    for (size_t end = position_ + bytes; position_ < end; ++position_) {
      const auto byte = static_cast<unsigned char>(text_[position_]);
      if (byte == '\n') {
        ++line_;
        column_ = continuation_column_;
      } else if ((byte & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }

  SourceLocation Here() const { return SourceLocation::InText(file_, line_, column_); }

  // Makes a token of the next `bytes` bytes and moves past them.
  Token Take(TokenKind kind, size_t bytes) {
    Token token;
    token.kind = kind;
    token.text = text_.substr(position_, bytes);
    token.offset = position_;
    token.location = Here();
    Advance(bytes);
    return token;
  }

  // The length of the first of `spellings` that text has at `at`, or 0.
  template <size_t N>
  size_t StartsWithAny(size_t at, const std::array<std::string_view, N>& spellings) const {
    for (std::string_view spelling : spellings) {
      if (text_.substr(at).starts_with(spelling)) return spelling.size();
    }
    return 0;
  }

  Status ErrorHere(const std::string& message) const { return InvalidArgument(message).At(Here()); }

  Result<Token> LexWord();
  Result<Token> LexNumeric();
  Result<Token> LexSymbol();
  Result<Token> LexDate(size_t length);
  bool IsDateAt(size_t at) const;
  Status CheckNothingRunsOn(size_t end, std::string_view literal) const;
  size_t ScanDigits(size_t at) const;
  size_t ScanGroups(size_t at) const;
  size_t ScanFraction(size_t at) const;

  std::string_view text_;
  std::string file_;
  size_t position_ = 0;
  int line_;
  int column_;
  int continuation_column_;
};

// A name, a dotted name (p.deductible) or a keyword.
Result<Token> Lexer::LexWord() {
  size_t end = position_;
  while (true) {
    const size_t part_start = end;
    while (end < text_.size() && IsNamePart(text_[end])) ++end;
    if (end - part_start > kNameLengthMax) {
      return ErrorHere("name '" + std::string(text_.substr(position_, end - position_)) +
                       "' is longer than " + std::to_string(kNameLengthMax) + " characters");
    }
    if (end >= text_.size() || text_[end] != '.') break;
    if (end + 1 >= text_.size() || !IsNameStart(text_[end + 1])) {
      return ErrorHere("expected a name after '" +
                       std::string(text_.substr(position_, end + 1 - position_)) + "'");
    }
    ++end;
  }
  const std::string_view word = text_.substr(position_, end - position_);
  if (word == "true" || word == "false") {
    Token token = Take(TokenKind::kLiteral, word.size());
    token.literal = Value::OfBool(word == "true");
    return token;
  }
  return Take(IsKeyword(word) ? TokenKind::kKeyword : TokenKind::kName, word.size());
}

size_t Lexer::ScanDigits(size_t at) const {
  while (at < text_.size() && IsDigit(text_[at])) ++at;
  return at;
}

// Grouping commas: ",ddd" repeated, each group exactly three digits.
size_t Lexer::ScanGroups(size_t at) const {
  while (at + 3 < text_.size() && text_[at] == ',' && IsDigit(text_[at + 1]) &&
         IsDigit(text_[at + 2]) && IsDigit(text_[at + 3]) &&
         (at + 4 >= text_.size() || !IsDigit(text_[at + 4]))) {
    at += 4;
  }
  return at;
}

size_t Lexer::ScanFraction(size_t at) const {
  if (at + 1 < text_.size() && text_[at] == '.' && IsDigit(text_[at + 1])) {
    return ScanDigits(at + 1);
  }
  return at;
}

// A literal must end where it ends: "140abc" or "1.5.2" is a typo, not two tokens.
Status Lexer::CheckNothingRunsOn(size_t end, std::string_view literal) const {
  if (end >= text_.size() || (!IsNamePart(text_[end]) && text_[end] != '.')) return Status::Ok();
  const std::string next(text_.substr(end, CharacterLength(text_[end])));
  int characters = 0;
  for (char c : literal) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return InvalidArgument("unexpected character '" + next + "' after '" + std::string(literal) + "'")
      .At(SourceLocation::InText(file_, line_, column_ + characters));
}

// A date is exactly YYYY-MM-DD, written without spaces; "2012 - 08 - 01" is arithmetic.
Result<Token> Lexer::LexDate(size_t length) {
  const std::string_view text = text_.substr(position_, length);
  Status ends = CheckNothingRunsOn(position_ + length, text);
  if (!ends.ok()) return ends;
  Result<Date> date = Date::Parse(text);
  if (!date.ok()) return LiteralError(date.status(), Here());
  Token token = Take(TokenKind::kLiteral, length);
  token.literal = Value::OfDate(*date);
  return token;
}

bool Lexer::IsDateAt(size_t at) const {
  if (at + 10 > text_.size()) return false;
  for (size_t i = 0; i < 10; ++i) {
    const bool dash_expected = i == 4 || i == 7;
    if (dash_expected ? text_[at + i] != '-' : !IsDigit(text_[at + i])) return false;
  }
  return at + 10 == text_.size() || !IsDigit(text_[at + 10]);
}

// A number, an amount of money or a rate; or a date, which also starts with a digit.
Result<Token> Lexer::LexNumeric() {
  const size_t start = position_;
  const size_t yuan_sign = StartsWithAny(start, kYuanSigns);
  const size_t digits_start = start + yuan_sign;
  if (digits_start >= text_.size() || !IsDigit(text_[digits_start])) {
    return ErrorHere("expected an amount after '" + std::string(text_.substr(start, yuan_sign)) +
                     "', as in ¥140");
  }
  if (yuan_sign == 0 && IsDateAt(start)) return LexDate(10);
  const size_t digits_end = ScanDigits(digits_start);
  // Grouping commas belong to amounts of money only: in min(1,234) the comma separates
  // two arguments.
  size_t number_end = ScanFraction(ScanGroups(digits_end));
  size_t money_suffix = StartsWithAny(number_end, kMoneySuffixes);
  if (yuan_sign == 0 && money_suffix == 0) {
    number_end = ScanFraction(digits_end);
    money_suffix = StartsWithAny(number_end, kMoneySuffixes);
  }
  const bool is_money = yuan_sign > 0 || money_suffix > 0;
  const size_t percent = is_money ? 0 : StartsWithAny(number_end, kPercentSigns);
  const size_t end = number_end + money_suffix + percent;
  const std::string_view text = text_.substr(start, end - start);
  if (Status ends = CheckNothingRunsOn(end, text); !ends.ok()) return ends;

  Value value;
  if (is_money) {
    Result<Money> money = Money::Parse(text);
    if (!money.ok()) return LiteralError(money.status(), Here());
    value = Value::OfMoney(*money);
  } else if (percent > 0) {
    Result<Rate> rate = Rate::Parse(text);
    if (!rate.ok()) return LiteralError(rate.status(), Here());
    value = Value::OfRate(*rate);
  } else {
    if (number_end != digits_end) return ErrorHere(WholeNumberAdvice(text));
    int64_t number = 0;
    auto [parsed_end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || parsed_end != text.data() + text.size()) {
      return ErrorHere("number " + std::string(text) + " is too large");
    }
    value = Value::OfNumber(number);
  }
  Token token = Take(TokenKind::kLiteral, text.size());
  token.literal = value;
  return token;
}

Result<Token> Lexer::LexSymbol() {
  for (std::string_view symbol : kSymbols) {
    if (text_.substr(position_).starts_with(symbol)) return Take(TokenKind::kSymbol, symbol.size());
  }
  for (const Misspelling& misspelling : kMisspellings) {
    if (text_.substr(position_).starts_with(misspelling.written)) {
      return ErrorHere("unexpected '" + std::string(misspelling.written) +
                       "': " + std::string(misspelling.advice));
    }
  }
  const std::string character(text_.substr(position_, CharacterLength(text_[position_])));
  return ErrorHere("unexpected character '" + character + "'");
}

}  // namespace

bool IsKeyword(std::string_view word) {
  for (std::string_view keyword : kKeywords) {
    if (word == keyword) return true;
  }
  return false;
}

Result<std::vector<Token>> Lex(std::string_view formula, const SourceLocation& location,
                               int continuation_indent) {
  return Lexer(formula, location, continuation_indent).Run();
}

}  // namespace minsheng::policy
