// Lines and columns of a pack's text files, for the loader and for error messages.
//
// Errors report 1-based line and column, with columns counted in characters (UTF-8 code
// points), not bytes, so that a column means the same to the author whatever script the
// line is written in. yaml-cpp reports byte offsets; CharacterColumn converts them. The
// caret under an error is indented by display width, where CJK characters take two
// columns. Pure functions; thread-safe. Internal to the policy capability, and to the
// projection's scenario loader (src/projection), which reads its files the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/read_file.h"
#include "core/status.h"

namespace minsheng::policy {

// Splits text at '\n', dropping a '\r' before it; a final newline does not start another
// line. A leading UTF-8 byte-order mark is dropped too: editors on Windows add one.
std::vector<std::string> SplitLines(std::string_view text);

// OK when text is well-formed UTF-8; else an error at file:line:column of the first bad
// byte. Checked before anything else reads a file, so columns can count characters.
Status CheckUtf8(std::string_view text, const std::string& file);

// The 1-based character column of the byte at byte_offset of line (one past the last
// character when the offset is at or beyond the end).
int CharacterColumn(std::string_view line, size_t byte_offset);

// The byte offset at which the character at 1-based `column` of line starts (line.size()
// when the line is shorter).
size_t ByteOffsetOfColumn(std::string_view line, int column);

// Whether a code point is drawn two columns wide (CJK ideographs, Hangul, full-width
// forms), as terminals draw them.
bool IsWideCharacter(char32_t code_point);

// What to print before a caret so that it stands under the character at 1-based `column`
// of line: a space per narrow character, two per wide one, and a tab for a tab.
std::string CaretIndent(std::string_view line, int column);

// The one way a literate file (a pack's, a reform, a fund scenario) is read: core's,
// refused with InvalidArgument(too_large) past bytes_max before anything is read; kIo
// naming the file when it cannot be read.
using ::minsheng::ReadFileAtMost;

// FNV-1a, 64 bits: the versions of packs and reforms (docs/packs.md, "Version").
class Fnv1a {
 public:
  void Add(std::string_view bytes) {
    for (char byte : bytes) {
      hash_ ^= static_cast<unsigned char>(byte);
      hash_ *= 1099511628211ull;
    }
  }
  std::string Hex() const;  // 16 lower-case hex digits

 private:
  uint64_t hash_ = 14695981039346656037ull;
};

}  // namespace minsheng::policy
