// Winners, losers, bands, regions and deciles (groups.h).
#include "simulate/groups.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

#include "core/money.h"
#include "core/region.h"
#include "core/rounding.h"
#include "core/town.h"

namespace minsheng::simulate {
namespace {

constexpr int64_t kYuan = 100;

// A region's name: its town's, else its county's (or prefecture's), else its code.
std::string RegionLabel(const std::string& code) {
  if (const Town* town = TownTable::Builtin().Find(code)) return town->name;
  if (code.size() >= 6) {
    if (auto region = RegionTable::Builtin().Find(code.substr(0, 6))) return region->name();
  }
  return code;
}

Status Add(int64_t& sum, int64_t amount) {
  if (__builtin_add_overflow(sum, amount, &sum)) return OutOfRange("a group's amount overflows 64-bit fen");
  return Status::Ok();
}

void Count(GroupResult& group, int64_t baseline, int64_t reform, int64_t members, Status& status) {
  ++group.households;
  group.persons += members;
  if (status.ok()) status = Add(group.cost_fen.baseline, baseline);
  if (status.ok()) status = Add(group.cost_fen.reform, reform);
  if (reform > baseline) ++group.winners;
  if (reform < baseline) ++group.losers;
}

}  // namespace

std::vector<ChangeBand> EmptyBands() {
  // Magnitudes in yuan: a loss of more than 10,000 … a gain of more than 10,000.
  struct Row {
    std::optional<int64_t> from, to;
    const char *en, *zh;
  };
  const Row rows[] = {
      {std::nullopt, -10000, "loss over 10,000", "减少超过10,000元"},
      {-10000, -1000, "loss 1,000 to 10,000", "减少1,000至10,000元"},
      {-1000, -100, "loss 100 to 1,000", "减少100至1,000元"},
      {-100, 0, "loss up to 100", "减少不超过100元"},
      {0, 100, "gain up to 100", "增加不超过100元"},
      {100, 1000, "gain 100 to 1,000", "增加100至1,000元"},
      {1000, 10000, "gain 1,000 to 10,000", "增加1,000至10,000元"},
      {10000, std::nullopt, "gain over 10,000", "增加超过10,000元"},
  };
  std::vector<ChangeBand> bands;
  for (const Row& row : rows) {
    ChangeBand band;
    if (row.from) band.from_fen = *row.from * kYuan;
    if (row.to) band.to_fen = *row.to * kYuan;
    band.label_en = row.en;
    band.label_zh = row.zh;
    bands.push_back(std::move(band));
  }
  return bands;
}

// The band of a change not zero, by magnitude up to and including the band's larger one:
// a loss in [from, to) of a band below zero, a gain in (from, to] of one above.
bool InBand(const ChangeBand& band, int64_t change) {
  if (change < 0) {
    const bool loss_band = band.to_fen.has_value() && *band.to_fen <= 0;
    return loss_band && (!band.from_fen || change >= *band.from_fen) && change < *band.to_fen;
  }
  const bool gain_band = band.from_fen.has_value() && *band.from_fen >= 0;
  return gain_band && change > *band.from_fen && (!band.to_fen || change <= *band.to_fen);
}

Status AddGroups(const Households& households, Simulation& result) {
  const registry::RegistryView& view = households.view;
  const size_t count = view.households().size();
  std::vector<int64_t> members(count, 0), income(count, 0);
  for (const registry::Person& person : view.persons()) {
    ++members[person.household];
    income[person.household] += person.income_fen;
  }

  result.distribution = EmptyBands();
  std::map<std::string, GroupResult> regions, counties;
  Status status;
  for (size_t h = 0; h < count; ++h) {
    const int64_t baseline = households.baseline[h], reform = households.reform[h];
    int64_t change = 0;
    if (__builtin_sub_overflow(reform, baseline, &change)) return OutOfRange("a household's change overflows");
    if (change > 0) ++result.winners;
    if (change < 0) ++result.losers;
    if (change == 0) ++result.unchanged;
    result.largest_gain_fen = std::max(result.largest_gain_fen, change);
    result.largest_loss_fen = std::min(result.largest_loss_fen, change);
    if (change != 0) {
      for (ChangeBand& band : result.distribution) {
        if (InBand(band, change)) {
          ++band.households;
          if (status.ok()) status = Add(band.change_fen, change);
          break;
        }
      }
    }
    const std::string& region = view.households()[h].region;
    Count(regions[region], baseline, reform, members[h], status);
    Count(counties[region.substr(0, 6)], baseline, reform, members[h], status);
  }
  if (!status.ok()) return status;
  for (auto [grouped, out] : {std::pair{&regions, &result.by_region}, std::pair{&counties, &result.by_county}}) {
    for (auto& [code, group] : *grouped) {
      group.key = code;
      group.label = RegionLabel(code);
      out->push_back(std::move(group));
    }
  }

  // Deciles: by income per member. With at most 12 members, a/m is a·(27720/m) over 27720
  // (the least common multiple of 1 … 12): one 64-bit key per household, sorted with its
  // index. Otherwise (or on overflow) a/m < b/n is compared as a·n < b·m in 128 bits.
  constexpr int64_t kCommonDenominator = 27720;
  std::vector<std::pair<int64_t, uint32_t>> keyed(count);
  bool keys_exact = true;
  for (uint32_t h = 0; h < count && keys_exact; ++h) {
    const int64_t m = std::max<int64_t>(members[h], 1);
    keys_exact = m <= 12 && !__builtin_mul_overflow(income[h], kCommonDenominator / m, &keyed[h].first);
    keyed[h].second = h;
  }
  std::vector<uint32_t> order(count);
  if (keys_exact) {
    std::sort(keyed.begin(), keyed.end());  // ties in registry order, by index
    for (size_t i = 0; i < count; ++i) order[i] = keyed[i].second;
  } else {
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      const Int128 left = static_cast<Int128>(income[a]) * std::max<int64_t>(members[b], 1);
      const Int128 right = static_cast<Int128>(income[b]) * std::max<int64_t>(members[a], 1);
      return left < right;
    });
  }
  for (int d = 0; d < 10 && count > 0; ++d) {
    GroupResult group;
    group.key = std::to_string(d + 1);
    group.label = "D" + std::to_string(d + 1) + (d == 0 ? " (lowest)" : d == 9 ? " (highest)" : "");
    const size_t first = count * static_cast<size_t>(d) / 10, last = count * static_cast<size_t>(d + 1) / 10;
    for (size_t i = first; i < last; ++i) {
      const uint32_t h = order[i];
      Count(group, households.baseline[h], households.reform[h], members[h], status);
    }
    result.by_decile.push_back(std::move(group));
  }
  return status;
}

}  // namespace minsheng::simulate
