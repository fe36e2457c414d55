// DrawDedupPersons (dedup_persons.h): Zibo's persons household by household.
#include "synth/dedup_persons.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "synth/calibration.h"
#include "synth/household.h"
#include "synth/name_variants.h"
#include "synth/names.h"
#include "synth/random.h"
#include "synth/resident_numbers.h"
#include "synth/sampling.h"

namespace minsheng::synth {
namespace {

// Household sizes 1–6, per cent: the synthetic county's (plan.cc, docs/synth.md step 2:
// near Shandong's 2010 census).
constexpr std::array<uint64_t, 6> kRuralSizePercent = {11, 28, 27, 21, 9, 4};
constexpr std::array<uint64_t, 6> kUrbanSizePercent = {13, 29, 35, 15, 6, 2};

// A twin's given name shares the sibling's first character half the time when the
// sibling's has two (建国 and 建军).
constexpr uint64_t kTwinSharesCharacterPercent = 50;
constexpr int kTwinNameAttempts = 32;

// Zibo as of the merger: the synth's districts, ages reckoned on 1 January 2013.
const CountyFigures& Zibo2013() {
  static const CountyFigures figures = [] {
    CountyFigures zibo = ZiboFigures();
    zibo.reference_year = kDedupReferenceYear;
    return zibo;
  }();
  return figures;
}

// Per mille of each district's persons whose home list is urbmi: its urban per cent scaled
// so that the city as a whole comes to kUrbanPerMille (rounded to the nearest).
std::vector<int64_t> UrbanPerMille() {
  const CountyFigures& zibo = Zibo2013();
  int64_t persons = 0;
  int64_t urban_weighted = 0;
  for (const DistrictFigures& district : zibo.districts) {
    persons += district.persons;
    urban_weighted += district.persons * district.urban_percent;
  }
  std::vector<int64_t> per_mille;
  for (const DistrictFigures& district : zibo.districts) {
    const int64_t scaled =
        (2 * district.urban_percent * kUrbanPerMille * persons + urban_weighted) /
        (2 * urban_weighted);
    per_mille.push_back(std::min<int64_t>(scaled, 1000));
  }
  return per_mille;
}

// The persons of each (district, home list) cell, 2d urban and 2d + 1 rural: `count` split
// by largest remainder over the districts' persons × their urban (rural) per mille, so the
// counts are exact and the same on every machine.
std::vector<int64_t> CellPersons(int64_t count) {
  const std::vector<int64_t> urban_per_mille = UrbanPerMille();
  std::vector<int64_t> weights;
  for (size_t d = 0; d < urban_per_mille.size(); ++d) {
    const int64_t persons = Zibo2013().districts[d].persons;
    weights.push_back(persons * urban_per_mille[d]);
    weights.push_back(persons * (1000 - urban_per_mille[d]));
  }
  const std::vector<int64_t> no_limit(weights.size(), INT64_MAX);
  return AllocateCapped(count, weights, no_limit);
}

// The household's surnames, as the county's writer gives them: the head's, the spouse's,
// and the family's (the father's), which the children and grandchildren take.
std::vector<std::string_view> Surnames(const std::vector<Member>& members, Random& random) {
  const std::string_view head = PickSurname(random);
  const bool has_spouse = members.size() > 1 && members[1].relation == Relation::kSpouse;
  std::string_view spouse = head;
  if (has_spouse) spouse = PickSurname(random);
  const std::string_view family = members.front().sex == Sex::kMale || !has_spouse ? head : spouse;
  std::vector<std::string_view> surnames;
  for (size_t m = 0; m < members.size(); ++m) {
    const Member& member = members[m];
    if (m == 0) {
      surnames.push_back(head);
    } else if (member.relation == Relation::kSpouse) {
      surnames.push_back(spouse);
    } else if (member.relation == Relation::kParent) {
      surnames.push_back(member.sex == Sex::kMale ? head : PickSurname(random));
    } else if (member.relation == Relation::kOther && members[m - 1].relation == Relation::kChild) {
      surnames.push_back(PickSurname(random));  // a married son's wife
    } else {
      surnames.push_back(family);
    }
  }
  return surnames;
}

// A twin's given name: never the sibling's.
std::string TwinGivenName(Random& random, Sex sex, int birth_year, std::string_view sibling) {
  const std::vector<std::string_view> sibling_characters = Utf8Characters(sibling);
  const bool share =
      sibling_characters.size() == 2 && random.Below(100) < kTwinSharesCharacterPercent;
  for (int attempt = 0; attempt < kTwinNameAttempts; ++attempt) {
    std::string name = GivenName(random, sex, birth_year);
    if (share) {
      std::string shared(sibling_characters.front());
      shared += Utf8Characters(name).back();
      name = std::move(shared);
    }
    if (name != sibling) return name;
  }
  // Unreachable in practice (the tables hold 28 characters or more an era); 双 is in none.
  return std::string(sibling_characters.front()) + "双";
}

class PersonDrawer {
 public:
  PersonDrawer(int64_t count, uint64_t seed)
      : count_(count), seed_(seed), numbers_(kDedupReferenceYear, Zibo2013().districts.size()) {
    persons_.reserve(static_cast<size_t>(count));
  }

  // Cell by cell, households until the cell's persons are reached (the last one takes
  // what is left), each from its own stream.
  Result<std::vector<DedupPerson>> Draw() {
    static const WeightedTable rural(kRuralSizePercent);
    static const WeightedTable urban(kUrbanSizePercent);
    const std::vector<int64_t> cells = CellPersons(count_);
    uint64_t household = 0;
    for (size_t cell = 0; cell < cells.size(); ++cell) {
      const size_t district = cell / 2;
      const bool is_urban = cell % 2 == 0;
      cell_end_ = static_cast<int64_t>(persons_.size()) + cells[cell];
      while (Left() > 0) {
        Random random(
            StreamSeed(seed_, static_cast<uint64_t>(DedupStream::kHouseholds), household++));
        const auto size = static_cast<int64_t>((is_urban ? urban : rural).Pick(random) + 1);
        const HouseholdPlan plan{.size = static_cast<uint8_t>(std::min(size, Left())), .flags = 0};
        BuildMembers(plan, is_urban, Zibo2013(), random, members_);
        if (Status added = AddHousehold(district, is_urban, random); !added.ok()) return added;
      }
    }
    assert(static_cast<int64_t>(persons_.size()) == count_);
    return std::move(persons_);
  }

 private:
  // Persons still to draw in the current cell.
  int64_t Left() const { return cell_end_ - static_cast<int64_t>(persons_.size()); }

  Status AddHousehold(size_t district, bool is_urban, Random& random) {
    const std::vector<std::string_view> surnames = Surnames(members_, random);
    for (size_t m = 0; m < members_.size() && Left() > 0; ++m) {
      const Member& member = members_[m];
      const int year = member.birth_date.year();
      const std::string given = GivenName(random, member.sex, year);
      Status added = Add(district, is_urban, member, surnames[m], given);
      if (!added.ok()) return added;
      if (random.Below(1000) >= kTwinPerMille || Left() == 0) continue;
      const std::string twin = TwinGivenName(random, member.sex, year, given);
      if (added = Add(district, is_urban, member, surnames[m], twin); !added.ok()) return added;
      persons_[persons_.size() - 2].flags |= kTwinOfNext;
      persons_.back().flags |= kTwinOfPrevious;
    }
    return Status::Ok();
  }

  Status Add(size_t district, bool is_urban, const Member& member, std::string_view surname,
             std::string_view given) {
    DedupPerson person;
    if (surname.size() + given.size() > person.name_bytes.size() || surname.empty() ||
        FirstCharacter(surname) != surname) {
      return Internal("name " + std::string(surname) + std::string(given) + " does not fit");
    }
    std::memcpy(person.name_bytes.data(), surname.data(), surname.size());
    std::memcpy(person.name_bytes.data() + surname.size(), given.data(), given.size());
    person.name_length = static_cast<uint8_t>(surname.size() + given.size());
    person.district = static_cast<uint8_t>(district);
    person.flags = static_cast<uint8_t>((member.sex == Sex::kMale ? kMalePerson : 0) |
                                        (is_urban ? kUrbanPerson : 0));
    person.birth_days = member.birth_date.days_since_epoch();
    Result<std::string> number =
        numbers_.Next(district, DedupDistrictCode(district), member.birth_date, member.sex);
    if (!number.ok()) return number.status();
    person.sequence = static_cast<uint16_t>(((*number)[14] - '0') * 100 +
                                            ((*number)[15] - '0') * 10 + ((*number)[16] - '0'));
    persons_.push_back(person);
    assert(persons_.back().ResidentIdNumber() == *number);
    return Status::Ok();
  }

  int64_t count_;
  uint64_t seed_;
  int64_t cell_end_ = 0;
  ResidentNumbers numbers_;
  std::vector<Member> members_;
  std::vector<DedupPerson> persons_;
};

}  // namespace

std::string_view DedupPerson::surname() const {
  return FirstCharacter(name());
}

std::string_view DedupPerson::given_name() const {
  return name().substr(surname().size());
}

std::string_view DedupPerson::district_code() const {
  return DedupDistrictCode(district);
}

std::string DedupPerson::ResidentIdNumber() const {
  const Date birth = birth_date();
  std::string number(district_code());
  const auto append_digits = [&number](int value, int digits) {
    for (int power = digits - 1; power >= 0; --power) {
      int divisor = 1;
      for (int k = 0; k < power; ++k) divisor *= 10;
      number += static_cast<char>('0' + (value / divisor) % 10);
    }
  };
  append_digits(birth.year(), 4);
  append_digits(birth.month(), 2);
  append_digits(birth.day(), 2);
  append_digits(sequence, 3);
  number += ResidentIdCheckCharacter(number);
  return number;
}

int64_t TwinOf(const std::vector<DedupPerson>& persons, size_t index) {
  const uint8_t flags = persons[index].flags;
  if ((flags & kTwinOfNext) != 0) return static_cast<int64_t>(index) + 1;
  if ((flags & kTwinOfPrevious) != 0) return static_cast<int64_t>(index) - 1;
  return -1;
}

size_t DedupDistrictCount() {
  return Zibo2013().districts.size();
}

std::string_view DedupDistrictCode(size_t district) {
  return Zibo2013().districts[district].code;
}

Result<std::vector<DedupPerson>> DrawDedupPersons(int64_t count, uint64_t seed) {
  assert(count >= 1);
  return PersonDrawer(count, seed).Draw();
}

}  // namespace minsheng::synth
