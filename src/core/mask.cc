#include "core/mask.h"

#include <vector>

namespace minsheng {
namespace {

// Splits UTF-8 text into characters. A malformed byte stands alone, so masking never
// fails and never exposes more than it would for well-formed text.
std::vector<std::string_view> SplitCharacters(std::string_view text) {
  std::vector<std::string_view> characters;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 1;
    if (i + length > text.size()) length = 1;
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) length = 1;
    }
    characters.push_back(text.substr(i, length));
    i += length;
  }
  return characters;
}

std::string KeepEnds(std::string_view text, size_t keep_front, size_t keep_back) {
  std::string masked(text.substr(0, keep_front));
  masked.append(text.size() - keep_front - keep_back, '*');
  masked.append(text.substr(text.size() - keep_back));
  return masked;
}

}  // namespace

std::string MaskName(std::string_view name) {
  std::vector<std::string_view> characters = SplitCharacters(name);
  if (characters.size() <= 1) return characters.empty() ? "" : "*";
  std::string masked(characters.front());
  const size_t hidden = characters.size() == 2 ? 1 : characters.size() - 2;
  masked.append(hidden, '*');
  if (characters.size() > 2) masked.append(characters.back());
  return masked;
}

std::string MaskIdNumber(std::string_view id_number) {
  if (id_number.size() >= 10) return KeepEnds(id_number, 2, 3);
  // Short (malformed) numbers: keep at most the last quarter so most stays hidden.
  return KeepEnds(id_number, 0, id_number.size() / 4);
}

std::string MaskPhone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() >= 8) return KeepEnds(digits, 3, 4);
  return KeepEnds(digits, 0, digits.size() >= 2 ? 2 : 0);
}

}  // namespace minsheng
