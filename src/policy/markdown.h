// The literate scan of a pack's Markdown file: its ```minsheng blocks, each with the
// blockquote it implements.
//
// A blockquote (consecutive lines starting with '>') is the official text; a fenced block
// opened by a line that is exactly ```minsheng and closed by a line that is exactly ```
// holds YAML definitions, whose source is the nearest blockquote above the block. Other
// fenced blocks (examples in ```yaml, say) are skipped whole, so a '>' or a ```minsheng
// inside them means nothing. Pure functions; thread-safe. Internal to the policy
// capability, and to the projection's scenario loader (src/projection), whose files are
// literate in the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace minsheng::policy {

struct Blockquote {
  std::string text;  // the lines without their '>' and one following space, joined by "\n"
  int line = 0;      // 1-based line of the quote's first line
};

struct MinshengBlock {
  int fence_line = 0;               // 1-based line of the opening ```minsheng
  int first_yaml_line = 0;          // fence_line + 1: YAML line 0 is this line of the file
  int end_line = 0;                 // 1-based line of the closing ```
  std::string yaml;                 // the lines between the fences, joined by "\n"
  std::optional<Blockquote> quote;  // the nearest blockquote above, if any
};

// Finds the ```minsheng blocks of a file already split into lines (SplitLines). Errors,
// at file:line:column: a block never closed; any other fenced block never closed, and a
// fence that names minsheng but is not written exactly ```minsheng at the start of its
// line (either would otherwise hide definitions without a word).
Result<std::vector<MinshengBlock>> ScanMarkdown(const std::vector<std::string>& lines,
                                                const std::string& file);

}  // namespace minsheng::policy
