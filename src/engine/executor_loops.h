// Internal to the executor (executor.cc, executor_calls.cc): the loops every node's
// evaluation is written with, and reading a column into a batch. Not part of the
// engine's API.
#pragma once

#include <cstdint>
#include <type_traits>

#include "engine/executor.h"
#include "engine/kernels.h"
#include "engine/values.h"

namespace minsheng::engine {

// Calls body(position) for every selected position. The dense branch is a plain counted
// loop the compiler can unroll and vectorize.
template <typename Body>
inline void ForEach(const Selection& selection, size_t count, Body&& body) {
  if (selection.dense) {
    for (uint32_t position = 0; position < count; ++position) body(position);
  } else {
    for (uint32_t position : selection.positions) body(position);
  }
}

// Like ForEach for a body returning a Fault: returns the first fault and its position.
// Faults are rare, so the loop first runs without a branch per row (only or-ing the
// faults, which lets the compiler vectorize it); only when one occurred does it run
// again, stopping at the first. The body must depend on nothing but its position.
template <typename Body>
inline Fault ForEachChecked(const Selection& selection, size_t count, uint32_t& failed,
                            Body&& body) {
  unsigned any = 0;
  ForEach(selection, count, [&](uint32_t p) { any |= static_cast<unsigned>(body(p)); });
  if (any == 0) [[likely]] return Fault::kNone;
  Fault fault = Fault::kNone;
  auto visit = [&](uint32_t position) {
    fault = body(position);
    if (fault != Fault::kNone) failed = position;
    return fault == Fault::kNone;
  };
  if (selection.dense) {
    for (uint32_t position = 0; position < count; ++position) {
      if (!visit(position)) return fault;
    }
  } else {
    for (uint32_t position : selection.positions) {
      if (!visit(position)) return fault;
    }
  }
  return Fault::kNone;
}

// Calls body(std::integral_constant<Kernel, k>{}) for the kernel k.
template <typename Body>
Fault WithKernel(Kernel kernel, Body&& body) {
  switch (kernel) {
#define MINSHENG_KERNEL_CASE(name) \
  case Kernel::name: return body(std::integral_constant<Kernel, Kernel::name>{});
    MINSHENG_KERNEL_CASE(kAdd)
    MINSHENG_KERNEL_CASE(kSubtract)
    MINSHENG_KERNEL_CASE(kAddDays)
    MINSHENG_KERNEL_CASE(kSubtractDays)
    MINSHENG_KERNEL_CASE(kMultiplyIntegers)
    MINSHENG_KERNEL_CASE(kMultiplyMoneyRate)
    MINSHENG_KERNEL_CASE(kMultiplyRateRate)
    MINSHENG_KERNEL_CASE(kMultiplyRateNumber)
    MINSHENG_KERNEL_CASE(kDivideMoneyNumber)
    MINSHENG_KERNEL_CASE(kDivideToRate)
    MINSHENG_KERNEL_CASE(kDivideRateNumber)
    MINSHENG_KERNEL_CASE(kLess)
    MINSHENG_KERNEL_CASE(kLessEqual)
    MINSHENG_KERNEL_CASE(kGreater)
    MINSHENG_KERNEL_CASE(kGreaterEqual)
    MINSHENG_KERNEL_CASE(kEqual)
    MINSHENG_KERNEL_CASE(kNotEqual)
    MINSHENG_KERNEL_CASE(kAnd)
    MINSHENG_KERNEL_CASE(kOr)
#undef MINSHENG_KERNEL_CASE
  }
  return Fault::kNone;
}

// Reads a column at the frame's selected rows into out, by position (executor.cc).
void ReadColumn(const Values& column, const Frame& frame, const Selection& selection,
                int64_t* out);

}  // namespace minsheng::engine
