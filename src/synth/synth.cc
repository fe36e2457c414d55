// Synthesize (synth.h): plan, count, write.
#include "synth/synth.h"

#include <filesystem>
#include <optional>

#include "synth/calibration.h"
#include "synth/csv_file.h"
#include "synth/orgs.h"
#include "synth/person_quotas.h"
#include "synth/plan.h"
#include "synth/population_writer.h"

namespace minsheng::synth {
namespace {

constexpr std::string_view kOrgsHeader = "org_id,name,kind,level,region";

Result<FileSummary> WriteOrgs(const CountyPlan& plan, const std::filesystem::path& directory) {
  Result<CsvFile> file = CsvFile::Create((directory / "orgs.csv").string(), kOrgsHeader);
  if (!file.ok()) return file.status();
  for (const Org& org : BuildOrgs(plan)) {
    file->Field(org.org_id);
    file->Field(org.name);
    file->Field(org.kind);
    file->Field(org.level);
    file->Field(org.region);
    file->EndRow();
  }
  if (Status closed = file->Close(); !closed.ok()) return closed;
  return FileSummary{.name = "orgs.csv", .rows = file->rows(), .bytes = file->bytes()};
}

}  // namespace

Result<SynthSummary> Synthesize(const SynthOptions& options) {
  Result<const CountyFigures*> figures = FindCountyFigures(options.county);
  if (!figures.ok()) return figures.status();
  Result<CountyPlan> plan = PlanCounty(**figures, options.scale, options.seed);
  if (!plan.ok()) return plan.status();
  Result<PersonQuotas> quotas = CountPersonQuotas(*plan);
  if (!quotas.ok()) return quotas.status();

  const std::filesystem::path directory(options.out_directory);
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return Status(ErrorCode::kIo, "cannot create " + directory.string() + ": " + error.message());
  }

  SynthSummary summary;
  Result<FileSummary> orgs = WriteOrgs(*plan, directory);
  if (!orgs.ok()) return orgs.status();
  summary.files.push_back(*orgs);

  const std::pair<const char*, std::string_view> outputs[] = {
      {"households.csv", kHouseholdsHeader},
      {"persons.csv", kPersonsHeader},
      {"enrollments.csv", kEnrollmentsHeader},
      {"admissions.csv", kAdmissionsHeader},
  };
  std::vector<CsvFile> files;
  for (const auto& [name, header] : outputs) {
    Result<CsvFile> file = CsvFile::Create((directory / name).string(), header);
    if (!file.ok()) return file.status();
    files.push_back(std::move(file).value());
  }
  Status written = WritePopulation(*plan, *quotas,
                                   PopulationFiles{.persons = files[1],
                                                   .households = files[0],
                                                   .enrollments = files[2],
                                                   .admissions = files[3]});
  for (size_t i = 0; i < files.size(); ++i) {
    Status closed = files[i].Close();
    if (written.ok() && !closed.ok()) written = closed;
    summary.files.push_back(
        FileSummary{.name = outputs[i].first, .rows = files[i].rows(), .bytes = files[i].bytes()});
  }
  if (!written.ok()) return written;
  return summary;
}

}  // namespace minsheng::synth
