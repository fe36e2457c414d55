// RowBuffer: rows copied out of a statement as they are read, to be read again later as
// Rows — on another thread than the one that read them. A registry view reads half of a
// table on a second connection this way, while the first reads the other half.
//
// Every row keeps its columns as they were: NULL, an integer, or text (kept in one
// growing buffer, not a string each).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace minsheng::store {

class RowBuffer {
  struct Cell {
    enum Kind : uint8_t { kNull, kInt, kText } kind = kNull;
    uint32_t size = 0;  // text: its length
    int64_t value = 0;  // int: the value; text: its offset in bytes_
  };

 public:
  // Copies `row`; every row of a buffer has the same number of columns.
  void Append(const Row& row) {
    columns_ = row.ColumnCount();
    for (int c = 0; c < columns_; ++c) {
      Cell cell;
      if (row.IsNull(c)) {
        cell.kind = Cell::kNull;
      } else if (row.IsInt(c)) {
        cell.kind = Cell::kInt;
        cell.value = row.Int(c);
      } else {
        const std::string_view text = row.TextView(c);
        cell.kind = Cell::kText;
        cell.value = static_cast<int64_t>(bytes_.size());
        cell.size = static_cast<uint32_t>(text.size());
        bytes_.append(text);
      }
      cells_.push_back(cell);
    }
    ++rows_;
  }

  size_t size() const { return rows_; }

  // The i-th row copied: valid while the buffer lives and nothing is appended to it.
  class Copy final : public Row {
   public:
    Copy(const RowBuffer& buffer, size_t row) : buffer_(&buffer), first_(row * buffer.columns_) {}
    bool IsNull(int column) const override { return At(column).kind == Cell::kNull; }
    int64_t Int(int column) const override {
      const Cell& cell = At(column);
      return cell.kind == Cell::kInt ? cell.value : 0;
    }
    std::string Text(int column) const override { return std::string(TextView(column)); }
    std::string_view TextView(int column) const override {
      const Cell& cell = At(column);
      if (cell.kind != Cell::kText) return std::string_view();
      return std::string_view(buffer_->bytes_).substr(static_cast<size_t>(cell.value), cell.size);
    }
    int ColumnCount() const override { return buffer_->columns_; }
    bool IsInt(int column) const override { return At(column).kind == Cell::kInt; }

   private:
    const Cell& At(int column) const { return buffer_->cells_[first_ + static_cast<size_t>(column)]; }
    const RowBuffer* buffer_;
    size_t first_;
  };
  Copy operator[](size_t row) const { return Copy(*this, row); }

 private:
  int columns_ = 0;
  size_t rows_ = 0;
  std::vector<Cell> cells_;
  std::string bytes_;
};

}  // namespace minsheng::store
