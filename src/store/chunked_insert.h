// Writing many rows with multi-row statements: the ledger's journal and balances, a
// settlement's claims and lines.
//
// One INSERT of many rows saves SQLite's per-statement work (a statement opens the table
// and each of its indexes, then closes them), most of a small row's cost: a settlement's
// million claims are written in 2.8 s rather than 3.4. WriteInChunks writes `count` rows in statements of kChunkRows[0] rows while that many
// are left, then of kChunkRows[1], then one by one; each statement is prepared once and
// then reset and bound again.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace minsheng::store {

inline constexpr std::array<size_t, 3> kChunkRows = {64, 8, 1};

// `row_values` is "(?, ?, …)" for one row; the statement is `head` followed by the rows'
// values, separated by commas, followed by `tail`.
inline std::string ChunkSql(const std::string& head, const std::string& row_values,
                            const std::string& tail, size_t rows) {
  std::string sql = head;
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += row_values;
  }
  return sql + tail;
}

// The statements for chunks of each size of kChunkRows, in that order.
using ChunkStatements = std::array<std::string, kChunkRows.size()>;

inline ChunkStatements ChunkSqls(const std::string& head, const std::string& row_values,
                                 const std::string& tail = "") {
  ChunkStatements sqls;
  for (size_t i = 0; i < kChunkRows.size(); ++i) sqls[i] = ChunkSql(head, row_values, tail, kChunkRows[i]);
  return sqls;
}

// A statement of many rows that fails at its 40th row makes SQLite undo its first 39 alone,
// from a statement journal: a copy of each page the statement changes, which spills to a
// temporary file past 64 KiB. With 16 KiB pages every chunk of journal rows spilled, and a
// settlement of a million claims wrote 790 MiB of such copies, a third of all it wrote.
// Every chunk is written inside a transaction that any failure rolls back whole (the
// callers': the ledger's batch, a settlement's recording), so SQLite is told to leave a
// failing statement's rows to that rollback (INSERT OR FAIL) and keeps no statement
// journal. PostgreSQL keeps none either, and does not know the spelling. `insert` begins
// "INSERT INTO". An upsert (ON CONFLICT … DO UPDATE) of many rows keeps one all the same:
// a caller writes with one only the rows that may be there already (settle's lines).
inline std::string InsertLeavingFailureToRollback(const Store& store, const std::string& insert) {
  constexpr std::string_view kInsert = "INSERT INTO ";
  if (store.Dialect() != "sqlite" || insert.compare(0, kInsert.size(), kInsert) != 0) return insert;
  return "INSERT OR FAIL INTO " + insert.substr(kInsert.size());
}

// `sqls` (ChunkSqls) are the statements for chunks of each size; bind(statement,
// first_placeholder, row) binds row `row` (0 … count-1) from placeholder
// `first_placeholder` on.
template <typename Bind>
Status WriteInChunks(Store& store, size_t count, int placeholders_per_row, const ChunkStatements& sqls, Bind bind) {
  std::array<Statement*, kChunkRows.size()> statements{};
  size_t next = 0;
  while (next < count) {
    size_t size_index = 0;
    while (count - next < kChunkRows[size_index]) ++size_index;  // ends at 1 row
    Statement*& statement = statements[size_index];
    if (statement == nullptr) {
      auto prepared = store.Prepare(InsertLeavingFailureToRollback(store, sqls[size_index]));
      if (!prepared.ok()) return prepared.status();
      statement = *prepared;
    } else {
      statement->Reset();
    }
    for (size_t r = 0; r < kChunkRows[size_index]; ++r) {
      bind(*statement, static_cast<int>(r) * placeholders_per_row + 1, next + r);
    }
    auto done = statement->Step();
    if (!done.ok()) return done.status();
    next += kChunkRows[size_index];
  }
  return Status::Ok();
}

}  // namespace minsheng::store
