// Executor::Run: decides which rows a formula must be evaluated on (all, or only the
// exceptions of a column it folds on, fold.h), runs the batches, and builds the result
// column. Also the formula's signature, by which the engine shares results between
// periods that read the same things.
#include <algorithm>
#include <span>
#include <type_traits>

#include "engine/executor.h"
#include "engine/fold.h"

namespace minsheng::engine {

using policy::Function;
using policy::NodeKind;

namespace {

// A column the formula reads, whose exceptions could be the only rows evaluated.
struct Driver {
  enum class Reach {
    kOwn,            // a column of the formula's own table
    kGroupOfMember,  // a household column read by a person formula (household.x)
    kMemberOfGroup,  // a person column read by a household formula (members.x)
  };
  const Values* values = nullptr;
  Reach reach = Reach::kOwn;
};

void CollectDrivers(const NodeState& state, bool in_members, std::vector<Driver>& drivers) {
  const policy::Node& node = *state.node;
  const bool reads = node.kind == NodeKind::kVariable || node.kind == NodeKind::kGroupVariable ||
                     (node.kind == NodeKind::kCall && node.function == Function::kSumMonths);
  const Values* values = state.source;
  if (reads && values != nullptr && values->has_common() && values->exception_count() > 0 &&
      values->exception_rows() != nullptr) {
    Driver::Reach reach = Driver::Reach::kOwn;
    // Inside an aggregate, a plain variable is a member's and household.x the
    // household's own; outside, household.x is the member's household's.
    if (node.kind == NodeKind::kGroupVariable && !in_members) reach = Driver::Reach::kGroupOfMember;
    if (node.kind != NodeKind::kGroupVariable && in_members) reach = Driver::Reach::kMemberOfGroup;
    drivers.push_back({values, reach});
  }
  const bool members = in_members || node.kind == NodeKind::kAggregate;
  for (const NodeState& child : state.children) {
    if (child.node != nullptr) CollectDrivers(child, members, drivers);
  }
}

// The rows of the formula's table where the driver's column is not common: the
// driver's own exception rows (not copied), or those mapped to the formula's table.
std::span<const uint32_t> RowsOf(const Driver& driver, const Population& population,
                                 Buffer<uint32_t>& storage) {
  const Buffer<uint32_t>& exceptions = *driver.values->exception_rows();
  switch (driver.reach) {
    case Driver::Reach::kOwn: return exceptions;
    case Driver::Reach::kGroupOfMember:
      for (uint32_t group : exceptions) {
        for (uint32_t m = population.member_begin[group]; m < population.member_begin[group + 1];
             ++m) {
          storage.push_back(m);
        }
      }
      break;
    case Driver::Reach::kMemberOfGroup:
      for (uint32_t member : exceptions) {
        const uint32_t group = population.member_group[member];
        if (storage.empty() || storage.back() != group) storage.push_back(group);
      }
      break;
  }
  return storage;
}

// The byte width a formula's results are kept in when every row is computed: what its
// type can hold (a bool or an enum index in one byte, a date's days in four).
int ResultWidth(const policy::Variable& variable) {
  switch (variable.type) {
    case policy::Type::kBool: return 1;
    case policy::Type::kEnum:
      return variable.enum_type != nullptr && variable.enum_type->values.size() <= 127 ? 1 : 8;
    case policy::Type::kDate: return 4;
    default: return 8;
  }
}

void AppendSignature(const NodeState& state, std::vector<int64_t>& out) {
  const policy::Node& node = *state.node;
  const bool reads = node.kind == NodeKind::kVariable || node.kind == NodeKind::kGroupVariable ||
                     (node.kind == NodeKind::kCall && node.function == Function::kSumMonths);
  if (reads) out.push_back(reinterpret_cast<intptr_t>(state.source));
  if (node.kind == NodeKind::kParameter) {
    out.push_back(state.pending.ok());
    out.push_back(state.constant);
  }
  if (node.kind == NodeKind::kCall &&
      (node.function == Function::kScale || node.function == Function::kBracket)) {
    out.push_back(state.pending.ok());
    out.push_back(reinterpret_cast<intptr_t>(state.scale));
  }
  for (const NodeState& child : state.children) {
    if (child.node != nullptr) AppendSignature(child, out);
  }
}

}  // namespace

std::vector<int64_t> Executor::Signature() const {
  std::vector<int64_t> out;
  AppendSignature(root_, out);
  return out;
}

Result<Values> Executor::Run(size_t batch_size, double fold_share) {
  const policy::Variable& variable = *variable_definition_;
  const Population& population = engine_->population();
  const size_t rows = engine_->TableOf(variable.entity).size();
  // Compile marked the root constant when the formula folds with no column fixed.
  if (root_.is_constant) return Values::Constant(rows, root_.constant);

  std::vector<Driver> drivers;
  CollectDrivers(root_, false, drivers);
  // Fewest exceptions first: the first driver the formula folds on is the cheapest.
  std::stable_sort(drivers.begin(), drivers.end(), [](const Driver& a, const Driver& b) {
    return a.values->exception_count() < b.values->exception_count();
  });
  const double limit = fold_share * static_cast<double>(rows);
  for (const Driver& driver : drivers) {
    if (static_cast<double>(driver.values->exception_count()) > limit) break;
    const Folded folded = Fold(root_, driver.values, variable.rounding);
    if (!folded.constant) continue;
    Buffer<uint32_t> storage;
    const std::span<const uint32_t> evaluate = RowsOf(driver, population, storage);
    if (static_cast<double>(evaluate.size()) > limit) continue;
    // A column of two neighbouring values (a bool) holds the other one on every
    // exception row: reading it there is reading a constant.
    const Values& column = *driver.values;
    if (driver.reach == Driver::Reach::kOwn && column.low() < column.high() &&
        column.high() - static_cast<uint64_t>(column.low()) == 1) {
      FixColumn(column, column.common() == column.low() ? column.high() : column.low());
    }
    return RunRows(batch_size, evaluate, folded.value);
  }
  switch (ResultWidth(variable)) {
    case 1: return RunAll<int8_t>(batch_size);
    case 4: return RunAll<int32_t>(batch_size);
    default: return RunAll<int64_t>(batch_size);
  }
}

template <typename T>
Result<Values> Executor::RunAll(size_t batch_size) {
  const policy::Variable& variable = *variable_definition_;
  Frame frame;
  frame.table = &engine_->TableOf(variable.entity);
  frame.is_member = engine_->IsMemberEntity(variable.entity);
  const size_t rows = frame.table->size();
  Buffer<T> out(rows);
  Selection all;
  for (size_t first = 0; first < rows; first += batch_size) {
    frame.first_row = first;
    frame.count = std::min(batch_size, rows - first);
    if constexpr (std::is_same_v<T, int64_t>) root_.output = out.data() + first;
    Status status = Evaluate(root_, frame, all);
    root_.output = nullptr;
    if (!status.ok()) return status;
    if constexpr (!std::is_same_v<T, int64_t>) {
      std::copy_n(root_.data(), frame.count, out.data() + first);
    }
  }
  return Values::Plain(std::move(out));
}

Result<Values> Executor::RunRows(size_t batch_size, std::span<const uint32_t> rows,
                                 int64_t common) {
  const policy::Variable& variable = *variable_definition_;
  Frame frame;
  frame.table = &engine_->TableOf(variable.entity);
  frame.is_member = engine_->IsMemberEntity(variable.entity);
  // The exceptions of the result: each row's value is written, and kept (the count
  // advanced) only when it is not the common one.
  Buffer<uint32_t> exception_rows(rows.size());
  Buffer<int64_t> exception_values(rows.size());
  size_t kept = 0;
  Selection all;
  for (size_t first = 0; first < rows.size(); first += batch_size) {
    frame.rows = rows.data() + first;
    frame.count = std::min(batch_size, rows.size() - first);
    Status status = Evaluate(root_, frame, all);
    if (!status.ok()) return status;
    const int64_t* values = root_.data();
    for (size_t p = 0; p < frame.count; ++p) {
      exception_rows[kept] = frame.rows[p];
      exception_values[kept] = values[p];
      kept += values[p] != common;
    }
  }
  exception_rows.resize(kept);
  exception_values.resize(kept);
  return Values::FromExceptions(frame.table->size(), common, std::move(exception_rows),
                                std::move(exception_values));
}

}  // namespace minsheng::engine
