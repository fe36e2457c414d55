// Masking of personal data for public outputs (disclosure lists, notices, reports).
//
// This is the one place where minsheng decides how much of a name, an ID number or a
// phone number the public may see; every public output calls these functions. The
// rules follow common practice for Chinese public notices (公示): a name keeps its first
// and last character, an ID number its first 2 and last 3, a mobile number its first 3
// and last 4. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace minsheng {

// 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜, 李 → *. Works on Unicode characters
// (UTF-8), not bytes; a byte that is not valid UTF-8 counts as one character.
std::string MaskName(std::string_view name);

// 371623198506120033 → 37*************033: first 2 and last 3 kept. Shorter numbers keep
// less so that at least half is hidden.
std::string MaskIdNumber(std::string_view id_number);

// 13812341234 → 138****1234: first 3 and last 4 of the digits kept; separators dropped.
// Numbers of fewer than 8 digits keep only their last 2.
std::string MaskPhone(std::string_view phone);

}  // namespace minsheng
