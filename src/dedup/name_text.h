// NameNormaliser: a person's name as two comparison keys for record linkage — the name
// in simplified characters without separators, and its toneless pinyin.
//
// Enrollment lists come from many systems and many hands: 張偉 and 张伟, "张 伟", full-width
// "Ｚｈａｎｇ　Ｗｅｉ", 阿依古丽·买买提 and 阿依古丽•买买提 are one name, and 张伟/张玮/张炜,
// typed through a pinyin input method, are the same sounds. Normalise maps each name to
//   simplified: NFKC; whitespace, invisible characters and name separators (middle dots,
//               '.', '-') removed; ASCII letters lower-cased; traditional characters
//               replaced by simplified ones (OpenCC t2s, character by character);
//   pinyin:     the toneless pinyin of each character, lower-case ASCII, no separator
//               ("zhangwei"); ü is written v (吕 "lv", 卢 "lu": kept apart).
// Both are cached per character, so after warm-up a name costs a table lookup per
// character and no allocation.
//
// Readings come from ICU's "Han-Latin/Names" transliterator, which prefers the surname
// reading of characters like 仇 (qiu, not chou), 翟 (zhai), 单 (shan), 曾 (zeng), 查 (zha),
// 区 (ou); being per character, a character reads the same wherever it stands (a 单 in a
// given name reads "shan" too), which is all matching needs.
//
// Thread-compatible: an instance keeps its caches and its OpenCC and ICU handles, so use
// one instance per thread (creating one takes about 1 ms, plus about 80 ms for the first
// in a process, when ICU compiles its pinyin rules).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace minsheng::dedup {

// What Normalise changed in a name beyond lower-casing ASCII, for explanations ("the names
// differ only in traditional characters").
struct NameChanges {
  // Bytes that were not UTF-8, or U+FFFD, were dropped.
  bool invalid_bytes_dropped = false;
  // NFKC changed the text: full-width letters or digits, compatibility ideographs, ...
  bool nfkc_changed = false;
  // Whitespace, middle dots, '.', '-' or invisible characters were removed.
  bool separators_removed = false;
  // A traditional character became a simplified one.
  bool traditional_converted = false;

  friend bool operator==(const NameChanges&, const NameChanges&) = default;
};

// A name's keys and changes, for callers that normalise a few names (explanations, tests).
struct NormalisedName {
  std::string simplified;
  std::string pinyin;
  NameChanges changes;
};

// Where the conversion data comes from; the defaults are what minsheng uses. Tests set
// them to show how a missing table is reported.
struct NameNormaliserOptions {
  // OpenCC configuration: a file name found in OpenCC's data folder (/usr/share/opencc),
  // or a path.
  std::string opencc_config = "t2s.json";
  // The ICU transliterator that reads a Han character (tone marks and ü are handled
  // after it). "Han-Latin" gives the common reading instead of the surname reading.
  std::string han_transliterator = "Han-Latin/Names";
  // The fast path for names made only of ASCII and of CJK ideographs U+3400–U+9FFF (which
  // NFKC leaves alone); off only in tests, which compare the two paths.
  bool fast_path = true;
};

class NameNormaliser {
 public:
  // Opens OpenCC's t2s table and ICU's transliterators. Fails with kFailedPrecondition,
  // naming the missing table and its Debian package (libopencc-data, libicu72), when
  // either cannot be opened.
  static Result<NameNormaliser> Create(const NameNormaliserOptions& options = {});

  NameNormaliser(NameNormaliser&&) noexcept;
  NameNormaliser& operator=(NameNormaliser&&) noexcept;
  ~NameNormaliser();

  // Writes the keys of `utf8_name` into `simplified` and `pinyin`, both cleared first, and
  // returns what changed. The buffers are the caller's so that a loop over millions of
  // records reuses them: once they have grown to the longest name and the characters have
  // been seen, a call allocates nothing. `utf8_name` must not point into either buffer.
  //
  // Invalid UTF-8 (lists from old systems) is not an error: each ill-formed sequence and
  // each U+FFFD is dropped and the rest normalised. Digits and symbols stay in
  // `simplified` but not in `pinyin`. Non-Han letters enter `pinyin` as lower-case ASCII
  // (é → e, ß → ss); a letter with no Latin reading (a rare ideograph ICU has no pinyin
  // for, Cyrillic) or a private-use character (rare name characters that old GBK systems
  // encoded privately) enters it as "u" and its code point in hex ("u3402"), so that names
  // made of such characters do not all share an empty key. `pinyin` is ASCII [a-z0-9]*.
  //
  // Idempotent: normalising `simplified` again gives the same `simplified` and `pinyin`.
  NameChanges Normalise(std::string_view utf8_name, std::string& simplified, std::string& pinyin);

  // The same, into a new value: for a few names, not for a loop over a list.
  NormalisedName Normalise(std::string_view utf8_name);

 private:
  struct State;
  explicit NameNormaliser(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace minsheng::dedup
