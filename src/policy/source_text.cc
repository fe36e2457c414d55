// Lines, UTF-8 checking and character columns of a pack's text files (source_text.h).
#include "policy/source_text.h"

#include <cstdio>

namespace minsheng::policy {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsContinuationByte(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// The length of the well-formed UTF-8 sequence starting at text[at], or 0 when it is
// malformed (a stray continuation byte, a truncated or overlong sequence, a surrogate, or
// a code point beyond U+10FFFF). Decodes it into *code_point when well-formed.
size_t DecodeUtf8(std::string_view text, size_t at, char32_t* code_point) {
  const auto byte = static_cast<unsigned char>(text[at]);
  size_t length = 0;
  char32_t value = 0;
  if (byte < 0x80) {
    *code_point = byte;
    return 1;
  } else if ((byte & 0xE0) == 0xC0) {
    length = 2;
    value = byte & 0x1F;
  } else if ((byte & 0xF0) == 0xE0) {
    length = 3;
    value = byte & 0x0F;
  } else if ((byte & 0xF8) == 0xF0) {
    length = 4;
    value = byte & 0x07;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if (!IsContinuationByte(next)) return 0;
    value = (value << 6) | (next & 0x3F);
  }
  constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kSmallest[length] || value > 0x10FFFF) return 0;
  if (value >= 0xD800 && value <= 0xDFFF) return 0;
  *code_point = value;
  return length;
}

}  // namespace

std::vector<std::string> SplitLines(std::string_view text) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  std::vector<std::string> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.emplace_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

Status CheckUtf8(std::string_view text, const std::string& file) {
  int line = 1;
  int column = 1;
  size_t at = 0;
  while (at < text.size()) {
    char32_t code_point = 0;
    size_t length = DecodeUtf8(text, at, &code_point);
    if (length == 0) {
      return InvalidArgument("the file is not UTF-8 text (byte " + std::to_string(at + 1) +
                             " is not part of a UTF-8 character)")
          .At(SourceLocation::InText(file, line, column));
    }
    if (code_point == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    at += length;
  }
  return Status::Ok();
}

int CharacterColumn(std::string_view line, size_t byte_offset) {
  int column = 1;
  for (size_t i = 0; i < byte_offset && i < line.size(); ++i) {
    if (!IsContinuationByte(static_cast<unsigned char>(line[i]))) ++column;
  }
  // Offsets past the end (yaml-cpp marks the end of input there) count one per byte.
  if (byte_offset > line.size()) column += static_cast<int>(byte_offset - line.size());
  return column;
}

size_t ByteOffsetOfColumn(std::string_view line, int column) {
  int current = 1;
  for (size_t i = 0; i < line.size(); ++i) {
    if (IsContinuationByte(static_cast<unsigned char>(line[i]))) continue;
    if (current == column) return i;
    ++current;
  }
  return line.size();
}

bool IsWideCharacter(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6);
}

std::string CaretIndent(std::string_view line, int column) {
  std::string indent;
  size_t at = 0;
  for (int current = 1; current < column; ++current) {
    if (at >= line.size()) {
      indent += ' ';  // a column past the end of the line, e.g. a missing closing quote
      continue;
    }
    char32_t code_point = 0;
    size_t length = DecodeUtf8(line, at, &code_point);
    if (length == 0) {  // not UTF-8: one column per byte, as a terminal would show it
      length = 1;
      code_point = '?';
    }
    if (code_point == '\t') {
      indent += '\t';
    } else {
      indent += IsWideCharacter(code_point) ? "  " : " ";
    }
    at += length;
  }
  return indent;
}

std::string Fnv1a::Hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
  return text;
}

}  // namespace minsheng::policy
