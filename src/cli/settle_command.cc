// minsheng settle: the one-stop settlement of hospital stays (docs/settle.md).
//
//   settle --claims FILE.csv|FILE.jsonl [--pack DIR] [--db FILE]   records and settles claims
//   settle explain CLAIM_ID [--lang zh|en] [--json]                 each payer's line and why
//   settle cancel CLAIM_ID                                          pays a claim back, settles its year again
//   settle monitor [--month 2013-04]                                dual control (双控): hospitals over their limits
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/ledger_books.h"
#include "core/money.h"
#include "core/period.h"
#include "engine/explain.h"
#include "ledger/ledger.h"
#include "policy/loader.h"
#include "settle/claims_file.h"
#include "settle/monitor.h"
#include "settle/settle.h"

namespace minsheng::cli {
namespace {

struct SettleArguments {
  std::string claims, pack, db = "minsheng.db", claim_id, language = "zh", month;
  bool json = false;
};

std::string Yuan(int64_t fen) { return Money::FromFen(fen).ToPlainString(); }

// The pack to settle with: the one given, or else the only pack under ./policies that
// defines stages.
Result<policy::Pack> SettlementPack(const std::string& given, Context& context) {
  std::string directory = given;
  if (directory.empty()) {
    std::vector<std::string> found;
    std::error_code error;
    if (std::filesystem::is_directory("policies", error)) {
      for (const auto& entry : std::filesystem::directory_iterator("policies", error)) {
        if (!entry.is_directory()) continue;
        auto pack = policy::LoadPack(entry.path().string());
        if (pack.ok() && !pack->stages.empty()) found.push_back(entry.path().string());
      }
    }
    if (found.size() != 1) {
      return InvalidArgument(found.empty() ? "no pack under ./policies defines stages; give --pack DIR"
                                           : "several packs under ./policies define stages; give --pack DIR");
    }
    directory = found.front();
  }
  auto pack = policy::LoadAndCheckPack(directory);
  if (!pack.ok()) {
    context.err << "minsheng: " << policy::FormatDiagnostic(pack.status(), directory);
    return Status(pack.status().code(), "");
  }
  return pack;
}

void PrintSummary(const settle::SettleSummary& summary, const policy::Pack& pack, bool json,
                  Context& context) {
  if (json) {
    nlohmann::ordered_json stages = nlohmann::ordered_json::array();
    for (const settle::StageTotal& stage : summary.stages) {
      stages.push_back({{"stage", stage.stage}, {"posted_now", Yuan(stage.fen)}});
    }
    nlohmann::ordered_json out = {{"claims", summary.claims},         {"recorded", summary.recorded},
                                  {"known", summary.known},           {"person_years", summary.person_years},
                                  {"posted", summary.posted},         {"adjustments", summary.adjustments},
                                  {"already_posted", summary.already}, {"stages", stages}};
    context.out << out.dump() << "\n";
    return;
  }
  context.out << "claims / 结算单 " << summary.claims << " (recorded now / 新登记 " << summary.recorded
              << ", before / 此前已登记 " << summary.known << "), person-years settled / 结算人年 "
              << summary.person_years << "\n"
              << "  transfers posted now / 本次入账 " << summary.posted << " (adjustments / 调整 "
              << summary.adjustments << "; posted before / 此前已入账 " << summary.already << ")\n";
  for (size_t s = 0; s < summary.stages.size(); ++s) {
    const policy::Stage& stage = pack.stages[s];
    context.out << "  " << stage.title_zh << " / " << stage.title_en << " (" << stage.name << "): "
                << Yuan(summary.stages[s].fen) << " yuan\n";
  }
}

Status RunSettle(const SettleArguments& arguments, Context& context) {
  if (arguments.claims.empty()) return InvalidArgument("--claims FILE is required (or: settle explain|cancel CLAIM_ID)");
  auto claims = settle::ReadClaimsFile(arguments.claims);
  if (!claims.ok()) return claims.status();
  auto pack = SettlementPack(arguments.pack, context);
  if (!pack.ok()) return pack.status();
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto summary = settle::Settle(*books->store, *books->ledger, *pack, std::move(*claims), {ledger::SystemNanoseconds()});
  if (!summary.ok()) return summary.status();
  PrintSummary(*summary, *pack, arguments.json, context);
  return Status::Ok();
}

Status RunCancel(const SettleArguments& arguments, Context& context) {
  auto pack = SettlementPack(arguments.pack, context);
  if (!pack.ok()) return pack.status();
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto summary = settle::Cancel(*books->store, *books->ledger, *pack, arguments.claim_id, {ledger::SystemNanoseconds()});
  if (!summary.ok()) return summary.status();
  if (!arguments.json) context.out << "cancelled / 已撤销 " << arguments.claim_id << "\n";
  PrintSummary(*summary, *pack, arguments.json, context);
  return Status::Ok();
}

Status RunExplain(const SettleArguments& arguments, Context& context) {
  auto pack = SettlementPack(arguments.pack, context);
  if (!pack.ok()) return pack.status();
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  auto statement = settle::ExplainSettled(*books->store, *books->ledger, *pack, arguments.claim_id);
  if (!statement.ok()) return statement.status();
  const settle::Claim& claim = statement->claim;
  const bool zh = arguments.language == "zh";
  const engine::Language language = zh ? engine::Language::kChinese : engine::Language::kEnglish;
  if (arguments.json) {
    nlohmann::ordered_json lines = nlohmann::ordered_json::array();
    for (const settle::StageLine& line : statement->lines) {
      nlohmann::ordered_json entry = {{"stage", line.stage->name},
                                      {"title_zh", line.stage->title_zh},
                                      {"title_en", line.stage->title_en},
                                      {"payer", line.stage->payer_account},
                                      {"payee", line.stage->payee == policy::StagePayee::kHospital ? "hospital" : "patient"},
                                      {"due", Yuan(line.due_fen)},
                                      {"posted", Yuan(line.posted_fen)}};
      if (statement->status == "settled") {
        entry["explanation"] = nlohmann::ordered_json::parse(engine::ExplanationToJson(line.explanation, language));
      }
      lines.push_back(entry);
    }
    nlohmann::ordered_json transfers = nlohmann::ordered_json::array();
    for (const auto& transfer : statement->transfers) {
      transfers.push_back({{"transfer_id", transfer.id}, {"amount", Yuan(transfer.amount_fen)}});
    }
    nlohmann::ordered_json paid_in_year = nlohmann::ordered_json::object();
    for (size_t s = 0; s < statement->lines.size(); ++s) {
      paid_in_year[statement->lines[s].stage->name] = Yuan(statement->year.paid_fen[s]);
    }
    nlohmann::ordered_json accumulators = nlohmann::ordered_json::object();
    for (const auto& [name, value] : statement->year.accumulators) accumulators[name] = value;
    const nlohmann::ordered_json year = {{"year", claim.discharged.year()},
                                         {"admissions", statement->year.admissions},
                                         {"total_cost", Yuan(statement->year.total_fen)},
                                         {"compliant_cost", Yuan(statement->year.compliant_fen)},
                                         {"paid", paid_in_year},
                                         {"self_pay", Yuan(statement->year.self_pay_fen)},
                                         {"accumulators", accumulators}};
    nlohmann::ordered_json out = {
        {"claim_id", claim.claim_id},       {"status", statement->status},
        {"person_id", claim.person_id},     {"hospital", claim.hospital},
        {"hospital_level", statement->hospital_level},
        {"admitted", claim.admitted.ToString()}, {"discharged", claim.discharged.ToString()},
        {"total_cost", Yuan(claim.total_cost_fen)}, {"compliant_cost", Yuan(claim.compliant_cost_fen)},
        {"lines", lines},                   {"self_pay", Yuan(statement->self_pay_fen)},
        {"transfers", transfers},          {"year", year}};
    context.out << out.dump(2) << "\n";
    return Status::Ok();
  }
  context.out << (zh ? "结算单 " : "Claim ") << claim.claim_id << "  "
              << (statement->status == "settled" ? (zh ? "（已结算）" : "(settled)") : (zh ? "（已撤销）" : "(cancelled)"))
              << "\n"
              << (zh ? "  患者：" : "  patient: ") << claim.person_id << (zh ? "　医院：" : "  hospital: ")
              << claim.hospital << " (" << statement->hospital_level << ")\n"
              << (zh ? "  住院：" : "  stay: ") << claim.admitted.ToString() << " – " << claim.discharged.ToString()
              << (zh ? "　总费用 " : ", total ") << Yuan(claim.total_cost_fen)
              << (zh ? "，政策范围内 " : ", compliant ") << Yuan(claim.compliant_cost_fen) << "\n";
  for (size_t s = 0; s < statement->lines.size(); ++s) {
    const settle::StageLine& line = statement->lines[s];
    context.out << "  " << s + 1 << ". " << (zh ? line.stage->title_zh : line.stage->title_en) << " ("
                << line.stage->name << "): " << (zh ? "应付 " : "due ") << Yuan(line.due_fen)
                << (zh ? "，已入账 " : ", posted ") << Yuan(line.posted_fen) << "  " << line.stage->payer_account
                << " → " << (line.stage->payee == policy::StagePayee::kHospital ? "payable/org/" + claim.hospital
                                                                                 : "payable/person/" + claim.person_id)
                << "\n";
    if (statement->status != "settled") continue;
    const std::string text = engine::ExplanationToText(line.explanation, language, engine::Citation::kPlace);
    size_t start = 0;
    while (start < text.size()) {
      const size_t end = text.find('\n', start);
      context.out << "       " << text.substr(start, end - start) << "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  context.out << (zh ? "  个人自付：" : "  self-pay: ") << Yuan(statement->self_pay_fen) << "\n";
  for (const auto& transfer : statement->transfers) {
    context.out << (zh ? "  转账 " : "  transfer ") << transfer.id << "  " << Yuan(transfer.amount_fen) << "\n";
  }
  const settle::YearTotals& year = statement->year;
  context.out << (zh ? "  本年累计（" : "  the year ") << claim.discharged.year() << (zh ? "）：住院 " : ": admissions ")
              << year.admissions << (zh ? " 次，总费用 " : ", total ") << Yuan(year.total_fen)
              << (zh ? "，个人自付 " : ", self-pay ") << Yuan(year.self_pay_fen) << "\n";
  for (size_t s = 0; s < statement->lines.size(); ++s) {
    const policy::Stage& stage = *statement->lines[s].stage;
    context.out << "    " << (zh ? stage.title_zh : stage.title_en) << " " << Yuan(year.paid_fen[s]) << "\n";
  }
  for (const auto& [name, value] : year.accumulators) {
    context.out << (zh ? "    累计 " : "    accumulated ") << name << " = " << value << "\n";
  }
  return Status::Ok();
}

// What a finding says, in both languages.
std::string FindingText(const settle::Finding& f) {
  if (f.check == "cost_per_admission") {
    return "cost per admission / 次均费用 " + Yuan(f.value_fen) + " over the limit / 超过控制线 " + Yuan(f.limit_fen);
  }
  if (f.check == "total_cost") {
    return "total cost / 总费用 " + Yuan(f.value_fen) + " over the limit / 超过控制线 " + Yuan(f.limit_fen);
  }
  const std::string what = f.check == "growth_total_cost"   ? "total cost / 总费用 "
                           : f.check == "growth_diagnosis" ? "diagnosis / 单病种 " + f.diagnosis + " per admission / 次均 "
                                                           : "cost per admission / 次均费用 ";
  return what + Yuan(f.value_fen) + " grew from / 上月 " + Yuan(f.previous_fen) + " beyond / 超过增长控制 " +
         Yuan(f.limit_fen);
}

Status RunMonitor(const SettleArguments& arguments, Context& context) {
  std::optional<Period> month;
  if (!arguments.month.empty()) {
    auto parsed = Period::Parse(arguments.month);
    if (!parsed.ok() || parsed->kind() != PeriodKind::kMonth) {
      return InvalidArgument("--month '" + arguments.month + "': expected a month like 2013-04");
    }
    month = *parsed;
  }
  auto pack = SettlementPack(arguments.pack, context);
  if (!pack.ok()) return pack.status();
  auto books = OpenBooks(arguments.db, false);
  if (!books.ok()) return books.status();
  if (Status migrated = settle::MigrateSettleTables(*books->store); !migrated.ok()) return migrated;
  auto report = settle::Monitor(*books->store, *pack, month);
  if (!report.ok()) return report.status();
  if (arguments.json) {
    nlohmann::ordered_json months = nlohmann::ordered_json::array(), findings = nlohmann::ordered_json::array();
    for (const settle::HospitalMonth& m : report->months) {
      months.push_back({{"month", m.month.ToString()}, {"hospital", m.hospital}, {"level", m.level},
                        {"admissions", m.admissions}, {"total_cost", Yuan(m.total_fen)},
                        {"cost_per_admission", Yuan(m.per_admission_fen)}});
    }
    for (const settle::Finding& f : report->findings) {
      nlohmann::ordered_json entry = {{"month", f.month.ToString()}, {"hospital", f.hospital}, {"level", f.level},
                                      {"check", f.check}, {"value", Yuan(f.value_fen)}, {"limit", Yuan(f.limit_fen)}};
      if (f.check.starts_with("growth")) entry["previous"] = Yuan(f.previous_fen);
      if (!f.diagnosis.empty()) entry["diagnosis"] = f.diagnosis;
      findings.push_back(entry);
    }
    context.out << nlohmann::ordered_json{{"months", months}, {"findings", findings}}.dump(2) << "\n";
    return Status::Ok();
  }
  context.out << "dual control / 双控: " << report->months.size() << " hospital-months, "
              << report->findings.size() << " over a limit / 超限\n";
  for (const settle::HospitalMonth& m : report->months) {
    context.out << "  " << m.month.ToString() << "  " << m.hospital << " (" << m.level << ")  admissions / 人次 "
                << m.admissions << ", total / 总费用 " << Yuan(m.total_fen) << ", per admission / 次均 "
                << Yuan(m.per_admission_fen) << "\n";
    for (const settle::Finding& f : report->findings) {
      if (f.hospital == m.hospital && f.month == m.month) context.out << "    ! " << FindingText(f) << "\n";
    }
  }
  return Status::Ok();
}

}  // namespace

void AddSettleCommand(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<SettleArguments>();
  CLI::App* settle = app.add_subcommand(
      "settle", "Settle hospital stays through every payer, one-stop / 住院费用一站式结算");
  settle->add_option("--claims", arguments->claims, "the claims: FILE.csv (UTF-8 or GB18030) or FILE.jsonl");
  settle->add_option("--pack", arguments->pack, "the pack folder (default: the one under ./policies with stages)");
  settle->add_option("--db", arguments->db, "the SQLite file with the registry and the ledger (default minsheng.db)");
  settle->add_flag("--json", arguments->json, "print JSON for scripts instead of text");
  settle->footer(
      "Settling the same claims again posts nothing twice; a claim discharged before others of its\n"
      "person's year settles the later ones again and posts only the differences.");

  CLI::App* explain = settle->add_subcommand("explain", "Each payer's line on a claim, and why / 结算说明");
  explain->add_option("CLAIM_ID", arguments->claim_id, "the claim")->required();
  explain->add_option("--lang", arguments->language, "zh or en (default zh)")->check(CLI::IsMember({"zh", "en"}));
  CLI::App* cancel = settle->add_subcommand("cancel", "Cancel a claim: its payments go back / 撤销结算");
  cancel->add_option("CLAIM_ID", arguments->claim_id, "the claim")->required();
  CLI::App* monitor = settle->add_subcommand("monitor", "Dual control: hospitals over their limits / 双控监测");
  monitor->add_option("--month", arguments->month, "one month, e.g. 2013-04 (default: every month)");
  for (CLI::App* sub : {explain, cancel, monitor}) {
    sub->add_option("--pack", arguments->pack, "the pack folder");
    sub->add_option("--db", arguments->db, "the SQLite file (default minsheng.db)");
    sub->add_flag("--json", arguments->json, "print JSON");
  }
  explain->callback([&context, arguments] { context.status = RunExplain(*arguments, context); });
  cancel->callback([&context, arguments] { context.status = RunCancel(*arguments, context); });
  monitor->callback([&context, arguments] { context.status = RunMonitor(*arguments, context); });
  settle->callback([&context, arguments, explain, cancel, monitor] {
    if (explain->parsed() || cancel->parsed() || monitor->parsed()) return;
    context.status = RunSettle(*arguments, context);
  });
}

}  // namespace minsheng::cli
