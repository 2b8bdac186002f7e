// The loop that follows an append-only log for one stream: deliver what is
// new, send a notice when the stream has been quiet for a while, otherwise
// wait for the next commit; stop when the caller says so or a step fails.
// The ingest service's StreamChanges (heartbeats) and the query service's Watch
// (progress notifications) both run it; each supplies its own steps.
//
// Example (a stream of a log with a cursor):
//   uint64_t cursor = after;
//   auto keep_going = [&] { return client_alive() ? absl::OkStatus() : absl::CancelledError("gone"); };
//   auto deliver = [&]() -> absl::StatusOr<LogTailSteps::Delivery> {
//     ...read the entries after `cursor`, write them, move `cursor`...
//   };
//   auto notify_idle = [&] { return WriteHeartbeat(cursor); };
//   auto wait = [&](absl::Duration at_most) { log.WaitForCommitAfter(cursor, at_most); };
//   absl::Status ended = FollowLog(options, {keep_going, deliver, notify_idle, wait});
//
// Thread-safety: FollowLog blocks the calling thread until the stream ends; it
// calls the steps on that thread only, one at a time.
#ifndef ALLIANCE_COMMON_LOG_TAIL_H_
#define ALLIANCE_COMMON_LOG_TAIL_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace alliance {

struct LogTailOptions {
  // A notice is sent when nothing was written for this long. Infinite: never
  // (except the first one below).
  absl::Duration idle_notice_interval = absl::InfiniteDuration();
  // Send a notice as soon as the stream first catches up (Watch's "the replay
  // is over"), whatever the interval.
  bool notice_when_first_caught_up = false;
  // The longest single wait for more; also how often keep_going is asked
  // while nothing commits.
  absl::Duration poll_interval = absl::Milliseconds(100);
};

// What the caller does at each turn of the loop. The steps are borrowed for
// the length of FollowLog.
struct LogTailSteps {
  struct Delivery {
    bool advanced = false;  // the stream's cursor moved: there may be more right away
    bool wrote = false;     // something was written to the client
  };
  // OK to go on; any other status ends the stream with it.
  absl::FunctionRef<absl::Status()> keep_going;
  // Reads the next batch after the stream's cursor, writes what the client
  // should see, and moves the cursor; an error ends the stream.
  absl::FunctionRef<absl::StatusOr<Delivery>()> deliver;
  // Writes the idle notice; an error ends the stream.
  absl::FunctionRef<absl::Status()> notify_idle;
  // Waits until the log may have more after the cursor, or `at_most`.
  absl::FunctionRef<void(absl::Duration at_most)> wait;
};

// Runs the loop until keep_going or a step returns an error, and returns that
// error. Never returns OK.
absl::Status FollowLog(const LogTailOptions& options, const LogTailSteps& steps);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_LOG_TAIL_H_
