// PortableExp and PortableLog: e^x and ln x computed with +, -, *, / and exact scaling by
// powers of two only, so they give the same bits on every IEEE 754 machine. The C
// library's exp and log may differ in the last bit between implementations, and one bit
// is enough to change a rounded amount in the synthetic files. Accurate to a few units
// in the last place, which is all sampling needs. Pure functions; thread-safe.
#pragma once

namespace minsheng::synth {

// e^x; 0 below -745, +infinity above 709.
double PortableExp(double x);
// ln x for x > 0 (finite); the caller never passes anything else (asserted).
double PortableLog(double x);

}  // namespace minsheng::synth
