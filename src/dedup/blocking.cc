#include "dedup/blocking.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "dedup/compare.h"

namespace minsheng::dedup {
namespace {

struct KeyName {
  std::string_view name;
  BlockKey key;
};
constexpr KeyName kKeyNames[] = {
    {"id", BlockKey::kId},         {"id_head", BlockKey::kIdHead},
    {"id_tail", BlockKey::kIdTail}, {"birth_date", BlockKey::kBirthDate},
    {"birth_year", BlockKey::kBirthYear}, {"county", BlockKey::kCounty},
    {"sex", BlockKey::kSex},       {"name", BlockKey::kName},
    {"pinyin", BlockKey::kPinyin},
};

// FNV-1a over a key's parts, with splitmix's finalizer: well spread, and never 0 (0 is
// "no key").
struct KeyHash {
  uint64_t hash = 1469598103934665603ull;
  void Add(std::string_view bytes) {
    for (char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;  // a separator, so that ("ab", "c") and ("a", "bc") differ
    hash *= 1099511628211ull;
  }
  void Add(uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      hash ^= (value >> (8 * i)) & 0xff;
      hash *= 1099511628211ull;
    }
  }
  uint64_t Final() const {
    uint64_t z = hash + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return z == 0 ? 1 : z;
  }
};

// The record's key under the rule; 0 when it lacks one of the fields.
uint64_t KeyOf(const Record& record, const BlockingRule& rule) {
  KeyHash hash;
  for (BlockKey key : rule.keys) {
    switch (key) {
      case BlockKey::kId:
        if (!record.id.comparable()) return 0;
        hash.Add(record.id.text());
        break;
      case BlockKey::kIdHead:
        if (!record.id.comparable()) return 0;
        hash.Add(record.id.text().substr(0, 10));
        break;
      case BlockKey::kIdTail:
        if (!record.id.comparable()) return 0;
        hash.Add(record.id.text().substr(10, 7));
        break;
      case BlockKey::kBirthDate:
        if (!record.has_birth) return 0;
        hash.Add(static_cast<uint64_t>(record.birth.days_since_epoch()));
        break;
      case BlockKey::kBirthYear:
        if (!record.has_birth) return 0;
        hash.Add(static_cast<uint64_t>(record.birth.year()));
        break;
      case BlockKey::kCounty:
        if (record.county == 0) return 0;
        hash.Add(uint64_t{record.county});
        break;
      case BlockKey::kSex:
        if (record.sex == kSexUnknown) return 0;
        hash.Add(uint64_t{record.sex});
        break;
      case BlockKey::kName:
        if (record.name.empty()) return 0;
        hash.Add(record.name);
        break;
      case BlockKey::kPinyin:
        if (record.pinyin.empty()) return 0;
        hash.Add(record.pinyin);
        break;
    }
  }
  return hash.Final();
}

}  // namespace

Result<BlockingRule> ParseBlockingRule(std::string_view text) {
  BlockingRule rule;
  rule.text = std::string(text);
  size_t start = 0;
  while (start <= text.size()) {
    const size_t plus = std::min(text.find('+', start), text.size());
    const std::string_view part = text.substr(start, plus - start);
    bool known = false;
    for (const KeyName& name : kKeyNames) {
      if (name.name == part) {
        rule.keys.push_back(name.key);
        known = true;
      }
    }
    if (!known) {
      std::string names;
      for (const KeyName& name : kKeyNames) names += (names.empty() ? "" : ", ") + std::string(name.name);
      return InvalidArgument("blocking rule '" + std::string(text) + "': no key '" +
                             std::string(part) + "' (keys: " + names + ", joined by +)");
    }
    start = plus + 1;
  }
  return rule;
}

std::vector<BlockingRule> DefaultBlockingRules() {
  std::vector<BlockingRule> rules;
  for (std::string_view text :
       {"id", "birth_date+county", "pinyin+birth_year", "pinyin+id_head", "pinyin+id_tail"}) {
    rules.push_back(*ParseBlockingRule(text));
  }
  return rules;
}

uint8_t AgreedFields(const BlockingRule& rule) {
  uint8_t fields = 0;
  for (BlockKey key : rule.keys) {
    switch (key) {
      case BlockKey::kId: fields |= 1u << kFieldId; break;
      case BlockKey::kBirthDate: fields |= 1u << kFieldBirth; break;
      case BlockKey::kCounty: fields |= 1u << kFieldCounty; break;
      case BlockKey::kSex: fields |= 1u << kFieldSex; break;
      case BlockKey::kName: fields |= 1u << kFieldName; break;
      case BlockKey::kIdHead:
      case BlockKey::kIdTail:
      case BlockKey::kBirthYear:
      case BlockKey::kPinyin: break;
    }
  }
  return fields;
}

Blocking::Blocking(const std::vector<Record>& records, std::vector<BlockingRule> rules,
                   uint32_t max_block, int threads)
    : rules_(std::move(rules)) {
  const size_t rule_count = rules_.size();
  keys_.resize(rule_count);
  order_.resize(rule_count);
  counts_.resize(rule_count);
  // Each rule keyed and sorted on its own thread (up to `threads` at once).
  auto key_rule = [&](size_t rule) {
    std::vector<uint64_t>& keys = keys_[rule];
    keys.resize(records.size());
    std::vector<std::pair<uint64_t, uint32_t>> sorted;
    sorted.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      keys[i] = KeyOf(records[i], rules_[rule]);
      if (keys[i] != 0) sorted.emplace_back(keys[i], static_cast<uint32_t>(i));
    }
    std::sort(sorted.begin(), sorted.end());
    order_[rule].resize(sorted.size());
    for (size_t i = 0; i < sorted.size(); ++i) order_[rule][i] = sorted[i].second;
    counts_[rule].rule = rules_[rule].text;
    counts_[rule].records_keyed = static_cast<int64_t>(sorted.size());
  };
  const size_t workers = std::clamp<size_t>(static_cast<size_t>(threads), 1, rule_count == 0 ? 1 : rule_count);
  for (size_t first = 0; first < rule_count; first += workers) {
    std::vector<std::thread> pool;
    for (size_t rule = first + 1; rule < std::min(rule_count, first + workers); ++rule) {
      pool.emplace_back(key_rule, rule);
    }
    key_rule(first);
    for (std::thread& thread : pool) thread.join();
  }

  for (size_t rule = 0; rule < rule_count; ++rule) {
    const std::vector<uint32_t>& order = order_[rule];
    const std::vector<uint64_t>& keys = keys_[rule];
    RuleCounts& counts = counts_[rule];
    for (size_t start = 0; start < order.size();) {
      size_t end = start + 1;
      while (end < order.size() && keys[order[end]] == keys[order[start]]) ++end;
      const size_t size = end - start;
      if (size >= 2) {
        if (size > max_block) {
          ++counts.blocks_skipped;
          counts.records_skipped += static_cast<int64_t>(size);
        } else {
          ++counts.blocks;
          counts.largest_block = std::max(counts.largest_block, static_cast<int64_t>(size));
          blocks_.push_back({static_cast<uint32_t>(rule), static_cast<uint32_t>(start),
                             static_cast<uint32_t>(size)});
        }
      }
      start = end;
    }
  }
}

std::vector<size_t> Blocking::Split(size_t parts) const {
  int64_t total = 0;
  for (const Block& block : blocks_) total += int64_t{block.size} * (block.size - 1) / 2;
  std::vector<size_t> bounds = {0};
  int64_t so_far = 0;
  for (size_t block = 0; block < blocks_.size() && bounds.size() < parts; ++block) {
    so_far += int64_t{blocks_[block].size} * (blocks_[block].size - 1) / 2;
    if (so_far * static_cast<int64_t>(parts) >= total * static_cast<int64_t>(bounds.size())) {
      bounds.push_back(block + 1);
    }
  }
  while (bounds.size() < parts) bounds.push_back(blocks_.size());
  bounds.push_back(blocks_.size());
  return bounds;
}

void Blocking::SetPairs(const std::vector<int64_t>& pairs_per_rule) {
  for (size_t rule = 0; rule < counts_.size() && rule < pairs_per_rule.size(); ++rule) {
    counts_[rule].pairs = pairs_per_rule[rule];
  }
}

}  // namespace minsheng::dedup
