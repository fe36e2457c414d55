#include "ledger/journal.h"

#include <openssl/evp.h>

#include <array>

namespace minsheng::ledger {

namespace {

// Canonical encoding: every field tagged and length-prefixed, so that no two different
// rows encode alike ("ab"+"c" and "a"+"bc" differ) and a field cannot be moved unseen.
void AppendText(std::string& out, char tag, const std::string& text) {
  out += tag;
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

void AppendInt(std::string& out, char tag, int64_t value) {
  out += tag;
  out += std::to_string(value);
  out += ';';
}

void BindTextOrNull(store::Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.BindNull(index);
  } else {
    statement.BindText(index, text);
  }
}

std::string TextOrEmpty(const store::Statement& statement, int column) {
  return statement.IsNull(column) ? std::string() : statement.Text(column);
}

int64_t IntOrZero(const store::Statement& statement, int column) {
  return statement.IsNull(column) ? 0 : statement.Int(column);
}

}  // namespace

std::string Sha256Hex(const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::string RowHash(const JournalRow& row) {
  std::string encoded = "minsheng-ledger-row-v1\n";
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

std::string BatchHash(const BatchRow& batch, const std::vector<std::string>& row_hashes) {
  std::string encoded = "minsheng-ledger-batch-v1\n";
  AppendText(encoded, 'h', batch.previous_hash);
  AppendInt(encoded, 's', batch.seq);
  AppendInt(encoded, 'f', batch.first_position);
  AppendInt(encoded, 'n', batch.entry_count);
  AppendInt(encoded, 't', batch.committed_at);
  for (const std::string& hash : row_hashes) AppendText(encoded, 'e', hash);
  return Sha256Hex(encoded);
}

const char* const kJournalColumns =
    "position, batch, kind, timestamp, id, debit_account, credit_account, amount, unit, "
    "purpose, reference, memo, transfer_kind, linked, pending_id, timeout_seconds, "
    "reversal_of, value_date, result, detail, row_hash";

Status InsertRow(store::Store& store, const JournalRow& row) {
  auto statement = store.Prepare(
      "INSERT INTO ledger_journal (position, batch, kind, timestamp, id, debit_account, "
      "credit_account, amount, unit, purpose, reference, memo, transfer_kind, linked, "
      "pending_id, timeout_seconds, reversal_of, value_date, result, detail, row_hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!statement.ok()) return statement.status();
  store::Statement& s = **statement;
  s.BindInt(1, row.position);
  s.BindInt(2, row.batch);
  s.BindText(3, row.kind);
  s.BindInt(4, row.timestamp);
  s.BindText(5, row.id);
  BindTextOrNull(s, 6, row.debit_account);
  BindTextOrNull(s, 7, row.credit_account);
  s.BindInt(8, row.amount);
  BindTextOrNull(s, 9, row.unit);
  BindTextOrNull(s, 10, row.purpose);
  BindTextOrNull(s, 11, row.reference);
  BindTextOrNull(s, 12, row.memo);
  BindTextOrNull(s, 13, row.transfer_kind);
  s.BindInt(14, row.linked);
  BindTextOrNull(s, 15, row.pending_id);
  s.BindInt(16, row.timeout_seconds);
  BindTextOrNull(s, 17, row.reversal_of);
  BindTextOrNull(s, 18, row.value_date);
  BindTextOrNull(s, 19, row.result);
  BindTextOrNull(s, 20, row.detail);
  s.BindText(21, row.row_hash);
  auto done = s.Step();
  return done.ok() ? Status::Ok() : done.status();
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
