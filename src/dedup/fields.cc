#include "dedup/fields.h"

#include <string>

#include "core/resident_id.h"

namespace minsheng::dedup {
namespace {

// Longer than any way of writing an ID or a date: the rest is not one.
constexpr size_t kMaxFolded = 40;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// ASCII text with full-width digits and letters (U+FF10–U+FF5A) folded to ASCII, spaces
// (ASCII, ideographic U+3000, no-break U+00A0) and hyphens (ASCII, full-width) dropped
// when `drop_separators`. False when it does not fit or holds other non-ASCII text (which
// is kept for dates: 年, 月, 日).
bool Fold(std::string_view raw, bool drop_separators, std::string& out) {
  out.clear();
  for (size_t i = 0; i < raw.size();) {
    const auto byte = static_cast<unsigned char>(raw[i]);
    if (byte < 0x80) {
      const char c = raw[i++];
      if (drop_separators && (c == ' ' || c == '\t' || c == '-')) continue;
      out.push_back(c);
    } else if (byte == 0xEF && i + 2 < raw.size() &&
               (static_cast<unsigned char>(raw[i + 1]) == 0xBC ||
                static_cast<unsigned char>(raw[i + 1]) == 0xBD)) {
      // U+FF00–U+FF7F: EF BC 80–BF is U+FF00–U+FF3F, EF BD 80–BF is U+FF40–U+FF7F.
      const unsigned code = (static_cast<unsigned char>(raw[i + 1]) == 0xBC ? 0xFF00u : 0xFF40u) +
                            (static_cast<unsigned char>(raw[i + 2]) & 0x3Fu);
      i += 3;
      if (code == 0xFF0D && drop_separators) continue;  // full-width hyphen
      if (code < 0xFF01 || code > 0xFF5E) return false;
      out.push_back(static_cast<char>(code - 0xFF01 + 0x21));  // full-width → ASCII
    } else if (drop_separators && byte == 0xE3 && raw.substr(i, 3) == "\u3000") {
      i += 3;
    } else if (drop_separators && byte == 0xC2 && raw.substr(i, 2) == "\u00A0") {
      i += 2;
    } else {
      if (drop_separators) return false;
      out.push_back(raw[i++]);
    }
    if (out.size() > kMaxFolded) return false;
  }
  return true;
}

int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return !text.empty();
}

// The birth date and sex an 18-character number states, when its date is a date.
void ReadHolder(NormalisedId& id) {
  const std::string_view number = id.text();
  auto birth = Date::FromYmd(DigitsValue(number.substr(6, 4)), DigitsValue(number.substr(10, 2)),
                             DigitsValue(number.substr(12, 2)));
  if (birth.ok()) {
    id.has_birth = true;
    id.birth = *birth;
  }
  id.has_sex = true;
  id.male = (number[16] - '0') % 2 == 1;
}

}  // namespace

const char* IdStateName(IdState state) {
  switch (state) {
    case IdState::kMissing: return "missing";
    case IdState::kValid: return "valid";
    case IdState::kUpgraded: return "upgraded";
    case IdState::kSuspect: return "suspect";
    case IdState::kMalformed: return "malformed";
  }
  return "?";
}

NormalisedId NormaliseId(std::string_view raw, Date today) {
  NormalisedId id;
  std::string folded;
  if (!Fold(raw, /*drop_separators=*/true, folded)) {
    id.state = IdState::kMalformed;
    return id;
  }
  if (folded.empty()) return id;
  if (folded.size() == 18 && folded[17] == 'x') folded[17] = 'X';

  if (folded.size() == 15 && AllDigits(folded)) {
    auto upgraded = UpgradeFifteenDigit(folded, today);
    if (upgraded.ok()) {
      id.state = IdState::kUpgraded;
      std::copy(upgraded->begin(), upgraded->end(), id.number.begin());
    } else {
      // An old number with a typo: upgraded all the same, so that it can be compared.
      const std::string first = folded.substr(0, 6) + "19" + folded.substr(6);
      id.state = IdState::kSuspect;
      std::copy(first.begin(), first.end(), id.number.begin());
      id.number[17] = ResidentIdCheckCharacter(first);
    }
    ReadHolder(id);
    return id;
  }
  const bool shaped = folded.size() == 18 && AllDigits(std::string_view(folded).substr(0, 17)) &&
                      (IsDigit(folded[17]) || folded[17] == 'X');
  if (!shaped) {
    id.state = IdState::kMalformed;
    return id;
  }
  std::copy(folded.begin(), folded.end(), id.number.begin());
  id.state = ResidentId::Parse(folded, today).ok() ? IdState::kValid : IdState::kSuspect;
  ReadHolder(id);
  return id;
}

TypedDate ParseTypedDate(std::string_view raw) {
  TypedDate result;
  std::string text;
  if (!Fold(raw, /*drop_separators=*/false, text)) return result;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) ++start;
  const std::string_view trimmed = std::string_view(text).substr(start);
  if (trimmed.empty()) return result;

  int parts[3] = {0, 0, 0};
  if (trimmed.size() == 8 && AllDigits(trimmed)) {
    parts[0] = DigitsValue(trimmed.substr(0, 4));
    parts[1] = DigitsValue(trimmed.substr(4, 2));
    parts[2] = DigitsValue(trimmed.substr(6, 2));
    result.typed_differently = true;
  } else {
    // Three runs of digits: 4, then 1–2, then 1–2, parted by one separator each.
    static constexpr std::string_view kSeparators[] = {"-", "/", ".", "年", "月"};
    size_t position = 0;
    std::string_view first_separator;
    for (int part = 0; part < 3; ++part) {
      const size_t digits_start = position;
      while (position < trimmed.size() && IsDigit(trimmed[position])) ++position;
      const size_t length = position - digits_start;
      if (length == 0 || length > (part == 0 ? 4u : 2u) || (part == 0 && length != 4)) {
        return result;
      }
      parts[part] = DigitsValue(trimmed.substr(digits_start, length));
      if (part == 1 && length == 1) result.typed_differently = true;
      if (part == 2 && length == 1) result.typed_differently = true;
      if (part == 2) break;
      bool separated = false;
      for (std::string_view separator : kSeparators) {
        if (trimmed.substr(position, separator.size()) == separator) {
          if (part == 0) first_separator = separator;
          position += separator.size();
          separated = true;
          break;
        }
      }
      if (!separated) return result;
    }
    std::string_view rest = trimmed.substr(position);
    if (rest == "日") rest = {};
    if (!rest.empty()) return result;
    if (first_separator != "-") result.typed_differently = true;
  }
  auto date = Date::FromYmd(parts[0], parts[1], parts[2]);
  if (!date.ok() || parts[0] < ResidentId::kMinBirthYear) return result;
  result.ok = true;
  result.date = *date;
  return result;
}

uint8_t ParseSex(std::string_view raw) {
  std::string text;
  if (!Fold(raw, /*drop_separators=*/false, text)) return kSexUnknown;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (text == "male" || text == "m" || text == "1" || text == "男") return kSexMale;
  if (text == "female" || text == "f" || text == "2" || text == "女") return kSexFemale;
  return kSexUnknown;
}

uint32_t ParseCounty(std::string_view raw) {
  std::string text;
  if (!Fold(raw, /*drop_separators=*/true, text)) return 0;
  if ((text.size() != 6 && text.size() != 9 && text.size() != 12) || !AllDigits(text)) return 0;
  const int county = DigitsValue(std::string_view(text).substr(0, 6));
  return county >= 110000 ? static_cast<uint32_t>(county) : 0;
}

}  // namespace minsheng::dedup
