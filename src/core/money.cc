#include "core/money.h"

#include "core/decimal_text.h"

namespace minsheng {
namespace {

using decimal_text::ConsumePrefix;
using decimal_text::ConsumeSuffix;
using decimal_text::Trim;

constexpr int kFenDecimals = 2;
// 万 (ten thousand yuan) is 10^6 fen: a 万 amount may carry six decimals.
constexpr int kWanDecimals = 6;

Status MoneyError(std::string_view text, const Status& cause) {
  return Status(cause.code(), "amount '" + std::string(text) + "': " + cause.message());
}

}  // namespace

const char* RoundingName(Rounding rounding) {
  switch (rounding) {
    case Rounding::kHalfUpFen: return "half_up_fen";
    case Rounding::kHalfEvenFen: return "half_even_fen";
    case Rounding::kTowardZeroFen: return "toward_zero_fen";
    case Rounding::kHalfUpYuan: return "half_up_yuan";
  }
  return "unknown";
}

Result<Rounding> ParseRounding(std::string_view name) {
  for (Rounding rounding : {Rounding::kHalfUpFen, Rounding::kHalfEvenFen, Rounding::kTowardZeroFen,
                            Rounding::kHalfUpYuan}) {
    if (name == RoundingName(rounding)) return rounding;
  }
  return InvalidArgument("unknown rounding '" + std::string(name) +
                         "' (expected half_up_fen, half_even_fen, toward_zero_fen or "
                         "half_up_yuan)");
}

Result<Money> Money::FromYuan(int64_t yuan) {
  int64_t fen = 0;
  if (__builtin_mul_overflow(yuan, kFenPerYuan, &fen)) {
    return Overflow(std::to_string(yuan) + " yuan is beyond the largest amount");
  }
  return Money(fen);
}

Result<Money> Money::Parse(std::string_view text) {
  std::string_view rest = Trim(text);
  if (rest.empty()) return InvalidArgument("empty amount");
  // The sign may stand before or after the currency sign: "-¥3.20" and "¥-3.20".
  bool negative = ConsumePrefix(rest, "-");
  if (!negative) ConsumePrefix(rest, "+");
  if (!ConsumePrefix(rest, "¥")) ConsumePrefix(rest, "￥");
  bool wan = false;
  if (ConsumeSuffix(rest, "万元") || ConsumeSuffix(rest, "万")) {
    wan = true;
  } else {
    ConsumeSuffix(rest, "元");
  }
  rest = Trim(rest);
  if (negative && (rest.starts_with("-") || rest.starts_with("+"))) {
    return InvalidArgument("amount '" + std::string(text) + "': two signs");
  }
  auto parts = decimal_text::SplitDecimal(rest, /*allow_grouping=*/true);
  if (!parts.ok()) return MoneyError(text, parts.status());
  parts.value().negative = parts->negative || negative;

  const int decimals = wan ? kWanDecimals : kFenDecimals;
  auto fen = decimal_text::ToScaledInteger(*parts, decimals);
  if (!fen.ok()) {
    if (fen.status().code() == ErrorCode::kOverflow) {
      return Overflow("amount '" + std::string(text) + "' is beyond the largest amount (" +
                      Money(INT64_MAX).ToString() + ")");
    }
    return InvalidArgument("amount '" + std::string(text) + "' is finer than a fen (at most " +
                           std::to_string(decimals) + " decimal places" + (wan ? " in 万" : "") +
                           ")");
  }
  return Money(*fen);
}

std::string Money::ToString() const {
  std::string plain = decimal_text::FormatScaled(fen_, kFenDecimals, kFenDecimals, true);
  if (fen_ < 0) return "-¥" + plain.substr(1);
  return "¥" + plain;
}

std::string Money::ToPlainString() const {
  return decimal_text::FormatScaled(fen_, kFenDecimals, kFenDecimals, false);
}

void Money::AppendPlainTo(std::string& out) const {
  decimal_text::AppendScaled(out, fen_, kFenDecimals, kFenDecimals);
}

Result<Money> Money::Add(Money other) const {
  int64_t sum = 0;
  if (__builtin_add_overflow(fen_, other.fen_, &sum)) {
    return Overflow("sum of " + ToString() + " and " + other.ToString() + " overflows");
  }
  return Money(sum);
}

Result<Money> Money::Subtract(Money other) const {
  int64_t difference = 0;
  if (__builtin_sub_overflow(fen_, other.fen_, &difference)) {
    return Overflow(ToString() + " minus " + other.ToString() + " overflows");
  }
  return Money(difference);
}

Result<Money> Money::Multiply(int64_t factor) const {
  int64_t product = 0;
  if (__builtin_mul_overflow(fen_, factor, &product)) {
    return Overflow(ToString() + " × " + std::to_string(factor) + " overflows");
  }
  return Money(product);
}

Result<Money> Money::Negate() const {
  if (fen_ == INT64_MIN) return Overflow("negating " + ToString() + " overflows");
  return Money(-fen_);
}

Result<Money> Money::MultiplyRate(Rate rate, Rounding rounding) const {
  // fen × parts fits in 128 bits (both below 2^63), so the exact product is formed first
  // and rounded once.
  const std::optional<int64_t> fen =
      RoundFenQuotient(static_cast<Int128>(fen_) * rate.parts(), Rate::kScale, rounding);
  if (!fen) return Overflow(ToString() + " × " + rate.ToString() + " overflows");
  return Money(*fen);
}

}  // namespace minsheng
