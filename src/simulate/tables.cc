// The simulation's tables and JSON (tables.h).
#include "simulate/tables.h"

#include <nlohmann/json.hpp>

#include "core/csv_field.h"
#include "core/mask.h"
#include "core/money.h"

namespace minsheng::simulate {
namespace {

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToPlainString(); }

std::string Count(int64_t n) { return std::to_string(n); }

std::vector<std::string> PairColumns(const Pair& pair) {
  return {Yuan(pair.baseline), Yuan(pair.reform), Yuan(pair.change())};
}

Table Programs(const Simulation& s) {
  Table table{"programs", "各项目成本", "Cost by program",
              {"program", "title_zh", "title_en", "baseline", "reform", "change", "beneficiaries_baseline",
               "beneficiaries_reform"},
              {}};
  for (const ProgramResult& p : s.programs) {
    std::vector<std::string> row = {p.program, p.title_zh, p.title_en};
    for (std::string& cell : PairColumns(p.cost_fen)) row.push_back(std::move(cell));
    row.push_back(Count(p.beneficiaries.baseline));
    row.push_back(Count(p.beneficiaries.reform));
    table.rows.push_back(std::move(row));
  }
  std::vector<std::string> total = {"total", "合计", "Total"};
  for (std::string& cell : PairColumns(s.total_cost_fen)) total.push_back(std::move(cell));
  total.push_back("");
  total.push_back("");
  table.rows.push_back(std::move(total));
  return table;
}

Table Distribution(const Simulation& s) {
  Table table{"distribution", "家庭得失分布", "Households' gains and losses",
              {"band_en", "band_zh", "from", "to", "households", "change"}, {}};
  table.rows.push_back({"unchanged", "不变", "0.00", "0.00", Count(s.unchanged), "0.00"});
  for (const ChangeBand& band : s.distribution) {
    table.rows.push_back({band.label_en, band.label_zh, band.from_fen ? Yuan(*band.from_fen) : "",
                          band.to_fen ? Yuan(*band.to_fen) : "", Count(band.households), Yuan(band.change_fen)});
  }
  return table;
}

Table Groups(const std::string& name, const std::string& zh, const std::string& en,
             const std::vector<GroupResult>& groups) {
  Table table{name, zh, en,
              {"key", "label", "households", "persons", "baseline", "reform", "change", "winners", "losers"}, {}};
  for (const GroupResult& g : groups) {
    std::vector<std::string> row = {g.key, g.label, Count(g.households), Count(g.persons)};
    for (std::string& cell : PairColumns(g.cost_fen)) row.push_back(std::move(cell));
    row.push_back(Count(g.winners));
    row.push_back(Count(g.losers));
    table.rows.push_back(std::move(row));
  }
  return table;
}

Table Explained(const Simulation& s) {
  Table table{"explained", "改革为何改变金额", "Why amounts changed",
              {"household", "household_baseline", "household_reform", "program", "member", "month", "baseline",
               "reform", "kind", "path", "baseline_text", "reform_text", "baseline_value", "reform_value",
               "baseline_note", "reform_note"},
              {}};
  for (const HouseholdWhy& why : s.explained) {
    if (why.items.empty()) {
      table.rows.push_back({why.household_id, Yuan(why.amount_fen.baseline), Yuan(why.amount_fen.reform), "", "",
                            "", "", "", "", "", "", "", "", "", "", ""});
    }
    for (const HouseholdWhy::Item& item : why.items) {
      for (const TreeDifference& d : item.differences) {
        table.rows.push_back({why.household_id, Yuan(why.amount_fen.baseline), Yuan(why.amount_fen.reform),
                              item.program, MaskIdNumber(item.member_id), item.month.ToString(),
                              Yuan(item.amount_fen.baseline), Yuan(item.amount_fen.reform),
                              TreeDifferenceKindName(d.kind), d.path, d.baseline_text, d.reform_text,
                              d.baseline_value, d.reform_value, d.baseline_note_en, d.reform_note_en});
      }
    }
  }
  return table;
}

nlohmann::ordered_json PairJson(const Pair& pair) {
  return {{"baseline", Yuan(pair.baseline)}, {"reform", Yuan(pair.reform)}, {"change", Yuan(pair.change())}};
}

nlohmann::ordered_json GroupsJson(const std::vector<GroupResult>& groups) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const GroupResult& g : groups) {
    list.push_back({{"key", g.key}, {"label", g.label}, {"households", g.households}, {"persons", g.persons},
                    {"cost", PairJson(g.cost_fen)}, {"winners", g.winners}, {"losers", g.losers}});
  }
  return list;
}

}  // namespace

std::vector<Table> SimulationTables(const Simulation& s) {
  return {Programs(s), Distribution(s), Groups("deciles", "按收入十分位", "By income decile", s.by_decile),
          Groups("counties", "按县区", "By county or district", s.by_county),
          Groups("regions", "按地区", "By region", s.by_region), Explained(s)};
}

std::string TableCsv(const Table& table) {
  std::string out;
  auto line = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      AppendCsvField(out, cells[i]);
    }
    out += '\n';
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string SimulationJson(const Simulation& s) {
  nlohmann::ordered_json json;
  json["reform"] = {{"id", s.reform_id}, {"title_zh", s.reform_title_zh}, {"title_en", s.reform_title_en}};
  json["period"] = s.period.ToString();
  json["baseline_version"] = s.baseline_version;
  json["reform_version"] = s.reform_version;
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const policy::ReformChange& c : s.changes) {
    changes.push_back({{"kind", c.kind}, {"name", c.name}, {"added", c.added}});
  }
  json["changes"] = changes;
  json["persons"] = s.persons;
  json["households"] = s.households;
  nlohmann::ordered_json programs = nlohmann::ordered_json::array();
  for (const ProgramResult& p : s.programs) {
    programs.push_back({{"program", p.program},
                        {"title_zh", p.title_zh},
                        {"title_en", p.title_en},
                        {"cost", PairJson(p.cost_fen)},
                        {"beneficiaries", {{"baseline", p.beneficiaries.baseline}, {"reform", p.beneficiaries.reform}}}});
  }
  json["programs"] = programs;
  json["total_cost"] = PairJson(s.total_cost_fen);
  json["households_changed"] = {{"winners", s.winners},
                                {"losers", s.losers},
                                {"unchanged", s.unchanged},
                                {"largest_gain", Yuan(s.largest_gain_fen)},
                                {"largest_loss", Yuan(s.largest_loss_fen)}};
  nlohmann::ordered_json bands = nlohmann::ordered_json::array();
  for (const ChangeBand& band : s.distribution) {
    bands.push_back({{"label_en", band.label_en},
                     {"label_zh", band.label_zh},
                     {"from", band.from_fen ? nlohmann::ordered_json(Yuan(*band.from_fen)) : nullptr},
                     {"to", band.to_fen ? nlohmann::ordered_json(Yuan(*band.to_fen)) : nullptr},
                     {"households", band.households},
                     {"change", Yuan(band.change_fen)}});
  }
  json["distribution"] = bands;
  json["by_decile"] = GroupsJson(s.by_decile);
  json["by_county"] = GroupsJson(s.by_county);
  json["by_region"] = GroupsJson(s.by_region);
  nlohmann::ordered_json explained = nlohmann::ordered_json::array();
  for (const HouseholdWhy& why : s.explained) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const HouseholdWhy::Item& item : why.items) {
      nlohmann::ordered_json differences = nlohmann::ordered_json::array();
      for (const TreeDifference& d : item.differences) {
        differences.push_back({{"kind", TreeDifferenceKindName(d.kind)},
                               {"path", d.path},
                               {"baseline_text", d.baseline_text},
                               {"reform_text", d.reform_text},
                               {"baseline_value", d.baseline_value},
                               {"reform_value", d.reform_value},
                               {"baseline_note", {{"en", d.baseline_note_en}, {"zh", d.baseline_note_zh}}},
                               {"reform_note", {{"en", d.reform_note_en}, {"zh", d.reform_note_zh}}},
                               {"source", d.source_quote}});
      }
      items.push_back({{"program", item.program},
                       {"member", MaskIdNumber(item.member_id)},
                       {"month", item.month.ToString()},
                       {"amount", PairJson(item.amount_fen)},
                       {"differences", differences}});
    }
    explained.push_back({{"household", why.household_id},
                         {"region", why.region},
                         {"amount", PairJson(why.amount_fen)},
                         {"items", items}});
  }
  json["explained"] = explained;
  return json.dump(2) + "\n";
}

}  // namespace minsheng::simulate
