// Household compositions and ages (household.h). A household of a given size is drawn as
// one of a few compositions (a couple, a couple and children, three generations …), then
// the ages are anchored on the youngest generation and stepped up by generation gaps. The
// tables below are the tunables; docs/synth.md shows the age structure they produce next
// to Shandong's census figures.
#include "synth/household.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <span>

#include "synth/calibration.h"

namespace minsheng::synth {
namespace {

struct AgeBand {
  int low;
  int high;  // included
  int weight;
};

// The composition of a household: the head, maybe a spouse, children, the head's parents,
// and a married child's spouse and children (both `other`).
struct Composition {
  bool spouse = false;
  int children = 0;
  int parents = 0;
  bool child_spouse = false;
  int grandchildren = 0;

  int size() const { return 1 + spouse + children + parents + child_spouse + grandchildren; }
};

constexpr int kMaxAge = 100;

// Heads living alone: an ordinary single (young, middle-aged or widowed old), or a 特困
// elder (the 五保 are old by definition, most over 70).
constexpr std::array<AgeBand, 7> kSingleAges = {{{20, 29, 26},
                                                 {30, 44, 14},
                                                 {45, 59, 18},
                                                 {60, 69, 18},
                                                 {70, 79, 16},
                                                 {80, 89, 6},
                                                 {90, 97, 1}}};
constexpr std::array<AgeBand, 4> kTekunAges = {
    {{60, 69, 25}, {70, 79, 45}, {80, 89, 25}, {90, 98, 5}}};
// Couples without children at home: newly-wed, or the "empty nest" of the middle-aged and old.
constexpr std::array<AgeBand, 6> kCoupleAges = {
    {{21, 29, 18}, {30, 44, 8}, {45, 59, 38}, {60, 69, 22}, {70, 79, 11}, {80, 90, 3}}};
// Households in dibao or 建档立卡 are older: the old, the sick and the disabled.
constexpr std::array<AgeBand, 6> kPoorSingleAges = {
    {{25, 44, 6}, {45, 59, 12}, {60, 69, 27}, {70, 79, 33}, {80, 89, 19}, {90, 96, 3}}};
constexpr std::array<AgeBand, 6> kPoorCoupleAges = {
    {{25, 44, 5}, {45, 59, 14}, {60, 69, 35}, {70, 79, 32}, {80, 89, 13}, {90, 94, 1}}};
// The youngest child living with its parents (in the household register, so students and
// migrant workers away from home are still members).
constexpr std::array<AgeBand, 7> kYoungestChildAges = {
    {{0, 4, 17}, {5, 9, 16}, {10, 14, 17}, {15, 19, 20}, {20, 24, 19}, {25, 29, 8}, {30, 39, 3}}};
// The youngest child when the head's parents live in the household too (the head is then
// young enough to have living parents).
constexpr std::array<AgeBand, 4> kYoungestChildWithGrandparentsAges = {
    {{0, 4, 30}, {5, 9, 27}, {10, 14, 22}, {15, 19, 21}}};
// A grandchild in a three-generation household.
constexpr std::array<AgeBand, 3> kGrandchildAges = {{{0, 4, 45}, {5, 9, 35}, {10, 15, 20}}};
// The head when the household is built from the head down (a couple with the head's parents).
constexpr std::array<AgeBand, 3> kHeadWithParentsAges = {
    {{22, 34, 45}, {35, 44, 35}, {45, 58, 20}}};

// Per cent of second children: rural Shandong allowed one when the first was a girl.
constexpr int kSecondChildPercentRural = 55;
constexpr int kSecondChildPercentUrban = 25;

int DrawAge(Random& random, std::span<const AgeBand> bands) {
  int total = 0;
  for (const AgeBand& band : bands) total += band.weight;
  int point = static_cast<int>(random.Below(static_cast<uint64_t>(total)));
  for (const AgeBand& band : bands) {
    if (point < band.weight) return static_cast<int>(random.Between(band.low, band.high));
    point -= band.weight;
  }
  assert(false);
  return bands.back().high;
}

// A parent's age when a child was born: 22 to 35, most often about 27.
int GenerationGap(Random& random) {
  const auto first = static_cast<int>(random.Below(7));  // one draw per statement (random.h)
  return 22 + first + static_cast<int>(random.Below(7));
}

// Boys per 100 births rose from about 105 to about 115 with ultrasound in the 1990s.
Sex ChildSex(Random& random, int birth_year) {
  const int male_per_mille = birth_year >= 1990 ? 535 : birth_year >= 1980 ? 520 : 512;
  return random.Below(1000) < static_cast<uint64_t>(male_per_mille) ? Sex::kMale : Sex::kFemale;
}

Composition ChooseComposition(int size, bool urban, Random& random) {
  const auto percent = random.Below(100);
  Composition c;
  switch (size) {
    case 1: break;
    case 2:
      if (percent < 78) {
        c.spouse = true;
      } else if (percent < 93)
        c.children = 1;
      else
        c.parents = 1;
      break;
    case 3:
      if (percent < 84) {
        c = {.spouse = true, .children = 1};
      } else if (percent < 93)
        c = {.spouse = true, .parents = 1};
      else if (percent < 97)
        c = {.children = 2};
      else
        c = {.children = 1, .parents = 1};
      break;
    case 4:
      if (percent < (urban ? 50u : 65u)) {
        c = {.spouse = true, .children = 2};
      } else if (percent < (urban ? 88u : 93u))
        c = {.spouse = true, .children = 1, .parents = 1};
      else
        c = {.spouse = true, .parents = 2};
      break;
    case 5:
      if (percent < 40) {
        c = {.spouse = true, .children = 2, .parents = 1};
      } else if (percent < 70)
        c = {.spouse = true, .children = 1, .parents = 2};
      else
        c = {.spouse = true, .children = 1, .child_spouse = true, .grandchildren = 1};
      break;
    default:
      if (percent < 40) {
        c = {.spouse = true, .children = 2, .parents = 2};
      } else if (percent < 75)
        c = {.spouse = true, .children = 1, .child_spouse = true, .grandchildren = 2};
      else
        c = {.spouse = true, .children = 2, .child_spouse = true, .grandchildren = 1};
      break;
  }
  assert(c.size() == size);
  return c;
}

}  // namespace

const char* RelationName(Relation relation) {
  switch (relation) {
    case Relation::kHead: return "head";
    case Relation::kSpouse: return "spouse";
    case Relation::kChild: return "child";
    case Relation::kParent: return "parent";
    case Relation::kOther: return "other";
  }
  return "other";
}

// Defined in household_people.cc: fills in birth dates, school and employee insurance.
void CompleteMembers(bool urban, bool in_program, const CountyFigures& county, Random& random,
                     std::vector<Member>& members);

namespace {

// The ages of the generations of a household, youngest first where there are children.
struct Ages {
  int head = 0;
  std::vector<int> children;  // the married son first, when there is one
  std::vector<int> grandchildren;
};

Ages DrawAges(const Composition& c, uint8_t flags, Random& random) {
  const bool poor = (flags & (kDibaoFlag | kPovertyFlag)) != 0;
  Ages ages;
  if (c.grandchildren > 0) {
    int youngest = DrawAge(random, kGrandchildAges);
    for (int k = 0; k < c.grandchildren; ++k) {
      ages.grandchildren.push_back(youngest);
      youngest += static_cast<int>(random.Between(2, 6));
    }
    const int married_son = ages.grandchildren.back() + GenerationGap(random);
    ages.children.push_back(married_son);
    if (c.children > 1) {
      ages.children.push_back(married_son - static_cast<int>(random.Between(2, 8)));
    }
    ages.head = married_son + GenerationGap(random);
  } else if (c.children > 0) {
    const int youngest = c.parents > 0 ? DrawAge(random, kYoungestChildWithGrandparentsAges)
                                       : DrawAge(random, kYoungestChildAges);
    ages.children.push_back(youngest);
    if (c.children > 1) ages.children.push_back(youngest + static_cast<int>(random.Between(2, 8)));
    ages.head = ages.children.back() + GenerationGap(random);
  } else if (c.parents > 0) {
    ages.head = DrawAge(random, kHeadWithParentsAges);
  } else if (c.spouse) {
    ages.head = DrawAge(random, poor ? std::span<const AgeBand>(kPoorCoupleAges) : kCoupleAges);
  } else {
    ages.head = (flags & kTekunFlag) != 0 ? DrawAge(random, kTekunAges)
                : poor                    ? DrawAge(random, kPoorSingleAges)
                                          : DrawAge(random, kSingleAges);
  }
  return ages;
}

// The head is the husband in most couples; alone, old women outnumber old men (widows),
// and most 五保 elders are men who never married.
Sex DrawHeadSex(const Composition& c, uint8_t flags, int head_age, Random& random) {
  uint64_t male_percent = head_age >= 60 ? 35 : 60;
  if (c.spouse) {
    male_percent = 85;
  } else if ((flags & kTekunFlag) != 0)
    male_percent = 70;
  return random.Below(100) < male_percent ? Sex::kMale : Sex::kFemale;
}

}  // namespace

void BuildMembers(const HouseholdPlan& plan, bool urban, const CountyFigures& county,
                  Random& random, std::vector<Member>& members) {
  members.clear();
  const Composition c = ChooseComposition(plan.size, urban, random);
  const auto add = [&](int age, Sex sex, Relation relation) {
    members.push_back(Member{.age = std::clamp(age, 0, kMaxAge), .sex = sex, .relation = relation});
  };
  const Ages ages = DrawAges(c, plan.flags, random);
  const Sex head_sex = DrawHeadSex(c, plan.flags, ages.head, random);
  add(ages.head, head_sex, Relation::kHead);
  if (c.spouse) {
    // Husbands are on average two to three years older than their wives.
    const auto gap_years = static_cast<int>(random.Below(4));
    const int gap = gap_years + static_cast<int>(random.Below(3));
    add(head_sex == Sex::kMale ? ages.head - gap : ages.head + gap,
        head_sex == Sex::kMale ? Sex::kFemale : Sex::kMale, Relation::kSpouse);
  }
  const int reference_year = county.reference_year;
  for (const int age : ages.children) {
    add(age, ChildSex(random, reference_year - 1 - age), Relation::kChild);
  }
  if (c.child_spouse) {
    // The married child is a son living with his parents; his wife is `other`.
    members[members.size() - ages.children.size()].sex = Sex::kMale;
    add(ages.children.front() - static_cast<int>(random.Below(4)), Sex::kFemale, Relation::kOther);
  }
  for (const int age : ages.grandchildren) {
    add(age, ChildSex(random, reference_year - 1 - age), Relation::kOther);
  }
  if (c.parents > 0) {
    const int father = ages.head + GenerationGap(random) + 2;
    if (c.parents == 2) {
      add(father, Sex::kMale, Relation::kParent);
      add(father - static_cast<int>(random.Below(5)), Sex::kFemale, Relation::kParent);
    } else {
      // A widowed parent is more often the mother, who lives longer.
      add(father - 2, random.Below(100) < 35 ? Sex::kMale : Sex::kFemale, Relation::kParent);
    }
  }
  assert(static_cast<int>(members.size()) == plan.size);
  CompleteMembers(urban, (plan.flags & (kTekunFlag | kDibaoFlag | kPovertyFlag)) != 0, county,
                  random, members);
}

}  // namespace minsheng::synth
