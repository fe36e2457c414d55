// JsonWriter: compact JSON written straight into a string, for documents written by the
// hundred thousand — a payment run's receipts — where building nlohmann's tree first
// costs an allocation for every value and most of the run's time.
//
// The text is what nlohmann's dump() gives for the same document: no spaces, UTF-8 kept
// as it is, `"`, `\` and control characters escaped (\b \f \n \r \t, else \u00xx).
// A byte that is not part of valid UTF-8 becomes U+FFFD, so the text is always valid
// JSON. The writer trusts its caller to nest and key correctly (a key in every object
// member, none in arrays); tests check each document it is used for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minsheng {

class JsonWriter {
 public:
  JsonWriter& Object();  // {
  JsonWriter& Array();   // [
  JsonWriter& End();     // the } or ] of the innermost open object or array
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  // A member: Key(key), then the value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  // The comma before a value or key that is not the first in its object or array.
  void Separate();

  struct Open {
    char closer;       // } or ]
    bool has_members;  // a value (or key) written in it already
  };
  std::string out_;
  std::vector<Open> open_;  // innermost last
  bool after_key_ = false;
};

// `text` as a JSON string, quotes included, appended to `out` (escaped as above).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace minsheng
