#include "ledger/journal.h"

#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <string_view>

#include "store/chunked_insert.h"
#include "ledger/schema.h"

namespace minsheng::ledger {

namespace {

// Canonical encoding: every field tagged and length-prefixed, so that no two different
// rows encode alike ("ab"+"c" and "a"+"bc" differ) and a field cannot be moved unseen.
// The decimal digits of `value`, as std::to_string writes them, without a string.
void AppendDecimal(std::string& out, int64_t value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

void AppendText(std::string& out, char tag, std::string_view text) {
  out += tag;
  AppendDecimal(out, static_cast<int64_t>(text.size()));
  out += ':';
  out += text;
}

void AppendInt(std::string& out, char tag, int64_t value) {
  out += tag;
  AppendDecimal(out, value);
  out += ';';
}

// Rows are bound without copying their text: they outlive the insert (InsertRows).
void BindTextOrNull(store::Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.BindNull(index);
  } else {
    statement.BindTextUncopied(index, text);
  }
}

std::string TextOrEmpty(const store::Statement& statement, int column) {
  return statement.IsNull(column) ? std::string() : statement.Text(column);
}

int64_t IntOrZero(const store::Statement& statement, int column) {
  return statement.IsNull(column) ? 0 : statement.Int(column);
}

}  // namespace

namespace {

// OpenSSL 3 looks the algorithm up and allocates a context on every EVP_Digest call,
// which costs ten times the hashing of a journal row; one fetched algorithm and one
// context per thread are reused instead.
class Sha256 {
 public:
  Sha256() : algorithm_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), context_(EVP_MD_CTX_new()) {}
  ~Sha256() {
    EVP_MD_CTX_free(context_);
    EVP_MD_free(algorithm_);
  }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // False only when OpenSSL fails (out of memory, no SHA-256 provider).
  bool Digest(const std::string& bytes, unsigned char* digest, unsigned int& length) {
    return algorithm_ != nullptr && context_ != nullptr &&
           EVP_DigestInit_ex2(context_, algorithm_, nullptr) == 1 &&
           EVP_DigestUpdate(context_, bytes.data(), bytes.size()) == 1 &&
           EVP_DigestFinal_ex(context_, digest, &length) == 1;
  }

 private:
  EVP_MD* algorithm_;
  EVP_MD_CTX* context_;
};

}  // namespace

std::string Sha256Hex(const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  thread_local Sha256 sha256;
  if (!sha256.Digest(bytes, digest.data(), length)) {
    // The one-call form as a fallback: a hash is never silently left empty.
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

void ApplyToBalances(std::string_view kind, std::string_view transfer_kind, int64_t amount,
                     int64_t released, Balance& debit, Balance& credit) {
  if (kind == kEntryExpire) {
    debit.debits_pending -= released;
    credit.credits_pending -= released;
    return;
  }
  if (kind != kEntryTransfer) return;
  if (transfer_kind == "plain") {
    debit.debits_posted += amount;
    credit.credits_posted += amount;
  } else if (transfer_kind == "pending") {
    debit.debits_pending += amount;
    credit.credits_pending += amount;
  } else {
    debit.debits_pending -= released;
    credit.credits_pending -= released;
    if (transfer_kind == "post_pending") {
      debit.debits_posted += amount;
      credit.credits_posted += amount;
    }
  }
}

std::string RowHash(const JournalRow& row) {
  // One buffer per thread, reused: a commit hashes thousands of rows.
  thread_local std::string encoded;
  encoded.assign("minsheng-ledger-row-v1\n");
  AppendInt(encoded, 'p', row.position);
  AppendInt(encoded, 'b', row.batch);
  AppendText(encoded, 'k', row.kind);
  AppendInt(encoded, 't', row.timestamp);
  AppendText(encoded, 'i', row.id);
  AppendText(encoded, 'd', row.debit_account);
  AppendText(encoded, 'c', row.credit_account);
  AppendInt(encoded, 'a', row.amount);
  AppendText(encoded, 'u', row.unit);
  AppendText(encoded, 'P', row.purpose);
  AppendText(encoded, 'r', row.reference);
  AppendText(encoded, 'm', row.memo);
  AppendText(encoded, 'K', row.transfer_kind);
  AppendInt(encoded, 'l', row.linked);
  AppendText(encoded, 'q', row.pending_id);
  AppendInt(encoded, 'o', row.timeout_seconds);
  AppendText(encoded, 'R', row.reversal_of);
  AppendText(encoded, 'v', row.value_date);
  AppendText(encoded, 'x', row.result);
  AppendText(encoded, 'D', row.detail);
  return Sha256Hex(encoded);
}

namespace {

// The batch's encoding, with each row hash given by hash_of(i) for i < count.
template <typename HashOf>
std::string BatchHashOf(const BatchRow& batch, size_t count, HashOf hash_of) {
  std::string encoded = "minsheng-ledger-batch-v1\n";
  encoded.reserve(encoded.size() + 128 + count * 68);
  AppendText(encoded, 'h', batch.previous_hash);
  AppendInt(encoded, 's', batch.seq);
  AppendInt(encoded, 'f', batch.first_position);
  AppendInt(encoded, 'n', batch.entry_count);
  AppendInt(encoded, 't', batch.committed_at);
  for (size_t i = 0; i < count; ++i) AppendText(encoded, 'e', hash_of(i));
  return Sha256Hex(encoded);
}

}  // namespace

std::string BatchHash(const BatchRow& batch, const std::vector<std::string>& row_hashes) {
  return BatchHashOf(batch, row_hashes.size(), [&](size_t i) -> const std::string& {
    return row_hashes[i];
  });
}

std::string BatchHash(const BatchRow& batch, std::span<const JournalRow> rows) {
  return BatchHashOf(batch, rows.size(),
                     [&](size_t i) -> const std::string& { return rows[i].row_hash; });
}

const char* const kJournalColumns =
    "position, batch, kind, timestamp, id, debit_account, credit_account, amount, unit, "
    "purpose, reference, memo, transfer_kind, linked, pending_id, timeout_seconds, "
    "reversal_of, value_date, result, detail, row_hash";

namespace {

constexpr int kJournalFields = 21;

// The journal's INSERTs for chunks of rows (chunked_insert.h).
const store::ChunkStatements& InsertSqls() {
  static const store::ChunkStatements sqls = [] {
    std::string values = "(?";
    for (int f = 1; f < kJournalFields; ++f) values += ", ?";
    return store::ChunkSqls(
        "INSERT INTO ledger_journal (position, batch, kind, timestamp, id, debit_account, "
        "credit_account, amount, unit, purpose, reference, memo, transfer_kind, linked, "
        "pending_id, timeout_seconds, reversal_of, value_date, result, detail, row_hash) VALUES ",
        values + ")");
  }();
  return sqls;
}

// Binds one row's fields from placeholder `first` on.
void BindRow(store::Statement& s, int first, const JournalRow& row) {
  s.BindInt(first, row.position);
  s.BindInt(first + 1, row.batch);
  s.BindTextUncopied(first + 2, row.kind);
  s.BindInt(first + 3, row.timestamp);
  s.BindTextUncopied(first + 4, row.id);
  BindTextOrNull(s, first + 5, row.debit_account);
  BindTextOrNull(s, first + 6, row.credit_account);
  s.BindInt(first + 7, row.amount);
  BindTextOrNull(s, first + 8, row.unit);
  BindTextOrNull(s, first + 9, row.purpose);
  BindTextOrNull(s, first + 10, row.reference);
  BindTextOrNull(s, first + 11, row.memo);
  BindTextOrNull(s, first + 12, row.transfer_kind);
  s.BindInt(first + 13, row.linked);
  BindTextOrNull(s, first + 14, row.pending_id);
  s.BindInt(first + 15, row.timeout_seconds);
  BindTextOrNull(s, first + 16, row.reversal_of);
  BindTextOrNull(s, first + 17, row.value_date);
  BindTextOrNull(s, first + 18, row.result);
  BindTextOrNull(s, first + 19, row.detail);
  s.BindTextUncopied(first + 20, row.row_hash);
}

}  // namespace

Status InsertRows(store::Store& store, const std::vector<JournalRow>& rows,
                  const std::function<void(size_t)>& before_binding) {
  return store::WriteInChunks(store, rows.size(), kJournalFields, InsertSqls(),
                       [&](store::Statement& statement, int first, size_t row) {
                         if (before_binding) before_binding(row);
                         BindRow(statement, first, rows[row]);
                       });
}

Status InsertBatch(store::Store& store, const BatchRow& batch) {
  auto statement = store.Prepare(
      "INSERT INTO ledger_batches (seq, first_position, entry_count, committed_at, "
      "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)");
  if (!statement.ok()) return statement.status();
  store::Statement& s = **statement;
  s.BindInt(1, batch.seq);
  s.BindInt(2, batch.first_position);
  s.BindInt(3, batch.entry_count);
  s.BindInt(4, batch.committed_at);
  s.BindText(5, batch.previous_hash);
  s.BindText(6, batch.hash);
  auto done = s.Step();
  return done.ok() ? Status::Ok() : done.status();
}

JournalRow ReadRow(const store::Statement& s) {
  JournalRow row;
  row.position = IntOrZero(s, 0);
  row.batch = IntOrZero(s, 1);
  row.kind = TextOrEmpty(s, 2);
  row.timestamp = IntOrZero(s, 3);
  row.id = TextOrEmpty(s, 4);
  row.debit_account = TextOrEmpty(s, 5);
  row.credit_account = TextOrEmpty(s, 6);
  row.amount = IntOrZero(s, 7);
  row.unit = TextOrEmpty(s, 8);
  row.purpose = TextOrEmpty(s, 9);
  row.reference = TextOrEmpty(s, 10);
  row.memo = TextOrEmpty(s, 11);
  row.transfer_kind = TextOrEmpty(s, 12);
  row.linked = IntOrZero(s, 13);
  row.pending_id = TextOrEmpty(s, 14);
  row.timeout_seconds = IntOrZero(s, 15);
  row.reversal_of = TextOrEmpty(s, 16);
  row.value_date = TextOrEmpty(s, 17);
  row.result = TextOrEmpty(s, 18);
  row.detail = TextOrEmpty(s, 19);
  row.row_hash = TextOrEmpty(s, 20);
  return row;
}

}  // namespace minsheng::ledger
