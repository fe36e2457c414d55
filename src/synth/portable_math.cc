// PortableExp and PortableLog (portable_math.h): range reduction by powers of two, then a
// short series. Cody and Waite's split of ln 2 keeps the reduction exact enough.
#include "synth/portable_math.h"

#include <cassert>
#include <cmath>
#include <limits>

namespace minsheng::synth {
namespace {

// ln 2 split so that k · kLn2High is exact for |k| < 2^11 (its low bits are zero).
constexpr double kLn2High = 6.93147180369123816490e-01;
constexpr double kLn2Low = 1.90821492927058770002e-10;
constexpr double kInverseLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

}  // namespace

double PortableExp(double x) {
  if (x > 709) return std::numeric_limits<double>::infinity();
  if (x < -745) return 0;
  // x = k ln 2 + r, |r| <= ln 2 / 2; e^x = 2^k e^r.
  const double k = std::floor(x * kInverseLn2 + 0.5);
  const double r = (x - k * kLn2High) - k * kLn2Low;
  // Taylor series to r^16/16!: the next term is below 1e-21 for |r| <= 0.35.
  double sum = 1;
  double term = 1;
  for (int n = 1; n <= 16; ++n) {
    term = term * r / n;
    sum = sum + term;
  }
  return std::ldexp(sum, static_cast<int>(k));
}

double PortableLog(double x) {
  assert(x > 0 && std::isfinite(x));
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);  // x = mantissa · 2^exponent, mantissa in [0.5, 1)
  if (mantissa < kSqrtHalf) {
    mantissa = mantissa * 2;
    exponent = exponent - 1;
  }
  // ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + …) with s = (m - 1)/(m + 1), |s| <= 0.172.
  const double s = (mantissa - 1) / (mantissa + 1);
  const double s2 = s * s;
  double power = s;
  double series = 0;
  for (int n = 1; n <= 27; n += 2) {
    series = series + power / n;
    power = power * s2;
  }
  return exponent * kLn2High + (exponent * kLn2Low + 2 * series);
}

}  // namespace minsheng::synth
