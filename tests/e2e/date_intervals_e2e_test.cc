// Dates as intervals through the real binaries: invented articles date events
// by a season, a month, a qualified year and a bare year; the answers carry
// each date's interval and rule, a member whose boundary interval holds the
// as_of date is marked rather than guessed, and only dates whose intervals
// exclude each other are a dispute.
#include <chrono>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {
namespace {

using ::testing::HasSubstr;

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
}

class DateIntervalsEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.StartIngest().ok());
    ASSERT_TRUE(cluster_.StartQuery().ok());
    // Invented events of the future, so no real history interferes.
    const std::vector<std::pair<std::string, std::string>> articles = {
        {"2035-01-10",
         "Mongolia joined the Collective Security Treaty Organization in spring 2031.\n\n"
         "Mongolia withdrew from the CSTO in 2034."},
        {"2035-02-01", "Mongolia joined the CSTO in April 2031."},
        {"2035-03-01", "Finland joined the Collective Security Treaty Organization in early 2032."},
        {"2035-03-02", "Finland joined the CSTO in September 2032."},
        {"2035-03-03", "Finland joined the CSTO in 2032."},
    };
    auto ingest = cluster_.IngestStub();
    uint64_t last = 0;
    for (const auto& [published, text] : articles) {
      v1::IngestDocumentRequest request;
      request.mutable_document()->set_text(text);
      request.mutable_document()->set_published(published);
      request.mutable_document()->set_title("Invented report of " + published);
      v1::IngestDocumentResponse response;
      grpc::ClientContext context;
      SetDeadline(&context);
      const grpc::Status status = ingest->IngestDocument(&context, request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      last = response.sequence();
    }
    ASSERT_TRUE(cluster_.WaitForApplied(last).ok());
  }

  std::vector<v1::MembershipEvent> Events(const std::string& country) {
    v1::ListMembershipEventsRequest request;
    request.set_country(country);
    v1::ListMembershipEventsResponse response;
    grpc::ClientContext context;
    SetDeadline(&context);
    EXPECT_TRUE(cluster_.QueryStub()->ListMembershipEvents(&context, request, &response).ok());
    return {response.events().begin(), response.events().end()};
  }

  // "MNG" or "MNG?<ids>" per member on `as_of`.
  std::vector<std::string> Members(const std::string& as_of) {
    v1::ListMembersRequest request;
    request.mutable_as_of()->set_as_written(as_of);
    v1::ListMembersResponse response;
    grpc::ClientContext context;
    SetDeadline(&context);
    const grpc::Status status = cluster_.QueryStub()->ListMembers(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> out;
    for (const v1::Member& m : response.members()) {
      std::string label = m.country();
      if (m.straddles_as_of()) {
        label += "?";
        for (const std::string& id : m.straddling_event_ids()) label += id;
      }
      out.push_back(label);
    }
    return out;
  }

  LocalCluster cluster_;
};

TEST_F(DateIntervalsEndToEnd, AnswersCarryTheDaysADateCanMeanAndMarkWhatTheDateCannotDecide) {
  const std::vector<v1::MembershipEvent> mongolia = Events("MNG");
  ASSERT_EQ(mongolia.size(), 2u);
  const v1::MembershipEvent& joined = mongolia[0];
  EXPECT_EQ(joined.action(), v1::MEMBERSHIP_ACTION_JOINED);
  // "April 2031" lies within "spring 2031": one fact, the finer date, no dispute.
  EXPECT_EQ(joined.date().month(), 4);
  EXPECT_EQ(joined.date().earliest(), "2031-04-01");
  EXPECT_EQ(joined.date().latest(), "2031-04-30");
  EXPECT_EQ(joined.date().rule(), v1::DATE_RULE_ABSOLUTE);
  EXPECT_EQ(joined.sources(), 2);
  EXPECT_FALSE(joined.disputed());
  const v1::MembershipEvent& left = mongolia[1];
  EXPECT_EQ(left.date().earliest(), "2034-01-01");
  EXPECT_EQ(left.date().latest(), "2034-12-31");

  EXPECT_THAT(Members("2031-03-31"), ::testing::Not(::testing::Contains(HasSubstr("MNG"))));
  EXPECT_THAT(Members("2031-04-15"), ::testing::Contains("MNG?" + joined.id()));
  EXPECT_THAT(Members("2031-05-01"), ::testing::Contains("MNG"));
  EXPECT_THAT(Members("2034-06-01"), ::testing::Contains("MNG?" + left.id()));
  EXPECT_THAT(Members("2035-01-01"), ::testing::Not(::testing::Contains(HasSubstr("MNG"))));
}

TEST_F(DateIntervalsEndToEnd, OnlyDatesThatExcludeEachOtherAreADisputeAndExplainShowsTheReadings) {
  const std::vector<v1::MembershipEvent> finland = Events("FIN");
  ASSERT_EQ(finland.size(), 1u) << "the bare year joins both readings into one event";
  const v1::MembershipEvent& joined = finland[0];
  EXPECT_TRUE(joined.disputed());
  // One source each: the tie goes to the earliest, "early 2032" (January to April).
  EXPECT_EQ(joined.date().earliest(), "2032-01-01");
  EXPECT_EQ(joined.date().latest(), "2032-04-30");
  EXPECT_TRUE(joined.date().approximate());

  v1::ExplainRequest request;
  request.set_fact_id(joined.id());
  v1::ExplainResponse explained;
  grpc::ClientContext context;
  SetDeadline(&context);
  ASSERT_TRUE(cluster_.QueryStub()->Explain(&context, request, &explained).ok());
  EXPECT_EQ(explained.supporting_size(), 3);
  EXPECT_EQ(explained.independent_sources(), 3);
  ASSERT_EQ(explained.disputes_size(), 1);
  const v1::ExplainedDispute& dispute = explained.disputes(0);
  EXPECT_EQ(dispute.field(), "date");
  ASSERT_EQ(dispute.sides_size(), 2);
  EXPECT_EQ(dispute.sides(0).value(), "2032 (approximate, 2032-01-01..2032-04-30)");
  EXPECT_EQ(dispute.sides(1).value(), "2032-09");
  ASSERT_EQ(dispute.sides(1).claims_size(), 1);
  const v1::PartialDate& september = dispute.sides(1).claims(0).record().membership_event().date();
  EXPECT_EQ(september.as_written(), "September 2032");
  EXPECT_EQ(september.earliest(), "2032-09-01");
  ASSERT_EQ(explained.contradicting_size(), 1);
  EXPECT_EQ(explained.contradicting(0).document_title(), "Invented report of 2035-03-02");
}

}  // namespace
}  // namespace alliance::testing
