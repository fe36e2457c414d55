#include "dedup/registry_list.h"

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

#include "core/csv_field.h"
#include "registry/view.h"

namespace minsheng::dedup {

Result<EnrollmentList> RegistryList(store::Store& store, Date today) {
  auto view = registry::RegistryView::Load(store, {today, today, INT64_MAX});
  if (!view.ok()) return view.status();

  // The view leaves names out (no computation reads them): they are read by the record
  // each person's facts came from, in one pass over the table in its order.
  std::vector<std::pair<int64_t, uint32_t>> wanted;  // (seq, person)
  for (uint32_t person = 0; person < view->persons().size(); ++person) {
    if (!view->persons()[person].scheme.empty()) {
      wanted.emplace_back(view->persons()[person].version.seq, person);
    }
  }
  std::sort(wanted.begin(), wanted.end());
  std::vector<std::string> names(view->persons().size());
  if (!wanted.empty()) {
    auto statement = store.Prepare("SELECT seq, name FROM registry_persons WHERE seq >= ?1 ORDER BY seq");
    if (!statement.ok()) return statement.status();
    (*statement)->BindInt(1, wanted.front().first);
    size_t next = 0;
    for (;;) {
      auto row = (*statement)->Step();
      if (!row.ok()) return row.status();
      if (!*row || next == wanted.size()) break;
      const int64_t seq = (*statement)->Int(0);
      while (next < wanted.size() && wanted[next].first < seq) ++next;
      if (next < wanted.size() && wanted[next].first == seq) names[wanted[next].second] = (*statement)->Text(1);
    }
    (*statement)->Reset();
  }

  std::string text = "record_id,resident_id,name,sex,birth_date,region\n";
  for (const auto& [seq, person] : wanted) {
    const registry::Person& p = view->persons()[person];
    const std::string_view id = view->person_ids()[person];
    for (std::string_view field : {id, id}) {
      AppendCsvField(text, field);
      text.push_back(',');
    }
    AppendCsvField(text, names[person]);
    text += ',';
    text += SexName(p.sex);
    text += ',';
    text += p.birth_date.ToString();
    text += ',';
    AppendCsvField(text, p.region);
    text += '\n';
  }
  return ParseList(std::move(text), kRegistryListName);
}

}  // namespace minsheng::dedup
