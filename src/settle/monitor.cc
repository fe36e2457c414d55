#include "settle/monitor.h"

#include <map>
#include <tuple>

#include "core/rate.h"
#include "core/rounding.h"

namespace minsheng::settle {

namespace {

struct Tally {
  int64_t admissions = 0;
  int64_t total_fen = 0;
};

struct Group {
  std::string level;
  Tally all;
  std::map<std::string, Tally> diagnoses;
};

// Months as one number: year × 12 + month − 1, so the previous month is one less.
int MonthIndex(Date day) { return day.year() * 12 + day.month() - 1; }
Period MonthOf(int index) { return Period::Month(index / 12, index % 12 + 1); }

// A money limit in force on the month's first day, if the pack defines one.
std::optional<int64_t> Limit(const policy::Pack& pack, const std::string& name, const Period& month) {
  const policy::Parameter* parameter = pack.FindParameter(name);
  if (parameter == nullptr || parameter->is_scale) return std::nullopt;
  auto value = parameter->ValueAt(month.first_day());
  if (!value.ok()) return std::nullopt;
  return value->raw;
}

int64_t Average(const Tally& tally) {
  return tally.admissions == 0 ? 0 : DivideRounded64(tally.total_fen, tally.admissions, Rounding::kHalfUpFen);
}

// Whether `now` grew more than `growth` (billionths) over `before`, comparing the exact
// averages (total / admissions) of the two: now × before.n × 10⁹ > before × now.n × (10⁹ + g).
bool GrewTooMuch(const Tally& now, const Tally& before, int64_t growth, bool averages) {
  const Int128 now_n = averages ? now.admissions : 1, before_n = averages ? before.admissions : 1;
  return Int128{now.total_fen} * before_n * Rate::kScale >
         Int128{before.total_fen} * now_n * (Rate::kScale + growth);
}

// What `before` grown by `growth` is: the highest figure allowed, rounded to the fen.
int64_t Allowed(int64_t before_fen, int64_t growth) {
  return static_cast<int64_t>(DivideRounded(Int128{before_fen} * (Rate::kScale + growth), Rate::kScale,
                                            Rounding::kHalfUpFen));
}

}  // namespace

Result<MonitorReport> Monitor(store::Store& store, const policy::Pack& pack, std::optional<Period> month) {
  auto statement = store.Prepare(
      "SELECT hospital, hospital_level, discharged, total_cost, diagnosis FROM settle_claims "
      "WHERE status = 'settled'");
  if (!statement.ok()) return statement.status();
  std::map<std::pair<int, std::string>, Group> groups;
  while (true) {
    auto row = (*statement)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto discharged = Date::Parse((*statement)->TextView(2));
    if (!discharged.ok()) return discharged.status();
    Group& group = groups[{MonthIndex(*discharged), (*statement)->Text(0)}];
    group.level = (*statement)->Text(1);
    const int64_t cost = (*statement)->Int(3);
    ++group.all.admissions;
    group.all.total_fen += cost;
    const std::string diagnosis = (*statement)->Text(4);
    if (!diagnosis.empty()) {
      Tally& tally = group.diagnoses[diagnosis];
      ++tally.admissions;
      tally.total_fen += cost;
    }
  }

  MonitorReport report;
  for (const auto& entry : groups) {
    // Named, not a structured binding: the lambda below captures it, which clang accepts
    // only from version 16 (make fuzz builds with the clang Debian ships, 14).
    const auto& key = entry.first;
    const auto& group = entry.second;
    const Period period = MonthOf(key.first);
    if (month && !(period == *month)) continue;
    const std::string& hospital = key.second;
    HospitalMonth figures{hospital, group.level, period, group.all.admissions, group.all.total_fen,
                          Average(group.all)};
    report.months.push_back(figures);
    auto finding = [&](const char* check, int64_t value, int64_t limit, int64_t previous,
                       std::string diagnosis = "") {
      report.findings.push_back({hospital, group.level, period, check, std::move(diagnosis), value, limit, previous});
    };
    if (auto limit = Limit(pack, "dual_control_cost_per_admission_" + group.level, period);
        limit && Int128{group.all.total_fen} > Int128{*limit} * group.all.admissions) {
      finding("cost_per_admission", figures.per_admission_fen, *limit, 0);
    }
    if (auto limit = Limit(pack, "dual_control_total_cost_" + group.level, period);
        limit && group.all.total_fen > *limit) {
      finding("total_cost", group.all.total_fen, *limit, 0);
    }
    const auto before = groups.find({key.first - 1, hospital});
    const auto growth = Limit(pack, "dual_control_growth", period);
    if (before == groups.end() || !growth) continue;
    const Group& previous = before->second;
    if (GrewTooMuch(group.all, previous.all, *growth, true)) {
      const int64_t was = Average(previous.all);
      finding("growth_cost_per_admission", figures.per_admission_fen, Allowed(was, *growth), was);
    }
    if (GrewTooMuch(group.all, previous.all, *growth, false)) {
      finding("growth_total_cost", group.all.total_fen, Allowed(previous.all.total_fen, *growth),
              previous.all.total_fen);
    }
    for (const auto& [diagnosis, tally] : group.diagnoses) {
      const auto was = previous.diagnoses.find(diagnosis);
      if (was == previous.diagnoses.end() || !GrewTooMuch(tally, was->second, *growth, true)) continue;
      const int64_t average = Average(was->second);
      finding("growth_diagnosis", Average(tally), Allowed(average, *growth), average, diagnosis);
    }
  }
  return report;
}

}  // namespace minsheng::settle
