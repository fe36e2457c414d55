// The pieces of population CSV loading (csv_support.h) that are not about the files'
// layout: the pack's schema, typed field values, the id index and household order.
#include "engine/csv_support.h"

#include <algorithm>
#include <array>
#include <climits>
#include <unordered_map>
#include <utility>

#include "engine/csv.h"
#include "policy/check.h"

namespace minsheng::engine::csv_internal {
namespace {

int RoleIndex(const policy::Entity& entity, std::string_view role) {
  for (size_t index = 0; index < entity.roles.size(); ++index) {
    if (entity.roles[index] == role) return static_cast<int>(index);
  }
  return -1;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// 1 to 15 ASCII digits without a leading zero (other than "0" itself): small enough that
// neither the value nor the value in fen can overflow.
std::optional<int64_t> ParsePlainDigits(std::string_view text) {
  if (text.empty() || text.size() > 15 || (text[0] == '0' && text.size() > 1)) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "140", "140.5", "140.50" in fen.
std::optional<int64_t> ParsePlainMoney(std::string_view text) {
  const size_t point = text.find('.');
  std::optional<int64_t> yuan = ParsePlainDigits(text.substr(0, point));
  if (!yuan) return std::nullopt;
  if (point == std::string_view::npos) return *yuan * 100;
  const std::string_view fraction = text.substr(point + 1);
  if (fraction.empty() || fraction.size() > 2 || !IsDigit(fraction[0])) return std::nullopt;
  int64_t fen = (fraction[0] - '0') * 10;
  if (fraction.size() == 2) {
    if (!IsDigit(fraction[1])) return std::nullopt;
    fen += fraction[1] - '0';
  }
  return *yuan * 100 + fen;
}

// At most this many bytes of a field are quoted back in a message.
constexpr size_t kQuotedTextBytesMax = 64;

std::string QuoteText(std::string_view text) {
  if (text.size() <= kQuotedTextBytesMax) return "'" + std::string(text) + "'";
  size_t cut = kQuotedTextBytesMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return "'" + std::string(text.substr(0, cut)) + "…'";
}

// An LSD radix sort, a byte at a time: eight passes that each read and write the values
// in sequence, with the counts of all eight passes taken in one read.
void RadixSort(std::vector<uint64_t>& values) {
  constexpr int kPasses = 8;
  std::vector<std::array<size_t, 256>> counts(kPasses, std::array<size_t, 256>{});
  for (uint64_t value : values) {
    for (int pass = 0; pass < kPasses; ++pass) ++counts[pass][(value >> (8 * pass)) & 0xFF];
  }
  std::vector<uint64_t> buffer(values.size());
  for (int pass = 0; pass < kPasses; ++pass) {
    std::array<size_t, 256>& offsets = counts[pass];
    if (std::find(offsets.begin(), offsets.end(), values.size()) != offsets.end()) continue;
    size_t offset = 0;
    for (size_t& count : offsets) offset += std::exchange(count, offset);
    for (uint64_t value : values) buffer[offsets[(value >> (8 * pass)) & 0xFF]++] = value;
    values.swap(buffer);
  }
}

}  // namespace

Result<Schema> MakeSchema(const policy::Pack& pack) {
  Schema schema;
  schema.pack = &pack;
  for (const policy::Entity& entity : pack.entities) {
    if (schema.member == nullptr && !entity.group.empty()) schema.member = &entity;
  }
  if (schema.member == nullptr) {
    return InvalidArgument("the pack has no member entity (an entity with a group) to load");
  }
  for (const policy::Entity& entity : pack.entities) {
    if (entity.name == schema.member->group) schema.group = &entity;
  }
  if (schema.group == nullptr) {
    return InvalidArgument("entity '" + schema.member->name + "' belongs to '" +
                           schema.member->group + "', which the pack does not define");
  }
  // member_role holds a role as one byte.
  if (schema.member->roles.size() > UINT8_MAX) {
    return InvalidArgument("entity '" + schema.member->name + "' has more than 255 roles");
  }
  schema.group_id_column = schema.group->name + "_id";
  schema.head_role = RoleIndex(*schema.member, kHeadRole);
  schema.other_role = RoleIndex(*schema.member, kOtherRole);
  for (const policy::Variable& variable : pack.variables) {
    if (!variable.is_input) continue;
    if (variable.entity == schema.member->name) schema.member_inputs.push_back(&variable);
    if (variable.entity == schema.group->name) schema.group_inputs.push_back(&variable);
  }
  return schema;
}

std::optional<int64_t> ParsePlainValue(std::string_view text, const policy::Variable& variable) {
  switch (variable.type) {
    case policy::Type::kNumber: return ParsePlainDigits(text);
    case policy::Type::kMoney: return ParsePlainMoney(text);
    case policy::Type::kBool:
      if (text == "true" || text == "1") return 1;
      if (text == "false" || text == "0") return 0;
      return std::nullopt;
    case policy::Type::kEnum: {
      if (variable.enum_type == nullptr) return std::nullopt;
      const int index = variable.enum_type->IndexOf(text);
      if (index < 0) return std::nullopt;
      return index;
    }
    case policy::Type::kRate:
    case policy::Type::kDate: return std::nullopt;
  }
  return std::nullopt;
}

Result<int64_t> ParseField(const CsvReader& reader, int column, const policy::Variable& variable) {
  const std::string_view text = reader.fields()[column];
  if (std::optional<int64_t> plain = ParsePlainValue(text, variable)) return *plain;
  Result<policy::Value> value = policy::ParseValue(text, variable.type, variable.enum_type.get());
  if (value.ok()) return value->raw;
  // ParseValue's messages quote the text and say what was expected.
  return reader.Error(column, value.status().message(), value.status().code());
}

std::string FormatValue(int64_t raw, const policy::Variable& variable) {
  policy::Value value;
  value.type = variable.type;
  value.raw = raw;
  value.enum_type = variable.enum_type.get();
  return value.ToPlainString();
}

void IndexedIds::Reserve(size_t rows) {
  size_t slot_count = 16;
  while (slot_count < rows * 2) slot_count *= 2;
  if (slot_count > slots_.size()) Rehash(slot_count);
}

IndexedIds::Found IndexedIds::FindOrAdd(std::string_view id) {
  // At most half the slots are used, so probe runs stay short.
  if ((ids_.size() + 1) * 2 > slots_.size()) Rehash(std::max<size_t>(16, slots_.size() * 2));
  const uint64_t hash = Hash(id);
  const size_t slot = Probe(id, hash);
  if (slots_[slot] != 0) return {static_cast<uint32_t>((slots_[slot] & UINT32_MAX) - 1), false};
  const uint32_t row = static_cast<uint32_t>(ids_.size());
  ids_.Append(id);
  slots_[slot] = (hash >> 32 << 32) | (uint64_t{row} + 1);
  return {row, true};
}

int64_t IndexedIds::Find(std::string_view id, uint64_t hash) const {
  if (slots_.empty()) return -1;
  const size_t slot = Probe(id, hash);
  if (slots_[slot] == 0) return -1;
  return static_cast<int64_t>(slots_[slot] & UINT32_MAX) - 1;
}

void IndexedIds::Prefetch(uint64_t hash) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
}

// The slot holding id, or the empty slot where it would go.
size_t IndexedIds::Probe(std::string_view id, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = hash >> 32;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t entry = slots_[slot];
    if (entry == 0) return slot;
    if ((entry >> 32) == tag && ids_[(entry & UINT32_MAX) - 1] == id) return slot;
  }
}

void IndexedIds::Rehash(size_t slot_count) {
  slots_.assign(slot_count, 0);
  const size_t mask = slot_count - 1;
  for (size_t row = 0; row < ids_.size(); ++row) {
    const uint64_t hash = Hash(ids_[row]);
    size_t slot = hash & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = (hash >> 32 << 32) | (uint64_t{row} + 1);
  }
}

std::vector<uint32_t> HouseholdOrder(const std::vector<uint32_t>& member_group,
                                     const std::vector<uint32_t>& member_begin) {
  if (std::is_sorted(member_group.begin(), member_group.end())) return {};
  // A counting sort: each row goes to the next free place of its household.
  std::vector<uint32_t> next_place(member_begin.begin(), member_begin.end() - 1);
  std::vector<uint32_t> order(member_group.size());
  for (size_t row = 0; row < member_group.size(); ++row) {
    order[next_place[member_group[row]]++] = static_cast<uint32_t>(row);
  }
  return order;
}

IdColumn PermuteIds(IdColumn ids, const std::vector<uint32_t>& order) {
  if (order.empty()) return ids;
  size_t bytes = 0;
  for (size_t row = 0; row < ids.size(); ++row) bytes += ids[row].size();
  IdColumn sorted;
  sorted.Reserve(order.size(), bytes);
  for (uint32_t row : order) sorted.Append(ids[row]);
  return sorted;
}

std::optional<RepeatedId> FindFirstRepeatedId(const IdColumn& ids,
                                              const std::vector<uint64_t>& hashes) {
  std::vector<uint64_t> sorted = hashes;
  RadixSort(sorted);
  std::vector<uint64_t> repeated_hashes;  // sorted, without repeats
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i] != sorted[i - 1]) continue;
    if (repeated_hashes.empty() || repeated_hashes.back() != sorted[i]) {
      repeated_hashes.push_back(sorted[i]);
    }
  }
  if (repeated_hashes.empty()) return std::nullopt;
  // Distinct ids may share a hash, so the rows with a repeated hash compare their ids.
  std::unordered_map<std::string_view, uint32_t> first_rows;
  for (uint32_t row = 0; row < hashes.size(); ++row) {
    if (!std::binary_search(repeated_hashes.begin(), repeated_hashes.end(), hashes[row])) {
      continue;
    }
    const auto [found, added] = first_rows.try_emplace(ids[row], row);
    if (!added) return RepeatedId{found->second, row};
  }
  return std::nullopt;
}

uint32_t SavedLine(int64_t line) {
  return line > int64_t{UINT32_MAX} ? UINT32_MAX : static_cast<uint32_t>(line);
}

Status WrongFieldCount(const CsvReader& reader, size_t expected) {
  return reader.Error(-1, reader.FieldCountMessage(expected));
}

std::string UnknownRoleMessage(std::string_view role, const std::vector<std::string>& roles) {
  std::string message = "unknown role " + QuoteText(role);
  const std::string closest = policy::ClosestName(role, roles);
  if (!closest.empty()) message += "; did you mean '" + closest + "'?";
  message += " (roles:";
  for (size_t index = 0; index < roles.size(); ++index) {
    message += (index == 0 ? " " : ", ") + roles[index];
  }
  return message + ")";
}

Status FileTooLarge(uint64_t size) {
  return InvalidArgument("the file is " + std::to_string(size) +
                         " bytes; population files must be smaller than " +
                         std::to_string(kCsvMaxFileBytes >> 30) + " GiB");
}

}  // namespace minsheng::engine::csv_internal
