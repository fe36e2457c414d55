// Blocking: which pairs of records are compared at all (docs/dedup.md, "Blocking"). A rule
// names fields that must be equal, e.g. `birth_date+county`; records that agree on all of
// a rule's fields (and have them all) form a block, and every pair within a block is a
// candidate. A pair that an earlier rule already found is not found again, so each
// candidate is compared once. Blocks larger than a limit are skipped and counted: a
// thousand records of one key are a key that does not tell people apart.
//
// Keys: id (the upgraded 18 characters), id_head (its characters 1–10: region and birth
// year), id_tail (11–17: birth month and day, sequence — one typo in an ID leaves its head
// or its tail whole), birth_date, birth_year, county, sex,
// name (simplified), pinyin. Thread-compatible; ForEachPair may run on several threads at
// once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dedup/record.h"

namespace minsheng::dedup {

enum class BlockKey : uint8_t { kId, kIdHead, kIdTail, kBirthDate, kBirthYear, kCounty, kSex, kName, kPinyin };

struct BlockingRule {
  std::vector<BlockKey> keys;
  std::string text;  // as written: "birth_date+county"
};

// "birth_date+county" → the rule; errors name the unknown key and list the known ones.
Result<BlockingRule> ParseBlockingRule(std::string_view text);
// id; birth_date+county; pinyin+birth_year; pinyin+id_head; pinyin+id_tail.
std::vector<BlockingRule> DefaultBlockingRules();

// The comparison fields every pair of the rule agrees on exactly (bit f for Field f): id →
// resident_id, birth_date, county, sex, name. birth_year and pinyin leave their fields
// free (a birth date of the same year, a homophone, still differ).
uint8_t AgreedFields(const BlockingRule& rule);

inline constexpr uint32_t kDefaultMaxBlock = 1000;

struct RuleCounts {
  std::string rule;
  int64_t records_keyed = 0;  // records that have every key of the rule
  int64_t blocks = 0;         // blocks of two records or more
  int64_t largest_block = 0;
  int64_t pairs = 0;          // candidates this rule found first
  int64_t blocks_skipped = 0, records_skipped = 0;  // blocks over the limit
};

class Blocking {
 public:
  // Keys every record by every rule and sorts them into blocks.
  Blocking(const std::vector<Record>& records, std::vector<BlockingRule> rules, uint32_t max_block,
           int threads);

  // A share of the work: blocks [begin, end) of the flat list of every rule's blocks.
  size_t block_count() const { return blocks_.size(); }
  // Splits the blocks into `parts` runs of about equal numbers of pairs.
  std::vector<size_t> Split(size_t parts) const;

  // Calls visit(a, b) with a < b for each candidate in blocks [begin, end).
  template <typename Visit>
  void ForEachPair(size_t begin, size_t end, Visit&& visit) const {
    for (size_t block = begin; block < end; ++block) {
      const Block& b = blocks_[block];
      const uint32_t* members = order_[b.rule].data() + b.start;
      for (uint32_t i = 0; i < b.size; ++i) {
        for (uint32_t j = i + 1; j < b.size; ++j) {
          uint32_t first = members[i], second = members[j];
          if (first > second) std::swap(first, second);
          if (FoundEarlier(b.rule, first, second)) continue;
          visit(first, second);
        }
      }
    }
  }

  uint32_t rule_of(size_t block) const { return blocks_[block].rule; }

  // Per rule; `pairs` as the caller counted them in a pass of ForEachPair (SetPairs).
  const std::vector<RuleCounts>& counts() const { return counts_; }
  void SetPairs(const std::vector<int64_t>& pairs_per_rule);

  size_t rule_count() const { return rules_.size(); }
  // The keys, [rule][record] (0: none), handed over once the pairs have been visited.
  std::vector<std::vector<uint64_t>> TakeKeys() { return std::move(keys_); }
  const std::vector<BlockingRule>& rules() const { return rules_; }

 private:
  struct Block {
    uint32_t rule;
    uint32_t start;  // into order_[rule]
    uint32_t size;
  };
  bool FoundEarlier(uint32_t rule, uint32_t a, uint32_t b) const {
    for (uint32_t earlier = 0; earlier < rule; ++earlier) {
      const uint64_t key = keys_[earlier][a];
      if (key != 0 && key == keys_[earlier][b]) return true;
    }
    return false;
  }

  std::vector<BlockingRule> rules_;
  std::vector<std::vector<uint64_t>> keys_;    // [rule][record]; 0: not keyed
  std::vector<std::vector<uint32_t>> order_;   // [rule]: records sorted by key
  std::vector<Block> blocks_;
  std::vector<RuleCounts> counts_;
};

}  // namespace minsheng::dedup
