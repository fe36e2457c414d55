// TextSet: a set of texts kept in one buffer, found through core's TextIndex. For the
// importer's millions of keys (a county's resident IDs), where a node-based set would
// cost an allocation and a few dozen bytes more per key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_index.h"

namespace minsheng::registry {

class TextSet {
 public:
  // Adds `text`; its number (0, 1, 2 … in order of first insertion) either way.
  uint32_t Insert(std::string_view text) {
    const uint32_t found = Find(text);
    if (found != TextIndex::kNone) return found;
    const auto number = static_cast<uint32_t>(offsets_.size() - 1);
    bytes_.append(text);
    offsets_.push_back(bytes_.size());
    index_.Put(text, number, [this](uint32_t n) { return (*this)[n]; });
    return number;
  }
  // Room for `count` texts without growing the index.
  void Reserve(size_t count) {
    offsets_.reserve(count + 1);
    index_.Reserve(count);
  }
  // The number of `text`, or TextIndex::kNone.
  uint32_t Find(std::string_view text) const {
    return index_.Find(text, [this](uint32_t n) { return (*this)[n]; });
  }
  bool Contains(std::string_view text) const { return Find(text) != TextIndex::kNone; }
  std::string_view operator[](uint32_t number) const {
    return std::string_view(bytes_).substr(offsets_[number], offsets_[number + 1] - offsets_[number]);
  }
  size_t size() const { return offsets_.size() - 1; }

 private:
  std::string bytes_;
  std::vector<size_t> offsets_ = {0};
  TextIndex index_;
};

}  // namespace minsheng::registry
