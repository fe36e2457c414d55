// minsheng dedup apply, dedup merges: the clusters of a deduplication run merged into the
// registry, and the merges recorded listed (docs/dedup.md, "Applying merges to the
// registry").
//
//   dedup apply DIR --db FILE [--on YYYY-MM-DD] [--accept FILE] [--json]
//   dedup merges --db FILE [--person RESIDENT_ID] [--limit N] [--json]
//
// apply reads DIR/clusters.csv (and the review pairs a reviewer accepted) and records, in
// one transaction, the merges and what they change: the merged persons' enrollments
// moved to the person kept and their scheme ended from --on (default today). Applying the
// same folder again records nothing and says so. merges lists what was merged, newest
// first.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/app.h"
#include "core/date.h"
#include "dedup/apply.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace minsheng::cli {
namespace {

struct ApplyArguments {
  std::string folder, db, on, accept;
  bool json = false;
};

struct MergesArguments {
  std::string db, person;
  size_t limit = dedup::kDefaultMergesListed;
  bool json = false;
};

// Nanoseconds since the Unix epoch as UTC, "2026-03-05T08:30:00Z".
std::string UtcText(int64_t nanoseconds) {
  const std::chrono::sys_seconds time{std::chrono::seconds(nanoseconds / 1'000'000'000)};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss clock(time - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

Status RunApply(const ApplyArguments& arguments, std::ostream& out) {
  if (arguments.db.empty())
    return InvalidArgument("dedup apply needs --db FILE: the registry to merge in");
  dedup::ApplyOptions options{.on = Date::Today(), .recorded_at = ledger::SystemNanoseconds()};
  if (!arguments.on.empty()) {
    auto on = Date::Parse(arguments.on);
    if (!on.ok()) return InvalidArgument("--on '" + arguments.on + "': " + on.status().message());
    options.on = *on;
  }
  auto store =
      store::OpenSqlite(arguments.db, {.durability = store::Durability::kFull, .must_exist = true});
  if (!store.ok()) return store.status();
  auto summary = dedup::ApplyMerges(**store, arguments.folder, arguments.accept, options);
  if (!summary.ok()) return summary.status();
  const dedup::ApplySummary& s = *summary;
  if (arguments.json) {
    const nlohmann::ordered_json result = {{"folder", arguments.folder},
                                           {"on", options.on.ToString()},
                                           {"clusters", s.clusters},
                                           {"merges_recorded", s.merges_recorded},
                                           {"already_applied", s.already_applied},
                                           {"persons_merged", s.persons_merged},
                                           {"enrollments_moved", s.enrollments_moved},
                                           {"enrollments_recorded", s.enrollments_recorded},
                                           {"schemes_ended", s.schemes_ended},
                                           {"schemes_taken", s.schemes_taken},
                                           {"import_id", s.import_id}};
    out << result.dump() << "\n";
    return Status::Ok();
  }
  out << "clusters / 聚类: " << s.clusters << "\n"
      << "merges recorded / 新记录的合并: " << s.merges_recorded << "\n"
      << "already applied / 此前已记录: " << s.already_applied << "\n"
      << "registry persons merged / 合并的在册人员: " << s.persons_merged << "\n"
      << "enrollments moved / 转移的参保登记: " << s.enrollments_moved << " ("
      << s.enrollments_recorded << " recorded for the persons kept / 为保留人员新登记)\n"
      << "schemes ended / 终止的险种: " << s.schemes_ended;
  if (s.schemes_taken > 0)
    out << " (" << s.schemes_taken << " taken over by a person kept without one / 由保留人员承接)";
  out << "\n";
  if (s.import_id == 0) {
    out << "nothing new: the registry already held every merge / 均已应用, nothing recorded\n";
  } else {
    out << "import " << s.import_id << " recorded, in effect from " << options.on.ToString()
        << " / 自该日起生效\n";
  }
  return Status::Ok();
}

std::string Named(const std::string& list, const std::string& record, const std::string& person) {
  std::string text = list + "/" + record;
  if (!person.empty() && person != record) text += " (" + person + ")";
  return text;
}

Status RunMerges(const MergesArguments& arguments, std::ostream& out) {
  if (arguments.db.empty()) return InvalidArgument("dedup merges needs --db FILE");
  if (arguments.limit == 0) return InvalidArgument("--limit: at least 1");
  auto store =
      store::OpenSqlite(arguments.db, {.durability = store::Durability::kFull, .must_exist = true});
  if (!store.ok()) return store.status();
  auto listing = dedup::ListMerges(**store, {.person = arguments.person, .limit = arguments.limit});
  if (!listing.ok()) return listing.status();
  if (arguments.json) {
    nlohmann::ordered_json merges = nlohmann::ordered_json::array();
    for (const dedup::RecordedMerge& m : listing->merges) {
      merges.push_back(
          {{"cluster", m.cluster},
           {"kept", {{"list", m.kept_list}, {"record", m.kept_record}, {"person", m.kept_person}}},
           {"merged",
            {{"list", m.merged_list}, {"record", m.merged_record}, {"person", m.merged_person}}},
           {"valid_from", m.valid_from.ToString()},
           {"recorded_at", UtcText(m.recorded_at)},
           {"import_id", m.import_id}});
    }
    out << nlohmann::ordered_json{{"total", listing->total}, {"merges", merges}}.dump() << "\n";
    return Status::Ok();
  }
  out << "merges / 合并记录: " << listing->total;
  if (static_cast<int64_t>(listing->merges.size()) < listing->total) {
    out << " (the newest " << listing->merges.size() << " shown / 仅显示最近的)";
  }
  out << "\n";
  for (const dedup::RecordedMerge& m : listing->merges) {
    out << "from " << m.valid_from.ToString() << "  cluster " << m.cluster << "  "
        << Named(m.merged_list, m.merged_record, m.merged_person) << " → kept "
        << Named(m.kept_list, m.kept_record, m.kept_person) << "  recorded "
        << UtcText(m.recorded_at) << " (import " << m.import_id << ")\n";
  }
  return Status::Ok();
}

}  // namespace

void AddDedupApplyCommand(CLI::App& dedup, Context& context) {
  auto apply_arguments = std::make_shared<ApplyArguments>();
  CLI::App* apply = dedup.add_subcommand(
      "apply",
      "Apply accepted clusters to the registry: merge enrollments, keep history / 合并重复人员");
  apply
      ->add_option("DIR", apply_arguments->folder,
                   "the folder `dedup --out` wrote (its clusters.csv)")
      ->required();
  apply->add_option("--db", apply_arguments->db, "the SQLite file with the registry")->required();
  apply->add_option("--on", apply_arguments->on,
                    "the day the merges take effect, YYYY-MM-DD (default today)");
  apply->add_option(
      "--accept", apply_arguments->accept,
      "review pairs a reviewer accepted: rows of review.csv (left_list, left_record, right_list, "
      "right_record)");
  apply->add_flag("--json", apply_arguments->json, "print JSON for scripts instead of text");
  apply->footer(
      "Everything is recorded in one transaction, as new records: the registry as of an earlier "
      "time\n"
      "reads as it did. Applying the same folder again records nothing.");
  apply->callback(
      [&context, apply_arguments] { context.status = RunApply(*apply_arguments, context.out); });

  auto merges_arguments = std::make_shared<MergesArguments>();
  CLI::App* merges = dedup.add_subcommand("merges", "The merges recorded, newest first / 合并记录");
  merges->add_option("--db", merges_arguments->db, "the SQLite file with the registry")->required();
  merges->add_option("--person", merges_arguments->person,
                     "only the merges of this resident ID (kept or merged)");
  merges->add_option("--limit", merges_arguments->limit, "show at most this many (default 1000)");
  merges->add_flag("--json", merges_arguments->json, "print JSON for scripts instead of text");
  merges->callback(
      [&context, merges_arguments] { context.status = RunMerges(*merges_arguments, context.out); });
}

}  // namespace minsheng::cli
