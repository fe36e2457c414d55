// Tests for name normalisation: the spellings one person's name takes on different
// lists (full-width, spaced, dotted, traditional, homophones typed through a pinyin input
// method) give the same keys, and normalising is idempotent.
#include "dedup/name_text.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minsheng::dedup {
namespace {

NameNormaliserOptions DefaultOptions() {
  return NameNormaliserOptions{
      .opencc_config = "t2s.json", .han_transliterator = "Han-Latin/Names", .fast_path = true};
}

// One normaliser for the whole test binary, as a bulk job would keep one per thread; the
// tests run on one thread.
NameNormaliser& Shared() {
  static NameNormaliser* normaliser = [] {
    Result<NameNormaliser> created = NameNormaliser::Create();
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return new NameNormaliser(std::move(*created));
  }();
  return *normaliser;
}

// The same, with the fast path off: every name goes through the general path.
NameNormaliser& SharedGeneral() {
  static NameNormaliser* normaliser = [] {
    NameNormaliserOptions options = DefaultOptions();
    options.fast_path = false;
    Result<NameNormaliser> created = NameNormaliser::Create(options);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return new NameNormaliser(std::move(*created));
  }();
  return *normaliser;
}

std::string Simplified(std::string_view name) {
  return Shared().Normalise(name).simplified;
}
std::string Pinyin(std::string_view name) {
  return Shared().Normalise(name).pinyin;
}

// The UTF-8 of one code point.
std::string Utf8(char32_t code_point) {
  char bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(code_point));
  return std::string(bytes, static_cast<size_t>(length));
}

// Splits UTF-8 text into its characters.
std::vector<std::string> Characters(std::string_view text) {
  std::vector<std::string> characters;
  int32_t i = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(text.data(), i, length, c);
    characters.emplace_back(
        text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
  }
  return characters;
}

bool IsPinyinKey(std::string_view key) {
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

bool IsNfkcUtf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const bool normalised = nfkc->isNormalizedUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status);
  return U_SUCCESS(status) && normalised;
}

bool IsValidUtf8(std::string_view text) {
  int32_t i = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, length, c);
    if (c < 0) return false;
  }
  return true;
}

TEST(NameTextCreate, MissingOpenccTableIsNamedWithItsPackage) {
  // Proves that a missing t2s table fails creation with a message naming the table and
  // the Debian package that installs it.
  NameNormaliserOptions options = DefaultOptions();
  options.opencc_config = "/nonexistent/t2s.json";
  Result<NameNormaliser> created = NameNormaliser::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(created.status().message().find("/nonexistent/t2s.json"), std::string::npos);
  EXPECT_NE(created.status().message().find("libopencc-data"), std::string::npos);
  EXPECT_EQ(created.status().message(),
            "cannot open OpenCC's traditional-to-simplified table /nonexistent/t2s.json "
            "(/nonexistent/t2s.json not found or not accessible.); it is installed by the "
            "Debian package libopencc-data (in /usr/share/opencc)");
}

TEST(NameTextCreate, MissingTransliteratorIsNamedWithItsPackage) {
  // Proves the same for an ICU transliterator that cannot be opened.
  NameNormaliserOptions options = DefaultOptions();
  options.han_transliterator = "Nowhere-Latin";
  Result<NameNormaliser> created = NameNormaliser::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(created.status().message(),
            "cannot open ICU's transliterator Nowhere-Latin (U_INVALID_ID); it is installed "
            "by the Debian package libicu72");
}

TEST(NameText, FullWidthLettersAndSpacesBecomeAscii) {
  // Proves step 1 and 2: NFKC turns full-width letters and the ideographic space into
  // ASCII, the space goes and the letters are lower-cased; a pinyin spelling of a name
  // has the pinyin key of the name in characters.
  const NormalisedName name = Shared().Normalise("Ｚｈａｎｇ　Ｗｅｉ");
  EXPECT_EQ(name.simplified, "zhangwei");
  EXPECT_EQ(name.pinyin, "zhangwei");
  EXPECT_EQ(name.changes, (NameChanges{.invalid_bytes_dropped = false,
                                       .nfkc_changed = true,
                                       .separators_removed = true,
                                       .traditional_converted = false}));
  EXPECT_EQ(Simplified("ZHANG WEI"), "zhangwei");
  EXPECT_EQ(Simplified("Zhang-Wei"), "zhangwei");
  EXPECT_EQ(Pinyin("张伟"), "zhangwei");
  EXPECT_EQ(Simplified("张伟１２３"), "张伟123");
}

TEST(NameText, WhitespaceOfEveryKindIsRemoved) {
  // Proves that ASCII spaces, tabs, the ideographic space U+3000, NBSP and the thin and
  // narrow spaces all go, wherever they stand.
  for (const char* spelling : {"张 伟", "张　伟", "张\u00A0伟", "\t张伟\r\n", " 张  伟 ",
                               "张\u2009伟", "张\u202F伟", "张\u3000\u3000伟"}) {
    SCOPED_TRACE(spelling);
    const NormalisedName name = Shared().Normalise(spelling);
    EXPECT_EQ(name.simplified, "张伟");
    EXPECT_EQ(name.pinyin, "zhangwei");
    EXPECT_TRUE(name.changes.separators_removed);
    EXPECT_FALSE(name.changes.traditional_converted);
  }
}

TEST(NameText, InvisibleCharactersAreRemoved) {
  // Proves that zero-width spaces and joiners, the byte-order mark, soft hyphens and
  // variation selectors (ideographic variation sequences) leave no trace.
  for (const char* spelling : {"\uFEFF张伟", "张\u200B伟", "张\u200D伟", "张\u00AD伟", "张\uFE00伟",
                               "张\U000E0100伟", "张\x01伟\x7F"}) {
    SCOPED_TRACE(spelling);
    EXPECT_EQ(Simplified(spelling), "张伟");
    EXPECT_EQ(Pinyin(spelling), "zhangwei");
  }
}

TEST(NameText, MiddleDotsOfTranscribedNamesAreRemoved) {
  // Proves that every middle-dot-like separator of minority and foreign names, and '.',
  // '-' and dashes, are removed: the spellings of 阿依古丽·买买提 are one name.
  const NormalisedName plain = Shared().Normalise("阿依古丽买买提");
  EXPECT_EQ(plain.pinyin, "ayigulimaimaiti");
  EXPECT_FALSE(plain.changes.separators_removed);
  for (const char* spelling :
       {"阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽‧买买提", "阿依古丽・买买提",
        "阿依古丽･买买提", "阿依古丽∙买买提", "阿依古丽⋅买买提", "阿依古丽\u0387买买提",
        "阿依古丽.买买提", "阿依古丽-买买提", "阿依古丽—买买提", "阿依古丽－买买提",
        "阿依古丽．买买提", "阿依古丽。买买提", "阿依古丽 · 买买提"}) {
    SCOPED_TRACE(spelling);
    const NormalisedName name = Shared().Normalise(spelling);
    EXPECT_EQ(name.simplified, plain.simplified);
    EXPECT_EQ(name.pinyin, plain.pinyin);
    EXPECT_TRUE(name.changes.separators_removed);
  }
  EXPECT_EQ(Simplified("Jean-Luc.Picard"), "jeanlucpicard");
}

TEST(NameText, CompatibilityIdeographsBecomeUnified) {
  // Proves that NFKC maps CJK compatibility ideographs (U+F900–U+FAFF), which old
  // systems used for some name characters, to the unified ones: U+F90A 金 is U+91D1 金.
  const NormalisedName name = Shared().Normalise("\uF90A伟");
  EXPECT_EQ(name.simplified, "\u91D1伟");
  EXPECT_EQ(name.pinyin, "jinwei");
  EXPECT_TRUE(name.changes.nfkc_changed);
  // U+F9D0 類 becomes U+985E 類, and t2s then makes it 类.
  EXPECT_EQ(Simplified("\uF9D0"), "类");
}

TEST(NameText, TraditionalCharactersBecomeSimplified) {
  // Proves step 3 on 34 characters common in surnames and given names, each alone, and
  // on whole names; the change is reported.
  const std::vector<std::pair<const char*, const char*>> pairs = {
      {"張", "张"}, {"劉", "刘"}, {"陳", "陈"}, {"楊", "杨"}, {"趙", "赵"}, {"黃", "黄"},
      {"吳", "吴"}, {"孫", "孙"}, {"馬", "马"}, {"鄭", "郑"}, {"馮", "冯"}, {"韓", "韩"},
      {"國", "国"}, {"寶", "宝"}, {"鳳", "凤"}, {"蘭", "兰"}, {"慶", "庆"}, {"麗", "丽"},
      {"華", "华"}, {"偉", "伟"}, {"軍", "军"}, {"紅", "红"}, {"剛", "刚"}, {"輝", "辉"},
      {"東", "东"}, {"雲", "云"}, {"龍", "龙"}, {"貴", "贵"}, {"榮", "荣"}, {"興", "兴"},
      {"愛", "爱"}, {"進", "进"}, {"傑", "杰"}, {"書", "书"}};
  for (const auto& [traditional, simplified] : pairs) {
    SCOPED_TRACE(traditional);
    const NormalisedName name = Shared().Normalise(traditional);
    EXPECT_EQ(name.simplified, simplified);
    EXPECT_EQ(name.pinyin, Pinyin(simplified));
    EXPECT_TRUE(name.changes.traditional_converted);
    EXPECT_FALSE(Shared().Normalise(simplified).changes.traditional_converted);
  }
  EXPECT_EQ(Simplified("張偉"), "张伟");
  EXPECT_EQ(Simplified("劉麗華"), "刘丽华");
  EXPECT_EQ(Simplified("陳國慶"), "陈国庆");
  EXPECT_EQ(Simplified("趙鳳蘭"), "赵凤兰");
  EXPECT_EQ(Simplified("鄭寶貴"), "郑宝贵");
  EXPECT_EQ(Pinyin("鄭寶貴"), "zhengbaogui");
}

TEST(NameText, ConversionIsPerCharacterAndReachesAFixedPoint) {
  // Proves that conversion ignores phrases (乾 is always 干, 於 always 于: OpenCC's
  // character table) and that a character needing t2s twice gets there: 薴 → 苧 → 苎.
  EXPECT_EQ(Simplified("乾隆"), "干隆");
  EXPECT_EQ(Simplified("於"), "于");
  EXPECT_EQ(Simplified("薴"), "苎");
  EXPECT_EQ(Simplified("苧"), "苎");
}

TEST(NameText, HomophoneGroupsShareOneKey) {
  // Proves step 4 on the groups a pinyin input method confuses: the toneless readings
  // ICU gives are equal within each group (tones differ in some: 薇 wēi, 伟 wěi).
  const std::vector<std::pair<const char*, const char*>> groups = {
      {"wei", "伟玮炜薇"}, {"li", "丽莉俪"},   {"ming", "明铭鸣"}, {"hua", "华桦骅"},
      {"jing", "静婧靖"},  {"jun", "军君均"},  {"zhi", "志智至"},  {"fang", "芳方"},
      {"min", "敏民闵"},   {"jie", "杰洁婕"},  {"tao", "涛韬滔"},  {"yong", "勇永咏"},
      {"yan", "燕艳彦雁"}, {"juan", "娟鹃涓"}, {"xia", "霞侠"},    {"ping", "平萍苹"},
      {"gang", "刚钢"},    {"hui", "辉晖徽"},  {"jian", "建健剑"}, {"hong", "红宏鸿虹"},
      {"xiu", "秀绣"},     {"ling", "玲铃"},   {"lin", "琳林霖"},  {"feng", "峰锋丰枫"},
      {"peng", "鹏朋"},    {"ting", "婷亭"},   {"hui", "慧惠蕙"},  {"ying", "颖莹影"}};
  for (const auto& [reading, group] : groups) {
    for (const std::string& character : Characters(group)) {
      SCOPED_TRACE(character);
      EXPECT_EQ(Pinyin(character), reading);
    }
  }
  for (const char* name : {"张伟", "张玮", "张炜", "張偉", "張瑋", "張煒"}) {
    EXPECT_EQ(Pinyin(name), "zhangwei") << name;
  }
  EXPECT_EQ(Pinyin("李丽"), "lili");
  EXPECT_EQ(Pinyin("李莉"), "lili");
  EXPECT_EQ(Pinyin("王静"), "wangjing");
  EXPECT_EQ(Pinyin("王婧"), "wangjing");
  EXPECT_EQ(Pinyin("王靖"), "wangjing");
  EXPECT_EQ(Pinyin("刘明"), "liuming");
  EXPECT_EQ(Pinyin("刘铭"), "liuming");
  EXPECT_EQ(Pinyin("刘鸣"), "liuming");
  EXPECT_EQ(Pinyin("陈华"), "chenhua");
  EXPECT_EQ(Pinyin("陈桦"), "chenhua");
}

TEST(NameText, UmlautIsWrittenV) {
  // Proves that ü is written v, as pinyin input methods type it: 吕 and 卢, both common
  // surnames, keep different keys.
  EXPECT_EQ(Pinyin("吕"), "lv");
  EXPECT_EQ(Pinyin("卢"), "lu");
  EXPECT_EQ(Pinyin("女"), "nv");
  EXPECT_EQ(Pinyin("略"), "lve");
  EXPECT_EQ(Pinyin("吕丽"), "lvli");
}

TEST(NameText, PolyphonicSurnamesReadAsSurnames) {
  // Proves that Han-Latin/Names gives the surname readings, the same wherever the
  // character stands.
  EXPECT_EQ(Pinyin("仇"), "qiu");
  EXPECT_EQ(Pinyin("翟"), "zhai");
  EXPECT_EQ(Pinyin("单"), "shan");
  EXPECT_EQ(Pinyin("曾"), "zeng");
  EXPECT_EQ(Pinyin("查"), "zha");
  EXPECT_EQ(Pinyin("区"), "ou");
  EXPECT_EQ(Pinyin("单单"), "shanshan");
}

TEST(NameText, AsciiNames) {
  // Proves that ASCII names are lower-cased, lose separators, keep digits and symbols in
  // the simplified key only.
  NormalisedName name = Shared().Normalise("John SMITH");
  EXPECT_EQ(name.simplified, "johnsmith");
  EXPECT_EQ(name.pinyin, "johnsmith");
  EXPECT_EQ(Simplified("O'Brien"), "o'brien");
  EXPECT_EQ(Pinyin("O'Brien"), "obrien");
  EXPECT_EQ(Simplified("张伟2"), "张伟2");
  EXPECT_EQ(Pinyin("张伟2"), "zhangwei");
  EXPECT_EQ(Simplified("张伟(1)"), "张伟(1)");
  EXPECT_EQ(Pinyin("张伟(1)"), "zhangwei");
}

TEST(NameText, OtherLettersAndRareCharacters) {
  // Proves that accented Latin letters read as ASCII, and that letters without a Latin
  // reading (an Extension A ideograph ICU has no pinyin for, Cyrillic) and private-use
  // characters read as "u" and their code point in hex.
  EXPECT_EQ(Simplified("José"), "josé");
  EXPECT_EQ(Pinyin("José"), "jose");
  EXPECT_EQ(Pinyin("Strauß"), "strauss");
  EXPECT_EQ(Pinyin("张㐂"), "zhangu3402");
  EXPECT_EQ(Pinyin("Иван"), "u418u432u430u43d");
  EXPECT_EQ(Simplified("王\uE000"), "王\uE000");
  EXPECT_EQ(Pinyin("王\uE000"), "wangue000");
  EXPECT_EQ(Pinyin("〇"), "ling");
}

TEST(NameText, InvalidUtf8IsDroppedNotRefused) {
  // Proves that ill-formed bytes from old systems are dropped and the rest normalised:
  // a stray byte, a cut sequence, an overlong form, a surrogate and U+FFFD.
  for (const char* spelling : {"张\xFF伟", "张\xE4\xBC伟", "\xC0\xAF张伟", "张伟\xED\xA0\x80",
                               "张\uFFFD伟", "\x80张伟\xE4"}) {
    SCOPED_TRACE(spelling);
    const NormalisedName name = Shared().Normalise(spelling);
    EXPECT_EQ(name.simplified, "张伟");
    EXPECT_EQ(name.pinyin, "zhangwei");
    EXPECT_TRUE(name.changes.invalid_bytes_dropped);
  }
  EXPECT_EQ(Simplified("\xFF\xFE"), "");
}

TEST(NameText, EmptyAndSeparatorOnlyNames) {
  // Proves that an empty name and a name of separators only give empty keys.
  const NormalisedName empty = Shared().Normalise("");
  EXPECT_EQ(empty.simplified, "");
  EXPECT_EQ(empty.pinyin, "");
  EXPECT_EQ(empty.changes, NameChanges{});
  const NormalisedName dots = Shared().Normalise(" ·　- ");
  EXPECT_EQ(dots.simplified, "");
  EXPECT_EQ(dots.pinyin, "");
  EXPECT_TRUE(dots.changes.separators_removed);
}

TEST(NameText, BuffersAreClearedAndReused) {
  // Proves that the caller's buffers are cleared first, so one pair serves a whole list.
  std::string simplified = "left over";
  std::string pinyin = "left over";
  const NameChanges changes = Shared().Normalise("張偉", simplified, pinyin);
  EXPECT_EQ(simplified, "张伟");
  EXPECT_EQ(pinyin, "zhangwei");
  EXPECT_TRUE(changes.traditional_converted);
  Shared().Normalise("李丽", simplified, pinyin);
  EXPECT_EQ(simplified, "李丽");
  EXPECT_EQ(pinyin, "lili");
}

TEST(NameText, CombiningMarkFreedBySeparatorRemovalIsComposed) {
  // Proves that when removing a separator brings a combining mark next to its letter,
  // the result is NFKC all the same (and so normalising it again changes nothing).
  const NormalisedName name = Shared().Normalise("e-\u0301");
  EXPECT_EQ(name.simplified, "\u00E9");
  EXPECT_EQ(name.pinyin, "e");
  EXPECT_EQ(Shared().Normalise(name.simplified).simplified, name.simplified);
}

TEST(NameText, MovedNormaliserKeepsWorking) {
  // Proves that a normaliser moved into a Result and out again keeps its state.
  Result<NameNormaliser> created = NameNormaliser::Create();
  ASSERT_TRUE(created.ok());
  NameNormaliser normaliser = std::move(*created);
  NameNormaliser moved = std::move(normaliser);
  EXPECT_EQ(moved.Normalise("張偉").pinyin, "zhangwei");
}

TEST(NameTextTables, FastPathBlocksAreNfkcInert) {
  // Proves the fast path's claim: ICU says every code point U+3400–U+9FFF is NFKC-inert
  // (no decomposition, no composition with its neighbours), so names of ASCII and these
  // characters need no NFKC.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 c = 0x3400; c <= 0x9FFF; ++c) {
    ASSERT_TRUE(nfkc->isInert(c)) << std::hex << c;
  }
}

TEST(NameTextTables, EveryDenseCharacterIsIdempotentAndAgreesAcrossPaths) {
  // Proves, for every character U+3400–U+9FFF, that its simplified form normalises to
  // itself with the same pinyin, that the pinyin is an ASCII key (non-empty for the
  // ideographs), and that the general path gives what the fast path gives.
  for (uint32_t c = 0x3400; c <= 0x9FFF; ++c) {
    const std::string text = Utf8(c);
    const NormalisedName fast = Shared().Normalise(text);
    const NormalisedName general = SharedGeneral().Normalise(text);
    ASSERT_EQ(fast.simplified, general.simplified) << std::hex << c;
    ASSERT_EQ(fast.pinyin, general.pinyin) << std::hex << c;
    ASSERT_TRUE(IsPinyinKey(fast.pinyin)) << std::hex << c;
    ASSERT_EQ(Characters(fast.simplified).size(), 1u) << std::hex << c;
    const bool hexagram = c >= 0x4DC0 && c <= 0x4DFF;
    ASSERT_EQ(fast.pinyin.empty(), hexagram) << std::hex << c;
    const NormalisedName again = Shared().Normalise(fast.simplified);
    ASSERT_EQ(again.simplified, fast.simplified) << std::hex << c;
    ASSERT_EQ(again.pinyin, fast.pinyin) << std::hex << c;
    ASSERT_FALSE(again.changes.traditional_converted) << std::hex << c;
  }
}

// Characters the property below builds names from: simplified and traditional ideographs,
// ASCII, full-width forms, separators, whitespace, compatibility ideographs, combining
// marks, accented and non-Latin letters, rare and private-use characters, broken bytes.
// One line per kind of piece.
// clang-format off
const std::vector<std::string> kPieces = {
    "张", "伟", "李", "丽", "王", "静", "刘", "明", "陈", "华", "吕", "女", "仇", "单",
    "張", "偉", "劉", "麗", "華", "陳", "國", "寶", "鳳", "蘭", "薴", "苧", "乾", "於",
    "a", "Z", "e", "u", "0", "7", " ", ".", "-", "'", "(", "\t",
    "Ｚ", "ｈ", "１", "　", "．", "－",
    "·", "•", "‧", "・", "･", "∙", "⋅", "\u0387", "。", "—",
    "\u00A0", "\u200B", "\uFEFF", "\uFE00", "\u00AD",
    "\uF90A", "\uF9D0", "\u0301", "\u0308", "\u030C",
    "é", "ü", "ß", "И", "\u3402", "\U00020000", "\U0002B748", "\uE000", "〇", "々", "\u4DC0",
    "\uFFFD", "\xFF", "\xE4\xBC", "\xC0", "\xED\xA0\x80", "㍿", "㈱", "Ⅻ"};
// clang-format on

RC_GTEST_PROP(NameTextProperty, NormalisingTheSimplifiedKeyChangesNothing, ()) {
  // Proves idempotence: the simplified key normalises to itself and to the same pinyin;
  // both keys are well formed (valid NFKC UTF-8; ASCII [a-z0-9]); the general path gives
  // what the fast path gives.
  const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces));
  std::string name;
  for (const std::string& piece : pieces) name += piece;

  const NormalisedName once = Shared().Normalise(name);
  const NormalisedName twice = Shared().Normalise(once.simplified);
  RC_ASSERT(twice.simplified == once.simplified);
  RC_ASSERT(twice.pinyin == once.pinyin);
  RC_ASSERT(!twice.changes.traditional_converted);
  RC_ASSERT(!twice.changes.separators_removed);
  RC_ASSERT(IsValidUtf8(once.simplified));
  RC_ASSERT(IsNfkcUtf8(once.simplified));
  RC_ASSERT(IsPinyinKey(once.pinyin));

  const NormalisedName general = SharedGeneral().Normalise(name);
  RC_ASSERT(general.simplified == once.simplified);
  RC_ASSERT(general.pinyin == once.pinyin);
}

RC_GTEST_PROP(NameTextProperty, AnyCodePointsGiveIdempotentKeys, ()) {
  // Proves idempotence over all of Unicode, where NFKC expands characters into several
  // (⑴ → "(1)", ㍿ → 株式会社) or into separators (U+2024 → "."), mixed with the pieces
  // above so that combining marks meet letters and separators.
  const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::oneOf(
      rc::gen::elementOf(kPieces),
      rc::gen::map(rc::gen::suchThat(rc::gen::inRange<uint32_t>(0, 0x110000),
                                     [](uint32_t c) { return c < 0xD800 || c > 0xDFFF; }),
                   [](uint32_t c) { return Utf8(c); })));
  std::string name;
  for (const std::string& piece : pieces) name += piece;

  const NormalisedName once = Shared().Normalise(name);
  const NormalisedName twice = Shared().Normalise(once.simplified);
  RC_ASSERT(twice.simplified == once.simplified);
  RC_ASSERT(twice.pinyin == once.pinyin);
  RC_ASSERT(IsValidUtf8(once.simplified));
  RC_ASSERT(IsNfkcUtf8(once.simplified));
  RC_ASSERT(IsPinyinKey(once.pinyin));
  const NormalisedName general = SharedGeneral().Normalise(name);
  RC_ASSERT(general.simplified == once.simplified);
  RC_ASSERT(general.pinyin == once.pinyin);
}

RC_GTEST_PROP(NameTextProperty, ArbitraryBytesGiveWellFormedKeys, (const std::string& bytes)) {
  // Proves the same for arbitrary bytes: never a crash, always valid keys, idempotent.
  const NormalisedName once = Shared().Normalise(bytes);
  RC_ASSERT(IsValidUtf8(once.simplified));
  RC_ASSERT(IsNfkcUtf8(once.simplified));
  RC_ASSERT(IsPinyinKey(once.pinyin));
  const NormalisedName twice = Shared().Normalise(once.simplified);
  RC_ASSERT(twice.simplified == once.simplified);
  RC_ASSERT(twice.pinyin == once.pinyin);
}

}  // namespace
}  // namespace minsheng::dedup
