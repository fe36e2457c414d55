// Import files arrive in UTF-8 or in GB18030, the encoding Chinese government systems and
// spreadsheets commonly export (a superset of GBK and GB2312). ToUtf8 gives the text as
// UTF-8 either way: valid UTF-8 is kept as it is; anything else is read as GB18030 and
// converted (glibc's iconv). A file that is neither names the line of the first byte
// that fits no encoding.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng::registry {

enum class SourceEncoding { kUtf8, kGb18030 };

struct DecodedText {
  std::string text;  // UTF-8
  SourceEncoding encoding = SourceEncoding::kUtf8;
};

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, ≤ U+10FFFF).
bool IsUtf8(std::string_view bytes);

// The file's text as UTF-8; `file_name` names it in errors.
Result<DecodedText> ToUtf8(std::string bytes, std::string_view file_name);

}  // namespace minsheng::registry
