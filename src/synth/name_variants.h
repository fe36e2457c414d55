// How a clerk may write the same Chinese name differently: in traditional characters
// (張偉 for 张伟, as in a record typed on a traditional-character system or copied from an
// old register) or with a given-name character replaced by a homophone (志伟 → 志玮, typed by
// pinyin and the wrong candidate chosen). Two constant tables in name_variants.cc, the one
// place to edit them: simplified → traditional for every surname and given-name character
// of names.cc that has a traditional form (and the homophones below), and the homophone
// groups (characters with the same toneless pinyin) covering the common given-name
// characters. The duplicate enrollment lists use them (dedup_noise.h). Thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minsheng::synth {

// The characters of a UTF-8 text, each as its bytes ("张伟" → {"张", "伟"}). The text must
// be valid UTF-8 (asserted on the lead bytes).
std::vector<std::string_view> Utf8Characters(std::string_view text);

// The first character of a non-empty UTF-8 text, as its bytes ("张伟" → "张").
std::string_view FirstCharacter(std::string_view text);

// The traditional form of one simplified character (张 → 張), or the character itself when
// the table has none (王, 明).
std::string_view TraditionalOf(std::string_view character);

// Every character of the name written traditional: 张伟 → 張偉, 刘丽华 → 劉麗華.
std::string ToTraditional(std::string_view name);

// The simplified character a traditional one of the table stands for (張 → 张), or the
// character itself.
std::string_view SimplifiedOf(std::string_view character);

// The homophone group a character belongs to ("伟" → {"伟", "玮", "炜", "卫"}), or an empty
// span. Every character is in at most one group.
std::span<const std::string_view> HomophonesOf(std::string_view character);

// The tables themselves, for tests and documentation: pairs (simplified, traditional), and
// the groups.
struct TraditionalPair {
  std::string_view simplified;
  std::string_view traditional;
};
std::span<const TraditionalPair> TraditionalTable();
std::span<const std::span<const std::string_view>> HomophoneGroups();

}  // namespace minsheng::synth
