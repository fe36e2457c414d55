// Store: the one interface minsheng persists through. SQLite (one embedded file) is the
// default implementation; PostgreSQL will come behind the same interface, so nothing
// here names a SQLite type, and the SQL callers write is the portable subset both speak:
// `?` placeholders, INTEGER (64-bit) and TEXT columns, no vendor functions.
//
// A Store is one connection with one writer. Statements are prepared once and cached by
// their text (prepared statements only: no value is ever spliced into SQL). Not
// thread-safe: one thread uses a Store at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng::store {

// A row's columns, read by 0-based index: a statement's current row, or a copy of one
// (row_buffer.h).
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // The same without a copy, valid until the statement is stepped again or reset: for
  // reads of millions of rows (the registry's views).
  virtual std::string_view TextView(int column) const = 0;
  // How many columns, and whether one holds an integer (else text, or NULL): what a copy
  // of the row keeps.
  virtual int ColumnCount() const = 0;
  virtual bool IsInt(int column) const = 0;
};

// A prepared statement. Bind values by 1-based index, Step through the rows, read
// columns by 0-based index. Reset before binding it again (Store::Prepare resets it
// and clears its bindings).
class Statement : public Row {
 public:
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  // The same without a copy: `value` must stay as it is until the statement has been
  // stepped for the last time or reset (for rows bound from memory that outlives the
  // insert, thousands per commit).
  virtual void BindTextUncopied(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // true when a row is ready to read, false when the statement is done.
  virtual Result<bool> Step() = 0;
  // Readies the statement to run again. The bindings stay: a statement run many times
  // in a loop binds every parameter each time.
  virtual void Reset() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // The statement for `sql`, prepared on first use and cached; reset and unbound. The
  // pointer stays valid as long as the Store.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;
  // Runs SQL with no parameters and no result rows (DDL); may hold several statements.
  virtual Status Execute(std::string_view sql) = 0;
  // One transaction at a time; Commit is durable when it returns (as the store's
  // durability setting says). Rollback undoes everything since Begin.
  virtual Status Begin() = 0;
  // A transaction for reading: what it reads until Commit (or Rollback) is the store as
  // of one moment, and writers on other connections go on meanwhile (Begin would hold
  // them up). For reads only: a view of the registry, a report.
  virtual Status BeginRead() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool InTransaction() const = 0;
  // "sqlite" or "postgresql": for the rare statement the two spell differently.
  virtual std::string_view Dialect() const = 0;
  // A second connection to the same store, for another thread to read on while this one
  // is in use (each connection serves one thread at a time). It reads what is committed:
  // not this connection's open transaction. An in-memory store has none (an error).
  virtual Result<std::unique_ptr<Store>> OpenReader() = 0;
};

// How durable a SQLite commit is: kFull syncs the write-ahead log on every commit (the
// default: an acknowledged batch survives a power cut); kNormal syncs at checkpoints
// only (survives a crash of the process, not of the machine).
enum class Durability { kFull, kNormal };

struct SqliteOptions {
  Durability durability = Durability::kFull;
  // Refuse to create the file when it does not exist (commands that only read).
  bool must_exist = false;
};

// Opens (or creates) the SQLite database at `path` in WAL mode.
Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, SqliteOptions options = {});

// A versioned schema change of one component ("ledger", "registry"). Versions start at
// 1 and go up by one; a store records which it has applied (table schema_migrations).
struct Migration {
  int version;
  const char* name;
  const char* sql;  // portable DDL, may hold several statements
};

// Applies, each in its own transaction, the migrations of `component` the store has
// not seen yet. A store from a newer minsheng (a version above the last known) is an
// error, and nothing is changed.
Status Migrate(Store& store, std::string_view component, std::span<const Migration> migrations);

// Runs `write` in a transaction of its own: committed, or rolled back on failure.
Status InTransaction(Store& store, const std::function<Status()>& write);
// Runs `read` in a read transaction of its own (BeginRead): what it reads is the store as
// of one moment, and no writer is held up.
Status InReadTransaction(Store& store, const std::function<Status()>& read);

// The statement for `sql` with its parameters bound by `bind`, stepped once (a write, or
// a read of whose rows the caller wants none).
Status ExecuteBound(Store& store, std::string_view sql, const std::function<void(Statement&)>& bind);

}  // namespace minsheng::store
