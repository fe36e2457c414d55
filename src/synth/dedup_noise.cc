// The noise kinds and how each is applied (dedup_noise.h).
#include "synth/dedup_noise.h"

#include <cassert>
#include <cstdio>
#include <vector>

#include "synth/name_variants.h"

namespace minsheng::synth {
namespace {

// Weights (assumption: what a clerk's re-entry and the two systems' differences produce
// most often — old numbers, retyped dates and moves — ahead of rarer slips).
constexpr std::array<NoiseKindInfo, kNoiseKindCount> kNoiseKinds = {{
    {NoiseKind::kOldId, "old_id", 15},
    {NoiseKind::kIdDigit, "id_digit", 10},
    {NoiseKind::kIdTransposed, "id_transposed", 5},
    {NoiseKind::kMissingId, "missing_id", 10},
    {NoiseKind::kTraditional, "traditional", 10},
    {NoiseKind::kHomophone, "homophone", 10},
    {NoiseKind::kNameSpacing, "name_spacing", 5},
    {NoiseKind::kBirthDateFormat, "birth_date_format", 15},
    {NoiseKind::kBirthDateTypo, "birth_date_typo", 5},
    {NoiseKind::kMoved, "moved", 15},
}};

constexpr int kIdDigitAttempts = 64;
constexpr uint64_t kAsciiSpacePercent = 70;  // the rest a full-width space (U+3000)
constexpr std::string_view kFullWidthSpace = "\u3000";

bool IsIdKind(NoiseKind kind) {
  return kind == NoiseKind::kOldId || kind == NoiseKind::kIdDigit ||
         kind == NoiseKind::kIdTransposed || kind == NoiseKind::kMissingId;
}

bool HasIdKind(NoiseSet kinds) {
  return kinds.has(NoiseKind::kOldId) || kinds.has(NoiseKind::kIdDigit) ||
         kinds.has(NoiseKind::kIdTransposed) || kinds.has(NoiseKind::kMissingId);
}

// The twin's first 17 characters, or empty: no noisy number may equal them.
std::string TwinPrefix(const DedupPerson* twin) {
  return twin == nullptr ? std::string() : twin->ResidentIdNumber().substr(0, 17);
}

// Positions i (0–15) whose digits i and i + 1 differ and whose swap is not the twin's number.
std::vector<size_t> Transpositions(const std::string& number, const std::string& twin_prefix) {
  std::vector<size_t> positions;
  for (size_t i = 0; i + 1 < 17; ++i) {
    if (number[i] == number[i + 1]) continue;
    std::string swapped = number.substr(0, 17);
    std::swap(swapped[i], swapped[i + 1]);
    if (swapped != twin_prefix) positions.push_back(i);
  }
  return positions;
}

struct Homophone {
  size_t position;  // among the given name's characters
  std::string_view replacement;
};

// Every replacement of one given-name character by another of its group, except one that
// gives the twin's given name, and, when the name is also to be written traditional, one
// that leaves it without a character to write so (高超军 → 高超均).
std::vector<Homophone> Homophones(const DedupPerson& person, const DedupPerson* twin,
                                  bool traditional) {
  const std::vector<std::string_view> given = Utf8Characters(person.given_name());
  std::vector<Homophone> choices;
  for (size_t p = 0; p < given.size(); ++p) {
    for (const std::string_view other : HomophonesOf(given[p])) {
      if (other == given[p]) continue;
      std::string replaced;
      for (size_t q = 0; q < given.size(); ++q) replaced += q == p ? other : given[q];
      if (twin != nullptr && replaced == twin->given_name()) continue;
      if (traditional) {
        const std::string name = std::string(person.surname()) + replaced;
        if (ToTraditional(name) == name) continue;
      }
      choices.push_back(Homophone{.position = p, .replacement = other});
    }
  }
  return choices;
}

bool Applicable(NoiseKind kind, NoiseSet chosen, const DedupPerson& person,
                const DedupPerson* twin) {
  // One resident-ID kind at most: an old number is not also mistyped, a missing one not
  // also old.
  if (IsIdKind(kind) && HasIdKind(chosen)) return false;
  switch (kind) {
    case NoiseKind::kOldId: {
      const int year = person.birth_date().year();
      return year >= 1900 && year <= 1999;  // the 15-digit form has a 2-digit year in 19xx
    }
    case NoiseKind::kIdTransposed:
      return !Transpositions(person.ResidentIdNumber(), TwinPrefix(twin)).empty();
    case NoiseKind::kMissingId: return !chosen.has(NoiseKind::kBirthDateTypo);
    case NoiseKind::kBirthDateTypo: return !chosen.has(NoiseKind::kMissingId);
    case NoiseKind::kTraditional:
      if (chosen.has(NoiseKind::kHomophone)) return !Homophones(person, twin, true).empty();
      return ToTraditional(person.name()) != person.name();
    case NoiseKind::kHomophone:
      return !Homophones(person, twin, chosen.has(NoiseKind::kTraditional)).empty();
    default: return true;
  }
}

std::string NoisyResidentId(const DedupPerson& person, const DedupPerson* twin, NoiseSet kinds,
                            Random& random) {
  std::string number = person.ResidentIdNumber();
  if (kinds.has(NoiseKind::kMissingId)) return "";
  if (kinds.has(NoiseKind::kOldId)) {
    // 370303198003050012 → 370303800305001: the century and the check character dropped.
    return number.substr(0, 6) + number.substr(8, 9);
  }
  const std::string twin_prefix = TwinPrefix(twin);
  if (kinds.has(NoiseKind::kIdDigit)) {
    [[maybe_unused]] const char check = number[17];
    for (int attempt = 0; attempt < kIdDigitAttempts; ++attempt) {
      const auto position = static_cast<size_t>(random.Below(17));
      const auto step = static_cast<int>(random.Below(9)) + 1;
      std::string changed = number;
      changed[position] = static_cast<char>('0' + (changed[position] - '0' + step) % 10);
      if (changed.substr(0, 17) == twin_prefix) continue;
      // MOD 11-2 catches every single changed digit: the kept check character fails.
      assert(ResidentIdCheckCharacter(std::string_view(changed).substr(0, 17)) != check);
      return changed;
    }
  }
  if (kinds.has(NoiseKind::kIdTransposed)) {
    const std::vector<size_t> positions = Transpositions(number, twin_prefix);
    assert(!positions.empty());
    const size_t at = positions[random.Below(positions.size())];
    std::swap(number[at], number[at + 1]);
  }
  return number;
}

std::string NoisyName(const DedupPerson& person, const DedupPerson* twin, NoiseSet kinds,
                      Random& random) {
  std::string name(person.surname());
  if (kinds.has(NoiseKind::kHomophone)) {
    const std::vector<Homophone> choices =
        Homophones(person, twin, kinds.has(NoiseKind::kTraditional));
    assert(!choices.empty());
    const Homophone& chosen = choices[random.Below(choices.size())];
    const std::vector<std::string_view> given = Utf8Characters(person.given_name());
    for (size_t p = 0; p < given.size(); ++p)
      name += p == chosen.position ? chosen.replacement : given[p];
  } else {
    name += person.given_name();
  }
  if (kinds.has(NoiseKind::kTraditional)) name = ToTraditional(name);
  if (kinds.has(NoiseKind::kNameSpacing)) {
    // Our names are Han characters only, one-character surnames first: the space goes
    // after the surname (the full-width form of ASCII and the middle dot of two-part names
    // have nothing to act on).
    const bool ascii = random.Below(100) < kAsciiSpacePercent;
    const size_t surname_bytes = FirstCharacter(name).size();
    name.insert(surname_bytes, ascii ? std::string_view(" ") : kFullWidthSpace);
  }
  return name;
}

// A wrong birth date as a clerk types it: day and month swapped when both are 12 or less
// and differ, otherwise one digit of the day changed so that the date still exists.
Date TypoDate(Date birth, Random& random) {
  const int year = birth.year();
  const int month = birth.month();
  const int day = birth.day();
  if (month <= 12 && day <= 12 && month != day) return *Date::FromYmd(year, day, month);
  std::vector<int> days;
  for (int candidate = 1; candidate <= DaysInMonth(year, month); ++candidate) {
    const bool tens_differ = candidate / 10 != day / 10;
    const bool ones_differ = candidate % 10 != day % 10;
    if (tens_differ != ones_differ) days.push_back(candidate);  // exactly one digit differs
  }
  assert(!days.empty());
  return *Date::FromYmd(year, month, days[random.Below(days.size())]);
}

std::string DateAsTyped(Date date, Random& random) {
  const int year = date.year();
  const int month = date.month();
  const int day = date.day();
  char text[40];
  switch (random.Below(4)) {
    case 0: std::snprintf(text, sizeof text, "%d/%d/%d", year, month, day); break;
    case 1: std::snprintf(text, sizeof text, "%04d%02d%02d", year, month, day); break;
    case 2: std::snprintf(text, sizeof text, "%d年%d月%d日", year, month, day); break;
    default: std::snprintf(text, sizeof text, "%04d.%02d.%02d", year, month, day); break;
  }
  return text;
}

std::string BirthDateText(Date declared, NoiseSet kinds, bool urbmi, bool no_id, Random& random) {
  if (kinds.has(NoiseKind::kBirthDateFormat)) return DateAsTyped(declared, random);
  // urbmi's forms leave the birth date out when the number holds it; a record without a
  // number, or with a wrong date declared, writes it.
  if (urbmi && !no_id && !kinds.has(NoiseKind::kBirthDateTypo)) {
    const bool left_out = random.Below(100) < kUrbmiEmptyBirthDatePercent;
    if (left_out) return "";
  }
  return declared.ToString();
}

std::string_view OtherDistrict(const DedupPerson& person, Random& random) {
  auto other = static_cast<size_t>(random.Below(DedupDistrictCount() - 1));
  if (other >= person.district) ++other;
  return DedupDistrictCode(other);
}

}  // namespace

std::span<const NoiseKindInfo, kNoiseKindCount> NoiseKinds() {
  return kNoiseKinds;
}

std::string NoiseSet::ToString() const {
  std::string text;
  for (const NoiseKindInfo& info : kNoiseKinds) {
    if (!has(info.kind)) continue;
    if (!text.empty()) text += ';';
    text += info.id;
  }
  return text;
}

NoiseSet DrawDuplicateNoise(const DedupPerson& person, const DedupPerson* twin, bool within_list,
                            Random& random) {
  const uint64_t percent = random.Below(100);
  size_t count = 0;
  for (uint64_t below = kNoiseCountPercent[0]; percent >= below && count + 1 < 4;) {
    ++count;
    below += kNoiseCountPercent[count];
  }
  NoiseSet chosen;
  NoiseSet tried;
  if (within_list && random.Below(100) < kWithinListMovedPercent) {
    chosen.add(NoiseKind::kMoved);
    tried.add(NoiseKind::kMoved);
    count = std::max<size_t>(count, 1);
  }
  // By weight without repetition; a kind that does not apply, or clashes with one drawn,
  // is set aside and another drawn in its place.
  while (chosen.size() < count) {
    uint64_t total = 0;
    for (const NoiseKindInfo& info : kNoiseKinds) total += tried.has(info.kind) ? 0 : info.weight;
    if (total == 0) break;
    uint64_t point = random.Below(total);
    NoiseKind kind = NoiseKind::kMoved;
    for (const NoiseKindInfo& info : kNoiseKinds) {
      if (tried.has(info.kind)) continue;
      if (point < info.weight) {
        kind = info.kind;
        break;
      }
      point -= info.weight;
    }
    tried.add(kind);
    if (Applicable(kind, chosen, person, twin)) chosen.add(kind);
  }
  return chosen;
}

RecordFields MakeRecord(const DedupPerson& person, const DedupPerson* twin, NoiseSet kinds,
                        bool urbmi, Random& random) {
  RecordFields fields;
  fields.resident_id = NoisyResidentId(person, twin, kinds, random);
  fields.name = NoisyName(person, twin, kinds, random);
  fields.sex = urbmi ? SexNameChinese(person.sex()) : SexName(person.sex());
  const Date declared = kinds.has(NoiseKind::kBirthDateTypo) ? TypoDate(person.birth_date(), random)
                                                             : person.birth_date();
  fields.birth_date = BirthDateText(declared, kinds, urbmi, fields.resident_id.empty(), random);
  fields.region =
      kinds.has(NoiseKind::kMoved) ? OtherDistrict(person, random) : person.district_code();
  return fields;
}

}  // namespace minsheng::synth
