// The name checks shared by the region and town tables (table_name.h).
#include "core/table_name.h"

#include <cstdint>

namespace minsheng {

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80   ? 1
                          : lead < 0xC2 ? 0
                          : lead < 0xE0 ? 2
                          : lead < 0xF0 ? 3
                          : lead < 0xF5 ? 4
                                        : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    const bool overlong =
        (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
    if (overlong || (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string TableNameProblem(std::string_view name) {
  if (name.empty()) return "name is empty";
  if (name.size() > kTableNameBytesMax) {
    return "name has " + std::to_string(name.size()) + " bytes, at most " +
           std::to_string(kTableNameBytesMax) + " allowed";
  }
  if (!IsValidUtf8(name)) return "name is not valid UTF-8";
  for (const char character : name) {
    const auto byte = static_cast<unsigned char>(character);
    if (byte < 0x20 || byte == 0x7F) return "name contains a control character";
  }
  if (name.front() == ' ' || name.back() == ' ') return "name starts or ends with a space";
  return "";
}

}  // namespace minsheng
