#include "query-service/consolidation/request_intervention_link.h"

#include <algorithm>
#include <deque>

#include "common/deterministic_bytes.h"
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

// --- Within one article -----------------------------------------------------

// Runs LinkWithinArticles over `records` (in the given order) and returns the
// records it leaves, copies included.
std::vector<SourcedRecord> LinkedWithinArticles(const std::vector<SourcedRecord>& records) {
  std::vector<const SourcedRecord*> pointers;
  for (const SourcedRecord& record : records) pointers.push_back(&record);
  std::deque<SourcedRecord> completed;
  LinkWithinArticles("ALLY", &pointers, &completed);
  std::vector<SourcedRecord> out;
  for (const SourcedRecord* record : pointers) out.push_back(*record);
  return out;
}

SourcedRecord Undated(SourcedRecord intervention) {
  intervention.record.mutable_intervention()->clear_start();
  return intervention;
}

TEST(LinkWithinArticles, AnUndatedDeploymentTakesTheDateAndRequesterOfTheAppealItsArticleTells) {
  const auto linked = LinkedWithinArticles(
      {Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031-01-05"), "", 0),
       Undated(Intervention(1, "a", "ZMB", Date("2031"), {}, "", 1))});
  ASSERT_EQ(linked.size(), 2u);
  const v1::Intervention& intervention = linked[1].record.intervention();
  EXPECT_EQ(intervention.requested_by(), "ZMB");
  EXPECT_EQ(FormatDate(intervention.start()), "2031-01-05");
  ASSERT_EQ(intervention.evidence_size(), 2) << "the sentence that dates the start is quoted";
  EXPECT_EQ(intervention.evidence(1).quote(), "sentence 0 of a");
  EXPECT_EQ(linked[0].record.assistance_request().outcome(), v1::ASSISTANCE_OUTCOME_GRANTED)
      << "the deployment the article tells answered the appeal";
}

TEST(LinkWithinArticles, ADatedDeploymentKeepsItsStartAndLearnsWhoAsked) {
  const auto linked = LinkedWithinArticles({Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031"), "", 0),
                                            Intervention(1, "a", "ZMB", Date("2031-03-04"), {}, "", 2)});
  EXPECT_EQ(FormatDate(linked[1].record.intervention().start()), "2031-03-04");
  EXPECT_EQ(linked[1].record.intervention().requested_by(), "ZMB");
  EXPECT_EQ(linked[1].record.intervention().evidence_size(), 1);
}

TEST(LinkWithinArticles, OnlyAnAssertedGrantedOrPendingAppealOfTheSameYearArticleAndCountry) {
  SourcedRecord hypothetical = Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031"));
  hypothetical.record.mutable_assistance_request()->set_factuality(v1::FACTUALITY_HYPOTHETICAL);
  const std::vector<std::vector<SourcedRecord>> unrelated = {
      {Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_DENIED, Date("2031")), Undated(Intervention(1, "a", "ZMB", {}))},
      {hypothetical, Undated(Intervention(1, "a", "ZMB", {}))},
      {Request(1, "b", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031")), Undated(Intervention(2, "a", "ZMB", {}))},
      {Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2030")), Intervention(1, "a", "ZMB", Date("2031"))},
      {Request(1, "a", "RUR", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031")), Undated(Intervention(1, "a", "ZMB", {}))},
      {Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031"), "OTHER"),
       Undated(Intervention(1, "a", "ZMB", {}))},
  };
  for (size_t k = 0; k < unrelated.size(); ++k) {
    const auto linked = LinkedWithinArticles(unrelated[k]);
    EXPECT_TRUE(linked[1].record.intervention().requested_by().empty()) << "case " << k;
    EXPECT_EQ(DeterministicBytes(linked[1].record), DeterministicBytes(unrelated[k][1].record)) << "case " << k;
  }
}

TEST(LinkWithinArticles, ADeploymentBeforeThePendingAppealDidNotAnswerIt) {
  const auto linked =
      LinkedWithinArticles({Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031-05-01")),
                            Intervention(1, "a", "ZMB", Date("2031-02-01"), {}, "", 1)});
  EXPECT_EQ(linked[0].record.assistance_request().outcome(), v1::ASSISTANCE_OUTCOME_PENDING);
  EXPECT_EQ(linked[1].record.intervention().requested_by(), "ZMB") << "the year is shared: it is still the appeal";
}

TEST(LinkWithinArticles, TheAppealToldFirstInTheArticleIsTheOneAnsweredWhateverTheOrder) {
  const std::vector<SourcedRecord> records = {
      Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031-06"), "", 4),
      Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031-01"), "", 1),
      Undated(Intervention(1, "a", "ZMB", {}, {}, "", 6))};
  std::vector<int> order = {0, 1, 2};
  do {
    std::vector<SourcedRecord> permuted;
    for (int i : order) permuted.push_back(records[static_cast<size_t>(i)]);
    for (const SourcedRecord& record : LinkedWithinArticles(permuted)) {
      if (record.record.has_intervention()) {
        EXPECT_EQ(FormatDate(record.record.intervention().start()), "2031-01");
      }
    }
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST(LinkWithinArticles, ConsolidationNamesTheDeploymentByTheDateItLearned) {
  GroupFacts facts = Consolidate({Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_PENDING, Date("2031-01-05")),
                                  Undated(Intervention(1, "a", "ZMB", {}, {}, "", 1))});
  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_EQ(facts.interventions[0].id(), "intervention/ALLY/ZMB/2031");
  EXPECT_EQ(facts.interventions[0].requested_by(), "ZMB");
  ASSERT_EQ(facts.assistance_requests.size(), 1u);
  EXPECT_EQ(facts.assistance_requests[0].outcome(), v1::ASSISTANCE_OUTCOME_GRANTED);
}

// --- Groups ----------------------------------------------------------------

TEST(RequestInterventionLink, RequestsAndInterventionsOfOneCountryShareAGroup) {
  EXPECT_EQ(GroupKeyOf(Intervention(1, "a", "ZMB", Date("2031")).record, "ALLY"),
            GroupKeyOf(Request(1, "a", "ZMB", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2031")).record, "ALLY"));
}

}  // namespace
}  // namespace alliance::query
