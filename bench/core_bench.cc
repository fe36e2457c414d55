// Benchmarks of core's hot paths: the parsers that CSV import will call for every row
// (money, dates, resident IDs), region look-ups and Money × Rate, which the engine will
// call for every person and program. Prints ns per call and calls per second.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/date.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/region.h"
#include "core/resident_id.h"

namespace minsheng {
namespace {

const std::vector<std::string> kAmounts = {"140",   "1,234.56",  "¥1234.56", "12万",
                                           "-3.20", "869.4万元", "0.05",     "200"};

void BM_MoneyParse(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    auto money = Money::Parse(kAmounts[i++ % kAmounts.size()]);
    benchmark::DoNotOptimize(money);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyParse);

void BM_MoneyFormat(benchmark::State& state) {
  int64_t fen = 123456789;
  for (auto _ : state) {
    std::string text = Money::FromFen(fen++).ToString();
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyFormat);

void BM_MoneyMultiplyRate(benchmark::State& state) {
  const Rate rate = *Rate::Parse("80%");
  int64_t fen = 1;
  for (auto _ : state) {
    auto product = Money::FromFen(fen++).MultiplyRate(rate, Rounding::kHalfUpFen);
    benchmark::DoNotOptimize(product);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyMultiplyRate);

void BM_DateParse(benchmark::State& state) {
  for (auto _ : state) {
    auto date = Date::Parse("2012-08-01");
    benchmark::DoNotOptimize(date);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DateParse);

void BM_ResidentIdParse(benchmark::State& state) {
  const Date today = *Date::FromYmd(2026, 11, 23);
  for (auto _ : state) {
    auto id = ResidentId::Parse("371623198506120033", today);
    benchmark::DoNotOptimize(id);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResidentIdParse);

void BM_RegionFind(benchmark::State& state) {
  const RegionTable& regions = RegionTable::Builtin();
  const std::vector<std::string> codes = {"371623", "370303", "110105", "371624", "999999"};
  size_t i = 0;
  for (auto _ : state) {
    bool existed = regions.Existed(codes[i++ % codes.size()]);
    benchmark::DoNotOptimize(existed);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RegionFind);

void BM_MaskName(benchmark::State& state) {
  for (auto _ : state) {
    std::string masked = MaskName("欧阳娜娜");
    benchmark::DoNotOptimize(masked);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MaskName);

}  // namespace
}  // namespace minsheng
