// Rate: an exact decimal ratio such as a reimbursement ratio (80%) or a growth rate.
//
// A rate is an int64 count of billionths (kScale parts make 1), so every rate a policy
// writes ("80%", "5.5%", "0.8", "33.3333333%") is held exactly and compared and added
// without floating point. A rate with more precision than a billionth is refused when
// parsed, never rounded silently. Values; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng {

class Rate {
 public:
  // Parts per unit. 1e9 gives seven decimals of a percentage, more than any policy uses,
  // and keeps Money × Rate inside 128-bit arithmetic.
  static constexpr int64_t kScale = 1'000'000'000;
  static constexpr int kDecimals = 9;

  constexpr Rate() = default;
  static constexpr Rate FromParts(int64_t parts) { return Rate(parts); }
  // Whole percent: Percent(80) is 80%.
  static Result<Rate> Percent(int64_t percent);
  static constexpr Rate Zero() { return Rate(0); }
  static constexpr Rate One() { return Rate(kScale); }

  // Parses "80%", "5.5%", "100%", "0.8", "1", "-2.5%" (ASCII or full-width ％ sign).
  // Errors say why: "empty rate", "more precision than 0.0000001%", "not a number: 'abc'".
  static Result<Rate> Parse(std::string_view text);

  // Parses a change in percentage points: "+5 percentage points", "-2.5 percentage
  // points", "+5pp", "+5个百分点". The result is the rate to add: +5 points = 0.05.
  static Result<Rate> ParsePercentagePoints(std::string_view text);

  constexpr int64_t parts() const { return parts_; }
  constexpr bool is_zero() const { return parts_ == 0; }
  constexpr bool is_negative() const { return parts_ < 0; }

  // "80%", "5.5%", "0.0000001%": the shortest exact percentage.
  std::string ToString() const;
  // "0.8", "0.055", "1": the shortest exact decimal.
  std::string ToDecimalString() const;

  Result<Rate> Add(Rate other) const;
  Result<Rate> Subtract(Rate other) const;
  Result<Rate> Multiply(int64_t factor) const;
  // 1 - this: the share left, e.g. the self-paid share of a reimbursement ratio.
  Result<Rate> Complement() const { return One().Subtract(*this); }

  friend constexpr auto operator<=>(Rate, Rate) = default;

 private:
  constexpr explicit Rate(int64_t parts) : parts_(parts) {}
  int64_t parts_ = 0;
};

}  // namespace minsheng
