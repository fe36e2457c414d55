// TextIndex: finds a small number (a slot, a row's index) by a text key that the caller
// keeps, not the index. The ledger looks up two accounts and one transfer id for every
// transfer it decides, among tens of thousands; a node-based map costs a few cache misses
// and an allocation per key there, this table one probe into 8-byte entries.
//
// Open addressing with linear probing over a power-of-two table at most half full. Each
// entry holds 32 bits of the key's hash and the value; the key itself is asked of the
// caller (key_of(value)) only when the hash bits match, so the index never copies a key
// and grows without reading any. Values are below kNone.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <new>
#include <string_view>
#include <vector>

namespace minsheng {

// Memory for large tables in 2 MiB pages where the kernel gives them (transparent huge
// pages, asked for with madvise): an index of millions of keys is probed at random, and
// with 4 KiB pages nearly every probe also misses the TLB.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t count) {
    const size_t bytes = count * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* memory = std::aligned_alloc(kHugePage, rounded);
    if (memory == nullptr) throw std::bad_alloc();
    (void)madvise(memory, rounded, MADV_HUGEPAGE);  // a hint: without it, small pages
    return static_cast<T*>(memory);
  }
  void deallocate(T* memory, size_t count) {
    if (count * sizeof(T) < kHugePage) {
      ::operator delete(memory);
    } else {
      std::free(memory);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

class TextIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The value whose key (key_of(value), a std::string_view) is `text`, or kNone.
  template <typename KeyOf>
  uint32_t Find(std::string_view text, const KeyOf& key_of) const {
    if (entries_.empty()) return kNone;
    const uint32_t hash = HashOf(text);
    for (size_t i = hash & mask(); entries_[i].value != kNone; i = (i + 1) & mask()) {
      if (entries_[i].hash == hash && key_of(entries_[i].value) == text) return entries_[i].value;
    }
    return kNone;
  }

  // Maps `text` to `value` (< kNone), replacing the value it had.
  template <typename KeyOf>
  void Put(std::string_view text, uint32_t value, const KeyOf& key_of) {
    const uint32_t hash = HashOf(text);
    if (!entries_.empty()) {
      for (size_t i = hash & mask(); entries_[i].value != kNone; i = (i + 1) & mask()) {
        if (entries_[i].hash == hash && key_of(entries_[i].value) == text) {
          entries_[i].value = value;
          return;
        }
      }
    }
    if (2 * (size_ + 1) > entries_.size()) Grow(size_ + 1);
    Place({hash, value});
    ++size_;
  }

  // Removes `text`, if it is there.
  template <typename KeyOf>
  void Erase(std::string_view text, const KeyOf& key_of) {
    if (entries_.empty()) return;
    const uint32_t hash = HashOf(text);
    size_t i = hash & mask();
    while (entries_[i].value != kNone &&
           !(entries_[i].hash == hash && key_of(entries_[i].value) == text)) {
      i = (i + 1) & mask();
    }
    if (entries_[i].value == kNone) return;
    // Backward shift: move each later entry of the run into the hole when the hole lies
    // between its home and where it is, so no probe ever stops early at a hole.
    for (size_t j = (i + 1) & mask(); entries_[j].value != kNone; j = (j + 1) & mask()) {
      const size_t home = entries_[j].hash & mask();
      const bool hole_on_its_path = i <= j ? (home <= i || home > j) : (home <= i && home > j);
      if (hole_on_its_path) {
        entries_[i] = entries_[j];
        i = j;
      }
    }
    entries_[i].value = kNone;
    --size_;
  }

  // Room for `count` keys without growing.
  void Reserve(size_t count) {
    if (2 * count > entries_.size()) Grow(count);
  }
  void Clear() {
    entries_.clear();
    size_ = 0;
  }
  size_t size() const { return size_; }

 private:
  struct Entry {
    uint32_t hash = 0;
    uint32_t value = kNone;  // kNone: empty
  };

  static uint32_t HashOf(std::string_view text) {
    const size_t hash = std::hash<std::string_view>{}(text);
    return static_cast<uint32_t>(hash ^ (hash >> 32));
  }
  size_t mask() const { return entries_.size() - 1; }

  void Place(Entry entry) {
    size_t i = entry.hash & mask();
    while (entries_[i].value != kNone) i = (i + 1) & mask();
    entries_[i] = entry;
  }

  // A table at least twice `count` entries, the present ones placed again by their hash.
  void Grow(size_t count) {
    size_t capacity = 16;
    while (capacity < 2 * count) capacity *= 2;
    std::vector<Entry, HugePageAllocator<Entry>> old(capacity);
    old.swap(entries_);
    for (const Entry& entry : old) {
      if (entry.value != kNone) Place(entry);
    }
  }

  std::vector<Entry, HugePageAllocator<Entry>> entries_;
  size_t size_ = 0;
};

}  // namespace minsheng
