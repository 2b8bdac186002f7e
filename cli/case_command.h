// `alliancectl cases`: each crisis from the request for help to the
// withdrawal (ListCases), one block per case: its id, country and status, then
// its steps in order, each with the date, what happened, the fact it comes from
// and that fact's quotes. --json prints each response as JSON.
//
// Ownership and thread contract: as the other commands (fact_commands.h).
#ifndef ALLIANCE_CLI_CASE_COMMAND_H_
#define ALLIANCE_CLI_CASE_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command_context.h"

namespace alliance::cli {

// cases: --country, --status.
struct CasesOptions {
  // ISO alpha-3 code of the country that asked or hosted, any case.
  std::string country;
  // requested, denied, granted, deployed or withdrawn; empty: any.
  std::string status;
};

// Runs `cases` and returns its exit code; a --status that does not parse is
// reported (naming the flag) before anything is sent.
int RunCases(CommandContext& context, const CasesOptions& options, const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_CASE_COMMAND_H_
