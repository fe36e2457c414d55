#include "core/rate.h"

#include "core/decimal_text.h"

namespace minsheng {
namespace {

using decimal_text::ConsumeSuffix;
using decimal_text::Trim;

// A percentage carries two fewer decimals of the unit: 80% is 0.80.
constexpr int kPercentDecimals = Rate::kDecimals - 2;

// Parses a plain decimal into a count of 10^-scale_digits units.
Result<Rate> ParseScaled(std::string_view number, int scale_digits, std::string_view original) {
  auto parts = decimal_text::SplitDecimal(number, /*allow_grouping=*/false);
  if (!parts.ok()) return parts.status().Prefixed("rate '" + std::string(original) + "'");
  auto scaled = decimal_text::ToScaledInteger(*parts, scale_digits);
  if (!scaled.ok()) {
    if (scaled.status().code() == ErrorCode::kOverflow) {
      return Overflow("rate '" + std::string(original) + "' is too large");
    }
    return InvalidArgument("rate '" + std::string(original) +
                           "' has more precision than a billionth (0.0000001%)");
  }
  return Rate::FromParts(*scaled);
}

}  // namespace

Result<Rate> Rate::Percent(int64_t percent) {
  int64_t parts = 0;
  if (__builtin_mul_overflow(percent, kScale / 100, &parts)) {
    return Overflow("rate " + std::to_string(percent) + "% is too large");
  }
  return Rate(parts);
}

Result<Rate> Rate::Parse(std::string_view text) {
  std::string_view rest = Trim(text);
  if (rest.empty()) return InvalidArgument("empty rate");
  bool percent = ConsumeSuffix(rest, "%") || ConsumeSuffix(rest, "％");
  rest = Trim(rest);
  // A billionth of the unit is a ten-millionth of a percent, so a percentage read with
  // seven decimals is already a count of parts.
  return ParseScaled(rest, percent ? kPercentDecimals : kDecimals, text);
}

Result<Rate> Rate::ParsePercentagePoints(std::string_view text) {
  std::string_view rest = Trim(text);
  bool unit_found = ConsumeSuffix(rest, "percentage points") ||
                    ConsumeSuffix(rest, "percentage point") || ConsumeSuffix(rest, "pp") ||
                    ConsumeSuffix(rest, "个百分点") || ConsumeSuffix(rest, "百分点");
  if (!unit_found) {
    return InvalidArgument("expected a change such as '+5 percentage points', got '" +
                           std::string(text) + "'");
  }
  rest = Trim(rest);
  auto parts = decimal_text::SplitDecimal(rest, /*allow_grouping=*/false);
  if (!parts.ok()) return parts.status().Prefixed("'" + std::string(text) + "'");
  auto scaled = decimal_text::ToScaledInteger(*parts, kPercentDecimals);
  if (!scaled.ok()) return scaled.status().Prefixed("'" + std::string(text) + "'");
  return Rate(*scaled);
}

std::string Rate::ToString() const {
  // parts / 1e9 as a percentage is parts / 1e7.
  return decimal_text::FormatScaled(parts_, kPercentDecimals, 0, /*grouped=*/false) + "%";
}

std::string Rate::ToDecimalString() const {
  return decimal_text::FormatScaled(parts_, kDecimals, 0, /*grouped=*/false);
}

Result<Rate> Rate::Add(Rate other) const {
  int64_t sum = 0;
  if (__builtin_add_overflow(parts_, other.parts_, &sum)) return Overflow("rate sum overflows");
  return Rate(sum);
}

Result<Rate> Rate::Subtract(Rate other) const {
  int64_t difference = 0;
  if (__builtin_sub_overflow(parts_, other.parts_, &difference)) {
    return Overflow("rate difference overflows");
  }
  return Rate(difference);
}

Result<Rate> Rate::Multiply(int64_t factor) const {
  int64_t product = 0;
  if (__builtin_mul_overflow(parts_, factor, &product)) return Overflow("rate product overflows");
  return Rate(product);
}

}  // namespace minsheng
