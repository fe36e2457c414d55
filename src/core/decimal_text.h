// Helpers shared by the parsers and formatters of exact decimal quantities (Money, Rate):
// splitting a decimal literal into its digits and rendering a scaled integer. Internal to
// core; not part of any capability's face.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng::decimal_text {

// A decimal literal taken apart: sign, the integer digits (grouping commas removed) and
// the fraction digits, all ASCII.
struct DecimalParts {
  bool negative = false;
  std::string integer_digits;
  std::string fraction_digits;
};

// Parses [+-]digits[.digits], where the integer digits may be grouped in threes with
// commas when allow_grouping ("1,234,567.5"). Errors say what is wrong with the text.
Result<DecimalParts> SplitDecimal(std::string_view text, bool allow_grouping);

// Combines the parts into an integer count of 10^-scale_digits units, i.e.
// integer.fraction × 10^scale_digits. Fails with "more than N decimal places" when the
// fraction has more digits than scale_digits (other than trailing zeros), and with an
// overflow error beyond int64.
Result<int64_t> ToScaledInteger(const DecimalParts& parts, int scale_digits);

// Renders value / 10^scale_digits: at least min_fraction_digits decimals, trailing zeros
// beyond that dropped; thousands separated with commas when grouped. Handles INT64_MIN.
std::string FormatScaled(int64_t value, int scale_digits, int min_fraction_digits, bool grouped);
// FormatScaled without grouping, appended to out with no temporary string (for writers
// of millions of values).
void AppendScaled(std::string& out, int64_t value, int scale_digits, int min_fraction_digits);

// Strips ASCII spaces and tabs at both ends.
std::string_view Trim(std::string_view text);

// True when text starts (ends) with the given UTF-8 prefix (suffix); removes it if so.
bool ConsumePrefix(std::string_view& text, std::string_view prefix);
bool ConsumeSuffix(std::string_view& text, std::string_view suffix);

}  // namespace minsheng::decimal_text
