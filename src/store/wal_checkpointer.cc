#include "store/wal_checkpointer.h"

namespace minsheng::store {

namespace {

// The log's size, in pages, from which a commit asks for a checkpoint: SQLite's own
// default (1,000 pages: 16 MiB of 16 KiB pages).
constexpr int kCheckpointPages = 1000;
// How long the checkpointer's connection waits for a lock another process holds.
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

WalCheckpointer::WalCheckpointer(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {
  // Replaces SQLite's automatic checkpoint (itself a log hook) on this connection.
  sqlite3_wal_hook(db_, &WalCheckpointer::OnCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(db_, nullptr, nullptr);
  sqlite3_wal_autocheckpoint(db_, kCheckpointPages);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

// Runs on the writer's thread after each commit: it only wakes the checkpointer.
int WalCheckpointer::OnCommit(void* self, sqlite3*, const char*, int log_pages) {
  auto& checkpointer = *static_cast<WalCheckpointer*>(self);
  if (log_pages < kCheckpointPages) return SQLITE_OK;
  {
    std::lock_guard lock(checkpointer.mutex_);
    checkpointer.asked_ = true;
    if (!checkpointer.thread_.joinable()) checkpointer.thread_ = std::thread(&WalCheckpointer::Run, &checkpointer);
  }
  checkpointer.wake_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::Run() {
  sqlite3* connection = nullptr;
  // A connection that cannot open leaves the log to grow until the writer closes, which
  // checkpoints it: slower, never wrong. The writer's own operations report real errors.
  if (sqlite3_open_v2(path_.c_str(), &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close_v2(connection);
    connection = nullptr;
  } else {
    sqlite3_busy_timeout(connection, kBusyTimeoutMs);
    // A connection learns that the file is in WAL mode from its first read; until then a
    // checkpoint does nothing and says so by no error.
    if (sqlite3_exec(connection, "SELECT 1 FROM sqlite_schema LIMIT 1", nullptr, nullptr, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(connection);
      connection = nullptr;
    }
  }
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return asked_ || stopping_; });
    if (stopping_) break;
    asked_ = false;
    lock.unlock();
    // PASSIVE: copies what it can without waiting for the writer or for readers; a
    // busy or partial round is finished by the next one.
    if (connection != nullptr) {
      (void)sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    lock.lock();
  }
  lock.unlock();
  sqlite3_close_v2(connection);
}

}  // namespace minsheng::store
