#include "tests/e2e/gold_scorer.h"

#include "common/partial_date.h"
#include "gtest/gtest.h"

namespace alliance::testing {
namespace {

v1::MembershipEvent Event(const std::string& country, v1::MembershipAction action, v1::PartialDate date) {
  v1::MembershipEvent event;
  event.set_country(country);
  event.set_action(action);
  *event.mutable_date() = date;
  return event;
}

SeedGold Gold() {
  SeedGold gold;
  auto* required = gold.mutable_membership_events()->add_required();
  required->set_country("XAA");
  required->add_actions("SIGNED");
  required->set_date("1992-05-15");
  auto* second = gold.mutable_membership_events()->add_required();
  second->set_country("XBB");
  second->add_actions("WITHDREW");
  second->add_actions("SUSPENDED");
  second->set_date("2012");
  auto* allowed = gold.mutable_membership_events()->add_allowed();
  allowed->set_country("*");
  allowed->add_actions("RENEWED");
  allowed->set_date("1994");
  auto* forbidden = gold.mutable_membership_events()->add_forbidden_examples();
  forbidden->set_country("XCC");
  forbidden->add_actions("*");
  return gold;
}

TEST(GoldScorer, FinerDatesMatchAndCoarserDoNot) {
  EXPECT_TRUE(DateMatches(MakeDate(1999, 4, 2), "1999"));
  EXPECT_TRUE(DateMatches(MakeDate(1999, 4), "1999-04"));
  EXPECT_FALSE(DateMatches(MakeDate(1992), "1992-05-15"));
  EXPECT_FALSE(DateMatches(MakeDate(1993), "1992"));
  EXPECT_TRUE(DateMatches(v1::PartialDate(), ""));
}

TEST(GoldScorer, CountsRecallPrecisionAllowedAndForbidden) {
  std::vector<v1::MembershipEvent> events = {
      Event("XAA", v1::MEMBERSHIP_ACTION_SIGNED, MakeDate(1992, 5, 15)),
      Event("XDD", v1::MEMBERSHIP_ACTION_RENEWED, MakeDate(1994)),
      Event("XDD", v1::MEMBERSHIP_ACTION_JOINED, MakeDate(2001)),
      Event("XCC", v1::MEMBERSHIP_ACTION_JOINED, MakeDate(2003)),
  };
  KindScore score = ScoreMembershipEvents(Gold(), events);
  EXPECT_EQ(score.recalled, 1);
  EXPECT_DOUBLE_EQ(score.recall(), 0.5);
  EXPECT_EQ(score.allowed, 1);
  EXPECT_EQ(score.correct, 1);
  EXPECT_DOUBLE_EQ(score.precision(), 1.0 / 3.0);
  ASSERT_EQ(score.forbidden.size(), 1u);
  EXPECT_EQ(score.misses.size(), 1u);
}

TEST(GoldScorer, DisputedRequestOnlyCountsWhenMarkedDisputed) {
  SeedGold gold;
  auto* required = gold.mutable_assistance_requests()->add_required();
  required->set_requester_country("XAA");
  required->set_date("2020");
  required->add_outcomes("DENIED");
  required->set_must_be_disputed(true);
  v1::AssistanceRequest request;
  request.set_requester_country("XAA");
  *request.mutable_date() = MakeDate(2020, 10);
  request.set_outcome(v1::ASSISTANCE_OUTCOME_DENIED);
  EXPECT_EQ(ScoreAssistanceRequests(gold, {request}).recalled, 0);
  request.set_disputed(true);
  EXPECT_EQ(ScoreAssistanceRequests(gold, {request}).recalled, 1);
}

TEST(GoldScorer, InterventionChecksCountEachAttributeAndForbiddenHosts) {
  SeedGold gold;
  auto* required = gold.mutable_interventions()->add_required();
  required->set_host_country("XAA");
  required->set_start("2022-01");
  required->set_end("2022-01-19");
  required->set_troops_total(2500);
  required->add_contributors_include("XBB");
  required->add_contributors_include("XCC");
  required->set_requested_by_country("XAA");
  gold.mutable_interventions()->add_forbidden_examples()->set_host_country("XDD");

  EXPECT_EQ(CheckInterventions(gold, {}).checks, 7);
  EXPECT_EQ(CheckInterventions(gold, {}).passed, 0);

  v1::Intervention found;
  found.set_host_country("XAA");
  *found.mutable_start() = MakeDate(2021, 12);  // wrong start: found, but one problem
  *found.mutable_end() = MakeDate(2022, 1, 19);
  auto* total = found.add_troops();
  total->set_count(2500);
  found.add_contributing_countries("XBB");
  found.set_requested_by("XAA");
  v1::Intervention forbidden;
  forbidden.set_host_country("XDD");
  InterventionCheck check = CheckInterventions(gold, {found, forbidden});
  EXPECT_EQ(check.checks, 7);
  EXPECT_EQ(check.passed, 5);  // all but the start and contributor XCC
  EXPECT_EQ(check.forbidden, 1);
  EXPECT_EQ(check.problems.size(), 3u);
  EXPECT_FALSE(check.complete());

  *found.mutable_start() = MakeDate(2022, 1, 6);
  found.add_contributing_countries("XCC");
  check = CheckInterventions(gold, {found});
  EXPECT_TRUE(check.complete()) << check.problems.front();
}

TEST(GoldScorer, F1IsTheHarmonicMeanOfPrecisionAndRecall) {
  KindScore score;
  score.required = 4;
  score.recalled = 2;
  score.returned = 2;
  score.correct = 2;
  EXPECT_DOUBLE_EQ(score.f1(), 2 * 1.0 * 0.5 / 1.5);
  score.recalled = 0;
  score.correct = 0;
  EXPECT_DOUBLE_EQ(score.f1(), 0.0);
}

}  // namespace
}  // namespace alliance::testing
