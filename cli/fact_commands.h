// The query commands that print facts as tables: members, history, events,
// interventions, requests, conflicts and evidence. Each builds its request from
// the options and positional arguments, calls the query service (every page of
// a List method), and prints a table or, with --json, one object per response.
//
// Ownership: the commands use the stubs and streams of the CommandContext they
// are given and keep nothing.
//
// Thread contract: thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_FACT_COMMANDS_H_
#define ALLIANCE_CLI_FACT_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/command_context.h"

namespace alliance::cli {

// Run one command and return its exit code; `args` are the positional
// arguments after the command's name.
int RunMembers(CommandContext& context, const std::vector<std::string>& args);
int RunHistory(CommandContext& context, const std::vector<std::string>& args);
int RunEvents(CommandContext& context, const std::vector<std::string>& args);
int RunInterventions(CommandContext& context, const std::vector<std::string>& args);
int RunRequests(CommandContext& context, const std::vector<std::string>& args);
int RunConflicts(CommandContext& context, const std::vector<std::string>& args);
int RunEvidence(CommandContext& context, const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_FACT_COMMANDS_H_
