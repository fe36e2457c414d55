// GB/T 2260 administrative division codes (行政区划代码): six digits, province XX0000,
// prefecture (city) XXXX00, county anything else; 371623 is 山东省 滨州市 无棣县.
//
// A RegionTable knows every code that appeared in any revision of its data, with each
// name the code carried and the revisions it carried it in, so a resident record from
// 2010 that says 371624 (沾化县, which became 滨州市沾化区 371603 in 2014) still
// resolves. RegionTable::Builtin() is compiled from data/regions.tsv (see
// docs/regions.md); the binary never reads the repository at run time. A RegionTable is
// immutable after Parse: const methods are safe to call from many threads, and
// Builtin() is initialized once, thread-safely, on first use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace minsheng {

// The level a code has by its shape alone: XX0000 province, XXXX00 prefecture, else
// county. The placeholders 110100 "市辖区" and 419000 "省直辖县级行政区划" are
// kCity by shape although they are no real city.
enum class RegionLevel { kProvince, kCity, kCounty };

// One spell of a name: the code carried `name` in every source revision from
// first_revision to last_revision (labels like "200212" or "pcc-8.5.8").
struct RegionName {
  std::string name;
  std::string first_revision;
  std::string last_revision;

  bool operator==(const RegionName&) const = default;
};

struct Region {
  std::string code;  // "371623"
  RegionLevel level = RegionLevel::kCounty;
  // Oldest first; names.back() is the latest. Never empty. A name repeats when the code
  // was missing from some revisions between two spells (辛集市 130181).
  std::vector<RegionName> names;
  bool current = false;  // present in the newest source revision

  const std::string& name() const { return names.back().name; }
};

// The chain above a code. Parts that never existed, and the prefecture-level
// placeholders (市辖区, 县, 省直辖县级行政区划 …) that group counties of a
// 直辖市 or counties under a province directly, are absent: PathOf("110105") has
// province 北京市, no city, county 朝阳区.
struct RegionPath {
  std::optional<Region> province;
  std::optional<Region> city;
  std::optional<Region> county;

  // The latest names of the parts present, space-separated: "山东省 滨州市 无棣县",
  // "北京市 朝阳区"; "" when none is.
  std::string FullName() const;
};

class RegionTable {
 public:
  // The table compiled in from data/regions.tsv, parsed on first use.
  static const RegionTable& Builtin();

  // Parses the data/regions.tsv format (docs/regions.md). Errors name file_name:line.
  static Result<RegionTable> Parse(std::string_view tsv_text, std::string_view file_name);

  // The code's history, or nullopt if it is malformed or never existed.
  std::optional<Region> Find(std::string_view code) const;
  // True if the code appeared in any revision (current or retired).
  bool Existed(std::string_view code) const;
  // The code with its province and city; empty if the code never existed.
  RegionPath PathOf(std::string_view code) const;
  // The number of distinct codes.
  size_t size() const { return codes_.size(); }
  // The revision labels, oldest first; back() is the newest.
  const std::vector<std::string>& revisions() const { return revisions_; }

 private:
  // One spell, stored compactly: the name is a slice of names_, revisions are indexes
  // into revisions_.
  struct Spell {
    uint32_t name_offset;
    uint8_t name_size;
    uint8_t first_revision;
    uint8_t last_revision;
  };
  // One code; its spells are spells_[first_spell, first_spell + spell_count).
  struct Code {
    uint32_t number;  // the code as an integer, the sort key
    uint32_t first_spell;
    uint16_t spell_count;
  };
  struct SpellLine;  // one checked data line, defined in region.cc

  static Result<SpellLine> ParseSpellLine(std::string_view line,
                                          const std::vector<std::string>& revisions,
                                          std::string_view file_name, int line_number);
  // Adds a spell after checking it keeps the table sorted and non-overlapping.
  Status Append(const SpellLine& spell);
  const Code* Lookup(std::string_view code) const;
  Region Materialize(const Code& code) const;

  std::vector<std::string> revisions_;
  std::vector<Code> codes_;  // sorted by number
  std::vector<Spell> spells_;
  std::string names_;  // every spell's name, concatenated
};

// Checks that code is six ASCII digits and returns it; otherwise an error saying why
// ("region code '37162' has 5 characters, needs 6 digits").
Result<std::string> ValidateRegionCode(std::string_view code);

}  // namespace minsheng
