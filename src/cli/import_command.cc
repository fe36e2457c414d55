// minsheng import persons|households|orgs|enrollments|admissions FILE.csv: records a
// registry file (docs/registry.md) in the store, all of it or, when any row is bad,
// nothing, listing the errors.
#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/app.h"
#include "core/date.h"
#include "ledger/ledger.h"
#include "registry/import.h"
#include "store/store.h"

namespace minsheng::cli {
namespace {

struct ImportArguments {
  std::string kind;
  std::string path;
  std::string db = "minsheng.db";
  bool json = false;
};

Status RunImport(const ImportArguments& arguments, std::ostream& out) {
  auto kind = registry::FileKindFromName(arguments.kind);
  if (!kind) {
    return InvalidArgument("unknown kind '" + arguments.kind +
                           "'; one of persons, households, orgs, enrollments, admissions");
  }
  auto store = store::OpenSqlite(arguments.db);
  if (!store.ok()) return store.status();
  auto summary = registry::ImportFile(**store, *kind, arguments.path,
                                      {.recorded_at = ledger::SystemNanoseconds(), .today = Date::Today()});
  if (!summary.ok()) return summary.status();
  const char* encoding = summary->encoding == registry::SourceEncoding::kUtf8 ? "utf-8" : "gb18030";
  if (arguments.json) {
    nlohmann::json result = {{"kind", arguments.kind},      {"file", arguments.path},
                             {"encoding", encoding},        {"rows", summary->rows},
                             {"new_rows", summary->new_rows}, {"import_id", summary->import_id}};
    out << result.dump() << "\n";
    return Status::Ok();
  }
  out << arguments.path << ": " << summary->rows << " rows, " << summary->new_rows
      << " new / 新记录 (" << encoding << ")";
  if (summary->new_rows == 0) {
    out << "; the registry already held every row / 已全部在册, nothing recorded\n";
  } else {
    out << "; import " << summary->import_id << " recorded\n";
  }
  return Status::Ok();
}

}  // namespace

void AddImportCommand(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<ImportArguments>();
  CLI::App* command = app.add_subcommand(
      "import", "Import a registry file (CSV, UTF-8 or GB18030) / 导入登记数据");
  command->add_option("KIND", arguments->kind, "persons, households, orgs, enrollments or admissions")
      ->required();
  command->add_option("FILE", arguments->path, "the CSV file (docs/registry.md)")->required();
  command->add_option("--db", arguments->db, "the SQLite file (default minsheng.db)");
  command->add_flag("--json", arguments->json, "print JSON for scripts instead of text");
  command->footer(
      "Import in this order: orgs, households, persons, enrollments, admissions. A file with\n"
      "any bad row imports nothing and lists the errors; the same file again changes nothing.");
  command->callback([&context, arguments] { context.status = RunImport(*arguments, context.out); });
}

}  // namespace minsheng::cli
