#include "ingest-service/ingest_service_impl.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "common/request_parsing.h"
#include "grpcpp/support/method_handler.h"
#include "grpcpp/support/slice.h"
#include "ingest-service/request_decoder.h"

namespace alliance::ingest {
namespace {

constexpr int kIngestDocumentMethod = 0;
constexpr int kIngestDocumentsMethod = 1;

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

}  // namespace

IngestServiceImpl::IngestServiceImpl(IngestStore* store, const Extractor& extractor,
                                     IngestServiceOptions options)
    : store_(store), options_(options), ingester_(store, extractor, options.limits) {
  // Method indexes follow the order of the RPCs in ingest_service.proto.
  MarkMethodStreamed(kIngestDocumentMethod,
                     new grpc::internal::StreamedUnaryHandler<grpc::ByteBuffer,
                                                              v1::IngestDocumentResponse>(
                         [this](grpc::ServerContext* context, RawUnaryStream* stream) {
                           return IngestOne(context, stream);
                         }));
  MarkMethodStreamed(kIngestDocumentsMethod,
                     new grpc::internal::BidiStreamingHandler<IngestServiceImpl, grpc::ByteBuffer,
                                                              v1::IngestDocumentResponse>(
                         [](IngestServiceImpl* service, grpc::ServerContext* context,
                            RawBulkStream* stream) { return service->IngestMany(context, stream); },
                         this));
}

IngestServiceImpl::ActiveCall::ActiveCall(IngestServiceImpl* service) : service_(service) {
  absl::MutexLock lock(&service_->calls_mu_);
  ++service_->active_calls_;
}

IngestServiceImpl::ActiveCall::~ActiveCall() {
  absl::MutexLock lock(&service_->calls_mu_);
  --service_->active_calls_;
}

IngestServiceImpl::StreamSlot::StreamSlot(IngestServiceImpl* service) : service_(service) {
  absl::MutexLock lock(&service_->calls_mu_);
  if (service_->open_streams_ < service_->options_.max_streams) {
    ++service_->open_streams_;
    acquired_ = true;
  }
}

IngestServiceImpl::StreamSlot::~StreamSlot() {
  if (!acquired_) return;
  absl::MutexLock lock(&service_->calls_mu_);
  --service_->open_streams_;
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

absl::StatusOr<v1::IngestDocumentResponse> IngestServiceImpl::IngestBytes(
    grpc::ByteBuffer* buffer, std::string* client_tag) {
  absl::StatusOr<std::string> wire = ByteBufferContents(*buffer);
  if (!wire.ok()) return wire.status();
  absl::StatusOr<v1::IngestDocumentRequest> request = DecodeIngestDocumentRequest(*wire, client_tag);
  if (!request.ok()) return request.status();
  return ingester_.Ingest(*request);
}

grpc::Status IngestServiceImpl::IngestOne(grpc::ServerContext* context,
                                          RawUnaryStream* stream) {
  const ActiveCall active(this);
  if (absl::Status auth = options_.authenticator.Check(*context); !auth.ok()) return ToGrpcStatus(auth);
  if (shutting_down()) return ShuttingDown();
  grpc::ByteBuffer buffer;
  if (!stream->Read(&buffer)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "request: missing");
  }
  std::string client_tag;
  absl::StatusOr<v1::IngestDocumentResponse> ingested = IngestBytes(&buffer, &client_tag);
  if (!ingested.ok()) return ToGrpcStatus(ingested.status());
  if (!stream->Write(*ingested)) return ClientGone();
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::IngestMany(grpc::ServerContext* context,
                                           RawBulkStream* stream) {
  const ActiveCall active(this);
  if (absl::Status auth = options_.authenticator.Check(*context); !auth.ok()) return ToGrpcStatus(auth);
  grpc::ByteBuffer buffer;
  while (stream->Read(&buffer)) {
    if (shutting_down()) return ShuttingDown();
    std::string client_tag;
    absl::StatusOr<v1::IngestDocumentResponse> ingested = IngestBytes(&buffer, &client_tag);
    v1::IngestDocumentResponse ack;
    if (ingested.ok()) {
      ack = *std::move(ingested);
    } else if (EndsBulkStream(ingested.status().code())) {
      return ToGrpcStatus(ingested.status());
    } else {
      ack.set_client_tag(client_tag);
      ack.mutable_error()->set_code(static_cast<int32_t>(ingested.status().code()));
      ack.mutable_error()->set_message(std::string(ingested.status().message()));
    }
    if (!stream->Write(ack)) return ClientGone();
  }
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::StreamChanges(grpc::ServerContext* context,
                                              const v1::StreamChangesRequest* request,
                                              grpc::ServerWriter<v1::Change>* writer) {
  const ActiveCall active(this);
  if (absl::Status auth = options_.authenticator.Check(*context); !auth.ok()) return ToGrpcStatus(auth);
  const StreamSlot slot(this);
  if (!slot.acquired()) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        absl::StrCat("max_streams: ", options_.max_streams,
                                     " change streams are already open; retry later"));
  }
  if (request->heartbeat_seconds() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "heartbeat_seconds: must not be negative");
  }
  const absl::Duration heartbeat = request->heartbeat_seconds() > 0
                                       ? absl::Seconds(request->heartbeat_seconds())
                                       : absl::InfiniteDuration();
  uint64_t delivered = request->after_sequence();
  absl::Time last_sent = absl::Now();
  while (true) {
    if (shutting_down()) return ShuttingDown();
    if (context->IsCancelled()) return ClientGone();

    absl::StatusOr<std::vector<v1::Change>> changes =
        store_->ReadChanges(delivered, options_.stream_batch_size);
    if (!changes.ok()) return ToGrpcStatus(changes.status());
    if (!changes->empty()) {
      for (v1::Change& change : *changes) {
        // Stamped just before the write, which waits while the follower's
        // flow-control window is full: a follower that lags learns so from the
        // changes it is sent, even those buffered on the way.
        change.set_committed_sequence(std::max(store_->last_sequence(), change.sequence()));
        if (!writer->Write(change)) return ClientGone();
        delivered = change.sequence();
      }
      last_sent = absl::Now();
      continue;
    }

    // Caught up: heartbeat when idle for long enough, else wait for a commit.
    const absl::Time now = absl::Now();
    if (now - last_sent >= heartbeat) {
      v1::Change beat;
      beat.set_heartbeat(true);
      // The latest committed sequence, but never one this stream has not delivered.
      beat.set_sequence(std::min(delivered, store_->last_sequence()));
      if (!writer->Write(beat)) return ClientGone();
      last_sent = now;
      continue;
    }
    store_->WaitForCommit(delivered,
                          std::min(options_.stream_poll_interval, last_sent + heartbeat - now));
  }
}

}  // namespace alliance::ingest
