#include "registry/kinds.h"

#include <array>

namespace minsheng::registry {

namespace {

constexpr std::string_view kRelations[] = {"head", "spouse", "child", "parent", "other"};
constexpr std::string_view kSchemes[] = {"ncms", "urbmi", "resident", "employee"};
constexpr std::string_view kOrgKinds[] = {"hospital", "nursing_home", "school",
                                          "village_collective", "enterprise", "institution"};
constexpr std::string_view kHospitalLevels[] = {"village", "township", "county", "city"};
constexpr std::string_view kInstitutionCategories[] = {"public_welfare_1", "public_welfare_2",
                                                       "public_welfare_3", "business"};
constexpr std::string_view kOrigins[] = {"import", "case"};

using T = FieldType;

const FieldSpec kPersonFields[] = {
    {"resident_id", T::kResidentId, true},
    {"valid_from", T::kDate, false},
    {"valid_until", T::kDate, false},
    {"name", T::kName, true},
    {"sex", T::kSex, false},
    {"birth_date", T::kDate, false},
    {"household_id", T::kHouseholdRef, true},
    {"relation", T::kEnum, false, kRelations},
    {"region", T::kRegion, false},
    {"scheme", T::kEnum, false, kSchemes},
    {"income", T::kMoney, false},
    {"disability_grade", T::kGrade, false},
    {"is_student", T::kBool, false},
    {"school", T::kOrgRef, false},
};
const FieldSpec kHouseholdFields[] = {
    {"household_id", T::kText, true},
    {"valid_from", T::kDate, false},
    {"valid_until", T::kDate, false},
    {"region", T::kRegion, true},
    {"village", T::kText, false},
};
const FieldSpec kOrgFields[] = {
    {"org_id", T::kText, true},
    {"valid_from", T::kDate, false},
    {"valid_until", T::kDate, false},
    {"name", T::kText, true},
    {"kind", T::kEnum, true, kOrgKinds},
    {"level", T::kEnum, false, kHospitalLevels},
    {"category", T::kEnum, false, kInstitutionCategories},
    {"region", T::kRegion, true},
};
const FieldSpec kEnrollmentFields[] = {
    {"program", T::kProgram, true},
    {"person_id", T::kPersonRef, false},
    {"household_id", T::kHouseholdRef, false},
    {"valid_from", T::kDate, true},
    {"valid_until", T::kDate, false},
    {"origin", T::kEnum, false, kOrigins},
};
const FieldSpec kAdmissionFields[] = {
    {"admission_id", T::kText, true},
    {"person_id", T::kPersonRef, true},
    {"hospital", T::kOrgRef, true},
    {"admitted", T::kDate, true},
    {"discharged", T::kDate, true},
    {"total_cost", T::kMoney, true},
    {"compliant_cost", T::kMoney, false},
};

constexpr std::string_view kPersonIdentity[] = {"resident_id", "valid_from"};
constexpr std::string_view kHouseholdIdentity[] = {"household_id", "valid_from"};
constexpr std::string_view kOrgIdentity[] = {"org_id", "valid_from"};
constexpr std::string_view kEnrollmentIdentity[] = {"program", "person_id", "household_id",
                                                    "valid_from"};
constexpr std::string_view kAdmissionIdentity[] = {"admission_id"};

const std::array<KindSpec, 5> kSpecs = {{
    {FileKind::kPersons, "persons", "registry_persons", kPersonFields, kPersonIdentity},
    {FileKind::kHouseholds, "households", "registry_households", kHouseholdFields,
     kHouseholdIdentity},
    {FileKind::kOrgs, "orgs", "registry_orgs", kOrgFields, kOrgIdentity},
    {FileKind::kEnrollments, "enrollments", "registry_enrollments", kEnrollmentFields,
     kEnrollmentIdentity},
    {FileKind::kAdmissions, "admissions", "registry_admissions", kAdmissionFields,
     kAdmissionIdentity},
}};

}  // namespace

const char* FileKindName(FileKind kind) {
  return SpecOf(kind).name;
}

std::optional<FileKind> FileKindFromName(std::string_view name) {
  for (const KindSpec& spec : kSpecs) {
    if (name == spec.name) return spec.kind;
  }
  return std::nullopt;
}

const KindSpec& SpecOf(FileKind kind) {
  return kSpecs[static_cast<size_t>(kind)];
}

int FieldIndex(const KindSpec& spec, std::string_view name) {
  for (size_t i = 0; i < spec.fields.size(); ++i) {
    if (name == spec.fields[i].name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace minsheng::registry
