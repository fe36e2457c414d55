// The minsheng command: builds the command tree (CLI11) and runs it.
//
// Each capability adds its subcommands in a file of its own (id_command.cc, …) through
// an Add*Command function. A subcommand's callback does the work, prints what the user
// should see and leaves its Status in the Context; Run turns that into an exit code:
// 0 success, 1 user error (message on stderr), 2 internal error. Output goes to the
// streams in the Context so tests can capture it. Not thread-safe; one run at a time.
#pragma once

#include <iosfwd>

#include "core/status.h"

namespace CLI {
class App;
}

namespace minsheng::cli {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitInternalError = 2;

struct Context {
  std::ostream& out;  // results
  std::ostream& err;  // messages and errors
  // Set by the command that ran. A command that reports its own errors line by line
  // (as id check does) still sets it, so the exit code tells a script what happened.
  Status status;
};

void AddVersionCommand(CLI::App& app, Context& context);
void AddIdCommand(CLI::App& app, Context& context);
void AddRegionCommand(CLI::App& app, Context& context);
void AddPackCommand(CLI::App& app, Context& context);
void AddComputeCommands(CLI::App& app, Context& context);  // compute, explain
void AddLedgerCommand(CLI::App& app, Context& context);    // ledger init, transfer, audit, …
void AddImportCommand(CLI::App& app, Context& context);    // import persons|households|…
void AddPayCommands(CLI::App& app, Context& context);      // pay, receipt, receipts
void AddSettleCommand(CLI::App& app, Context& context);    // settle, settle explain|cancel
void AddProjectCommand(CLI::App& app, Context& context);   // project: a fund's years
void AddSimulateCommand(CLI::App& app, Context& context);  // simulate: a reform costed
void AddDemoCommand(CLI::App& app, Context& context);      // demo: the main job
void AddSynthCommand(CLI::App& app, Context& context);     // synth wudi|zibo|dedup
void AddDedupCommand(CLI::App& app, Context& context);     // dedup: duplicate enrollments
void AddDedupApplyCommand(CLI::App& dedup, Context& context);  // dedup apply, dedup merges

// Runs the command line and returns the exit code.
int Run(int argc, const char* const* argv, Context& context);

// The version string, e.g. "0.1.0".
const char* Version();

}  // namespace minsheng::cli
