// Money: an exact amount of Chinese yuan, held as an int64 count of fen (0.01 yuan).
//
// Every amount minsheng computes, pays or books is a Money; there is no floating point
// on any money path. Arithmetic is checked: a result outside int64 is an Overflow error,
// never a wrap. Multiplying by a Rate rounds once, with a rounding mode the caller names.
// Values; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/rate.h"
#include "core/rounding.h"
#include "core/status.h"

namespace minsheng {

// Rounding (core/rounding.h) names how Money × Rate rounds its exact result.
const char* RoundingName(Rounding rounding);  // "half_up_fen", …
Result<Rounding> ParseRounding(std::string_view name);

class Money {
 public:
  static constexpr int64_t kFenPerYuan = 100;

  constexpr Money() = default;
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }
  static Result<Money> FromYuan(int64_t yuan);
  static constexpr Money Zero() { return Money(0); }

  // Parses an amount as people write it: "140", "140.5", "140.50", "1,234.56",
  // "¥1234.56" (or the full-width "￥"), "1234.56元", "-3.20", "12万" (120,000 yuan),
  // "0.5万", "1.2万元". Refuses, saying why: "1.234" (finer than a fen), "1,23" (bad
  // grouping), "abc", "" and anything beyond int64 fen.
  static Result<Money> Parse(std::string_view text);

  constexpr int64_t fen() const { return fen_; }
  constexpr bool is_zero() const { return fen_ == 0; }
  constexpr bool is_negative() const { return fen_ < 0; }

  // "¥1,234.56", "-¥3.20": what people read.
  std::string ToString() const;
  // "1234.56", "-3.20": what files and the API carry.
  std::string ToPlainString() const;
  // Appends ToPlainString() to out, with no temporary string.
  void AppendPlainTo(std::string& out) const;

  Result<Money> Add(Money other) const;
  Result<Money> Subtract(Money other) const;
  Result<Money> Multiply(int64_t factor) const;
  Result<Money> Negate() const;
  // this × rate, rounded once as asked.
  Result<Money> MultiplyRate(Rate rate, Rounding rounding = Rounding::kHalfUpFen) const;

  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

constexpr Money Min(Money a, Money b) {
  return a < b ? a : b;
}
constexpr Money Max(Money a, Money b) {
  return a < b ? b : a;
}

}  // namespace minsheng
