#include "dedup/compare.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace minsheng::dedup {
namespace {

// Levels after missing (0), in the order of the header's table.
constexpr uint8_t kExact = 1;
constexpr uint8_t kIdTypo = 2, kIdDifferent = 3, kIdConflict = 4;
constexpr uint8_t kNameHomophone = 2, kNameOneCharacter = 3, kNameDifferent = 4;
constexpr uint8_t kBirthTypo = 2, kBirthDifferent = 3;
constexpr uint8_t kSame = 1, kDifferent = 2;

constexpr const char* kLevelNames[kFieldCount][kMaxLevels] = {
    {"missing", "exact", "one_typo", "different", "conflict"},
    {"missing", "exact", "homophone", "one_character", "different"},
    {"missing", "exact", "one_typo", "different", nullptr},
    {"missing", "same", "different", nullptr, nullptr},
    {"missing", "same", "different", nullptr, nullptr},
};

// True when a and b (same length) differ in one position, or in two adjacent positions
// whose characters are swapped.
bool OneTypoApart(std::string_view a, std::string_view b) {
  int first = -1;
  int differences = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (++differences > 2) return false;
    if (first < 0) first = static_cast<int>(i);
  }
  if (differences == 1) return true;
  if (differences != 2) return false;
  const auto i = static_cast<size_t>(first);
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i];
}

// Edit distance at most one (one character changed, added or dropped), over characters:
// after the longest common prefix and the longest common suffix not overlapping it, at
// most one character is left on each side. Names are UTF-8, so bytes equal up to a
// character's start are characters equal; no length limit, no decoding.
bool OneEditApart(std::string_view a, std::string_view b) {
  auto is_start = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  const size_t shorter = std::min(a.size(), b.size());
  size_t prefix = 0;
  while (prefix < shorter && a[prefix] == b[prefix]) ++prefix;
  while (prefix > 0 && ((prefix < a.size() && !is_start(a[prefix])) ||
                        (prefix < b.size() && !is_start(b[prefix])))) {
    --prefix;  // back to the start of the character that differs
  }
  size_t suffix = 0;
  while (suffix < shorter - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  while (suffix > 0 && !is_start(a[a.size() - suffix])) --suffix;  // whole characters only
  auto characters = [&](std::string_view text) {
    return std::count_if(text.begin() + static_cast<std::ptrdiff_t>(prefix),
                         text.end() - static_cast<std::ptrdiff_t>(suffix), is_start);
  };
  return characters(a) <= 1 && characters(b) <= 1;
}

// YYYYMMDD as 8 characters.
std::array<char, 8> DigitsOf(Date date) {
  std::array<char, 8> digits{};
  int value = date.year() * 10000 + date.month() * 100 + date.day();
  for (int i = 7; i >= 0; --i) {
    digits[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return digits;
}

}  // namespace

const char* FieldName(Field field) {
  static constexpr const char* kNames[kFieldCount] = {"resident_id", "name", "birth_date", "sex",
                                                      "county"};
  return kNames[field];
}

int LevelCount(Field field) {
  int count = 0;
  while (count < kMaxLevels && kLevelNames[field][count] != nullptr) ++count;
  return count;
}

const char* LevelName(Field field, uint8_t level) {
  return level < LevelCount(field) ? kLevelNames[field][level] : "?";
}

bool ValidPattern(Pattern pattern) {
  for (int f = 0; f < kFieldCount; ++f) {
    if (LevelOf(pattern, static_cast<Field>(f)) >= LevelCount(static_cast<Field>(f))) return false;
  }
  return pattern < kPatternCount;
}

bool IsDisagreement(Field field, uint8_t level) {
  const std::string_view name = LevelName(field, level);
  return name == "different" || name == "conflict";
}

uint8_t CompareIds(const NormalisedId& a, const NormalisedId& b) {
  if (!a.comparable() || !b.comparable()) return kLevelMissing;
  if (a.number == b.number) return kExact;
  if (OneTypoApart(a.text(), b.text())) return kIdTypo;
  const bool both_trusted = (a.state == IdState::kValid || a.state == IdState::kUpgraded) &&
                            (b.state == IdState::kValid || b.state == IdState::kUpgraded);
  return both_trusted ? kIdConflict : kIdDifferent;
}

uint8_t CompareNames(std::string_view a, std::string_view a_pinyin, std::string_view b,
                     std::string_view b_pinyin) {
  if (a.empty() || b.empty()) return kLevelMissing;
  if (a == b) return kExact;
  if (!a_pinyin.empty() && a_pinyin == b_pinyin) return kNameHomophone;
  return OneEditApart(a, b) ? kNameOneCharacter : kNameDifferent;
}

uint8_t CompareBirths(const Record& a, const Record& b) {
  if (!a.has_birth || !b.has_birth) return kLevelMissing;
  if (a.birth == b.birth) return kExact;
  if (a.birth.year() == b.birth.year() && a.birth.month() == b.birth.day() &&
      a.birth.day() == b.birth.month()) {
    return kBirthTypo;  // day and month swapped
  }
  const std::array<char, 8> x = DigitsOf(a.birth);
  const std::array<char, 8> y = DigitsOf(b.birth);
  return OneTypoApart({x.data(), x.size()}, {y.data(), y.size()}) ? kBirthTypo : kBirthDifferent;
}

Pattern Compare(const Record& a, const Record& b) {
  const uint8_t sex = a.sex == kSexUnknown || b.sex == kSexUnknown ? kLevelMissing
                      : a.sex == b.sex                             ? kSame
                                                                   : kDifferent;
  const uint8_t county = a.county == 0 || b.county == 0 ? kLevelMissing
                         : a.county == b.county         ? kSame
                                                        : kDifferent;
  return static_cast<Pattern>(CompareIds(a.id, b.id) |
                              CompareNames(a.name, a.pinyin, b.name, b.pinyin) << (kLevelBits * kFieldName) |
                              CompareBirths(a, b) << (kLevelBits * kFieldBirth) |
                              sex << (kLevelBits * kFieldSex) | county << (kLevelBits * kFieldCounty));
}

}  // namespace minsheng::dedup
