// minsheng region: look up GB/T 2260 administrative division codes.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/region.h"

namespace minsheng::cli {
namespace {

// A revision label as people read it: "200212" → "2002-12"; the newest revision, whatever
// its label, is "now".
std::string RevisionText(const RegionTable& regions, const std::string& label) {
  if (label == regions.revisions().back()) return "now";
  if (label.size() == 6) return label.substr(0, 4) + "-" + label.substr(4);
  return label;
}

// Prints one code's path, status and name history; returns its Status.
Status DescribeCode(const std::string& text, std::ostream& out) {
  auto code = ValidateRegionCode(text);
  if (!code.ok()) return code.status();
  const RegionTable& regions = RegionTable::Builtin();
  auto region = regions.Find(*code);
  if (!region) {
    return NotFound("region " + *code + " is in no GB/T 2260 revision held (" +
                    RevisionText(regions, regions.revisions().front()) + " to now)");
  }
  out << region->code << " " << region->name()
      << (region->current ? " (current / 现行)" : " (retired / 已撤销)") << "\n";
  out << "  path / 隶属: " << regions.PathOf(*code).FullName() << "\n";
  for (const RegionName& spell : region->names) {
    std::string span = RevisionText(regions, spell.first_revision);
    if (spell.last_revision != spell.first_revision) {
      span += " to " + RevisionText(regions, spell.last_revision);
    }
    out << "  name / 名称: " << spell.name << " (" << span << ")\n";
  }
  return Status::Ok();
}

}  // namespace

void AddRegionCommand(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "region", "Look up administrative division codes (GB/T 2260) / 查询行政区划代码");
  auto codes = std::make_shared<std::vector<std::string>>();
  command->add_option("CODE", *codes, "6-digit codes, e.g. 371623")->required();
  command->footer("Retired codes (e.g. 371624 沾化县) still resolve, for old ID numbers.");
  command->callback([&context, codes] {
    context.status = Status::Ok();
    for (const std::string& code : *codes) {
      Status status = DescribeCode(code, context.out);
      if (!status.ok()) {
        context.err << "minsheng: " << status.ToString() << "\n";
        context.status = Status(status.code(), "");
      }
    }
  });
}

}  // namespace minsheng::cli
