// Fuzz target for fund projections: ParseFundScenario (projection/scenario.h: the literate
// scan, the YAML block, the `fund:` and its values) and, when the input parses, Project
// (projection.h) over three requests, each rendered as CSV, JSON and HTML (render.h):
// - the fund's first ten years, as a finance bureau asks for them;
// - the same with 400 cases a year from the fund's third year on, as `--caseload YEAR:400`
//   gives it, so that the plan comparison and the page's second path are drawn too;
// - ten years fifty years on, which the fund reaches only through fifty years of checked
//   arithmetic: amounts near int64 must come out as an Overflow error, not a wrapped
//   balance.
// Any input may be refused; none may crash or leak, a refusal must be the user's error
// (nothing here reads a file, so not even an I/O error) and must format
// (FormatScenarioDiagnostic), and an accepted projection must hold what projection.h
// promises, checked here from the outside: one row per year asked for, in order, each
// opening with the previous year's closing, and renderings that say so (a CSV line per
// row, JSON that parses back).
//
// The input is parsed under a path that does not exist, so that FormatScenarioDiagnostic,
// which reads the line back from the file its error names, finds no file there and must
// fall back to the message. An input never names a file the fuzzer could read.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "projection/projection.h"
#include "projection/render.h"
#include "projection/scenario.h"

namespace {

// Larger inputs only slow the fuzzer down: the parser's limit (1 MiB) is checked before
// parsing and needs no fuzzing.
constexpr size_t kInputMax = 64 << 10;

const std::string kScenarioPath = "/nonexistent/scenario.md";

// A refusal must be the user's error (an internal one is a bug), and must format.
void CheckRefusal(const minsheng::Status& status) {
  if (!status.is_user_error()) __builtin_trap();
  if (minsheng::projection::FormatScenarioDiagnostic(status).empty()) __builtin_trap();
}

bool ProjectionHolds(const minsheng::projection::Projection& projection,
                     minsheng::projection::YearRange years) {
  const auto& rows = projection.rows;
  if (rows.size() != static_cast<size_t>(years.to - years.from + 1)) return false;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].year != years.from + static_cast<int>(i)) return false;
    if (i > 0 && rows[i].opening != rows[i - 1].closing) return false;
  }
  if (projection.plan.has_value() && projection.plan->openings.size() != rows.size()) return false;
  return true;
}

// Renders every output. The CSV is a header and a line per row (no field of it holds a
// line break); the JSON must parse back (nlohmann throws on what it cannot, which
// libFuzzer reports as a crash).
bool RenderingsHold(const minsheng::projection::Projection& projection) {
  const std::string csv = minsheng::projection::RenderCsv(projection);
  if (static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) != projection.rows.size() + 1) {
    return false;
  }
  const nlohmann::json json = nlohmann::json::parse(minsheng::projection::RenderJson(projection));
  if (!json.is_object() || json.at("rows").size() != projection.rows.size()) return false;
  return !minsheng::projection::RenderHtml(projection).empty();
}

void ProjectAndRender(const minsheng::projection::FundScenario& scenario,
                      const minsheng::projection::ProjectionRequest& request) {
  const minsheng::Result<minsheng::projection::Projection> projection =
      minsheng::projection::Project(scenario, request);
  if (!projection.ok()) {
    CheckRefusal(projection.status());
    return;
  }
  if (projection->caseload_changed != !request.caseload_overrides.empty()) __builtin_trap();
  if (!ProjectionHolds(*projection, request.years)) __builtin_trap();
  if (!RenderingsHold(*projection)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kInputMax) return 0;
  const minsheng::Result<minsheng::projection::FundScenario> scenario =
      minsheng::projection::ParseFundScenario(
          std::string_view(reinterpret_cast<const char*>(data), size), kScenarioPath);
  if (!scenario.ok()) {
    CheckRefusal(scenario.status());
    return 0;
  }
  if (scenario->caseload.empty() || scenario->caseload.front().from_year != 1) __builtin_trap();

  const int first = scenario->first_year;
  const minsheng::projection::YearRange first_ten{.from = first, .to = first + 9};
  ProjectAndRender(*scenario, {.years = first_ten});
  ProjectAndRender(*scenario,
                   {.years = first_ten, .caseload_overrides = {{.year = first + 2, .cases = 400}}});
  ProjectAndRender(*scenario, {.years = {.from = first + 50, .to = first + 60}});
  return 0;
}
