// Migrate: versioned schema changes, one transaction each (store.h).
//
// The table schema_migrations records, per component, every version applied and when.
// A migration's DDL and its record commit together, so a store is always at a whole
// version: a failure part-way through a migration leaves the version before it. Two
// processes migrating at once cannot apply a version twice either: the record's primary
// key refuses the second, and its transaction (DDL included) rolls back.
#include <chrono>
#include <cstdio>
#include <string>

#include "store/store.h"

namespace minsheng::store {
namespace {

// Portable SQL (store.h): PostgreSQL reads it unchanged.
constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (component, version))";

// The migrations a build knows must be 1, 2, … n with a name and SQL each; anything else
// is a bug in the component that lists them.
Status CheckNumbering(std::string_view component, std::span<const Migration> migrations) {
  for (size_t index = 0; index < migrations.size(); ++index) {
    const Migration& migration = migrations[index];
    if (migration.version != static_cast<int>(index) + 1) {
      return Internal("migrations of '" + std::string(component) +
                      "' are not numbered 1, 2, 3, ...: position " + std::to_string(index + 1) +
                      " has version " + std::to_string(migration.version));
    }
    if (migration.name == nullptr || migration.sql == nullptr) {
      return Internal("migration " + std::string(component) + " " +
                      std::to_string(migration.version) + " has no name or no SQL");
    }
  }
  return Status::Ok();
}

// The highest version of `component` the store has applied; 0 when none.
Result<int64_t> AppliedVersion(Store& store, std::string_view component) {
  Result<Statement*> query =
      store.Prepare("SELECT MAX(version) FROM schema_migrations WHERE component = ?");
  if (!query.ok()) return query.status();
  Statement& statement = **query;
  statement.BindText(1, component);
  Result<bool> row = statement.Step();
  if (!row.ok()) return row.status();
  // MAX over no rows is one row holding NULL.
  int64_t version = *row && !statement.IsNull(0) ? statement.Int(0) : 0;
  statement.Reset();
  return version;
}

// Now in UTC as ISO 8601 to the second, "2024-05-01T08:30:00Z".
std::string UtcNow() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(now - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

Status Record(Store& store, std::string_view component, const Migration& migration) {
  Result<Statement*> insert = store.Prepare(
      "INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  Statement& statement = **insert;
  statement.BindText(1, component);
  statement.BindInt(2, migration.version);
  statement.BindText(3, migration.name);
  statement.BindText(4, UtcNow());
  Result<bool> row = statement.Step();
  return row.ok() ? Status::Ok() : row.status();
}

// One migration in its own transaction: its SQL and its record, or neither.
Status Apply(Store& store, std::string_view component, const Migration& migration) {
  if (Status status = store.Begin(); !status.ok()) return status;
  Status status = store.Execute(migration.sql);
  if (status.ok()) status = Record(store, component, migration);
  if (status.ok()) status = store.Commit();
  if (!status.ok()) {
    // The migration's own error is the one to report; a failed rollback leaves the
    // transaction to be undone when the connection closes.
    Status ignored = store.Rollback();
    static_cast<void>(ignored);
  }
  return status;
}

}  // namespace

Status Migrate(Store& store, std::string_view component, std::span<const Migration> migrations) {
  if (Status status = CheckNumbering(component, migrations); !status.ok()) return status;
  if (Status status = store.Execute(kCreateMigrationsTable); !status.ok()) return status;
  Result<int64_t> applied = AppliedVersion(store, component);
  if (!applied.ok()) return applied.status();
  if (*applied < 0) {
    return Status(ErrorCode::kFailedPrecondition,
                  "schema_migrations records version " + std::to_string(*applied) +
                      " for component '" + std::string(component) + "'; versions start at 1");
  }
  const int64_t known = static_cast<int64_t>(migrations.size());
  if (*applied > known) {
    return Status(ErrorCode::kFailedPrecondition,
                  "the store was written by a newer minsheng: component '" +
                      std::string(component) + "' is at version " + std::to_string(*applied) +
                      ", this build knows up to " + std::to_string(known));
  }
  for (const Migration& migration : migrations.subspan(static_cast<size_t>(*applied))) {
    if (Status status = Apply(store, component, migration); !status.ok()) {
      return status.Prefixed("migration " + std::string(component) + " " +
                             std::to_string(migration.version) + " (" + migration.name + ")");
    }
  }
  return Status::Ok();
}

}  // namespace minsheng::store
