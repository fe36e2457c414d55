// dedup_bench: the city-scale linkage (docs/dedup.md, "Performance"). Writes two
// enrollment lists with known truth — by default 2,880,000 persons, 120,000 of them
// enrolled twice: 3,000,000 records — then links them as `minsheng dedup` does, on every
// core, and prints each step's time, the whole run's, the peak memory, and precision,
// recall and F1 against the truth.
//
//   dedup_bench [--dir DIR] [--persons N] [--dup-rate R] [--seed S] [--threads T]
//
// The lists are written to DIR (default: a temporary folder, removed after) and kept when
// DIR is given; a DIR that holds them already is linked as it is. Writing them is not
// timed: the target is the linkage, from reading the files to the clusters.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "core/rate.h"
#include "dedup/dedup.h"
#include "synth/dedup_lists.h"
#include "timing.h"

namespace {

namespace fs = std::filesystem;
using namespace minsheng;
using bench::Clock;
using bench::PeakMib;
using bench::SecondsSince;

struct Arguments {
  std::string dir;
  int64_t persons = 2'880'000;
  std::string dup_rate = "0.0416667";  // 120,000 of 2,880,000
  uint64_t seed = 1;
  int threads = 0;
};

bool Parse(int argc, char** argv, Arguments& arguments) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--dir") arguments.dir = value;
    else if (flag == "--persons") arguments.persons = std::stoll(value);
    else if (flag == "--dup-rate") arguments.dup_rate = value;
    else if (flag == "--seed") arguments.seed = std::stoull(value);
    else if (flag == "--threads") arguments.threads = std::stoi(value);
    else return false;
  }
  return argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments arguments;
  if (!Parse(argc, argv, arguments)) {
    std::fprintf(stderr,
                 "usage: dedup_bench [--dir DIR] [--persons N] [--dup-rate R] [--seed S] [--threads T]\n");
    return 2;
  }
  const bool temporary = arguments.dir.empty();
  if (temporary) {
    arguments.dir = (fs::temp_directory_path() / ("minsheng_dedup_bench_" + std::to_string(::getpid()))).string();
  }
  const fs::path folder = arguments.dir;
  if (!fs::exists(folder / "truth.csv")) {
    auto rate = Rate::Parse(arguments.dup_rate);
    if (!rate.ok()) {
      std::fprintf(stderr, "--dup-rate: %s\n", rate.status().message().c_str());
      return 2;
    }
    synth::DedupListsOptions options;
    options.persons = arguments.persons;
    options.duplicate_rate = *rate;
    options.out_directory = folder.string();
    options.seed = arguments.seed;
    const auto start = Clock::now();
    auto written = synth::WriteDedupLists(options);
    if (!written.ok()) {
      std::fprintf(stderr, "%s\n", written.status().ToString().c_str());
      return 1;
    }
    std::printf("lists written: %lld persons, %lld enrolled twice, in %.2f s (not timed below)\n",
                static_cast<long long>(written->persons), static_cast<long long>(written->duplicates),
                SecondsSince(start));
  }

  dedup::DedupOptions options;
  options.today = Date::Today();
  options.link.threads = arguments.threads > 0
                             ? arguments.threads
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto start = Clock::now();
  auto run = dedup::RunDedup({(folder / "ncms.csv").string(), (folder / "urbmi.csv").string()}, {}, options);
  if (!run.ok()) {
    std::fprintf(stderr, "%s\n", run.status().ToString().c_str());
    return 1;
  }
  const double total = SecondsSince(start);
  // Scored against the truth after the clock stopped: that is the bench's work, not the
  // linkage's.
  auto truth = dedup::ScoreAgainstTruth((folder / "truth.csv").string(), run->lists, run->records, run->linkage);
  if (!truth.ok()) {
    std::fprintf(stderr, "%s\n", truth.status().ToString().c_str());
    return 1;
  }
  const dedup::Linkage& linkage = run->linkage;
  std::printf("records %lld in %zu lists, %d threads\n", static_cast<long long>(run->records.size()),
              run->lists.size(), options.link.threads);
  std::printf("  read        %6.2f s\n", run->times.read);
  std::printf("  normalise   %6.2f s\n", run->times.normalise);
  std::printf("  block       %6.2f s\n", linkage.times.block);
  std::printf("  compare     %6.2f s  (%lld candidate pairs)\n", linkage.times.count,
              static_cast<long long>(linkage.candidate_pairs));
  std::printf("  estimate    %6.2f s\n", linkage.times.estimate);
  std::printf("  score       %6.2f s\n", linkage.times.score);
  std::printf("  cluster     %6.2f s  (%zu clusters, %lld duplicates, %zu to review)\n", linkage.times.cluster,
              linkage.clusters.size(), static_cast<long long>(linkage.duplicates), linkage.review.size());
  std::printf("end to end    %6.2f s, peak memory %.0f MiB\n", total, PeakMib());
  std::printf("against the truth: precision %.5f, recall %.5f, F1 %.5f (%lld of %lld true pairs, %lld wrong)\n",
              truth->precision, truth->recall, truth->f1,
              static_cast<long long>(truth->correct_pairs), static_cast<long long>(truth->true_pairs),
              static_cast<long long>(truth->found_pairs - truth->correct_pairs));
  if (temporary) {
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  }
  return 0;
}
