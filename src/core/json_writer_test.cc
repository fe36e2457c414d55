// Tests for JsonWriter: its text is nlohmann's dump() of the same document, byte for byte,
// and stays valid JSON whatever bytes a string holds.
#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace minsheng {
namespace {

TEST(JsonWriter, WritesWhatNlohmannDumps) {
  JsonWriter writer;
  writer.Object()
      .Field("id", "pay/dibao/2017-03/370302193906170281/a11e98ff")
      .Field("amount", "3.67")
      .Field("seq", int64_t{-19})
      .Key("empty").Object().End()
      .Key("none").Array().End()
      .Key("program").Object().Field("title_zh", "城乡低保补差").Key("ok").Bool(true).End()
      .Key("lines").Array().String("a\n\t\"b\"\\").Int(0).Object().Field("x", "\x01\x1f\x7f").End().End()
      .End();
  nlohmann::ordered_json expected;
  expected["id"] = "pay/dibao/2017-03/370302193906170281/a11e98ff";
  expected["amount"] = "3.67";
  expected["seq"] = -19;
  expected["empty"] = nlohmann::ordered_json::object();
  expected["none"] = nlohmann::ordered_json::array();
  expected["program"] = {{"title_zh", "城乡低保补差"}, {"ok", true}};
  expected["lines"] = {"a\n\t\"b\"\\", 0, {{"x", "\x01\x1f\x7f"}}};
  EXPECT_EQ(writer.text(), expected.dump());
}

TEST(JsonWriter, EveryControlCharacterEscapedAsNlohmannDoes) {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
  all += "¥¢€𝄞";  // two-, three- and four-byte sequences kept as they are
  std::string written;
  AppendJsonString(written, all);
  EXPECT_EQ(written, nlohmann::json(all).dump());
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacters) {
  // Proves a stray byte, a truncated sequence, an overlong form and a surrogate each
  // yield valid JSON with U+FFFD, the valid text around them kept.
  for (const std::string bad : {"a\xFFz", "张\xE5\xBC", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    std::string written;
    AppendJsonString(written, bad);
    auto parsed = nlohmann::json::parse(written, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << written;
    EXPECT_NE(parsed.get<std::string>().find("\xEF\xBF\xBD"), std::string::npos) << written;
  }
  std::string written;
  AppendJsonString(written, "a\xFFz");
  EXPECT_EQ(written, "\"a\xEF\xBF\xBDz\"");
}

TEST(JsonWriter, RandomBytesAlwaysParse) {
  // Proves that for any bytes the text parses, and valid UTF-8 comes back unchanged.
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 12, '\0');
    for (char& c : bytes) c = static_cast<char>(random() % 256);
    std::string written;
    AppendJsonString(written, bytes);
    auto parsed = nlohmann::json::parse(written, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << written;
    std::string valid;
    bool is_valid = true;
    try {
      valid = nlohmann::json(bytes).dump();
    } catch (const nlohmann::json::exception&) {
      is_valid = false;
    }
    if (is_valid) {
      EXPECT_EQ(written, valid);
    }
  }
}

}  // namespace
}  // namespace minsheng
