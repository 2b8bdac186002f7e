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

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cli/command_context.h"

namespace alliance::cli {

// watch: --country, --after.
struct WatchOptions {
  // ISO alpha-3 code of one country, any case; empty: every country.
  std::string country;
  // Print changes after this sequence; 0: from now on.
  uint64_t after = 0;
  // First pause before resuming a lost stream (doubles up to 5s). Not a flag;
  // tests shorten it.
  absl::Duration initial_backoff = absl::Milliseconds(500);
};

// Watches until the stream ends (kExitOk) or fails for good (the exit code of
// ReportRpcError). `args` must be empty.
int RunWatch(CommandContext& context, const WatchOptions& options,
             const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_WATCH_COMMAND_H_
