// IngestServiceImpl: the alliance.v1.IngestService RPCs. IngestDocument and
// IngestDocuments are served from their request bytes on gRPC's callback API
// (common/raw_request_adapter.h), each call's work on a thread of its own;
// StreamChanges on the sync API.
//
// Every ingest goes through DocumentIngester (validate -> extract -> stamp ->
// commit) and is acknowledged only after its commit is durable. StreamChanges
// serves the change log: the backlog in batches, then live commits, with
// optional heartbeats; it polls for cancellation and shutdown while it waits.
#ifndef ALLIANCE_INGEST_INGEST_SERVICE_IMPL_H_
#define ALLIANCE_INGEST_INGEST_SERVICE_IMPL_H_

#include <atomic>
#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "common/bearer_token.h"
#include "common/stream_slots.h"
#include "grpcpp/support/byte_buffer.h"
#include "common/raw_request_adapter.h"
#include "grpcpp/support/sync_stream.h"
#include "ingest-service/document_ingester.h"
#include "ingest-service/document_validator.h"
#include "ingest-service/extract/extractor.h"
#include "ingest-service/ingest_store.h"

namespace alliance::ingest {

// Settings of an IngestServiceImpl.
struct IngestServiceOptions {
  // Size limits of incoming documents.
  ValidationLimits limits;
  // Longest a waiting stream sleeps before it checks for cancellation and shutdown.
  absl::Duration stream_poll_interval = absl::Milliseconds(500);
  // Changes sent per read of the log while a stream catches up.
  size_t stream_batch_size = 64;
  // The bearer token every IngestService call must carry (none by default).
  BearerTokenAuthenticator authenticator;
  // Most StreamChanges calls served at once; more get RESOURCE_EXHAUSTED.
  int max_streams = 64;
};

// Serves IngestService over a store and an extractor.
//
// Thread-safe: gRPC calls the handlers from many threads at once. Does not own
// `store` or `extractor`, which must outlive it.
class IngestServiceImpl final
    : public WithMethods<v1::IngestService::Service, v1::IngestService::WithRawCallbackMethod_IngestDocument,
                         v1::IngestService::WithRawCallbackMethod_IngestDocuments>::type {
 public:
  IngestServiceImpl(IngestStore* store, const Extractor& extractor, IngestServiceOptions options);
  IngestServiceImpl(const IngestServiceImpl&) = delete;
  IngestServiceImpl& operator=(const IngestServiceImpl&) = delete;

  // IngestDocument and IngestDocuments read the request bytes themselves
  // (ParseMessage), so that a request with invalid UTF-8 gets INVALID_ARGUMENT
  // naming the field, and a bulk stream acknowledges it with an error and goes
  // on. Clients see the same unary and bidirectional-streaming RPCs as the
  // proto declares.

  // Unary RPC: validates, extracts and commits one document; answers once the
  // commit is durable.
  grpc::ServerUnaryReactor* IngestDocument(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;

  // Bidirectional-streaming RPC: one acknowledgement per document, in order,
  // each once its commit is durable; a bad document is acknowledged with its
  // error and the stream goes on.
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IngestDocuments(
      grpc::CallbackServerContext* context) override;

  // Server-streaming RPC: the changes after request->after_sequence(), then new
  // ones as they commit; heartbeats (sequence = the latest delivered, which is
  // the latest committed once caught up) after heartbeat_seconds of idleness.
  // Ends with CANCELLED when the client goes away, UNAVAILABLE at shutdown,
  // OUT_OF_RANGE when after_sequence is older than the retained log;
  // RESOURCE_EXHAUSTED when max_streams streams are already open.
  grpc::Status StreamChanges(grpc::ServerContext* context,
                             const v1::StreamChangesRequest* request,
                             grpc::ServerWriter<v1::Change>* writer) override;

  // Starts refusing work: streams end with UNAVAILABLE ("shutting down") at
  // once, new ingests get UNAVAILABLE, ingests in progress finish. Idempotent.
  void Shutdown();

  // Returns true once Shutdown() has been called.
  bool shutting_down() const { return shutting_down_.load(); }

  // Waits until no handler of this service is running or `deadline` passes;
  // returns true when none is. Call after Shutdown(), so that none starts anew.
  bool WaitForCallsToFinish(absl::Time deadline) ABSL_LOCKS_EXCLUDED(calls_mu_);

 private:
  // The body of IngestDocuments, on the call's own thread.
  grpc::Status IngestMany(MessageInbox* inbox,
                          MessageWriter<v1::IngestDocumentResponse>* writer);

  // Counts a handler as running for its lifetime.
  class ActiveCall {
   public:
    explicit ActiveCall(IngestServiceImpl* service);
    ~ActiveCall();
    ActiveCall(const ActiveCall&) = delete;
    ActiveCall& operator=(const ActiveCall&) = delete;

   private:
    IngestServiceImpl* const service_;
  };

  // Constant after construction.
  IngestStore* const store_;
  const IngestServiceOptions options_;
  const DocumentIngester ingester_;

  std::atomic<bool> shutting_down_{false};

  absl::Mutex calls_mu_;
  int active_calls_ ABSL_GUARDED_BY(calls_mu_) = 0;
  // The max_streams change streams (StreamChanges) served at once.
  StreamSlots streams_;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_INGEST_SERVICE_IMPL_H_
