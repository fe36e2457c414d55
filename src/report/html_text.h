// Text as the report prints it: HTML escaping, the privacy filter every text from the
// report passes through, and the number formats (exact Money text for amounts, counts
// with thousands separators). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace minsheng::report {

// A run of this many ASCII digits or more could be a resident ID number (18 characters,
// or 15 digits for the old numbers), so a text never shows one: it is masked as
// MaskIdNumber masks an ID number. Shorter runs (region codes of 6 and 9 digits, counts
// and dates) are left alone.
inline constexpr size_t kIdLikeDigitRun = 15;

// Escapes & < > " ' for text and attribute values alike; a control character other than
// tab, line feed and carriage return becomes a space.
std::string EscapeHtml(std::string_view text);

// The text with every run of kIdLikeDigitRun digits or more (and the X check character
// after 17 of them) masked: "户主 371623198506120033" → "户主 37*************033".
std::string HideIdNumbers(std::string_view text);

// A text from the report as the page shows it: ID-like runs hidden, then escaped.
std::string PublicText(std::string_view text);

// "中文 / English", each part a PublicText; one part alone when the other is empty, and
// the fallback (escaped) when both are.
std::string BilingualText(std::string_view zh, std::string_view en, std::string_view fallback = "");

// An amount in fen as people read it: "¥6,216,000.00", "-¥3.20" (Money::ToString).
std::string YuanText(int64_t fen);

// A count with thousands separators: "1,234,567", "-12".
std::string CountText(int64_t count);

}  // namespace minsheng::report
