#include "dedup/compare.h"

#include <gtest/gtest.h>

namespace minsheng::dedup {
namespace {

const Date kToday = *Date::FromYmd(2013, 6, 30);

Record Make(std::string_view id, std::string name, std::string pinyin, std::string_view birth = "",
            uint8_t sex = kSexUnknown, uint32_t county = 0) {
  Record record;
  record.id = NormaliseId(id, kToday);
  record.name = std::move(name);
  record.pinyin = std::move(pinyin);
  if (!birth.empty()) {
    record.has_birth = true;
    record.birth = *Date::Parse(birth);
  }
  record.sex = sex;
  record.county = county;
  return record;
}

TEST(DedupCompare, IdLevels) {
  const NormalisedId valid = NormaliseId("371623198506120033", kToday);
  EXPECT_EQ(CompareIds(valid, NormaliseId("371623198506120033", kToday)), 1);  // exact
  EXPECT_EQ(CompareIds(valid, NormaliseId("371623198506120083", kToday)), 2);  // one digit
  EXPECT_EQ(CompareIds(valid, NormaliseId("371623198560120033", kToday)), 2);  // swapped
  EXPECT_EQ(CompareIds(valid, NormaliseId("371623198506120041", kToday)), 4);  // conflict
  EXPECT_EQ(CompareIds(valid, NormaliseId("371623198506120548", kToday)), 3);  // suspect, apart
  EXPECT_EQ(CompareIds(valid, NormaliseId("", kToday)), kLevelMissing);
  EXPECT_EQ(CompareIds(valid, NormaliseId("abc", kToday)), kLevelMissing);
  // The old 15-digit form of the same number is the same number.
  EXPECT_EQ(CompareIds(NormaliseId("11010519491231002X", kToday), NormaliseId("110105491231002", kToday)), 1);
}

TEST(DedupCompare, NameLevels) {
  EXPECT_EQ(CompareNames("张伟", "zhangwei", "张伟", "zhangwei"), 1);
  EXPECT_EQ(CompareNames("张伟", "zhangwei", "张玮", "zhangwei"), 2);   // homophone
  EXPECT_EQ(CompareNames("张伟", "zhangwei", "张伟强", "zhangweiqiang"), 3);  // one added
  EXPECT_EQ(CompareNames("张伟", "zhangwei", "张军", "zhangjun"), 3);   // one changed
  EXPECT_EQ(CompareNames("张伟", "zhangwei", "李娜", "lina"), 4);
  EXPECT_EQ(CompareNames("", "", "李娜", "lina"), kLevelMissing);
  // Long names (a foreign name, a name with its transliteration) are compared whole: two
  // characters apart past the 32nd are two edits, not one.
  std::string long_a(40, 'a');
  std::string long_b = long_a;
  long_b[34] = 'x';
  EXPECT_EQ(CompareNames(long_a, long_a, long_b, long_b), 3);
  long_b[38] = 'y';
  EXPECT_EQ(CompareNames(long_a, long_a, long_b, long_b), 4);
  EXPECT_EQ(CompareNames("阿依古丽买买提", "ayiguli", "阿依古丽买提", "ayiguli"), 2);  // same pinyin
  EXPECT_EQ(CompareNames("阿依古丽买买提", "x", "阿依古丽买提", "y"), 3);   // one dropped
  EXPECT_EQ(LevelName(kFieldName, 2), std::string("homophone"));
}

TEST(DedupCompare, BirthLevels) {
  const Record a = Make("", "x", "x", "1980-03-05");
  EXPECT_EQ(CompareBirths(a, Make("", "x", "x", "1980-03-05")), 1);
  EXPECT_EQ(CompareBirths(a, Make("", "x", "x", "1980-05-03")), 2);  // day and month swapped
  EXPECT_EQ(CompareBirths(a, Make("", "x", "x", "1980-03-06")), 2);  // one digit
  EXPECT_EQ(CompareBirths(a, Make("", "x", "x", "1908-03-05")), 2);  // two digits swapped
  EXPECT_EQ(CompareBirths(a, Make("", "x", "x", "1975-11-20")), 3);
  EXPECT_EQ(CompareBirths(a, Make("", "x", "x")), kLevelMissing);
}

TEST(DedupCompare, PatternHoldsEveryField) {
  const Record a = Make("371623198506120033", "张伟", "zhangwei", "1985-06-12", kSexMale, 370302);
  const Record b = Make("", "张玮", "zhangwei", "1985-06-12", kSexMale, 370303);
  const Pattern pattern = Compare(a, b);
  EXPECT_EQ(LevelOf(pattern, kFieldId), kLevelMissing);
  EXPECT_EQ(LevelOf(pattern, kFieldName), 2);
  EXPECT_EQ(LevelOf(pattern, kFieldBirth), 1);
  EXPECT_EQ(LevelOf(pattern, kFieldSex), 1);
  EXPECT_EQ(LevelOf(pattern, kFieldCounty), 2);
  EXPECT_EQ(Compare(b, a), pattern);  // symmetric
}

}  // namespace
}  // namespace minsheng::dedup
