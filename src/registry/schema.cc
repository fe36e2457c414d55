#include "registry/schema.h"

namespace minsheng::registry {

namespace {

// Portable SQL only (store.h). Every fact table is append-only: a row is one record of a
// fact, `seq` its order of recording and `recorded_at` when (nanoseconds since the Unix
// epoch); nothing is updated or deleted. Dates are YYYY-MM-DD text; a span is valid_from
// … valid_until, both days included, NULL meaning "always" and "still holds". Amounts
// are fen. Which record holds is decided when reading (view.h).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE registry_imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,               -- persons, households, orgs, enrollments, admissions
  file_name TEXT NOT NULL,
  encoding TEXT NOT NULL,           -- utf-8, gb18030
  recorded_at INTEGER NOT NULL,
  rows INTEGER NOT NULL,            -- data rows in the file
  new_rows INTEGER NOT NULL         -- rows recorded (the others said what was known)
);
CREATE TABLE registry_persons (
  seq INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  resident_id TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  name TEXT NOT NULL,
  sex TEXT NOT NULL,                -- male, female
  birth_date TEXT NOT NULL,
  household_id TEXT NOT NULL,
  relation TEXT NOT NULL,           -- head, spouse, child, parent, other
  region TEXT,                      -- NULL: the household's
  scheme TEXT,                      -- ncms, urbmi, resident, employee; NULL: none
  income INTEGER NOT NULL,          -- fen a month
  disability_grade INTEGER NOT NULL,
  is_student INTEGER NOT NULL,
  school TEXT
);
CREATE INDEX registry_persons_key ON registry_persons (resident_id);
CREATE TABLE registry_households (
  seq INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  household_id TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  region TEXT NOT NULL,
  village TEXT
);
CREATE INDEX registry_households_key ON registry_households (household_id);
CREATE TABLE registry_orgs (
  seq INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  org_id TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT,
  category TEXT,
  region TEXT NOT NULL
);
CREATE INDEX registry_orgs_key ON registry_orgs (org_id);
CREATE TABLE registry_enrollments (
  seq INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  program TEXT NOT NULL,
  person_id TEXT,                   -- exactly one of person_id and household_id
  household_id TEXT,
  valid_from TEXT NOT NULL,
  valid_until TEXT,
  origin TEXT NOT NULL              -- import, case
);
CREATE INDEX registry_enrollments_person ON registry_enrollments (person_id);
CREATE INDEX registry_enrollments_household ON registry_enrollments (household_id);
CREATE TABLE registry_admissions (
  seq INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  admission_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  hospital TEXT NOT NULL,
  admitted TEXT NOT NULL,
  discharged TEXT NOT NULL,
  total_cost INTEGER NOT NULL,
  compliant_cost INTEGER NOT NULL
);
CREATE INDEX registry_admissions_key ON registry_admissions (admission_id);
)sql";

// Merges of records found to be one person (docs/dedup.md, "Applying merges to the
// registry"): one row for each record of a cluster merged into the record it keeps, with
// the registry persons the two records name, if any, and the day the merge takes effect.
// The changes a merge makes to the persons and their enrollments are new records of
// those tables, recorded by the same import (registry_imports.kind 'merges'); this table
// says why they were made. Append-only like the others; merges have no later versions.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE registry_merges (
  seq INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  cluster TEXT NOT NULL,            -- the cluster's number in its clusters.csv
  kept_list TEXT NOT NULL,          -- the record kept: its list and record_id
  kept_record TEXT NOT NULL,
  kept_person TEXT,                 -- the registry person kept (resident ID); NULL: none
  merged_list TEXT NOT NULL,        -- the record merged into it
  merged_record TEXT NOT NULL,
  merged_person TEXT,               -- the registry person that record names; NULL: none
  valid_from TEXT NOT NULL          -- the day the merge takes effect
);
CREATE INDEX registry_merges_merged_person ON registry_merges (merged_person);
CREATE INDEX registry_merges_kept_person ON registry_merges (kept_person);
CREATE INDEX registry_merges_merged_record ON registry_merges (merged_record);
)sql";

constexpr store::Migration kMigrations[] = {
    {1, "persons, households, organisations, enrollments and admissions, bitemporal",
     kVersion1},
    {2, "merges of records found to be one person", kVersion2},
};

}  // namespace

std::span<const store::Migration> RegistryMigrations() {
  return kMigrations;
}

}  // namespace minsheng::registry
