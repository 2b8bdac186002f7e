#include "ingest-service/ingest_service_impl.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"

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

}  // namespace

IngestServiceImpl::IngestServiceImpl(IngestStore* store, const Extractor& extractor,
                                     IngestServiceOptions options)
    : store_(store), options_(options), ingester_(store, extractor, options.limits) {}

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

grpc::Status IngestServiceImpl::IngestDocument(grpc::ServerContext* /*context*/,
                                               const v1::IngestDocumentRequest* request,
                                               v1::IngestDocumentResponse* response) {
  const ActiveCall active(this);
  if (shutting_down()) return ShuttingDown();
  absl::StatusOr<v1::IngestDocumentResponse> ingested = ingester_.Ingest(*request);
  if (!ingested.ok()) return ToGrpcStatus(ingested.status());
  *response = *std::move(ingested);
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::IngestDocuments(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<v1::IngestDocumentResponse, v1::IngestDocumentRequest>* stream) {
  const ActiveCall active(this);
  v1::IngestDocumentRequest request;
  while (stream->Read(&request)) {
    if (shutting_down()) return ShuttingDown();
    absl::StatusOr<v1::IngestDocumentResponse> ingested = ingester_.Ingest(request);
    v1::IngestDocumentResponse ack;
    if (ingested.ok()) {
      ack = *std::move(ingested);
    } else if (EndsBulkStream(ingested.status().code())) {
      return ToGrpcStatus(ingested.status());
    } else {
      ack.set_client_tag(request.client_tag());
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
      for (const v1::Change& change : *changes) {
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
