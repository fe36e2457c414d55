// Fuzz target for enrollment lists (dedup/list_file.h) and what is read from their values
// (dedup/fields.h, name_text.h): ParseList over the input, and, when it parses, every
// record normalised (BuildRecords) and every adjacent pair compared and explained, as
// `minsheng dedup` does.
// Any input may be refused; none may crash or leak. A refusal must be the user's error,
// and an accepted list must hold what list_file.h promises: a non-empty record_id and name
// in every record, each record_id once, rows in increasing order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "dedup/compare.h"
#include "dedup/explain.h"
#include "dedup/list_file.h"
#include "dedup/model.h"
#include "dedup/record.h"

namespace {

// Larger inputs only slow the fuzzer down: the limits are checked before parsing.
constexpr size_t kInputMax = 64 << 10;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kInputMax) return 0;
  using namespace minsheng;
  auto list = dedup::ParseList(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
  if (!list.ok()) {
    if (!list.status().is_user_error()) std::abort();
    return 0;
  }
  std::set<std::string_view> ids;
  int64_t last_row = 0;
  for (const dedup::RawRecord& record : list->records) {
    if (record.record_id.empty() || record.name.empty() || !ids.insert(record.record_id).second ||
        record.row <= last_row) {
      std::abort();
    }
    last_row = record.row;
  }
  std::vector<dedup::EnrollmentList> lists;
  lists.push_back(std::move(*list));
  dedup::FieldCounts counts;
  auto records = dedup::BuildRecords(lists, *Date::FromYmd(2013, 12, 31), 1, counts);
  if (!records.ok()) std::abort();  // only a missing OpenCC or ICU table fails, never input
  // A model learnt once on one pair of every comparison vector there is, so that every
  // level has a weight to explain (learning it takes a fifth of a second: once per input
  // would slow the fuzzer fifty times).
  static const dedup::Model model = [] {
    std::vector<int64_t> vectors(dedup::kPatternCount, 0);
    for (uint32_t pattern = 0; pattern < dedup::kPatternCount; ++pattern) {
      vectors[pattern] = dedup::ValidPattern(static_cast<dedup::Pattern>(pattern)) ? 1 : 0;
    }
    return dedup::EstimateModel(vectors, 0, {});
  }();
  for (size_t i = 1; i < records->size(); ++i) {
    const dedup::Pattern pattern = dedup::Compare((*records)[i - 1], (*records)[i]);
    if (pattern != dedup::Compare((*records)[i], (*records)[i - 1])) std::abort();  // symmetric
    (void)dedup::ExplanationText(dedup::ExplainPair((*records)[i - 1], (*records)[i], model));
  }
  return 0;
}
