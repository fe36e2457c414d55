// The executor's functions and aggregates: min, max, clamp, abs, rounding, scales,
// sum_months, and sum/count/any/all/max/min over a household's members.
#include <algorithm>

#include "engine/executor.h"
#include "engine/executor_loops.h"
#include "engine/group_sums.h"
#include "engine/scale.h"

namespace minsheng::engine {

using policy::Aggregate;
using policy::Function;
using policy::Node;
using policy::NodeKind;
using policy::Type;

namespace {

// Whether no household's sum can overflow, as SumGroups (group_sums.h) needs: the
// largest magnitude times the number of members fits.
bool SumsFit(uint64_t largest, size_t members) {
  uint64_t bound = 0;
  return !__builtin_mul_overflow(largest, static_cast<uint64_t>(members), &bound) &&
         bound <= static_cast<uint64_t>(INT64_MAX);
}

bool SumGroupsIfFit(const int64_t* value, size_t members, const uint32_t* offsets, size_t groups,
                  std::vector<int64_t>& prefix, int64_t* out) {
  uint64_t largest = 0;
  for (size_t m = 0; m < members; ++m) {
    const uint64_t magnitude =
        value[m] < 0 ? 0 - static_cast<uint64_t>(value[m]) : static_cast<uint64_t>(value[m]);
    largest = std::max(largest, magnitude);
  }
  if (!SumsFit(largest, members)) return false;
  SumGroups(value, members, offsets, groups, prefix, out);
  return true;
}

}  // namespace

Status Executor::EvaluateCall(NodeState& state, const Frame& frame, const Selection& selection) {
  const Node& node = *state.node;
  int64_t* out = state.out();
  if (node.function == Function::kSumMonths) {
    ReadColumn(*state.source, frame, selection, out);
    return Status::Ok();
  }
  // Every other function reads its arguments' values; a scale's first argument is the
  // scale itself, not a value.
  const size_t first_value =
      (node.function == Function::kScale || node.function == Function::kBracket) ? 1 : 0;
  for (size_t i = first_value; i < state.children.size(); ++i) {
    Status status = Evaluate(state.children[i], frame, selection);
    if (!status.ok()) return status;
  }
  const int64_t* x = state.children[first_value].data();
  // A dated scale, scale(p.s at DATE, x): each row's version in force on its date.
  std::vector<const policy::ScaleVersion*> versions;
  if (first_value == 1 && state.scale == nullptr) {
    Status status = ResolveDatedScale(state, frame, selection, versions);
    if (!status.ok()) return status;
  }
  auto scale_of = [&](uint32_t p) { return versions.empty() ? state.scale : versions[p]; };
  uint32_t failed = 0;
  Fault fault = Fault::kNone;
  switch (node.function) {
    case Function::kMin:
    case Function::kMax: {
      const bool is_min = node.function == Function::kMin;
      ForEach(selection, frame.count, [&](uint32_t p) { out[p] = x[p]; });
      for (size_t i = 1; i < state.children.size(); ++i) {
        const int64_t* y = state.children[i].data();
        ForEach(selection, frame.count, [&](uint32_t p) {
          out[p] = is_min ? std::min(out[p], y[p]) : std::max(out[p], y[p]);
        });
      }
      break;
    }
    case Function::kClamp: {
      const int64_t* low = state.children[1].data();
      const int64_t* high = state.children[2].data();
      ForEach(selection, frame.count,
              [&](uint32_t p) { out[p] = std::min(std::max(x[p], low[p]), high[p]); });
      break;
    }
    case Function::kAbs:
      fault = ForEachChecked(selection, frame.count, failed,
                             [&](uint32_t p) { return Absolute(x[p], out[p]); });
      break;
    case Function::kRoundFen:
      ForEach(selection, frame.count, [&](uint32_t p) { out[p] = x[p]; });
      break;
    case Function::kRoundYuan:
      fault = ForEachChecked(selection, frame.count, failed,
                             [&](uint32_t p) { return RoundYuan(x[p], out[p]); });
      break;
    case Function::kScale: {
      const bool money = node.type == Type::kMoney;
      const Rounding rounding = variable_definition_->rounding;
      fault = ForEachChecked(selection, frame.count, failed, [&](uint32_t p) {
        return ApplyMarginalScale(*scale_of(p), x[p], money, rounding, out[p]);
      });
      break;
    }
    case Function::kBracket:
      ForEach(selection, frame.count,
              [&](uint32_t p) { out[p] = ApplyFlatScale(*scale_of(p), x[p]); });
      break;
    default: return Internal("executor: unknown function");
  }
  return fault == Fault::kNone ? Status::Ok() : FaultAt(state, frame, failed, fault);
}

Status Executor::ResolveDatedScale(NodeState& state, const Frame& frame, const Selection& selection,
                                   std::vector<const policy::ScaleVersion*>& versions) {
  NodeState& parameter = state.children[0];
  NodeState& date = parameter.children[0];
  Status status = Evaluate(date, frame, selection);
  if (!status.ok()) return status;
  versions.assign(frame.count, nullptr);
  Status failure;
  ForEach(selection, frame.count, [&](uint32_t p) {
    if (!failure.ok()) return;
    auto version = parameter.parameter->ScaleAt(
        Date::FromDaysSinceEpoch(static_cast<int32_t>(date.data()[p])));
    if (!version.ok()) {
      failure = version.status().At(state.node->location);
      return;
    }
    versions[p] = *version;
  });
  return failure;
}

Status Executor::EvaluateAggregate(NodeState& state, const Frame& frame,
                                   const Selection& selection) {
  const Node& node = *state.node;
  const Population& population = engine_->population();
  const uint32_t* begin = population.member_begin.data();
  const bool has_where = state.children.size() > 1 && state.children[1].node != nullptr;
  const bool has_value = !state.children.empty() && state.children[0].node != nullptr;
  if (node.aggregate == Aggregate::kSum && has_value && !has_where && selection.dense &&
      frame.rows == nullptr) {
    // sum(members.x) of a dense column over contiguous households: summed straight from
    // the column (group_sums.h), when its range proves no sum can overflow.
    const NodeState& child = state.children[0];
    const Values* column = child.source;
    const size_t count = begin[frame.first_row + frame.count] - begin[frame.first_row];
    if (child.node->kind == NodeKind::kVariable && !child.is_constant && column != nullptr &&
        !column->sparse() && SumsFit(column->magnitude(), count)) {
      column->VisitDense([&](const auto* data) {
        SumGroups(data, column->size(), begin + frame.first_row, frame.count, state.prefix,
                  state.out());
      });
      return Status::Ok();
    }
  }
  // The members of the frame's households, and where each household's start: the
  // contiguous run of members of contiguous households, or the members of each listed
  // household one after another.
  Frame members;
  members.table = &population.members;
  members.is_member = true;
  std::vector<uint32_t>& offsets = state.offsets;
  offsets.resize(frame.count + 1);
  if (frame.rows == nullptr) {
    const uint32_t base = begin[frame.first_row];
    for (size_t p = 0; p <= frame.count; ++p) offsets[p] = begin[frame.first_row + p] - base;
    members.first_row = base;
  } else {
    state.rows.clear();
    offsets[0] = 0;
    for (size_t p = 0; p < frame.count; ++p) {
      for (uint32_t m = begin[frame.rows[p]]; m < begin[frame.rows[p] + 1]; ++m) state.rows.push_back(m);
      offsets[p + 1] = static_cast<uint32_t>(state.rows.size());
    }
    members.rows = state.rows.data();
  }
  members.count = offsets[frame.count];
  // Only the members of the households that reach the aggregate are evaluated: a
  // household in an untaken branch must not fault through its members.
  Selection& member_rows = state.taken;
  member_rows.dense = selection.dense;
  member_rows.positions.clear();
  if (!selection.dense) {
    for (uint32_t p : selection.positions) {
      for (uint32_t m = offsets[p]; m < offsets[p + 1]; ++m) member_rows.positions.push_back(m);
    }
  }
  // any/all with only a condition ask it of every member; otherwise it filters members.
  const bool condition_is_value =
      has_where && !has_value &&
      (node.aggregate == Aggregate::kAny || node.aggregate == Aggregate::kAll);
  const int64_t* where = nullptr;
  const int64_t* value = nullptr;
  if (has_where) {
    Status status = Evaluate(state.children[1], members, member_rows);
    if (!status.ok()) return status;
    where = state.children[1].data();
  }
  if (has_value) {
    Selection& value_rows = state.not_taken;
    value_rows.dense = member_rows.dense && where == nullptr;
    value_rows.positions.clear();
    if (!value_rows.dense) {
      ForEach(member_rows, members.count, [&](uint32_t m) {
        if (where == nullptr || where[m] != 0) value_rows.positions.push_back(m);
      });
    }
    Status status = Evaluate(state.children[0], members, value_rows);
    if (!status.ok()) return status;
    value = state.children[0].data();
  }
  int64_t* out = state.out();
  uint32_t failed = 0;
  const Aggregate aggregate = node.aggregate;
  if (aggregate == Aggregate::kSum && value != nullptr && where == nullptr && selection.dense &&
      SumGroupsIfFit(value, members.count, offsets.data(), frame.count, state.prefix, out)) {
    return Status::Ok();
  }
  const Fault fault = ForEachChecked(selection, frame.count, failed, [&](uint32_t p) {
    int64_t result = AggregateStart(aggregate);
    bool seen = false;
    for (uint32_t m = offsets[p]; m < offsets[p + 1]; ++m) {
      if (!condition_is_value && where != nullptr && where[m] == 0) continue;
      const int64_t member_value = condition_is_value ? where[m] : value != nullptr ? value[m] : 1;
      const Fault member_fault = Accumulate(aggregate, member_value, seen, result);
      if (member_fault != Fault::kNone) return member_fault;
      seen = true;
    }
    out[p] = result;
    return Fault::kNone;
  });
  return fault == Fault::kNone ? Status::Ok() : FaultAt(state, frame, failed, fault);
}

}  // namespace minsheng::engine
