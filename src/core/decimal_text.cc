#include "core/decimal_text.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace minsheng::decimal_text {
namespace {

__extension__ typedef unsigned __int128 Uint128;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Checks "1,234,567": a first group of 1 to 3 digits, then groups of exactly 3.
Status CheckGrouping(std::string_view integer_text) {
  size_t group_start = 0;
  bool first = true;
  for (size_t i = 0; i <= integer_text.size(); ++i) {
    if (i < integer_text.size() && integer_text[i] != ',') continue;
    size_t length = i - group_start;
    bool fits = first ? (length >= 1 && length <= 3) : length == 3;
    if (!fits) {
      return InvalidArgument("digits must be grouped in threes: '" + std::string(integer_text) +
                             "'");
    }
    first = false;
    group_start = i + 1;
  }
  return Status::Ok();
}

uint64_t PowerOfTen(int exponent) {
  uint64_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool ConsumePrefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

bool ConsumeSuffix(std::string_view& text, std::string_view suffix) {
  if (!text.ends_with(suffix)) return false;
  text.remove_suffix(suffix.size());
  return true;
}

Result<DecimalParts> SplitDecimal(std::string_view text, bool allow_grouping) {
  const std::string original(text);
  DecimalParts parts;
  if (text.empty()) return InvalidArgument("no digits");
  if (text.front() == '-' || text.front() == '+') {
    parts.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  size_t point = text.find('.');
  std::string_view integer_text = text.substr(0, point);
  std::string_view fraction_text =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);

  bool has_comma = false;
  for (char c : integer_text) {
    if (c == ',') {
      has_comma = true;
    } else if (!IsDigit(c)) {
      return InvalidArgument("not a number: '" + original + "'");
    }
  }
  for (char c : fraction_text) {
    if (!IsDigit(c)) return InvalidArgument("not a number: '" + original + "'");
  }
  if (integer_text.empty()) {
    return InvalidArgument("expected a digit before the decimal point: '" + original + "'");
  }
  if (point != std::string_view::npos && fraction_text.empty()) {
    return InvalidArgument("expected a digit after the decimal point: '" + original + "'");
  }
  if (has_comma) {
    if (!allow_grouping) return InvalidArgument("not a number: '" + original + "'");
    Status grouping = CheckGrouping(integer_text);
    if (!grouping.ok()) return grouping;
  }
  for (char c : integer_text) {
    if (c != ',') parts.integer_digits.push_back(c);
  }
  parts.fraction_digits = std::string(fraction_text);
  return parts;
}

Result<int64_t> ToScaledInteger(const DecimalParts& parts, int scale_digits) {
  std::string_view fraction = parts.fraction_digits;
  while (fraction.size() > static_cast<size_t>(scale_digits) && fraction.back() == '0') {
    fraction.remove_suffix(1);
  }
  if (fraction.size() > static_cast<size_t>(scale_digits)) {
    return InvalidArgument("more than " + std::to_string(scale_digits) + " decimal places");
  }
  // The magnitude may reach 2^63 for a negative value (INT64_MIN); anything larger is an
  // overflow. Accumulating in 128 bits makes the bound check exact.
  const Uint128 limit =
      static_cast<Uint128>(std::numeric_limits<int64_t>::max()) + (parts.negative ? 1 : 0);
  Uint128 magnitude = 0;
  auto push_digit = [&](char c) {
    magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
    return magnitude <= limit;
  };
  for (char c : parts.integer_digits) {
    if (!push_digit(c)) return Overflow("number too large");
  }
  for (int i = 0; i < scale_digits; ++i) {
    char c = i < static_cast<int>(fraction.size()) ? fraction[i] : '0';
    if (!push_digit(c)) return Overflow("number too large");
  }
  if (parts.negative) return static_cast<int64_t>(-static_cast<int64_t>(magnitude - 1) - 1);
  return static_cast<int64_t>(magnitude);
}

void AppendScaled(std::string& out, int64_t value, int scale_digits, int min_fraction_digits) {
  const bool negative = value < 0;
  // Negating in unsigned arithmetic is defined for INT64_MIN too.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : value;
  const uint64_t unit = PowerOfTen(scale_digits);
  if (negative) out += '-';
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, magnitude / unit).ptr;
  out.append(digits, static_cast<size_t>(end - digits));
  // The fraction zero-padded to scale_digits, trailing zeros beyond the minimum dropped.
  uint64_t fraction = magnitude % unit;
  for (int i = scale_digits - 1; i >= 0; --i, fraction /= 10) {
    digits[i] = static_cast<char>('0' + fraction % 10);
  }
  int length = scale_digits;
  while (length > min_fraction_digits && digits[length - 1] == '0') --length;
  if (length > 0) {
    out += '.';
    out.append(digits, static_cast<size_t>(length));
  }
}

std::string FormatScaled(int64_t value, int scale_digits, int min_fraction_digits, bool grouped) {
  std::string text;
  AppendScaled(text, value, scale_digits, min_fraction_digits);
  if (grouped) {
    const size_t first = value < 0 ? 1 : 0;
    const size_t point = std::min(text.find('.'), text.size());
    for (size_t at = point; at > first + 3; at -= 3) text.insert(at - 3, ",");
  }
  return text;
}

}  // namespace minsheng::decimal_text
