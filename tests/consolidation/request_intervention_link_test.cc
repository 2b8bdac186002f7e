#include "query-service/consolidation/request_intervention_link.h"

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "query-service/consolidation/consolidator.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Date;
using testing::Intervention;
using testing::Request;

v1::PartialDate Approximate(v1::PartialDate date, const std::string& words) {
  date.set_approximate(true);
  date.set_as_written(words);
  return date;
}

GroupFacts Consolidate(const std::vector<SourcedRecord>& records) {
  return ConsolidateGroup(records, {}, "ALLY");
}

TEST(RequestInterventionLink, GrantedRequestIsDatedNoLaterThanTheInterventionItLedTo) {
  v1::PartialDate start = Date("2031-01-20");
  start.set_as_written("January 20, 2031");
  SourcedRecord intervention = Intervention(1, "a", "ZMB", start);
  intervention.record.mutable_intervention()->mutable_evidence(0)->set_quote("Forces arrived on January 20, 2031.");
  GroupFacts facts = Consolidate(
      {intervention, Request(2, "b", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Approximate(Date("2031"), "early 2031"))});
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  const v1::AssistanceRequest& request = facts.assistance_requests[0];
  EXPECT_EQ(FormatDate(request.date()), "2031-01") << "between 2031-01-01 and the start";
  EXPECT_EQ(request.date().as_written(), "early 2031") << "the article's words stay";
  ASSERT_EQ(request.evidence_size(), 2) << "the sentence dating the start is quoted";
  EXPECT_EQ(request.evidence(1).quote(), "Forces arrived on January 20, 2031.");
  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_EQ(facts.interventions[0].requested_by(), "ZMB");
}

TEST(RequestInterventionLink, AnInterventionStartingOnTheFirstDayPinsTheRequestToThatDay) {
  GroupFacts facts = Consolidate({Intervention(1, "a", "ZMB", Date("2031-03-01")),
                                  Request(2, "b", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031-03"))});
  EXPECT_EQ(FormatDate(facts.assistance_requests[0].date()), "2031-03-01");
}

TEST(RequestInterventionLink, LeavesDeniedRequestsOtherCountriesAndLaterYearsAlone) {
  GroupFacts denied = Consolidate({Intervention(1, "a", "ZMB", Date("2031-03-04")),
                                   Request(2, "b", "ZMB", v1::ASSISTANCE_OUTCOME_DENIED, Date("2031"))});
  EXPECT_EQ(FormatDate(denied.assistance_requests[0].date()), "2031");
  EXPECT_TRUE(denied.interventions[0].requested_by().empty());

  GroupFacts other_year = Consolidate({Intervention(1, "a", "ZMB", Date("2032-03-04")),
                                       Request(2, "b", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031"))});
  EXPECT_EQ(FormatDate(other_year.assistance_requests[0].date()), "2031");

  GroupFacts spanning = Consolidate({Intervention(1, "a", "ZMB", Date("2031-11-20")),
                                     Request(2, "b", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031"))});
  EXPECT_EQ(FormatDate(spanning.assistance_requests[0].date()), "2031")
      << "January to November is not one month";
}

TEST(RequestInterventionLink, RequestsAndInterventionsOfOneCountryShareAGroup) {
  EXPECT_EQ(GroupKeyOf(Intervention(1, "a", "ZMB", Date("2031")).record, "ALLY"),
            GroupKeyOf(Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031")).record, "ALLY"));
}

}  // namespace
}  // namespace alliance::query
