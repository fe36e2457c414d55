// The `minsheng ledger` subcommands that live in files of their own, for
// ledger_command.cc to add under the `ledger` group. Each adds its subcommand to
// `parent`; its callback leaves the command's Status in `context`. Internal to cli.
#pragma once

#include "cli/app.h"

namespace minsheng::cli {

// ledger_transfer_command.cc: `transfer` (one, or a file of them) and `pending post|void`.
void AddTransfer(CLI::App& parent, Context& context);
void AddPendingCommands(CLI::App& parent, Context& context);

// ledger_report_command.cc: `balance`, `statement`, `disclosure` and `audit`.
void AddBalance(CLI::App& parent, Context& context);
void AddStatement(CLI::App& parent, Context& context);
void AddDisclosure(CLI::App& parent, Context& context);
void AddAudit(CLI::App& parent, Context& context);

// ledger_allocate_command.cc: `allocate`.
void AddAllocate(CLI::App& parent, Context& context);

}  // namespace minsheng::cli
