// What the plain-main benchmarks (ledger_bench, pay_bench, settle_bench) time with: a
// steady clock, seconds since a start, and the process's peak resident memory.
#pragma once

#include <sys/resource.h>

#include <chrono>

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

}  // namespace minsheng::bench
