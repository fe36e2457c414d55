// Tests for CommitHasher: the hashes it gives, on a second thread or not, are those the
// journal's functions give one by one, and a row waited for has its hash.
#include "ledger/commit_hasher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minsheng::ledger {
namespace {

// `count` transfer rows from position 1, in batches of `per_batch` (the last may be short).
std::vector<JournalRow> Rows(size_t count, size_t per_batch) {
  std::vector<JournalRow> rows(count);
  for (size_t i = 0; i < count; ++i) {
    JournalRow& row = rows[i];
    row.position = static_cast<int64_t>(i) + 1;
    row.batch = static_cast<int64_t>(i / per_batch) + 1;
    row.kind = "transfer";
    row.timestamp = 1'000 + static_cast<int64_t>(i);
    row.id = "t" + std::to_string(i);
    row.debit_account = "fund/" + std::to_string(i % 7);
    row.credit_account = "payable/" + std::to_string(i % 11);
    row.amount = static_cast<int64_t>(i) + 1;
    row.unit = "CNY";
    row.transfer_kind = "plain";
    row.value_date = "2013-01-01";
  }
  return rows;
}

std::vector<BatchRow> BatchesOf(const std::vector<JournalRow>& rows) {
  std::vector<BatchRow> batches;
  for (const JournalRow& row : rows) {
    if (batches.empty() || batches.back().seq != row.batch) {
      batches.push_back({row.batch, row.position, 0, 0, "", ""});
    }
    ++batches.back().entry_count;
    batches.back().committed_at = row.timestamp;
  }
  return batches;
}

// The hashes computed one after another, as the audit computes them.
void ExpectSameAsOneByOne(const std::vector<JournalRow>& rows,
                          const std::vector<BatchRow>& batches, const std::string& head) {
  std::string previous = head;
  size_t first = 0;
  for (const BatchRow& batch : batches) {
    std::vector<std::string> hashes;
    for (size_t i = 0; i < static_cast<size_t>(batch.entry_count); ++i) {
      const JournalRow& row = rows[first + i];
      EXPECT_EQ(row.row_hash, RowHash(row)) << "position " << row.position;
      hashes.push_back(RowHash(row));
    }
    EXPECT_EQ(batch.previous_hash, previous) << "batch " << batch.seq;
    BatchRow expected = batch;
    expected.hash.clear();
    EXPECT_EQ(batch.hash, BatchHash(expected, hashes)) << "batch " << batch.seq;
    previous = batch.hash;
    first += static_cast<size_t>(batch.entry_count);
  }
}

TEST(CommitHasherTest, ManyRowsOnASecondThreadHashAsOneByOne) {
  std::vector<JournalRow> rows = Rows(3 * CommitHasher::kThreadedRows + 17, 700);
  std::vector<BatchRow> batches = BatchesOf(rows);
  ASSERT_EQ(batches.size(), 3u);
  const std::string head(64, 'a');
  CommitHasher hasher(rows, batches, head);
  for (size_t i = 0; i < rows.size(); ++i) {
    hasher.WaitForRow(i);
    ASSERT_EQ(rows[i].row_hash.size(), 64u) << "row " << i << " waited for has no hash";
  }
  hasher.WaitForAll();
  ExpectSameAsOneByOne(rows, batches, head);
}

TEST(CommitHasherTest, FewRowsHashAtOnce) {
  std::vector<JournalRow> rows = Rows(5, 2);
  std::vector<BatchRow> batches = BatchesOf(rows);
  CommitHasher hasher(rows, batches, kGenesisHash);
  // Hashed on this thread before the constructor returned: nothing to wait for.
  for (const JournalRow& row : rows) EXPECT_EQ(row.row_hash.size(), 64u);
  hasher.WaitForAll();
  ExpectSameAsOneByOne(rows, batches, kGenesisHash);
}

// A commit that fails before reading a single hash still ends with the thread done.
TEST(CommitHasherTest, DestroyedUnwaitedLeavesNoThread) {
  std::vector<JournalRow> rows = Rows(4 * CommitHasher::kThreadedRows, 1'000);
  std::vector<BatchRow> batches = BatchesOf(rows);
  { CommitHasher hasher(rows, batches, kGenesisHash); }
  ExpectSameAsOneByOne(rows, batches, kGenesisHash);
}

}  // namespace
}  // namespace minsheng::ledger
