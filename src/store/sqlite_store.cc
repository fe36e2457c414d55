// SqliteStore: the Store over one embedded SQLite file in WAL mode (store.h).
//
// The store owns the connection and every statement prepared on it; statements are cached
// by their SQL text for the store's lifetime, so a caller's Statement* never dangles while
// the store lives. SQLite errors become Status values here and nowhere else: the message
// names the file (opening) or the statement (running) and carries SQLite's own text.
// Not thread-safe (the connection is opened without SQLite's mutex): one thread at a time.
#include <sqlite3.h>

#include <cassert>
#include <cctype>
#include <filesystem>
#include <string>
#include <system_error>
#include <unordered_map>

#include "core/text_map.h"
#include "store/store.h"
#include "store/wal_checkpointer.h"

namespace minsheng::store {
namespace {

// How long a writer waits for another process's write lock before giving up with an I/O
// error: long enough to ride out a checkpoint or a short batch, short enough that a stuck
// process is reported rather than waited on forever.
constexpr int kBusyTimeoutMs = 5000;
// How much of a statement's SQL an error repeats: enough to recognise it.
constexpr size_t kSqlInErrorsMax = 80;
// Distinct statements one store may cache. Callers prepare constant SQL, so a few hundred
// at most; more means values are being spliced into SQL text, which is a bug (and would
// otherwise grow the cache without bound, since cached statements are never evicted).
constexpr size_t kStatementsMax = 1024;

// The ErrorCode for a SQLite result code (extended codes are on, see OpenSqlite).
ErrorCode CodeFor(int result) {
  switch (result & 0xff) {
    case SQLITE_CONSTRAINT:
      // A primary key or unique key taken is a caller-chosen id used before; any other
      // constraint (NOT NULL, CHECK, FOREIGN KEY) is a state the write did not expect.
      return result == SQLITE_CONSTRAINT_PRIMARYKEY || result == SQLITE_CONSTRAINT_UNIQUE
                 ? ErrorCode::kAlreadyExists
                 : ErrorCode::kFailedPrecondition;
    case SQLITE_NOTADB: return ErrorCode::kInvalidArgument;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM: return ErrorCode::kIo;
    default:
      // SQLITE_ERROR (SQL that does not compile), SQLITE_RANGE, SQLITE_MISUSE: the SQL
      // and the calls are minsheng's own, so these are bugs.
      return ErrorCode::kInternal;
  }
}

// The SQL as an error shows it: whitespace runs folded to one space, at most
// kSqlInErrorsMax characters.
std::string SqlForErrors(std::string_view sql) {
  std::string text;
  for (char c : sql) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (text.empty() || text.back() == ' ')) continue;
    text += space ? ' ' : c;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > kSqlInErrorsMax) text = text.substr(0, kSqlInErrorsMax) + "...";
  return text;
}

// "context: SQLite's message", with the code mapped by CodeFor. Reads the connection's
// message, so call it before anything else runs on the connection.
Status SqliteError(sqlite3* db, int result, const std::string& context) {
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(result);
  return Status(CodeFor(result), context + ": " + message);
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement, std::string_view sql)
      : db_(db), statement_(statement), sql_(sql) {}
  ~SqliteStatement() override { sqlite3_finalize(statement_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void BindInt(int index, int64_t value) override {
    NoteBind(sqlite3_bind_int64(statement_, index, value), index);
  }
  void BindText(int index, std::string_view value) override {
    // SQLITE_TRANSIENT: SQLite copies the text, so the caller's buffer may go away
    // before Step.
    NoteBind(sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
  }
  void BindTextUncopied(int index, std::string_view value) override {
    // A null pointer would bind NULL, not the empty text.
    const char* text = value.data() != nullptr ? value.data() : "";
    NoteBind(sqlite3_bind_text64(statement_, index, text, value.size(), SQLITE_STATIC, SQLITE_UTF8),
             index);
  }
  void BindNull(int index) override { NoteBind(sqlite3_bind_null(statement_, index), index); }

  Result<bool> Step() override {
    row_ = false;
    if (!bind_status_.ok()) return bind_status_;
    int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) {
      row_ = true;
      return true;
    }
    if (result == SQLITE_DONE) {
      // Reset at once, so that a finished read does not hold its snapshot open; the
      // bindings stay, as they do after any sqlite3_reset.
      sqlite3_reset(statement_);
      return false;
    }
    Status error = SqliteError(db_, result, "running '" + SqlForErrors(sql_) + "'");
    sqlite3_reset(statement_);
    return error;
  }

  bool IsNull(int column) const override {
    AssertColumn(column);
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override {
    AssertColumn(column);
    return sqlite3_column_int64(statement_, column);
  }
  std::string Text(int column) const override { return std::string(TextView(column)); }

  std::string_view TextView(int column) const override {
    AssertColumn(column);
    // The pointer first, then the size: that order is the one SQLite documents as safe.
    const unsigned char* text = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    if (text == nullptr) return std::string_view();
    return std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  }

  int ColumnCount() const override { return sqlite3_column_count(statement_); }
  bool IsInt(int column) const override {
    AssertColumn(column);
    return sqlite3_column_type(statement_, column) == SQLITE_INTEGER;
  }

  void Reset() override {
    sqlite3_reset(statement_);
    bind_status_ = Status::Ok();
    row_ = false;
  }
  void ClearBindings() { sqlite3_clear_bindings(statement_); }

 private:
  // Bind calls return nothing (store.h), so the first failure is kept and returned by
  // the next Step: a wrong index never runs the statement with a missing value.
  void NoteBind(int result, int index) {
    if (result == SQLITE_OK || !bind_status_.ok()) return;
    bind_status_ = SqliteError(
        db_, result,
        "binding parameter " + std::to_string(index) + " of '" + SqlForErrors(sql_) + "'");
  }
  void AssertColumn([[maybe_unused]] int column) const {
    assert(row_ && "read a column only while Step's row is current");
    assert(column >= 0 && column < sqlite3_column_count(statement_));
  }

  sqlite3* db_;
  sqlite3_stmt* statement_;
  std::string sql_;
  Status bind_status_;
  bool row_ = false;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, SqliteOptions options) : db_(db), options_(options) {}
  ~SqliteStore() override {
    checkpointer_.reset();  // its thread may be copying this connection's log
    // Statements first: sqlite3_close_v2 would otherwise keep the connection alive as a
    // zombie until they are finalized. Closing rolls back a transaction left open.
    statements_.clear();
    sqlite3_close_v2(db_);
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Result<Statement*> Prepare(std::string_view sql) override {
    if (auto found = statements_.find(sql); found != statements_.end()) {
      found->second->Reset();
      found->second->ClearBindings();
      return found->second.get();
    }
    std::string key(sql);
    if (statements_.size() >= kStatementsMax) {
      return Internal("more than " + std::to_string(kStatementsMax) +
                      " distinct statements prepared; is a value spliced into SQL? '" +
                      SqlForErrors(sql) + "'");
    }
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    int result = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                    SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (result != SQLITE_OK) {
      return SqliteError(db_, result, "preparing '" + SqlForErrors(sql) + "'");
    }
    auto owned = std::make_unique<SqliteStatement>(db_, statement, sql);
    if (statement == nullptr || !IsBlank(std::string_view(tail))) {
      return Internal("Prepare takes exactly one statement: '" + SqlForErrors(sql) + "'");
    }
    Statement* pointer = owned.get();
    statements_.emplace(std::move(key), std::move(owned));
    return pointer;
  }

  Status Execute(std::string_view sql) override {
    std::string text(sql);  // sqlite3_exec reads up to a terminating NUL
    char* message = nullptr;
    int result = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (result == SQLITE_OK) return Status::Ok();
    std::string reason = message != nullptr ? message : sqlite3_errstr(result);
    sqlite3_free(message);
    return Status(CodeFor(result), "running '" + SqlForErrors(sql) + "': " + reason);
  }

  Status Begin() override {
    if (InTransaction()) {
      return Status(ErrorCode::kFailedPrecondition, "Begin: a transaction is already open");
    }
    // IMMEDIATE takes the write lock now, so a transaction never fails half-way because
    // another writer got there between its reads and its first write.
    return Execute("BEGIN IMMEDIATE");
  }

  Status BeginRead() override {
    if (InTransaction()) {
      return Status(ErrorCode::kFailedPrecondition, "BeginRead: a transaction is already open");
    }
    // DEFERRED takes no lock: with the write-ahead log, the first read fixes the snapshot
    // and writers carry on beside it.
    return Execute("BEGIN DEFERRED");
  }

  Status Commit() override {
    if (!InTransaction()) {
      return Status(ErrorCode::kFailedPrecondition, "Commit: no transaction is open");
    }
    return Execute("COMMIT");
  }

  Status Rollback() override {
    // Without a transaction there is nothing to undo: a failed COMMIT may already have
    // rolled back, and the caller's cleanup should not fail for that.
    if (!InTransaction()) return Status::Ok();
    return Execute("ROLLBACK");
  }

  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  std::string_view Dialect() const override { return "sqlite"; }

  Result<std::unique_ptr<Store>> OpenReader() override {
    const std::string file = FileName();
    if (file.empty()) {
      return Status(ErrorCode::kFailedPrecondition, "an in-memory store has no second connection");
    }
    return OpenSqlite(file, {.durability = options_.durability, .must_exist = true});
  }

  // Checkpoints on a thread of their own (wal_checkpointer.h), for a store in a file.
  void CheckpointInBackground() {
    const std::string file = FileName();
    if (!file.empty()) checkpointer_ = std::make_unique<WalCheckpointer>(db_, file);
  }

 private:
  // The database's file; empty for an in-memory one.
  std::string FileName() const {
    const char* file = sqlite3_db_filename(db_, "main");
    return file != nullptr ? file : "";
  }

  static bool IsBlank(std::string_view text) {
    for (char c : text) {
      if (!std::isspace(static_cast<unsigned char>(c)) && c != ';') return false;
    }
    return true;
  }

  sqlite3* db_;
  SqliteOptions options_;
  // Found by the SQL text without copying it (Prepare runs once per statement executed).
  TextMap<std::unique_ptr<SqliteStatement>> statements_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // none for an in-memory store
};

// Sets up a freshly opened connection: WAL, the durability asked for, foreign keys, and
// the busy timeout. The first statement is the first read of the file, so a file that
// is not a database fails here.
Status Configure(Store& store, sqlite3* db, const std::string& path, SqliteOptions options) {
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Pages of 16 KiB (the default is 4): a ledger commit appends megabytes of rows, and
  // larger pages mean fewer B-tree splits and fewer log frames, each checksummed. Only
  // a new database takes it; an existing one keeps its size.
  if (Status status = store.Execute("PRAGMA page_size=16384"); !status.ok()) return status;
  Result<Statement*> journal = store.Prepare("PRAGMA journal_mode=WAL");
  if (!journal.ok()) return journal.status();
  Result<bool> row = (*journal)->Step();
  if (!row.ok()) return row.status();
  // An in-memory database reports "memory"; a file that cannot use WAL keeps its old
  // journal mode, and commits would not be as durable as the options promise.
  std::string mode = *row ? (*journal)->Text(0) : "";
  (*journal)->Reset();
  if (mode != "wal" && mode != "memory") {
    return Status(ErrorCode::kIo,
                  "store '" + path + "' cannot use WAL (journal mode '" + mode + "')");
  }
  // In WAL mode FULL syncs the log on every commit; NORMAL only at checkpoints.
  const char* synchronous = options.durability == Durability::kFull ? "PRAGMA synchronous=FULL"
                                                                    : "PRAGMA synchronous=NORMAL";
  if (Status status = store.Execute(synchronous); !status.ok()) return status;
  // A page cache of 64 MiB (the default is 2 MiB): one batch of 8,190 ledger transfers
  // dirties more than 2 MiB, and a cache that spills rewrites pages mid-transaction.
  if (Status status = store.Execute("PRAGMA cache_size=-65536"); !status.ok()) return status;
  // Pages read through a memory map of up to 2 GiB (SQLite's largest), not copied into
  // the page cache by a read() each: a registry view reads half a gigabyte, and every
  // insert reads the index pages it descends. The price: an I/O error on the file while
  // it is read kills the process (SIGBUS) instead of failing the statement, which leaves
  // the store as a crash does: whole transactions.
  if (Status status = store.Execute("PRAGMA mmap_size=2147418112"); !status.ok()) return status;
  return store.Execute("PRAGMA foreign_keys=ON");
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, SqliteOptions options) {
  std::error_code error;
  if (options.must_exist && !std::filesystem::exists(path, error)) {
    return NotFound("store '" + path + "' does not exist");
  }
  // SQLite's memory statistics take a process-wide mutex on every allocation (several
  // per row written); minsheng never reads them. Only possible before SQLite starts,
  // so once per process, before the first open.
  static const bool statistics_off = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)statistics_off;
  int flags =
      SQLITE_OPEN_READWRITE | (options.must_exist ? 0 : SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  int result = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (result != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(result);
    if (int system_error = db != nullptr ? sqlite3_system_errno(db) : 0; system_error != 0) {
      message += " (" + std::generic_category().message(system_error) + ")";
    }
    sqlite3_close_v2(db);  // a failed open still allocates a handle (nullptr is fine)
    return Status(CodeFor(result), "opening store '" + path + "': " + message);
  }
  // Extended codes tell a taken key (SQLITE_CONSTRAINT_PRIMARYKEY) from other constraints.
  sqlite3_extended_result_codes(db, 1);
  auto store = std::make_unique<SqliteStore>(db, options);
  if (Status status = Configure(*store, db, path, options); !status.ok()) {
    if (status.code() == ErrorCode::kInvalidArgument) {
      return InvalidArgument("opening store '" + path + "': file is not a SQLite database");
    }
    return status.Prefixed("opening store '" + path + "'");
  }
  store->CheckpointInBackground();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace minsheng::store
