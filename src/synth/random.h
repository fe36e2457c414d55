// Random: the one source of randomness of the synthetic counties, the same numbers on
// every machine.
//
// xoshiro256** (Blackman and Vigna) seeded through splitmix64: both are specified down to
// the bit, unlike std::mt19937's distributions, whose output the C++ standard leaves to
// the implementation. Every draw from a number is done here with integer arithmetic, or
// with double arithmetic that IEEE 754 rounds the same everywhere (+, -, *, /, sqrt and
// portable_math.h); the library is compiled with -ffp-contract=off so that no compiler
// fuses a multiply and an add. Callers make one draw per statement: C++ leaves the order
// of evaluation of an expression's operands unspecified (a() + b()), and GCC and Clang
// differ. A Random is a value; one per thread.
#pragma once

#include <cstdint>

namespace minsheng::synth {

// splitmix64's finalizer: a bijection on 64 bits that spreads every input bit.
uint64_t Mix64(uint64_t value);

// A seed for one independent stream, from the user's seed and what the stream is for
// (a county, a town, a household number, a purpose): the same parts give the same seed.
uint64_t StreamSeed(uint64_t seed, uint64_t part1, uint64_t part2 = 0, uint64_t part3 = 0);

class Random {
 public:
  explicit Random(uint64_t seed);

  // The next 64 random bits.
  uint64_t Next();
  // Uniform in [0, bound); bound > 0. Exact (rejection), no modulo bias.
  uint64_t Below(uint64_t bound);
  // Uniform in [low, high], both included; low <= high.
  int64_t Between(int64_t low, int64_t high);
  // Uniform in [0, 1), 53 random bits.
  double Unit();
  // True with the given probability.
  bool Chance(double probability) { return Unit() < probability; }
  // Standard normal (Marsaglia's polar method).
  double Normal();
  // Log-normal: median · e^(sigma · Normal()).
  double LogNormal(double median, double sigma);

 private:
  uint64_t state_[4];
};

}  // namespace minsheng::synth
