// Each household's sum of its members' values, read straight from a dense column: the
// heart of `sum(members.income)`, run over millions of households per formula.
//
// Households have 1 to 5 members, rarely more, and a loop over each household's members
// mispredicts its exit once per household. Two branch-free ways instead:
//   - with AVX2 (checked at run time), eight consecutive values are loaded from a
//     household's first member, those past its last member masked off, and the rest
//     added: one load, a mask and a sum per household (households of more than eight
//     members, and the last few of the column, are summed one by one);
//   - otherwise, as differences of running sums over the batch's members.
// The caller proves that no running sum over all the members, in order, can overflow
// (`SumsFit`: the largest magnitude times the number of members). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace minsheng::engine {

// out[p] = the sum of values[begin[p] … begin[p + 1] − 1] for p < groups. `values` is a
// whole column of `size` values, which every begin[p] ≤ begin[groups] ≤ size indexes;
// `scratch` holds running sums between calls (no allocation after the first batch).
template <typename T>
void SumGroups(const T* values, size_t size, const uint32_t* begin, size_t groups,
               std::vector<int64_t>& scratch, int64_t* out);

// The same by running sums alone: SumGroups' way without AVX2 (public for its tests).
template <typename T>
void SumGroupsByRunningSums(const T* values, const uint32_t* begin, size_t groups,
                            std::vector<int64_t>& scratch, int64_t* out);

}  // namespace minsheng::engine
