// Which planned households are in 特困, dibao and 建档立卡 (plan.h). Each program's count
// is met exactly: the wanted households are split over (town, kind of household) groups
// by largest remainder, in proportion to a weight times the group's size, then drawn
// within each group by selection sampling.
#include <array>
#include <string>
#include <vector>

#include "synth/plan.h"
#include "synth/sampling.h"

namespace minsheng::synth {
namespace {

// Dibao households by size, per cent, sizes 1 to 6 (assumption: small, often old people
// alone or couples, ~2 persons a household).
constexpr std::array<int64_t, 6> kDibaoSizePercent = {40, 32, 15, 8, 3, 2};
// 建档立卡 households by size, per cent, sizes 1 to 5: the seed's 122,657 persons in 65,668
// households are 1.87 a household, and 51.48% of the poor are old (贫困老人占51.48%).
constexpr std::array<int64_t, 5> kPovertySizePercent = {38, 44, 12, 5, 1};

// How much likelier a rural household is than an urban one to be in the program
// (assumption: 五保 is a rural institution; dibao rates are about 3× higher in villages).
constexpr int64_t kTekunRuralWeight = 8;
constexpr int64_t kDibaoRuralWeight = 3;
// How much likelier a household already in dibao or 特困 is to be 建档立卡 (assumption:
// Zibo joined the two systems, 两项制度衔接, so they overlap much).
constexpr int64_t kPovertyInProgramWeight = 6;

// Chooses exactly `wanted` households. stratum_of(town, household) is the household's
// group within its town (0 .. strata-1), or -1 when it cannot be chosen; weight_of(town,
// stratum) is how likely the group's households are, relative to the others.
template <typename StratumOf, typename WeightOf>
Status ChooseHouseholds(CountyPlan& plan, Stream stream, uint64_t part, int64_t wanted, int strata,
                        StratumOf stratum_of, WeightOf weight_of, uint8_t flag,
                        const std::string& what) {
  if (wanted == 0) return Status::Ok();
  const size_t groups = plan.towns.size() * static_cast<size_t>(strata);
  std::vector<int64_t> counts(groups, 0);
  std::vector<int64_t> weights(groups, 0);
  for (size_t t = 0; t < plan.towns.size(); ++t) {
    for (const HouseholdPlan& household : plan.towns[t].households) {
      const int stratum = stratum_of(plan.towns[t], household);
      if (stratum >= 0) ++counts[t * static_cast<size_t>(strata) + static_cast<size_t>(stratum)];
    }
    for (int s = 0; s < strata; ++s) {
      const size_t group = t * static_cast<size_t>(strata) + static_cast<size_t>(s);
      weights[group] = weight_of(plan.towns[t], s) * counts[group];
    }
  }
  const std::vector<int64_t> chosen = AllocateCapped(wanted, weights, counts);
  int64_t placed = 0;
  for (const int64_t count : chosen) placed += count;
  if (placed < wanted) {
    return InvalidArgument("the scale is too small: only " + std::to_string(placed) + " of " +
                           std::to_string(wanted) + " " + what + " find a household to fit");
  }
  Random random(StreamSeed(plan.seed, static_cast<uint64_t>(stream), part));
  for (size_t t = 0; t < plan.towns.size(); ++t) {
    std::vector<Selection> selections;
    for (int s = 0; s < strata; ++s) {
      const size_t group = t * static_cast<size_t>(strata) + static_cast<size_t>(s);
      selections.emplace_back(chosen[group], counts[group]);
    }
    for (HouseholdPlan& household : plan.towns[t].households) {
      const int stratum = stratum_of(plan.towns[t], household);
      if (stratum >= 0 && selections[static_cast<size_t>(stratum)].Take(random)) {
        household.flags |= flag;
      }
    }
  }
  return Status::Ok();
}

Status PlanTekun(CountyPlan& plan) {
  const auto alone = [](const TownPlan&, const HouseholdPlan& household) {
    return household.size == 1 && household.flags == 0 ? 0 : -1;
  };
  const auto weight = [](const TownPlan& town, int) -> int64_t {
    return town.urban ? 1 : kTekunRuralWeight;
  };
  if (Status chosen = ChooseHouseholds(plan, Stream::kTekun, 0, plan.tekun_persons, 1, alone,
                                       weight, kTekunFlag, "特困 persons");
      !chosen.ok()) {
    return chosen;
  }
  // Where each lives: the town's 敬老院 (集中供养) or at home (分散供养).
  Random random(StreamSeed(plan.seed, static_cast<uint64_t>(Stream::kTekun), 1));
  for (TownPlan& town : plan.towns) {
    for (HouseholdPlan& household : town.households) {
      if ((household.flags & kTekunFlag) == 0) continue;
      if (random.Below(100) < static_cast<uint64_t>(plan.figures->tekun_nursing_home_percent)) {
        household.flags |= kNursingHomeFlag;
      }
    }
  }
  return Status::Ok();
}

Status PlanDibao(CountyPlan& plan) {
  const std::vector<int64_t> no_limit(kDibaoSizePercent.size(), INT64_MAX);
  const std::vector<int64_t> by_size =
      AllocateCapped(plan.dibao_households, kDibaoSizePercent, no_limit);
  for (size_t index = 0; index < by_size.size(); ++index) {
    const auto size = static_cast<uint8_t>(index + 1);
    const auto fits = [size](const TownPlan&, const HouseholdPlan& household) {
      return household.size == size && (household.flags & kTekunFlag) == 0 ? 0 : -1;
    };
    const auto weight = [](const TownPlan& town, int) -> int64_t {
      return town.urban ? 1 : kDibaoRuralWeight;
    };
    if (Status chosen =
            ChooseHouseholds(plan, Stream::kDibao, size, by_size[index], 1, fits, weight,
                             kDibaoFlag, "dibao households of " + std::to_string(size));
        !chosen.ok()) {
      return chosen;
    }
  }
  return Status::Ok();
}

Status PlanPoverty(CountyPlan& plan) {
  if (plan.poverty_households == 0) {
    plan.poverty_persons = 0;  // a scale that rounds the households to none has no persons
    return Status::Ok();
  }
  Result<std::vector<int64_t>> by_size =
      HouseholdSizeCounts(plan.poverty_households, plan.poverty_persons, kPovertySizePercent);
  if (!by_size.ok()) return by_size.status();
  for (size_t index = 0; index < by_size->size(); ++index) {
    const auto size = static_cast<uint8_t>(index + 1);
    // Rural households only; stratum 1 holds those already in dibao or 特困.
    const auto fits = [size](const TownPlan& town, const HouseholdPlan& household) {
      if (town.urban || household.size != size) return -1;
      return (household.flags & (kDibaoFlag | kTekunFlag)) != 0 ? 1 : 0;
    };
    const CountyFigures& figures = *plan.figures;
    const auto weight = [&figures](const TownPlan& town, int stratum) -> int64_t {
      const int64_t district = figures.districts[static_cast<size_t>(town.district)].poverty_weight;
      return district * (stratum == 1 ? kPovertyInProgramWeight : 1);
    };
    if (Status chosen =
            ChooseHouseholds(plan, Stream::kPoverty, size, (*by_size)[index], 2, fits, weight,
                             kPovertyFlag, "建档立卡 households of " + std::to_string(size));
        !chosen.ok()) {
      return chosen;
    }
  }
  return Status::Ok();
}

}  // namespace

Status PlanPrograms(CountyPlan& plan) {
  if (Status tekun = PlanTekun(plan); !tekun.ok()) return tekun;
  if (Status dibao = PlanDibao(plan); !dibao.ok()) return dibao;
  return PlanPoverty(plan);
}

}  // namespace minsheng::synth
