// ReadFund: one `fund:` entry of a scenario's ```minsheng block read into a FundScenario,
// every key checked (unknown ones with a did-you-mean hint) and every value placed at its
// file:line:column when it is wrong. The keys are listed in docs/simulate.md. Pure
// function; thread-safe. Internal to the projection capability (scenario_loader.cc).
#pragma once

#include "core/status.h"
#include "policy/yaml_block.h"
#include "projection/scenario.h"

namespace minsheng::projection {

// Reads `fund:` and its value; the scenario's `file` is left for the caller to set.
Result<FundScenario> ReadFund(const policy::YamlBlock& yaml, const policy::YamlEntry& fund);

}  // namespace minsheng::projection
