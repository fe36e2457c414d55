// The writing pass: every household of the plan, its members drawn again from the same
// streams as the first pass, written as rows of households.csv, persons.csv,
// enrollments.csv and admissions.csv as they are made (one household in memory at a
// time). One thread; the files are the caller's.
#pragma once

#include "core/status.h"
#include "synth/csv_file.h"
#include "synth/person_quotas.h"
#include "synth/plan.h"

namespace minsheng::synth {

struct PopulationFiles {
  CsvFile& persons;
  CsvFile& households;
  CsvFile& enrollments;
  CsvFile& admissions;
};

// The header rows, in the columns of docs/registry.md.
inline constexpr std::string_view kPersonsHeader =
    "resident_id,name,sex,birth_date,household_id,relation,scheme,income,disability_grade,is_"
    "student,school";
inline constexpr std::string_view kHouseholdsHeader = "household_id,region,village";
inline constexpr std::string_view kEnrollmentsHeader =
    "program,person_id,household_id,valid_from,valid_until";
inline constexpr std::string_view kAdmissionsHeader =
    "admission_id,person_id,hospital,admitted,discharged,total_cost,compliant_cost";

// The year every enrollment covers whole, so that a payment run for any month of it sees
// them all (school-bus riders ride exactly this year; the other enrollments start by its
// first day and do not end).
inline constexpr int kEnrollmentYear = 2013;

Status WritePopulation(const CountyPlan& plan, PersonQuotas quotas, PopulationFiles files);

}  // namespace minsheng::synth
