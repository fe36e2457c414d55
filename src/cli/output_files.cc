#include "cli/output_files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream output(path, std::ios::binary | std::ios::trunc);
  output.write(text.data(), static_cast<std::streamsize>(text.size()));
  output.close();
  if (!output) return Status(ErrorCode::kIo, "cannot write '" + path.string() + "'");
  return Status::Ok();
}

}  // namespace

Status WriteAllOrNothing(const std::string& directory_text, const std::vector<OutputFile>& files) {
  const fs::path directory(directory_text);
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    return Status(ErrorCode::kIo, "cannot create '" + directory.string() + "': " + error.message());
  }
  const std::string suffix = ".tmp-" + std::to_string(::getpid());
  std::vector<fs::path> written;
  auto remove_written = [&written] {
    std::error_code ignored;
    for (const fs::path& path : written) fs::remove(path, ignored);
  };
  for (const OutputFile& file : files) {
    const fs::path temporary = directory / ("." + file.name + suffix);
    written.push_back(temporary);
    if (Status status = WriteFile(temporary, file.text); !status.ok()) {
      remove_written();
      return status;
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    fs::rename(written[i], directory / files[i].name, error);
    if (error) {
      written.erase(written.begin(), written.begin() + static_cast<std::ptrdiff_t>(i));
      remove_written();
      return Status(ErrorCode::kIo,
                    "cannot write '" + (directory / files[i].name).string() + "': " + error.message());
    }
  }
  return Status::Ok();
}

}  // namespace minsheng::cli
