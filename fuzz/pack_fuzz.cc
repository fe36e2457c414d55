// Fuzz target for the policy-pack loader: LoadAndCheckPack (Markdown scan, YAML blocks,
// definitions, formula parsing and type checking, cycles) and, when it refuses the pack,
// FormatDiagnostic (which reads the offending line back and places the caret). Any input
// may be refused; none may crash, leak, or make the loader report an internal error.
//
// The loader only reads folders, so the input is written into a folder of its own: the
// text before a line "=====" as pack.md, the text after it, if any, as rules.md
// (separator.h). The folder is made once per process with mkdtemp, so parallel fuzzers
// never share one, its files are overwritten by each input, and it is removed at exit.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "policy/loader.h"
#include "separator.h"

namespace {

// Larger inputs only slow the fuzzer down: the loader's limits (8 MiB) are checked
// before parsing and need no fuzzing.
constexpr size_t kInputMax = 64 << 10;

class PackFolder {
 public:
  PackFolder() {
    char name[] = "/tmp/minsheng-pack-fuzz-XXXXXX";
    if (mkdtemp(name) == nullptr) Fail("cannot make a temporary folder");
    path_ = name;
  }
  ~PackFolder() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  PackFolder(const PackFolder&) = delete;
  PackFolder& operator=(const PackFolder&) = delete;

  const std::string& path() const { return path_; }

  // A failure here is the machine's, not the loader's: stop loudly rather than fuzz a
  // folder that no longer holds the input.
  void Write(const char* name, std::string_view bytes) const {
    std::ofstream out(path_ + "/" + name, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) Fail("cannot write the pack file");
  }
  void Remove(const char* name) const {
    std::error_code error;
    std::filesystem::remove(path_ + "/" + name, error);
    if (error) Fail("cannot remove the pack file");
  }

 private:
  [[noreturn]] static void Fail(const char* what) {
    std::perror(what);
    std::abort();
  }

  std::string path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kInputMax) return 0;
  static const PackFolder folder;
  const minsheng::fuzz::SplitInput input =
      minsheng::fuzz::SplitAtSeparator(std::string_view(reinterpret_cast<const char*>(data), size));
  folder.Write("pack.md", input.first);
  // rules.md must not outlive the input that wrote it.
  if (input.second) {
    folder.Write("rules.md", *input.second);
  } else {
    folder.Remove("rules.md");
  }

  const minsheng::Result<minsheng::policy::Pack> pack =
      minsheng::policy::LoadAndCheckPack(folder.path());
  if (pack.ok()) return 0;
  if (pack.status().code() == minsheng::ErrorCode::kInternal) __builtin_trap();
  const std::string diagnostic = minsheng::policy::FormatDiagnostic(pack.status(), folder.path());
  if (diagnostic.empty()) __builtin_trap();
  return 0;
}
