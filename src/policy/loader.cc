// LoadPack: reads a pack folder's files within the pack limits, scans each .md file for
// its ```minsheng blocks and hands them to a PackBuilder; FormatDiagnostic shows an error
// at its line (loader.h).
//
// The folder is read whole before anything is built, so that the limits on files and bytes
// (expression.h) hold before any parsing starts, and so that the pack's version hashes
// exactly the bytes that were loaded.
#include "policy/loader.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "policy/check.h"
#include "policy/definitions.h"
#include "policy/expression.h"
#include "policy/markdown.h"
#include "policy/source_text.h"
#include "policy/yaml_block.h"

namespace minsheng::policy {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTestsFolder = "tests";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

struct PackFile {
  std::string path;  // pack-relative, '/'-separated: "rules.md", "tests/basic.yaml"
  std::string bytes;
};

// The names of the regular files directly in `folder` whose name ends in `extension`,
// sorted by byte value. Hidden files (an editor's .rules.md.swp, say) are left out.
Result<std::vector<std::string>> ListFiles(const fs::path& folder, std::string_view extension) {
  std::vector<std::string> names;
  std::error_code error;
  fs::directory_iterator entries(folder, error);
  for (; !error && entries != fs::directory_iterator(); entries.increment(error)) {
    const std::string name = entries->path().filename().string();
    if (name.starts_with('.') || !name.ends_with(extension)) continue;
    std::error_code type_error;
    if (!entries->is_regular_file(type_error)) continue;
    names.push_back(name);
    if (names.size() > kPackFilesMax) break;  // LoadPack reports it; stop listing here
  }
  if (error) {
    return Status(ErrorCode::kIo, "cannot list '" + folder.string() + "': " + error.message());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The pack's files in the order they are read and hashed: pack.md, the other .md files,
// then tests/*.yaml, each group sorted.
Result<std::vector<std::string>> ListPackFiles(const fs::path& folder) {
  const Status too_many = InvalidArgument(
      "the pack has more than " + std::to_string(kPackFilesMax) + " .md and tests/*.yaml files");
  Result<std::vector<std::string>> markdown = ListFiles(folder, ".md");
  if (!markdown.ok()) return markdown.status();
  if (markdown->size() > kPackFilesMax) return too_many;
  auto pack_file = std::find(markdown->begin(), markdown->end(), kPackFileName);
  if (pack_file == markdown->end()) {
    return NotFound("'" + folder.string() + "' has no " + kPackFileName +
                    ": a pack folder holds pack.md, more .md files and tests/ (docs/packs.md)");
  }
  std::vector<std::string> paths = {kPackFileName};
  for (const std::string& name : *markdown) {
    if (name != kPackFileName) paths.push_back(name);
  }
  const fs::path tests = folder / kTestsFolder;
  std::error_code error;
  if (fs::is_directory(tests, error)) {
    Result<std::vector<std::string>> yaml = ListFiles(tests, ".yaml");
    if (!yaml.ok()) return yaml.status();
    for (const std::string& name : *yaml) paths.push_back(std::string(kTestsFolder) + "/" + name);
  }
  if (paths.size() > kPackFilesMax) return too_many;
  return paths;
}

Result<std::string> ReadFile(const fs::path& path, size_t bytes_max) {
  return ReadFileAtMost(path.string(), bytes_max,
                        "the pack is larger than " + std::to_string(kPackBytesMax >> 20) +
                            " MiB of .md and .yaml files ('" + path.string() + "' takes it over)");
}

Result<std::vector<PackFile>> ReadPackFiles(const fs::path& folder) {
  Result<std::vector<std::string>> paths = ListPackFiles(folder);
  if (!paths.ok()) return paths.status();
  std::vector<PackFile> files;
  size_t bytes_total = 0;
  for (const std::string& path : *paths) {
    Result<std::string> bytes = ReadFile(folder / path, kPackBytesMax - bytes_total);
    if (!bytes.ok()) return bytes.status();
    bytes_total += bytes->size();
    files.push_back(PackFile{.path = path, .bytes = std::move(*bytes)});
  }
  return files;
}

// FNV-1a, 64 bits, over each file's path, a NUL, its size in decimal, a NUL and its bytes:
// any change of a file's name or content changes the version.
std::string PackVersion(const std::vector<PackFile>& files) {
  Fnv1a hash;
  for (const PackFile& file : files) {
    hash.Add(file.path);
    hash.Add(std::string_view("\0", 1));
    hash.Add(std::to_string(file.bytes.size()));
    hash.Add(std::string_view("\0", 1));
    hash.Add(file.bytes);
  }
  return hash.Hex();
}

// Reads one .md file's blocks into the builder; returns the file's lines.
Result<std::vector<std::string>> AddMarkdownFile(const PackFile& file, PackBuilder& builder) {
  std::string_view text = file.bytes;
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  Status utf8 = CheckUtf8(text, file.path);
  if (!utf8.ok()) return utf8;
  std::vector<std::string> lines = SplitLines(text);
  Result<std::vector<MinshengBlock>> blocks = ScanMarkdown(lines, file.path);
  if (!blocks.ok()) return blocks.status();
  for (const MinshengBlock& block : *blocks) {
    Result<YamlBlock> yaml = YamlBlock::Parse(file.path, lines, block);
    if (!yaml.ok()) return yaml.status();
    Status added = builder.AddBlock(*yaml, file.path == kPackFileName);
    if (!added.ok()) return added;
  }
  return lines;
}

// Whether a pack-relative path stays inside the pack: no root, no "..".
bool IsInsidePack(const fs::path& relative) {
  if (relative.empty() || relative.has_root_path()) return false;
  return std::none_of(relative.begin(), relative.end(),
                      [](const fs::path& part) { return part == ".."; });
}

}  // namespace

Result<Pack> LoadPack(const std::string& directory) {
  std::error_code error;
  const fs::path folder(directory);
  if (!fs::is_directory(folder, error)) {
    if (fs::exists(folder, error)) return InvalidArgument("'" + directory + "' is not a folder");
    return NotFound("no pack folder at '" + directory + "'");
  }
  Result<std::vector<PackFile>> files = ReadPackFiles(folder);
  if (!files.ok()) return files.status();

  PackBuilder builder;
  std::map<std::string, std::vector<std::string>> file_lines;
  std::vector<std::string> test_files;
  for (const PackFile& file : *files) {
    if (file.path.starts_with(std::string(kTestsFolder) + "/")) {
      test_files.push_back(file.path);
      continue;
    }
    Result<std::vector<std::string>> lines = AddMarkdownFile(file, builder);
    if (!lines.ok()) return lines.status();
    file_lines.emplace(file.path, std::move(*lines));
  }
  Result<Pack> pack = builder.Finish();
  if (!pack.ok()) return pack.status();
  Pack loaded = std::move(pack).value();
  loaded.directory = directory;
  loaded.version = PackVersion(*files);
  loaded.test_files = std::move(test_files);
  loaded.file_lines = std::move(file_lines);
  return loaded;
}

Result<Pack> LoadAndCheckPack(const std::string& directory) {
  Result<Pack> pack = LoadPack(directory);
  if (!pack.ok()) return pack.status();
  Pack loaded = std::move(pack).value();
  Status checked = CheckPack(loaded);
  if (!checked.ok()) return checked;
  return loaded;
}

std::string FormatDiagnostic(const Status& status, const std::string& pack_directory) {
  const SourceLocation& location = status.location();
  if (location.file.empty() || location.line <= 0) return status.ToString();
  const fs::path relative(location.file);
  if (!IsInsidePack(relative)) return status.ToString();
  const fs::path path = fs::path(pack_directory) / relative;
  Result<std::string> bytes = ReadFile(path, kPackBytesMax);
  if (!bytes.ok()) return status.ToString();
  const std::vector<std::string> lines = SplitLines(*bytes);
  if (static_cast<size_t>(location.line) > lines.size()) return status.ToString();
  const std::string& line = lines[static_cast<size_t>(location.line) - 1];

  std::string text = path.string() + ":" + std::to_string(location.line);
  if (location.column > 0) text += ":" + std::to_string(location.column);
  text += ": " + status.message() + "\n    " + line + "\n";
  if (location.column > 0) text += "    " + CaretIndent(line, location.column) + "^\n";
  return text;
}

}  // namespace minsheng::policy
