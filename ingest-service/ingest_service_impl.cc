#include "ingest-service/ingest_service_impl.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "common/log_tail.h"
#include "common/status_macros.h"
#include "common/request_parsing.h"

namespace alliance::ingest {
namespace {

grpc::Status ShuttingDown() {
  return grpc::Status(grpc::StatusCode::UNAVAILABLE, "ingest service is shutting down");
}

grpc::Status ClientGone() {
  return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
}

// True for failures of the service rather than of one document: they end a bulk
// stream (the client resends from its first unacknowledged document) instead of
// being acknowledged as that document's error.
bool EndsBulkStream(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kDataLoss;
}

// Requests of one bulk stream committed together at most: what has arrived
// while the previous group was being extracted and synced.
constexpr size_t kMaxCommitGroup = 64;

// How a bulk stream reads ahead and queues its acknowledgements: it stops
// reading beyond a commit group or 256 KiB, so a client that writes faster
// than the service ingests is held back by gRPC flow control instead of
// filling memory.
constexpr StreamLimits kBulkStreamLimits{/*read_ahead_messages=*/kMaxCommitGroup,
                                         /*read_ahead_bytes=*/size_t{256} << 10,
                                         /*queued_writes=*/kMaxCommitGroup};

}  // namespace

IngestServiceImpl::IngestServiceImpl(IngestStore* store, const Extractor& extractor,
                                     IngestServiceOptions options)
    : store_(store), options_(options), ingester_(store, extractor, options.limits), streams_(options.max_streams) {
}

IngestServiceImpl::ActiveCall::ActiveCall(IngestServiceImpl* service) : service_(service) {
  absl::MutexLock lock(&service_->calls_mu_);
  ++service_->active_calls_;
}

IngestServiceImpl::ActiveCall::~ActiveCall() {
  absl::MutexLock lock(&service_->calls_mu_);
  --service_->active_calls_;
}

bool IngestServiceImpl::WaitForCallsToFinish(absl::Time deadline) {
  absl::MutexLock lock(&calls_mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(calls_mu_) { return active_calls_ == 0; };
  return calls_mu_.AwaitWithDeadline(absl::Condition(&idle), deadline);
}

void IngestServiceImpl::Shutdown() {
  shutting_down_.store(true);
  store_->WakeWaiters();
}

grpc::ServerUnaryReactor* IngestServiceImpl::IngestDocument(grpc::CallbackServerContext* context,
                                                            const grpc::ByteBuffer* request,
                                                            grpc::ByteBuffer* response) {
  // Callers are checked before their bytes are read.
  if (absl::Status auth = options_.authenticator.Check(*context); !auth.ok()) {
    return FinishUnary(context, ToGrpcStatus(auth));
  }
  return ServeUnary<v1::IngestDocumentRequest, v1::IngestDocumentResponse>(
      context, request, response, HandlerThread::kOwnThread,
      [this](const v1::IngestDocumentRequest& parsed, v1::IngestDocumentResponse* ingested) {
        const ActiveCall active(this);
        if (shutting_down()) return ShuttingDown();
        absl::StatusOr<v1::IngestDocumentResponse> result = ingester_.Ingest(parsed);
        if (!result.ok()) return ToGrpcStatus(result.status());
        *ingested = *std::move(result);
        return grpc::Status::OK;
      });
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IngestServiceImpl::IngestDocuments(
    grpc::CallbackServerContext* context) {
  // Callers are checked before any of their bytes are read.
  if (absl::Status auth = options_.authenticator.Check(*context); !auth.ok()) {
    return new RefusedReactor<grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>>(ToGrpcStatus(auth));
  }
  return new BlockingBidiReactor<v1::IngestDocumentResponse>(
      kBulkStreamLimits, [this](MessageInbox* inbox, MessageWriter<v1::IngestDocumentResponse>* writer) {
        return IngestMany(inbox, writer);
      });
}

grpc::Status IngestServiceImpl::IngestMany(MessageInbox* inbox,
                                           MessageWriter<v1::IngestDocumentResponse>* writer) {
  const ActiveCall active(this);
  // Documents that arrive while a group is being extracted and synced are
  // committed together in one synced batch (group commit); each is still
  // acknowledged, in order, only once it is durable.
  std::vector<grpc::ByteBuffer> group;
  while (inbox->Take(kMaxCommitGroup, &group)) {
    if (shutting_down()) return ShuttingDown();
    std::vector<v1::IngestDocumentRequest> requests;
    std::vector<std::string> tags(group.size());
    std::vector<absl::Status> decode_errors(group.size());
    std::vector<size_t> decoded;  // the group index of each request
    for (size_t i = 0; i < group.size(); ++i) {
      absl::StatusOr<std::string> wire = ByteBufferContents(group[i]);
      absl::StatusOr<v1::IngestDocumentRequest> request =
          wire.ok() ? ParseMessage<v1::IngestDocumentRequest>(*wire) : wire.status();
      if (!request.ok()) {
        decode_errors[i] = request.status();
        // The tag, when it can be read, lets the client match the refusal.
        if (wire.ok()) tags[i] = ReadValidStringField(*wire, v1::IngestDocumentRequest::kClientTagFieldNumber);
        continue;
      }
      tags[i] = request->client_tag();
      requests.push_back(*std::move(request));
      decoded.push_back(i);
    }
    std::vector<absl::StatusOr<v1::IngestDocumentResponse>> results = ingester_.IngestAll(requests);
    size_t next = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      const absl::Status failed =
          !decode_errors[i].ok() ? decode_errors[i]
                                 : (results[next].ok() ? absl::OkStatus() : results[next].status());
      v1::IngestDocumentResponse ack;
      if (decode_errors[i].ok()) {
        if (results[next].ok()) ack = *std::move(results[next]);
        ++next;
      }
      if (!failed.ok()) {
        // A failure of the service, not of this document: end the stream (the
        // client resends from its first unacknowledged document).
        if (EndsBulkStream(failed.code())) return ToGrpcStatus(failed);
        ack.set_client_tag(tags[i]);
        ack.mutable_error()->set_code(static_cast<int32_t>(failed.code()));
        ack.mutable_error()->set_message(std::string(failed.message()));
      }
      if (!writer->Write(ack)) return ClientGone();
    }
  }
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::StreamChanges(grpc::ServerContext* context,
                                              const v1::StreamChangesRequest* request,
                                              grpc::ServerWriter<v1::Change>* writer) {
  const ActiveCall active(this);
  if (absl::Status auth = options_.authenticator.Check(*context); !auth.ok()) return ToGrpcStatus(auth);
  const StreamSlots::Slot slot = streams_.TryAcquire();
  if (!slot.acquired()) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        absl::StrCat("max_streams: ", options_.max_streams,
                                     " change streams are already open; retry later"));
  }
  if (request->heartbeat_seconds() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "heartbeat_seconds: must not be negative");
  }
  uint64_t delivered = request->after_sequence();
  auto keep_going = [&] {
    if (shutting_down()) return absl::UnavailableError("ingest service is shutting down");
    if (context->IsCancelled()) return absl::CancelledError("the client went away");
    return absl::OkStatus();
  };
  auto write = [writer](const v1::Change& change) {
    return writer->Write(change) ? absl::OkStatus() : absl::CancelledError("the client went away");
  };
  auto deliver = [&]() -> absl::StatusOr<LogTailSteps::Delivery> {
    ASSIGN_OR_RETURN(std::vector<v1::Change> changes, store_->ReadChanges(delivered, options_.stream_batch_size));
    for (v1::Change& change : changes) {
      // Stamped just before the write, which waits while the follower's
      // flow-control window is full: a follower that lags learns so from the
      // changes it is sent, even those buffered on the way.
      change.set_committed_sequence(std::max(store_->last_sequence(), change.sequence()));
      RETURN_IF_ERROR(write(change));
      delivered = change.sequence();
    }
    return LogTailSteps::Delivery{!changes.empty(), !changes.empty()};
  };
  auto heartbeat = [&] {
    v1::Change beat;
    beat.set_heartbeat(true);
    // The latest committed sequence, but never one this stream has not delivered.
    beat.set_sequence(std::min(delivered, store_->last_sequence()));
    return write(beat);
  };
  auto wait = [&](absl::Duration at_most) { store_->WaitForCommit(delivered, at_most); };
  LogTailOptions tail;
  if (request->heartbeat_seconds() > 0) {
    tail.idle_notice_interval = absl::Seconds(request->heartbeat_seconds());
    // The first heartbeat as soon as the stream has caught up: it is how a
    // follower learns it has everything, so it need not wait an interval.
    tail.notice_when_first_caught_up = true;
  }
  tail.poll_interval = options_.stream_poll_interval;
  return ToGrpcStatus(FollowLog(tail, {keep_going, deliver, heartbeat, wait}));
}

}  // namespace alliance::ingest
