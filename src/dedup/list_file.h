// Enrollment lists as CSV files (docs/dedup.md, "Lists"): one record a row, named by its
// `record_id` within the list; `name` and `resident_id` columns required (an ID may be
// empty), `sex`, `birth_date` and `region` optional, other columns ignored. The file's
// structure is checked strictly — a broken row, a missing column, an empty or repeated
// record_id or an empty name refuses the whole file with row and column — while values are
// read leniently (fields.h). The text is kept: records view into it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace minsheng::dedup {

// One row as written, its fields views into the list's text.
struct RawRecord {
  std::string_view record_id;
  std::string_view resident_id;
  std::string_view name;
  std::string_view sex;
  std::string_view birth_date;
  std::string_view region;
  int64_t row = 0;  // the file's line it starts on, as errors name it (the header is 1)
};

struct EnrollmentList {
  std::string name;       // the file's stem: "ncms" for ncms.csv; "registry" for the registry
  std::string file_name;  // as given
  std::vector<RawRecord> records;
  std::vector<std::string> ignored_columns;
  // The text the records view into, and fields that had to be unescaped ("" in quotes).
  std::unique_ptr<std::string> text;
  std::vector<std::unique_ptr<std::string>> unescaped;
};

// Files past this are refused (the text is held in memory).
inline constexpr uint64_t kMaxListFileBytes = uint64_t{2} << 30;

// Reads a list from its text; `file_name` names it in errors and, by its stem, the list.
Result<EnrollmentList> ParseList(std::string text, std::string file_name);
// Reads the file (UTF-8, or GB18030 converted as the registry's import does).
Result<EnrollmentList> ReadList(const std::string& path);

}  // namespace minsheng::dedup
