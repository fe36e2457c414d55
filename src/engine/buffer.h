// Buffer<T>: a std::vector for the engine's columns, with an allocator that does two
// things a column of millions of rows wants and std::allocator does not:
//   - resize() leaves new elements uninitialised (default-initialised): every column is
//     written in full right after, so zeroing it first is a wasted pass over memory;
//   - a large buffer (≥ kHugeBufferBytes) is aligned to 2 MiB and marked MADV_HUGEPAGE,
//     so the kernel maps it in 2 MiB pages: 512 times fewer page faults when a fresh
//     column is first written, which otherwise cost a third of a pass.
// Only for trivially constructible T (ints), whose default initialisation is no work.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace minsheng::engine {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;
inline constexpr size_t kHugeBufferBytes = size_t{4} << 20;

template <typename T>
class BufferAllocator {
 public:
  static_assert(std::is_trivially_default_constructible_v<T>);
  using value_type = T;

  BufferAllocator() = default;
  template <typename U>
  BufferAllocator(const BufferAllocator<U>&) noexcept {}  // NOLINT: allocators convert

  T* allocate(size_t count) {
    const size_t bytes = count * sizeof(T);
    if (bytes < kHugeBufferBytes) return std::allocator<T>().allocate(count);
    const size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
    void* memory = std::aligned_alloc(kHugePageBytes, rounded);
    if (memory == nullptr) throw std::bad_alloc();
    // Advice only: without transparent huge pages the buffer works as well, just slower.
    madvise(memory, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(memory);
  }

  void deallocate(T* memory, size_t count) noexcept {
    if (count * sizeof(T) < kHugeBufferBytes) {
      std::allocator<T>().deallocate(memory, count);
    } else {
      std::free(memory);
    }
  }

  // Default-initialise (leave ints unset) instead of value-initialising (zeroing).
  template <typename U>
  void construct(U* place) noexcept {
    ::new (static_cast<void*>(place)) U;
  }
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
  }

  friend bool operator==(const BufferAllocator&, const BufferAllocator&) { return true; }
};

template <typename T>
using Buffer = std::vector<T, BufferAllocator<T>>;

}  // namespace minsheng::engine
