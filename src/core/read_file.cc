#include "core/read_file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace minsheng {

Result<std::string> ReadFileAtMost(const std::string& path, size_t bytes_max,
                                   const std::string& too_large) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Status(ErrorCode::kIo, "cannot read '" + path + "': " + error.message());
  if (size > bytes_max) return InvalidArgument(too_large);
  std::ifstream input(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!input.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return Status(ErrorCode::kIo, "cannot read '" + path + "'");
  }
  return bytes;
}

}  // namespace minsheng
