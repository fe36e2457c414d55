// What the plain-main benchmarks (ledger_bench, pay_bench, settle_bench) time with: a
// steady clock, seconds since a start, the process's CPU time and peak resident memory.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <string>

namespace minsheng::bench {

using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The peak resident set so far, in MiB.
inline double PeakMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The CPU time the process has used so far, user and system, in seconds: beside the
// wall time, it shows how much of the machine's cores a step kept busy.
struct CpuSeconds {
  double user = 0;
  double system = 0;
};

inline CpuSeconds CpuSecondsSoFar() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

// The bytes the process has handed to write calls so far (wchar in /proc/self/io: the
// write-ahead log and the checkpoints' copies into the file), or -1 where Linux's
// accounting is not there.
inline long long BytesWrittenSoFar() {
  std::ifstream io("/proc/self/io");
  std::string key;
  long long value = 0;
  while (io >> key >> value) {
    if (key == "wchar:") return value;
  }
  return -1;
}

}  // namespace minsheng::bench
