#include "store/store.h"

namespace minsheng::store {

Status InTransaction(Store& store, const std::function<Status()>& write) {
  if (Status begun = store.Begin(); !begun.ok()) return begun;
  Status status = write();
  if (status.ok()) status = store.Commit();
  if (!status.ok() && store.InTransaction()) (void)store.Rollback();
  return status;
}

Status InReadTransaction(Store& store, const std::function<Status()>& read) {
  if (Status begun = store.BeginRead(); !begun.ok()) return begun;
  Status status = read();
  if (status.ok()) status = store.Commit();
  if (!status.ok() && store.InTransaction()) (void)store.Rollback();
  return status;
}

Status ExecuteBound(Store& store, std::string_view sql, const std::function<void(Statement&)>& bind) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  bind(**statement);
  auto done = (*statement)->Step();
  return done.ok() ? Status::Ok() : done.status();
}

}  // namespace minsheng::store
