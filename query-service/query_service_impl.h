// QueryServiceImpl: the alliance.v1.QueryService RPCs over a FactStore — the
// transport that ties the query service's units together.
//
// Requests are parsed from their bytes by the service itself, on gRPC's
// callback API (common/raw_request_adapter.h), so one whose string field is
// not UTF-8 is INVALID_ARGUMENT naming the field. Each call is authenticated
// once, before its bytes are read, counted while it is served, and refused
// with UNAVAILABLE once the service is shutting down. The unary methods are
// answered by FactQueries (fact_queries.h: validation, filtering, sorting,
// paging); Watch is validated (request_validation.h) and streamed by
// StreamWatch (watch_stream.h), within the max_streams limit. absl::Status is
// converted to grpc::Status only here.
#ifndef ALLIANCE_QUERY_QUERY_SERVICE_IMPL_H_
#define ALLIANCE_QUERY_QUERY_SERVICE_IMPL_H_

#include <atomic>
#include <memory>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "common/bearer_token.h"
#include "common/raw_request_adapter.h"
#include "common/stream_slots.h"
#include "query-service/change_follower.h"
#include "query-service/fact_queries.h"
#include "query-service/fact_store.h"
#include "query-service/watch_stream.h"

namespace alliance::query {

// Settings of a QueryServiceImpl.
struct QueryServiceOptions {
  // The organization of requests that leave it empty.
  std::string default_organization = "CSTO";
  // Organization codes a request may name (from the lexicon's organizations),
  // besides default_organization and any organization a stored record belongs
  // to. A code in none of them is INVALID_ARGUMENT, so a misspelt code is an
  // error rather than an empty answer. Empty: any well-formed code is accepted.
  // Watch accepts any well-formed code (facts about it may arrive later).
  std::set<std::string> known_organizations;
  // An idle Watch stream gets a progress notification this often.
  absl::Duration watch_progress_interval = absl::Seconds(5);
  // Largest Watch response (bytes of changes) before an entry is sent in
  // parts (WatchResponse.continued); one change larger than this goes alone.
  size_t watch_response_bytes = size_t{512} << 10;
  // How long a Watch stream waits for news before checking for cancellation.
  absl::Duration watch_poll_interval = absl::Milliseconds(200);
  // The bearer token every QueryService call must carry (none by default).
  BearerTokenAuthenticator authenticator;
  // Most Watch streams served at once; more get RESOURCE_EXHAUSTED.
  int max_streams = 64;
  // Evidence quotes an answer carries per fact (one per document first); the
  // fact's evidence_total counts them all and ListEvidence pages through them.
  // 0 carries all.
  int max_evidence_per_fact = 3;
};

// Every method is served from its request bytes (the generated
// WithRawCallbackMethod_* classes).
using RawQueryService = WithMethods<v1::QueryService::Service,
                                    v1::QueryService::WithRawCallbackMethod_GetMembershipHistory,
                                    v1::QueryService::WithRawCallbackMethod_ListMembers,
                                    v1::QueryService::WithRawCallbackMethod_ListMembershipEvents,
                                    v1::QueryService::WithRawCallbackMethod_ListInterventions,
                                    v1::QueryService::WithRawCallbackMethod_ListAssistanceRequests,
                                    v1::QueryService::WithRawCallbackMethod_ListConflicts,
                                    v1::QueryService::WithRawCallbackMethod_ListCases,
                                    v1::QueryService::WithRawCallbackMethod_ListEvidence,
                                    v1::QueryService::WithRawCallbackMethod_Explain,
                                    v1::QueryService::WithRawCallbackMethod_GetStatus,
                                    v1::QueryService::WithRawCallbackMethod_Watch>::type;

// The query service.
//
// Thread-safe: gRPC calls the handlers from many threads at once; the store and
// FactQueries (with its cache of membership timelines) are thread-safe, and
// the service keeps no other mutable state than the shutdown flag, the count
// of calls in flight and the open Watch streams (each under its own mutex).
class QueryServiceImpl final : public RawQueryService {
 public:
  // `store` is not owned, must not be null and must outlive the service.
  // `follower` is not owned and may be null (then GetStatus reports no feed).
  QueryServiceImpl(FactStore* store, const ChangeFollower* follower, QueryServiceOptions options);
  QueryServiceImpl(const QueryServiceImpl&) = delete;
  QueryServiceImpl& operator=(const QueryServiceImpl&) = delete;

  // Makes open Watch streams end with UNAVAILABLE (within one poll interval) and
  // new calls fail with UNAVAILABLE. Call before grpc::Server::Shutdown().
  void BeginShutdown();

  // Waits until no call is being served, or `timeout` passes; true when idle.
  // After BeginShutdown() calls end quickly (Watch streams within a poll
  // interval), so a stop can wait for them and then close the server at
  // once, instead of waiting for idle clients to acknowledge its goodbye.
  bool WaitUntilIdle(absl::Duration timeout) ABSL_LOCKS_EXCLUDED(calls_mu_);

  // The unary methods answer on gRPC's callback thread: they read the store
  // and never wait.
  grpc::ServerUnaryReactor* GetMembershipHistory(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                                 grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListMembershipEvents(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                                 grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListInterventions(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                              grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListAssistanceRequests(grpc::CallbackServerContext* context,
                                                   const grpc::ByteBuffer* request, grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListConflicts(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ListEvidence(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* Explain(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetStatus(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  // Watch waits for news, so each stream runs on a thread of its own.
  grpc::ServerWriteReactor<grpc::ByteBuffer>* Watch(grpc::CallbackServerContext* context,
                                                    const grpc::ByteBuffer* request) override;

 private:
  // Serves one unary call from its bytes with `method`: the access check, then
  // the request parsed (errors name the field), the shutdown check, then
  // `method` of queries_.
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                  grpc::ByteBuffer* response,
                                  absl::Status (FactQueries::*method)(const Request&, Response*) const);

  // Returns UNAVAILABLE once BeginShutdown() was called.
  absl::Status CheckServing() const;
  // Returns UNAUTHENTICATED unless the call carries the configured token.
  absl::Status CheckCaller(const grpc::ServerContextBase& context) const;
  // Serves one Watch stream until it ends; the request was parsed.
  absl::Status ServeWatch(const grpc::CallbackServerContext& context, const v1::WatchRequest& request,
                          MessageWriter<v1::WatchResponse>* writer) const;

  // Constant after construction
  FactStore* const store_;
  const QueryServiceOptions options_;
  const FactQueries queries_;
  const WatchStreamOptions watch_options_;

  std::atomic<bool> shutting_down_{false};

  // Calls being served (every method, Watch streams included).
  mutable absl::Mutex calls_mu_;
  int calls_in_flight_ ABSL_GUARDED_BY(calls_mu_) = 0;
  // Counts one call for its lifetime.
  class CallScope;

  // The max_streams Watch streams served at once.
  StreamSlots streams_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_QUERY_SERVICE_IMPL_H_
