#include "query-service/fact_queries.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "common/partial_date.h"
#include "common/status_macros.h"
#include "query-service/case_builder.h"
#include "query-service/consolidation/fact_fields.h"
#include "query-service/consolidation/membership_timeline.h"
#include "query-service/evidence_bound.h"
#include "query-service/fact_explainer.h"
#include "query-service/historical_facts.h"
#include "query-service/knowledge_time.h"
#include "query-service/page_token.h"
#include "query-service/request_validation.h"
#include "query-service/sort_keys.h"

namespace alliance::query {
namespace {

// Sorts `items` in the order of their sort keys (sort_keys.h), the one order
// every answer and its page tokens share.
template <typename T>
void SortByKey(std::vector<T>* items) {
  std::vector<std::pair<std::string, size_t>> keys;
  keys.reserve(items->size());
  for (size_t i = 0; i < items->size(); ++i) keys.emplace_back(SortKeyOf((*items)[i]), i);
  std::sort(keys.begin(), keys.end());
  std::vector<T> sorted;
  sorted.reserve(items->size());
  for (const auto& [key, i] : keys) sorted.push_back(std::move((*items)[i]));
  *items = std::move(sorted);
}

// Returns the token of the page after one that ended with `last`.
template <typename T>
std::string NextPageToken(const Page& page, const T& last) {
  PagePosition next;
  next.after_key = SortKeyOf(last);
  next.applied_sequence = page.applied_sequence;
  return EncodePageToken(next, page.query_fingerprint);
}

// Moves the page of `items` (sorted as SortKeyOf orders them) that follows the
// request's position into `out`; sets `next_page_token` when more follow.
template <typename T, typename Repeated>
void FillPage(const Page& page, std::vector<T> items, Repeated* out, std::string* next_page_token) {
  size_t begin = 0;
  if (!page.position.after_key.empty()) {
    begin = static_cast<size_t>(
        std::partition_point(items.begin(), items.end(),
                             [&page](const T& item) { return SortKeyOf(item) <= page.position.after_key; }) -
        items.begin());
  }
  const size_t end = std::min(begin + static_cast<size_t>(page.size), items.size());
  for (size_t i = begin; i < end; ++i) *out->Add() = std::move(items[i]);
  if (end < items.size()) *next_page_token = NextPageToken(page, *(out->end() - 1));
}

// Moves a page the store read in List order into `out`; sets
// `next_page_token` when more follow.
template <typename T, typename Repeated>
void FillStoredPage(const Page& page, FactStore::Page<T> stored, Repeated* out, std::string* next_page_token) {
  for (T& fact : stored.facts) *out->Add() = std::move(fact);
  if (stored.more && !out->empty()) *next_page_token = NextPageToken(page, *(out->end() - 1));
}

}  // namespace

FactQueries::FactQueries(FactStore* store, const ChangeFollower* follower, FactQueryOptions options)
    : store_(store), follower_(follower), options_(std::move(options)) {}

absl::StatusOr<std::string> FactQueries::ResolveOrganization(const std::string& organization) const {
  return query::ResolveOrganization(organization, options_.default_organization, options_.known_organizations,
                                    [this](const std::string& code) { return store_->HoldsOrganization(code); });
}

absl::StatusOr<FactQueries::KnownFacts> FactQueries::FactsKnownAt(uint64_t known_as_of_sequence,
                                                                  int64_t known_as_of_unix) const {
  RETURN_IF_ERROR(ValidateKnowledgeTime(known_as_of_sequence, known_as_of_unix));
  KnownFacts known;
  known.reader = store_;
  uint64_t sequence = known_as_of_sequence;
  if (known_as_of_unix > 0) {
    ASSIGN_OR_RETURN(sequence, SequenceKnownAt(*store_, known_as_of_unix));
  } else if (known_as_of_sequence == 0) {
    return known;
  }
  {
    absl::MutexLock lock(&past_mu_);
    if (past_ != nullptr && past_sequence_ == sequence) known.past = past_;
  }
  if (known.past == nullptr) {
    ASSIGN_OR_RETURN(std::unique_ptr<HistoricalFacts> rebuilt, HistoricalFacts::Rebuild(*store_, sequence));
    known.past = std::move(rebuilt);
    absl::MutexLock lock(&past_mu_);
    past_sequence_ = sequence;
    past_ = known.past;
  }
  known.reader = known.past.get();
  return known;
}

absl::Status FactQueries::GetMembershipHistory(const v1::GetMembershipHistoryRequest& request,
                                                      v1::GetMembershipHistoryResponse* response) const {
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(std::vector<v1::MembershipEvent> events,
                   known.reader->MembershipEvents({organization, request.country()}, [&](const v1::MembershipEvent& event) {
                     return OrganizationOf(event.organization(), default_organization) == organization &&
                            (request.country().empty() || event.country() == request.country());
                   }));
  SortByKey(&events);
  // Periods come from the events answered by default only (ComputePeriods
  // skips the others).
  for (v1::MembershipPeriod& period : ComputePeriods(events)) *response->add_periods() = std::move(period);
  for (v1::MembershipEvent& event : events) {
    if (request.include_unasserted() || AnsweredByDefault(event.factuality())) {
      *response->add_events() = std::move(event);
    }
  }
  for (v1::MembershipEvent& event : *response->mutable_events()) BoundEvidenceOf(options_.max_evidence_per_fact, &event);
  return absl::OkStatus();
}

absl::Status FactQueries::ListMembers(const v1::ListMembersRequest& request,
                                             v1::ListMembersResponse* response) const {
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListMembers", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  ASSIGN_OR_RETURN(const v1::PartialDate as_of, NormalizeRequestDate(request.as_of(), "as_of"));

  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));
  ASSIGN_OR_RETURN(const std::shared_ptr<const Timeline> timeline,
                   known.past != nullptr ? BuildTimeline(*known.reader, organization, 0) : TimelineOf(organization));
  std::vector<v1::Member> members;
  for (const CurrentPeriod& current : CurrentPeriods(timeline->periods, as_of, request.include_observers())) {
    const v1::MembershipPeriod* period = current.period;
    v1::Member& member = members.emplace_back(MemberOf(current));
    if (period->event_ids_size() == 0) continue;
    auto evidence = timeline->opening_evidence.find(period->event_ids(0));
    if (evidence != timeline->opening_evidence.end()) {
      *member.mutable_evidence() = evidence->second.quotes;
      member.set_evidence_total(evidence->second.total);
    }
  }
  SortByKey(&members);
  FillPage(page, std::move(members), response->mutable_members(), response->mutable_next_page_token());
  // The members' evidence was bounded with the timeline.
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const FactQueries::Timeline>> FactQueries::TimelineOf(
    const std::string& organization) const {
  const uint64_t before = store_->applied_sequence();
  {
    absl::MutexLock lock(&timelines_mu_);
    auto cached = timelines_.find(organization);
    if (cached != timelines_.end() && cached->second->applied_sequence == before) return cached->second;
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const Timeline> timeline, BuildTimeline(*store_, organization, before));
  // Cached only when no apply landed while it was read, so a cached timeline
  // is exactly the state at its sequence.
  if (store_->applied_sequence() == before) {
    absl::MutexLock lock(&timelines_mu_);
    timelines_[organization] = timeline;
  }
  return timeline;
}

absl::StatusOr<std::shared_ptr<const FactQueries::Timeline>> FactQueries::BuildTimeline(
    const FactReader& reader, const std::string& organization, uint64_t applied_sequence) const {
  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(const std::vector<v1::MembershipEvent> events,
                   reader.MembershipEvents({organization, ""}, [&](const v1::MembershipEvent& event) {
                     return OrganizationOf(event.organization(), default_organization) == organization &&
                            AnsweredByDefault(event.factuality());
                   }));
  auto timeline = std::make_shared<Timeline>();
  timeline->applied_sequence = applied_sequence;
  timeline->periods = ComputePeriods(events);
  // The evidence of the events that open periods (what ListMembers shows).
  std::set<std::string> opening;
  for (const v1::MembershipPeriod& period : timeline->periods) {
    if (period.event_ids_size() > 0) opening.insert(period.event_ids(0));
  }
  for (const v1::MembershipEvent& event : events) {
    if (opening.count(event.id()) == 0) continue;
    Timeline::Evidence& evidence = timeline->opening_evidence[event.id()];
    evidence.quotes = event.evidence();
    // The store's facts may be bounded already: their evidence_total counts.
    evidence.total = std::max(event.evidence_total(), BoundEvidence(options_.max_evidence_per_fact, &evidence.quotes));
  }
  return timeline;
}

absl::Status FactQueries::ListMembershipEvents(const v1::ListMembershipEventsRequest& request,
                                                      v1::ListMembershipEventsResponse* response) const {
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListMembershipEvents", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  RETURN_IF_ERROR(ValidateMembershipAction(request.action()));
  ASSIGN_OR_RETURN(const DateRange range, ResolveDateRange(request.from(), request.to()));
  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(FactReader::Page<v1::MembershipEvent> events,
                   known.reader->MembershipEventPage({organization, request.country()}, page.position.after_key,
                                               static_cast<size_t>(page.size), [&](const v1::MembershipEvent& event) {
                     return OrganizationOf(event.organization(), default_organization) == organization &&
                            (request.country().empty() || event.country() == request.country()) &&
                            (request.action() == v1::MEMBERSHIP_ACTION_UNSPECIFIED ||
                             event.action() == request.action()) &&
                            (request.include_unasserted() || AnsweredByDefault(event.factuality())) &&
                            range.Overlaps(event.date());
                   }));
  FillStoredPage(page, std::move(events), response->mutable_events(), response->mutable_next_page_token());
  for (v1::MembershipEvent& event : *response->mutable_events()) BoundEvidenceOf(options_.max_evidence_per_fact, &event);
  return absl::OkStatus();
}

absl::Status FactQueries::ListInterventions(const v1::ListInterventionsRequest& request,
                                                   v1::ListInterventionsResponse* response) const {
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListInterventions", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.host_country(), "host_country"));
  ASSIGN_OR_RETURN(const DateRange range, ResolveDateRange(request.from(), request.to()));
  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(FactReader::Page<v1::Intervention> interventions,
                   known.reader->InterventionPage({organization, request.host_country()}, page.position.after_key,
                                            static_cast<size_t>(page.size), [&](const v1::Intervention& intervention) {
                     return OrganizationOf(intervention.organization(), default_organization) == organization &&
                            (request.host_country().empty() || intervention.host_country() == request.host_country()) &&
                            (request.include_unasserted() || AnsweredByDefault(intervention.factuality())) &&
                            range.Overlaps(intervention.start());
                   }));
  FillStoredPage(page, std::move(interventions), response->mutable_interventions(),
                 response->mutable_next_page_token());
  for (v1::Intervention& fact : *response->mutable_interventions()) BoundEvidenceOf(options_.max_evidence_per_fact, &fact);
  return absl::OkStatus();
}

absl::Status FactQueries::ListAssistanceRequests(const v1::ListAssistanceRequestsRequest& request,
                                                        v1::ListAssistanceRequestsResponse* response) const {
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListAssistanceRequests", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.requester_country(), "requester_country"));
  RETURN_IF_ERROR(ValidateAssistanceOutcome(request.outcome()));
  ASSIGN_OR_RETURN(const DateRange range, ResolveDateRange(request.from(), request.to()));
  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(FactReader::Page<v1::AssistanceRequest> requests,
                   known.reader->AssistanceRequestPage({organization, request.requester_country()}, page.position.after_key,
                                                 static_cast<size_t>(page.size), [&](const v1::AssistanceRequest& fact) {
                     return OrganizationOf(fact.organization(), default_organization) == organization &&
                            (request.requester_country().empty() ||
                             fact.requester_country() == request.requester_country()) &&
                            (request.outcome() == v1::ASSISTANCE_OUTCOME_UNSPECIFIED ||
                             fact.outcome() == request.outcome()) &&
                            (request.include_unasserted() || AnsweredByDefault(fact.factuality())) &&
                            range.Overlaps(fact.date());
                   }));
  FillStoredPage(page, std::move(requests), response->mutable_requests(), response->mutable_next_page_token());
  for (v1::AssistanceRequest& fact : *response->mutable_requests()) BoundEvidenceOf(options_.max_evidence_per_fact, &fact);
  return absl::OkStatus();
}

absl::Status FactQueries::ListCases(const v1::ListCasesRequest& request, v1::ListCasesResponse* response) const {
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListCases", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  RETURN_IF_ERROR(ValidateCaseStatus(request.status()));
  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));

  const std::string& default_organization = options_.default_organization;
  const FactStore::Scope scope{organization, request.country()};
  auto answered = [&](const auto& fact) {
    return OrganizationOf(fact.organization(), default_organization) == organization &&
           AnsweredByDefault(fact.factuality());
  };
  // Requests and interventions are two reads: retried until no apply landed
  // between them, so a case never pairs facts of two states.
  constexpr int kAttempts = 5;
  std::vector<v1::Case> cases;
  for (int attempt = 0;; ++attempt) {
    const uint64_t before = store_->applied_sequence();
    ASSIGN_OR_RETURN(FactReader::Page<v1::AssistanceRequest> requests,
                     known.reader->AssistanceRequestPage(scope, "", SIZE_MAX, answered));
    ASSIGN_OR_RETURN(FactReader::Page<v1::Intervention> interventions,
                     known.reader->InterventionPage(scope, "", SIZE_MAX, answered));
    if (store_->applied_sequence() != before && attempt + 1 < kAttempts) continue;
    for (v1::AssistanceRequest& fact : requests.facts) BoundEvidenceOf(options_.max_evidence_per_fact, &fact);
    for (v1::Intervention& fact : interventions.facts) BoundEvidenceOf(options_.max_evidence_per_fact, &fact);
    cases = BuildCases(organization, requests.facts, interventions.facts);
    break;
  }
  if (request.status() != v1::CASE_STATUS_UNSPECIFIED) {
    cases.erase(std::remove_if(cases.begin(), cases.end(),
                               [&](const v1::Case& c) { return c.status() != request.status(); }),
                cases.end());
  }
  FillPage(page, std::move(cases), response->mutable_cases(), response->mutable_next_page_token());
  return absl::OkStatus();
}

absl::Status FactQueries::ListConflicts(const v1::ListConflictsRequest& request,
                                               v1::ListConflictsResponse* response) const {
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListConflicts", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  ASSIGN_OR_RETURN(const KnownFacts known, FactsKnownFor(request));

  const std::string& default_organization = options_.default_organization;
  // The store keeps conflicts in (subject_id, field) order already.
  ASSIGN_OR_RETURN(std::vector<v1::Conflict> conflicts, known.reader->Conflicts([&](const v1::Conflict& conflict) {
    return OrganizationOf(conflict.organization(), default_organization) == organization;
  }));
  FillPage(page, std::move(conflicts), response->mutable_conflicts(), response->mutable_next_page_token());
  for (v1::Conflict& conflict : *response->mutable_conflicts()) BoundEvidenceOf(options_.max_evidence_per_fact, &conflict);
  return absl::OkStatus();
}

absl::Status FactQueries::ListEvidence(const v1::ListEvidenceRequest& request,
                                              v1::ListEvidenceResponse* response) const {
  RETURN_IF_ERROR(RequireField(request.fact_id(), "fact_id"));
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListEvidence", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(std::vector<v1::Evidence> evidence, store_->FactEvidence(request.fact_id()));
  response->set_total(static_cast<int32_t>(evidence.size()));
  FillPage(page, std::move(evidence), response->mutable_evidence(), response->mutable_next_page_token());
  return absl::OkStatus();
}

absl::Status FactQueries::Explain(const v1::ExplainRequest& request, v1::ExplainResponse* response) const {
  RETURN_IF_ERROR(RequireField(request.fact_id(), "fact_id"));
  ASSIGN_OR_RETURN(const FactSources sources, store_->ReadFactSources(request.fact_id()));
  *response = ExplainFact(sources);
  return absl::OkStatus();
}

absl::Status FactQueries::GetStatus(const v1::GetStatusRequest&, v1::GetStatusResponse* response) const {
  const StoreProgress status = store_->Status();
  response->set_applied_sequence(status.applied);
  response->set_staged_sequence(status.staged);
  response->set_documents(status.documents);
  response->set_facts(status.facts);
  response->set_state_digest(status.digest.Hex());
  if (follower_ != nullptr) {
    const FollowerProgress progress = follower_->progress();
    response->set_caught_up(progress.caught_up);
    response->set_ingest_sequence(progress.ingest_sequence);
    response->set_connected(progress.connected);
  }
  return absl::OkStatus();
}

}  // namespace alliance::query
