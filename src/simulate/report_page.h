// A simulation as one self-contained HTML page — inline CSS and SVG, no script, no
// external resource, bilingual — laid out as the county report (report/page_style.h):
// the reform and its text, the summary, cost by program, the distribution of gains and
// losses, cost by income decile (each a chart and its table), the regions, and why some
// households' amounts changed. Resident ID numbers appear masked only. Pure function.
#pragma once

#include <string>

#include "simulate/simulation.h"

namespace minsheng::simulate {

// `source` says where the population came from ("registry minsheng.db").
std::string RenderSimulationHtml(const Simulation& simulation, const std::string& source);

}  // namespace minsheng::simulate
