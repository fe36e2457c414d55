// Tests for ResidentId (GB 11643-1999): the required numbers, every kind of
// rejection with its reason, 15 → 18 upgrade, and the check character's power to catch
// single-character substitutions and adjacent transpositions.
#include "core/resident_id.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace minsheng {
namespace {

// A fixed "today" so that the tests do not change with the calendar.
const Date kToday = Date::FromYmd(2026, 11, 23).value();

std::string Why(std::string_view number) {
  auto id = ResidentId::Parse(number, kToday);
  EXPECT_FALSE(id.ok()) << number << " was accepted";
  return id.ok() ? "" : id.status().message();
}

TEST(ResidentId, RequiredNumbersHold) {
  // Proves the numbers the issue lists parse with the right birth date, sex and region.
  auto female = ResidentId::Parse("11010519491231002X", kToday);
  ASSERT_TRUE(female.ok()) << female.status().ToString();
  EXPECT_EQ(female->birth_date().ToString(), "1949-12-31");
  EXPECT_EQ(female->sex(), Sex::kFemale);
  EXPECT_EQ(female->region_code(), "110105");
  EXPECT_EQ(female->sequence(), 2);

  auto old_man = ResidentId::Parse("440524188001010014", kToday);
  ASSERT_TRUE(old_man.ok()) << old_man.status().ToString();
  EXPECT_EQ(old_man->sex(), Sex::kMale);
  EXPECT_EQ(old_man->birth_date().ToString(), "1880-01-01");

  auto wudi = ResidentId::Parse("371623198506120033", kToday);
  ASSERT_TRUE(wudi.ok()) << wudi.status().ToString();
  EXPECT_EQ(wudi->sex(), Sex::kMale);
  EXPECT_EQ(wudi->region_code(), "371623");
  EXPECT_EQ(wudi->birth_date().ToString(), "1985-06-12");
}

TEST(ResidentId, LowerCaseXIsNormalised) {
  // Proves a lower-case x check character is accepted and stored upper-case.
  auto id = ResidentId::Parse("11010519491231002x", kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->number(), "11010519491231002X");
}

TEST(ResidentId, EachRejectionSaysWhy) {
  // Proves each kind of bad number is refused with a reason a clerk can act on.
  EXPECT_EQ(Why("371623198506120034"), "check character should be 3, not 4");
  EXPECT_EQ(Why("110105194912310021"), "check character should be X, not 1");
  EXPECT_EQ(Why("37162319850612003"), "expected 18 characters, got 17");
  EXPECT_EQ(Why("3716231985061200331"), "expected 18 characters, got 19");
  EXPECT_EQ(Why("37162319850612A033"), "character 15 should be a digit");
  EXPECT_EQ(Why("37162319850612003Y"), "character 18 should be a digit or X");
  EXPECT_EQ(Why("371623199002300033"), "no such date 1990-02-30");
  EXPECT_EQ(Why("371623184901010033"), "birth year 1849 is before 1850");
  EXPECT_EQ(Why("371623202701010033"), "birth date 2027-01-01 is in the future");
  EXPECT_EQ(Why("991623198506120033"), "no province has the code 99 (region 991623)");
  EXPECT_EQ(Why(""), "expected 18 characters, got 0");
}

TEST(ResidentId, CheckCharacterTable) {
  // Proves the MOD 11-2 mapping of remainders to characters, including X for 2.
  EXPECT_EQ(ResidentIdCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(ResidentIdCheckCharacter("37162319850612003"), '3');
  EXPECT_EQ(ResidentIdCheckCharacter("44052418800101001"), '4');
}

TEST(ResidentIdUpgrade, FifteenToEighteen) {
  // Proves the 15-digit example and the errors of the conversion.
  EXPECT_EQ(*UpgradeFifteenDigit("110105491231002", kToday), "11010519491231002X");
  EXPECT_EQ(UpgradeFifteenDigit("11010549123100", kToday).status().message(),
            "expected 15 digits, got 14 characters");
  EXPECT_EQ(UpgradeFifteenDigit("11010549123100X", kToday).status().message(),
            "character 15 should be a digit");
  EXPECT_EQ(UpgradeFifteenDigit("110105490231002", kToday).status().message(),
            "no such date 1949-02-31");
  auto any = ResidentId::ParseAnyLength("110105491231002", kToday);
  ASSERT_TRUE(any.ok());
  EXPECT_EQ(any->number(), "11010519491231002X");
}

// A valid number built from generated parts: a real province, a date in range, any
// sequence, and the right check character.
rc::Gen<std::string> GenerateValidNumber() {
  return rc::gen::apply(
      [](int region_index, int days, int sequence) {
        static const std::vector<std::string> kRegions = {"371623", "370303", "110105",
                                                          "440524", "650102", "820000"};
        const Date birth = Date::FromYmd(1850, 1, 1)->AddDays(days);
        std::string number = kRegions[region_index] + birth.ToString().substr(0, 4) +
                             birth.ToString().substr(5, 2) + birth.ToString().substr(8, 2);
        std::string sequence_text = std::to_string(1000 + sequence).substr(1);
        number += sequence_text;
        number.push_back(ResidentIdCheckCharacter(number));
        return number;
      },
      rc::gen::inRange(0, 6), rc::gen::inRange(0, DaysBetween(*Date::FromYmd(1850, 1, 1), kToday)),
      rc::gen::inRange(0, 1000));
}

RC_GTEST_PROP(ResidentIdProperty, GeneratedNumbersAreValid, ()) {
  // Proves the generator below is sound, so the two rejection properties mean something.
  const std::string number = *GenerateValidNumber();
  RC_ASSERT(ResidentId::Parse(number, kToday).ok());
}

RC_GTEST_PROP(ResidentIdProperty, EverySubstitutionIsRejected, ()) {
  // Proves any single-character substitution of a valid number is refused.
  const std::string number = *GenerateValidNumber();
  const size_t position = *rc::gen::inRange<size_t>(0, number.size());
  const char replacement =
      *rc::gen::element('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'x', 'A', ' ');
  RC_PRE(replacement != number[position]);
  RC_PRE(!(position == 17 && number[17] == 'X' && replacement == 'x'));
  std::string changed = number;
  changed[position] = replacement;
  RC_ASSERT(!ResidentId::Parse(changed, kToday).ok());
}

RC_GTEST_PROP(ResidentIdProperty, EveryAdjacentTranspositionIsRejected, ()) {
  // Proves swapping any two neighbouring, different characters of a valid number is refused.
  const std::string number = *GenerateValidNumber();
  const size_t position = *rc::gen::inRange<size_t>(0, number.size() - 1);
  RC_PRE(number[position] != number[position + 1]);
  std::string changed = number;
  std::swap(changed[position], changed[position + 1]);
  RC_ASSERT(!ResidentId::Parse(changed, kToday).ok());
}

TEST(ResidentIdExhaustive, AllSubstitutionsAndTranspositionsOfTheRequiredNumbers) {
  // Proves, exhaustively for the numbers, what the properties sample.
  for (std::string number : {"11010519491231002X", "440524188001010014", "371623198506120033"}) {
    for (size_t i = 0; i < number.size(); ++i) {
      for (char c : std::string("0123456789X")) {
        if (c == number[i]) continue;
        std::string changed = number;
        changed[i] = c;
        EXPECT_FALSE(ResidentId::Parse(changed, kToday).ok()) << changed;
      }
      if (i + 1 < number.size() && number[i] != number[i + 1]) {
        std::string swapped = number;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_FALSE(ResidentId::Parse(swapped, kToday).ok()) << swapped;
      }
    }
  }
}

}  // namespace
}  // namespace minsheng
