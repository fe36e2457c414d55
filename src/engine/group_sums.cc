#include "engine/group_sums.h"

namespace minsheng::engine {

namespace {

#if defined(__x86_64__) && defined(__GNUC__)
constexpr uint32_t kLanes = 8;

// GCC's vector extensions, compiled for AVX2 in the function below: eight values of T,
// and eight int64s (two or more registers) to add them without overflow.
template <typename T>
using Lanes [[gnu::vector_size(kLanes * sizeof(T))]] = T;
using WideLanes [[gnu::vector_size(kLanes * sizeof(int64_t))]] = int64_t;

template <typename T>
[[gnu::target("avx2")]] void SumByMaskedLoads(const T* values, size_t size,
                                              const uint32_t* begin, size_t groups,
                                              int64_t* out) {
  Lanes<T> lane_index;
  for (uint32_t k = 0; k < kLanes; ++k) lane_index[k] = static_cast<T>(k);
  for (size_t p = 0; p < groups; ++p) {
    const uint32_t first = begin[p];
    const uint32_t count = begin[p + 1] - first;
    if (count <= kLanes && first + kLanes <= size) [[likely]] {
      Lanes<T> lanes;
      __builtin_memcpy(&lanes, values + first, sizeof lanes);
      // count ≤ 8 fits every T; lanes at or past it read another household's values.
      lanes &= lane_index < static_cast<T>(count);
      const WideLanes wide = __builtin_convertvector(lanes, WideLanes);
      int64_t sum = 0;
      for (uint32_t k = 0; k < kLanes; ++k) sum += wide[k];
      out[p] = sum;
    } else {
      int64_t sum = 0;
      for (uint32_t m = first; m < first + count; ++m) sum += values[m];
      out[p] = sum;
    }
  }
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace

template <typename T>
void SumGroupsByRunningSums(const T* values, const uint32_t* begin, size_t groups,
                      std::vector<int64_t>& scratch, int64_t* out) {
  const uint32_t first = begin[0];
  const size_t members = begin[groups] - first;
  if (scratch.size() < members + 1) scratch.resize(members + 1);
  int64_t* sums = scratch.data();
  sums[0] = 0;
  for (size_t m = 0; m < members; ++m) sums[m + 1] = sums[m] + values[first + m];
  for (size_t p = 0; p < groups; ++p) out[p] = sums[begin[p + 1] - first] - sums[begin[p] - first];
}

template <typename T>
void SumGroups(const T* values, size_t size, const uint32_t* begin, size_t groups,
               std::vector<int64_t>& scratch, int64_t* out) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (HasAvx2()) {
    SumByMaskedLoads(values, size, begin, groups, out);
    return;
  }
#else
  (void)size;
#endif
  SumGroupsByRunningSums(values, begin, groups, scratch, out);
}

template void SumGroups(const int8_t*, size_t, const uint32_t*, size_t, std::vector<int64_t>&,
                        int64_t*);
template void SumGroups(const int16_t*, size_t, const uint32_t*, size_t, std::vector<int64_t>&,
                        int64_t*);
template void SumGroups(const int32_t*, size_t, const uint32_t*, size_t, std::vector<int64_t>&,
                        int64_t*);
template void SumGroups(const int64_t*, size_t, const uint32_t*, size_t, std::vector<int64_t>&,
                        int64_t*);

template void SumGroupsByRunningSums(const int8_t*, const uint32_t*, size_t, std::vector<int64_t>&,
                                     int64_t*);
template void SumGroupsByRunningSums(const int16_t*, const uint32_t*, size_t, std::vector<int64_t>&,
                                     int64_t*);
template void SumGroupsByRunningSums(const int32_t*, const uint32_t*, size_t, std::vector<int64_t>&,
                                     int64_t*);
template void SumGroupsByRunningSums(const int64_t*, const uint32_t*, size_t, std::vector<int64_t>&,
                                     int64_t*);

}  // namespace minsheng::engine
