// WriteDedupLists (dedup_lists.h): the persons, who is enrolled twice and where, the
// lists' order, then each record written with its noise.
#include "synth/dedup_lists.h"

#include <cassert>
#include <filesystem>

#include "core/count_text.h"
#include "synth/csv_file.h"
#include "synth/dedup_persons.h"
#include "synth/random.h"
#include "synth/sampling.h"

namespace minsheng::synth {
namespace {

constexpr std::string_view kListHeader = "record_id,resident_id,name,sex,birth_date,region";
constexpr std::string_view kTruthHeader = "list,record_id,person,noise";
// Tries to move a record away from its twin record when a shuffle puts them side by side.
constexpr int kSeparateAttempts = 16;

// A record is its person's index × 2 + its copy: 0 the first (home) record, 1 the
// duplicate. 2 × kDedupMaxPersons fits 32 bits.
using RecordRef = uint32_t;
static_assert(2 * kDedupMaxPersons < (int64_t{1} << 32));

RecordRef Ref(size_t person, uint32_t copy) {
  return static_cast<RecordRef>(person * 2 + copy);
}

struct List {
  std::string_view stem;    // "ncms"
  std::string_view prefix;  // "NCMS-"
  bool urbmi = false;
  std::vector<RecordRef> records;
};

// "NCMS-0000001": seven digits at least. Written by hand: snprintf was a tenth of the time
// of a run.
std::string Numbered(std::string_view prefix, int64_t number) {
  constexpr size_t kMinDigits = 7;
  assert(number >= 0);
  char reversed[20];
  size_t length = 0;
  do {
    reversed[length++] = static_cast<char>('0' + number % 10);
    number /= 10;
  } while (number > 0);
  std::string text(prefix);
  if (length < kMinDigits) text.append(kMinDigits - length, '0');
  while (length > 0) text += reversed[--length];
  return text;
}

// Everyone's first record in their home list; exactly `duplicates` persons drawn (selection
// sampling) for a second record, exactly `across` of them in the other list.
void AssignRecords(const std::vector<DedupPerson>& persons, int64_t duplicates, int64_t across,
                   uint64_t seed, List& ncms, List& urbmi) {
  Random random(StreamSeed(seed, static_cast<uint64_t>(DedupStream::kDuplicates)));
  Selection twice(duplicates, static_cast<int64_t>(persons.size()));
  Selection in_other_list(across, duplicates);
  for (size_t p = 0; p < persons.size(); ++p) {
    List& home = persons[p].urban() ? urbmi : ncms;
    List& other = persons[p].urban() ? ncms : urbmi;
    home.records.push_back(Ref(p, 0));
    if (!twice.Take(random)) continue;
    (in_other_list.Take(random) ? other : home).records.push_back(Ref(p, 1));
  }
}

// Fisher–Yates, then no two records of one person side by side where a swap can avoid it
// (a list of two records of one person cannot).
void Shuffle(std::vector<RecordRef>& records, Random& random) {
  const size_t n = records.size();
  for (size_t i = n; i > 1; --i) {
    const auto j = static_cast<size_t>(random.Below(i));
    std::swap(records[i - 1], records[j]);
  }
  const auto clashes = [&records, n](size_t k) {
    const uint32_t person = records[k] / 2;
    return (k > 0 && records[k - 1] / 2 == person) || (k + 1 < n && records[k + 1] / 2 == person);
  };
  for (size_t i = 0; i + 1 < n; ++i) {
    if (records[i] / 2 != records[i + 1] / 2) continue;
    for (int attempt = 0; attempt < kSeparateAttempts; ++attempt) {
      const auto j = static_cast<size_t>(random.Below(n));
      std::swap(records[i + 1], records[j]);
      if (!clashes(i + 1) && !clashes(j) && !clashes(i)) break;
      std::swap(records[i + 1], records[j]);
    }
  }
}

class ListWriter {
 public:
  ListWriter(const std::vector<DedupPerson>& persons, uint64_t seed, CsvFile& truth,
             DedupListsSummary& summary)
      : persons_(persons), seed_(seed), truth_(truth), summary_(summary) {}

  void Write(const List& list, CsvFile& file) {
    // Persons are met in shuffled order: fetch the one a few records ahead early, or each
    // record waits for memory.
    constexpr size_t kPrefetchAhead = 8;
    int64_t number = 0;
    for (size_t r = 0; r < list.records.size(); ++r) {
      if (r + kPrefetchAhead < list.records.size()) {
        __builtin_prefetch(&persons_[list.records[r + kPrefetchAhead] / 2]);
      }
      const RecordRef ref = list.records[r];
      const size_t p = ref / 2;
      const uint32_t copy = ref % 2;
      const DedupPerson& person = persons_[p];
      const int64_t twin_index = TwinOf(persons_, p);
      const DedupPerson* twin =
          twin_index < 0 ? nullptr : &persons_[static_cast<size_t>(twin_index)];
      Random random(StreamSeed(seed_, static_cast<uint64_t>(DedupStream::kRecord), p, copy));
      const bool background = random.Below(1000) < kBackgroundSpacingPerMille;
      NoiseSet kinds;
      if (copy == 1) {
        const bool within = list.urbmi == person.urban();
        kinds = DrawDuplicateNoise(person, twin, within, random);
      }
      if (background) kinds.add(NoiseKind::kNameSpacing);
      const RecordFields fields = MakeRecord(person, twin, kinds, list.urbmi, random);
      const std::string record_id = Numbered(list.prefix, ++number);
      file.Field(record_id);
      file.Field(fields.resident_id);
      file.Field(fields.name);
      file.Field(fields.sex);
      file.Field(fields.birth_date);
      file.Field(fields.region);
      file.EndRow();
      truth_.Field(list.stem);
      truth_.Field(record_id);
      truth_.Field(Numbered("P", static_cast<int64_t>(p) + 1));
      truth_.Field(kinds.ToString());
      truth_.EndRow();
      for (size_t k = 0; k < kNoiseKindCount; ++k) {
        if (kinds.has(NoiseKinds()[k].kind)) ++summary_.noise[k];
      }
    }
  }

 private:
  const std::vector<DedupPerson>& persons_;
  uint64_t seed_;
  CsvFile& truth_;
  DedupListsSummary& summary_;
};

Status WriteFiles(const std::vector<DedupPerson>& persons, List (&lists)[2], uint64_t seed,
                  const std::filesystem::path& directory, DedupListsSummary& summary) {
  std::vector<CsvFile> files;
  for (const List& list : lists) {
    Result<CsvFile> file =
        CsvFile::Create((directory / (std::string(list.stem) + ".csv")).string(), kListHeader);
    if (!file.ok()) return file.status();
    files.push_back(std::move(file).value());
  }
  Result<CsvFile> truth = CsvFile::Create((directory / "truth.csv").string(), kTruthHeader);
  if (!truth.ok()) return truth.status();
  ListWriter writer(persons, seed, *truth, summary);
  Status written = Status::Ok();
  for (size_t l = 0; l < 2; ++l) {
    writer.Write(lists[l], files[l]);
    Status closed = files[l].Close();
    if (written.ok() && !closed.ok()) written = closed;
    summary.files.push_back(FileSummary{.name = std::string(lists[l].stem) + ".csv",
                                        .rows = files[l].rows(),
                                        .bytes = files[l].bytes()});
  }
  Status closed = truth->Close();
  if (written.ok() && !closed.ok()) written = closed;
  summary.files.push_back(
      FileSummary{.name = "truth.csv", .rows = truth->rows(), .bytes = truth->bytes()});
  return written;
}

}  // namespace

int64_t DuplicateCount(int64_t persons, Rate rate) {
  assert(persons >= 0 && persons <= kDedupMaxPersons);
  assert(!rate.is_negative() && rate <= Rate::One());
  // At most 5e7 × 1e9 = 5e16: inside int64.
  return (persons * rate.parts() + Rate::kScale / 2) / Rate::kScale;
}

int64_t AcrossListsCount(int64_t duplicates) {
  return (duplicates * kAcrossListsPercent + 50) / 100;
}

Status CheckDedupListsOptions(const DedupListsOptions& options) {
  if (options.persons < 1 || options.persons > kDedupMaxPersons) {
    return InvalidArgument("persons must be 1 to " + GroupedCount(kDedupMaxPersons) + ", not " +
                           std::to_string(options.persons));
  }
  if (options.duplicate_rate.is_negative() || options.duplicate_rate > Rate::One()) {
    return InvalidArgument("the duplicate rate must be 0 to 1, not " +
                           options.duplicate_rate.ToDecimalString());
  }
  if (options.out_directory.empty()) return InvalidArgument("no folder to write to");
  return Status::Ok();
}

Result<DedupListsSummary> WriteDedupLists(const DedupListsOptions& options) {
  if (Status checked = CheckDedupListsOptions(options); !checked.ok()) return checked;
  const std::filesystem::path directory(options.out_directory);
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return Status(ErrorCode::kIo, "cannot create " + directory.string() + ": " + error.message());
  }
  Result<std::vector<DedupPerson>> persons = DrawDedupPersons(options.persons, options.seed);
  if (!persons.ok()) return persons.status();

  DedupListsSummary summary;
  summary.persons = options.persons;
  summary.duplicates = DuplicateCount(options.persons, options.duplicate_rate);
  summary.across_lists = AcrossListsCount(summary.duplicates);
  summary.within_list = summary.duplicates - summary.across_lists;
  for (const DedupPerson& person : *persons) {
    if ((person.flags & kTwinOfNext) != 0) ++summary.twin_pairs;
  }
  List lists[2] = {{.stem = "ncms", .prefix = "NCMS-", .urbmi = false, .records = {}},
                   {.stem = "urbmi", .prefix = "URBMI-", .urbmi = true, .records = {}}};
  AssignRecords(*persons, summary.duplicates, summary.across_lists, options.seed, lists[0],
                lists[1]);
  for (uint64_t l = 0; l < 2; ++l) {
    Random random(StreamSeed(options.seed, static_cast<uint64_t>(DedupStream::kShuffle), l));
    Shuffle(lists[l].records, random);
  }
  if (Status written = WriteFiles(*persons, lists, options.seed, directory, summary);
      !written.ok()) {
    return written;
  }
  assert(summary.files[0].rows + summary.files[1].rows == options.persons + summary.duplicates);
  return summary;
}

}  // namespace minsheng::synth
