#include "engine/values.h"

#include <algorithm>
#include <limits>

namespace minsheng::engine {

namespace {

// A sparse exception costs its row (4 bytes) and its value (8 bytes).
constexpr size_t kSparseBytesPerException = 12;
// Dense columns index their exceptions when at most this share of rows are ones: beyond
// it, evaluating only the exceptions stops paying (fold.h).
constexpr size_t kIndexShareDivisor = 4;

template <typename T>
bool Fits(int64_t low, int64_t high) {
  return low >= std::numeric_limits<T>::min() && high <= std::numeric_limits<T>::max();
}

int WidthFor(int64_t low, int64_t high) {
  if (Fits<int8_t>(low, high)) return 1;
  if (Fits<int16_t>(low, high)) return 2;
  if (Fits<int32_t>(low, high)) return 4;
  return 8;
}

}  // namespace

bool Values::SparseIsSmaller(size_t exceptions, size_t size, int width) {
  return exceptions * kSparseBytesPerException <= size * static_cast<size_t>(width);
}

bool Values::IndexPays(size_t exceptions, size_t size) {
  return exceptions * kIndexShareDivisor <= size;
}

Values Values::Constant(size_t size, int64_t value) {
  Values out;
  out.size_ = size;
  out.sparse_ = true;
  out.has_common_ = true;
  out.common_ = value;
  out.low_ = out.high_ = value;
  return out;
}

Values Values::FromVector(std::vector<int64_t> values) {
  const size_t size = values.size();
  if (size == 0) return Constant(0, 0);
  // One pass finds the range and, by Boyer–Moore majority vote, the value that is the
  // majority if any value is; a second pass counts it.
  int64_t candidate = values[0];
  size_t votes = 0;
  int64_t low = values[0];
  int64_t high = values[0];
  for (int64_t value : values) {
    if (votes == 0) {
      candidate = value;
      votes = 1;
    } else {
      votes += value == candidate ? 1 : -1;
    }
    low = std::min(low, value);
    high = std::max(high, value);
  }
  const size_t common_count =
      static_cast<size_t>(std::count(values.begin(), values.end(), candidate));
  const size_t exceptions = size - common_count;
  const int width = WidthFor(low, high);

  Values out;
  out.size_ = size;
  out.has_common_ = true;
  out.common_ = candidate;
  out.exception_count_ = exceptions;
  out.low_ = low;
  out.high_ = high;
  const bool sparse = SparseIsSmaller(exceptions, size, width);
  if (sparse || IndexPays(exceptions, size)) {
    out.exception_rows_.reserve(exceptions);
    if (sparse) out.exception_values_.reserve(exceptions);
    for (size_t row = 0; row < size; ++row) {
      if (values[row] == candidate) continue;
      out.exception_rows_.push_back(static_cast<uint32_t>(row));
      if (sparse) out.exception_values_.push_back(values[row]);
    }
  }
  if (sparse) {
    out.sparse_ = true;
    return out;
  }
  out.indexed_ = IndexPays(exceptions, size);
  out.dense_ = DenseOfWidth(width, [&](auto zero) -> Dense {
    return Buffer<decltype(zero)>(values.begin(), values.end());
  });
  return out;
}

Values Values::FromExceptions(size_t size, int64_t common, Buffer<uint32_t> rows,
                              Buffer<int64_t> values) {
  // The range, and whether any value is the common one, in a pass that only reads (and
  // vectorizes): callers mostly pass exceptions without common values already.
  int64_t low = common;
  int64_t high = common;
  bool any_common = false;
  for (const int64_t value : values) {
    low = std::min(low, value);
    high = std::max(high, value);
    any_common |= value == common;
  }
  if (any_common) {
    // Drop the common values in place, without a branch per row.
    size_t kept = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const int64_t value = values[i];
      rows[kept] = rows[i];
      values[kept] = value;
      kept += value != common;
    }
    rows.resize(kept);
    values.resize(kept);
  }
  const size_t kept = rows.size();
  Values out = Constant(size, common);
  out.exception_rows_ = std::move(rows);
  out.exception_values_ = std::move(values);
  const size_t exceptions = kept;
  out.low_ = low;
  out.high_ = high;
  out.exception_count_ = exceptions;
  const int width = WidthFor(low, high);
  if (SparseIsSmaller(exceptions, size, width)) return out;
  out.sparse_ = false;
  out.indexed_ = IndexPays(exceptions, size);
  out.dense_ = DenseOfWidth(width, [&](auto zero) -> Dense {
    using T = decltype(zero);
    Buffer<T> filled(size, static_cast<T>(common));
    for (size_t i = 0; i < exceptions; ++i) {
      filled[out.exception_rows_[i]] = static_cast<T>(out.exception_values_[i]);
    }
    return filled;
  });
  out.exception_values_ = {};
  if (!out.indexed_) out.exception_rows_ = {};
  return out;
}

int Values::width() const {
  if (sparse_) return 8;
  return VisitDense([](const auto* data) { return static_cast<int>(sizeof(*data)); });
}

int64_t Values::At(size_t row) const {
  if (!sparse_) return VisitDense([row](const auto* data) { return static_cast<int64_t>(data[row]); });
  auto found = std::lower_bound(exception_rows_.begin(), exception_rows_.end(),
                                static_cast<uint32_t>(row));
  if (found != exception_rows_.end() && *found == row) {
    return exception_values_[static_cast<size_t>(found - exception_rows_.begin())];
  }
  return common_;
}

std::vector<int64_t> Values::ToVector() const {
  if (!sparse_) {
    return VisitDense(
        [this](const auto* data) { return std::vector<int64_t>(data, data + size_); });
  }
  std::vector<int64_t> out(size_, common_);
  for (size_t i = 0; i < exception_rows_.size(); ++i) out[exception_rows_[i]] = exception_values_[i];
  return out;
}

size_t Values::bytes() const {
  size_t total = exception_rows_.capacity() * sizeof(uint32_t) +
                 exception_values_.capacity() * sizeof(int64_t);
  if (!sparse_) {
    total += std::visit([](const auto& data) { return data.capacity() * sizeof(data[0]); }, dense_);
  }
  return total;
}

}  // namespace minsheng::engine
