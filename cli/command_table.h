// alliancectl's command table: the name, synopsis and summary of every
// subcommand, the usage text built from them, the options of all subcommands
// side by side (CommandOptions, which main() fills from the flags), and
// RunCommand, which runs the subcommand a command line names.
//
// Ownership: the table is static and immutable; RunCommand uses the
// CommandContext it is given and keeps nothing.
//
// Thread contract: UsageText is thread-safe; RunCommand is thread-compatible,
// as the CommandContext is.
#ifndef ALLIANCE_CLI_COMMAND_TABLE_H_
#define ALLIANCE_CLI_COMMAND_TABLE_H_

#include <string>
#include <vector>

#include "cli/command_context.h"
#include "cli/fact_commands.h"
#include "cli/ingest_command.h"
#include "cli/case_command.h"
#include "cli/explain_command.h"
#include "cli/service_status_commands.h"
#include "cli/timeline_command.h"
#include "cli/watch_command.h"

namespace alliance::cli {

// The options of the subcommands that have any of their own, one struct each.
// A subcommand reads only its own; flags of other subcommands are ignored.
struct CommandOptions {
  IngestOptions ingest;
  MembersOptions members;
  EventsOptions events;
  InterventionsOptions interventions;
  RequestsOptions requests;
  CasesOptions cases;
  WatchOptions watch;
  WaitCaughtUpOptions wait_caught_up;
  TimelineOptions timeline;
};

// Runs the subcommand named by args[0] with its part of `options` and the
// positional arguments that follow, and returns the exit code. An empty `args`
// or "help" prints the usage text; an unknown name is a usage error.
int RunCommand(CommandContext& context, const CommandOptions& options,
               const std::vector<std::string>& args);

// Returns the usage text printed by `alliancectl help`.
std::string UsageText();

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_COMMAND_TABLE_H_
