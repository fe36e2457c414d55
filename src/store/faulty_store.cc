// FaultyStore: fails the Nth write (faulty_store.h).
//
// Statements are wrapped once per SQL text, like the inner store caches them, so a
// wrapper's pointer stays valid as long as the FaultyStore. Whether a statement writes
// is decided from its first keyword: anything but SELECT counts, which errs towards
// more failure points (a WITH … SELECT is counted, harmlessly) rather than fewer.
#include "store/faulty_store.h"

#include <cctype>

namespace minsheng::store {
namespace {

// True unless the first keyword of `sql` is SELECT (any case, after whitespace).
bool IsWrite(std::string_view sql) {
  size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
  constexpr std::string_view kSelect = "SELECT";
  if (sql.size() - start < kSelect.size()) return true;
  for (size_t i = 0; i < kSelect.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(sql[start + i])) != kSelect[i]) return true;
  }
  // "SELECTED" is not SELECT: the keyword must end there.
  size_t end = start + kSelect.size();
  return end < sql.size() &&
         (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_');
}

class FaultyStatement final : public Statement {
 public:
  FaultyStatement(FaultyStore& store, Statement& inner, bool is_write)
      : store_(&store), inner_(&inner), is_write_(is_write) {}

  void BindInt(int index, int64_t value) override { inner_->BindInt(index, value); }
  void BindText(int index, std::string_view value) override { inner_->BindText(index, value); }
  void BindTextUncopied(int index, std::string_view value) override {
    inner_->BindTextUncopied(index, value);
  }
  void BindNull(int index) override { inner_->BindNull(index); }

  Result<bool> Step() override {
    // One execution is one write, however many rows it returns (INSERT … RETURNING): count
    // at the first Step, not at each row.
    if (is_write_ && !running_) {
      if (Status status = store_->CountWrite(); !status.ok()) return status;
    }
    Result<bool> row = inner_->Step();
    running_ = row.ok() && *row;
    return row;
  }

  bool IsNull(int column) const override { return inner_->IsNull(column); }
  int64_t Int(int column) const override { return inner_->Int(column); }
  std::string Text(int column) const override { return inner_->Text(column); }
  std::string_view TextView(int column) const override { return inner_->TextView(column); }
  int ColumnCount() const override { return inner_->ColumnCount(); }
  bool IsInt(int column) const override { return inner_->IsInt(column); }

  void Reset() override {
    inner_->Reset();
    running_ = false;
  }

 private:
  FaultyStore* store_;
  Statement* inner_;
  bool is_write_;
  bool running_ = false;
};

}  // namespace

Result<Statement*> FaultyStore::Prepare(std::string_view sql) {
  Result<Statement*> inner = inner_->Prepare(sql);
  if (!inner.ok()) return inner.status();
  std::string key(sql);
  auto found = wrappers_.find(key);
  if (found == wrappers_.end()) {
    auto wrapper = std::make_unique<FaultyStatement>(*this, **inner, IsWrite(sql));
    found = wrappers_.emplace(std::move(key), std::move(wrapper)).first;
  }
  found->second->Reset();
  return found->second.get();
}

Status FaultyStore::Execute(std::string_view sql) {
  if (Status status = CountWrite(); !status.ok()) return status;
  return inner_->Execute(sql);
}

Status FaultyStore::Commit() {
  if (Status status = CountWrite(); !status.ok()) {
    // A commit that fails leaves nothing behind; the rollback's own result adds nothing.
    Status ignored = inner_->Rollback();
    static_cast<void>(ignored);
    return status;
  }
  return inner_->Commit();
}

Status FaultyStore::CountWrite() {
  ++writes_;
  if (fail_at_ <= 0 || writes_ != fail_at_) return Status::Ok();
  failed_ = true;
  return Status(ErrorCode::kIo, "injected failure at write " + std::to_string(writes_));
}

}  // namespace minsheng::store
