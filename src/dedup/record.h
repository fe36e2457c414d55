// A record as the linker compares it: the ID upgraded and checked, the name in simplified
// characters and in toneless pinyin, one birth date and sex (the ID's when it can be
// trusted, else what the list declares), the county. Built from the lists' rows on every
// core (BuildRecords). Values; the lists must outlive them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "dedup/fields.h"
#include "dedup/list_file.h"

namespace minsheng::dedup {

struct Record {
  const RawRecord* raw = nullptr;  // the row as written
  uint32_t list = 0;               // index of its list
  NormalisedId id;
  // The birth date compared: the ID's when the ID is valid or upgraded, else the declared
  // one, else a suspect ID's.
  bool has_birth = false;
  Date birth;
  uint8_t sex = kSexUnknown;  // the ID's when trusted, else declared
  uint32_t county = 0;        // declared region's first 6 digits; 0 missing
  std::string name;           // simplified, no spaces or dots
  std::string pinyin;         // toneless, e.g. "zhangwei"
  // What normalising found, for explanations.
  bool name_traditional = false;   // traditional characters made simplified
  bool name_reshaped = false;      // full-width forms, spaces or dots removed
  bool birth_typed = false;        // the declared date was typed otherwise than YYYY-MM-DD
  bool birth_disagrees = false;    // declared birth date ≠ a trusted ID's
  bool sex_disagrees = false;      // declared sex ≠ a trusted ID's
  bool birth_unreadable = false;   // a declared birth date that is no date
};

// What the records' fields held, over all lists: the data team's first look.
struct FieldCounts {
  int64_t records = 0;
  int64_t ids_valid = 0, ids_upgraded = 0, ids_suspect = 0, ids_malformed = 0, ids_missing = 0;
  int64_t names_traditional = 0, names_reshaped = 0;
  int64_t births_missing = 0, births_typed = 0, births_unreadable = 0, births_disagree = 0;
  int64_t sexes_missing = 0, sexes_disagree = 0;
  int64_t counties_missing = 0;
};

// The records of every list, in list order then row order, normalised on `threads`
// threads. Fails only when the name tables cannot be opened (name_text.h).
Result<std::vector<Record>> BuildRecords(const std::vector<EnrollmentList>& lists, Date today,
                                         int threads, FieldCounts& counts);

}  // namespace minsheng::dedup
