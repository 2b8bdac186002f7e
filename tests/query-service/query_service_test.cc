// QueryServiceImpl in process, over a FactStore filled with hand-made changes:
// every RPC, filters, pagination, validation errors and Watch.
#include "query-service/query_service_impl.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "query-service/page_token.h"
#include "tests/query-service/loopback_query_server.h"
#include "tests/query-service/test_changes.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::Date;
using ::alliance::query::testing::DocumentId;
using ::alliance::query::testing::MakeChange;
using ::alliance::query::testing::Membership;
using ::alliance::query::testing::SampleLog;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Countries(const v1::ListMembersResponse& response) {
  std::vector<std::string> out;
  for (const v1::Member& member : response.members()) out.push_back(member.country());
  return out;
}

class QueryServiceTest : public testing::LoopbackQueryServiceTest {
 protected:
  QueryServiceTest() : LoopbackQueryServiceTest("query_service_test") {}

  void SetUp() override { StartWith(FactStoreOptions()); }

  // Starts the service with progress notifications every 300 ms.
  void StartWith(FactStoreOptions store_options, QueryServiceOptions options = {}) {
    options.watch_progress_interval = absl::Milliseconds(300);
    StartService(store_options, options);
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  v1::ListMembersResponse Members(const std::string& as_of, bool include_observers = false) {
    v1::ListMembersRequest request;
    if (!as_of.empty()) request.mutable_as_of()->set_as_written(as_of);
    request.set_include_observers(include_observers);
    v1::ListMembersResponse response;
    grpc::Status status = stub_->ListMembers(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
};

TEST_F(QueryServiceTest, EveryRpcAnswers) {
  {
    v1::GetMembershipHistoryResponse response;
    EXPECT_TRUE(stub_->GetMembershipHistory(Context().get(), {}, &response).ok());
    EXPECT_FALSE(response.events().empty());
  }
  EXPECT_FALSE(Members("").members().empty());
  {
    v1::ListMembershipEventsResponse response;
    EXPECT_TRUE(stub_->ListMembershipEvents(Context().get(), {}, &response).ok());
    EXPECT_FALSE(response.events().empty());
  }
  {
    v1::ListInterventionsResponse response;
    EXPECT_TRUE(stub_->ListInterventions(Context().get(), {}, &response).ok());
    EXPECT_EQ(response.interventions_size(), 2);
  }
  {
    v1::ListAssistanceRequestsResponse response;
    EXPECT_TRUE(stub_->ListAssistanceRequests(Context().get(), {}, &response).ok());
    EXPECT_EQ(response.requests_size(), 3);
  }
  {
    v1::ListConflictsResponse response;
    EXPECT_TRUE(stub_->ListConflicts(Context().get(), {}, &response).ok());
  }
  {
    v1::ListEvidenceRequest request;
    request.set_fact_id("membership/CSTO/UZB/WITHDREW/1999");
    v1::ListEvidenceResponse response;
    EXPECT_TRUE(stub_->ListEvidence(Context().get(), request, &response).ok());
    EXPECT_EQ(response.total(), response.evidence_size());
    EXPECT_GE(response.total(), 1);
  }
  {
    v1::GetStatusResponse response;
    EXPECT_TRUE(stub_->GetStatus(Context().get(), {}, &response).ok());
    EXPECT_EQ(response.applied_sequence(), SampleLog().size());
    EXPECT_EQ(response.documents(), static_cast<int64_t>(SampleLog().size()));
    // The count of facts agrees with what the List methods return, all
    // factualities included: counted apart from the counter it is read from.
    v1::ListMembershipEventsRequest events_request;
    events_request.set_include_unasserted(true);
    events_request.set_page_size(1000);
    v1::ListMembershipEventsResponse events;
    ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), events_request, &events).ok());
    v1::ListInterventionsRequest interventions_request;
    interventions_request.set_include_unasserted(true);
    interventions_request.set_page_size(1000);
    v1::ListInterventionsResponse interventions;
    ASSERT_TRUE(stub_->ListInterventions(Context().get(), interventions_request, &interventions).ok());
    v1::ListAssistanceRequestsRequest requests_request;
    requests_request.set_include_unasserted(true);
    requests_request.set_page_size(1000);
    v1::ListAssistanceRequestsResponse requests;
    ASSERT_TRUE(stub_->ListAssistanceRequests(Context().get(), requests_request, &requests).ok());
    ASSERT_TRUE(events.next_page_token().empty() && interventions.next_page_token().empty() &&
                requests.next_page_token().empty());
    EXPECT_GT(events.events_size(), 0);
    EXPECT_EQ(response.facts(), events.events_size() + interventions.interventions_size() + requests.requests_size());
    EXPECT_EQ(response.state_digest().size(), 64u);
    EXPECT_FALSE(response.connected());
  }
}

TEST_F(QueryServiceTest, StatusShowsStagedChangesAheadOfTheAppliedOnes) {
  const uint64_t applied = SampleLog().size();
  auto status = [this] {
    v1::GetStatusResponse response;
    EXPECT_TRUE(stub_->GetStatus(Context().get(), {}, &response).ok());
    return response;
  };
  EXPECT_EQ(status().staged_sequence(), applied);
  const v1::Change next = MakeChange(applied + 1, 301, {Membership(DocumentId(301), "AZE",
                                                                   v1::MEMBERSHIP_ACTION_JOINED, "1993")});
  ASSERT_TRUE(store_->Stage(absl::MakeConstSpan(&next, 1)).ok());

  EXPECT_EQ(status().applied_sequence(), applied);
  EXPECT_EQ(status().staged_sequence(), applied + 1);
  ASSERT_TRUE(store_->ApplyBatch({}).ok());
  EXPECT_EQ(status().applied_sequence(), applied + 1);
  EXPECT_EQ(status().staged_sequence(), applied + 1);
}

TEST_F(QueryServiceTest, MembershipHistoryIsChronologicalWithPeriods) {
  v1::GetMembershipHistoryRequest request;
  request.set_country("UZB");
  v1::GetMembershipHistoryResponse response;
  ASSERT_TRUE(stub_->GetMembershipHistory(Context().get(), request, &response).ok());

  std::vector<v1::MembershipAction> actions;
  for (const v1::MembershipEvent& event : response.events()) actions.push_back(event.action());
  EXPECT_THAT(actions, ElementsAre(v1::MEMBERSHIP_ACTION_SIGNED, v1::MEMBERSHIP_ACTION_WITHDREW,
                                   v1::MEMBERSHIP_ACTION_REJOINED, v1::MEMBERSHIP_ACTION_WITHDREW));
  ASSERT_EQ(response.periods_size(), 2);
  EXPECT_EQ(response.periods(0).status(), v1::MEMBERSHIP_STATUS_MEMBER);
  EXPECT_EQ(response.periods(0).from().year(), 1992);
  EXPECT_EQ(response.periods(0).to().year(), 1999);
  EXPECT_EQ(response.periods(1).from().year(), 2006);
  EXPECT_EQ(response.periods(1).to().year(), 2012);
  EXPECT_EQ(response.events(3).sources(), 2) << "the 2012 withdrawal is told by two documents";
}

TEST_F(QueryServiceTest, ListsMembersAsOfADate) {
  EXPECT_THAT(Countries(Members("2005-01-01")), ElementsAre("ARM", "KAZ", "RUS"));
  EXPECT_THAT(Countries(Members("2008")), ElementsAre("ARM", "KAZ", "RUS", "UZB"));
  EXPECT_THAT(Countries(Members("")), ElementsAre("ARM", "KAZ", "RUS"));
  const v1::ListMembersResponse with_observers = Members("", true);
  EXPECT_THAT(Countries(with_observers), ElementsAre("ARM", "KAZ", "RUS", "SRB"));
  EXPECT_EQ(with_observers.members(3).status(), v1::MEMBERSHIP_STATUS_OBSERVER);
  const v1::ListMembersResponse members = Members("2005-01-01");
  EXPECT_EQ(members.members(0).since().year(), 1992);
  EXPECT_FALSE(members.members(0).evidence().empty()) << "members carry the evidence of their opening event";
}

TEST_F(QueryServiceTest, UnassertedFactsOnlyOnRequest) {
  v1::ListMembershipEventsRequest request;
  request.set_country("UKR");
  v1::ListMembershipEventsResponse asserted;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &asserted).ok());
  EXPECT_EQ(asserted.events_size(), 0);

  request.set_include_unasserted(true);
  v1::ListMembershipEventsResponse all;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &all).ok());
  ASSERT_EQ(all.events_size(), 1);
  EXPECT_EQ(all.events(0).factuality(), v1::FACTUALITY_HYPOTHETICAL);
}

TEST_F(QueryServiceTest, AttributedFactsAreAnsweredByDefaultMarkedAndWeaker) {
  // "Azerbaijan joined in 1993, Baku said"; "Armenia asked for help, the
  // ministry said"; "troops arrived in Tajikistan, TASS reported".
  uint64_t next = store_->applied_sequence() + 1;
  v1::Record joined = Membership(DocumentId(102), "AZE", v1::MEMBERSHIP_ACTION_JOINED, "1993", v1::FACTUALITY_REPORTED);
  joined.mutable_membership_event()->set_reported_by("Baku");
  v1::Record asked = testing::Request(DocumentId(102), "TJK", v1::ASSISTANCE_OUTCOME_PENDING, "2021-07",
                                      v1::FACTUALITY_REPORTED);
  asked.mutable_assistance_request()->set_reported_by("the ministry");
  v1::Record sent = testing::Intervention(DocumentId(102), "TJK", "2021-07", 0, v1::FACTUALITY_REPORTED);
  sent.mutable_intervention()->set_reported_by("TASS");
  ASSERT_TRUE(store_->Apply(MakeChange(next++, 102, {joined, asked, sent})).ok());
  // A second article reports UZB's 1999 exit, which document 2 asserts.
  v1::Record left = Membership(DocumentId(103), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW, "1999", v1::FACTUALITY_REPORTED);
  left.mutable_membership_event()->set_reported_by("Tashkent");
  ASSERT_TRUE(store_->Apply(MakeChange(next++, 103, {left})).ok());

  v1::ListMembershipEventsRequest events_request;
  events_request.set_country("AZE");
  v1::ListMembershipEventsResponse events;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), events_request, &events).ok());
  ASSERT_EQ(events.events_size(), 1) << "a reported event is a default answer";
  EXPECT_EQ(events.events(0).factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(events.events(0).reported_by(), "Baku");
  EXPECT_EQ(events.events(0).reported_sources(), 1);
  EXPECT_LT(events.events(0).confidence(), 0.5) << "one reporting source is weaker than one asserting source";

  events_request.set_country("UZB");
  events_request.set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), events_request, &events).ok());
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(0).date().year(), 1999);
  EXPECT_EQ(events.events(0).factuality(), v1::FACTUALITY_ASSERTED) << "asserted and reported combine to asserted";
  EXPECT_EQ(events.events(0).reported_by(), "");
  EXPECT_EQ(events.events(0).sources(), 2);
  EXPECT_EQ(events.events(0).reported_sources(), 1);
  EXPECT_GT(events.events(0).confidence(), 0.5);
  EXPECT_LT(events.events(0).confidence(), 0.75);

  v1::GetMembershipHistoryRequest history_request;
  history_request.set_country("AZE");
  v1::GetMembershipHistoryResponse history;
  ASSERT_TRUE(stub_->GetMembershipHistory(Context().get(), history_request, &history).ok());
  ASSERT_EQ(history.events_size(), 1);
  ASSERT_EQ(history.periods_size(), 1) << "reported events shape periods";
  EXPECT_EQ(history.periods(0).factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(history.periods(0).reported_by(), "Baku");

  const v1::ListMembersResponse members = Members("1995-01-01");
  EXPECT_THAT(Countries(members), ElementsAre("ARM", "AZE", "KAZ", "RUS", "UZB"));
  EXPECT_EQ(members.members(1).factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(members.members(1).reported_by(), "Baku");
  EXPECT_FALSE(members.members(1).evidence().empty());
  EXPECT_EQ(members.members(0).factuality(), v1::FACTUALITY_ASSERTED);

  v1::ListAssistanceRequestsRequest requests_request;
  requests_request.set_requester_country("TJK");
  v1::ListAssistanceRequestsResponse requests;
  ASSERT_TRUE(stub_->ListAssistanceRequests(Context().get(), requests_request, &requests).ok());
  ASSERT_EQ(requests.requests_size(), 1);
  EXPECT_EQ(requests.requests(0).factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(requests.requests(0).reported_by(), "the ministry");

  v1::ListInterventionsRequest interventions_request;
  interventions_request.set_host_country("TJK");
  v1::ListInterventionsResponse interventions;
  ASSERT_TRUE(stub_->ListInterventions(Context().get(), interventions_request, &interventions).ok());
  ASSERT_EQ(interventions.interventions_size(), 2);
  EXPECT_EQ(interventions.interventions(1).factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(interventions.interventions(1).reported_by(), "TASS");
}

TEST_F(QueryServiceTest, AnUndatedObserverIsListedFromItsArticlesPublicationOnly) {
  // "Afghanistan, an observer" in an article of 2013-05-20.
  v1::Change change = MakeChange(store_->applied_sequence() + 1, 104,
                                 {Membership(DocumentId(104), "AFG", v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED, "")});
  *change.mutable_document()->mutable_published() = Date("2013-05-20");
  ASSERT_TRUE(store_->Apply(change).ok());

  EXPECT_THAT(Countries(Members("2000-01-01", true)), ElementsAre("ARM", "KAZ", "RUS"));
  EXPECT_THAT(Countries(Members("2013-05-19", true)), ElementsAre("ARM", "KAZ", "RUS", "SRB"));
  const v1::ListMembersResponse later = Members("2013-05-20", true);
  ASSERT_THAT(Countries(later), ElementsAre("AFG", "ARM", "KAZ", "RUS", "SRB"));
  EXPECT_EQ(later.members(0).status(), v1::MEMBERSHIP_STATUS_OBSERVER);
  EXPECT_EQ(later.members(0).since().year(), 0);
  EXPECT_EQ(later.members(0).since_at_latest().year(), 2013);
  EXPECT_EQ(later.members(0).since_at_latest().day(), 20);
  EXPECT_FALSE(later.members(0).evidence().empty());
  EXPECT_THAT(Countries(Members("", true)), ElementsAre("AFG", "ARM", "KAZ", "RUS", "SRB"));

  v1::GetMembershipHistoryRequest request;
  request.set_country("AFG");
  v1::GetMembershipHistoryResponse history;
  ASSERT_TRUE(stub_->GetMembershipHistory(Context().get(), request, &history).ok());
  ASSERT_EQ(history.periods_size(), 1);
  EXPECT_EQ(history.periods(0).from().year(), 0);
  EXPECT_EQ(history.periods(0).from_at_latest().year(), 2013);
}

TEST_F(QueryServiceTest, FiltersByCountryActionOutcomeAndDateRange) {
  {
    v1::ListMembershipEventsRequest request;
    request.set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
    v1::ListMembershipEventsResponse response;
    ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &response).ok());
    ASSERT_EQ(response.events_size(), 2);
    EXPECT_EQ(response.events(0).date().year(), 1999);
  }
  {
    v1::ListAssistanceRequestsRequest request;
    request.set_outcome(v1::ASSISTANCE_OUTCOME_DENIED);
    v1::ListAssistanceRequestsResponse response;
    ASSERT_TRUE(stub_->ListAssistanceRequests(Context().get(), request, &response).ok());
    ASSERT_EQ(response.requests_size(), 2);
    EXPECT_EQ(response.requests(0).requester_country(), "KGZ");  // 2010 before 2022
    EXPECT_EQ(response.requests(1).requester_country(), "ARM");

    request.mutable_from()->set_as_written("2015");
    response.Clear();
    ASSERT_TRUE(stub_->ListAssistanceRequests(Context().get(), request, &response).ok());
    ASSERT_EQ(response.requests_size(), 1);
    EXPECT_EQ(response.requests(0).requester_country(), "ARM");
  }
  {
    v1::ListInterventionsRequest request;
    *request.mutable_from() = Date("2000");
    *request.mutable_to() = Date("2005-06");
    v1::ListInterventionsResponse response;
    ASSERT_TRUE(stub_->ListInterventions(Context().get(), request, &response).ok());
    ASSERT_EQ(response.interventions_size(), 1);
    EXPECT_EQ(response.interventions(0).host_country(), "TJK");

    request.Clear();
    request.set_host_country("KAZ");
    response.Clear();
    ASSERT_TRUE(stub_->ListInterventions(Context().get(), request, &response).ok());
    ASSERT_EQ(response.interventions_size(), 1);
    EXPECT_EQ(response.interventions(0).troops(0).count(), 2500);
  }
  {
    // A partial date overlaps a range that covers part of it.
    v1::ListMembershipEventsRequest request;
    *request.mutable_from() = Date("1999-12-01");
    *request.mutable_to() = Date("2000-06-01");
    v1::ListMembershipEventsResponse response;
    ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &response).ok());
    ASSERT_EQ(response.events_size(), 1);
    EXPECT_EQ(response.events(0).country(), "UZB");
  }
  {
    v1::ListMembershipEventsRequest request;
    request.set_organization("SCO");
    v1::ListMembershipEventsResponse response;
    ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &response).ok());
    EXPECT_EQ(response.events_size(), 0);
  }
}

TEST_F(QueryServiceTest, DisagreeingSourcesAreListedAsConflicts) {
  const uint64_t next = store_->applied_sequence() + 1;
  ASSERT_TRUE(store_->Apply(MakeChange(next, 101, {testing::Request(DocumentId(101), "ARM",
                                                                    v1::ASSISTANCE_OUTCOME_GRANTED, "2022-09")}))
                  .ok());

  v1::ListConflictsResponse response;
  ASSERT_TRUE(stub_->ListConflicts(Context().get(), v1::ListConflictsRequest(), &response).ok());
  ASSERT_EQ(response.conflicts_size(), 1);
  EXPECT_EQ(response.conflicts(0).field(), "outcome");
  EXPECT_EQ(response.conflicts(0).claims_size(), 2);
  v1::ListAssistanceRequestsRequest requests_request;
  requests_request.set_requester_country("ARM");
  v1::ListAssistanceRequestsResponse requests;
  ASSERT_TRUE(stub_->ListAssistanceRequests(Context().get(), requests_request, &requests).ok());
  ASSERT_EQ(requests.requests_size(), 1);
  EXPECT_TRUE(requests.requests(0).disputed());
  EXPECT_EQ(requests.requests(0).id(), response.conflicts(0).subject_id());

  v1::ListConflictsRequest other_organization;
  other_organization.set_organization("EAEU");
  v1::ListConflictsResponse none;
  ASSERT_TRUE(stub_->ListConflicts(Context().get(), other_organization, &none).ok());
  EXPECT_EQ(none.conflicts_size(), 0);

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::WatchRequest watch;
  watch.set_after_sequence(next - 1);
  watch.add_kinds("conflict");
  watch.set_country("ARM");
  auto reader = stub_->Watch(&context, watch);
  v1::WatchResponse change;
  ASSERT_TRUE(reader->Read(&change));
  EXPECT_FALSE(change.progress_notify());
  EXPECT_EQ(change.sequence(), next);
  ASSERT_EQ(change.changes_size(), 1);
  EXPECT_EQ(change.changes(0).kind(), v1::CHANGE_KIND_ADDED);
  EXPECT_EQ(change.changes(0).conflict().field(), "outcome");
  context.TryCancel();
  reader->Finish();
}

TEST_F(QueryServiceTest, PaginationWalksAllPagesExactlyOnce) {
  v1::ListMembershipEventsRequest all_request;
  all_request.set_include_unasserted(true);
  v1::ListMembershipEventsResponse all;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), all_request, &all).ok());
  ASSERT_GT(all.events_size(), 4);
  EXPECT_TRUE(all.next_page_token().empty());

  std::vector<std::string> walked;
  v1::ListMembershipEventsRequest request = all_request;
  request.set_page_size(2);
  int pages = 0;
  do {
    v1::ListMembershipEventsResponse page;
    ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &page).ok());
    EXPECT_LE(page.events_size(), 2);
    for (const v1::MembershipEvent& event : page.events()) walked.push_back(event.id());
    request.set_page_token(page.next_page_token());
    ASSERT_LT(++pages, 100);
  } while (!request.page_token().empty());

  std::vector<std::string> expected;
  for (const v1::MembershipEvent& event : all.events()) expected.push_back(event.id());
  EXPECT_EQ(walked, expected);
  EXPECT_EQ(std::set<std::string>(walked.begin(), walked.end()).size(), walked.size());
  EXPECT_EQ(pages, (all.events_size() + 1) / 2);
}

TEST_F(QueryServiceTest, MembersFollowEachApply) {
  // ListMembers answers from a timeline kept per applied sequence: an apply
  // must show at once, and asking twice in between must answer the same.
  const std::vector<std::string> before = Countries(Members(""));
  EXPECT_EQ(Countries(Members("")), before);
  ASSERT_EQ(std::count(before.begin(), before.end(), "SRB"), 0);
  ASSERT_TRUE(store_
                  ->Apply(MakeChange(SampleLog().size() + 1, 300,
                                     {Membership(DocumentId(300), "SRB", v1::MEMBERSHIP_ACTION_JOINED, "2020")}))
                  .ok());
  const std::vector<std::string> after = Countries(Members(""));
  EXPECT_EQ(std::count(after.begin(), after.end(), "SRB"), 1);
  EXPECT_EQ(after.size(), before.size() + 1);
}

TEST_F(QueryServiceTest, APageWalkThatSpansAnApplyNeitherRepeatsNorSkips) {
  v1::ListMembershipEventsRequest request;
  request.set_include_unasserted(true);
  v1::ListMembershipEventsResponse before;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &before).ok());
  std::set<std::string> originals;
  for (const v1::MembershipEvent& event : before.events()) originals.insert(event.id());

  request.set_page_size(2);
  v1::ListMembershipEventsResponse first;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  // Between pages, events appear before the walk's position (an offset would
  // then repeat what the first page returned).
  uint64_t sequence = SampleLog().size();
  ASSERT_TRUE(store_
                  ->Apply(MakeChange(++sequence, 200,
                                     {Membership(DocumentId(200), "AZE", v1::MEMBERSHIP_ACTION_SIGNED, "1990"),
                                      Membership(DocumentId(200), "GEO", v1::MEMBERSHIP_ACTION_SIGNED, "1991")}))
                  .ok());
  std::vector<std::string> walked;
  for (const v1::MembershipEvent& event : first.events()) walked.push_back(event.id());
  request.set_page_token(first.next_page_token());
  for (int pages = 0; !request.page_token().empty(); ++pages) {
    ASSERT_LT(pages, 100);
    v1::ListMembershipEventsResponse page;
    ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &page).ok());
    for (const v1::MembershipEvent& event : page.events()) walked.push_back(event.id());
    request.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(std::set<std::string>(walked.begin(), walked.end()).size(), walked.size()) << "an event came twice";
  for (const std::string& id : originals) {
    EXPECT_NE(std::find(walked.begin(), walked.end(), id), walked.end()) << id << " was skipped";
  }
}

TEST_F(QueryServiceTest, ATokenFromAReplicaFurtherAlongIsFailedPrecondition) {
  v1::ListMembershipEventsRequest request;
  request.set_page_size(2);
  PagePosition ahead;
  ahead.after_key = "x";
  ahead.applied_sequence = SampleLog().size() + 10;
  request.set_page_token(EncodePageToken(ahead, QueryFingerprint("ListMembershipEvents", request)));
  v1::ListMembershipEventsResponse response;
  grpc::Status status = stub_->ListMembershipEvents(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
}

TEST_F(QueryServiceTest, AnswersCarryAFewQuotesPerFactAndListEvidencePagesThroughAll) {
  // Six more documents tell that Russia signed in 1992, each in two sentences.
  uint64_t sequence = SampleLog().size();
  for (int document = 100; document < 106; ++document) {
    ASSERT_TRUE(store_
                    ->Apply(MakeChange(++sequence, document,
                                       {Membership(DocumentId(document), "RUS", v1::MEMBERSHIP_ACTION_SIGNED,
                                                   "1992-05-15", v1::FACTUALITY_ASSERTED, "CSTO", 0),
                                        Membership(DocumentId(document), "RUS", v1::MEMBERSHIP_ACTION_SIGNED,
                                                   "1992-05-15", v1::FACTUALITY_ASSERTED, "CSTO", 1)}))
                    .ok());
  }
  v1::ListMembershipEventsRequest request;
  request.set_country("RUS");
  request.set_action(v1::MEMBERSHIP_ACTION_SIGNED);
  v1::ListMembershipEventsResponse response;
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &response).ok());
  ASSERT_EQ(response.events_size(), 1);
  const v1::MembershipEvent& signed_1992 = response.events(0);
  EXPECT_EQ(signed_1992.evidence_size(), 3);  // the default bound
  EXPECT_GE(signed_1992.evidence_total(), 13);
  std::set<std::string> documents;
  for (const v1::Evidence& e : signed_1992.evidence()) documents.insert(e.document_id());
  EXPECT_EQ(documents.size(), 3u) << "one quote per document first";

  // Every quote, once, a page at a time.
  std::set<std::pair<std::string, int>> seen;
  v1::ListEvidenceRequest page;
  page.set_fact_id(signed_1992.id());
  page.set_page_size(4);
  int pages = 0;
  do {
    v1::ListEvidenceResponse evidence;
    ASSERT_TRUE(stub_->ListEvidence(Context().get(), page, &evidence).ok());
    EXPECT_EQ(evidence.total(), signed_1992.evidence_total());
    for (const v1::Evidence& e : evidence.evidence()) {
      EXPECT_TRUE(seen.emplace(e.document_id(), e.sentence_index()).second) << "quoted twice";
    }
    page.set_page_token(evidence.next_page_token());
    ++pages;
  } while (!page.page_token().empty() && pages < 20);
  EXPECT_EQ(static_cast<int>(seen.size()), signed_1992.evidence_total());
  EXPECT_EQ(pages, (signed_1992.evidence_total() + 3) / 4);

  // A member carries the opening event's strongest quotes and their count.
  const v1::ListMembersResponse members = Members("1993-01-01");
  const v1::Member* russia = nullptr;
  for (const v1::Member& member : members.members()) {
    if (member.country() == "RUS") russia = &member;
  }
  ASSERT_NE(russia, nullptr) << members.DebugString();
  EXPECT_EQ(russia->evidence_size(), 3);
  EXPECT_EQ(russia->evidence_total(), signed_1992.evidence_total());

  // Bad input names its field; an unknown fact is NOT_FOUND.
  v1::ListEvidenceResponse unused;
  grpc::Status empty = stub_->ListEvidence(Context().get(), v1::ListEvidenceRequest(), &unused);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(empty.error_message(), HasSubstr("fact_id"));
  v1::ListEvidenceRequest unknown;
  unknown.set_fact_id("membership/CSTO/XXX/SIGNED/1992");
  grpc::Status missing = stub_->ListEvidence(Context().get(), unknown, &unused);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(missing.error_message(), HasSubstr("fact_id"));
}

TEST_F(QueryServiceTest, UnknownCountryIsInvalidArgumentNamingTheField) {
  v1::GetMembershipHistoryRequest request;
  request.set_country("XYZ");
  v1::GetMembershipHistoryResponse response;
  grpc::Status status = stub_->GetMembershipHistory(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "country: unknown ISO 3166-1 alpha-3 code \"XYZ\"");

  v1::ListInterventionsRequest interventions;
  interventions.set_host_country("uzb");
  v1::ListInterventionsResponse ignored;
  status = stub_->ListInterventions(Context().get(), interventions, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("host_country"));
}

TEST_F(QueryServiceTest, MonthThirteenIsInvalidArgumentNamingTheField) {
  v1::ListMembersRequest members;
  members.mutable_as_of()->set_year(2005);
  members.mutable_as_of()->set_month(13);
  v1::ListMembersResponse members_response;
  grpc::Status status = stub_->ListMembers(Context().get(), members, &members_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("as_of"));

  v1::ListAssistanceRequestsRequest requests;
  requests.mutable_to()->set_as_written("2005-13-01");
  v1::ListAssistanceRequestsResponse requests_response;
  status = stub_->ListAssistanceRequests(Context().get(), requests, &requests_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("to"));
}

TEST_F(QueryServiceTest, OtherBadInputIsInvalidArgumentNamingTheField) {
  struct Case {
    std::function<grpc::Status()> call;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[&] {
         v1::ListMembershipEventsRequest request;
         request.set_organization("csto");
         v1::ListMembershipEventsResponse response;
         return stub_->ListMembershipEvents(Context().get(), request, &response);
       },
       "organization"},
      {[&] {
         v1::ListMembershipEventsRequest request;
         request.set_action(static_cast<v1::MembershipAction>(99));
         v1::ListMembershipEventsResponse response;
         return stub_->ListMembershipEvents(Context().get(), request, &response);
       },
       "action"},
      {[&] {
         v1::ListAssistanceRequestsRequest request;
         request.set_outcome(static_cast<v1::AssistanceOutcome>(-3));
         v1::ListAssistanceRequestsResponse response;
         return stub_->ListAssistanceRequests(Context().get(), request, &response);
       },
       "outcome"},
      {[&] {
         v1::ListConflictsRequest request;
         request.set_page_size(-1);
         v1::ListConflictsResponse response;
         return stub_->ListConflicts(Context().get(), request, &response);
       },
       "page_size"},
      {[&] {
         v1::ListInterventionsRequest request;
         *request.mutable_from() = Date("2010");
         *request.mutable_to() = Date("2005");
         v1::ListInterventionsResponse response;
         return stub_->ListInterventions(Context().get(), request, &response);
       },
       "to"},
      {[&] {
         v1::ListCasesRequest request;
         request.set_known_as_of_sequence(3);
         request.set_known_as_of_unix(1900000000);
         v1::ListCasesResponse response;
         return stub_->ListCases(Context().get(), request, &response);
       },
       "known_as_of_sequence, known_as_of_unix"},
      {[&] {
         v1::GetMembershipHistoryRequest request;
         request.set_known_as_of_unix(-1);
         v1::GetMembershipHistoryResponse response;
         return stub_->GetMembershipHistory(Context().get(), request, &response);
       },
       "known_as_of_unix"},
  };
  for (const Case& c : cases) {
    grpc::Status status = c.call();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_TRUE(absl::StartsWith(status.error_message(), c.field + ":")) << status.error_message();
  }
}

TEST_F(QueryServiceTest, ForgedOrForeignPageTokenIsInvalidArgument) {
  v1::ListMembershipEventsRequest request;
  request.set_page_token("forged-token");
  v1::ListMembershipEventsResponse response;
  grpc::Status status = stub_->ListMembershipEvents(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));

  request.Clear();
  request.set_page_size(1);
  ASSERT_TRUE(stub_->ListMembershipEvents(Context().get(), request, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());
  request.set_country("UZB");  // another query
  request.set_page_token(response.next_page_token());
  v1::ListMembershipEventsResponse other;
  status = stub_->ListMembershipEvents(Context().get(), request, &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
}

TEST_F(QueryServiceTest, WatchReplaysHistoryThenSignalsProgressThenFollowsLive) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::WatchRequest request;
  request.set_country("UZB");
  auto reader = stub_->Watch(&context, request);

  std::vector<v1::WatchResponse> replay;
  v1::WatchResponse response;
  while (reader->Read(&response) && !response.progress_notify()) replay.push_back(response);
  ASSERT_TRUE(response.progress_notify()) << "the replay ends with a progress notification";
  EXPECT_EQ(response.sequence(), SampleLog().size());
  ASSERT_FALSE(replay.empty());
  EXPECT_EQ(replay.front().sequence(), 1u);
  EXPECT_EQ(replay.front().changes(0).kind(), v1::CHANGE_KIND_ADDED);
  for (const v1::WatchResponse& entry : replay) {
    for (const v1::RecordChange& change : entry.changes()) {
      EXPECT_EQ(change.membership_event().country(), "UZB");
    }
  }

  const uint64_t next = store_->applied_sequence() + 1;
  ASSERT_TRUE(store_->Apply(MakeChange(next, 100, {Membership(DocumentId(100), "UZB", v1::MEMBERSHIP_ACTION_SUSPENDED,
                                                              "2011")}))
                  .ok());
  do {
    ASSERT_TRUE(reader->Read(&response));
  } while (response.progress_notify());
  EXPECT_EQ(response.sequence(), next);
  ASSERT_EQ(response.changes_size(), 1);
  EXPECT_EQ(response.changes(0).membership_event().action(), v1::MEMBERSHIP_ACTION_SUSPENDED);
  context.TryCancel();
  reader->Finish();
}

TEST_F(QueryServiceTest, WatchAfterTheAppliedSequenceWaitsAndSendsProgress) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::WatchRequest request;
  request.set_after_sequence(1000);
  request.add_kinds("membership_event");
  auto reader = stub_->Watch(&context, request);
  v1::WatchResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_TRUE(response.progress_notify());
  EXPECT_EQ(response.sequence(), SampleLog().size());
  ASSERT_TRUE(reader->Read(&response)) << "idle streams get periodic progress notifications";
  EXPECT_TRUE(response.progress_notify());
  context.TryCancel();
  reader->Finish();
}

TEST_F(QueryServiceTest, WatchRejectsUnknownKinds) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::WatchRequest request;
  request.add_kinds("treaty");
  auto reader = stub_->Watch(&context, request);
  v1::WatchResponse response;
  EXPECT_FALSE(reader->Read(&response));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("kinds"));
}

TEST_F(QueryServiceTest, WatchEndsWithUnavailableOnShutdown) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auto reader = stub_->Watch(&context, v1::WatchRequest());
  v1::WatchResponse response;
  do {
    ASSERT_TRUE(reader->Read(&response));
  } while (!response.progress_notify());

  service_->BeginShutdown();

  while (reader->Read(&response)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

class QueryServiceSmallWatchResponsesTest : public QueryServiceTest {
 protected:
  void SetUp() override {
    QueryServiceOptions options;
    options.watch_response_bytes = 1;  // every change a response of its own
    StartWith(FactStoreOptions(), options);
  }
};

TEST_F(QueryServiceSmallWatchResponsesTest, ALargeEntryComesInPartsThatResumeBeforeIt) {
  // One batch of three documents about three countries: one entry, three facts.
  const uint64_t before = store_->applied_sequence();
  ASSERT_TRUE(store_->ApplyBatch(testing::ThreeCountryBatch(before, 200)).ok());

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::WatchRequest request;
  request.set_after_sequence(before);
  auto reader = stub_->Watch(&context, request);
  std::vector<v1::WatchResponse> parts;
  v1::WatchResponse response;
  while (reader->Read(&response) && !response.progress_notify()) parts.push_back(response);
  context.TryCancel();
  reader->Finish();

  ASSERT_EQ(parts.size(), 3u);
  std::set<std::string> seen;
  for (size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    EXPECT_EQ(parts[i].continued(), !last) << i;
    EXPECT_EQ(parts[i].sequence(), last ? before + 3 : before) << i;
    ASSERT_EQ(parts[i].changes_size(), 1) << i;
    seen.insert(parts[i].changes(0).membership_event().country());
  }
  EXPECT_EQ(seen, (std::set<std::string>{"AFG", "MNG", "SRB"}));
}

class QueryServiceKnownOrganizationsTest : public QueryServiceTest {
 protected:
  void SetUp() override {
    QueryServiceOptions options;
    options.known_organizations = {"CSTO", "SCO"};
    StartWith(FactStoreOptions(), options);
  }
};

TEST_F(QueryServiceKnownOrganizationsTest, AnOrganizationCodeNobodyKnowsIsInvalidArgument) {
  v1::ListMembersRequest misspelt;
  misspelt.set_organization("CTSO");
  v1::ListMembersResponse members;
  const grpc::Status status = stub_->ListMembers(Context().get(), misspelt, &members);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("organization: unknown organization code \"CTSO\""));
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("CSTO, SCO"));

  v1::GetMembershipHistoryRequest history;
  history.set_organization("NATO");
  v1::GetMembershipHistoryResponse events;
  EXPECT_EQ(stub_->GetMembershipHistory(Context().get(), history, &events).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceKnownOrganizationsTest, AKnownOrganizationWithoutFactsAnswersEmpty) {
  v1::ListConflictsRequest request;
  request.set_organization("SCO");
  v1::ListConflictsResponse response;
  ASSERT_TRUE(stub_->ListConflicts(Context().get(), request, &response).ok());
  EXPECT_EQ(response.conflicts_size(), 0);
}

TEST_F(QueryServiceKnownOrganizationsTest, WatchAcceptsAnyWellFormedOrganization) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::WatchRequest request;
  request.set_organization("NEWORG");
  auto reader = stub_->Watch(&context, request);
  v1::WatchResponse response;
  ASSERT_TRUE(reader->Read(&response));  // the progress notification after the replay
  EXPECT_TRUE(response.progress_notify());
  EXPECT_EQ(response.changes_size(), 0);
  context.TryCancel();
  reader->Finish();
}

class QueryServiceRetentionTest : public QueryServiceTest {
 protected:
  void SetUp() override {
    FactStoreOptions options;
    options.watch_log_retention = 2;
    StartWith(options);
  }
};

TEST_F(QueryServiceRetentionTest, WatchOlderThanRetainedHistoryIsOutOfRange) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto reader = stub_->Watch(&context, v1::WatchRequest());
  v1::WatchResponse response;
  EXPECT_FALSE(reader->Read(&response));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::OUT_OF_RANGE);

  grpc::ClientContext recent;
  recent.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::WatchRequest request;
  request.set_after_sequence(SampleLog().size() - 2);
  auto recent_reader = stub_->Watch(&recent, request);
  EXPECT_TRUE(recent_reader->Read(&response));
  recent.TryCancel();
  recent_reader->Finish();
}

}  // namespace
}  // namespace alliance::query
