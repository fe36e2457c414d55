// A simulation's tables, as the terminal, the CSV files, the JSON and the HTML report show
// them: programs, the distribution of changes, income deciles, counties and regions, and the
// explanations' differences. Amounts are exact yuan text ("2310.00"). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "simulate/simulation.h"

namespace minsheng::simulate {

struct Table {
  std::string name;  // the CSV file's name without ".csv": "programs", "deciles", …
  std::string title_zh, title_en;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// programs (with a total row), distribution, deciles, counties, regions, explained.
std::vector<Table> SimulationTables(const Simulation& simulation);

// RFC 4180, a header row, "\n" line ends.
std::string TableCsv(const Table& table);

// Everything the simulation found, as one JSON document (docs/simulate.md, "Output").
std::string SimulationJson(const Simulation& simulation);

}  // namespace minsheng::simulate
