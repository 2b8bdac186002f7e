// `alliancectl watch`: follows the query service's Watch stream and prints each
// fact change (with a few evidence lines) as it arrives, until the stream ends
// or the user stops it. Once watching has worked, a lost stream is resumed
// after the last sequence seen, with backoff, so restarts of the query service
// are ridden out.
//
// Ownership: RunWatch uses the stubs and streams of the CommandContext it is
// given and keeps nothing.
//
// Thread contract: thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_WATCH_COMMAND_H_
#define ALLIANCE_CLI_WATCH_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command_context.h"

namespace alliance::cli {

// Watches until the stream ends (kExitOk) or fails for good (the exit code of
// ReportRpcError). `args` must be empty.
int RunWatch(CommandContext& context, const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_WATCH_COMMAND_H_
