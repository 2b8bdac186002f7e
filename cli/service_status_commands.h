// The commands that ask how the services are doing: `status` (how far the query
// service has followed the ingest service's change feed), `wait-caught-up`
// (poll until it has applied everything ingested) and `health` (a
// grpc.health.v1 check of either service).
//
// Ownership: the commands use the stubs, channels and streams of the
// CommandContext they are given and keep nothing.
//
// Thread contract: thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_SERVICE_STATUS_COMMANDS_H_
#define ALLIANCE_CLI_SERVICE_STATUS_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cli/command_context.h"

namespace alliance::cli {

// Prints the query service's follower state; `args` must be empty.
int RunStatus(CommandContext& context, const std::vector<std::string>& args);

// wait-caught-up: --sequence, and --timeout as the overall limit.
struct WaitCaughtUpOptions {
  // Also wait until applied_sequence reaches this.
  uint64_t sequence = 0;
  // How long to wait in all: --timeout when it was given; unset: 30s.
  std::optional<absl::Duration> limit;
  // Pause between GetStatus polls. Not a flag; tests shorten it.
  absl::Duration poll_interval = absl::Milliseconds(250);
};

// Polls the query service's status until it is caught up (and has applied the
// wanted sequence, if any) or the limit passes; `args` must be empty. Returns
// kExitError when it did not catch up in time.
int RunWaitCaughtUp(CommandContext& context, const WaitCaughtUpOptions& options,
                    const std::vector<std::string>& args);

// Checks the health of the service named by args[0] ("ingest" or "query", the
// default) and of the gRPC service args[1] (default: the whole server). Returns
// kExitOk only when the answer is SERVING.
int RunHealth(CommandContext& context, const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_SERVICE_STATUS_COMMANDS_H_
