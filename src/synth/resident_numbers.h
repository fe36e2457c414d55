// ResidentNumbers: hands out 18-character resident ID numbers (GB 11643-1999) for
// synthetic persons: the district's code, the birth date, a sequence number unique among
// the persons of that district, birth date and sex (odd for men, even for women), and the
// check character from core/resident_id.h. Holds one counter per (district, day, sex):
// about 300 KB a district. One thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/resident_id.h"
#include "core/status.h"

namespace minsheng::synth {

class ResidentNumbers {
 public:
  // Persons born from 1 January of (reference_year - 102) up to the reference year, in
  // `districts` districts.
  ResidentNumbers(int reference_year, size_t districts);

  // The next number for a person; fails (internal) if the district already has 500 men or
  // 499 women born that day, which no real district comes near.
  Result<std::string> Next(size_t district, std::string_view district_code, Date birth, Sex sex);

 private:
  Date first_day_;
  int32_t days_ = 0;
  std::vector<std::vector<uint16_t>> issued_;  // per district: [day × 2 + sex]
};

}  // namespace minsheng::synth
