// Explain through the real binaries on the bundled corpus: every fact is
// explained by the article records it was merged from, with their sources,
// date readings and disputes, and bad requests name the field.
#include <chrono>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/gold_check.h"

namespace alliance::testing {
namespace {

using ::testing::HasSubstr;

struct SeedCorpus {
  static absl::StatusOr<std::vector<CorpusDocument>> Documents() { return BundledCorpusDocuments(); }
  static constexpr char kGoldPath[] = "tests/e2e/testdata/seed-gold.json";
};
using ExplainEndToEnd = GoldEndToEnd<SeedCorpus>;

template <typename Request, typename Response, typename Method>
grpc::Status Call(const GoldCheck& check, Method method, const Request& request, Response* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  const auto stub = check.QueryStub();
  return (stub.get()->*method)(&context, request, response);
}

v1::ExplainResponse Explain(const GoldCheck& check, const std::string& id) {
  v1::ExplainRequest request;
  request.set_fact_id(id);
  v1::ExplainResponse response;
  const grpc::Status status = Call(check, &v1::QueryService::Stub::Explain, request, &response);
  EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
  return response;
}

using QuoteKey = std::tuple<std::string, int32_t, int32_t>;

std::set<QuoteKey> AllQuotes(const GoldCheck& check, const std::string& id) {
  std::set<QuoteKey> quotes;
  v1::ListEvidenceRequest request;
  request.set_fact_id(id);
  do {
    v1::ListEvidenceResponse response;
    const grpc::Status status = Call(check, &v1::QueryService::Stub::ListEvidence, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    for (const v1::Evidence& e : response.evidence()) quotes.emplace(e.document_id(), e.begin(), e.end());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return quotes;
}

TEST_F(ExplainEndToEnd, EveryMembershipEventIsExplainedByTheRecordsItWasMergedFrom) {
  v1::ListMembershipEventsRequest request;
  request.set_include_unasserted(true);
  request.set_page_size(1000);
  v1::ListMembershipEventsResponse events;
  ASSERT_TRUE(Call(check(), &v1::QueryService::Stub::ListMembershipEvents, request, &events).ok());
  ASSERT_GT(events.events_size(), 10);
  for (const v1::MembershipEvent& event : events.events()) {
    const v1::ExplainResponse explained = Explain(check(), event.id());
    ASSERT_TRUE(explained.has_membership_event()) << event.id();
    EXPECT_EQ(explained.membership_event().id(), event.id());
    EXPECT_EQ(explained.independent_sources(), event.sources()) << event.id();
    ASSERT_FALSE(explained.supporting().empty()) << event.id();
    // The claims' quotes are exactly the fact's: consolidation unions them.
    std::set<QuoteKey> told;
    for (const v1::Claim& claim : explained.supporting()) {
      const v1::MembershipEvent& record = claim.record().membership_event();
      EXPECT_EQ(record.country(), event.country()) << event.id();
      EXPECT_FALSE(claim.document_id().empty());
      EXPECT_FALSE(claim.document_title().empty()) << claim.document_id();
      EXPECT_GT(claim.sequence(), 0u);
      for (const v1::Evidence& e : record.evidence()) told.emplace(e.document_id(), e.begin(), e.end());
      if (!IsUnset(record.date())) {
        EXPECT_NE(record.date().rule(), v1::DATE_RULE_UNSPECIFIED) << record.date().ShortDebugString();
        EXPECT_LE(FirstDayKey(record.date()), LastDayKey(record.date()));
        EXPECT_FALSE(record.date().earliest().empty()) << record.date().ShortDebugString();
      }
    }
    EXPECT_EQ(told, AllQuotes(check(), event.id())) << event.id();
  }
}

TEST_F(ExplainEndToEnd, InterventionsAndRequestsAreExplainedToo) {
  v1::ListInterventionsResponse interventions;
  ASSERT_TRUE(
      Call(check(), &v1::QueryService::Stub::ListInterventions, v1::ListInterventionsRequest(), &interventions).ok());
  ASSERT_FALSE(interventions.interventions().empty());
  for (const v1::Intervention& intervention : interventions.interventions()) {
    const v1::ExplainResponse explained = Explain(check(), intervention.id());
    ASSERT_TRUE(explained.has_intervention());
    EXPECT_FALSE(explained.supporting().empty()) << intervention.id();
    EXPECT_EQ(explained.independent_sources(), intervention.sources()) << intervention.id();
    for (const v1::Claim& claim : explained.supporting()) EXPECT_TRUE(claim.record().has_intervention());
  }
  v1::ListAssistanceRequestsResponse requests;
  ASSERT_TRUE(
      Call(check(), &v1::QueryService::Stub::ListAssistanceRequests, v1::ListAssistanceRequestsRequest(), &requests)
          .ok());
  ASSERT_FALSE(requests.requests().empty());
  for (const v1::AssistanceRequest& request : requests.requests()) {
    const v1::ExplainResponse explained = Explain(check(), request.id());
    ASSERT_TRUE(explained.has_assistance_request());
    EXPECT_FALSE(explained.supporting().empty()) << request.id();
    for (const v1::Claim& claim : explained.supporting()) {
      EXPECT_EQ(claim.record().assistance_request().requester_country(), request.requester_country());
    }
  }
}

TEST_F(ExplainEndToEnd, EachConflictIsADisputeWithItsSides) {
  v1::ListConflictsResponse conflicts;
  ASSERT_TRUE(Call(check(), &v1::QueryService::Stub::ListConflicts, v1::ListConflictsRequest(), &conflicts).ok());
  for (const v1::Conflict& conflict : conflicts.conflicts()) {
    const v1::ExplainResponse explained = Explain(check(), conflict.subject_id());
    const v1::ExplainedDispute* dispute = nullptr;
    for (const v1::ExplainedDispute& d : explained.disputes()) {
      if (d.field() == conflict.field()) dispute = &d;
    }
    ASSERT_NE(dispute, nullptr) << conflict.subject_id() << " " << conflict.field();
    ASSERT_EQ(dispute->sides_size(), conflict.claims_size());
    for (int i = 0; i < conflict.claims_size(); ++i) {
      EXPECT_EQ(dispute->sides(i).value(), conflict.claims(i).value());
      EXPECT_EQ(dispute->sides(i).chosen(), i == 0);
      EXPECT_FALSE(dispute->sides(i).claims().empty()) << conflict.subject_id() << " " << conflict.claims(i).value();
    }
    EXPECT_FALSE(explained.contradicting().empty()) << conflict.subject_id();
  }
}

TEST_F(ExplainEndToEnd, BadRequestsNameTheField) {
  v1::ExplainResponse response;
  const grpc::Status empty = Call(check(), &v1::QueryService::Stub::Explain, v1::ExplainRequest(), &response);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(empty.error_message(), HasSubstr("fact_id"));
  v1::ExplainRequest unknown;
  unknown.set_fact_id("membership/CSTO/XXX/MEMBERSHIP_ACTION_JOINED/1900");
  const grpc::Status missing = Call(check(), &v1::QueryService::Stub::Explain, unknown, &response);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(missing.error_message(), HasSubstr("fact_id"));
}

}  // namespace
}  // namespace alliance::testing
