// Tests for Status, Result and SourceLocation: how errors read, where they point, and
// which of them are the user's.
#include "core/status.h"

#include <gtest/gtest.h>

namespace minsheng {
namespace {

TEST(Status, OkAndErrors) {
  // Proves a default Status is OK and an error keeps its code and message.
  EXPECT_TRUE(Status().ok());
  EXPECT_EQ(Status().ToString(), "OK");
  Status error = InvalidArgument("check character should be X");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.ToString(), "check character should be X");
  EXPECT_STREQ(ErrorCodeName(error.code()), "invalid argument");
}

TEST(Status, LocationsInTextAndTables) {
  // Proves errors name the place: file:line:column in text, row and field in tables.
  Status in_text = InvalidArgument("unknown parameter 'deductable'")
                       .At(SourceLocation::InText("policies/wudi-2013/pack.md", 41, 17));
  EXPECT_EQ(in_text.ToString(), "policies/wudi-2013/pack.md:41:17: unknown parameter 'deductable'");
  Status in_table = InvalidArgument("check character should be X")
                        .At(SourceLocation::InTable("persons.csv", 1042, "resident_id"));
  EXPECT_EQ(in_table.ToString(),
            "persons.csv: row 1042: field 'resident_id': check character should be X");
  EXPECT_EQ(SourceLocation::InText("regions.tsv", 3).ToString(), "regions.tsv:3");
}

TEST(Status, AtKeepsTheFirstLocation) {
  // Proves the innermost location wins when an error passes up through several layers.
  Status inner = InvalidArgument("bad").At(SourceLocation::InText("a.md", 1, 2));
  EXPECT_EQ(inner.At(SourceLocation::InText("b.md", 9, 9)).location().file, "a.md");
  EXPECT_EQ(inner.Prefixed("loading pack").ToString(), "a.md:1:2: loading pack: bad");
}

TEST(Status, UserAndInternalErrors) {
  // Proves which errors are the user's (exit code 1) and which are minsheng's (2).
  EXPECT_TRUE(InvalidArgument("x").is_user_error());
  EXPECT_TRUE(Overflow("x").is_user_error());
  EXPECT_FALSE(Internal("x").is_user_error());
  EXPECT_FALSE(Status(ErrorCode::kIo, "disk full").is_user_error());
}

TEST(Result, HoldsAValueOrAnError) {
  // Proves Result carries either its value or the Status that kept it from being made.
  Result<int> value = 42;
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 42);
  Result<int> error = NotFound("no such code");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace minsheng
