// WritePopulation (population_writer.h): one household at a time, its members' names,
// resident numbers, insurance, incomes, schools and admissions, then its rows.
#include "synth/population_writer.h"

#include <string>
#include <vector>

#include "core/money.h"
#include "synth/names.h"
#include "synth/orgs.h"
#include "synth/person_details.h"
#include "synth/resident_numbers.h"

namespace minsheng::synth {
namespace {

// Enrollments that began before kEnrollmentYear start on the first of a month in a span
// (assumption: 五保 under the 2006 regulations, dibao as Shandong widened it from 2008).
constexpr int kTekunFirstYear = 2006;
constexpr int kTekunFirstMonth = 3;
constexpr int kDibaoFirstYear = 2008;
constexpr int kDibaoFirstMonth = 1;

struct PersonRow {
  std::string resident_id;
  std::string name;
  std::string_view scheme;
  int64_t income_yuan = 0;
  int disability_grade = 0;
  std::string school;
  bool rider = false;
};

std::string StartOfMonthBetween(int first_year, int first_month, Random& random) {
  const Date first = *Date::FromYmd(first_year, first_month, 1);
  const int months = (kEnrollmentYear - first_year) * 12 + (1 - first_month);
  return first.AddMonths(static_cast<int>(random.Below(static_cast<uint64_t>(months) + 1)))
      .ToString();
}

class Writer {
 public:
  Writer(const CountyPlan& plan, PersonQuotas quotas, PopulationFiles files)
      : plan_(plan),
        figures_(*plan.figures),
        quotas_(quotas),
        files_(files),
        numbers_(figures_.reference_year, figures_.districts.size()),
        resident_random_(StreamSeed(plan.seed, static_cast<uint64_t>(Stream::kResidentInsurance))),
        rider_random_(StreamSeed(plan.seed, static_cast<uint64_t>(Stream::kSchoolBus))) {}

  Status Write() {
    for (const TownPlan& town : plan_.towns) {
      if (Status written = WriteTown(town); !written.ok()) return written;
    }
    return Status::Ok();
  }

 private:
  Status WriteTown(const TownPlan& town) {
    const std::string_view district_code =
        figures_.districts[static_cast<size_t>(town.district)].code;
    places_ = AdmissionPlaces{.township = TownHospitalId(town),
                              .county_people = CountyHospitalId(district_code, false),
                              .county_traditional = CountyHospitalId(district_code, true),
                              .city = {}};
    for (const CityHospital& hospital : figures_.city_hospitals) {
      places_.city.emplace_back(hospital.org_id);
    }
    high_schools_ = HighSchools(plan_, town.district);
    size_t village = 0;
    for (size_t h = 0; h < town.households.size(); ++h) {
      while (village + 1 < town.village_starts.size() && town.village_starts[village + 1] <= h) {
        ++village;
      }
      Status written = WriteHousehold(town, h, town.village_names[village]);
      if (!written.ok()) return written;
    }
    return Status::Ok();
  }

  Status WriteHousehold(const TownPlan& town, size_t index, const std::string& village) {
    const HouseholdPlan& plan = town.households[index];
    Random random(HouseholdSeed(plan_, town, index));
    BuildMembers(plan, town.urban, figures_, random, members_);
    char number[32];
    std::snprintf(number, sizeof number, "-%06zu", index + 1);
    const std::string household_id = "H" + town.town->code + number;
    files_.households.Field(household_id);
    files_.households.Field(town.town->code);
    files_.households.Field((plan.flags & kNursingHomeFlag) != 0 ? NursingHomeName(town) : village);
    files_.households.EndRow();
    if ((plan.flags & kDibaoFlag) != 0) {
      Enroll("dibao", "", household_id,
             StartOfMonthBetween(kDibaoFirstYear, kDibaoFirstMonth, random), "");
    }
    if ((plan.flags & kPovertyFlag) != 0) {
      Enroll("poverty_registered", "", household_id,
             Date::FromYmd(kEnrollmentYear, 1, 1)->ToString(), "");
    }
    if (Status people = DescribeMembers(town, plan, random); !people.ok()) return people;
    if ((plan.flags & kTekunFlag) != 0) {
      // A 特困 household is one elder, its head.
      Enroll("tekun", rows_.front().resident_id, "",
             StartOfMonthBetween(kTekunFirstYear, kTekunFirstMonth, random), "");
    }
    for (size_t m = 0; m < members_.size(); ++m) {
      WritePerson(town, household_id, members_[m], rows_[m], random);
    }
    return Status::Ok();
  }

  Status DescribeMembers(const TownPlan& town, const HouseholdPlan& plan, Random& random) {
    const bool in_program = (plan.flags & (kTekunFlag | kDibaoFlag | kPovertyFlag)) != 0;
    const std::string_view district_code =
        figures_.districts[static_cast<size_t>(town.district)].code;
    const Surnames surnames = DrawSurnames(random);
    rows_.assign(members_.size(), PersonRow{});
    std::vector<int64_t> incomes;
    for (size_t m = 0; m < members_.size(); ++m) {
      const Member& member = members_[m];
      PersonRow& row = rows_[m];
      row.name = std::string(SurnameOf(m, surnames, random));
      row.name += GivenName(random, member.sex, member.birth_date.year());
      Result<std::string> id = numbers_.Next(static_cast<size_t>(town.district), district_code,
                                             member.birth_date, member.sex);
      if (!id.ok()) return id.status();
      row.resident_id = std::move(id).value();
      row.scheme = Scheme(member, town.urban, plan.flags);
      if (const int group = RiderGroup(member, town.urban); group >= 0) {
        row.rider = quotas_.riders[static_cast<size_t>(group)].Take(rider_random_);
      }
      row.disability_grade = DisabilityGrade(member, in_program, random);
      incomes.push_back(IncomeYuan(member, town.urban, figures_, random));
      row.school = School(town, member, random);
    }
    const int line = LineFor(town, plan.flags);
    if (line > 0) KeepBelowLine(incomes, line);
    for (size_t m = 0; m < members_.size(); ++m) rows_[m].income_yuan = incomes[m];
    return Status::Ok();
  }

  // The household's surnames: the head's, the spouse's (the head's when there is none),
  // and the family's, which children take from their father: the head's, or the spouse's
  // when the head is a woman.
  struct Surnames {
    std::string_view head;
    std::string_view spouse;
    std::string_view family;
  };

  Surnames DrawSurnames(Random& random) const {
    Surnames surnames;
    surnames.head = PickSurname(random);
    const bool has_spouse = members_.size() > 1 && members_[1].relation == Relation::kSpouse;
    surnames.spouse = has_spouse ? PickSurname(random) : surnames.head;
    const bool father_is_head = members_.front().sex == Sex::kMale || !has_spouse;
    surnames.family = father_is_head ? surnames.head : surnames.spouse;
    return surnames;
  }

  // A member's surname: the head's father shares the head's; the head's mother and a
  // married son's wife have their own; children and grandchildren the family's.
  std::string_view SurnameOf(size_t index, const Surnames& surnames, Random& random) const {
    const Member& member = members_[index];
    if (index == 0) return surnames.head;
    switch (member.relation) {
      case Relation::kSpouse: return surnames.spouse;
      case Relation::kParent: return member.sex == Sex::kMale ? surnames.head : PickSurname(random);
      case Relation::kOther:
        // BuildMembers puts the son's wife right after the children, then the grandchildren.
        return members_[index - 1].relation == Relation::kChild ? PickSurname(random)
                                                                : surnames.family;
      default: return surnames.family;
    }
  }

  std::string_view Scheme(const Member& member, bool urban, uint8_t flags) {
    if (member.employee) return "employee";
    const int group = ResidentGroup(member, urban, flags);
    if (!quotas_.resident[static_cast<size_t>(group)].Take(resident_random_)) return "";
    if (figures_.merged_resident_scheme) return "resident";
    return urban ? "urbmi" : "ncms";
  }

  std::string School(const TownPlan& town, const Member& member, Random& random) const {
    switch (member.stage) {
      case SchoolStage::kNone: return "";
      case SchoolStage::kPrimary:
        return PrimarySchoolId(
            town, 1 + static_cast<int>(random.Below(static_cast<uint64_t>(town.primary_schools))));
      case SchoolStage::kMiddle:
        return MiddleSchoolId(
            town, 1 + static_cast<int>(random.Below(static_cast<uint64_t>(town.middle_schools))));
      case SchoolStage::kHigh:
        return HighSchoolId(
            figures_.districts[static_cast<size_t>(town.district)].code,
            1 + static_cast<int>(random.Below(static_cast<uint64_t>(high_schools_))));
    }
    return "";
  }

  // The yuan-a-year line a program household's income per head stays under; 0 for none.
  int LineFor(const TownPlan& town, uint8_t flags) const {
    int line = 0;
    if ((flags & (kDibaoFlag | kTekunFlag)) != 0) {
      line = town.urban ? figures_.dibao_line_urban_yuan_per_year
                        : figures_.dibao_line_rural_yuan_per_year;
    }
    if ((flags & kPovertyFlag) != 0 && (line == 0 || figures_.poverty_line_yuan_per_year < line)) {
      line = figures_.poverty_line_yuan_per_year;
    }
    return line;
  }

  void WritePerson(const TownPlan& town, const std::string& household_id, const Member& member,
                   const PersonRow& row, Random& random) {
    // Admissions come from the household's stream after everything else about its members.
    CsvFile& persons = files_.persons;
    persons.Field(row.resident_id);
    persons.Field(row.name);
    persons.Field(SexName(member.sex));
    persons.Field(member.birth_date.ToString());
    persons.Field(household_id);
    persons.Field(RelationName(member.relation));
    persons.Field(row.scheme);
    persons.Field(row.income_yuan);
    persons.Field(row.disability_grade);
    persons.Field(member.stage != SchoolStage::kNone ? "true" : "false");
    persons.Field(row.school);
    persons.EndRow();
    if (row.rider) {
      Enroll("school_bus", row.resident_id, "", Date::FromYmd(kEnrollmentYear, 1, 1)->ToString(),
             Date::FromYmd(kEnrollmentYear, 12, 31)->ToString());
    }
    DrawAdmissions(member, town.urban, figures_, places_, random, admissions_);
    for (const Admission& admission : admissions_) WriteAdmission(row.resident_id, admission);
  }

  void WriteAdmission(const std::string& resident_id, const Admission& admission) {
    char id[32];
    std::snprintf(id, sizeof id, "A%d-%08lld", figures_.reference_year,
                  static_cast<long long>(++admission_count_));
    CsvFile& admissions = files_.admissions;
    admissions.Field(id);
    admissions.Field(resident_id);
    admissions.Field(*admission.hospital);
    admissions.Field(admission.admitted.ToString());
    admissions.Field(admission.discharged.ToString());
    admissions.Field(Money::FromFen(admission.total_fen).ToPlainString());
    admissions.Field(Money::FromFen(admission.compliant_fen).ToPlainString());
    admissions.EndRow();
  }

  void Enroll(std::string_view program, std::string_view person_id, std::string_view household_id,
              const std::string& valid_from, std::string_view valid_until) {
    CsvFile& enrollments = files_.enrollments;
    enrollments.Field(program);
    enrollments.Field(person_id);
    enrollments.Field(household_id);
    enrollments.Field(valid_from);
    enrollments.Field(valid_until);
    enrollments.EndRow();
  }

  const CountyPlan& plan_;
  const CountyFigures& figures_;
  PersonQuotas quotas_;
  PopulationFiles files_;
  ResidentNumbers numbers_;
  Random resident_random_;
  Random rider_random_;
  AdmissionPlaces places_;
  int high_schools_ = 1;
  int64_t admission_count_ = 0;
  std::vector<Member> members_;
  std::vector<PersonRow> rows_;
  std::vector<Admission> admissions_;
};

}  // namespace

Status WritePopulation(const CountyPlan& plan, PersonQuotas quotas, PopulationFiles files) {
  return Writer(plan, quotas, files).Write();
}

}  // namespace minsheng::synth
