// QueryServiceImpl: the alliance.v1.QueryService RPCs over a FactStore.
//
// Requests are parsed from their bytes by the service itself, so one whose
// string field is not UTF-8 is INVALID_ARGUMENT naming the field. Each handler
// validates its request (country codes, organization codes, dates,
// enum values, page sizes and tokens; errors are INVALID_ARGUMENT naming the
// field), reads consolidated facts from the store, filters, sorts and pages them,
// and converts absl::Status to grpc::Status only at the end. An empty
// organization means the configured default. Unless a request sets
// include_unasserted, answers hold only asserted facts.
//
// Watch replays the store's watch log after `after_sequence` and then follows
// new applied changes, sending a progress notification after the replay and
// whenever the stream has been idle for a while.
#ifndef ALLIANCE_QUERY_QUERY_SERVICE_IMPL_H_
#define ALLIANCE_QUERY_QUERY_SERVICE_IMPL_H_

#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "common/bearer_token.h"
#include "common/stream_slots.h"
#include "query-service/change_follower.h"
#include "query-service/fact_store.h"

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

// The query service.
//
// Thread-safe: gRPC calls the handlers from many threads at once; the store is
// thread-safe and the service keeps no other mutable state than the shutdown
// flag, the count of open Watch streams and the latest membership timeline
// per organization (each under its own mutex).
class QueryServiceImpl final : public v1::QueryService::Service {
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

  grpc::Status GetMembershipHistory(grpc::ServerContext* context, const v1::GetMembershipHistoryRequest* request,
                                    v1::GetMembershipHistoryResponse* response) override;
  grpc::Status ListMembers(grpc::ServerContext* context, const v1::ListMembersRequest* request,
                           v1::ListMembersResponse* response) override;
  grpc::Status ListMembershipEvents(grpc::ServerContext* context, const v1::ListMembershipEventsRequest* request,
                                    v1::ListMembershipEventsResponse* response) override;
  grpc::Status ListInterventions(grpc::ServerContext* context, const v1::ListInterventionsRequest* request,
                                 v1::ListInterventionsResponse* response) override;
  grpc::Status ListAssistanceRequests(grpc::ServerContext* context, const v1::ListAssistanceRequestsRequest* request,
                                      v1::ListAssistanceRequestsResponse* response) override;
  grpc::Status ListConflicts(grpc::ServerContext* context, const v1::ListConflictsRequest* request,
                             v1::ListConflictsResponse* response) override;
  grpc::Status ListEvidence(grpc::ServerContext* context, const v1::ListEvidenceRequest* request,
                            v1::ListEvidenceResponse* response) override;
  grpc::Status GetStatus(grpc::ServerContext* context, const v1::GetStatusRequest* request,
                         v1::GetStatusResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context, const v1::WatchRequest* request,
                     grpc::ServerWriter<v1::WatchResponse>* writer) override;

 private:
  // The handlers' work, in absl::Status terms.
  absl::Status DoGetMembershipHistory(const v1::GetMembershipHistoryRequest& request,
                                      v1::GetMembershipHistoryResponse* response) const;
  absl::Status DoListMembers(const v1::ListMembersRequest& request, v1::ListMembersResponse* response) const;
  absl::Status DoListMembershipEvents(const v1::ListMembershipEventsRequest& request,
                                      v1::ListMembershipEventsResponse* response) const;
  absl::Status DoListInterventions(const v1::ListInterventionsRequest& request,
                                   v1::ListInterventionsResponse* response) const;
  absl::Status DoListAssistanceRequests(const v1::ListAssistanceRequestsRequest& request,
                                        v1::ListAssistanceRequestsResponse* response) const;
  absl::Status DoListConflicts(const v1::ListConflictsRequest& request, v1::ListConflictsResponse* response) const;
  absl::Status DoListEvidence(const v1::ListEvidenceRequest& request, v1::ListEvidenceResponse* response) const;
  absl::Status DoGetStatus(v1::GetStatusResponse* response) const;
  absl::Status DoWatch(grpc::ServerContext* context, const v1::WatchRequest& request,
                       grpc::internal::WriterInterface<v1::WatchResponse>* writer) const;
  // Watch after the request is parsed: access check, stream slot, DoWatch.
  grpc::Status ServeWatch(grpc::ServerContext* context, const v1::WatchRequest& request,
                          grpc::internal::WriterInterface<v1::WatchResponse>* writer);

  // Serves every method from the raw request bytes (see common/request_parsing.h),
  // so a request gRPC cannot parse — a string field that is not UTF-8 — gets
  // INVALID_ARGUMENT naming the field instead of gRPC's INTERNAL. Clients see
  // the same unary and server-streaming RPCs as the proto declares.
  void ServeFromRequestBytes();
  template <typename Request, typename Response>
  void ServeUnaryFromBytes(int method_index,
                           grpc::Status (QueryServiceImpl::*method)(grpc::ServerContext*, const Request*, Response*));

  // Returns UNAVAILABLE once BeginShutdown() was called.
  absl::Status CheckServing() const;
  // Returns UNAUTHENTICATED unless the call carries the configured token.
  absl::Status CheckCaller(const grpc::ServerContext& context) const;
  // An organization's membership periods at one applied sequence, with the
  // evidence of the events that open them: what ListMembers answers from.
  struct Timeline {
    uint64_t applied_sequence = 0;
    std::vector<v1::MembershipPeriod> periods;
    // By event id: the strongest max_evidence_per_fact quotes (BoundEvidence)
    // and how many there are, bounded once here rather than on every call.
    struct Evidence {
      google::protobuf::RepeatedPtrField<v1::Evidence> quotes;
      int32_t total = 0;
    };
    std::map<std::string, Evidence> opening_evidence;
  };
  // Returns the timeline of `organization` at the store's applied sequence,
  // computed once per sequence and kept until the next apply.
  absl::StatusOr<std::shared_ptr<const Timeline>> TimelineOf(const std::string& organization) const
      ABSL_LOCKS_EXCLUDED(timelines_mu_);

  // Returns `organization`, or the default when it is empty; INVALID_ARGUMENT
  // naming "organization" when it is not an organization code.
  absl::StatusOr<std::string> ResolveOrganization(const std::string& organization) const;

  // Constant after construction
  FactStore* const store_;
  const ChangeFollower* const follower_;
  const QueryServiceOptions options_;

  std::atomic<bool> shutting_down_{false};

  // Calls being served (every method, Watch streams included).
  mutable absl::Mutex calls_mu_;
  int calls_in_flight_ ABSL_GUARDED_BY(calls_mu_) = 0;
  // Counts one call for its lifetime.
  class CallScope;

  // The max_streams Watch streams served at once.
  StreamSlots streams_;

  // The latest timeline computed per organization (see TimelineOf).
  mutable absl::Mutex timelines_mu_;
  mutable std::map<std::string, std::shared_ptr<const Timeline>> timelines_ ABSL_GUARDED_BY(timelines_mu_);
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_QUERY_SERVICE_IMPL_H_
