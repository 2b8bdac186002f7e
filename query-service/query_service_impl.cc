#include "query-service/query_service_impl.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/country_codes.h"
#include "common/grpc_status.h"
#include "common/partial_date.h"
#include "common/request_parsing.h"
#include "common/status_macros.h"
#include "grpcpp/support/byte_buffer.h"
#include "query-service/consolidation/fact_fields.h"
#include "query-service/consolidation/membership_timeline.h"
#include "query-service/evidence_bound.h"
#include "query-service/page_token.h"
#include "query-service/sort_keys.h"

namespace alliance::query {
namespace {

constexpr char kMembershipKind[] = "membership_event";
constexpr char kInterventionKind[] = "intervention";
constexpr char kRequestKind[] = "assistance_request";
constexpr char kConflictKind[] = "conflict";
// Watch-log entries read per batch while replaying.
constexpr size_t kWatchBatch = 64;
// Most stored bytes of watch-log entries a Watch stream reads at once: entries
// of a catch-up batch are MiBs each, and every stream replaying the log would
// otherwise hold 64 of them.
constexpr size_t kWatchReadBytes = size_t{1} << 20;

// Returns INVALID_ARGUMENT naming `field` unless `code` is empty or a known
// ISO 3166-1 alpha-3 code.
absl::Status ValidateCountry(const std::string& code, absl::string_view field) {
  if (code.empty() || IsKnownCountryCode(code)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": unknown ISO 3166-1 alpha-3 code \"", absl::CHexEscape(code), "\""));
}

// Returns true for ^[A-Z][A-Z0-9]{1,15}$.
bool IsOrganizationCode(absl::string_view code) {
  if (code.size() < 2 || code.size() > 16 || code[0] < 'A' || code[0] > 'Z') return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

absl::Status ValidateOrganization(const std::string& organization) {
  if (organization.empty() || IsOrganizationCode(organization)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("organization: \"", absl::CHexEscape(organization),
                                                 "\" is not an organization code (2-16 upper-case letters "
                                                 "or digits starting with a letter, e.g. \"CSTO\")"));
}

// An inclusive date range filter; an unset bound is open.
struct DateRange {
  v1::PartialDate from;
  v1::PartialDate to;

  bool unbounded() const { return IsUnset(from) && IsUnset(to); }

  // True when the interval of days `date` covers overlaps the range. Undated
  // facts match only an unbounded range.
  bool Overlaps(const v1::PartialDate& date) const {
    if (unbounded()) return true;
    if (IsUnset(date)) return false;
    if (!IsUnset(from) && LastDayKey(date) < FirstDayKey(from)) return false;
    if (!IsUnset(to) && FirstDayKey(date) > LastDayKey(to)) return false;
    return true;
  }
};

absl::StatusOr<DateRange> ResolveRange(const v1::PartialDate& from, const v1::PartialDate& to) {
  DateRange range;
  ASSIGN_OR_RETURN(range.from, NormalizeRequestDate(from, "from"));
  ASSIGN_OR_RETURN(range.to, NormalizeRequestDate(to, "to"));
  if (!IsUnset(range.from) && !IsUnset(range.to) && FirstDayKey(range.from) > LastDayKey(range.to)) {
    return absl::InvalidArgumentError(
        absl::StrCat("to: ", FormatDate(range.to), " is before from (", FormatDate(range.from), ")"));
  }
  return range;
}

// The organization a stored fact belongs to.
absl::string_view OrganizationOf(const std::string& own, absl::string_view default_organization) {
  return own.empty() ? default_organization : absl::string_view(own);
}

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

// Holds the paging parameters of one List request after validation.
struct Page {
  int size = kDefaultPageSize;
  PagePosition position;
  uint64_t query_fingerprint = 0;
  // The store's applied sequence when the request came in (the next token's).
  uint64_t applied_sequence = 0;
};

// Validates a List request's paging. A token cut at a later applied sequence
// than this replica has reached comes from a replica further along: its walk
// cannot continue consistently here, FAILED_PRECONDITION.
template <typename Request>
absl::StatusOr<Page> ResolvePage(absl::string_view method, const Request& request, uint64_t applied_sequence) {
  Page page;
  ASSIGN_OR_RETURN(page.size, ResolvePageSize(request.page_size()));
  page.query_fingerprint = QueryFingerprint(method, request);
  ASSIGN_OR_RETURN(page.position, DecodePageToken(request.page_token(), page.query_fingerprint));
  page.applied_sequence = applied_sequence;
  if (page.position.applied_sequence > applied_sequence) {
    return absl::FailedPreconditionError(
        absl::StrCat("page_token: cut at applied sequence ", page.position.applied_sequence,
                     " but this replica has applied only ", applied_sequence,
                     "; retry when it has caught up, or start the walk again"));
  }
  return page;
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

// Returns the Watch kind name of a fact change.
absl::string_view KindOf(const v1::RecordChange& change) {
  switch (change.fact_case()) {
    case v1::RecordChange::kMembershipEvent: return kMembershipKind;
    case v1::RecordChange::kIntervention: return kInterventionKind;
    case v1::RecordChange::kAssistanceRequest: return kRequestKind;
    case v1::RecordChange::kConflict: return kConflictKind;
    default: return "";
  }
}

// The filters of one Watch call.
struct WatchFilter {
  std::string organization;  // empty: any
  std::string country;       // empty: any
  std::set<std::string> kinds;  // empty: all
  std::string default_organization;

  bool Matches(const v1::RecordChange& change) const {
    if (!kinds.empty() && kinds.count(std::string(KindOf(change))) == 0) return false;
    if (!organization.empty() && OrganizationOf(change) != organization) return false;
    return country.empty() || InvolvesCountry(change);
  }

  absl::string_view OrganizationOf(const v1::RecordChange& change) const {
    switch (change.fact_case()) {
      case v1::RecordChange::kMembershipEvent:
        return query::OrganizationOf(change.membership_event().organization(), default_organization);
      case v1::RecordChange::kIntervention:
        return query::OrganizationOf(change.intervention().organization(), default_organization);
      case v1::RecordChange::kAssistanceRequest:
        return query::OrganizationOf(change.assistance_request().organization(), default_organization);
      case v1::RecordChange::kConflict:
        return query::OrganizationOf(change.conflict().organization(), default_organization);
      default:
        return "";
    }
  }

  bool InvolvesCountry(const v1::RecordChange& change) const {
    switch (change.fact_case()) {
      case v1::RecordChange::kMembershipEvent:
        return change.membership_event().country() == country;
      case v1::RecordChange::kIntervention: {
        const v1::Intervention& intervention = change.intervention();
        if (intervention.host_country() == country || intervention.requested_by() == country) return true;
        for (const std::string& contributor : intervention.contributing_countries()) {
          if (contributor == country) return true;
        }
        for (const v1::TroopContribution& troops : intervention.troops()) {
          if (troops.country() == country) return true;
        }
        return false;
      }
      case v1::RecordChange::kAssistanceRequest:
        return change.assistance_request().requester_country() == country;
      case v1::RecordChange::kConflict: {
        // Subject ids are paths such as "request/<ORG>/<COUNTRY>/<YEAR>".
        for (absl::string_view part : absl::StrSplit(change.conflict().subject_id(), '/')) {
          if (part == country) return true;
        }
        return false;
      }
      default:
        return false;
    }
  }
};

}  // namespace

QueryServiceImpl::QueryServiceImpl(FactStore* store, const ChangeFollower* follower, QueryServiceOptions options)
    : store_(store), follower_(follower), options_(std::move(options)), streams_(options_.max_streams) {}

class QueryServiceImpl::CallScope {
 public:
  explicit CallScope(QueryServiceImpl* service) : service_(service) {
    absl::MutexLock lock(&service_->calls_mu_);
    ++service_->calls_in_flight_;
  }
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;
  ~CallScope() {
    absl::MutexLock lock(&service_->calls_mu_);
    --service_->calls_in_flight_;
  }

 private:
  QueryServiceImpl* const service_;
};

bool QueryServiceImpl::WaitUntilIdle(absl::Duration timeout) {
  absl::MutexLock lock(&calls_mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(calls_mu_) { return calls_in_flight_ == 0; };
  return calls_mu_.AwaitWithTimeout(absl::Condition(&idle), timeout);
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* QueryServiceImpl::Serve(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                                  grpc::ByteBuffer* response,
                                                  absl::Status (QueryServiceImpl::*method)(const Request&, Response*)
                                                      const) {
  const CallScope call(this);  // the handler runs on this thread, within this scope
  if (absl::Status auth = CheckCaller(*context); !auth.ok()) return FinishUnary(context, ToGrpcStatus(auth));
  return ServeUnary<Request, Response>(context, request, response, HandlerThread::kCallbackThread,
                                       [this, method](const Request& parsed, Response* answer) {
                                         return ToGrpcStatus((this->*method)(parsed, answer));
                                       });
}

void QueryServiceImpl::BeginShutdown() { shutting_down_.store(true); }

absl::Status QueryServiceImpl::CheckServing() const {
  if (shutting_down_.load()) return absl::UnavailableError("the query service is shutting down");
  return absl::OkStatus();
}

absl::Status QueryServiceImpl::CheckCaller(const grpc::ServerContextBase& context) const {
  return options_.authenticator.Check(context);
}

absl::StatusOr<std::string> QueryServiceImpl::ResolveOrganization(const std::string& organization) const {
  RETURN_IF_ERROR(ValidateOrganization(organization));
  if (organization.empty() || organization == options_.default_organization ||
      options_.known_organizations.empty() || options_.known_organizations.count(organization) > 0) {
    return organization.empty() ? options_.default_organization : organization;
  }
  ASSIGN_OR_RETURN(const bool held, store_->HoldsOrganization(organization));
  if (held) return organization;
  return absl::InvalidArgumentError(absl::StrCat("organization: unknown organization code \"", organization,
                                                 "\" (known: ", absl::StrJoin(options_.known_organizations, ", "),
                                                 ")"));
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetMembershipHistory(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoGetMembershipHistory);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListMembers(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoListMembers);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListMembershipEvents(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoListMembershipEvents);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListInterventions(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoListInterventions);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListAssistanceRequests(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoListAssistanceRequests);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListConflicts(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoListConflicts);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListEvidence(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoListEvidence);
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetStatus(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) {
  return Serve(context, request, response, &QueryServiceImpl::DoGetStatus);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* QueryServiceImpl::Watch(grpc::CallbackServerContext* context,
                                                                     const grpc::ByteBuffer* request) {
  if (absl::Status auth = CheckCaller(*context); !auth.ok()) return new RefusedReactor<grpc::ServerWriteReactor<grpc::ByteBuffer>>(ToGrpcStatus(auth));
  StreamSlots::Slot slot = streams_.TryAcquire();
  if (!slot.acquired()) {
    return new RefusedReactor<grpc::ServerWriteReactor<grpc::ByteBuffer>>(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("max_streams: ", options_.max_streams, " Watch streams are already open; retry later")));
  }
  auto call = std::make_shared<CallScope>(this);
  auto held = std::make_shared<StreamSlots::Slot>(std::move(slot));
  return new BlockingWriteReactor<v1::WatchRequest, v1::WatchResponse>(
      request, [this, context, call = std::move(call), held = std::move(held)](
                   const v1::WatchRequest& parsed, MessageWriter<v1::WatchResponse>* writer) {
        return ToGrpcStatus(DoWatch(*context, parsed, writer));
      });
}

absl::Status QueryServiceImpl::DoGetMembershipHistory(const v1::GetMembershipHistoryRequest& request,
                                                      v1::GetMembershipHistoryResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(std::vector<v1::MembershipEvent> events,
                   store_->MembershipEvents({organization, request.country()}, [&](const v1::MembershipEvent& event) {
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

absl::Status QueryServiceImpl::DoListMembers(const v1::ListMembersRequest& request,
                                             v1::ListMembersResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListMembers", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  ASSIGN_OR_RETURN(const v1::PartialDate as_of, NormalizeRequestDate(request.as_of(), "as_of"));

  ASSIGN_OR_RETURN(const std::shared_ptr<const Timeline> timeline, TimelineOf(organization));
  std::vector<v1::Member> members;
  for (const v1::MembershipPeriod* period : CurrentPeriods(timeline->periods, as_of, request.include_observers())) {
    v1::Member& member = members.emplace_back(MemberOf(*period));
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

absl::StatusOr<std::shared_ptr<const QueryServiceImpl::Timeline>> QueryServiceImpl::TimelineOf(
    const std::string& organization) const {
  const uint64_t before = store_->applied_sequence();
  {
    absl::MutexLock lock(&timelines_mu_);
    auto cached = timelines_.find(organization);
    if (cached != timelines_.end() && cached->second->applied_sequence == before) return cached->second;
  }
  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(const std::vector<v1::MembershipEvent> events,
                   store_->MembershipEvents({organization, ""}, [&](const v1::MembershipEvent& event) {
                     return OrganizationOf(event.organization(), default_organization) == organization &&
                            AnsweredByDefault(event.factuality());
                   }));
  auto timeline = std::make_shared<Timeline>();
  timeline->applied_sequence = before;
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
  // Cached only when no apply landed while it was read, so a cached timeline
  // is exactly the state at its sequence.
  if (store_->applied_sequence() == before) {
    absl::MutexLock lock(&timelines_mu_);
    timelines_[organization] = timeline;
  }
  return timeline;
}

absl::Status QueryServiceImpl::DoListMembershipEvents(const v1::ListMembershipEventsRequest& request,
                                                      v1::ListMembershipEventsResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListMembershipEvents", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  if (!v1::MembershipAction_IsValid(request.action())) {
    return absl::InvalidArgumentError(absl::StrCat("action: unknown MembershipAction value ", request.action()));
  }
  ASSIGN_OR_RETURN(const DateRange range, ResolveRange(request.from(), request.to()));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(FactStore::Page<v1::MembershipEvent> events,
                   store_->MembershipEventPage({organization, request.country()}, page.position.after_key,
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

absl::Status QueryServiceImpl::DoListInterventions(const v1::ListInterventionsRequest& request,
                                                   v1::ListInterventionsResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListInterventions", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.host_country(), "host_country"));
  ASSIGN_OR_RETURN(const DateRange range, ResolveRange(request.from(), request.to()));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(FactStore::Page<v1::Intervention> interventions,
                   store_->InterventionPage({organization, request.host_country()}, page.position.after_key,
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

absl::Status QueryServiceImpl::DoListAssistanceRequests(const v1::ListAssistanceRequestsRequest& request,
                                                        v1::ListAssistanceRequestsResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListAssistanceRequests", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.requester_country(), "requester_country"));
  if (!v1::AssistanceOutcome_IsValid(request.outcome())) {
    return absl::InvalidArgumentError(absl::StrCat("outcome: unknown AssistanceOutcome value ", request.outcome()));
  }
  ASSIGN_OR_RETURN(const DateRange range, ResolveRange(request.from(), request.to()));

  const std::string& default_organization = options_.default_organization;
  ASSIGN_OR_RETURN(FactStore::Page<v1::AssistanceRequest> requests,
                   store_->AssistanceRequestPage({organization, request.requester_country()}, page.position.after_key,
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

absl::Status QueryServiceImpl::DoListConflicts(const v1::ListConflictsRequest& request,
                                               v1::ListConflictsResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListConflicts", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(const std::string organization, ResolveOrganization(request.organization()));

  const std::string& default_organization = options_.default_organization;
  // The store keeps conflicts in (subject_id, field) order already.
  ASSIGN_OR_RETURN(std::vector<v1::Conflict> conflicts, store_->Conflicts([&](const v1::Conflict& conflict) {
    return OrganizationOf(conflict.organization(), default_organization) == organization;
  }));
  FillPage(page, std::move(conflicts), response->mutable_conflicts(), response->mutable_next_page_token());
  for (v1::Conflict& conflict : *response->mutable_conflicts()) BoundEvidenceOf(options_.max_evidence_per_fact, &conflict);
  return absl::OkStatus();
}

absl::Status QueryServiceImpl::DoListEvidence(const v1::ListEvidenceRequest& request,
                                              v1::ListEvidenceResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
  if (request.fact_id().empty()) return absl::InvalidArgumentError("fact_id: required");
  ASSIGN_OR_RETURN(const Page page, ResolvePage("ListEvidence", request, store_->applied_sequence()));
  ASSIGN_OR_RETURN(std::vector<v1::Evidence> evidence, store_->FactEvidence(request.fact_id()));
  response->set_total(static_cast<int32_t>(evidence.size()));
  FillPage(page, std::move(evidence), response->mutable_evidence(), response->mutable_next_page_token());
  return absl::OkStatus();
}

absl::Status QueryServiceImpl::DoGetStatus(const v1::GetStatusRequest&, v1::GetStatusResponse* response) const {
  RETURN_IF_ERROR(CheckServing());
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

absl::Status QueryServiceImpl::DoWatch(const grpc::CallbackServerContext& context, const v1::WatchRequest& request,
                                       MessageWriter<v1::WatchResponse>* writer) const {
  RETURN_IF_ERROR(CheckServing());
  RETURN_IF_ERROR(ValidateOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  WatchFilter filter;
  filter.organization = request.organization();
  filter.country = request.country();
  filter.default_organization = options_.default_organization;
  for (const std::string& kind : request.kinds()) {
    if (kind != kMembershipKind && kind != kInterventionKind && kind != kRequestKind && kind != kConflictKind) {
      return absl::InvalidArgumentError(absl::StrCat(
          "kinds: unknown kind \"", absl::CHexEscape(kind),
          "\" (expected membership_event, intervention, assistance_request or conflict)"));
    }
    filter.kinds.insert(kind);
  }

  uint64_t cursor = request.after_sequence();
  bool synced = false;  // the progress notification after the replay was sent
  absl::Time last_sent = absl::Now();
  while (true) {
    if (context.IsCancelled()) return absl::CancelledError("the client cancelled the watch");
    RETURN_IF_ERROR(CheckServing());
    const uint64_t applied = store_->applied_sequence();
    if (cursor < applied) {
      const uint64_t start = store_->watch_log_start();
      if (cursor + 1 < start) {
        return absl::OutOfRangeError(absl::StrCat("after_sequence: ", cursor,
                                                  " is older than the retained watch history, which starts at ",
                                                  start, "; re-read the state and watch from ", applied));
      }
      ASSIGN_OR_RETURN(const std::vector<v1::WatchResponse> entries,
                       store_->ReadWatchLog(cursor, applied, kWatchBatch, kWatchReadBytes));
      for (const v1::WatchResponse& entry : entries) {
        // Parts of a large entry carry the sequence before it (see
        // WatchResponse.continued); the last part carries its own.
        const uint64_t before_entry = cursor;
        cursor = entry.sequence();
        v1::WatchResponse out;
        size_t out_bytes = 0;
        for (const v1::RecordChange& change : entry.changes()) {
          if (!filter.Matches(change)) continue;
          const size_t bytes = change.ByteSizeLong();
          if (out.changes_size() > 0 && out_bytes + bytes > options_.watch_response_bytes) {
            out.set_sequence(before_entry);
            out.set_continued(true);
            if (!writer->Write(out)) return absl::CancelledError("the client went away");
            out.Clear();
            out_bytes = 0;
          }
          *out.add_changes() = change;
          out_bytes += bytes;
        }
        if (out.changes_size() == 0) continue;
        out.set_sequence(entry.sequence());
        if (!writer->Write(out)) return absl::CancelledError("the client went away");
        last_sent = absl::Now();
      }
      if (entries.empty()) cursor = applied;  // nothing retained in between
      continue;
    }
    if (!synced || absl::Now() - last_sent >= options_.watch_progress_interval) {
      v1::WatchResponse progress;
      progress.set_progress_notify(true);
      progress.set_sequence(applied);
      if (!writer->Write(progress)) return absl::CancelledError("the client went away");
      synced = true;
      last_sent = absl::Now();
    }
    store_->WaitForAppliedAbove(std::max(cursor, applied), options_.watch_poll_interval);
  }
}

}  // namespace alliance::query
