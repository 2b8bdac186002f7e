// FactQueries: the answers of the query service's unary methods, read from a
// FactStore.
//
// Each method validates its request (request_validation.h), reads consolidated
// facts from the store, filters, sorts and pages them, bounds their evidence
// and fills the response, in absl::Status terms. An empty organization means
// the configured default. Unless a request sets include_unasserted, answers
// hold only asserted facts. Transport (bytes, authentication, shutdown,
// grpc::Status) is QueryServiceImpl's.
//
// Ownership: the store and the follower are borrowed; FactQueries owns only
// its cache of membership timelines (one per organization, the latest).
//
// Thread-safety: thread-safe. Every method is const and may be called from
// many threads at once; the timeline cache has its own mutex.
#ifndef ALLIANCE_QUERY_FACT_QUERIES_H_
#define ALLIANCE_QUERY_FACT_QUERIES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "alliance/v1/query_service.pb.h"
#include "query-service/change_follower.h"
#include "query-service/fact_reader.h"
#include "query-service/fact_store.h"
#include "query-service/historical_facts.h"

namespace alliance::query {

// Settings of FactQueries (see the fields of the same names in
// QueryServiceOptions).
struct FactQueryOptions {
  std::string default_organization;
  std::set<std::string> known_organizations;
  int max_evidence_per_fact = 3;
};

class FactQueries {
 public:
  // `store` is not owned, must not be null and must outlive this.
  // `follower` is not owned and may be null (then GetStatus reports no feed).
  FactQueries(FactStore* store, const ChangeFollower* follower, FactQueryOptions options);
  FactQueries(const FactQueries&) = delete;
  FactQueries& operator=(const FactQueries&) = delete;

  // Each fills `response` (not null) with the answer to `request`.
  absl::Status GetMembershipHistory(const v1::GetMembershipHistoryRequest& request,
                                    v1::GetMembershipHistoryResponse* response) const;
  absl::Status ListMembers(const v1::ListMembersRequest& request, v1::ListMembersResponse* response) const
      ABSL_LOCKS_EXCLUDED(timelines_mu_);
  absl::Status ListMembershipEvents(const v1::ListMembershipEventsRequest& request,
                                    v1::ListMembershipEventsResponse* response) const;
  absl::Status ListInterventions(const v1::ListInterventionsRequest& request,
                                 v1::ListInterventionsResponse* response) const;
  absl::Status ListAssistanceRequests(const v1::ListAssistanceRequestsRequest& request,
                                      v1::ListAssistanceRequestsResponse* response) const;
  absl::Status ListConflicts(const v1::ListConflictsRequest& request, v1::ListConflictsResponse* response) const;
  // Cases are built on each call from the requests and interventions of one
  // snapshot (case_builder.h); a country narrows the read to its facts.
  absl::Status ListCases(const v1::ListCasesRequest& request, v1::ListCasesResponse* response) const;
  absl::Status ListEvidence(const v1::ListEvidenceRequest& request, v1::ListEvidenceResponse* response) const;
  absl::Status Explain(const v1::ExplainRequest& request, v1::ExplainResponse* response) const;
  absl::Status GetStatus(const v1::GetStatusRequest& request, v1::GetStatusResponse* response) const;

 private:
  // The facts an answer reads: the store's, or, for a request with
  // known_as_of_sequence or known_as_of_unix, the state rebuilt from the
  // watch log (owned here).
  struct KnownFacts {
    std::shared_ptr<const HistoricalFacts> past;
    const FactReader* reader = nullptr;
  };
  // Returns the facts known at a request's knowledge time: after sequence
  // `known_as_of_sequence`, or at `known_as_of_unix` (resolved to a sequence,
  // knowledge_time.h; one before the first batch is the empty state), or now
  // when both are 0. Validates the pair (ValidateKnowledgeTime). The last
  // state rebuilt is kept: the watch log up to an applied sequence never
  // changes, so the pages of one question rebuild it once.
  absl::StatusOr<KnownFacts> FactsKnownAt(uint64_t known_as_of_sequence, int64_t known_as_of_unix) const
      ABSL_LOCKS_EXCLUDED(past_mu_);
  // Returns FactsKnownAt the knowledge time fields of `request`.
  template <typename Request>
  absl::StatusOr<KnownFacts> FactsKnownFor(const Request& request) const ABSL_LOCKS_EXCLUDED(past_mu_) {
    return FactsKnownAt(request.known_as_of_sequence(), request.known_as_of_unix());
  }

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
  // Computes the timeline of `organization` from `reader` (uncached), marked
  // with `applied_sequence`.
  absl::StatusOr<std::shared_ptr<const Timeline>> BuildTimeline(const FactReader& reader,
                                                                const std::string& organization,
                                                                uint64_t applied_sequence) const;

  // Returns `organization`, or the default when it is empty (see
  // ResolveOrganization in request_validation.h).
  absl::StatusOr<std::string> ResolveOrganization(const std::string& organization) const;

  // Constant after construction
  FactStore* const store_;
  const ChangeFollower* const follower_;
  const FactQueryOptions options_;

  // The last state FactsKnownAt rebuilt, and its sequence (0: the empty state).
  mutable absl::Mutex past_mu_;
  mutable uint64_t past_sequence_ ABSL_GUARDED_BY(past_mu_) = 0;
  mutable std::shared_ptr<const HistoricalFacts> past_ ABSL_GUARDED_BY(past_mu_);

  // The latest timeline computed per organization (see TimelineOf).
  mutable absl::Mutex timelines_mu_;
  mutable std::map<std::string, std::shared_ptr<const Timeline>> timelines_ ABSL_GUARDED_BY(timelines_mu_);
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_QUERIES_H_
