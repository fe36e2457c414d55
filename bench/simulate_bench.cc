// simulate_bench: a reform costed over a city's registry, end to end, with where the time
// went (docs/simulate.md, Performance). Issue 7's target: baseline and reform over Zibo's
// 4.7 million persons, a full year of the monthly programs, ≤ 10 s from the registry.
//
//   simulate_bench --dir DIR [--pack DIR --reform FILE --period 2017]
//
// DIR/imported.db holds the registry (pay_bench --county zibo --dir DIR leaves one, of
// 2017); the pack and reform default to bench/packs/zibo-dibao and its dibao-line-6000.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "policy/loader.h"
#include "policy/reform.h"
#include "registry/view.h"
#include "simulate/simulation.h"
#include "store/store.h"
#include "timing.h"

namespace minsheng::bench {
namespace {

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "simulate_bench: %s\n", message.c_str());
  std::exit(1);
}

int Main(int argc, char** argv) {
  std::string dir, pack_dir = std::string(MINSHENG_SOURCE_DIR) + "/bench/packs/zibo-dibao";
  std::string reform_path = pack_dir + "/reforms/dibao-line-6000.md", period_text = "2017";
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (argument == "--pack" && i + 1 < argc) {
      pack_dir = argv[++i];
    } else if (argument == "--reform" && i + 1 < argc) {
      reform_path = argv[++i];
    } else if (argument == "--period" && i + 1 < argc) {
      period_text = argv[++i];
    } else {
      Fail("usage: simulate_bench --dir DIR [--pack DIR --reform FILE --period 2017]");
    }
  }
  if (dir.empty()) Fail("give --dir DIR (DIR/imported.db: pay_bench --county zibo --dir DIR)");
  auto period = Period::Parse(period_text);
  if (!period.ok()) Fail(period.status().ToString());

  const auto start = Clock::now();
  const CpuSeconds cpu_before = CpuSecondsSoFar();
  auto pack = policy::LoadAndCheckPack(pack_dir);
  if (!pack.ok()) Fail(pack.status().ToString());
  auto reform = policy::LoadReform(reform_path);
  if (!reform.ok()) Fail(reform.status().ToString());
  auto reformed = policy::ApplyReform(*pack, *reform);
  if (!reformed.ok()) Fail(reformed.status().ToString());
  auto store = store::OpenSqlite(dir + "/imported.db", {.durability = store::Durability::kFull, .must_exist = true});
  if (!store.ok()) Fail(store.status().ToString());
  const double opened = SecondsSince(start);
  auto view = registry::RegistryView::Load(**store, {period->first_day(), period->last_day(), INT64_MAX});
  if (!view.ok()) Fail(view.status().ToString());
  const double viewed = SecondsSince(start);
  simulate::SimulationOptions options;
  options.period = *period;
  auto simulated = simulate::Simulate(*pack, *reform, *reformed, *view, options);
  if (!simulated.ok()) Fail(simulated.status().ToString());
  const double done = SecondsSince(start);
  const CpuSeconds cpu_after = CpuSecondsSoFar();

  const simulate::Simulation& s = *simulated;
  std::printf("simulate_bench: %s over %lld persons, %lld households, %s\n", reform->id.c_str(),
              static_cast<long long>(s.persons), static_cast<long long>(s.households), period->ToString().c_str());
  std::printf("  end to end          %7.2f s   (target <= 10 s), peak %.0f MiB\n", done, PeakMib());
  std::printf("  of which: packs and store %.2f s, registry view %.2f s, population %.2f s, %zu programs' steps "
              "%.2f s, groups %.2f s, explained %.2f s\n",
              opened, viewed - opened, s.times.population, s.programs.size(), s.times.steps, s.times.groups,
              s.times.explained);
  std::printf("  CPU: %.2f s user, %.2f s system\n", cpu_after.user - cpu_before.user,
              cpu_after.system - cpu_before.system);
  std::printf("  cost %lld → %lld fen; %lld households gain, %lld lose\n",
              static_cast<long long>(s.total_cost_fen.baseline), static_cast<long long>(s.total_cost_fen.reform),
              static_cast<long long>(s.winners), static_cast<long long>(s.losers));
  return 0;
}

}  // namespace
}  // namespace minsheng::bench

int main(int argc, char** argv) { return minsheng::bench::Main(argc, argv); }
