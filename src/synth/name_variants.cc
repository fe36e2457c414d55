// The name-variant tables (name_variants.h). Edit them here; dedup_lists_test.cc
// (DedupListsNameVariants) checks that no character is in two homophone groups, that the
// traditional forms are one-to-one, and that most given names drawn by names.h have a
// character with a homophone.
#include "synth/name_variants.h"

#include <array>
#include <cassert>
#include <unordered_map>

namespace minsheng::synth {
namespace {

// Simplified → traditional, as Hong Kong and Taiwan write them (OpenCC's s2t): the synth's
// surnames (names.cc) with a traditional form, then its given-name characters, then the
// homophones below that are not already listed. Characters written the same in both (王,
// 李, 明, 芳) are left out. 于 as a surname stays 于; 范 stays 范.
constexpr std::array<TraditionalPair, 102> kTraditional = {{
    // Surnames.
    {"张", "張"},
    {"刘", "劉"},
    {"孙", "孫"},
    {"杨", "楊"},
    {"赵", "趙"},
    {"陈", "陳"},
    {"马", "馬"},
    {"韩", "韓"},
    {"吴", "吳"},
    {"吕", "呂"},
    {"郑", "鄭"},
    {"贾", "賈"},
    {"许", "許"},
    {"冯", "馮"},
    {"谢", "謝"},
    {"卢", "盧"},
    {"黄", "黃"},
    {"颜", "顏"},
    {"蒋", "蔣"},
    {"毕", "畢"},
    {"鲁", "魯"},
    {"阎", "閻"},
    {"宁", "寧"},
    {"苏", "蘇"},
    {"庞", "龐"},
    {"贺", "賀"},
    {"闫", "閆"},
    {"齐", "齊"},
    {"聂", "聶"},
    {"车", "車"},
    {"温", "溫"},
    {"蔺", "藺"},
    {"连", "連"},
    // Given-name characters, men's.
    {"国", "國"},
    {"庆", "慶"},
    {"宝", "寶"},
    {"长", "長"},
    {"贵", "貴"},
    {"顺", "順"},
    {"树", "樹"},
    {"学", "學"},
    {"兴", "興"},
    {"荣", "榮"},
    {"军", "軍"},
    {"红", "紅"},
    {"卫", "衛"},
    {"东", "東"},
    {"华", "華"},
    {"伟", "偉"},
    {"强", "強"},
    {"杰", "傑"},
    {"涛", "濤"},
    {"刚", "剛"},
    {"辉", "輝"},
    {"鹏", "鵬"},
    {"飞", "飛"},
    {"锋", "鋒"},
    {"龙", "龍"},
    {"凯", "凱"},
    {"帅", "帥"},
    {"晓", "曉"},
    {"轩", "軒"},
    {"泽", "澤"},
    {"阳", "陽"},
    {"铭", "銘"},
    {"硕", "碩"},
    // Given-name characters, women's.
    {"兰", "蘭"},
    {"凤", "鳳"},
    {"云", "雲"},
    {"爱", "愛"},
    {"风", "風"},
    {"银", "銀"},
    {"丽", "麗"},
    {"静", "靜"},
    {"艳", "豔"},
    {"颖", "穎"},
    {"洁", "潔"},
    {"诗", "詩"},
    {"悦", "悅"},
    {"语", "語"},
    {"瑶", "瑤"},
    // Homophones of the groups below that no name table draws.
    {"玮", "瑋"},
    {"炜", "煒"},
    {"俪", "儷"},
    {"鸣", "鳴"},
    {"桦", "樺"},
    {"骅", "驊"},
    {"闵", "閔"},
    {"韬", "韜"},
    {"咏", "詠"},
    {"鹃", "鵑"},
    {"侠", "俠"},
    {"苹", "蘋"},
    {"钢", "鋼"},
    {"晖", "暉"},
    {"剑", "劍"},
    {"鸿", "鴻"},
    {"绣", "繡"},
    {"铃", "鈴"},
    {"丰", "豐"},
    {"枫", "楓"},
    {"莹", "瑩"},
}};

// Homophone groups: characters with the same pinyin once the tones are dropped, each the
// kind a pinyin input method offers side by side. The first 28 are the groups the issue
// names; the others cover more of names.cc's given-name characters. 辉晖徽 and 慧惠蕙 are
// both hui but kept apart, as given. A character is in one group at most.
constexpr std::array<std::string_view, 49> kHomophoneGroupText = {
    "伟玮炜卫",      // wei
    "丽莉俪利立",    // li
    "明铭鸣",        // ming
    "华桦骅花",      // hua
    "静婧靖晶",      // jing
    "军君均俊",      // jun
    "志智至",        // zhi
    "芳方",          // fang
    "敏民闵",        // min
    "杰洁婕",        // jie
    "涛韬滔",        // tao
    "勇永咏",        // yong
    "燕艳彦雁妍",    // yan
    "娟鹃涓",        // juan
    "霞侠",          // xia
    "平萍苹",        // ping
    "刚钢",          // gang
    "辉晖徽",        // hui
    "建健剑",        // jian
    "红宏鸿虹",      // hong
    "秀绣",          // xiu
    "玲铃",          // ling
    "琳林霖",        // lin
    "峰锋丰枫凤风",  // feng
    "鹏朋",          // peng
    "婷亭",          // ting
    "慧惠蕙",        // hui
    "颖莹影英",      // ying
    "玉宇雨语",      // yu
    "欣馨新鑫",      // xin
    "嘉佳",          // jia
    "晨辰",          // chen
    "梓子",          // zi
    "浩豪昊皓",      // hao
    "瑞睿",          // rui
    "飞菲",          // fei
    "磊蕾",          // lei
    "波博",          // bo
    "庆青",          // qing
    "福富",          // fu
    "贵桂",          // gui
    "树淑",          // shu
    "学雪",          // xue
    "祥香翔",        // xiang
    "田天",          // tian
    "梅美",          // mei
    "怡一逸奕",      // yi
    "轩萱",          // xuan
    "珍振",          // zhen
};

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  assert((lead & 0xF8) == 0xF0);
  return 4;
}

struct Tables {
  std::unordered_map<std::string_view, std::string_view> traditional;
  std::unordered_map<std::string_view, std::string_view> simplified;
  std::vector<std::vector<std::string_view>> groups;
  std::vector<std::span<const std::string_view>> group_spans;
  std::unordered_map<std::string_view, size_t> group_of;
};

const Tables& BuiltTables() {
  static const Tables tables = [] {
    Tables built;
    for (const TraditionalPair& pair : kTraditional) {
      built.traditional.emplace(pair.simplified, pair.traditional);
      built.simplified.emplace(pair.traditional, pair.simplified);
    }
    for (const std::string_view text : kHomophoneGroupText) {
      built.groups.push_back(Utf8Characters(text));
    }
    for (size_t g = 0; g < built.groups.size(); ++g) {
      built.group_spans.emplace_back(built.groups[g]);
      for (const std::string_view character : built.groups[g]) built.group_of.emplace(character, g);
    }
    return built;
  }();
  return tables;
}

}  // namespace

std::vector<std::string_view> Utf8Characters(std::string_view text) {
  std::vector<std::string_view> characters;
  for (size_t at = 0; at < text.size();) {
    const size_t length = Utf8Length(static_cast<unsigned char>(text[at]));
    assert(at + length <= text.size());
    characters.push_back(text.substr(at, length));
    at += length;
  }
  return characters;
}

std::string_view FirstCharacter(std::string_view text) {
  assert(!text.empty());
  const size_t length = Utf8Length(static_cast<unsigned char>(text.front()));
  assert(length <= text.size());
  return text.substr(0, length);
}

std::string_view TraditionalOf(std::string_view character) {
  const auto& table = BuiltTables().traditional;
  const auto found = table.find(character);
  return found == table.end() ? character : found->second;
}

std::string ToTraditional(std::string_view name) {
  std::string traditional;
  traditional.reserve(name.size());
  for (const std::string_view character : Utf8Characters(name)) {
    traditional += TraditionalOf(character);
  }
  return traditional;
}

std::string_view SimplifiedOf(std::string_view character) {
  const auto& table = BuiltTables().simplified;
  const auto found = table.find(character);
  return found == table.end() ? character : found->second;
}

std::span<const std::string_view> HomophonesOf(std::string_view character) {
  const Tables& tables = BuiltTables();
  const auto found = tables.group_of.find(character);
  if (found == tables.group_of.end()) return {};
  return tables.group_spans[found->second];
}

std::span<const TraditionalPair> TraditionalTable() {
  return kTraditional;
}

std::span<const std::span<const std::string_view>> HomophoneGroups() {
  return BuiltTables().group_spans;
}

}  // namespace minsheng::synth
