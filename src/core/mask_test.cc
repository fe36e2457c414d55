// Tests for masking: public outputs never carry a full name, ID number or phone number.
#include "core/mask.h"

#include <gtest/gtest.h>

namespace minsheng {
namespace {

TEST(MaskName, KeepsFirstAndLastCharacter) {
  // Proves the examples and the edge cases of one character and empty names.
  EXPECT_EQ(MaskName("张三丰"), "张*丰");
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧**娜");
  EXPECT_EQ(MaskName("李"), "*");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskName("Ann"), "A*n");
}

TEST(MaskName, MalformedUtf8NeverLeaksMore) {
  // Proves a broken byte counts as one character: the middle stays hidden.
  EXPECT_EQ(MaskName("\xE5\xBC"), "\xE5*");
  EXPECT_EQ(MaskName("张\xFF丰"), "张*丰");
}

TEST(MaskIdNumber, KeepsFirstTwoAndLastThree) {
  // Proves an 18-character ID keeps 2 + 3 characters and hides 13.
  EXPECT_EQ(MaskIdNumber("371623198506120033"), "37*************033");
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "11*************02X");
  EXPECT_EQ(MaskIdNumber("110105491231002"), "11**********002");
  EXPECT_EQ(MaskIdNumber("12345678"), "******78");
}

TEST(MaskPhone, KeepsFirstThreeAndLastFour) {
  // Proves a mobile number keeps 3 + 4 digits, separators or not.
  EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
  EXPECT_EQ(MaskPhone("138-1234-1234"), "138****1234");
  EXPECT_EQ(MaskPhone("05436012345"), "054****2345");
  EXPECT_EQ(MaskPhone("6012345"), "*****45");
}

}  // namespace
}  // namespace minsheng
