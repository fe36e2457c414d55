// Parsing a ```minsheng block's YAML and mapping yaml-cpp's marks back to the .md file
// (yaml_block.h).
#include "policy/yaml_block.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "policy/check.h"
#include "policy/source_text.h"

namespace minsheng::policy {
namespace {

// Walks the YAML's events once before it is loaded, to refuse what the node tree would
// hide: aliases, and a second document (YAML::Load would silently drop it).
//
// It also notices when yaml-cpp stops reading: 0.7 (Debian 12's) never consumes a token
// it has no rule for, such as a ',' outside [ ] and { }, and reports an empty document
// at that token again and again, for ever and allocating each time (yaml-cpp issue
// 1040, fixed upstream in 2024 by pull request 1319). A real document always reads
// something, so two documents starting at one place mean the parser is stuck there.
class StructureScan : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> first_alias;
  std::optional<YAML::Mark> second_document;
  std::optional<YAML::Mark> stuck;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (previous_start_.has_value() && previous_start_->pos == mark.pos) stuck = mark;
    previous_start_ = mark;
    if (++documents_ == 2) second_document = mark;
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    if (!first_alias.has_value()) first_alias = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  int documents_ = 0;
  std::optional<YAML::Mark> previous_start_;
};

const char* KindOfNode(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "a single value";
}

std::string ListOf(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

}  // namespace

Result<YamlBlock> YamlBlock::Parse(const std::string& file, const std::vector<std::string>& lines,
                                   const MinshengBlock& block) {
  YamlBlock parsed(file, lines, block, YAML::Node());
  try {
    std::istringstream input(block.yaml);
    YAML::Parser parser(input);
    StructureScan scan;
    while (!scan.stuck.has_value() && parser.HandleNextDocument(scan)) {
    }
    if (scan.stuck.has_value()) {
      const auto pos = static_cast<size_t>(scan.stuck->pos);
      const bool comma = pos < block.yaml.size() && block.yaml[pos] == ',';
      return InvalidArgument(comma ? "invalid YAML: a ',' outside [ ] or { }"
                                   : "invalid YAML: unexpected text")
          .At(parsed.LocationOf(*scan.stuck));
    }
    if (scan.first_alias.has_value()) {
      return InvalidArgument("YAML aliases (*name) are not allowed in a pack: write the value out")
          .At(parsed.LocationOf(*scan.first_alias));
    }
    if (scan.second_document.has_value()) {
      return InvalidArgument("a ```minsheng block holds one YAML document: remove the '---'")
          .At(parsed.LocationOf(*scan.second_document));
    }
    parsed.root_ = YAML::Load(block.yaml);
  } catch (const YAML::Exception& error) {
    return InvalidArgument("invalid YAML: " + error.msg).At(parsed.LocationOf(error.mark));
  }
  return parsed;
}

SourceLocation YamlBlock::LocationOf(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) {
    return SourceLocation::InText(*file_, block_->fence_line, 1);
  }
  const size_t index = static_cast<size_t>(block_->first_yaml_line - 1 + mark.line);
  if (index >= lines_->size()) {
    return SourceLocation::InText(*file_, static_cast<int>(index) + 1, mark.column + 1);
  }
  return SourceLocation::InText(
      *file_, static_cast<int>(index) + 1,
      CharacterColumn((*lines_)[index], static_cast<size_t>(mark.column)));
}

SourceLocation YamlBlock::ValueLocation(const YamlEntry& entry) const {
  if (!entry.value.IsDefined() || entry.value.IsNull()) return LocationOf(entry.key_node);
  return LocationOf(entry.value);
}

SourceLocation YamlBlock::TextLocation(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return LocationOf(mark);
  const size_t index = static_cast<size_t>(block_->first_yaml_line - 1 + mark.line);
  const auto byte = static_cast<size_t>(mark.column);
  if (index >= lines_->size() || byte >= (*lines_)[index].size()) return LocationOf(mark);
  const std::string& line = (*lines_)[index];
  const char indicator = line[byte];
  if (indicator == '"' || indicator == '\'') {
    return SourceLocation::InText(*file_, static_cast<int>(index) + 1,
                                  CharacterColumn(line, byte + 1));
  }
  if (indicator == '|' || indicator == '>') {
    // The content starts on a later line; the closing fence (end_line) bounds the search.
    for (size_t next = index + 1; next + 1 < static_cast<size_t>(block_->end_line); ++next) {
      const std::string& content = (*lines_)[next];
      const size_t first = content.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      return SourceLocation::InText(*file_, static_cast<int>(next) + 1,
                                    CharacterColumn(content, first));
    }
  }
  return LocationOf(mark);
}

Result<std::vector<YamlEntry>> YamlBlock::Entries(const YAML::Node& node,
                                                  const SourceLocation& where,
                                                  const std::string& what,
                                                  const std::vector<std::string>& allowed) const {
  if (!node.IsDefined() || node.IsNull()) {
    return InvalidArgument(what + " is empty: it needs `key: value` lines").At(where);
  }
  if (!node.IsMap()) {
    return InvalidArgument(what + " should be a mapping of `key: value` lines, not " +
                           KindOfNode(node))
        .At(LocationOf(node));
  }
  std::vector<YamlEntry> entries;
  std::map<std::string, size_t> seen;
  for (const auto& pair : node) {
    // Copies: yaml-cpp's iterator hands out a temporary pair.
    const YAML::Node key = pair.first;
    if (!key.IsScalar()) {
      return InvalidArgument("a key of " + what + " should be a plain name, not " + KindOfNode(key))
          .At(LocationOf(key));
    }
    const std::string& text = key.Scalar();
    if (auto [previous, inserted] = seen.emplace(text, entries.size()); !inserted) {
      const SourceLocation first = LocationOf(entries[previous->second].key_node);
      return InvalidArgument("key '" + text + "' appears twice in " + what + " (first at line " +
                             std::to_string(first.line) + ")")
          .At(LocationOf(key));
    }
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
      std::string hint = ClosestName(text, allowed);
      std::string message = "unknown key '" + text + "' in " + what;
      message +=
          hint.empty() ? " (expected " + ListOf(allowed) + ")" : "; did you mean '" + hint + "'?";
      return InvalidArgument(message).At(LocationOf(key));
    }
    entries.push_back(YamlEntry{.key = text, .key_node = key, .value = pair.second});
  }
  return entries;
}

Result<std::string> YamlBlock::Scalar(const YamlEntry& entry, const std::string& what) const {
  if (!entry.value.IsDefined() || entry.value.IsNull()) {
    return InvalidArgument(what + " is empty: give it a value").At(LocationOf(entry.key_node));
  }
  if (!entry.value.IsScalar()) {
    return InvalidArgument(what + " should be a single value, not " + KindOfNode(entry.value))
        .At(LocationOf(entry.value));
  }
  return entry.value.Scalar();
}

const YamlEntry* FindEntry(const std::vector<YamlEntry>& entries, std::string_view key) {
  for (const YamlEntry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

}  // namespace minsheng::policy
