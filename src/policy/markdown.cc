// The literate scan of a pack's Markdown file (markdown.h): a line-by-line state machine
// outside fences, inside a ```minsheng block, or inside any other fenced block.
#include "policy/markdown.h"

#include <string_view>

namespace minsheng::policy {
namespace {

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view TrimLeft(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

bool IsMinshengOpening(std::string_view line) {
  return TrimRight(line) == "```minsheng";
}

bool IsMinshengClosing(std::string_view line) {
  return TrimRight(line) == "```";
}

// The fence marker ("```" or "~~~", possibly longer) a line opens with, after up to three
// spaces of indentation as CommonMark allows; "" when the line opens no fence.
std::string_view FenceMarker(std::string_view line) {
  size_t indent = 0;
  while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
  std::string_view rest = line.substr(indent);
  if (!rest.starts_with("```") && !rest.starts_with("~~~")) return {};
  size_t length = 0;
  while (length < rest.size() && rest[length] == rest[0]) ++length;
  return rest.substr(0, length);
}

// Whether a line closes a fence opened with `marker`: at least as many of the same
// character, and nothing else but spaces.
bool ClosesFence(std::string_view line, std::string_view marker) {
  std::string_view closing = FenceMarker(line);
  if (closing.empty() || closing[0] != marker[0] || closing.size() < marker.size()) return false;
  std::string_view rest = TrimLeft(line);
  return TrimRight(rest.substr(closing.size())).empty();
}

std::string QuoteLineText(std::string_view line) {
  line.remove_prefix(1);  // the '>'
  if (line.starts_with(' ')) line.remove_prefix(1);
  return std::string(line);
}

}  // namespace

Result<std::vector<MinshengBlock>> ScanMarkdown(const std::vector<std::string>& lines,
                                                const std::string& file) {
  std::vector<MinshengBlock> blocks;
  std::optional<Blockquote> quote;
  std::optional<MinshengBlock> open_block;
  std::string_view other_fence;  // the marker of an open non-minsheng fence
  int other_fence_line = 0;
  bool previous_was_quote = false;

  for (size_t index = 0; index < lines.size(); ++index) {
    const std::string& line = lines[index];
    const int line_number = static_cast<int>(index) + 1;
    bool is_quote = false;

    if (open_block.has_value()) {
      if (IsMinshengClosing(line)) {
        open_block->end_line = line_number;
        blocks.push_back(std::move(*open_block));
        open_block.reset();
      } else {
        if (line_number > open_block->first_yaml_line) open_block->yaml += '\n';
        open_block->yaml += line;
      }
    } else if (!other_fence.empty()) {
      if (ClosesFence(line, other_fence)) other_fence = {};
    } else if (IsMinshengOpening(line)) {
      open_block.emplace();
      open_block->fence_line = line_number;
      open_block->first_yaml_line = line_number + 1;
      open_block->quote = quote;
    } else if (std::string_view marker = FenceMarker(line); !marker.empty()) {
      std::string_view info = TrimLeft(TrimLeft(line).substr(marker.size()));
      if (info.starts_with("minsheng")) {
        return InvalidArgument(
                   "write the fence of a definitions block as ```minsheng, alone "
                   "at the start of its line")
            .At(SourceLocation::InText(file, line_number, 1));
      }
      other_fence = marker;
      other_fence_line = line_number;
    } else if (line.starts_with('>')) {
      is_quote = true;
      if (!previous_was_quote) quote = Blockquote{.text = "", .line = line_number};
      if (previous_was_quote) quote->text += '\n';
      quote->text += QuoteLineText(line);
    }
    previous_was_quote = is_quote;
  }

  if (open_block.has_value()) {
    return InvalidArgument("this ```minsheng block is never closed: end it with a line of ```")
        .At(SourceLocation::InText(file, open_block->fence_line, 1));
  }
  // Markdown lets a fence run to the end of the file, but in a pack that would hide every
  // ```minsheng block after it without a word.
  if (!other_fence.empty()) {
    return InvalidArgument("this fenced block is never closed: end it with a line of " +
                           std::string(other_fence))
        .At(SourceLocation::InText(file, other_fence_line, 1));
  }
  return blocks;
}

}  // namespace minsheng::policy
