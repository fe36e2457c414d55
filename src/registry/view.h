// RegistryView: the registry as it stood at a recorded time, for a span of dates — what a
// computation for one period reads (docs/registry.md, "Which record holds").
//
// Records are grouped into facts by identity (kinds.h): a person's, household's or
// organisation's facts are (id, valid_from) spells, an enrollment's (program, who,
// valid_from), an admission's its id. Of each fact the latest record made up to
// `recorded_at` is its current version; a version whose span ends before it starts
// withdraws the fact. A person (household, organisation) is then as its covering fact
// with the latest record says on the span's first day: a correction of some months
// overrides the fact it overlaps there and nowhere else. Records made after
// `recorded_at` are not seen, so a view as of an earlier time is the view before a
// correction, and stays so.
//
// Persons come in the order they were first recorded; so do households and the rest.
// A person whose household does not hold on the first day is left out and counted; a
// person born after it is not yet there.
// Immutable once loaded; const access is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/resident_id.h"
#include "core/text_map.h"
#include "core/status.h"
#include "registry/text_set.h"
#include "store/store.h"

namespace minsheng::registry {

struct AsOf {
  Date first;              // persons, households and organisations as on this day
  Date last;               // enrollments in force, admissions discharged, in first … last
  int64_t recorded_at = 0; // records made up to this moment (nanoseconds); later ones unseen
};

// Which record a fact's value came from: for receipts.
struct Version {
  int64_t seq = 0;          // the record's row in its table
  int64_t recorded_at = 0;  // when it was recorded
};

inline constexpr uint32_t kNoRow = UINT32_MAX;

struct Household {
  std::string region;   // town or county code
  std::string village;  // "" when not given
  Version version;
};

// A view holds millions of persons: their few distinct texts (relations, regions,
// schemes, schools) are kept once each by the view, and viewed here.
struct Person {
  uint32_t household = kNoRow;  // index into RegistryView::households
  Sex sex = Sex::kFemale;
  Date birth_date;
  std::string_view relation;  // head, spouse, child, parent, other
  std::string_view region;    // the person's own, else the household's
  std::string_view scheme;    // ncms, urbmi, resident, employee; "" when none
  int64_t income_fen = 0;
  int disability_grade = 0;
  bool is_student = false;
  std::string_view school;    // org id, "" when none
  Version version;
};

struct Org {
  std::string org_id, name, kind, level, category, region;
  Version version;
};

struct Enrollment {
  std::string program;
  uint32_t person = kNoRow;     // exactly one of person and household
  uint32_t household = kNoRow;
  Date from;
  std::optional<Date> until;    // last day; none: still enrolled
  std::string origin;
  Version version;
};

struct Admission {
  std::string admission_id;
  uint32_t person = kNoRow;
  std::string hospital;  // org id
  Date admitted, discharged;
  int64_t total_cost_fen = 0, compliant_cost_fen = 0;
  Version version;
};

// How a view reads the large tables (persons, households) when a second connection to
// the store shares the reading: in slices, every other one read on another thread while
// this one reads the one before (RegistryView::Load). Tests make them small.
struct ReadSlices {
  int64_t seqs = int64_t{1} << 18;   // records numbered in a slice of a table read whole
  size_t records = size_t{1} << 16;  // records of a slice of those read one by one by seq
  // A view of some persons finds their records through the table's index of resident IDs
  // when they are fewer than this share of its records (a settlement's 900,000 patients
  // of 4.7 million), and by reading every record's ID when more.
  double lookup_share = 0.25;
};

// Which tables a view reads besides persons, households and organisations: a computation
// whose variables read no enrollment (admission) leaves theirs unread — Zibo's 713,822
// admissions are a quarter of a second that a payment run or a settlement does not need.
struct ViewTables {
  bool enrollments = true;
  bool admissions = true;
};

class RegistryView {
 public:
  // With `persons`, only the persons whose resident IDs it holds are read, with their
  // households, every organisation, and the enrollments and admissions of those read:
  // what a computation for some of a city's persons needs, at a fraction of the cost.
  // Each person read is as the whole registry's view has them; only what is summed over
  // a household's members is then the sum over those read. The set is read only during
  // the call.
  //
  // Read in one read transaction, every table as of one moment. When the store has a
  // second connection (a file's) and the caller has no transaction open, that connection
  // reads half of the persons and households on another thread, at the same moment of
  // the registry (the same last import; else the view is read on one connection).
  //
  // `tables` says whether enrollments and admissions are read; one not read is empty, and
  // tables() says so.
  static Result<RegistryView> Load(store::Store& store, const AsOf& as_of, const TextSet* persons = nullptr,
                                   const ViewTables& tables = {}, const ReadSlices& slices = {});
  RegistryView() = default;
  // Persons view texts the view keeps: moved, never copied.
  RegistryView(RegistryView&&) = default;
  RegistryView& operator=(RegistryView&&) = default;
  RegistryView(const RegistryView&) = delete;
  RegistryView& operator=(const RegistryView&) = delete;

  const AsOf& as_of() const { return as_of_; }
  const ViewTables& tables() const { return tables_; }
  // Persons by index; person_ids[i] is the resident ID of persons[i].
  const TextSet& person_ids() const { return person_ids_; }
  const std::vector<Person>& persons() const { return persons_; }
  const TextSet& household_ids() const { return household_ids_; }
  const std::vector<Household>& households() const { return households_; }
  const std::vector<Org>& orgs() const { return orgs_; }
  const Org* FindOrg(std::string_view org_id) const;
  // Enrollments in force on some day of first … last.
  const std::vector<Enrollment>& enrollments() const { return enrollments_; }
  // Admissions discharged in first … last.
  const std::vector<Admission>& admissions() const { return admissions_; }
  // The indexes (into enrollments() and admissions()) of a person's or household's own:
  // for receipts, which name each record an amount came from.
  std::span<const uint32_t> EnrollmentsOfPerson(uint32_t person) const;
  std::span<const uint32_t> EnrollmentsOfHousehold(uint32_t household) const;
  std::span<const uint32_t> AdmissionsOf(uint32_t person) const;
  // Persons left out because their household does not hold on the first day.
  int64_t persons_without_household() const { return persons_without_household_; }

 private:
  Status ChoosePersons(store::Store& store);
  Status LookUpPersons(store::Store& store);
  Status LoadHouseholds(store::Store& store);
  Status LoadPersons(store::Store& store);
  Status KeepPersonsInHouseholds(store::Store& store);
  bool KeepPerson(Person& person);
  Status LoadOrgs(store::Store& store);
  Status LoadEnrollments(store::Store& store);
  Status LoadAdmissions(store::Store& store);

  // A text kept once for the view's lifetime (node-based: a kept text never moves).
  std::string_view Intern(std::string_view text);

  AsOf as_of_;
  ViewTables tables_;
  // During a Load: a second connection reading half of the large tables, or none.
  store::Store* reader_ = nullptr;
  ReadSlices slices_;
  // During a Load for some persons: them, the seqs of their records and their households.
  const TextSet* only_persons_ = nullptr;
  std::vector<int64_t> chosen_person_records_;
  TextSet chosen_households_;
  // Looked up by resident ID, the persons are read before their households: each
  // person's household is then its number in chosen_households_ until the households are
  // read, and the persons read, their ids and the ids of those with a current record wait
  // for KeepPersonsInHouseholds.
  bool households_after_persons_ = false;
  TextSet pending_ids_;
  std::vector<uint32_t> pending_kept_;
  std::unordered_set<std::string, TextHash, std::equal_to<>> texts_;
  TextSet person_ids_;
  std::vector<Person> persons_;
  TextSet household_ids_;
  std::vector<Household> households_;
  TextSet org_ids_;
  std::vector<Org> orgs_;
  std::vector<Enrollment> enrollments_;
  std::vector<Admission> admissions_;
  int64_t persons_without_household_ = 0;
  std::unordered_map<uint32_t, std::vector<uint32_t>> person_enrollments_, household_enrollments_,
      person_admissions_;
};

}  // namespace minsheng::registry
