// Tests for the SQLite store, migrations and the fault-injecting wrapper: values round
// trip, errors name the statement, transactions are all or nothing, and a write that
// fails at any point leaves the store as it was.
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/chunked_insert.h"
#include "store/faulty_store.h"
#include "store/row_buffer.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test (the pid and the test's name keep parallel runs apart),
// removed afterwards.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = fs::temp_directory_path() / ("minsheng-store-test-" + std::to_string(getpid()) +
                                              "-" + test->test_suite_name() + "-" + test->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  std::string PathOf(const std::string& name) const { return (directory_ / name).string(); }

  // A store with table t(id INTEGER PRIMARY KEY, name TEXT, note TEXT).
  std::unique_ptr<Store> OpenWithTable(const std::string& name = "test.db") {
    Result<std::unique_ptr<Store>> store = OpenSqlite(PathOf(name));
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return nullptr;
    Status created = (*store)->Execute(
        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)");
    EXPECT_TRUE(created.ok()) << created.ToString();
    return std::move(*store);
  }

  fs::path directory_;
};

Status Insert(Store& store, int64_t id, std::string_view name) {
  Result<Statement*> insert = store.Prepare("INSERT INTO t (id, name) VALUES (?, ?)");
  if (!insert.ok()) return insert.status();
  (*insert)->BindInt(1, id);
  (*insert)->BindText(2, name);
  Result<bool> row = (*insert)->Step();
  return row.ok() ? Status::Ok() : row.status();
}

int64_t CountRows(Store& store, const std::string& table) {
  Result<Statement*> count = store.Prepare("SELECT COUNT(*) FROM " + table);
  EXPECT_TRUE(count.ok()) << count.status().ToString();
  if (!count.ok()) return -1;
  Result<bool> row = (*count)->Step();
  EXPECT_TRUE(row.ok() && *row);
  int64_t rows = (*count)->Int(0);
  (*count)->Reset();
  return rows;
}

TEST_F(StoreTest, ValuesRoundTrip) {
  // Proves integers (up to int64's edges), text (UTF-8, empty) and NULL come back as bound.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Dialect(), "sqlite");
  Result<Statement*> insert = store->Prepare("INSERT INTO t (id, name, note) VALUES (?, ?, ?)");
  ASSERT_TRUE(insert.ok()) << insert.status().ToString();
  (*insert)->BindInt(1, INT64_MAX);
  (*insert)->BindText(2, "无棣县");
  (*insert)->BindNull(3);
  ASSERT_TRUE((*insert)->Step().ok());
  insert = store->Prepare("INSERT INTO t (id, name, note) VALUES (?, ?, ?)");
  ASSERT_TRUE(insert.ok());
  (*insert)->BindInt(1, INT64_MIN);
  (*insert)->BindText(2, "");
  (*insert)->BindText(3, std::string_view("note and more").substr(0, 4));
  ASSERT_TRUE((*insert)->Step().ok());

  Result<Statement*> select = store->Prepare("SELECT id, name, note FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  Statement& rows = **select;
  ASSERT_TRUE(*rows.Step());
  EXPECT_EQ(rows.Int(0), INT64_MIN);
  EXPECT_EQ(rows.Text(1), "");
  EXPECT_FALSE(rows.IsNull(1));
  EXPECT_EQ(rows.Text(2), "note");
  ASSERT_TRUE(*rows.Step());
  EXPECT_EQ(rows.Int(0), INT64_MAX);
  EXPECT_EQ(rows.Text(1), "无棣县");
  EXPECT_TRUE(rows.IsNull(2));
  Result<bool> done = rows.Step();
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(*done);
}

TEST_F(StoreTest, StatementCacheReturnsTheSameStatementReset) {
  // Proves Prepare caches by SQL text and hands the statement back reset and unbound.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Insert(*store, 1, "a").ok());
  ASSERT_TRUE(Insert(*store, 2, "b").ok());
  const char* sql = "SELECT name FROM t WHERE id >= ? ORDER BY id";
  Result<Statement*> first = store->Prepare(sql);
  ASSERT_TRUE(first.ok());
  (*first)->BindInt(1, 1);
  ASSERT_TRUE(*(*first)->Step());
  EXPECT_EQ((*first)->Text(0), "a");  // left part-way through its rows

  Result<Statement*> second = store->Prepare(sql);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);
  EXPECT_NE(*store->Prepare("SELECT name FROM t"), *first);
  // Unbound: id >= NULL matches nothing. Reset: it starts again from the first row.
  EXPECT_FALSE(*(*second)->Step());
  (*second)->BindInt(1, 0);
  ASSERT_TRUE(*(*second)->Step());
  EXPECT_EQ((*second)->Text(0), "a");
}

TEST_F(StoreTest, ResetKeepsTheBindingsAndUncopiedTextIsRead) {
  // Proves Reset alone keeps the bindings (a loop may rebind only what changes), that
  // text bound without a copy, including the empty text, is written as it stands, and
  // that TextView reads what Text does.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  Result<Statement*> insert = store->Prepare("INSERT INTO t (id, name, note) VALUES (?, ?, ?)");
  ASSERT_TRUE(insert.ok());
  const std::string name = "五保";
  (*insert)->BindInt(1, 1);
  (*insert)->BindTextUncopied(2, name);
  (*insert)->BindTextUncopied(3, std::string_view());
  ASSERT_TRUE((*insert)->Step().ok());
  (*insert)->Reset();
  (*insert)->BindInt(1, 2);  // name and note stay bound
  ASSERT_TRUE((*insert)->Step().ok());

  Result<Statement*> select = store->Prepare("SELECT name, note FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  for (int row = 0; row < 2; ++row) {
    ASSERT_TRUE(*(*select)->Step());
    EXPECT_EQ((*select)->Text(0), "五保");
    EXPECT_EQ((*select)->TextView(0), "五保") << "the same text, uncopied";
    EXPECT_FALSE((*select)->IsNull(1));
    EXPECT_EQ((*select)->Text(1), "");
    EXPECT_TRUE((*select)->TextView(1).empty());
  }
  EXPECT_FALSE(*(*select)->Step());
}

TEST_F(StoreTest, ConstraintViolationNamesTheStatement) {
  // Proves a taken key is kAlreadyExists, a NOT NULL violation kFailedPrecondition, and
  // both messages name the statement and SQLite's reason; the statement stays usable.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Insert(*store, 7, "first").ok());
  Status taken = Insert(*store, 7, "again");
  EXPECT_EQ(taken.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.message(),
            "running 'INSERT INTO t (id, name) VALUES (?, ?)': UNIQUE constraint failed: t.id");

  Result<Statement*> insert = store->Prepare("INSERT INTO t (id, name) VALUES (?, ?)");
  ASSERT_TRUE(insert.ok());
  (*insert)->BindInt(1, 8);
  (*insert)->BindNull(2);
  Result<bool> row = (*insert)->Step();
  ASSERT_FALSE(row.ok());
  EXPECT_EQ(row.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(row.status().message().find("NOT NULL constraint failed: t.name"), std::string::npos);

  EXPECT_TRUE(Insert(*store, 8, "second").ok());
  EXPECT_EQ(CountRows(*store, "t"), 2);
}

// 75 rows go in a statement of 64, one of 8 and three of one, in order; a taken key in a
// chunk fails it (the rows before it in the chunk are left to the caller's rollback, which
// leaves nothing).
TEST_F(StoreTest, RowsAreWrittenInChunks) {
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  static const ChunkStatements sql = ChunkSqls("INSERT INTO t (id, name) VALUES ", "(?, ?)");
  EXPECT_EQ(sql[1], "INSERT INTO t (id, name) VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)");
  std::vector<std::string> names;
  for (int i = 0; i < 75; ++i) names.push_back("n" + std::to_string(i));
  const auto bind = [&](Statement& s, int at, size_t row) {
    s.BindInt(at, static_cast<int64_t>(row) + 1);
    s.BindTextUncopied(at + 1, names[row]);
  };
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(WriteInChunks(*store, names.size(), 2, sql, bind).ok());
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(CountRows(*store, "t"), 75);
  auto last = store->Prepare("SELECT name FROM t WHERE id = 75");
  ASSERT_TRUE(last.ok() && *(*last)->Step());
  EXPECT_EQ((*last)->Text(0), "n74");
  (*last)->Reset();

  ASSERT_TRUE(store->Execute("DELETE FROM t WHERE id > 1").ok());
  ASSERT_TRUE(store->Begin().ok());
  Status taken = WriteInChunks(*store, names.size(), 2, sql, bind);  // id 1 is taken
  EXPECT_EQ(taken.code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_EQ(CountRows(*store, "t"), 1);
}

TEST_F(StoreTest, BadSqlAndBadBindingsAreErrors) {
  // Proves SQL that does not compile, several statements in one Prepare, and a binding
  // to a parameter that does not exist are errors, not crashes or silent NULLs.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  Result<Statement*> bad = store->Prepare("SELEKT 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInternal);
  EXPECT_NE(bad.status().message().find("'SELEKT 1'"), std::string::npos);
  EXPECT_FALSE(store->Prepare("SELECT 1; SELECT 2").ok());
  EXPECT_FALSE(store->Execute("DROP TABLE no_such_table").ok());

  Result<Statement*> insert = store->Prepare("INSERT INTO t (id, name) VALUES (?, ?)");
  ASSERT_TRUE(insert.ok());
  (*insert)->BindInt(1, 1);
  (*insert)->BindText(3, "no third parameter");
  Result<bool> row = (*insert)->Step();
  ASSERT_FALSE(row.ok());
  EXPECT_NE(row.status().message().find("binding parameter 3"), std::string::npos);
  EXPECT_EQ(CountRows(*store, "t"), 0);
}

TEST_F(StoreTest, RollbackLeavesNothing) {
  // Proves everything written between Begin and Rollback is gone afterwards.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(store->InTransaction());
  ASSERT_TRUE(store->Begin().ok());
  EXPECT_TRUE(store->InTransaction());
  EXPECT_EQ(store->Begin().code(), ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(Insert(*store, 1, "a").ok());
  ASSERT_TRUE(Insert(*store, 2, "b").ok());
  EXPECT_EQ(CountRows(*store, "t"), 2);
  ASSERT_TRUE(store->Rollback().ok());
  EXPECT_FALSE(store->InTransaction());
  EXPECT_EQ(CountRows(*store, "t"), 0);
  EXPECT_TRUE(store->Rollback().ok());  // nothing open: nothing to undo
  EXPECT_EQ(store->Commit().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(StoreTest, AReadTransactionSeesOneMomentAndHoldsNoWriterUp) {
  // Proves a read transaction reads the store as of its first read while another
  // connection writes and commits beside it, and sees the write once it has ended.
  auto reader = OpenWithTable();
  auto writer = OpenWithTable();
  ASSERT_NE(reader, nullptr);
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(Insert(*writer, 1, "before").ok());
  ASSERT_TRUE(reader->BeginRead().ok());
  EXPECT_EQ(reader->BeginRead().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(CountRows(*reader, "t"), 1);
  ASSERT_TRUE(writer->Begin().ok());
  ASSERT_TRUE(Insert(*writer, 2, "during").ok());
  ASSERT_TRUE(writer->Commit().ok()) << "a reader does not hold a writer up";
  EXPECT_EQ(CountRows(*reader, "t"), 1);
  ASSERT_TRUE(reader->Commit().ok());
  EXPECT_EQ(CountRows(*reader, "t"), 2);
}

TEST_F(StoreTest, TheLogIsCopiedIntoTheFileWhileTheStoreStaysOpen) {
  // Proves the write-ahead log past its threshold (16 MiB) reaches the database file
  // while the writer keeps the store open and goes on writing: checkpoints run on a
  // thread of their own (wal_checkpointer.h), not at close only; and nothing is lost.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  const std::string note(16 * 1024, 'x');
  const auto write = [&](int64_t first, int64_t count) {
    ASSERT_TRUE(store->Begin().ok());
    for (int64_t id = first; id < first + count; ++id) {
      ASSERT_TRUE(ExecuteBound(*store, "INSERT INTO t (id, name, note) VALUES (?, 'row', ?)", [&](Statement& s) {
                    s.BindInt(1, id);
                    s.BindText(2, note);
                  }).ok());
    }
    ASSERT_TRUE(store->Commit().ok());
  };
  write(1, 2000);  // 32 MiB and more
  const auto file_bytes = [&] { return fs::file_size(PathOf("test.db")); };
  for (int tenth = 0; tenth < 600 && file_bytes() < 32u * 1024 * 1024; ++tenth) {
    write(100000 + tenth, 1);  // the writer carries on meanwhile
    usleep(100 * 1000);
  }
  EXPECT_GE(file_bytes(), 32u * 1024 * 1024) << "the log was not copied within a minute";
  store.reset();
  auto reopened = OpenWithTable();
  ASSERT_NE(reopened, nullptr);
  EXPECT_GE(CountRows(*reopened, "t"), 2001);
}

TEST_F(StoreTest, AReaderSeesWhatIsCommittedOnly) {
  // Proves OpenReader gives a second connection to the same file that reads what is
  // committed, not the first connection's open transaction; an in-memory store has none.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Insert(*store, 1, "committed").ok());
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(Insert(*store, 2, "open").ok());
  auto reader = store->OpenReader();
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(CountRows(**reader, "t"), 1);
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(CountRows(**reader, "t"), 2);
  auto memory = OpenSqlite(":memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_EQ((*memory)->OpenReader().status().code(), ErrorCode::kFailedPrecondition);
}

TEST_F(StoreTest, ARowBufferKeepsRowsAsTheyWere) {
  // Proves rows copied into a RowBuffer read back as the statement read them: NULL,
  // integers and texts (the empty one too), after more rows were appended.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Insert(*store, 1, "一").ok());
  ASSERT_TRUE(Insert(*store, 2, "").ok());
  ASSERT_TRUE(ExecuteBound(*store, "UPDATE t SET note = 'kept' WHERE id = 2", [](Statement&) {}).ok());
  RowBuffer buffer;
  auto select = store->Prepare("SELECT id, name, note FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  while (*(*select)->Step()) buffer.Append(**select);
  ASSERT_EQ(buffer.size(), 2u);
  EXPECT_EQ(buffer[0].ColumnCount(), 3);
  EXPECT_TRUE(buffer[0].IsInt(0));
  EXPECT_EQ(buffer[0].Int(0), 1);
  EXPECT_EQ(buffer[0].Text(1), "一");
  EXPECT_TRUE(buffer[0].IsNull(2));
  EXPECT_EQ(buffer[1].Int(0), 2);
  EXPECT_FALSE(buffer[1].IsNull(1));
  EXPECT_EQ(buffer[1].TextView(1), "");
  EXPECT_EQ(buffer[1].TextView(2), "kept");
}

TEST_F(StoreTest, CommitPersistsAcrossReopen) {
  // Proves a committed transaction is in the file when the store is opened again, and an
  // open transaction at close is not.
  for (Durability durability : {Durability::kFull, Durability::kNormal}) {
    std::string name = durability == Durability::kFull ? "full.db" : "normal.db";
    {
      auto store = OpenWithTable(name);
      ASSERT_NE(store, nullptr);
      ASSERT_TRUE(store->Begin().ok());
      ASSERT_TRUE(Insert(*store, 1, "kept").ok());
      ASSERT_TRUE(store->Commit().ok());
      ASSERT_TRUE(store->Begin().ok());
      ASSERT_TRUE(Insert(*store, 2, "never committed").ok());
    }
    Result<std::unique_ptr<Store>> store =
        OpenSqlite(PathOf(name), {.durability = durability, .must_exist = true});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Result<Statement*> select = (*store)->Prepare("SELECT id, name FROM t");
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(*(*select)->Step());
    EXPECT_EQ((*select)->Int(0), 1);
    EXPECT_EQ((*select)->Text(1), "kept");
    EXPECT_FALSE(*(*select)->Step());
  }
}

TEST_F(StoreTest, MustExistRefusesAMissingFile) {
  // Proves must_exist on a missing file is kNotFound naming the path, and creates nothing.
  std::string path = PathOf("missing.db");
  Result<std::unique_ptr<Store>> store = OpenSqlite(path, {.must_exist = true});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store.status().message(), "store '" + path + "' does not exist");
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(directory_));
}

TEST_F(StoreTest, UnopenableFileIsAnIoError) {
  // Proves a path in a missing directory fails with kIo naming the path.
  std::string path = PathOf("no-such-directory/x.db");
  Result<std::unique_ptr<Store>> store = OpenSqlite(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kIo);
  EXPECT_NE(store.status().message().find(path), std::string::npos);
}

TEST_F(StoreTest, NotADatabaseFailsCleanly) {
  // Proves a file that is not a database is refused (kInvalidArgument naming the path)
  // and left byte for byte as it was.
  std::string path = PathOf("garbage.db");
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7 + 3) % 251);
  std::ofstream(path, std::ios::binary) << garbage;
  Result<std::unique_ptr<Store>> store = OpenSqlite(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(store.status().message(),
            "opening store '" + path + "': file is not a SQLite database");
  std::ifstream in(path, std::ios::binary);
  std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, garbage);
  EXPECT_FALSE(fs::exists(path + "-wal"));
}

// --- Migrate -------------------------------------------------------------------------

constexpr Migration kLedgerMigrations[] = {
    {1, "accounts", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
    {2, "transfers", "CREATE TABLE transfers (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)"},
    {3, "transfer_index",
     "CREATE INDEX transfers_by_amount ON transfers (amount); "
     "ALTER TABLE accounts ADD COLUMN unit TEXT"},
};

int64_t VersionOf(Store& store, const std::string& component) {
  Result<Statement*> query =
      store.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = ?");
  EXPECT_TRUE(query.ok()) << query.status().ToString();
  if (!query.ok()) return -1;
  (*query)->BindText(1, component);
  Result<bool> row = (*query)->Step();
  EXPECT_TRUE(row.ok() && *row);
  int64_t version = (*query)->Int(0);
  (*query)->Reset();
  return version;
}

bool TableExists(Store& store, const std::string& table) {
  Result<Statement*> query =
      store.Prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!query.ok()) return false;
  (*query)->BindText(1, table);
  bool exists = *(*query)->Step() && (*query)->Int(0) == 1;
  (*query)->Reset();
  return exists;
}

TEST_F(StoreTest, MigrateAppliesEachVersionOnce) {
  // Proves Migrate applies 1..n and records them with a UTC time, a second call changes
  // nothing (the DDL would fail if it ran again), and components are counted apart.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  Status first = Migrate(*store, "ledger", std::span(kLedgerMigrations).first(2));
  ASSERT_TRUE(first.ok()) << first.ToString();
  EXPECT_EQ(VersionOf(*store, "ledger"), 2);
  Status rest = Migrate(*store, "ledger", kLedgerMigrations);
  ASSERT_TRUE(rest.ok()) << rest.ToString();
  Status again = Migrate(*store, "ledger", kLedgerMigrations);
  ASSERT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(VersionOf(*store, "ledger"), 3);
  EXPECT_EQ(CountRows(*store, "schema_migrations"), 3);
  EXPECT_TRUE(TableExists(*store, "accounts"));
  EXPECT_TRUE(TableExists(*store, "transfers"));
  EXPECT_EQ(VersionOf(*store, "registry"), 0);

  Result<Statement*> record = store->Prepare(
      "SELECT name, applied_at FROM schema_migrations WHERE component = 'ledger' AND version = 3");
  ASSERT_TRUE(record.ok());
  ASSERT_TRUE(*(*record)->Step());
  EXPECT_EQ((*record)->Text(0), "transfer_index");
  std::string applied_at = (*record)->Text(1);  // "2024-05-01T08:30:00Z"
  ASSERT_EQ(applied_at.size(), 20u) << applied_at;
  EXPECT_EQ(applied_at[4], '-');
  EXPECT_EQ(applied_at[10], 'T');
  EXPECT_EQ(applied_at[19], 'Z');
}

TEST_F(StoreTest, MigrateRefusesANewerStore) {
  // Proves a store at a version above the build's last migration is refused with a
  // message saying so, and is not changed.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Migrate(*store, "ledger", kLedgerMigrations).ok());
  Status older = Migrate(*store, "ledger", std::span(kLedgerMigrations).first(2));
  EXPECT_EQ(older.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(older.message(),
            "the store was written by a newer minsheng: component 'ledger' is at version 3, "
            "this build knows up to 2");
  EXPECT_EQ(VersionOf(*store, "ledger"), 3);
  EXPECT_EQ(CountRows(*store, "schema_migrations"), 3);
  EXPECT_FALSE(store->InTransaction());
}

TEST_F(StoreTest, FailedMigrationLeavesThePreviousVersion) {
  // Proves a migration that fails part-way is rolled back whole (its first statement
  // too), the version stays where it was, and the error names the migration.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  const Migration broken[] = {
      kLedgerMigrations[0],
      {2, "transfers", "CREATE TABLE transfers (id INTEGER PRIMARY KEY); CREATE TABLEX oops"},
  };
  Status status = Migrate(*store, "ledger", broken);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind("migration ledger 2 (transfers): ", 0), 0u) << status.message();
  EXPECT_EQ(VersionOf(*store, "ledger"), 1);
  EXPECT_TRUE(TableExists(*store, "accounts"));
  EXPECT_FALSE(TableExists(*store, "transfers"));
  EXPECT_FALSE(store->InTransaction());
  // Fixed, it applies.
  ASSERT_TRUE(Migrate(*store, "ledger", kLedgerMigrations).ok());
  EXPECT_EQ(VersionOf(*store, "ledger"), 3);
}

TEST_F(StoreTest, MigrateRefusesMisnumberedMigrations) {
  // Proves migrations not numbered 1, 2, 3 … are a bug reported before the store is touched.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  const Migration gap[] = {kLedgerMigrations[0], kLedgerMigrations[2]};
  Status status = Migrate(*store, "ledger", gap);
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_FALSE(TableExists(*store, "schema_migrations"));
}

// --- FaultyStore ---------------------------------------------------------------------

// Begin, three inserts, Commit: four writes. Stops at the first error.
Status WriteBatch(Store& store) {
  if (Status status = store.Begin(); !status.ok()) return status;
  for (int64_t id = 10; id < 13; ++id) {
    if (Status status = Insert(store, id, "batch"); !status.ok()) return status;
  }
  return store.Commit();
}

TEST_F(StoreTest, FaultyStoreFailsExactlyTheNthWrite) {
  // Proves, for N = 1, 2, 3 …, that the batch fails at exactly its Nth write with an
  // injected kIo error and leaves the table as it was; past the last write it succeeds.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Insert(*store, 1, "before").ok());
  constexpr int64_t kWritesInBatch = 4;
  for (int64_t fail_at = 1; fail_at <= kWritesInBatch; ++fail_at) {
    SCOPED_TRACE("fail_at " + std::to_string(fail_at));
    FaultyStore faulty(*store, fail_at);
    Status status = WriteBatch(faulty);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::kIo);
    EXPECT_EQ(status.message(), "injected failure at write " + std::to_string(fail_at));
    EXPECT_TRUE(faulty.failed());
    EXPECT_EQ(faulty.writes(), fail_at);
    ASSERT_TRUE(faulty.Rollback().ok());
    EXPECT_FALSE(store->InTransaction());
    EXPECT_EQ(CountRows(*store, "t"), 1);
  }
  FaultyStore faulty(*store, kWritesInBatch + 1);
  ASSERT_TRUE(WriteBatch(faulty).ok());
  EXPECT_FALSE(faulty.failed());
  EXPECT_EQ(faulty.writes(), kWritesInBatch);
  EXPECT_EQ(CountRows(*store, "t"), 4);
}

TEST_F(StoreTest, FaultyStoreNeverCountsReads) {
  // Proves SELECTs (any case, after whitespace) are not writes, even row by row, while
  // Execute is.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(Insert(*store, 1, "a").ok());
  ASSERT_TRUE(Insert(*store, 2, "b").ok());
  FaultyStore faulty(*store, 1);
  for (const char* sql : {"SELECT id FROM t", "  \n select name FROM t ORDER BY id"}) {
    Result<Statement*> select = faulty.Prepare(sql);
    ASSERT_TRUE(select.ok());
    int rows = 0;
    while (true) {
      Result<bool> row = (*select)->Step();
      ASSERT_TRUE(row.ok()) << row.status().ToString();
      if (!*row) break;
      ++rows;
    }
    EXPECT_EQ(rows, 2);
  }
  EXPECT_EQ(faulty.writes(), 0);
  EXPECT_EQ(faulty.Execute("DELETE FROM t").code(), ErrorCode::kIo);
  EXPECT_EQ(faulty.writes(), 1);
  EXPECT_EQ(CountRows(*store, "t"), 2);
}

TEST_F(StoreTest, MigrateUnderFaultsLeavesWholeVersions) {
  // Proves Migrate failing at any write leaves the store at a whole version (each
  // migration's table exists exactly when its record does) and, run again, completes.
  auto store = OpenWithTable();
  ASSERT_NE(store, nullptr);
  const std::vector<std::string> tables = {"accounts", "transfers"};
  const auto migrations = std::span(kLedgerMigrations).first(2);
  for (int64_t fail_at = 1;; ++fail_at) {
    SCOPED_TRACE("fail_at " + std::to_string(fail_at));
    ASSERT_LT(fail_at, 100) << "Migrate never succeeded";
    FaultyStore faulty(*store, fail_at);
    Status status = Migrate(faulty, "ledger", migrations);
    EXPECT_FALSE(store->InTransaction());
    if (TableExists(*store, "schema_migrations")) {
      int64_t version = VersionOf(*store, "ledger");
      for (size_t i = 0; i < tables.size(); ++i) {
        EXPECT_EQ(TableExists(*store, tables[i]), static_cast<int64_t>(i) < version);
      }
    }
    if (status.ok()) break;
    EXPECT_EQ(status.code(), ErrorCode::kIo) << status.ToString();
  }
  EXPECT_EQ(VersionOf(*store, "ledger"), 2);
}

}  // namespace
}  // namespace minsheng::store
