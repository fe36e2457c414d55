// Splits one fuzz input into two texts at a separator line, for the targets whose parser
// reads two files (a pack's pack.md and rules.md, persons.csv and households.csv). A line
// of five '=' is unlikely in either format, so a seed reads as the two files it stands for.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>

namespace minsheng::fuzz {

struct SplitInput {
  std::string_view first;                  // before the separator line, its newline kept
  std::optional<std::string_view> second;  // after it; nullopt when there is none
};

// Splits at the first line that is exactly "=====" (a '\r' before its '\n' allowed, so
// CRLF inputs split too).
inline SplitInput SplitAtSeparator(std::string_view text) {
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);
    if (line == "=====" || line == "=====\r") {
      const size_t rest = std::min(line_end + 1, text.size());
      return {text.substr(0, line_start), text.substr(rest)};
    }
    line_start = line_end + 1;
  }
  return {text, std::nullopt};
}

}  // namespace minsheng::fuzz
