#include "query-service/consolidation/request_merge.h"

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Approximate;
using testing::Date;
using testing::Document;
using testing::Documents;
using testing::Request;

constexpr v1::AssistanceOutcome kGranted = v1::ASSISTANCE_OUTCOME_GRANTED;
constexpr v1::AssistanceOutcome kDenied = v1::ASSISTANCE_OUTCOME_DENIED;
constexpr v1::AssistanceOutcome kNotRequested = v1::ASSISTANCE_OUTCOME_NOT_REQUESTED;
constexpr v1::AssistanceOutcome kPending = v1::ASSISTANCE_OUTCOME_PENDING;

GroupFacts Merge(const std::vector<SourcedRecord>& records, const DocumentMap& documents = {}) {
  return testing::MergeGroup(MergeAssistanceRequests, records, documents);
}

TEST(RequestMerge, DisagreeingOutcomesFromIndependentSourcesMarkDisputed) {
  // Three articles: asked in 2020 and turned down; one: the prime minister did not ask (last fall).
  const GroupFacts facts = Merge({Request(1, "a", "ARM", kDenied, Date("2020")),
                                  Request(2, "b", "ARM", kDenied, Date("2020")),
                                  Request(3, "c", "ARM", kDenied, Date("2020")),
                                  Request(4, "d", "ARM", kNotRequested, Approximate(2020, 10))});
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  const v1::AssistanceRequest& fact = facts.assistance_requests[0];
  EXPECT_EQ(fact.id(), "request/CSTO/ARM/2020");
  EXPECT_EQ(fact.outcome(), kDenied);
  EXPECT_TRUE(fact.disputed());
  EXPECT_EQ(fact.sources(), 4);
  // The date comes from the winning side: "2020", not the dissenter's "fall 2020".
  EXPECT_EQ(FormatDate(fact.date()), "2020");
  EXPECT_FALSE(fact.date().approximate());
  ASSERT_EQ(facts.conflicts.size(), 1u);
  const v1::Conflict& conflict = facts.conflicts[0];
  EXPECT_EQ(conflict.subject_id(), "request/CSTO/ARM/2020");
  EXPECT_EQ(conflict.field(), "outcome");
  EXPECT_EQ(conflict.summary(), "ARM assistance request 2020: outcome");
  ASSERT_EQ(conflict.claims_size(), 2);
  EXPECT_EQ(conflict.claims(0).value(), "DENIED");
  EXPECT_EQ(conflict.claims(0).evidence_size(), 3);
  EXPECT_EQ(conflict.claims(1).value(), "NOT_REQUESTED");
  EXPECT_EQ(conflict.claims(1).evidence_size(), 1);
}

TEST(RequestMerge, SyndicatedCopiesDoNotOutvoteAnIndependentSource) {
  const DocumentMap documents = Documents({Document("a", "2021", 2, "wire", 10),
                                           Document("a2", "2021", 2, "wire", 10),
                                           Document("b", "2021"), Document("c", "2021")});
  const GroupFacts facts = Merge({Request(1, "a", "ARM", kNotRequested, Date("2020")),
                                  Request(2, "a2", "ARM", kNotRequested, Date("2020")),
                                  Request(3, "b", "ARM", kDenied, Date("2020")),
                                  Request(4, "c", "ARM", kDenied, Date("2020"))},
                                 documents);
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), kDenied);
  EXPECT_EQ(facts.assistance_requests[0].sources(), 3);
}

TEST(RequestMerge, OneArticleAndItsReprintContradictingThemselvesIsNoDispute) {
  const DocumentMap documents = Documents({Document("a", "2021", 2, "wire", 10), Document("a2", "2021", 2, "wire", 10)});
  const GroupFacts facts = Merge({Request(1, "a", "ARM", kDenied, Date("2020"), "", 1),
                                  Request(2, "a", "ARM", kNotRequested, Date("2020"), "", 2),
                                  Request(3, "a2", "ARM", kNotRequested, Date("2020"), "", 2)},
                                 documents);
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), kDenied);  // tie on sources: enum order
  EXPECT_FALSE(facts.assistance_requests[0].disputed());
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(RequestMerge, TiedOutcomesFollowEnumOrder) {
  const GroupFacts facts = Merge({Request(1, "b", "TJK", kDenied, Date("2010-09")),
                                  Request(2, "a", "TJK", kGranted, Date("2010-09"))});
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), kGranted);
  EXPECT_TRUE(facts.assistance_requests[0].disputed());
  ASSERT_EQ(facts.conflicts.size(), 1u);
  EXPECT_EQ(facts.conflicts[0].claims(0).value(), "GRANTED");
}

TEST(RequestMerge, PendingWinsOverAnUnknownOutcome) {
  const GroupFacts facts = Merge({Request(1, "a", "KAZ", v1::ASSISTANCE_OUTCOME_UNSPECIFIED, Date("2022-01")),
                                  Request(2, "b", "KAZ", kPending, Date("2022-01"))});
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), kPending);
}

TEST(RequestMerge, PendingYieldsToADefiniteOutcomeWithoutConflict) {
  const GroupFacts facts = Merge({Request(1, "a", "KAZ", kPending, Date("2022-01-05")),
                                  Request(2, "b", "KAZ", kGranted, Date("2022-01"))});
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), kGranted);
  EXPECT_EQ(FormatDate(facts.assistance_requests[0].date()), "2022-01-05");
  EXPECT_FALSE(facts.assistance_requests[0].disputed());
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(RequestMerge, YearOnlyRequestMergesWithAMonthInIt) {
  const GroupFacts facts = Merge({Request(1, "a", "KGZ", kDenied, Date("2010-06")),
                                  Request(2, "b", "KGZ", kDenied, Date("2010"))});
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(FormatDate(facts.assistance_requests[0].date()), "2010-06");
  EXPECT_EQ(facts.assistance_requests[0].evidence_size(), 2);
}

TEST(RequestMerge, RequestsInDifferentYearsStaySeparate) {
  const GroupFacts facts = Merge({Request(1, "a", "ARM", kDenied, Date("2020")),
                                  Request(2, "b", "ARM", kDenied, Approximate(2021, 4)),
                                  Request(3, "c", "ARM", kDenied, Date("2022-09"))});
  ASSERT_EQ(facts.assistance_requests.size(), 3u);
  EXPECT_EQ(facts.assistance_requests[1].id(), "request/CSTO/ARM/2021");
  EXPECT_TRUE(facts.assistance_requests[1].date().approximate());
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(RequestMerge, PersonAndContextComeFromTheBestSupportedRecords) {
  std::vector<SourcedRecord> records = {Request(1, "a", "ARM", kDenied, Date("2022-09")),
                                        Request(2, "b", "ARM", kDenied, Date("2022-09")),
                                        Request(3, "c", "ARM", kDenied, Date("2022-09"))};
  records[0].record.mutable_assistance_request()->set_requester_person("Pashinyan");
  records[1].record.mutable_assistance_request()->set_requester_person("Nikol Pashinyan");
  records[2].record.mutable_assistance_request()->set_requester_person("Nikol Pashinyan");
  records[0].record.mutable_assistance_request()->set_context("border clashes");
  const GroupFacts facts = Merge(records);
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].requester_person(), "Nikol Pashinyan");
  EXPECT_EQ(facts.assistance_requests[0].context(), "border clashes");
}

TEST(RequestMerge, UnassertedRecordsDoNotVoteAgainstAssertedOnes) {
  std::vector<SourcedRecord> records = {Request(1, "a", "ARM", kDenied, Date("2022-09")),
                                        Request(2, "b", "ARM", kGranted, Date("2022-09"))};
  records[1].record.mutable_assistance_request()->set_factuality(v1::FACTUALITY_HYPOTHETICAL);
  const GroupFacts facts = Merge(records);
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), kDenied);
  EXPECT_FALSE(facts.assistance_requests[0].disputed());
}

TEST(RequestMerge, ReportedRequestsAreAnswersWithTheirSpeakerAndVoteWithAssertedOnes) {
  std::vector<SourcedRecord> only = {Request(1, "a", "ARM", kDenied, Date("2022-09"))};
  only[0].record.mutable_assistance_request()->set_factuality(v1::FACTUALITY_REPORTED);
  only[0].record.mutable_assistance_request()->set_reported_by("Nikol Pashinyan");
  only[0].record.mutable_assistance_request()->set_factuality_cue("according to");
  const GroupFacts reported = Merge(only);
  ASSERT_EQ(reported.assistance_requests.size(), 1u);
  EXPECT_EQ(reported.assistance_requests[0].factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(reported.assistance_requests[0].reported_by(), "Nikol Pashinyan");
  EXPECT_EQ(reported.assistance_requests[0].factuality_cue(), "") << "even a one-source fact leaves it to Explain";
  EXPECT_EQ(reported.assistance_requests[0].reported_sources(), 1);
  EXPECT_DOUBLE_EQ(reported.assistance_requests[0].confidence(), ConfidenceForSources(1, 1));

  // An asserted and a reported source disagreeing about the outcome: a dispute.
  std::vector<SourcedRecord> records = {Request(1, "a", "ARM", kDenied, Date("2022-09")),
                                        Request(2, "b", "ARM", kGranted, Date("2022-09"))};
  records[1].record.mutable_assistance_request()->set_factuality(v1::FACTUALITY_REPORTED);
  const GroupFacts facts = Merge(records);
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].factuality(), v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(facts.assistance_requests[0].reported_by(), "");
  EXPECT_EQ(facts.assistance_requests[0].sources(), 2);
  EXPECT_EQ(facts.assistance_requests[0].reported_sources(), 1);
  EXPECT_TRUE(facts.assistance_requests[0].disputed());
}

}  // namespace
}  // namespace alliance::query
