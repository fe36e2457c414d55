// minsheng pack check / test / params: a policy officer's tools for a pack folder.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "cli/app.h"
#include "engine/worked_cases.h"
#include "policy/loader.h"

namespace minsheng::cli {
namespace {

using policy::Pack;

// Loads and checks a pack; on failure prints the diagnostic (with the caret line) and
// leaves a Status with no second message.
Result<Pack> LoadForCommand(const std::string& directory, Context& context) {
  auto pack = policy::LoadAndCheckPack(directory);
  if (!pack.ok()) {
    context.err << "minsheng: " << policy::FormatDiagnostic(pack.status(), directory);
    return Status(pack.status().code(), "");
  }
  return pack;
}

std::string Title(const std::string& zh, const std::string& en) {
  if (zh.empty()) return en;
  if (en.empty()) return zh;
  return zh + " / " + en;
}

const char* PayeeName(policy::PayeeKind payee) {
  switch (payee) {
    case policy::PayeeKind::kPerson: return "person";
    case policy::PayeeKind::kHouseholdHead: return "household_head";
    case policy::PayeeKind::kOrganisation: return "organisation";
  }
  return "?";
}

void PrintSummary(const Pack& pack, std::ostream& out) {
  out << pack.id << ": " << Title(pack.name_zh, pack.name_en) << " (region " << pack.region
      << ", version " << pack.version << ")\n";
  out << "programs / 项目 (" << pack.programs.size() << "):\n";
  for (const policy::Program& program : pack.programs) {
    out << "  " << program.name << "  " << Title(program.title_zh, program.title_en) << "  payer "
        << program.payer_account << ", payee " << PayeeName(program.payee)
        << (program.payee_organisation.empty() ? "" : " " + program.payee_organisation) << "\n";
  }
  if (!pack.stages.empty()) {
    out << "stages / 结算环节 (" << pack.stages.size() << "):\n";
    for (const policy::Stage& stage : pack.stages) {
      out << "  " << stage.order << ". " << stage.name << "  " << Title(stage.title_zh, stage.title_en)
          << "  pays " << stage.variable << " from " << stage.payer_account << " to the "
          << policy::StagePayeeName(stage.payee) << "\n";
    }
  }
  out << "variables / 变量 (" << pack.variables.size() << "):\n";
  for (const policy::Variable& variable : pack.variables) {
    out << "  " << variable.name << "  " << variable.entity << ", "
        << policy::PeriodUnitName(variable.period) << ", " << policy::TypeName(variable.type)
        << (!variable.is_input ? ", formula"
            : variable.binding.kind == policy::ClaimBinding::Kind::kNone
                ? ", input"
                : ", input " + policy::ClaimBindingText(variable.binding))
        << "  " << variable.location.ToString() << "\n";
  }
  out << "parameters / 参数 (" << pack.parameters.size() << "):\n";
  for (const policy::Parameter& parameter : pack.parameters) {
    out << "  " << parameter.name << "  "
        << (parameter.is_scale ? "scale" : policy::TypeName(parameter.unit))
        << (parameter.assumption.empty() ? "" : ", assumption") << "  "
        << parameter.location.ToString() << "\n";
  }
}

void AddCheck(CLI::App& pack, Context& context) {
  CLI::App* check =
      pack.add_subcommand("check", "Load and type-check a pack; list what it defines / 检查政策包");
  auto directory = std::make_shared<std::string>();
  check->add_option("DIR", *directory, "the pack folder, e.g. policies/wudi-2013")->required();
  check->callback([&context, directory] {
    auto pack = LoadForCommand(*directory, context);
    if (!pack.ok()) {
      context.status = pack.status();
      return;
    }
    PrintSummary(*pack, context.out);
    context.out << "ok\n";
    context.status = Status::Ok();
  });
}

void AddTest(CLI::App& pack, Context& context) {
  CLI::App* test =
      pack.add_subcommand("test", "Run a pack's worked cases (tests/*.yaml) / 运行政策包测试");
  auto directory = std::make_shared<std::string>();
  test->add_option("DIR", *directory, "the pack folder")->required();
  test->footer("Prints each case, then 'N passed, N failed'. Exit code 1 when any case fails.");
  test->callback([&context, directory] {
    auto pack = LoadForCommand(*directory, context);
    if (!pack.ok()) {
      context.status = pack.status();
      return;
    }
    auto report = engine::RunWorkedCases(*pack);
    if (!report.ok()) {
      context.err << "minsheng: " << policy::FormatDiagnostic(report.status(), *directory);
      context.status = Status(report.status().code(), "");
      return;
    }
    for (const engine::CaseOutcome& outcome : report->cases) {
      context.out << (outcome.failures.empty() ? "ok    " : "FAIL  ") << outcome.file << ":"
                  << outcome.line << ": " << outcome.name << "\n";
      for (const std::string& failure : outcome.failures)
        context.out << "      " << failure << "\n";
    }
    context.out << report->passed << " passed, " << report->failed << " failed\n";
    context.status = report->failed == 0 ? Status::Ok() : InvalidArgument("");
  });
}

void PrintParameter(const policy::Parameter& parameter, Date at, std::ostream& out) {
  out << parameter.name;
  const std::string title = Title(parameter.title_zh, parameter.title_en);
  if (!title.empty()) out << "  " << title;
  out << "\n";
  if (parameter.is_scale) {
    auto version = parameter.ScaleAt(at);
    if (!version.ok()) {
      out << "  (" << version.status().message() << ")\n";
    } else {
      out << "  " << (parameter.scale_kind == policy::ScaleKind::kMarginal ? "marginal" : "flat")
          << " scale from " << version.value()->from.ToString() << ":\n";
      for (const policy::Bracket& bracket : version.value()->brackets) {
        out << "    from " << bracket.threshold.ToString() << ": "
            << bracket.rate_or_amount.ToString() << "\n";
      }
    }
  } else {
    auto value = parameter.ValueAt(at);
    out << "  = " << (value.ok() ? value->ToString() : "(" + value.status().message() + ")")
        << "\n";
  }
  if (!parameter.assumption.empty()) out << "  assumption / 假设: " << parameter.assumption << "\n";
  if (!parameter.source.quote.empty()) {
    out << "  source / 依据 " << parameter.source.location.ToString() << ":\n";
    std::string quote = parameter.source.quote;
    size_t start = 0;
    while (start <= quote.size()) {
      size_t end = quote.find('\n', start);
      if (end == std::string::npos) end = quote.size();
      out << "    > " << quote.substr(start, end - start) << "\n";
      start = end + 1;
    }
  }
}

void AddParams(CLI::App& pack, Context& context) {
  CLI::App* params =
      pack.add_subcommand("params", "Parameter values in force at a date, with sources / 参数取值");
  auto directory = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  params->add_option("DIR", *directory, "the pack folder")->required();
  params->add_option("--at", *at, "the date, YYYY-MM-DD (default: today)");
  params->callback([&context, directory, at] {
    Date date = Date::Today();
    if (!at->empty()) {
      auto parsed = Date::Parse(*at);
      if (!parsed.ok()) {
        context.status = parsed.status().Prefixed("--at '" + *at + "'");
        return;
      }
      date = *parsed;
    }
    auto pack = LoadForCommand(*directory, context);
    if (!pack.ok()) {
      context.status = pack.status();
      return;
    }
    context.out << pack->id << ": parameters on " << date.ToString() << " / " << date.ToString()
                << " 适用参数\n";
    for (const policy::Parameter& parameter : pack->parameters)
      PrintParameter(parameter, date, context.out);
    context.status = Status::Ok();
  });
}

}  // namespace

void AddPackCommand(CLI::App& app, Context& context) {
  CLI::App* pack = app.add_subcommand("pack", "Policy packs: check, test, parameters / 政策包");
  pack->require_subcommand(1);
  AddCheck(*pack, context);
  AddTest(*pack, context);
  AddParams(*pack, context);
}

}  // namespace minsheng::cli
