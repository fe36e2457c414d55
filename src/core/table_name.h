// Internal to core: the checks the compiled-in tables (region.cc, town.cc) apply to a
// name read from their text files, so both refuse the same things with the same words.
// Free functions on values; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace minsheng {

// The longest name a table stores: 40 CJK characters. Real names are far shorter (33 bytes
// for regions, 36 for towns); RegionTable's compact storage relies on it fitting a uint8_t.
inline constexpr size_t kTableNameBytesMax = 120;

// Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

// Why a name cannot be stored ("name is empty", "name is not valid UTF-8", "name contains
// a control character" …), or "" if it can.
std::string TableNameProblem(std::string_view name);

}  // namespace minsheng
