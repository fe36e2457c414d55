// The projection's verdict in words (summary_text.h).
#include "projection/summary_text.h"

namespace minsheng::projection {
namespace {

std::string Year(int year) {
  return std::to_string(year);
}

// Which years the floor is read in: "from 2016 to 2022" / "2016年至2022年", or one year.
Sentence YearSpan(int from, int to) {
  if (from == to) return {Year(from) + "年", "in " + Year(from)};
  return {Year(from) + "年至" + Year(to) + "年", "from " + Year(from) + " to " + Year(to)};
}

Sentence Holds(const Projection& projection, const ProjectionSummary& summary) {
  const FundScenario& scenario = projection.scenario;
  if (!scenario.floor.has_value()) {
    return {"未设底线；所示各年度末余额均不低于零",
            "no floor is set; the balance stays at or above zero in every year shown"};
  }
  const std::string floor = GroupedYuan(scenario.floor->amount);
  const int floor_year = YearLabel(scenario, scenario.floor->from_year);
  if (!summary.tightest.has_value()) {
    return {"底线 " + floor + " 元自" + Year(floor_year) +
                "年起适用，晚于所示年度；所示各年度末余额均不低于零",
            "the floor of " + floor + " holds from " + Year(floor_year) +
                ", after the years shown; the balance stays at or above zero in every year shown"};
  }
  const Sentence span = YearSpan(floor_year, projection.years.to);
  const ProjectionRow& tightest = *summary.tightest;
  const std::string margin = GroupedYuan(*tightest.margin);
  return {"计划可以实现：" + span.zh + "每年初基金余额均不低于 " + floor + " 元（最紧为" +
              Year(tightest.year) + "年，高出 " + margin + " 元）",
          "the plan holds: every opening balance " + span.en + " is ≥ " + floor +
              " (the tightest, " + Year(tightest.year) + ", by " + margin + ")"};
}

Sentence BelowFloor(const ProjectionRow& row) {
  // margin < 0 here, and above INT64_MIN since opening ≥ INT64_MIN and floor > 0.
  const Result<Money> short_by = row.margin->Negate();
  const std::string shortfall = short_by.ok() ? GroupedYuan(*short_by) : "?";
  const std::string opening = GroupedYuan(row.opening);
  const std::string floor = GroupedYuan(*row.floor);
  return {"计划无法实现：" + Year(row.year) + "年初（基金第" + Year(row.fund_year) +
              "年）基金余额 " + opening + " 元，低于底线 " + floor + " 元，差 " + shortfall + " 元",
          "the plan fails: the fund falls below its floor at the start of " + Year(row.year) +
              " (fund year " + Year(row.fund_year) + "): " + opening + " against " + floor +
              ", short by " + shortfall,
          /*holds=*/false};
}

Sentence BelowZero(const ProjectionRow& row) {
  const std::string closing = GroupedYuan(row.closing);
  return {Year(row.year) + "年度（基金第" + Year(row.fund_year) + "年）末余额将为 " + closing +
              " 元：当年救助金无法足额发放",
          "the balance would go below zero in " + Year(row.year) + " (fund year " +
              Year(row.fund_year) + "): closing at " + closing +
              ", so that year's disbursements could not be paid in full",
          /*holds=*/false};
}

std::vector<Sentence> Verdict(const Projection& projection, const ProjectionSummary& summary) {
  if (summary.holds) return {Holds(projection, summary)};
  std::vector<Sentence> sentences;
  if (summary.first_below_floor.has_value()) {
    sentences.push_back(BelowFloor(*summary.first_below_floor));
  }
  if (summary.first_below_zero.has_value()) {
    sentences.push_back(BelowZero(*summary.first_below_zero));
  }
  return sentences;
}

}  // namespace

std::string GroupedYuan(Money amount) {
  std::string text = amount.ToString();
  const std::string sign = "¥";
  if (const size_t at = text.find(sign); at != std::string::npos) text.erase(at, sign.size());
  return text;
}

std::vector<Sentence> SummarySentences(const Projection& projection) {
  std::vector<Sentence> sentences = Verdict(projection, projection.summary);
  if (projection.plan.has_value()) {
    const Sentence plan = Verdict(projection, projection.plan->summary).front();
    sentences.push_back(
        {"按方案原有救助规模（不计命令行的改动），" + plan.zh,
         "with the scenario's own caseload (without the command line's), " + plan.en, plan.holds});
  }
  return sentences;
}

}  // namespace minsheng::projection
