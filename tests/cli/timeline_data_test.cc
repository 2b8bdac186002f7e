// BuildTimeline on hand-built query answers: rows per country, periods and
// their boundaries, withdrawals and suspensions, requests and interventions,
// undated facts placed by publication or listed as not drawn, and the same
// picture whatever the order of the answers.
#include "cli/timeline_data.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "cli/timeline_render.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

v1::Evidence Quote(const std::string& quote, const std::string& title, v1::PartialDate published) {
  v1::Evidence evidence;
  evidence.set_document_id("0123456789abcdef0123");
  evidence.set_document_title(title);
  evidence.set_quote(quote);
  *evidence.mutable_document_published() = published;
  return evidence;
}

v1::MembershipEvent Event(const std::string& country, v1::MembershipAction action, v1::PartialDate date,
                          const std::string& quote, v1::PartialDate published = MakeDate(2022, 3, 25)) {
  v1::MembershipEvent event;
  event.set_id(absl::StrCat("membership/CSTO/", country, "/", action, "/", FormatDate(date)));
  event.set_country(country);
  event.set_organization("CSTO");
  event.set_action(action);
  *event.mutable_date() = date;
  event.set_factuality(v1::FACTUALITY_ASSERTED);
  event.set_sources(1);
  event.set_confidence(0.5);
  *event.add_evidence() = Quote(quote, "CSTO at thirty", published);
  return event;
}

v1::MembershipPeriod Period(const std::string& country, v1::MembershipStatus status, v1::PartialDate from,
                            v1::PartialDate to, std::vector<std::string> event_ids) {
  v1::MembershipPeriod period;
  period.set_country(country);
  period.set_status(status);
  *period.mutable_from() = from;
  *period.mutable_to() = to;
  for (const std::string& id : event_ids) period.add_event_ids(id);
  period.set_factuality(v1::FACTUALITY_ASSERTED);
  return period;
}

v1::AssistanceRequest Request(const std::string& country, v1::AssistanceOutcome outcome, v1::PartialDate date,
                              v1::PartialDate published = MakeDate(2022)) {
  v1::AssistanceRequest request;
  request.set_id(absl::StrCat("request/CSTO/", country, "/", date.year()));
  request.set_organization("CSTO");
  request.set_requester_country(country);
  request.set_outcome(outcome);
  *request.mutable_date() = date;
  request.set_factuality(v1::FACTUALITY_ASSERTED);
  request.set_sources(1);
  *request.add_evidence() = Quote(absl::StrCat(country, " asked for help."), "", published);
  return request;
}

TimelineFacts SampleFacts() {
  TimelineFacts facts;
  const v1::MembershipEvent signed_uzb =
      Event("UZB", v1::MEMBERSHIP_ACTION_SIGNED, MakeDate(1992, 5, 15), "Uzbekistan signed in Tashkent.");
  const v1::MembershipEvent left_uzb = Event("UZB", v1::MEMBERSHIP_ACTION_WITHDREW, MakeDate(1999, 4), "It left.");
  const v1::MembershipEvent left_again = Event("UZB", v1::MEMBERSHIP_ACTION_WITHDREW, v1::PartialDate(),
                                               "Uzbekistan, which left the treaty, ...");
  const v1::MembershipEvent signed_arm =
      Event("ARM", v1::MEMBERSHIP_ACTION_SIGNED, MakeDate(1992, 5, 15), "Armenia signed.");
  const v1::MembershipEvent suspended_arm =
      Event("ARM", v1::MEMBERSHIP_ACTION_SUSPENDED, v1::PartialDate(), "Armenia froze its participation.",
            MakeDate(2024, 2, 23));
  for (const auto& event : {signed_arm, suspended_arm, signed_uzb, left_uzb, left_again}) {
    *facts.history.add_events() = event;
  }
  *facts.history.add_periods() =
      Period("ARM", v1::MEMBERSHIP_STATUS_MEMBER, MakeDate(1992, 5, 15), v1::PartialDate(), {signed_arm.id()});
  *facts.history.add_periods() = Period("UZB", v1::MEMBERSHIP_STATUS_MEMBER, MakeDate(1992, 5, 15),
                                        MakeDate(1999, 4), {signed_uzb.id(), left_uzb.id()});
  v1::MembershipPeriod observer = Period("SRB", v1::MEMBERSHIP_STATUS_OBSERVER, v1::PartialDate(),
                                         v1::PartialDate(), {"membership/CSTO/SRB/observer"});
  *observer.mutable_from_at_latest() = MakeDate(2013, 5, 20);
  observer.mutable_to()->set_as_written("unknown");
  *observer.mutable_to_at_latest() = MakeDate(2020);
  *facts.history.add_periods() = observer;

  v1::Intervention intervention;
  intervention.set_id("intervention/CSTO/KAZ/2022");
  intervention.set_organization("CSTO");
  intervention.set_host_country("KAZ");
  *intervention.mutable_start() = MakeDate(2022, 1, 5);
  *intervention.mutable_end() = MakeDate(2022, 1, 12);
  intervention.set_requested_by("KAZ");
  intervention.set_factuality(v1::FACTUALITY_ASSERTED);
  intervention.set_sources(3);
  *intervention.add_evidence() = Quote("2,500 troops entered Kazakhstan.", "Op-ed", MakeDate(2022, 3, 25));
  facts.interventions.push_back(intervention);
  v1::Intervention proposed = intervention;
  proposed.set_id("intervention/CSTO/ARM/2022");
  proposed.set_host_country("ARM");
  proposed.set_factuality(v1::FACTUALITY_PROPOSED);
  facts.interventions.push_back(proposed);

  facts.requests.push_back(Request("KGZ", v1::ASSISTANCE_OUTCOME_DENIED, MakeDate(2010, 6)));
  facts.requests.push_back(Request("KAZ", v1::ASSISTANCE_OUTCOME_GRANTED, MakeDate(2022, 1, 5)));
  facts.requests.push_back(Request("TJK", v1::ASSISTANCE_OUTCOME_PENDING, v1::PartialDate()));
  facts.requests.push_back(
      Request("ARM", v1::ASSISTANCE_OUTCOME_NOT_REQUESTED, v1::PartialDate(), v1::PartialDate()));
  return facts;
}

std::vector<std::string> Countries(const Timeline& timeline) {
  std::vector<std::string> countries;
  for (const TimelineRow& row : timeline.rows) countries.push_back(row.country);
  return countries;
}

const TimelineRow& RowOf(const Timeline& timeline, const std::string& country) {
  for (const TimelineRow& row : timeline.rows) {
    if (row.country == country) return row;
  }
  static const TimelineRow* none = new TimelineRow;
  ADD_FAILURE() << "no row " << country;
  return *none;
}

TEST(BuildTimeline, HasOneRowPerCountryWithAnythingToDrawSortedByCode) {
  const Timeline timeline = BuildTimeline(SampleFacts());
  EXPECT_EQ(timeline.organization, "CSTO");
  EXPECT_THAT(Countries(timeline), ElementsAre("ARM", "KAZ", "KGZ", "SRB", "TJK", "UZB"));
}

TEST(BuildTimeline, TakesPeriodsWithTheirBoundariesAndTheQuotesOfBothEnds) {
  const Timeline timeline = BuildTimeline(SampleFacts());
  const TimelineRow& uzb = RowOf(timeline, "UZB");
  ASSERT_EQ(uzb.periods.size(), 1u);
  const TimelinePeriod& period = uzb.periods[0];
  EXPECT_EQ(period.status, TimelineStatus::kMember);
  EXPECT_EQ(period.from.year, 1992);
  EXPECT_EQ(period.from.day, 15);
  EXPECT_EQ(period.to.year, 1999);
  EXPECT_EQ(period.to.month, 4);
  EXPECT_FALSE(period.ongoing);
  ASSERT_EQ(period.facts.size(), 2u);
  EXPECT_THAT(period.facts[0].heading, HasSubstr("opened by SIGNED 1992-05-15"));
  EXPECT_THAT(period.facts[1].heading, HasSubstr("closed by WITHDREW 1999-04"));
  ASSERT_EQ(period.facts[0].sources.size(), 1u);
  EXPECT_EQ(period.facts[0].sources[0].quote, "Uzbekistan signed in Tashkent.");
  EXPECT_EQ(period.facts[0].sources[0].document, "CSTO at thirty");
  EXPECT_EQ(period.facts[0].sources[0].published, "2022-03-25");

  EXPECT_TRUE(RowOf(timeline, "ARM").periods.at(0).ongoing);
  const TimelinePeriod& observer = RowOf(timeline, "SRB").periods.at(0);
  EXPECT_EQ(observer.status, TimelineStatus::kObserver);
  EXPECT_TRUE(observer.from_is_latest);
  EXPECT_EQ(observer.from.year, 2013);
  EXPECT_TRUE(observer.to_is_latest);
  EXPECT_EQ(observer.to.year, 2020);
  EXPECT_FALSE(observer.ongoing);
}

TEST(BuildTimeline, MarksWithdrawalsAndSuspensionsAndDropsUndatedRepeats) {
  const Timeline timeline = BuildTimeline(SampleFacts());
  const TimelineRow& uzb = RowOf(timeline, "UZB");
  // The undated "which left the treaty" repeats the dated exit of 1999.
  ASSERT_EQ(uzb.events.size(), 1u);
  EXPECT_EQ(uzb.events[0].kind, TimelineEventKind::kWithdrawal);
  EXPECT_EQ(uzb.events[0].date.year, 1999);
  EXPECT_THAT(uzb.events[0].summary, HasSubstr("UZB WITHDREW 1999-04"));
  // An undated suspension with no dated one is placed by its article.
  const TimelineRow& arm = RowOf(timeline, "ARM");
  ASSERT_EQ(arm.events.size(), 1u);
  EXPECT_EQ(arm.events[0].kind, TimelineEventKind::kSuspension);
  EXPECT_TRUE(arm.events[0].date_is_latest);
  EXPECT_EQ(arm.events[0].date.year, 2024);
  EXPECT_THAT(arm.events[0].summary, HasSubstr("undated, by 2024-02-23"));
}

TEST(BuildTimeline, DrawsRequestsWithTheirOutcomeAndAssertedInterventions) {
  const Timeline timeline = BuildTimeline(SampleFacts());
  const TimelineRow& kaz = RowOf(timeline, "KAZ");
  ASSERT_EQ(kaz.markers.size(), 2u);
  EXPECT_EQ(kaz.markers[0].kind, TimelineMarkerKind::kRequest);
  EXPECT_EQ(kaz.markers[0].outcome, TimelineOutcome::kGranted);
  EXPECT_EQ(kaz.markers[1].kind, TimelineMarkerKind::kIntervention);
  EXPECT_EQ(kaz.markers[1].end.day, 12);
  EXPECT_THAT(kaz.markers[1].summary, HasSubstr("KAZ intervention 2022-01-05 to 2022-01-12"));
  EXPECT_THAT(kaz.markers[1].summary, HasSubstr("requested by KAZ"));
  EXPECT_EQ(kaz.markers[1].facts.at(0).sources.at(0).document, "Op-ed");
  EXPECT_EQ(RowOf(timeline, "KGZ").markers.at(0).outcome, TimelineOutcome::kDenied);
  // An undated request is placed by its article; its source is named by id.
  const TimelineMarker& tjk = RowOf(timeline, "TJK").markers.at(0);
  EXPECT_EQ(tjk.outcome, TimelineOutcome::kPending);
  EXPECT_TRUE(tjk.date_is_latest);
  EXPECT_EQ(tjk.facts.at(0).sources.at(0).document, "document 0123456789ab");
  // The proposed intervention in ARM is not drawn; the undated, unpublished
  // request is listed instead of drawn.
  for (const TimelineMarker& marker : RowOf(timeline, "ARM").markers) {
    EXPECT_NE(marker.kind, TimelineMarkerKind::kIntervention);
  }
  EXPECT_THAT(RowOf(timeline, "ARM").markers, IsEmpty());
  ASSERT_EQ(timeline.undrawn.size(), 1u);
  EXPECT_THAT(timeline.undrawn[0], HasSubstr("ARM request for help"));
  EXPECT_THAT(timeline.undrawn[0], HasSubstr("NOT_REQUESTED"));
}

TEST(BuildTimeline, GivesTheSamePictureWhateverTheOrderOfTheAnswers) {
  const TimelineFacts facts = SampleFacts();
  TimelineFacts reversed = facts;
  std::reverse(reversed.interventions.begin(), reversed.interventions.end());
  std::reverse(reversed.requests.begin(), reversed.requests.end());
  std::reverse(reversed.history.mutable_events()->begin(), reversed.history.mutable_events()->end());
  EXPECT_EQ(RenderTimelineSvg(BuildTimeline(reversed)), RenderTimelineSvg(BuildTimeline(facts)));
}

TEST(BuildTimeline, UsesTheOrganizationAskedFor) {
  TimelineFacts facts = SampleFacts();
  facts.organization = "sco";
  EXPECT_EQ(BuildTimeline(facts).organization, "SCO");
  EXPECT_EQ(BuildTimeline(TimelineFacts()).organization, "");
  EXPECT_THAT(BuildTimeline(TimelineFacts()).rows, IsEmpty());
}

}  // namespace
}  // namespace alliance::cli
