#include "dedup/record.h"

#include <algorithm>
#include <memory>
#include <thread>

#include "dedup/name_text.h"

namespace minsheng::dedup {
namespace {

bool Trusted(const NormalisedId& id) {
  return id.state == IdState::kValid || id.state == IdState::kUpgraded;
}

void Build(const RawRecord& raw, uint32_t list, Date today, NameNormaliser& names, Record& record) {
  record.raw = &raw;
  record.list = list;
  record.id = NormaliseId(raw.resident_id, today);

  const TypedDate declared = ParseTypedDate(raw.birth_date);
  record.birth_unreadable = !raw.birth_date.empty() && !declared.ok;
  record.birth_typed = declared.ok && declared.typed_differently;
  if (Trusted(record.id) && record.id.has_birth) {
    record.has_birth = true;
    record.birth = record.id.birth;
    record.birth_disagrees = declared.ok && declared.date != record.id.birth;
  } else if (declared.ok) {
    record.has_birth = true;
    record.birth = declared.date;
  } else if (record.id.comparable() && record.id.has_birth) {
    record.has_birth = true;
    record.birth = record.id.birth;
  }

  const uint8_t declared_sex = ParseSex(raw.sex);
  if (Trusted(record.id)) {
    record.sex = record.id.male ? kSexMale : kSexFemale;
    record.sex_disagrees = declared_sex != kSexUnknown && declared_sex != record.sex;
  } else {
    record.sex = declared_sex;
  }
  record.county = ParseCounty(raw.region);

  const NameChanges changes = names.Normalise(raw.name, record.name, record.pinyin);
  record.name_traditional = changes.traditional_converted;
  record.name_reshaped =
      changes.nfkc_changed || changes.separators_removed || changes.invalid_bytes_dropped;
}

void Count(const Record& record, FieldCounts& counts) {
  ++counts.records;
  switch (record.id.state) {
    case IdState::kValid: ++counts.ids_valid; break;
    case IdState::kUpgraded: ++counts.ids_upgraded; break;
    case IdState::kSuspect: ++counts.ids_suspect; break;
    case IdState::kMalformed: ++counts.ids_malformed; break;
    case IdState::kMissing: ++counts.ids_missing; break;
  }
  counts.names_traditional += record.name_traditional;
  counts.names_reshaped += record.name_reshaped;
  counts.births_missing += !record.has_birth;
  counts.births_typed += record.birth_typed;
  counts.births_unreadable += record.birth_unreadable;
  counts.births_disagree += record.birth_disagrees;
  counts.sexes_missing += record.sex == kSexUnknown;
  counts.sexes_disagree += record.sex_disagrees;
  counts.counties_missing += record.county == 0;
}

}  // namespace

Result<std::vector<Record>> BuildRecords(const std::vector<EnrollmentList>& lists, Date today,
                                         int threads, FieldCounts& counts) {
  std::vector<const RawRecord*> raws;
  std::vector<uint32_t> list_of;
  for (size_t list = 0; list < lists.size(); ++list) {
    for (const RawRecord& raw : lists[list].records) {
      raws.push_back(&raw);
      list_of.push_back(static_cast<uint32_t>(list));
    }
  }
  std::vector<Record> records(raws.size());
  const size_t workers = std::clamp<size_t>(static_cast<size_t>(threads), 1, 16);
  std::vector<NameNormaliser> normalisers;
  for (size_t worker = 0; worker < workers; ++worker) {
    auto normaliser = NameNormaliser::Create();
    if (!normaliser.ok()) return normaliser.status();
    normalisers.push_back(std::move(*normaliser));
  }
  auto work = [&](size_t worker) {
    const size_t begin = records.size() * worker / workers;
    const size_t end = records.size() * (worker + 1) / workers;
    for (size_t i = begin; i < end; ++i) {
      Build(*raws[i], list_of[i], today, normalisers[worker], records[i]);
    }
  };
  std::vector<std::thread> pool;
  for (size_t worker = 1; worker < workers; ++worker) pool.emplace_back(work, worker);
  work(0);
  for (std::thread& thread : pool) thread.join();

  for (const Record& record : records) Count(record, counts);
  return records;
}

}  // namespace minsheng::dedup
