#include "registry/view.h"

#include <algorithm>
#include <future>
#include <utility>

#include "core/text_order.h"
#include "registry/import.h"
#include "store/row_buffer.h"

namespace minsheng::registry {

namespace {

// A YYYY-MM-DD date, read without building a string: a view reads millions.
std::optional<Date> OptionalDate(const store::Row& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  const std::string_view text = s.TextView(column);
  const auto digit = [&](size_t i) { return static_cast<int>(text[i] - '0'); };
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const int year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    auto date = Date::FromYmd(year, digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
    if (date.ok()) return *date;
  }
  auto date = Date::Parse(text);
  return date.ok() ? std::optional<Date>(*date) : std::nullopt;
}

Date DateAt(const store::Row& s, int column) {
  return OptionalDate(s, column).value_or(Date::FromDaysSinceEpoch(0));
}

std::string TextOrEmpty(const store::Row& s, int column) {
  return s.IsNull(column) ? std::string() : std::string(s.TextView(column));
}

// Runs `sql` (whose columns are seq, recorded_at, then the row's own, ordered by seq) with
// `recorded_at` bound, calling row(statement) for each record: for the small tables.
template <typename Row>
Status ForEachRecord(store::Store& store, const std::string& sql, int64_t recorded_at, Row row) {
  auto statement = store.Prepare(sql);
  if (!statement.ok()) return statement.status();
  (*statement)->BindInt(1, recorded_at);
  while (true) {
    auto found = (*statement)->Step();
    if (!found.ok()) return found.status();
    if (!*found) return Status::Ok();
    row(**statement);
  }
}

// Reads slices 0, 1, 2 … of a table in order, calling each(row) for the rows keep(row)
// holds: with a second connection (`reader`), every odd slice is read on another thread
// into a buffer while this one reads the slice before, so the two share the reading and
// each(row) still sees every row in order, on this thread. keep runs on either thread:
// it may only read what no one changes meanwhile. read_slice(store, k, row) reads slice k
// on `store`.
template <typename ReadSlice, typename Keep, typename Each>
Status ForEachSliced(store::Store& store, store::Store* reader, size_t slices, ReadSlice read_slice, Keep keep,
                     Each each) {
  const auto read_ahead = [&](size_t slice) {
    return std::async(std::launch::async, [&, slice]() -> Result<store::RowBuffer> {
      store::RowBuffer buffer;
      Status status = read_slice(*reader, slice, [&](const store::Row& row) {
        if (keep(row)) buffer.Append(row);
      });
      if (!status.ok()) return status;
      return buffer;
    });
  };
  std::future<Result<store::RowBuffer>> ahead;  // waited for, should this return early
  if (reader != nullptr && slices > 1) ahead = read_ahead(1);
  for (size_t slice = 0; slice < slices; ++slice) {
    if (reader == nullptr || slice % 2 == 0) {
      Status status = read_slice(store, slice, [&](const store::Row& row) {
        if (keep(row)) each(row);
      });
      if (!status.ok()) return status;
      continue;
    }
    Result<store::RowBuffer> buffer = ahead.get();
    if (!buffer.ok()) return buffer.status();
    if (slice + 2 < slices) ahead = read_ahead(slice + 2);
    for (size_t i = 0; i < buffer->size(); ++i) each((*buffer)[i]);
  }
  return Status::Ok();
}

// Runs `sql` (whose columns are seq, recorded_at, then the row's own; whose parameters
// are recorded_at and a first and last seq, and which orders by seq) over the table's
// records up to `last_seq`, calling each(row) for those keep(row) holds, in the order of
// seq (ForEachSliced: with a reader, half of them read on a second thread).
template <typename Keep, typename Each>
Status ForEachRecord(store::Store& store, store::Store* reader, int64_t seqs_per_slice, const std::string& sql,
                     int64_t recorded_at, int64_t last_seq, Keep keep, Each each) {
  // On one connection, one slice: every record.
  const auto slices = reader == nullptr ? size_t{1} : static_cast<size_t>(last_seq / seqs_per_slice + 1);
  return ForEachSliced(
      store, reader, slices,
      [&](store::Store& on, size_t slice, const auto& row) -> Status {
        auto statement = on.Prepare(sql);
        if (!statement.ok()) return statement.status();
        const auto first = static_cast<int64_t>(slice) * seqs_per_slice;
        (*statement)->BindInt(1, recorded_at);
        (*statement)->BindInt(2, reader == nullptr ? 0 : first);
        (*statement)->BindInt(3, reader == nullptr ? INT64_MAX : first + seqs_per_slice - 1);
        while (true) {
          auto found = (*statement)->Step();
          if (!found.ok()) return found.status();
          if (!*found) return Status::Ok();
          row(**statement);
        }
      },
      keep, each);
}

// Runs `sql` for keys 0 … keys−1 in turn — bind_key(statement, i) binds key i — calling
// each(row) for every row of each that keep(row) holds, in the order of the keys
// (ForEachSliced: with a reader, half of them read on a second thread).
template <typename BindKey, typename Keep, typename Each>
Status ForEachRecordOfKeys(store::Store& store, store::Store* reader, size_t keys_per_slice, const std::string& sql,
                           size_t keys, BindKey bind_key, Keep keep, Each each) {
  const size_t slices = (keys + keys_per_slice - 1) / keys_per_slice;
  return ForEachSliced(
      store, reader, slices,
      [&](store::Store& on, size_t slice, const auto& row) -> Status {
        auto statement = on.Prepare(sql);
        if (!statement.ok()) return statement.status();
        const size_t end = std::min(keys, (slice + 1) * keys_per_slice);
        for (size_t i = slice * keys_per_slice; i < end; ++i) {
          bind_key(**statement, i);
          while (true) {
            auto found = (*statement)->Step();
            if (!found.ok()) return found.status();
            if (!*found) break;
            row(**statement);
          }
          (*statement)->Reset();
        }
        return Status::Ok();
      },
      keep, each);
}

// The records numbered `seqs` (ascending): `sql` selects one by `seq = ?`.
template <typename Keep, typename Each>
Status ForEachRecordOf(store::Store& store, store::Store* reader, size_t records_per_slice, const std::string& sql,
                       const std::vector<int64_t>& seqs, Keep keep, Each each) {
  return ForEachRecordOfKeys(
      store, reader, records_per_slice, sql, seqs.size(),
      [&](store::Statement& statement, size_t i) { statement.BindInt(1, seqs[i]); }, keep, each);
}

// The spells of a kind with (id, valid_from) facts: reads every record up to the view's
// time (columns: seq, recorded_at, id, valid_from, valid_until, then the data that
// read_data reads from column 5 on), keeps each spell's latest version, and picks for
// each id the covering spell with the latest record on `day`. An id's spells are chained:
// nearly every id has one.
//
// Then keeps, in the order ids were first recorded, the picked data for which
// keep(id, data) holds, and returns them: in place, without a copy of millions of records.
// An id's first spell comes no earlier than the id's number (both count first
// appearances), so moving the data of ids in order to the front never overwrites a spell
// still to be read.
// for_each_record(row) calls row(statement) for each record, in the order of seq.
template <typename Data, typename ForEach, typename ReadData, typename Keep>
Result<std::vector<Data>> CurrentFacts(ForEach for_each_record, Date day, size_t expected_records,
                                       TextSet& ids, ReadData read_data, Keep keep) {
  struct Spell {
    std::optional<Date> from, until;
    Version version;
    uint32_t next = kNoRow;  // the id's previous spell
  };
  std::vector<Spell> spells;
  std::vector<Data> data;            // by spell
  std::vector<uint32_t> last_spell;  // by id
  // Growing by doubling would touch (and the kernel zero) twice the memory: gigabytes.
  spells.reserve(expected_records);
  data.reserve(expected_records);
  last_spell.reserve(expected_records);
  ids.Reserve(expected_records);
  Status status = for_each_record([&](const store::Row& s) {
    const uint32_t id = ids.Insert(s.TextView(2));
    if (id == last_spell.size()) last_spell.push_back(kNoRow);
    const std::optional<Date> from = OptionalDate(s, 3);
    uint32_t n = last_spell[id];
    while (n != kNoRow && spells[n].from != from) n = spells[n].next;
    if (n == kNoRow) {
      n = static_cast<uint32_t>(spells.size());
      spells.emplace_back();
      data.emplace_back();
      spells[n].next = last_spell[id];
      last_spell[id] = n;
    }
    Spell& spell = spells[n];
    spell.from = from;
    spell.until = OptionalDate(s, 4);
    spell.version = {s.Int(0), s.Int(1)};
    data[n] = read_data(s);
  });
  if (!status.ok()) return status;
  size_t kept = 0;
  for (uint32_t id = 0; id < last_spell.size(); ++id) {
    uint32_t chosen = kNoRow;
    for (uint32_t n = last_spell[id]; n != kNoRow; n = spells[n].next) {
      const Spell& spell = spells[n];
      const bool covers = (!spell.from || *spell.from <= day) && (!spell.until || day <= *spell.until) &&
                          (!spell.from || !spell.until || *spell.from <= *spell.until);
      if (covers && (chosen == kNoRow || spell.version.seq > spells[chosen].version.seq)) chosen = n;
    }
    if (chosen == kNoRow) continue;
    data[chosen].version = spells[chosen].version;
    if (!keep(id, data[chosen])) continue;
    if (kept != chosen) data[kept] = std::move(data[chosen]);
    ++kept;
  }
  data.resize(kept);
  return data;
}

// Whether a text may be in a set: false for most texts that are not, at a hash and one
// probe into a bit table that stays in the cache (8 bits per text of the set), where
// TextSet::Contains probes a table of megabytes. For scans that keep a fifth of a city.
class MaybeIn {
 public:
  explicit MaybeIn(const TextSet& set) {
    size_t bits = 64;
    while (bits < 8 * set.size()) bits *= 2;
    bits_.assign(bits / 64, 0);
    for (uint32_t i = 0; i < set.size(); ++i) Mark(Hash(set[i]));
  }
  bool operator()(std::string_view text) const {
    const size_t bit = Hash(text) & (bits_.size() * 64 - 1);
    return (bits_[bit / 64] >> (bit % 64) & 1) != 0;
  }

 private:
  static size_t Hash(std::string_view text) { return std::hash<std::string_view>{}(text); }
  void Mark(size_t hash) {
    const size_t bit = hash & (bits_.size() * 64 - 1);
    bits_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  std::vector<uint64_t> bits_;
};

// How many records `table` holds at most (its last seq): to reserve room once.
size_t RecordsIn(store::Store& store, const char* table) {
  auto statement = store.Prepare(std::string("SELECT COALESCE(MAX(seq), 0) FROM ") + table);
  if (!statement.ok()) return 0;
  auto row = (*statement)->Step();
  const int64_t records = row.ok() && *row ? (*statement)->Int(0) : 0;
  (*statement)->Reset();
  return static_cast<size_t>(records);
}

// The ids of the facts kept (`kept`, numbers in `all`, ascending) as `ids`. Usually every
// fact read is kept, in the order read: their ids are then `all` as it stands.
void KeepIds(TextSet& all, const std::vector<uint32_t>& kept, TextSet& ids) {
  bool all_kept = kept.size() == all.size();
  for (size_t i = 0; all_kept && i < kept.size(); ++i) all_kept = kept[i] == i;
  if (all_kept) {
    ids = std::move(all);
    return;
  }
  ids.Reserve(kept.size());
  for (uint32_t id : kept) ids.Insert(all[id]);
}

// A second connection reading the registry as `store` does, in a read transaction of its
// own; none when the store has none or an import was committed between the two reads.
std::unique_ptr<store::Store> OpenReader(store::Store& store, int64_t last_import) {
  auto reader = store.OpenReader();
  if (!reader.ok()) return nullptr;
  if (!(*reader)->BeginRead().ok()) return nullptr;
  auto seen = LastImportId(**reader);
  if (!seen.ok() || *seen != last_import) return nullptr;
  return std::move(*reader);
}

}  // namespace

Result<RegistryView> RegistryView::Load(store::Store& store, const AsOf& as_of, const TextSet* persons,
                                        const ViewTables& tables, const ReadSlices& slices) {
  RegistryView view;
  view.as_of_ = as_of;
  view.tables_ = tables;
  view.slices_ = slices;
  view.only_persons_ = persons;
  // One read transaction: every table as of one moment, and the snapshot taken once, not
  // once per statement (a view for some persons reads each of theirs by seq).
  const bool own_transaction = !store.InTransaction();
  if (own_transaction) {
    if (Status begun = store.BeginRead(); !begun.ok()) return begun;
  }
  const auto fail = [&](Status status) {
    if (own_transaction) (void)store.Rollback();
    return status;
  };
  auto last_import = LastImportId(store);
  if (!last_import.ok()) return fail(last_import.status());
  // Half of the large tables read on a second connection, at the same moment of the
  // registry; not when the caller reads in a transaction of its own, which a second
  // connection would not see.
  std::unique_ptr<store::Store> reader = own_transaction ? OpenReader(store, *last_import) : nullptr;
  view.reader_ = reader.get();
  // Some persons, few of the city's: found through the index of resident IDs, their
  // records read before their households.
  view.households_after_persons_ =
      persons != nullptr &&
      static_cast<double>(persons->size()) < slices.lookup_share * static_cast<double>(RecordsIn(store, "registry_persons"));
  using Step = Status (RegistryView::*)(store::Store&);
  const std::vector<Step> steps =
      view.households_after_persons_
          ? std::vector<Step>{&RegistryView::LookUpPersons, &RegistryView::LoadPersons, &RegistryView::LoadHouseholds,
                              &RegistryView::KeepPersonsInHouseholds}
          : std::vector<Step>{&RegistryView::ChoosePersons, &RegistryView::LoadHouseholds, &RegistryView::LoadPersons};
  for (Step load : steps) {
    if (Status status = (view.*load)(store); !status.ok()) return fail(status);
  }
  for (Step load : {&RegistryView::LoadOrgs, &RegistryView::LoadEnrollments, &RegistryView::LoadAdmissions}) {
    if (Status status = (view.*load)(store); !status.ok()) return fail(status);
  }
  if (own_transaction) {
    if (Status ended = store.Commit(); !ended.ok()) return ended;
  }
  view.reader_ = nullptr;
  view.only_persons_ = nullptr;
  view.chosen_person_records_ = {};
  view.chosen_households_ = TextSet();
  view.households_after_persons_ = false;
  return view;
}

Status RegistryView::ChoosePersons(store::Store& store) {
  if (only_persons_ == nullptr) return Status::Ok();
  // Only ids and households are read here (a fifth of a full record's cost): the wanted
  // persons' full records are then read by seq.
  const MaybeIn maybe(*only_persons_);
  return ForEachRecord(
      store, reader_, slices_.seqs,
      "SELECT seq, resident_id, household_id FROM registry_persons WHERE recorded_at <= ? AND seq BETWEEN ? AND ? "
      "ORDER BY seq",
      as_of_.recorded_at, RecordsIn(store, "registry_persons"),
      [&](const store::Row& s) {
        const std::string_view resident_id = s.TextView(1);
        return maybe(resident_id) && only_persons_->Contains(resident_id);
      },
      [&](const store::Row& s) {
        chosen_person_records_.push_back(s.Int(0));
        chosen_households_.Insert(s.TextView(2));
      });
}

Status RegistryView::LookUpPersons(store::Store& store) {
  // In the order of their IDs, so that the index is read page after page: the seqs of
  // every record of each (all its versions; those recorded after the view's time are left
  // when the records are read), half of them found on the second connection.
  const TextSet& wanted = *only_persons_;
  const std::vector<uint32_t> order = OrderByText(wanted.size(), [&](size_t i) {
    return wanted[static_cast<uint32_t>(i)];
  });
  Status status = ForEachRecordOfKeys(
      store, reader_, slices_.records, "SELECT seq FROM registry_persons WHERE resident_id = ?", order.size(),
      [&](store::Statement& statement, size_t i) { statement.BindText(1, wanted[order[i]]); },
      [](const store::Row&) { return true; }, [&](const store::Row& s) { chosen_person_records_.push_back(s.Int(0)); });
  if (!status.ok()) return status;
  std::sort(chosen_person_records_.begin(), chosen_person_records_.end());
  return Status::Ok();
}

Status RegistryView::LoadHouseholds(store::Store& store) {
  TextSet all_ids;
  std::vector<uint32_t> kept;  // the ids of households_, in order
  const bool chosen = only_persons_ != nullptr;
  const MaybeIn maybe_chosen(chosen_households_);
  const auto last_seq = static_cast<int64_t>(RecordsIn(store, "registry_households"));
  auto households = CurrentFacts<Household>(
      [&](auto row) {
        return ForEachRecord(
            store, reader_, slices_.seqs,
            "SELECT seq, recorded_at, household_id, valid_from, valid_until, region, village "
            "FROM registry_households WHERE recorded_at <= ? AND seq BETWEEN ? AND ? ORDER BY seq",
            as_of_.recorded_at, last_seq,
            [&](const store::Row& s) {
              const std::string_view id = s.TextView(2);
              return !chosen || (maybe_chosen(id) && chosen_households_.Contains(id));
            },
            row);
      },
      as_of_.first, chosen ? chosen_households_.size() * 2 : static_cast<size_t>(last_seq), all_ids,
      [](const store::Row& s) {
        return Household{std::string(s.TextView(5)), TextOrEmpty(s, 6), {}};
      },
      [&](uint32_t id, const Household&) {
        kept.push_back(id);
        return true;
      });
  if (!households.ok()) return households.status();
  households_ = std::move(*households);
  KeepIds(all_ids, kept, household_ids_);
  return Status::Ok();
}

Status RegistryView::LoadPersons(store::Store& store) {
  TextSet all_ids;
  const size_t last_seq = only_persons_ != nullptr ? 0 : RecordsIn(store, "registry_persons");
  const size_t expected = only_persons_ != nullptr ? chosen_person_records_.size() : last_seq;
  std::vector<uint32_t> kept;  // the ids of persons_, in order
  kept.reserve(expected);
  // Files list a household's members together, so the household of a record is most
  // often the previous record's: found once, not once per member.
  std::string last_household;
  uint32_t last_household_index = kNoRow;
  const std::string columns =
      "SELECT seq, recorded_at, resident_id, valid_from, valid_until, sex, birth_date, household_id, relation, "
      "region, scheme, income, disability_grade, is_student, school FROM registry_persons ";
  auto persons = CurrentFacts<Person>(
      [&](auto row) {
        if (only_persons_ == nullptr) {
          return ForEachRecord(store, reader_, slices_.seqs, columns + "WHERE recorded_at <= ? AND seq BETWEEN ? AND ? ORDER BY seq",
                               as_of_.recorded_at, static_cast<int64_t>(last_seq),
                               [](const store::Row&) { return true; }, row);
        }
        // Looked up by ID, the seqs include the versions recorded after the view's time.
        return ForEachRecordOf(
            store, reader_, slices_.records, columns + "WHERE seq = ?", chosen_person_records_,
            [&](const store::Row& s) { return s.Int(1) <= as_of_.recorded_at; }, row);
      },
      as_of_.first, expected, all_ids,
      [&](const store::Row& s) {
        Person p;
        p.sex = s.TextView(5) == "male" ? Sex::kMale : Sex::kFemale;
        p.birth_date = DateAt(s, 6);
        // kNoRow (TextIndex::kNone) when the household does not hold on the first day.
        const std::string_view household = s.TextView(7);
        if (households_after_persons_) {
          p.household = chosen_households_.Insert(household);  // until the households are read
        } else {
          if (household != last_household) {
            last_household.assign(household);
            last_household_index = household_ids_.Find(household);
          }
          p.household = last_household_index;
        }
        p.relation = Intern(s.TextView(8));
        p.region = s.IsNull(9) ? std::string_view() : Intern(s.TextView(9));
        p.scheme = s.IsNull(10) ? std::string_view() : Intern(s.TextView(10));
        p.income_fen = s.Int(11);
        p.disability_grade = static_cast<int>(s.Int(12));
        p.is_student = s.Int(13) != 0;
        p.school = s.IsNull(14) ? std::string_view() : Intern(s.TextView(14));
        return p;
      },
      [&](uint32_t id, Person& person) {
        // Read before their households, KeepPersonsInHouseholds decides.
        if (!households_after_persons_ && !KeepPerson(person)) return false;
        kept.push_back(id);
        return true;
      });
  if (!persons.ok()) return persons.status();
  persons_ = std::move(*persons);
  if (households_after_persons_) {
    pending_ids_ = std::move(all_ids);
    pending_kept_ = std::move(kept);
    return Status::Ok();
  }
  KeepIds(all_ids, kept, person_ids_);
  return Status::Ok();
}

// Whether the view keeps a person read (its household an index into households_): born by
// the view's first day and in a household that holds on it; its region then its
// household's when it has none of its own. Those without a household are counted.
bool RegistryView::KeepPerson(Person& person) {
  // An empty valid_from is "from birth": no one is in the registry before being born.
  if (as_of_.first < person.birth_date) return false;
  if (person.household == kNoRow) {
    ++persons_without_household_;
    return false;
  }
  if (person.region.empty()) person.region = Intern(households_[person.household].region);
  return true;
}

// The persons read before their households (LookUpPersons) kept as LoadPersons keeps
// them (KeepPerson), once the households are read.
Status RegistryView::KeepPersonsInHouseholds(store::Store&) {
  std::vector<uint32_t> household_of(chosen_households_.size());
  for (uint32_t h = 0; h < household_of.size(); ++h) household_of[h] = household_ids_.Find(chosen_households_[h]);
  std::vector<uint32_t> kept;
  kept.reserve(persons_.size());
  size_t count = 0;
  for (size_t i = 0; i < persons_.size(); ++i) {
    Person& person = persons_[i];
    person.household = household_of[person.household];
    if (!KeepPerson(person)) continue;
    kept.push_back(pending_kept_[i]);
    if (count != i) persons_[count] = std::move(person);
    ++count;
  }
  persons_.resize(count);
  KeepIds(pending_ids_, kept, person_ids_);
  pending_ids_ = TextSet();
  pending_kept_ = {};
  return Status::Ok();
}

Status RegistryView::LoadOrgs(store::Store& store) {
  TextSet all_ids;
  auto orgs = CurrentFacts<Org>(
      [&](auto row) {
        return ForEachRecord(store,
                             "SELECT seq, recorded_at, org_id, valid_from, valid_until, name, kind, level, "
                             "category, region FROM registry_orgs WHERE recorded_at <= ? ORDER BY seq",
                             as_of_.recorded_at, row);
      },
      as_of_.first, RecordsIn(store, "registry_orgs"), all_ids,
      [](const store::Row& s) {
        return Org{s.Text(2), s.Text(5), s.Text(6), TextOrEmpty(s, 7), TextOrEmpty(s, 8),
                   s.Text(9), {}};
      },
      [&](uint32_t, const Org& org) {
        org_ids_.Insert(org.org_id);
        return true;
      });
  if (!orgs.ok()) return orgs.status();
  orgs_ = std::move(*orgs);
  return Status::Ok();
}

std::string_view RegistryView::Intern(std::string_view text) {
  auto found = texts_.find(text);
  if (found == texts_.end()) found = texts_.emplace(text).first;
  return *found;
}

const Org* RegistryView::FindOrg(std::string_view org_id) const {
  const uint32_t index = org_ids_.Find(org_id);
  return index == TextIndex::kNone ? nullptr : &orgs_[index];
}

Status RegistryView::LoadEnrollments(store::Store& store) {
  if (!tables_.enrollments) return Status::Ok();
  // Each enrollment's latest version, by (program, person, household, valid_from).
  TextSet keys;
  std::vector<Enrollment> latest;
  std::vector<bool> seen_in_view;
  std::string key;
  Status status = ForEachRecord(
      store,
      "SELECT seq, recorded_at, program, person_id, household_id, valid_from, valid_until, "
      "origin FROM registry_enrollments WHERE recorded_at <= ? ORDER BY seq",
      as_of_.recorded_at, [&](const store::Row& s) {
        key = s.Text(2) + '\x1f' + TextOrEmpty(s, 3) + '\x1f' + TextOrEmpty(s, 4) + '\x1f' + s.Text(5);
        const uint32_t number = keys.Insert(key);
        if (number == latest.size()) latest.emplace_back();
        Enrollment& e = latest[number];
        e.program = s.Text(2);
        e.person = s.IsNull(3) ? kNoRow : person_ids_.Find(s.TextView(3));
        e.household = s.IsNull(4) ? kNoRow : household_ids_.Find(s.TextView(4));
        e.from = DateAt(s, 5);
        e.until = OptionalDate(s, 6);
        e.origin = s.Text(7);
        e.version = {s.Int(0), s.Int(1)};
        // Whoever it names must be in the view (TextIndex::kNone is kNoRow).
        const bool named = !s.IsNull(3) ? e.person != kNoRow : e.household != kNoRow;
        if (seen_in_view.size() <= number) seen_in_view.resize(number + 1);
        seen_in_view[number] = named;
      });
  if (!status.ok()) return status;
  for (size_t n = 0; n < latest.size(); ++n) {
    const Enrollment& e = latest[n];
    const bool withdrawn = e.until && *e.until < e.from;
    const bool in_force = e.from <= as_of_.last && (!e.until || *e.until >= as_of_.first);
    if (!seen_in_view[n] || withdrawn || !in_force) continue;
    const auto index = static_cast<uint32_t>(enrollments_.size());
    if (e.person != kNoRow) person_enrollments_[e.person].push_back(index);
    if (e.household != kNoRow) household_enrollments_[e.household].push_back(index);
    enrollments_.push_back(e);
  }
  return Status::Ok();
}

namespace {

std::span<const uint32_t> Listed(const std::unordered_map<uint32_t, std::vector<uint32_t>>& lists,
                                 uint32_t key) {
  auto found = lists.find(key);
  return found == lists.end() ? std::span<const uint32_t>() : std::span<const uint32_t>(found->second);
}

}  // namespace

std::span<const uint32_t> RegistryView::EnrollmentsOfPerson(uint32_t person) const {
  return Listed(person_enrollments_, person);
}

std::span<const uint32_t> RegistryView::EnrollmentsOfHousehold(uint32_t household) const {
  return Listed(household_enrollments_, household);
}

std::span<const uint32_t> RegistryView::AdmissionsOf(uint32_t person) const {
  return Listed(person_admissions_, person);
}

Status RegistryView::LoadAdmissions(store::Store& store) {
  if (!tables_.admissions) return Status::Ok();
  TextSet keys;
  std::vector<Admission> latest;
  Status status = ForEachRecord(
      store,
      "SELECT seq, recorded_at, admission_id, person_id, hospital, admitted, discharged, "
      "total_cost, compliant_cost FROM registry_admissions WHERE recorded_at <= ? ORDER BY seq",
      as_of_.recorded_at, [&](const store::Row& s) {
        const uint32_t person = person_ids_.Find(s.TextView(3));
        // Another person's admission: skipped, unless it corrects one of the view's (which
        // it then takes away from the view).
        if (person == kNoRow && only_persons_ != nullptr && !keys.Contains(s.TextView(2))) return;
        const uint32_t number = keys.Insert(s.TextView(2));
        if (number == latest.size()) latest.emplace_back();
        Admission& a = latest[number];
        a.admission_id = s.TextView(2);
        a.person = person;
        a.hospital = s.TextView(4);
        a.admitted = DateAt(s, 5);
        a.discharged = DateAt(s, 6);
        a.total_cost_fen = s.Int(7);
        a.compliant_cost_fen = s.Int(8);
        a.version = {s.Int(0), s.Int(1)};
      });
  if (!status.ok()) return status;
  for (Admission& a : latest) {
    const bool discharged_in_span = as_of_.first <= a.discharged && a.discharged <= as_of_.last;
    if (a.person == kNoRow || !discharged_in_span) continue;
    person_admissions_[a.person].push_back(static_cast<uint32_t>(admissions_.size()));
    admissions_.push_back(std::move(a));
  }
  return Status::Ok();
}

}  // namespace minsheng::registry
