// alliancectl's command table: the name, synopsis and summary of every
// subcommand, the usage text built from them, and RunCommand, which runs the
// subcommand a command line names.
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

namespace alliance::cli {

// Runs the subcommand named by args[0] with the positional arguments that follow
// and returns the exit code. An empty `args` or "help" prints the usage text; an
// unknown name is a usage error.
int RunCommand(CommandContext& context, const std::vector<std::string>& args);

// Returns the usage text printed by `alliancectl help`.
std::string UsageText();

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_COMMAND_TABLE_H_
