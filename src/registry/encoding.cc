#include "registry/encoding.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstdint>

namespace minsheng::registry {

namespace {

// The length of the UTF-8 sequence starting at `bytes[i]`, or 0 when it is malformed.
size_t SequenceLength(std::string_view bytes, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(bytes[k]); };
  const uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  uint8_t low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > bytes.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

int64_t LineOf(std::string_view bytes, size_t offset) {
  return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

}  // namespace

bool IsUtf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    // Runs of ASCII, the common case, eight bytes at a time.
    while (i + 8 <= bytes.size()) {
      uint64_t word;
      std::copy_n(bytes.data() + i, 8, reinterpret_cast<char*>(&word));
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= bytes.size()) break;
    const size_t length = SequenceLength(bytes, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

Result<DecodedText> ToUtf8(std::string bytes, std::string_view file_name) {
  if (IsUtf8(bytes)) return DecodedText{std::move(bytes), SourceEncoding::kUtf8};
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    return Status(ErrorCode::kInternal, std::string(file_name) +
                                            ": the file is not UTF-8, and this system cannot "
                                            "convert GB18030 (iconv)");
  }
  // GB18030 takes 1, 2 or 4 bytes a character and UTF-8 at most 4 for each of them.
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_next = bytes.data();
  size_t in_left = bytes.size();
  char* out_next = out.data();
  size_t out_left = out.size();
  const size_t result = iconv(converter, &in_next, &in_left, &out_next, &out_left);
  const int error = errno;
  iconv_close(converter);
  if (result == static_cast<size_t>(-1)) {
    const size_t offset = static_cast<size_t>(in_next - bytes.data());
    return InvalidArgument(std::string(file_name) + ": row " +
                           std::to_string(LineOf(bytes, offset)) +
                           ": the file is neither UTF-8 nor GB18030 (byte " +
                           std::to_string(offset + 1) + (error == EINVAL ? ", cut short" : "") +
                           ")");
  }
  out.resize(out.size() - out_left);
  return DecodedText{std::move(out), SourceEncoding::kGb18030};
}

}  // namespace minsheng::registry
