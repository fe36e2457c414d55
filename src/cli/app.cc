#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <exception>
#include <ostream>

namespace minsheng::cli {
namespace {

std::unique_ptr<CLI::App> BuildApp(Context& context) {
  auto app = std::make_unique<CLI::App>(
      "minsheng (民生): livelihood-security programs and the funds behind them.\n"
      "民生保障：政策即代码、一门受理、一站式结算、专款专用台账。",
      "minsheng");
  app->require_subcommand(1);
  app->fallthrough(false);
  app->footer(
      "Exit codes: 0 success, 1 user error, 2 internal error.\n"
      "Run 'minsheng COMMAND --help' for a command's options.");
  AddVersionCommand(*app, context);
  AddIdCommand(*app, context);
  AddRegionCommand(*app, context);
  AddPackCommand(*app, context);
  AddComputeCommands(*app, context);
  AddLedgerCommand(*app, context);
  AddImportCommand(*app, context);
  AddPayCommands(*app, context);
  AddSettleCommand(*app, context);
  AddProjectCommand(*app, context);
  AddSimulateCommand(*app, context);
  AddDemoCommand(*app, context);
  AddSynthCommand(*app, context);
  AddDedupCommand(*app, context);
  return app;
}

bool HasSubcommand(CLI::App& app, const std::string& name) {
  return !app.get_subcommands([&name](CLI::App* command) { return command->check_name(name); })
              .empty();
}

int ExitCode(const Status& status) {
  if (status.ok()) return kExitSuccess;
  return status.is_user_error() ? kExitUserError : kExitInternalError;
}

}  // namespace

int Run(int argc, const char* const* argv, Context& context) {
  try {
    std::unique_ptr<CLI::App> app = BuildApp(context);
    if (argc < 2) {
      context.err << app->help();
      return kExitUserError;
    }
    const std::string first = argv[1];
    if (!first.starts_with("-") && !HasSubcommand(*app, first)) {
      context.err << "minsheng: unknown command '" << first << "'\n"
                  << "Run 'minsheng --help' for the commands.\n";
      return kExitUserError;
    }
    try {
      app->parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      context.out << app->help();
      return kExitSuccess;
    } catch (const CLI::CallForAllHelp&) {
      context.out << app->help("", CLI::AppFormatMode::All);
      return kExitSuccess;
    } catch (const CLI::ParseError& error) {
      // The failing subcommand's help is what a user needs next.
      context.err << "minsheng: " << error.what() << "\n";
      context.err << "Run 'minsheng --help' for usage.\n";
      return kExitUserError;
    }
    if (!context.status.ok() && !context.status.message().empty()) {
      context.err << "minsheng: " << context.status.ToString() << "\n";
    }
    return ExitCode(context.status);
  } catch (const std::exception& error) {
    context.err << "minsheng: internal error: " << error.what() << "\n";
    return kExitInternalError;
  }
}

const char* Version() {
  return "0.1.0";
}

void AddVersionCommand(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand("version", "Print the version / 显示版本");
  command->callback([&context] {
    context.out << "minsheng " << Version() << "\n";
    context.status = Status::Ok();
  });
}

}  // namespace minsheng::cli
