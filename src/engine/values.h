// Values: one int64 per row of an entity table, stored in the smallest of two forms.
//
// Real populations are mostly alike: most people ride no school bus, spend nothing in a
// township hospital this month, hold no poverty file. A column therefore knows its
// commonest value (`common`) and which rows differ from it (the exceptions), and is
// stored either
//   - dense: every row, in the narrowest signed width (1, 2, 4 or 8 bytes) that holds
//     the values; with an index of the exception rows when they are few (≤ 1/4), or
//   - sparse: the common value plus the exception rows (ascending) and their values,
//     when that takes fewer bytes than dense.
// The engine uses both facts: a formula whose result is the same for every row where
// one column it reads holds its common value is evaluated only on that column's
// exceptions (fold.h), and its result is again a column with a common value.
//
// Results the engine computes row by row for a whole table are kept dense, 8 bytes
// wide, without looking for a common value (`has_common()` is false): the look would
// cost a pass over the column for a fact few formulas can use.
//
// Immutable once built; const access is thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <variant>
#include <vector>

#include "engine/buffer.h"

namespace minsheng::engine {

class Values {
 public:
  Values() = default;

  // Every row holds `value`.
  static Values Constant(size_t size, int64_t value);
  // Takes a full column and stores it in its smallest form (analysed: has_common()).
  static Values FromVector(std::vector<int64_t> values);
  // A full column kept as it is (T: int8_t … int64_t), not analysed.
  template <typename T>
  static Values Plain(Buffer<T> values) {
    Values out;
    out.size_ = values.size();
    out.low_ = std::numeric_limits<T>::min();
    out.high_ = std::numeric_limits<T>::max();
    out.dense_ = std::move(values);
    return out;
  }
  // A column given as its common value and the rows that differ (ascending, each row
  // once); values equal to `common` among them are dropped. Stored sparse in the given
  // buffers, or dense when that is smaller.
  static Values FromExceptions(size_t size, int64_t common, Buffer<uint32_t> rows,
                               Buffer<int64_t> values);

  size_t size() const { return size_; }
  bool sparse() const { return sparse_; }
  // The byte width of a dense column's values (1, 2, 4 or 8); sparse: 8.
  int width() const;

  // One row's value; a sparse column searches its exceptions (O(log exceptions)).
  int64_t At(size_t row) const;

  // No value is below low() or above high() (the type's limits when not known).
  int64_t low() const { return low_; }
  int64_t high() const { return high_; }
  // The largest magnitude a value may have: max(|low|, |high|).
  uint64_t magnitude() const {
    const auto size_of = [](int64_t v) {
      return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    };
    return std::max(size_of(low_), size_of(high_));
  }

  bool has_common() const { return has_common_; }
  int64_t common() const { return common_; }
  // Rows whose value is not common(); valid when has_common().
  size_t exception_count() const { return exception_count_; }
  // Those rows, ascending, when stored (sparse columns, and dense ones with an index);
  // nullptr otherwise.
  const Buffer<uint32_t>* exception_rows() const {
    return sparse_ || indexed_ ? &exception_rows_ : nullptr;
  }
  // A sparse column's exception values, parallel to exception_rows().
  const Buffer<int64_t>& exception_values() const { return exception_values_; }

  // Calls visit(const T* data) with a dense column's values (T: int8_t … int64_t).
  template <typename Visit>
  decltype(auto) VisitDense(Visit&& visit) const {
    return std::visit([&](const auto& data) { return visit(data.data()); }, dense_);
  }

  // A dense column's values when they are 8 bytes wide; nullptr otherwise.
  const int64_t* wide_data() const {
    const auto* wide = std::get_if<Buffer<int64_t>>(&dense_);
    return !sparse_ && wide != nullptr ? wide->data() : nullptr;
  }

  std::vector<int64_t> ToVector() const;
  // Bytes held (for benchmarks and memory reports).
  size_t bytes() const;

 private:
  size_t size_ = 0;
  bool sparse_ = false;
  bool has_common_ = false;
  bool indexed_ = false;
  int64_t common_ = 0;
  int64_t low_ = INT64_MIN;
  int64_t high_ = INT64_MAX;
  size_t exception_count_ = 0;
  using Dense = std::variant<Buffer<int64_t>, Buffer<int32_t>, Buffer<int16_t>, Buffer<int8_t>>;
  // Builds the dense buffer of `width` bytes: make(T{}) for T int8_t … int64_t.
  template <typename Make>
  static Dense DenseOfWidth(int width, Make&& make) {
    switch (width) {
      case 1: return make(int8_t{});
      case 2: return make(int16_t{});
      case 4: return make(int32_t{});
      default: return make(int64_t{});
    }
  }
  // The sparse form when it takes no more bytes than the dense one of `width`.
  static bool SparseIsSmaller(size_t exceptions, size_t size, int width);
  // Dense columns keep an index of their exceptions when they are few.
  static bool IndexPays(size_t exceptions, size_t size);

  Dense dense_;
  Buffer<uint32_t> exception_rows_;
  Buffer<int64_t> exception_values_;
};

// Reads a column at non-decreasing rows, one at a time, in O(1) amortised (a sparse
// column's At() searches; this walks its exceptions once).
class SequentialReader {
 public:
  explicit SequentialReader(const Values& values) : values_(&values) {}
  int64_t operator()(size_t row) {
    if (!values_->sparse()) return values_->At(row);
    const Buffer<uint32_t>& rows = *values_->exception_rows();
    while (next_ < rows.size() && rows[next_] < row) ++next_;
    return next_ < rows.size() && rows[next_] == row ? values_->exception_values()[next_]
                                                     : values_->common();
  }

 private:
  const Values* values_;
  size_t next_ = 0;
};

// The first position in [first, last) of the ascending rows whose row is ≥ `row`,
// searching forward from `first` (galloping, so a merge over two ascending lists costs
// O(n log(gap)) whatever their densities).
inline const uint32_t* AdvanceTo(const uint32_t* first, const uint32_t* last, uint32_t row) {
  if (first == last || *first >= row) return first;
  // first[low] < row; double `high` until first[high] ≥ row or the end.
  size_t low = 0;
  size_t high = 1;
  while (first + high < last && first[high] < row) {
    low = high;
    high *= 2;
  }
  const uint32_t* end = first + high < last ? first + high + 1 : last;
  return std::lower_bound(first + low + 1, end, row);
}

}  // namespace minsheng::engine
