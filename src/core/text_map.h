// TextMap: an unordered map keyed by text that a std::string_view finds without building
// a std::string key (the ledger's accounts, the store's statements by their SQL).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace minsheng {

// Hashes text keys alike whether given as std::string or std::string_view.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

template <typename Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

}  // namespace minsheng
