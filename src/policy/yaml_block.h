// One ```minsheng block's YAML, parsed by yaml-cpp, with every position mapped back to
// the .md file it stands in.
//
// yaml-cpp marks nodes with 0-based line and byte offsets within the block; a YamlBlock
// turns them into the pack-relative file:line:column an author can find (column counted
// in characters, see source_text.h). It also reads mappings strictly, as a pack needs:
// no key twice, no key the definition does not know (with a did-you-mean hint). Aliases
// (*name) are refused: a few of them can make a small file expand into a huge pack.
// A YamlBlock refers to the file's lines and block, which must outlive it.
// Thread-compatible. Internal to the policy capability, and to the projection's scenario
// loader (src/projection), whose ```minsheng block is read as strictly.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/markdown.h"

namespace minsheng::policy {

// One key: value pair of a mapping, the key a plain scalar.
struct YamlEntry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

class YamlBlock {
 public:
  // Parses the block's YAML. Errors, at file:line:column: YAML that does not parse, an
  // alias, more than one document.
  static Result<YamlBlock> Parse(const std::string& file, const std::vector<std::string>& lines,
                                 const MinshengBlock& block);

  const YAML::Node& root() const { return root_; }
  const std::string& file() const { return *file_; }
  const MinshengBlock& block() const { return *block_; }

  // Where a node (or a mark) is in the .md file.
  SourceLocation LocationOf(const YAML::Mark& mark) const;
  SourceLocation LocationOf(const YAML::Node& node) const { return LocationOf(node.Mark()); }
  // Where an entry's value is; at its key when the value is empty, since yaml-cpp marks
  // an empty value where the next token starts, often on a later line.
  SourceLocation ValueLocation(const YamlEntry& entry) const;
  // Where a scalar's text starts: its first character for a plain scalar, the one after
  // the opening quote for a quoted one, and for a block scalar (| or >) the first
  // character of its first non-blank content line.
  SourceLocation TextLocation(const YAML::Node& node) const;

  // The entries of a mapping, in the order written. `what` names the mapping in errors
  // ("parameter 'fare'"); `where` places an error when the node itself is empty. When
  // `allowed` is not empty, a key outside it is an error with the closest allowed key as a
  // hint. Errors: not a mapping, a key that is not a plain scalar, a key given twice.
  Result<std::vector<YamlEntry>> Entries(const YAML::Node& node, const SourceLocation& where,
                                         const std::string& what,
                                         const std::vector<std::string>& allowed) const;

  // The text of an entry's value, which must be a single scalar; `what` names it in
  // errors ("`unit` of parameter 'fare'").
  Result<std::string> Scalar(const YamlEntry& entry, const std::string& what) const;

 private:
  YamlBlock(const std::string& file, const std::vector<std::string>& lines,
            const MinshengBlock& block, YAML::Node root)
      : file_(&file), lines_(&lines), block_(&block), root_(std::move(root)) {}

  const std::string* file_;
  const std::vector<std::string>* lines_;
  const MinshengBlock* block_;
  YAML::Node root_;
};

// The entry with the key, or nullptr.
const YamlEntry* FindEntry(const std::vector<YamlEntry>& entries, std::string_view key);

}  // namespace minsheng::policy
