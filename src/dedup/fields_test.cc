#include "dedup/fields.h"

#include <gtest/gtest.h>

#include "core/resident_id.h"

namespace minsheng::dedup {
namespace {

const Date kToday = *Date::FromYmd(2013, 6, 30);

TEST(DedupFields, ValidIdIsTrustedWithItsBirthAndSex) {
  const NormalisedId id = NormaliseId("371623198506120033", kToday);
  EXPECT_EQ(id.state, IdState::kValid);
  EXPECT_EQ(id.text(), "371623198506120033");
  ASSERT_TRUE(id.has_birth);
  EXPECT_EQ(id.birth, *Date::FromYmd(1985, 6, 12));
  EXPECT_TRUE(id.male);
}

TEST(DedupFields, SpacesHyphensFullWidthAndLowerXAreFolded) {
  EXPECT_EQ(NormaliseId(" 110105 19491231 002x ", kToday).text(), "11010519491231002X");
  EXPECT_EQ(NormaliseId("110105-19491231-002X", kToday).state, IdState::kValid);
  // Full-width digits and Ｘ, as some systems export them.
  EXPECT_EQ(NormaliseId("１１０１０５１９４９１２３１００２Ｘ", kToday).text(), "11010519491231002X");
  EXPECT_EQ(NormaliseId("１１０１０５１９４９１２３１００２ｘ", kToday).state, IdState::kValid);
}

TEST(DedupFields, FifteenDigitsAreUpgraded) {
  const NormalisedId id = NormaliseId("110105491231002", kToday);
  EXPECT_EQ(id.state, IdState::kUpgraded);
  EXPECT_EQ(id.text(), "11010519491231002X");
  EXPECT_EQ(id.birth, *Date::FromYmd(1949, 12, 31));
}

TEST(DedupFields, AFailingCheckIsSuspectNotDiscarded) {
  // One digit changed (the 5th): the check character no longer fits.
  const NormalisedId id = NormaliseId("371663198506120033", kToday);
  EXPECT_EQ(id.state, IdState::kSuspect);
  EXPECT_TRUE(id.comparable());
  EXPECT_EQ(id.birth, *Date::FromYmd(1985, 6, 12));
  // An old number whose date is no date is upgraded all the same, as suspect.
  EXPECT_EQ(NormaliseId("110105491331002", kToday).state, IdState::kSuspect);
}

TEST(DedupFields, MissingAndMalformed) {
  EXPECT_EQ(NormaliseId("", kToday).state, IdState::kMissing);
  EXPECT_EQ(NormaliseId("   ", kToday).state, IdState::kMissing);
  EXPECT_EQ(NormaliseId("12345", kToday).state, IdState::kMalformed);
  EXPECT_EQ(NormaliseId("无", kToday).state, IdState::kMalformed);
  EXPECT_FALSE(NormaliseId("12345", kToday).comparable());
}

TEST(DedupFields, BirthDatesTypedEveryUsualWay) {
  const Date expected = *Date::FromYmd(1980, 3, 5);
  for (const char* text : {"1980/3/5", "19800305", "1980年3月5日", "1980年3月5", "1980.03.05",
                           "1980-3-5"}) {
    const TypedDate date = ParseTypedDate(text);
    ASSERT_TRUE(date.ok) << text;
    EXPECT_EQ(date.date, expected) << text;
    EXPECT_TRUE(date.typed_differently) << text;
  }
  EXPECT_EQ(ParseTypedDate("１９８０－０３－０５").date, expected);  // full-width digits
  const TypedDate iso = ParseTypedDate("1980-03-05");
  ASSERT_TRUE(iso.ok);
  EXPECT_FALSE(iso.typed_differently);
  for (const char* text : {"", "1980-02-30", "80-3-5", "1980/3", "March 5", "19800332", "0999-01-01"}) {
    EXPECT_FALSE(ParseTypedDate(text).ok) << text;
  }
}

TEST(DedupFields, SexInWordsCharactersAndCodes) {
  for (const char* text : {"male", "Male", "M", "男", "1", " 男 "}) EXPECT_EQ(ParseSex(text), kSexMale) << text;
  for (const char* text : {"female", "F", "女", "2"}) EXPECT_EQ(ParseSex(text), kSexFemale) << text;
  for (const char* text : {"", "unknown", "3", "未知"}) EXPECT_EQ(ParseSex(text), kSexUnknown) << text;
}

TEST(DedupFields, CountyOfARegionCode) {
  EXPECT_EQ(ParseCounty("370303"), 370303u);
  EXPECT_EQ(ParseCounty("370303101"), 370303u);
  EXPECT_EQ(ParseCounty("370303101001"), 370303u);
  EXPECT_EQ(ParseCounty("3703"), 0u);
  EXPECT_EQ(ParseCounty("张店区"), 0u);
  EXPECT_EQ(ParseCounty(""), 0u);
}

}  // namespace
}  // namespace minsheng::dedup
