#include "query-service/case_builder.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/deterministic_bytes.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/record_parts.h"

namespace alliance::query {
namespace {

using ::alliance::testing::Date;
using ::testing::ElementsAre;

v1::Evidence Quote(const std::string& text) {
  v1::Evidence evidence;
  evidence.set_quote(text);
  return evidence;
}

v1::AssistanceRequest Request(const std::string& country, const std::string& date, v1::AssistanceOutcome outcome,
                              const std::string& suffix = "") {
  v1::AssistanceRequest request;
  request.set_id("request/ALLY/" + country + "/" + (date.empty() ? "undated" : date.substr(0, 4)) + suffix);
  request.set_organization("ALLY");
  request.set_requester_country(country);
  if (!date.empty()) *request.mutable_date() = Date(date);
  request.set_outcome(outcome);
  *request.add_evidence() = Quote(country + " asked on " + date);
  request.set_evidence_total(1);
  return request;
}

v1::Intervention Deployment(const std::string& host, const std::string& start, const std::string& end = "",
                            const std::string& suffix = "") {
  v1::Intervention intervention;
  intervention.set_id("intervention/ALLY/" + host + "/" + (start.empty() ? "undated" : start.substr(0, 4)) + suffix);
  intervention.set_organization("ALLY");
  intervention.set_host_country(host);
  if (!start.empty()) *intervention.mutable_start() = Date(start);
  if (!end.empty()) *intervention.mutable_end() = Date(end);
  *intervention.add_evidence() = Quote("troops reached " + host + " on " + start);
  intervention.set_evidence_total(1);
  return intervention;
}

std::vector<std::string> Stages(const v1::Case& c) {
  std::vector<std::string> stages;
  for (const v1::CaseStep& step : c.timeline()) stages.push_back(v1::CaseStage_Name(step.stage()).substr(11));
  return stages;
}

TEST(BuildCases, AGrantedAppealAndTheDeploymentThatFollowedAreOneCaseUntilTheLastSoldierLeaves) {
  const auto cases = BuildCases("ALLY", {Request("ZMB", "2031-01-05", v1::ASSISTANCE_OUTCOME_GRANTED)},
                                {Deployment("ZMB", "2031-01-07", "2031-02-10")});
  ASSERT_EQ(cases.size(), 1u);
  const v1::Case& c = cases[0];
  EXPECT_EQ(c.id(), "case/ALLY/ZMB/2031");
  EXPECT_EQ(c.status(), v1::CASE_STATUS_WITHDRAWN);
  EXPECT_THAT(Stages(c), ElementsAre("REQUESTED", "DECIDED", "DEPLOYED", "WITHDRAWN"));
  EXPECT_EQ(FormatDate(c.timeline(0).date()), "2031-01-05");
  EXPECT_EQ(FormatDate(c.timeline(2).date()), "2031-01-07");
  EXPECT_EQ(FormatDate(c.timeline(3).date()), "2031-02-10");
  // Each fact's quotes once, on its first step.
  EXPECT_EQ(c.timeline(0).evidence(0).quote(), "ZMB asked on 2031-01-05");
  EXPECT_EQ(c.timeline(1).evidence_size(), 0);
  EXPECT_EQ(c.timeline(2).evidence(0).quote(), "troops reached ZMB on 2031-01-07");
  EXPECT_EQ(c.timeline(3).evidence_size(), 0);
  EXPECT_EQ(c.request_id(), "request/ALLY/ZMB/2031");
  EXPECT_THAT(c.intervention_ids(), ElementsAre("intervention/ALLY/ZMB/2031"));

  const auto ongoing = BuildCases("ALLY", {Request("ZMB", "2031-01", v1::ASSISTANCE_OUTCOME_PENDING)},
                                  {Deployment("ZMB", "2031-01-07")});
  ASSERT_EQ(ongoing.size(), 1u);
  EXPECT_EQ(ongoing[0].status(), v1::CASE_STATUS_DEPLOYED);
  EXPECT_THAT(Stages(ongoing[0]), ElementsAre("REQUESTED", "DEPLOYED")) << "a pending appeal has no decision step";
}

TEST(BuildCases, AnAppealWithoutADeploymentEndsWithItsOutcome) {
  const auto cases =
      BuildCases("ALLY",
                 {Request("ZMB", "2031", v1::ASSISTANCE_OUTCOME_DENIED), Request("RUR", "2032", v1::ASSISTANCE_OUTCOME_GRANTED),
                  Request("BOR", "2033", v1::ASSISTANCE_OUTCOME_PENDING),
                  Request("SYL", "2034", v1::ASSISTANCE_OUTCOME_NOT_REQUESTED)},
                 {});
  ASSERT_EQ(cases.size(), 3u) << "a request the texts say was never made is no case";
  EXPECT_EQ(cases[0].status(), v1::CASE_STATUS_DENIED);
  EXPECT_EQ(cases[0].timeline(1).summary(), "denied");
  EXPECT_EQ(cases[1].status(), v1::CASE_STATUS_GRANTED);
  EXPECT_EQ(cases[2].status(), v1::CASE_STATUS_REQUESTED);
}

TEST(BuildCases, ADeploymentJoinsTheLatestOpenAppealOfItsYearMadeBeforeIt) {
  const auto cases = BuildCases(
      "ALLY",
      {Request("ZMB", "2031-01-02", v1::ASSISTANCE_OUTCOME_GRANTED, "-a"),
       Request("ZMB", "2031-05-02", v1::ASSISTANCE_OUTCOME_GRANTED, "-b"),
       Request("ZMB", "2031-06-01", v1::ASSISTANCE_OUTCOME_DENIED, "-c"),
       Request("ZMB", "2031-09-01", v1::ASSISTANCE_OUTCOME_GRANTED, "-d")},
      {Deployment("ZMB", "2031-07-01")});
  std::map<std::string, int> deployments;
  for (const v1::Case& c : cases) deployments[c.request_id()] = c.intervention_ids_size();
  EXPECT_EQ(deployments["request/ALLY/ZMB/2031-b"], 1) << "not the earlier one, not the denied one, not the later one";
  EXPECT_EQ(deployments["request/ALLY/ZMB/2031-a"] + deployments["request/ALLY/ZMB/2031-c"] +
                deployments["request/ALLY/ZMB/2031-d"],
            0);
}

TEST(BuildCases, ADeploymentNoAppealLedToIsACaseOfItsOwn) {
  const auto cases = BuildCases("ALLY",
                                {Request("ZMB", "2031-05-01", v1::ASSISTANCE_OUTCOME_GRANTED),
                                 Request("RUR", "2031-01-01", v1::ASSISTANCE_OUTCOME_GRANTED)},
                                {Deployment("ZMB", "2031-02-01"), Deployment("ZMB", "2032-06-01"),
                                 Deployment("BOR", "2031-03-01")});
  std::vector<std::string> own;
  for (const v1::Case& c : cases) {
    if (c.request_id().empty()) own.push_back(c.id());
  }
  EXPECT_THAT(own, ::testing::UnorderedElementsAre("case/ALLY/ZMB/deployment/2031", "case/ALLY/ZMB/deployment/2032",
                                                   "case/ALLY/BOR/deployment/2031"))
      << "one before the appeal, one a year later, one where nobody asked";
}

TEST(BuildCases, UndatedPartsJoinOnlyTheOneOpenAppealTheDeploymentNames) {
  v1::Intervention named = Deployment("ZMB", "");
  named.set_requested_by("ZMB");
  auto cases = BuildCases("ALLY", {Request("ZMB", "2031", v1::ASSISTANCE_OUTCOME_GRANTED)}, {named});
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].intervention_ids_size(), 1);

  cases = BuildCases("ALLY", {Request("ZMB", "2031", v1::ASSISTANCE_OUTCOME_GRANTED)}, {Deployment("ZMB", "")});
  EXPECT_EQ(cases.size(), 2u) << "without requested_by an undated deployment is not linked";
  cases = BuildCases("ALLY",
                     {Request("ZMB", "2031", v1::ASSISTANCE_OUTCOME_GRANTED),
                      Request("ZMB", "2033", v1::ASSISTANCE_OUTCOME_GRANTED)},
                     {named});
  EXPECT_EQ(cases.size(), 3u) << "two open appeals: which one is unknown";
}

// Every appeal (but NOT_REQUESTED ones) and every deployment is in exactly one
// case, and the answer does not depend on the order the facts come in.
TEST(BuildCases, EveryPartIsInExactlyOneCaseWhateverTheOrder) {
  std::vector<v1::AssistanceRequest> requests = {
      Request("ZMB", "2031-01-02", v1::ASSISTANCE_OUTCOME_GRANTED, "-a"),
      Request("ZMB", "2031-04", v1::ASSISTANCE_OUTCOME_PENDING, "-b"),
      Request("RUR", "2031", v1::ASSISTANCE_OUTCOME_DENIED),
      Request("BOR", "2030", v1::ASSISTANCE_OUTCOME_NOT_REQUESTED)};
  std::vector<v1::Intervention> interventions = {Deployment("ZMB", "2031-02-01", "2031-03-01", "-x"),
                                                 Deployment("ZMB", "2031-05-01", "", "-y"),
                                                 Deployment("RUR", "2031-06-01")};
  std::string first;
  std::vector<int> order = {0, 1, 2};
  do {
    std::vector<v1::Intervention> permuted;
    for (int i : order) permuted.push_back(interventions[static_cast<size_t>(i)]);
    std::reverse(requests.begin(), requests.end());
    const auto cases = BuildCases("ALLY", requests, permuted);
    std::map<std::string, int> seen;
    for (const v1::Case& c : cases) {
      if (!c.request_id().empty()) ++seen[c.request_id()];
      for (const std::string& id : c.intervention_ids()) ++seen[id];
    }
    EXPECT_EQ(seen.size(), 6u);
    for (const auto& [id, count] : seen) EXPECT_EQ(count, 1) << id;
    std::string bytes;
    for (const v1::Case& c : cases) bytes += DeterministicBytes(c);
    if (first.empty()) first = bytes;
    EXPECT_EQ(bytes, first);
  } while (std::next_permutation(order.begin(), order.end()));
}

}  // namespace
}  // namespace alliance::query
