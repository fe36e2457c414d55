// LoadFundScenario (scenario.h): the scenario file read whole, scanned for its
// ```minsheng blocks as a pack's files are (policy/markdown.h, policy/yaml_block.h), and
// its one `fund:` read by ReadFund (scenario_fields.cc).
#include <filesystem>

#include "policy/markdown.h"
#include "policy/source_text.h"
#include "policy/yaml_block.h"
#include "projection/scenario.h"
#include "projection/scenario_fields.h"

namespace minsheng::projection {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

Result<std::string> ReadScenarioFile(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return NotFound("no scenario file at '" + path + "'");
  if (fs::is_directory(path, error)) {
    return InvalidArgument("'" + path + "' is a folder: give the scenario's .md file");
  }
  return policy::ReadFileAtMost(path, kScenarioBytesMax,
                                "'" + path + "' is larger than " + std::to_string(kScenarioBytesMax >> 20) +
                                    " MiB: a scenario file is a page of text");
}

std::string Where(const SourceLocation& location) {
  return location.file + ":" + std::to_string(location.line);
}

}  // namespace

Result<FundScenario> ParseFundScenario(std::string_view text, const std::string& file) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  if (Status utf8 = policy::CheckUtf8(text, file); !utf8.ok()) return utf8;
  const std::vector<std::string> lines = policy::SplitLines(text);
  Result<std::vector<policy::MinshengBlock>> blocks = policy::ScanMarkdown(lines, file);
  if (!blocks.ok()) return blocks.status();

  std::optional<FundScenario> fund;
  for (const policy::MinshengBlock& block : *blocks) {
    Result<policy::YamlBlock> yaml = policy::YamlBlock::Parse(file, lines, block);
    if (!yaml.ok()) return yaml.status();
    const YAML::Node& root = yaml->root();
    if (!root.IsDefined() || root.IsNull()) continue;  // an empty block says nothing
    Result<std::vector<policy::YamlEntry>> sections =
        yaml->Entries(root, SourceLocation::InText(file, block.fence_line, 1),
                      "a scenario's ```minsheng block", {"fund"});
    if (!sections.ok()) return sections.status();
    for (const policy::YamlEntry& section : *sections) {
      if (fund.has_value()) {
        return InvalidArgument(
                   "a second `fund:`; a scenario file describes one fund, and the "
                   "first is at " +
                   Where(fund->location))
            .At(yaml->LocationOf(section.key_node));
      }
      Result<FundScenario> read = ReadFund(*yaml, section);
      if (!read.ok()) return read.status();
      fund = std::move(*read);
    }
  }
  if (!fund.has_value()) {
    return InvalidArgument(
               "no `fund:` in the file: quote the text, then give the fund in a ```minsheng "
               "block (docs/simulate.md)")
        .At(SourceLocation::InText(file, 0));
  }
  fund->file = file;
  return std::move(*fund);
}

std::string YearStartsText(const FundScenario& scenario) {
  const auto two_digits = [](int value) {
    return std::string(value < 10 ? "0" : "") + std::to_string(value);
  };
  return two_digits(scenario.start_month) + "-" + two_digits(scenario.start_day);
}

Result<FundScenario> LoadFundScenario(const std::string& path) {
  Result<std::string> bytes = ReadScenarioFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseFundScenario(*bytes, path);
}

std::string FormatScenarioDiagnostic(const Status& status) {
  const SourceLocation& location = status.location();
  if (location.file.empty() || location.line <= 0) return status.ToString() + "\n";
  Result<std::string> bytes = ReadScenarioFile(location.file);
  if (!bytes.ok()) return status.ToString() + "\n";
  const std::vector<std::string> lines = policy::SplitLines(*bytes);
  if (static_cast<size_t>(location.line) > lines.size()) return status.ToString() + "\n";
  const std::string& line = lines[static_cast<size_t>(location.line) - 1];
  std::string text = status.ToString() + "\n    " + line + "\n";
  if (location.column > 0) text += "    " + policy::CaretIndent(line, location.column) + "^\n";
  return text;
}

}  // namespace minsheng::projection
