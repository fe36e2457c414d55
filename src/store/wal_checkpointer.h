// WalCheckpointer: copies a SQLite file's write-ahead log into the database on a thread
// of its own, so that the connection that writes never stops for it.
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the log past its
// threshold, on the writer's thread: after a large transaction (a million settled claims)
// that is seconds of copying and syncing before the next statement may run. Here the
// commit only notes the log's size; a second connection, on a second thread, checkpoints
// in PASSIVE mode, which never blocks the writer (the log's frames are copied up to the
// last commit; what is written meanwhile waits for the next round). The last connection
// to close checkpoints what is left, as SQLite always does.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace minsheng::store {

class WalCheckpointer {
 public:
  // Takes over the checkpoints of `db`, a connection to the file at `path` in WAL mode.
  // The thread and its connection start with the first checkpoint asked for.
  WalCheckpointer(sqlite3* db, std::string path);
  // Stops the thread, after the checkpoint under way, and closes its connection; `db`
  // checkpoints as SQLite does by itself again.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int log_pages);
  void Run();

  sqlite3* db_;
  const std::string path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool asked_ = false;    // a commit left the log past the threshold
  bool stopping_ = false;
  std::thread thread_;    // started by the first OnCommit that asks
};

}  // namespace minsheng::store
