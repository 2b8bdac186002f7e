#include "query-service/change_follower.h"

#include <algorithm>
#include <thread>
#include <vector>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/backoff.h"
#include "common/grpc_status.h"
#include "common/log.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "query-service/change_queue.h"

namespace alliance::query {
namespace {

constexpr char kComponent[] = "change-follower";
// Missing heartbeats after which a silent stream is considered dead.
constexpr int kMissedHeartbeats = 3;
// How often (at most) progress is logged while applying a backlog.
constexpr absl::Duration kProgressLogInterval = absl::Seconds(5);
// Most changes, and most bytes of them, of a backlog applied together. A batch
// consolidates each group it touches once, so a group told by many documents
// costs one consolidation per batch, and catching up costs about the square of
// the backlog over the batch size: at 64 changes a replica catching up on
// 30,000 articles spent most of its time re-consolidating the same few large
// groups. The byte bound keeps a batch of long articles (more fingerprints and
// records per change; never the article text) within a few MiB.
constexpr size_t kMaxBatchBytes = size_t{8} << 20;
// Most messages, and bytes, read ahead of the applier: one more batch, so the
// reader fills the next while one is applied.
constexpr size_t kQueueCapacity = kMaxBatchChanges;
constexpr size_t kQueueBytes = kMaxBatchBytes;

}  // namespace

ChangeFollower::ChangeFollower(FactStore* store, ChangeFollowerOptions options)
    : store_(store), options_(std::move(options)) {}

ChangeFollower::~ChangeFollower() { Stop(); }

void ChangeFollower::Start() {
  {
    absl::MutexLock lock(&mu_);
    if (started_ || stopping_) return;
    started_ = true;
  }
  thread_ = std::thread([this] { Run(); });
  watchdog_thread_ = std::thread([this] { Watchdog(); });
}

void ChangeFollower::Stop() {
  abandon_apply_.store(true);
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (context_ != nullptr) context_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
  if (watchdog_thread_.joinable()) watchdog_thread_.join();
  {
    absl::MutexLock lock(&mu_);
    progress_.connected = false;
    progress_.stopped = true;
  }
}

FollowerProgress ChangeFollower::progress() const {
  absl::MutexLock lock(&mu_);
  return progress_;
}

bool ChangeFollower::WaitUntilCaughtUp(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto caught_up = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return progress_.caught_up; };
  mu_.AwaitWithTimeout(absl::Condition(&caught_up), timeout);
  return progress_.caught_up;
}

void ChangeFollower::Notify() {
  if (!options_.on_progress) return;
  options_.on_progress(progress());
}

void ChangeFollower::Run() {
  BackoffOptions backoff_options;
  backoff_options.initial = options_.initial_backoff;
  backoff_options.max = options_.max_backoff;
  backoff_options.jitter_min = 0.8;
  backoff_options.jitter_max = 1.2;
  Backoff backoff(backoff_options);
  // Bad TLS files will not get better by retrying (main() checks them first).
  const absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials(options_.ingest_tls);
  if (!credentials.ok()) {
    LogError(kComponent, "cannot reach ingest at ", options_.ingest_address, ": ",
             credentials.status().ToString(), "; not retrying");
    {
      absl::MutexLock lock(&mu_);
      progress_.stopped = true;
    }
    Notify();
    return;
  }
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) break;
    }
    // A fresh channel (with its own subchannels) per attempt, so reconnecting
    // follows this loop's backoff rather than a shared channel's.
    grpc::ChannelArguments args = MakeChannelArguments(options_.ingest_tls);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    if (options_.max_message_bytes > 0) args.SetMaxReceiveMessageSize(options_.max_message_bytes);
    std::shared_ptr<grpc::Channel> channel =
        grpc::CreateCustomChannel(options_.ingest_address, *credentials, args);
    std::unique_ptr<v1::IngestService::Stub> stub = v1::IngestService::NewStub(channel);

    const StreamOutcome outcome = FollowOnce(stub.get());
    bool was_connected;
    {
      absl::MutexLock lock(&mu_);
      was_connected = progress_.connected;
      progress_.connected = false;
      if (stopping_) break;
    }
    if (was_connected) Notify();
    if (outcome.status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      LogError(kComponent, "ingest at ", options_.ingest_address,
               " does not implement StreamChanges (UNIMPLEMENTED: ", outcome.status.error_message(),
               "); not retrying");
      absl::MutexLock lock(&mu_);
      progress_.stopped = true;
      break;
    }
    if (outcome.received_messages && !outcome.apply_failed) backoff.Reset();
    const absl::Duration delay = backoff.Next();
    LogWarning(kComponent, "change stream from ", options_.ingest_address, " ended (",
               GrpcCodeName(outcome.status.error_code()), ": ", outcome.status.error_message(),
               "); applied ", store_->applied_sequence(), "; reconnecting in ",
               absl::ToInt64Milliseconds(delay), " ms");
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), delay);
  }
  Notify();
}

ChangeFollower::StreamOutcome ChangeFollower::FollowOnce(v1::IngestService::Stub* stub) {
  StreamOutcome outcome;
  grpc::ClientContext context;
  if (!options_.ingest_token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", options_.ingest_token));
  }
  v1::StreamChangesRequest request;
  // Staged changes are the store's; a new stream continues after them.
  request.set_after_sequence(store_->staged_sequence());
  request.set_heartbeat_seconds(std::max(1, options_.heartbeat_seconds));
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) {
      outcome.status = grpc::Status(grpc::StatusCode::CANCELLED, "stopping");
      return outcome;
    }
    context_ = &context;
    heartbeat_sequence_.reset();
    last_message_ = absl::Now();
  }
  LogInfo(kComponent, "streaming changes from ingest at ", options_.ingest_address, " after sequence ",
          request.after_sequence());
  std::unique_ptr<grpc::ClientReader<v1::Change>> reader = stub->StreamChanges(&context, request);
  // A reader thread takes messages off the stream as they come, into a bounded
  // queue (a full queue stops reading, and gRPC flow control then holds the
  // ingest service back). This thread applies whatever has queued up, up to
  // kMaxBatchChanges changes (kMaxBatchBytes) at once: one change at a time while caught up, whole
  // batches — each group consolidated once — while a backlog streams in.
  ChangeQueue queue(kQueueCapacity, kQueueBytes);
  std::thread read_thread([this, &reader, &queue] {
    v1::Change change;
    while (reader->Read(&change)) {
      {
        absl::MutexLock lock(&mu_);
        last_message_ = absl::Now();
      }
      if (!queue.Push(std::move(change))) break;
      change = v1::Change();
    }
    queue.Close();
  });
  bool applied_all = true;
  std::vector<v1::Change> batch;
  while (applied_all && queue.PopAvailable(kMaxBatchChanges, kMaxBatchBytes, &batch)) {
    if (!outcome.received_messages) {
      outcome.received_messages = true;
      LogInfo(kComponent, "connected to ingest at ", options_.ingest_address, " from sequence ",
              request.after_sequence() + 1);
    }
    applied_all = HandleInRuns(batch);
  }
  if (!applied_all) {
    outcome.apply_failed = true;
    context.TryCancel();
    queue.Abort();
  }
  read_thread.join();
  outcome.status = reader->Finish();
  if (outcome.apply_failed) {
    outcome.status = grpc::Status(grpc::StatusCode::ABORTED, "the store refused a change");
  }
  absl::MutexLock lock(&mu_);
  context_ = nullptr;
  return outcome;
}

bool ChangeFollower::HandleInRuns(const std::vector<v1::Change>& batch) {
  // A change that does not continue the run before it (a gap the store will
  // refuse) starts a new run, so everything before the gap is applied.
  size_t begin = 0;
  for (size_t i = 1; i <= batch.size(); ++i) {
    const bool gap = i < batch.size() && !batch[i].heartbeat() && !batch[i - 1].heartbeat() &&
                     batch[i].sequence() != batch[i - 1].sequence() + 1;
    if (i == batch.size() || gap) {
      // The run before a gap is applied, not staged: the store will refuse
      // the next one.
      if (!Handle(absl::MakeConstSpan(batch.data() + begin, i - begin), /*may_stage=*/!gap)) return false;
      begin = i;
    }
  }
  return true;
}

bool ChangeFollower::Handle(absl::Span<const v1::Change> changes, bool may_stage) {
  bool became_connected = false;
  bool has_changes = false;
  std::optional<uint64_t> heartbeat;  // the latest sequence a heartbeat reported
  {
    absl::MutexLock lock(&mu_);
    last_message_ = absl::Now();
    became_connected = !progress_.connected;
    progress_.connected = true;
    for (const v1::Change& change : changes) {
      progress_.ingest_sequence =
          std::max({progress_.ingest_sequence, change.sequence(), change.committed_sequence()});
      if (change.heartbeat()) {
        heartbeat = std::max(heartbeat.value_or(0), change.sequence());
      } else {
        has_changes = true;
      }
    }
  }
  // While the ingest service reports changes beyond this batch, changes are
  // staged, so each group is consolidated once for the whole backlog (its
  // consolidation reads its whole history), not once per batch; they are
  // applied with the batch that reaches the last change reported, at least
  // every kMaxStagingTime (so applied_sequence() shows progress), and on a
  // heartbeat.
  uint64_t ingest_sequence;
  {
    absl::MutexLock lock(&mu_);
    ingest_sequence = progress_.ingest_sequence;
  }
  const bool stage = may_stage && has_changes && ingest_sequence > changes.back().sequence() &&
                     absl::Now() - last_apply_ < kMaxStagingTime;
  if (stage) {
    const absl::Status staged = store_->Stage(changes);
    if (!staged.ok()) {
      LogError(kComponent, "cannot stage changes ", changes.front().sequence(), " to ", changes.back().sequence(),
               ": ", staged.ToString());
      return false;
    }
  } else if (has_changes || store_->staged_sequence() > store_->applied_sequence()) {
    const uint64_t applied_before = store_->applied_sequence();
    const uint64_t staged_before = store_->staged_sequence();
    const absl::Time start = absl::Now();
    absl::Status applied = store_->ApplyBatch(changes, &abandon_apply_);
    last_apply_ = absl::Now();
    if (applied.ok() && staged_before > applied_before) {
      LogInfo(kComponent, "applied ", store_->applied_sequence() - applied_before, " changes (",
              staged_before - applied_before, " of them staged) in ", absl::FormatDuration(last_apply_ - start));
    }
    if (absl::IsCancelled(applied)) {
      LogInfo(kComponent, "stopping: changes up to ", store_->staged_sequence(), " left for the next start");
      return false;
    }
    if (!applied.ok()) {
      LogError(kComponent, "cannot apply changes up to ", changes.empty() ? 0 : changes.back().sequence(), ": ",
               applied.ToString());
      // What was staged before the refused changes (a gap, say) is applied
      // now, so it is not held back until the log goes on.
      if (store_->staged_sequence() > store_->applied_sequence()) {
        if (absl::Status staged = store_->ApplyBatch({}, &abandon_apply_); !staged.ok()) {
          LogError(kComponent, "cannot apply the staged changes: ", staged.ToString());
        }
      }
      return false;
    }
  }
  const uint64_t applied = store_->applied_sequence();
  bool caught_up_now = false;
  bool log_progress = false;
  {
    absl::MutexLock lock(&mu_);
    // A heartbeat carries the latest sequence the ingest service had committed;
    // once this stream has delivered up to it, the backlog is over.
    if (heartbeat.has_value()) heartbeat_sequence_ = std::max(heartbeat_sequence_.value_or(0), *heartbeat);
    if (heartbeat_sequence_.has_value() && applied >= *heartbeat_sequence_ && !progress_.caught_up) {
      progress_.caught_up = true;
      caught_up_now = true;
    }
  }
  if (caught_up_now) {
    LogInfo(kComponent, "caught up with ingest at ", options_.ingest_address, ": applied sequence ", applied);
    last_logged_applied_ = applied;
  } else if (has_changes) {
    // While a backlog streams in, at most one line per interval.
    log_progress = absl::Now() - last_progress_log_ >= kProgressLogInterval;
  } else {
    // The first heartbeat after a burst reports where it ended.
    log_progress = applied != last_logged_applied_;
  }
  if (log_progress) {
    last_progress_log_ = absl::Now();
    last_logged_applied_ = applied;
    LogInfo(kComponent, "applied sequence ", applied, " (ingest reports ", progress().ingest_sequence, ")");
  }
  if (became_connected || caught_up_now || has_changes) Notify();
  return true;
}

void ChangeFollower::Watchdog() {
  const absl::Duration silence_limit = absl::Seconds(kMissedHeartbeats * std::max(1, options_.heartbeat_seconds));
  const absl::Duration tick = std::min(absl::Milliseconds(250), silence_limit / 4);
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), tick);
    if (stopping_) break;
    if (context_ != nullptr && absl::Now() - last_message_ > silence_limit) {
      LogWarning(kComponent, "no message from ingest at ", options_.ingest_address, " for ",
                 absl::FormatDuration(silence_limit), "; dropping the stream");
      context_->TryCancel();
      last_message_ = absl::Now();  // cancel once per silence
    }
  }
}

}  // namespace alliance::query
