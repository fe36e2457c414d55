// NameNormaliser: names as simplified text and toneless pinyin, cached per character.
//
// A name is normalised on one of two paths. The fast path takes names made only of ASCII
// and of ideographs U+3400–U+9FFF — nearly every name on a Chinese list — which NFKC
// leaves as they are (every code point there is NFKC-inert; the tests check it against
// ICU), so it walks the bytes and looks each ideograph up in a dense table. Any other name
// takes the general path: ill-formed UTF-8 dropped, NFKC if ICU says it is needed, then
// the same per-character entries (from the table or, outside U+3400–U+9FFF, a hash map).
// An entry is filled the first time its character is seen: OpenCC's t2s gives the
// simplified character, ICU's transliterators its reading.
#include "dedup/name_text.h"

#include <opencc/opencc.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/uvernum.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <climits>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minsheng::dedup {
namespace {

// The dense table: CJK Unified Ideographs Extension A (U+3400–U+4DBF), the Yijing
// hexagram symbols between them (U+4DC0–U+4DFF) and CJK Unified Ideographs
// (U+4E00–U+9FFF). 27,648 entries of 12 bytes: 324 KiB per instance.
constexpr char32_t kDenseFirst = 0x3400;
constexpr char32_t kDenseLast = 0x9FFF;
constexpr size_t kDenseSize = kDenseLast - kDenseFirst + 1;

// A character can need t2s more than once (薴 → 苧 → 苎: OpenCC 1.1.6's one chain of two
// in U+3400–U+9FFF); a character whose chain does not end within this many steps is left
// as it is.
constexpr int kT2sStepsMax = 4;
// Removing a separator can bring a combining mark next to the letter it composes with
// ("e-◌́"), so a name from the general path is normalised again until its simplified
// form is NFKC; this many passes at most (two in every case we know of).
constexpr int kPassesMax = 4;
// Longer input is read up to this many bytes: no name is this long, and ICU's UTF-8
// macros index with int32_t.
constexpr size_t kNameBytesMax = size_t{1} << 20;
// The pool of readings stays far below 4 GiB: a few hundred distinct syllables, plus the
// hex forms of characters without a reading.
constexpr size_t kPoolBytesMax = size_t{1} << 30;

// What a character becomes: its simplified form (UTF-8, 1 to 4 bytes, or nothing when it
// is removed) and its reading, a slice of the pool of readings.
struct CharEntry {
  char simplified[4];
  uint8_t simplified_length;
  uint8_t pinyin_length;
  uint8_t flags;
  uint32_t pinyin_offset;
};
constexpr uint8_t kFilled = 1;     // the entry has been computed
constexpr uint8_t kRemoved = 2;    // whitespace, separator, control or invisible character
constexpr uint8_t kConverted = 4;  // t2s changed the character

struct OpenccCloser {
  void operator()(void* handle) const { opencc_close(handle); }
};

bool IsDense(char32_t code_point) {
  return code_point >= kDenseFirst && code_point <= kDenseLast;
}

// Separators inside a name: the middle dots of transcribed minority and foreign names
// (阿依古丽·买买提) in the forms different input methods produce, hyphens and dashes, and
// the ideographic full stop an input method in Chinese mode types for '.'. ASCII '.' and
// '-' are handled with the other ASCII characters.
bool IsNameSeparator(char32_t code_point) {
  switch (code_point) {
    case 0x00B7:  // · middle dot
    case 0x0387:  // · Greek ano teleia (NFKC gives U+00B7)
    case 0x2022:  // • bullet
    case 0x2027:  // ‧ hyphenation point
    case 0x2219:  // ∙ bullet operator
    case 0x22C5:  // ⋅ dot operator
    case 0x30FB:  // ・ katakana middle dot
    case 0xFF65:  // ･ half-width katakana middle dot (NFKC gives U+30FB)
    case 0x2E31:  // ⸱ word separator middle dot
    case 0x2010:  // ‐ hyphen
    case 0x2011:  // ‑ non-breaking hyphen
    case 0x2012:  // ‒ figure dash
    case 0x2013:  // – en dash
    case 0x2014:  // — em dash
    case 0x2015:  // ― horizontal bar
    case 0x2212:  // − minus sign
    case 0x3002:  // 。 ideographic full stop
      return true;
    default: return false;
  }
}

// Removed from both keys: name separators, whitespace (U+3000, NBSP, ...), controls and
// default-ignorable characters (zero-width space, byte-order mark, variation selectors).
bool IsRemoved(char32_t code_point) {
  const auto c = static_cast<UChar32>(code_point);
  return IsNameSeparator(code_point) || u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR ||
         u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// Only letters (ideographs are letters) and letter numbers (〇) have a reading; digits
// and symbols stay out of the pinyin key.
bool HasReading(char32_t code_point) {
  const uint32_t category = U_GET_GC_MASK(static_cast<UChar32>(code_point));
  return (category & (U_GC_L_MASK | U_GC_NL_MASK)) != 0;
}

Status MissingData(const std::string& what, const std::string& why, const std::string& package) {
  return Status(
      ErrorCode::kFailedPrecondition,
      "cannot open " + what + " (" + why + "); it is installed by the Debian package " + package);
}

// Appends one ASCII character: letters lower-cased into both keys, separators and
// controls dropped, digits and symbols into `simplified` only.
inline void AppendAscii(char c, std::string& simplified, std::string& pinyin,
                        NameChanges& changes) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (c >= 'a' && c <= 'z') {
    simplified.push_back(c);
    pinyin.push_back(c);
  } else if (c <= ' ' || c == 0x7F || c == '.' || c == '-') {
    changes.separators_removed = true;
  } else {
    simplified.push_back(c);
  }
}

// Whether `text` starts inside `buffer`'s storage (std::less orders unrelated pointers).
[[maybe_unused]] bool PointsInto(std::string_view text, const std::string& buffer) {
  const std::less<const char*> before;
  return !before(text.data(), buffer.data()) &&
         before(text.data(), buffer.data() + buffer.capacity());
}

}  // namespace

struct NameNormaliser::State {
  NameNormaliserOptions options;
  std::unique_ptr<void, OpenccCloser> opencc;
  std::unique_ptr<icu::Transliterator> han_reading;    // options.han_transliterator
  std::unique_ptr<icu::Transliterator> latin_reading;  // Latin-ASCII
  const icu::Normalizer2* nfkc = nullptr;              // ICU's singletons, never freed
  const icu::Normalizer2* nfd = nullptr;

  std::vector<CharEntry> dense;                       // kDenseSize entries
  std::unordered_map<char32_t, CharEntry> elsewhere;  // every other non-ASCII character
  std::string pool;                                   // the readings, back to back

  // Scratch buffers of the general path, kept to spare allocations.
  std::string cleaned;
  std::string normalized;
  std::string again;
  icu::UnicodeString reading;
  icu::UnicodeString decomposed;
  std::string letters;

  char32_t ConvertOnce(char32_t code_point);
  char32_t Simplify(char32_t code_point);
  void Read(char32_t code_point, CharEntry& entry);
  void Fill(char32_t code_point, CharEntry& entry);
  const CharEntry& Lookup(char32_t code_point);
  void Append(const CharEntry& entry, std::string& simplified, std::string& pinyin,
              NameChanges& changes) const;
  bool NormaliseFast(std::string_view name, std::string& simplified, std::string& pinyin,
                     NameChanges& changes);
  void NormaliseGeneral(std::string_view name, std::string& simplified, std::string& pinyin,
                        NameChanges& changes);
  bool IsNfkc(const std::string& text) const;
};

// One t2s step on one character. OpenCC's answer is taken only when it is one character
// that normalisation leaves alone, so that the simplified key stays NFKC.
char32_t NameNormaliser::State::ConvertOnce(char32_t code_point) {
  char input[U8_MAX_LENGTH];
  int32_t input_length = 0;
  U8_APPEND_UNSAFE(input, input_length, static_cast<UChar32>(code_point));
  char* output = opencc_convert_utf8(opencc.get(), input, static_cast<size_t>(input_length));
  if (output == nullptr) return code_point;
  const std::string_view converted(output);
  UChar32 result = -1;
  int32_t at = 0;
  const auto length = static_cast<int32_t>(converted.size());
  if (length > 0) U8_NEXT(converted.data(), at, length, result);
  opencc_convert_utf8_free(output);
  const bool one_character = result >= 0 && at == length;
  if (!one_character || result < 0x80 || IsRemoved(static_cast<char32_t>(result)) ||
      !nfkc->isInert(result)) {
    return code_point;
  }
  return static_cast<char32_t>(result);
}

// The simplified form of a character: t2s until it no longer changes. Only Han
// characters are given to OpenCC.
char32_t NameNormaliser::State::Simplify(char32_t code_point) {
  if (u_getIntPropertyValue(static_cast<UChar32>(code_point), UCHAR_SCRIPT) != USCRIPT_HAN) {
    return code_point;
  }
  char32_t current = code_point;
  for (int step = 0; step < kT2sStepsMax; ++step) {
    const char32_t next = ConvertOnce(current);
    if (next == current) return current;
    current = next;
  }
  return code_point;
}

// The reading of a (simplified) character into the pool: the transliterator's Latin
// letters without tone marks, ü as v; "u" and the code point in hex for a letter without
// one; nothing for digits and symbols.
void NameNormaliser::State::Read(char32_t code_point, CharEntry& entry) {
  letters.clear();
  if (HasReading(code_point) ||
      u_charType(static_cast<UChar32>(code_point)) == U_PRIVATE_USE_CHAR) {
    const auto c = static_cast<UChar32>(code_point);
    reading.setTo(c);
    if (u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_HAN) {
      han_reading->transliterate(reading);
    } else {
      latin_reading->transliterate(reading);
    }
    UErrorCode status = U_ZERO_ERROR;
    nfd->normalize(reading, decomposed, status);
    assert(U_SUCCESS(status));
    for (int32_t i = 0; i < decomposed.length(); ++i) {
      const char16_t unit = decomposed[i];
      if (unit == 0x0308 && !letters.empty() && letters.back() == 'u') {
        letters.back() = 'v';  // ü (lü, nü, lüe, nüe): pinyin input methods type v
      } else if (unit >= 'a' && unit <= 'z') {
        letters.push_back(static_cast<char>(unit));
      } else if (unit >= 'A' && unit <= 'Z') {
        letters.push_back(static_cast<char>(unit - 'A' + 'a'));
      }
    }
    if (letters.empty()) {
      char hex[8];
      const auto [end, error] = std::to_chars(hex, hex + sizeof hex, code_point, 16);
      assert(error == std::errc());
      letters.push_back('u');
      letters.append(hex, end);
    }
  }
  letters.resize(std::min<size_t>(letters.size(), UINT8_MAX));
  // Readings repeat (张 章 彰 are all "zhang"): any earlier copy of the same bytes will do.
  size_t offset = pool.find(letters);
  if (offset == std::string::npos) {
    offset = pool.size();
    pool += letters;
  }
  assert(pool.size() <= kPoolBytesMax);
  entry.pinyin_offset = static_cast<uint32_t>(offset);
  entry.pinyin_length = static_cast<uint8_t>(letters.size());
}

void NameNormaliser::State::Fill(char32_t code_point, CharEntry& entry) {
  assert(code_point >= 0x80);
  entry = CharEntry{};
  entry.flags = kFilled;
  if (IsRemoved(code_point)) {
    entry.flags |= kRemoved;
    return;
  }
  const char32_t simplified = Simplify(code_point);
  if (simplified != code_point) entry.flags |= kConverted;
  int32_t length = 0;
  U8_APPEND_UNSAFE(entry.simplified, length, static_cast<UChar32>(simplified));
  entry.simplified_length = static_cast<uint8_t>(length);
  Read(simplified, entry);
}

const CharEntry& NameNormaliser::State::Lookup(char32_t code_point) {
  if (IsDense(code_point)) {
    CharEntry& entry = dense[code_point - kDenseFirst];
    if ((entry.flags & kFilled) == 0) Fill(code_point, entry);
    return entry;
  }
  const auto [it, inserted] = elsewhere.try_emplace(code_point, CharEntry{});
  if (inserted) Fill(code_point, it->second);
  return it->second;
}

void NameNormaliser::State::Append(const CharEntry& entry, std::string& simplified,
                                   std::string& pinyin, NameChanges& changes) const {
  if ((entry.flags & kRemoved) != 0) {
    changes.separators_removed = true;
    return;
  }
  if ((entry.flags & kConverted) != 0) changes.traditional_converted = true;
  simplified.append(entry.simplified, entry.simplified_length);
  pinyin.append(pool.data() + entry.pinyin_offset, entry.pinyin_length);
}

// Returns false, with the keys half written, at the first byte that is neither ASCII
// nor the start of a well-formed ideograph U+3400–U+9FFF.
bool NameNormaliser::State::NormaliseFast(std::string_view name, std::string& simplified,
                                          std::string& pinyin, NameChanges& changes) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(name.data());
  const size_t size = name.size();
  size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      AppendAscii(static_cast<char>(lead), simplified, pinyin, changes);
      ++i;
      continue;
    }
    // Three-byte sequences led by E3..E9 encode U+3000..U+9FFF.
    if (lead < 0xE3 || lead > 0xE9 || size - i < 3 || (bytes[i + 1] & 0xC0) != 0x80 ||
        (bytes[i + 2] & 0xC0) != 0x80) {
      return false;
    }
    const char32_t code_point = (char32_t{lead} & 0x0F) << 12 |
                                (char32_t{bytes[i + 1]} & 0x3F) << 6 |
                                (char32_t{bytes[i + 2]} & 0x3F);
    if (code_point < kDenseFirst) return false;
    Append(Lookup(code_point), simplified, pinyin, changes);
    i += 3;
  }
  return true;
}

void NameNormaliser::State::NormaliseGeneral(std::string_view name, std::string& simplified,
                                             std::string& pinyin, NameChanges& changes) {
  // Ill-formed sequences and U+FFFD (a replaced byte in an earlier conversion) are dropped.
  cleaned.clear();
  const auto size = static_cast<int32_t>(std::min(name.size(), kNameBytesMax));
  int32_t i = 0;
  while (i < size) {
    UChar32 c = 0;
    const int32_t start = i;
    U8_NEXT(name.data(), i, size, c);
    if (c < 0 || c == 0xFFFD) {
      changes.invalid_bytes_dropped = true;
    } else {
      cleaned.append(name.data() + start, static_cast<size_t>(i - start));
    }
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(cleaned.data(), static_cast<int32_t>(cleaned.size()));
  const std::string* text = &cleaned;
  if (!nfkc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    normalized.clear();
    icu::StringByteSink<std::string> sink(&normalized);
    nfkc->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_SUCCESS(status)) {
      text = &normalized;
      changes.nfkc_changed = true;
    }
  }
  assert(U_SUCCESS(status));  // ICU fails only on bad arguments or memory exhaustion

  const auto length = static_cast<int32_t>(text->size());
  i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(text->data(), i, length, c);
    assert(c >= 0);
    if (c < 0x80) {
      AppendAscii(static_cast<char>(c), simplified, pinyin, changes);
    } else {
      Append(Lookup(static_cast<char32_t>(c)), simplified, pinyin, changes);
    }
  }
}

bool NameNormaliser::State::IsNfkc(const std::string& text) const {
  UErrorCode status = U_ZERO_ERROR;
  const bool normalised = nfkc->isNormalizedUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status);
  return U_FAILURE(status) || normalised;
}

Result<NameNormaliser> NameNormaliser::Create(const NameNormaliserOptions& options) {
  auto state = std::make_unique<State>();
  state->options = options;
  const std::string icu_package = "libicu" + std::to_string(U_ICU_VERSION_MAJOR_NUM);

  opencc_t handle = opencc_open(options.opencc_config.c_str());
  if (handle == reinterpret_cast<opencc_t>(-1)) {
    return MissingData("OpenCC's traditional-to-simplified table " + options.opencc_config,
                       opencc_error(), "libopencc-data (in /usr/share/opencc)");
  }
  state->opencc.reset(handle);

  UErrorCode status = U_ZERO_ERROR;
  state->nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) state->nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    return MissingData("ICU's NFKC and NFD normalisation data", u_errorName(status), icu_package);
  }

  const auto open_transliterator = [&](const std::string& id) {
    status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transliterator(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) transliterator.reset();
    return transliterator;
  };
  state->han_reading = open_transliterator(options.han_transliterator);
  if (state->han_reading == nullptr) {
    return MissingData("ICU's transliterator " + options.han_transliterator, u_errorName(status),
                       icu_package);
  }
  state->latin_reading = open_transliterator("Latin-ASCII");
  if (state->latin_reading == nullptr) {
    return MissingData("ICU's transliterator Latin-ASCII", u_errorName(status), icu_package);
  }

  state->dense.assign(kDenseSize, CharEntry{});
  return NameNormaliser(std::move(state));
}

NameNormaliser::NameNormaliser(std::unique_ptr<State> state) : state_(std::move(state)) {}
NameNormaliser::NameNormaliser(NameNormaliser&&) noexcept = default;
NameNormaliser& NameNormaliser::operator=(NameNormaliser&&) noexcept = default;
NameNormaliser::~NameNormaliser() = default;

NameChanges NameNormaliser::Normalise(std::string_view utf8_name, std::string& simplified,
                                      std::string& pinyin) {
  assert(state_ != nullptr);  // not moved from
  assert(!PointsInto(utf8_name, simplified));
  assert(!PointsInto(utf8_name, pinyin));
  State& state = *state_;
  simplified.clear();
  pinyin.clear();
  NameChanges changes;
  if (state.options.fast_path && state.NormaliseFast(utf8_name, simplified, pinyin, changes)) {
    return changes;
  }

  simplified.clear();
  pinyin.clear();
  changes = NameChanges{};
  state.NormaliseGeneral(utf8_name, simplified, pinyin, changes);
  for (int pass = 1; pass < kPassesMax && !state.IsNfkc(simplified); ++pass) {
    state.again = simplified;
    simplified.clear();
    pinyin.clear();
    NameChanges more;
    state.NormaliseGeneral(state.again, simplified, pinyin, more);
    changes.nfkc_changed = changes.nfkc_changed || more.nfkc_changed;
    changes.separators_removed = changes.separators_removed || more.separators_removed;
    changes.traditional_converted = changes.traditional_converted || more.traditional_converted;
  }
  return changes;
}

NormalisedName NameNormaliser::Normalise(std::string_view utf8_name) {
  NormalisedName result;
  result.changes = Normalise(utf8_name, result.simplified, result.pinyin);
  return result;
}

}  // namespace minsheng::dedup
