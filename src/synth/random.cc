// Random: xoshiro256** and the draws built on it (random.h).
#include "synth/random.h"

#include <cassert>
#include <cmath>
#include <initializer_list>

#include "synth/portable_math.h"

namespace minsheng::synth {
namespace {

constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;  // splitmix64's increment

uint64_t RotateLeft(uint64_t value, int bits) {
  return (value << bits) | (value >> (64 - bits));
}

}  // namespace

uint64_t Mix64(uint64_t value) {
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

uint64_t StreamSeed(uint64_t seed, uint64_t part1, uint64_t part2, uint64_t part3) {
  uint64_t hash = Mix64(seed + kGoldenGamma);
  for (const uint64_t part : {part1, part2, part3}) hash = Mix64(hash ^ (part + kGoldenGamma));
  return hash;
}

Random::Random(uint64_t seed) {
  // splitmix64 fills the state, as the xoshiro authors recommend; it is never all zero.
  for (uint64_t& word : state_) {
    seed += kGoldenGamma;
    word = Mix64(seed);
  }
}

uint64_t Random::Next() {
  const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
  const uint64_t shifted = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= shifted;
  state_[3] = RotateLeft(state_[3], 45);
  return result;
}

uint64_t Random::Below(uint64_t bound) {
  assert(bound > 0);
  // Values below `threshold` would make some results likelier than others; (2^64 - bound)
  // mod bound of them are dropped.
  const uint64_t threshold = (0 - bound) % bound;
  while (true) {
    const uint64_t value = Next();
    if (value >= threshold) return value % bound;
  }
}

int64_t Random::Between(int64_t low, int64_t high) {
  assert(low <= high);
  return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
}

double Random::Unit() {
  return static_cast<double>(Next() >> 11) * 0x1.0p-53;
}

double Random::Normal() {
  while (true) {
    const double u = 2 * Unit() - 1;
    const double v = 2 * Unit() - 1;
    const double s = u * u + v * v;
    if (s > 0 && s < 1) return u * std::sqrt(-2 * PortableLog(s) / s);
  }
}

double Random::LogNormal(double median, double sigma) {
  return median * PortableExp(sigma * Normal());
}

}  // namespace minsheng::synth
