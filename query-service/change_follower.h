// ChangeFollower: keeps a FactStore in step with the ingest service's change feed.
//
// A background thread calls IngestService.StreamChanges(after_sequence =
// store->staged_sequence()) and applies every change it receives; while a
// long backlog streams in, it stages them and applies them together. Because
// the store writes each change together with its staged or applied sequence,
// the follower resumes exactly where it stopped after any disconnect, restart
// or crash. When
// the stream ends or fails it reconnects with exponential backoff (common/backoff.h;
// jittered, reset after a connection that delivered messages), except on UNIMPLEMENTED,
// which will not get better by retrying. The stream is long-lived, so instead
// of a deadline it asks for heartbeats and treats 3 heartbeat intervals without
// any message as a dead connection.
#ifndef ALLIANCE_QUERY_CHANGE_FOLLOWER_H_
#define ALLIANCE_QUERY_CHANGE_FOLLOWER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "common/tls_credentials.h"
#include "grpcpp/client_context.h"
#include "query-service/fact_store.h"

namespace alliance::query {

// Where the follower stands, for GetStatus and health.
struct FollowerProgress {
  // True once the store has caught up with the ingest service (stays true).
  bool caught_up = false;
  // The latest sequence the ingest service reported (0 before any message).
  uint64_t ingest_sequence = 0;
  // True while a change stream is open and delivering.
  bool connected = false;
  // True when the follower gave up for good (UNIMPLEMENTED) or was stopped.
  bool stopped = false;
};

// A follower stages changes (FactStore::Stage) rather than applying them
// while the ingest service reports changes beyond those received, and
// applies them when a batch reaches the last change reported, on a
// heartbeat, and at least this often.
inline constexpr absl::Duration kMaxStagingTime = absl::Seconds(10);
// The most changes the follower hands the store at once.
inline constexpr size_t kMaxBatchChanges = 4096;

// Settings of a ChangeFollower.
struct ChangeFollowerOptions {
  // host:port of the ingest service.
  std::string ingest_address;
  // Bearer token for StreamChanges; empty sends none.
  std::string ingest_token;
  // TLS material of the link to the ingest service; ca_file empty: plaintext.
  ClientTlsFiles ingest_tls;
  // Heartbeat interval asked of the ingest service (seconds, >= 1). A stream with
  // no message for 3 intervals is treated as dead and reopened.
  int heartbeat_seconds = 2;
  // Largest change message accepted (bytes); 0 keeps gRPC's default.
  int max_message_bytes = 0;
  // Reconnect backoff: the first delay, and the cap it doubles up to.
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(10);
  // Called (from the follower's thread) after every applied batch of changes and every
  // change of FollowerProgress. May be empty. Must not call Stop().
  std::function<void(const FollowerProgress&)> on_progress;
};

// Follows the ingest service's change feed into a FactStore.
//
// Thread-safe: progress() and WaitUntilCaughtUp() may be called from any thread;
// Start() and Stop() from the owning thread.
class ChangeFollower {
 public:
  // `store` is not owned, must not be null and must outlive the follower.
  ChangeFollower(FactStore* store, ChangeFollowerOptions options);
  ChangeFollower(const ChangeFollower&) = delete;
  ChangeFollower& operator=(const ChangeFollower&) = delete;
  // Stops the follower if it is running.
  ~ChangeFollower();

  // Starts the background thread. Call at most once.
  void Start();

  // Cancels the current stream, stops retrying and joins the thread. Idempotent.
  void Stop() ABSL_LOCKS_EXCLUDED(mu_);

  // Returns where the follower stands.
  FollowerProgress progress() const ABSL_LOCKS_EXCLUDED(mu_);

  // Waits up to `timeout` for the first catch-up; returns whether it happened.
  bool WaitUntilCaughtUp(absl::Duration timeout) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // Why a stream ended, for the reconnect decision.
  struct StreamOutcome {
    grpc::Status status;
    bool received_messages = false;
    bool apply_failed = false;
  };

  // The follower thread: stream, apply, back off, repeat until stopped.
  void Run() ABSL_LOCKS_EXCLUDED(mu_);
  // The heartbeat watchdog thread: cancels a stream that went silent.
  void Watchdog() ABSL_LOCKS_EXCLUDED(mu_);
  // Runs one StreamChanges call to its end.
  StreamOutcome FollowOnce(v1::IngestService::Stub* stub) ABSL_LOCKS_EXCLUDED(mu_);
  // Applies a batch of received messages as runs of consecutive changes (a
  // gap starts a new run); false when the store refused one.
  bool HandleInRuns(const std::vector<v1::Change>& batch) ABSL_LOCKS_EXCLUDED(mu_);
  // Applies (or, while more are reported and `may_stage`, stages) received
  // messages (consecutive changes, possibly with heartbeats) as one batch;
  // false when the store refused them.
  bool Handle(absl::Span<const v1::Change> changes, bool may_stage) ABSL_LOCKS_EXCLUDED(mu_);
  // Calls on_progress with the current progress.
  void Notify() ABSL_LOCKS_EXCLUDED(mu_);

  // Constant after construction
  FactStore* const store_;
  const ChangeFollowerOptions options_;

  std::thread thread_;
  std::thread watchdog_thread_;
  // Used only by the follower thread.
  absl::Time last_progress_log_ = absl::InfinitePast();
  // When changes were last applied (not staged).
  absl::Time last_apply_ = absl::Now();
  uint64_t last_logged_applied_ = 0;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Set by Stop() so that an apply in progress is abandoned (see
  // FactStore::ApplyBatch) instead of making the stop wait for it.
  std::atomic<bool> abandon_apply_{false};
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  // The open call, so Stop() and the watchdog can cancel it; null between calls.
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;
  absl::Time last_message_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  // The latest sequence a heartbeat of the current stream reported.
  std::optional<uint64_t> heartbeat_sequence_ ABSL_GUARDED_BY(mu_);
  FollowerProgress progress_ ABSL_GUARDED_BY(mu_);
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CHANGE_FOLLOWER_H_
