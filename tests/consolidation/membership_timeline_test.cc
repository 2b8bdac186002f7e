#include "query-service/consolidation/membership_timeline.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Date;

constexpr v1::MembershipAction kSigned = v1::MEMBERSHIP_ACTION_SIGNED;
constexpr v1::MembershipAction kJoined = v1::MEMBERSHIP_ACTION_JOINED;
constexpr v1::MembershipAction kRenewed = v1::MEMBERSHIP_ACTION_RENEWED;
constexpr v1::MembershipAction kDeclined = v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL;
constexpr v1::MembershipAction kWithdrew = v1::MEMBERSHIP_ACTION_WITHDREW;
constexpr v1::MembershipAction kRejoined = v1::MEMBERSHIP_ACTION_REJOINED;
constexpr v1::MembershipAction kSuspended = v1::MEMBERSHIP_ACTION_SUSPENDED;
constexpr v1::MembershipAction kObserver = v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED;
constexpr v1::MembershipAction kObserverEnded = v1::MEMBERSHIP_ACTION_OBSERVER_ENDED;
constexpr v1::MembershipAction kPartner = v1::MEMBERSHIP_ACTION_PARTNER_PROPOSED;

v1::MembershipEvent Event(const std::string& country, v1::MembershipAction action, const std::string& date,
                          v1::Factuality factuality = v1::FACTUALITY_ASSERTED) {
  v1::MembershipEvent event;
  event.set_country(country);
  event.set_organization("CSTO");
  event.set_action(action);
  *event.mutable_date() = Date(date);
  event.set_factuality(factuality);
  event.set_id(absl::StrCat("membership/CSTO/", country, "/", v1::MembershipAction_Name(action), "/",
                            date.empty() ? "undated" : date));
  return event;
}

// Returns `event` with one more piece of evidence, from a document published
// on `published` ("" = unknown).
v1::MembershipEvent Told(v1::MembershipEvent event, const std::string& published) {
  v1::Evidence* evidence = event.add_evidence();
  evidence->set_document_id(absl::StrCat("doc-", event.evidence_size(), "-", published));
  *evidence->mutable_document_published() = Date(published);
  return event;
}

v1::MembershipEvent Reported(v1::MembershipEvent event, const std::string& speaker) {
  event.set_factuality(v1::FACTUALITY_REPORTED);
  event.set_reported_by(speaker);
  return event;
}

std::string Members(const std::vector<v1::MembershipEvent>& events, const std::string& as_of,
                    bool include_observers = false) {
  std::vector<std::string> out;
  for (const v1::Member& m : MembersAsOf(ComputePeriods(events), Date(as_of), include_observers)) {
    out.push_back(m.status() == v1::MEMBERSHIP_STATUS_MEMBER
                      ? m.country()
                      : absl::StrCat(m.country(), "(", v1::MembershipStatus_Name(m.status()), ")"));
  }
  return absl::StrJoin(out, ",");
}

// Members() with doubt: "ARM?" for a country whose answer depends on where
// within its date interval an event fell, "ARM?<ids>" with `ids`.
std::string MembersWithDoubt(const std::vector<v1::MembershipEvent>& events, const std::string& as_of,
                             bool include_observers = false, bool ids = false) {
  std::vector<std::string> out;
  for (const v1::Member& m : MembersAsOf(ComputePeriods(events), Date(as_of), include_observers)) {
    EXPECT_EQ(m.straddles_as_of(), m.straddling_event_ids_size() > 0);
    std::string label = m.status() == v1::MEMBERSHIP_STATUS_MEMBER
                            ? m.country()
                            : absl::StrCat(m.country(), "(", v1::MembershipStatus_Name(m.status()), ")");
    if (m.straddles_as_of()) absl::StrAppend(&label, "?", ids ? absl::StrJoin(m.straddling_event_ids(), "+") : "");
    out.push_back(label);
  }
  return absl::StrJoin(out, ",");
}

// The required membership events of seed-gold.json, written out by hand.
std::vector<v1::MembershipEvent> SeedGoldEvents() {
  std::vector<v1::MembershipEvent> events;
  for (const char* c : {"ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"}) events.push_back(Event(c, kSigned, "1992-05-15"));
  for (const char* c : {"AZE", "BLR", "GEO"}) events.push_back(Event(c, kJoined, "1993"));
  for (const char* c : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}) events.push_back(Event(c, kRenewed, "1999-04"));
  for (const char* c : {"AZE", "GEO", "UZB"}) events.push_back(Event(c, kDeclined, "1999"));
  events.push_back(Event("UZB", kRejoined, "2006"));
  events.push_back(Event("UZB", kWithdrew, "2012"));
  return events;
}

TEST(MembershipTimeline, SeedGoldMembersAsOfFollowFromTheRequiredEvents) {
  const std::vector<v1::MembershipEvent> events = SeedGoldEvents();
  EXPECT_EQ(Members(events, "1995-01-01"), "ARM,AZE,BLR,GEO,KAZ,KGZ,RUS,TJK,UZB");
  EXPECT_EQ(Members(events, "2000-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(Members(events, "2008-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK,UZB");
  EXPECT_EQ(Members(events, "2013-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(Members(events, "2022-06-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(Members(events, ""), "ARM,BLR,KAZ,KGZ,RUS,TJK");
}

TEST(MembershipTimeline, AlternativeActionsTheGoldAllowsGiveTheSameMembers) {
  std::vector<v1::MembershipEvent> events = SeedGoldEvents();
  for (v1::MembershipEvent& e : events) {
    if (e.action() == kDeclined && e.country() != "AZE") e.set_action(kWithdrew);
    if (e.action() == kRejoined) e.set_action(kJoined);
    if (e.country() == "UZB" && e.date().year() == 2012) e.set_action(kSuspended);
    if (e.country() == "BLR" && e.action() == kJoined) e.set_action(kSigned);
  }
  events.push_back(Event("AZE", kSigned, "1992"));
  events.push_back(Event("BLR", kSigned, "1992"));
  events.push_back(Event("AZE", kPartner, "2019", v1::FACTUALITY_PROPOSED));
  events.push_back(Event("SRB", kObserver, ""));
  events.push_back(Event("AFG", kObserver, ""));
  events.push_back(Event("AFG", kObserverEnded, ""));
  for (const char* c : {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"}) {
    events.push_back(Event(c, kRenewed, "1994"));
  }
  EXPECT_EQ(Members(events, "1995-01-01"), "ARM,AZE,BLR,GEO,KAZ,KGZ,RUS,TJK,UZB");
  EXPECT_EQ(Members(events, "2000-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(Members(events, "2008-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK,UZB");
  EXPECT_EQ(Members(events, "2013-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(Members(events, "2022-06-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  // AFG's undated end of observer status counts only in the latest state.
  EXPECT_EQ(Members(events, "", true),
            "ARM,BLR,KAZ,KGZ,RUS,SRB(MEMBERSHIP_STATUS_OBSERVER),TJK,UZB(MEMBERSHIP_STATUS_SUSPENDED)");
}

TEST(MembershipTimeline, RejoiningOpensASecondPeriod) {
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(
      {Event("UZB", kWithdrew, "2012"), Event("UZB", kRejoined, "2006"), Event("UZB", kSigned, "1992-05-15"),
       Event("UZB", kDeclined, "1999")});
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(FormatDate(periods[0].from()), "1992-05-15");
  EXPECT_EQ(FormatDate(periods[0].to()), "1999");
  EXPECT_EQ(FormatDate(periods[1].from()), "2006");
  EXPECT_EQ(FormatDate(periods[1].to()), "2012");
  EXPECT_EQ(periods[1].status(), v1::MEMBERSHIP_STATUS_MEMBER);
  EXPECT_EQ(std::vector<std::string>(periods[1].event_ids().begin(), periods[1].event_ids().end()),
            (std::vector<std::string>{"membership/CSTO/UZB/MEMBERSHIP_ACTION_REJOINED/2006",
                                      "membership/CSTO/UZB/MEMBERSHIP_ACTION_WITHDREW/2012"}));
}

TEST(MembershipTimeline, SuspensionSwitchesStatusUntilRejoining) {
  const std::vector<v1::MembershipEvent> events = {Event("XKA", kJoined, "2001"), Event("XKA", kSuspended, "2005-03"),
                                                   Event("XKA", kRejoined, "2009"), Event("XKB", kSigned, "2001")};
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 4u);
  EXPECT_EQ(periods[1].status(), v1::MEMBERSHIP_STATUS_SUSPENDED);
  EXPECT_EQ(FormatDate(periods[1].from()), "2005-03");
  EXPECT_EQ(FormatDate(periods[1].to()), "2009");
  EXPECT_EQ(Members(events, "2006-01-01"), "XKB");
  EXPECT_EQ(Members(events, "2006-01-01", true), "XKA(MEMBERSHIP_STATUS_SUSPENDED),XKB");
  EXPECT_EQ(Members(events, "2010-01-01"), "XKA,XKB");
  EXPECT_EQ(MembersAsOf(periods, Date("2010-01-01"), false)[0].since().year(), 2009);
}

TEST(MembershipTimeline, EventsCountByTheDaysTheirDateCanMean) {
  const std::vector<v1::MembershipEvent> events = {Event("AAA", kJoined, "1993"), Event("AAA", kDeclined, "1999")};
  EXPECT_EQ(MembersWithDoubt(events, "1992-12-31"), "");
  EXPECT_EQ(MembersWithDoubt(events, "1993-01-01"), "AAA?");
  EXPECT_EQ(MembersWithDoubt(events, "1995-01-01"), "AAA");
  EXPECT_EQ(MembersWithDoubt(events, "1998-12-31"), "AAA");
  EXPECT_EQ(MembersWithDoubt(events, "1999-06-01"), "AAA?");
  EXPECT_EQ(MembersWithDoubt(events, "2000-01-01"), "");
  EXPECT_EQ(MembersWithDoubt(events, "1995"), "AAA");
}

TEST(MembershipTimeline, UndatedEventsWithoutPublicationDateOpenBeforeAnyDateAndCloseOnlyInTheLatestState) {
  const std::vector<v1::MembershipEvent> events = {Event("AFG", kObserver, ""), Event("AFG", kObserverEnded, ""),
                                                   Event("SRB", kObserver, ""), Event("BBB", kJoined, "")};
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(periods[0].country(), "AFG");
  EXPECT_EQ(periods[0].to().year(), 0);
  EXPECT_EQ(periods[0].to().as_written(), kUnknownEnd);
  EXPECT_EQ(Members(events, "1990-01-01", true),
            "AFG(MEMBERSHIP_STATUS_OBSERVER),BBB,SRB(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, "", true), "BBB,SRB(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, ""), "BBB");
}

TEST(MembershipTimeline, UndatedEventsRepeatingDatedOnesAreSkipped) {
  const std::vector<v1::MembershipEvent> events = {
      Event("UZB", kSigned, ""),          Event("UZB", kSigned, "1992-05-15"), Event("UZB", kWithdrew, "1999"),
      Event("UZB", kRejoined, "2006"),    Event("UZB", kWithdrew, ""),         Event("SRB", kObserver, "2013"),
      Event("SRB", kObserver, "")};
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(FormatDate(periods[0].from()), "2013");
  EXPECT_EQ(FormatDate(periods[1].from()), "1992-05-15");
  EXPECT_EQ(Members(events, ""), "UZB");
  EXPECT_EQ(Members(events, "1990-01-01", true), "");
}

TEST(MembershipTimeline, NegatedHypotheticalAndProposedEventsDoNotCount) {
  const std::vector<v1::MembershipEvent> events = {
      Event("ARM", kSigned, "1992-05-15"), Event("ARM", kWithdrew, "2024", v1::FACTUALITY_PROPOSED),
      Event("UKR", kJoined, "2030", v1::FACTUALITY_HYPOTHETICAL), Event("AZE", kPartner, "2019"),
      Event("KAZ", kWithdrew, "2022", v1::FACTUALITY_NEGATED)};
  EXPECT_EQ(Members(events, ""), "ARM");
  EXPECT_EQ(ComputePeriods(events).size(), 1u);
}

TEST(MembershipTimeline, ReportedEventsCountLikeAssertedOnes) {
  // "Azerbaijan joined in 1993, Baku said"; "it left in 1999, according to the ministry".
  const std::vector<v1::MembershipEvent> events = {Reported(Event("AZE", kJoined, "1993"), "AZE"),
                                                   Reported(Event("AZE", kDeclined, "1999"), ""),
                                                   Event("ARM", kSigned, "1992-05-15")};
  EXPECT_EQ(Members(events, "1995-01-01"), "ARM,AZE");
  EXPECT_EQ(Members(events, "2000-01-01"), "ARM");
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].factuality(), v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(periods[0].reported_by(), "");
  EXPECT_EQ(periods[1].country(), "AZE");
  EXPECT_EQ(FormatDate(periods[1].to()), "1999");
  EXPECT_EQ(periods[1].factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(periods[1].reported_by(), "AZE");
  const std::vector<v1::Member> members = MembersAsOf(periods, Date("1995"), false);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[1].factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(members[1].reported_by(), "AZE");
}

TEST(MembershipTimeline, TheAnchorIsTheEarliestPublicationDate) {
  EXPECT_TRUE(IsUnset(UndatedAnchor(Event("SRB", kObserver, ""))));
  EXPECT_TRUE(IsUnset(UndatedAnchor(Told(Event("SRB", kObserver, "2013"), "2013-05-20"))))
      << "a dated event has no anchor";
  v1::MembershipEvent event = Told(Told(Told(Event("SRB", kObserver, ""), "2015"), ""), "2013-05-20");
  event.mutable_evidence(2)->mutable_document_published()->set_as_written("20 May 2013");
  const v1::PartialDate anchor = UndatedAnchor(event);
  EXPECT_EQ(FormatDate(anchor), "2013-05-20");
  EXPECT_EQ(anchor.as_written(), "") << "only the calendar parts, so equal dates are one anchor";
  EXPECT_EQ(FormatDate(UndatedAnchor(Told(Told(Event("SRB", kObserver, ""), "2013"), "2013-01-01"))), "2013")
      << "the coarser of two dates with the same first day comes first";
}

TEST(MembershipTimeline, AnUndatedStatusHoldsFromItsPublicationNotBefore) {
  // "Serbia, an observer in the alliance's parliamentary assembly" in an article of 2013-05-20.
  const std::vector<v1::MembershipEvent> events = {Told(Event("SRB", kObserver, ""), "2013-05-20"),
                                                   Told(Event("BBB", kJoined, ""), "2001"),
                                                   Event("ARM", kSigned, "1992-05-15")};
  EXPECT_EQ(Members(events, "1995-01-01", true), "ARM");
  EXPECT_EQ(Members(events, "2001-01-01", true), "ARM,BBB");
  EXPECT_EQ(Members(events, "2013-05-19", true), "ARM,BBB");
  EXPECT_EQ(Members(events, "2013-05-20", true), "ARM,BBB,SRB(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, "2020", true), "ARM,BBB,SRB(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, "", true), "ARM,BBB,SRB(MEMBERSHIP_STATUS_OBSERVER)");

  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 3u);
  const v1::MembershipPeriod& observer = periods[2];
  EXPECT_EQ(observer.country(), "SRB");
  EXPECT_TRUE(IsUnset(observer.from())) << "the status began at an unknown date";
  EXPECT_EQ(FormatDate(observer.from_at_latest()), "2013-05-20");
  EXPECT_TRUE(IsUnset(observer.to()));
  EXPECT_EQ(observer.to().as_written(), "") << "it continues";
  EXPECT_TRUE(IsUnset(periods[0].from_at_latest())) << "only undated openings have an anchor";
  const std::vector<v1::Member> members = MembersAsOf(periods, Date("2014"), true);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_TRUE(IsUnset(members[2].since()));
  EXPECT_EQ(FormatDate(members[2].since_at_latest()), "2013-05-20");
}

TEST(MembershipTimeline, AnUndatedEndHappensByItsPublication) {
  // An observer told in 2010, no longer one in an article of 2015.
  const std::vector<v1::MembershipEvent> events = {Told(Event("AFG", kObserver, ""), "2010"),
                                                   Told(Event("AFG", kObserverEnded, ""), "2015-02-01")};
  EXPECT_EQ(Members(events, "2009-12-31", true), "");
  EXPECT_EQ(Members(events, "2012-01-01", true), "AFG(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, "2015-01-31", true), "AFG(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, "2015-02-01", true), "");
  EXPECT_EQ(Members(events, "", true), "");
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].to().as_written(), kUnknownEnd);
  EXPECT_EQ(FormatDate(periods[0].to_at_latest()), "2015-02-01");
  EXPECT_EQ(periods[0].event_ids_size(), 2);
}

TEST(MembershipTimeline, AnUndatedExitComesBeforeALaterDatedEntry) {
  // "Uzbekistan, which left the treaty" in 2005, before it rejoined in 2006.
  const std::vector<v1::MembershipEvent> events = {Event("UZB", kSigned, "1992-05-15"),
                                                   Told(Event("UZB", kWithdrew, ""), "2005-03-01"),
                                                   Event("UZB", kRejoined, "2006")};
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(FormatDate(periods[0].from()), "1992-05-15");
  EXPECT_EQ(periods[0].to().as_written(), kUnknownEnd);
  EXPECT_EQ(FormatDate(periods[0].to_at_latest()), "2005-03-01");
  EXPECT_EQ(FormatDate(periods[1].from()), "2006");
  EXPECT_EQ(Members(events, "2000-01-01"), "UZB") << "the exit is known only by 2005";
  EXPECT_EQ(Members(events, "2005-06-01"), "");
  EXPECT_EQ(Members(events, "2008-01-01"), "UZB");
  EXPECT_EQ(Members(events, ""), "UZB") << "an exit told in 2005 does not end the 2006 membership";
}

TEST(MembershipTimeline, AnUndatedOpeningComesBeforeALaterDatedExitAndAfterAnEarlierOne) {
  const std::vector<v1::MembershipEvent> before = {Told(Event("BBB", kJoined, ""), "2000"),
                                                   Event("BBB", kWithdrew, "2010")};
  EXPECT_EQ(Members(before, "1999-01-01"), "");
  EXPECT_EQ(Members(before, "2005-01-01"), "BBB");
  EXPECT_EQ(Members(before, "2011-01-01"), "");
  EXPECT_EQ(Members(before, ""), "");
  // A member as of an article of 2015, after an exit in 2010: it returned.
  const std::vector<v1::MembershipEvent> after = {Told(Event("CCC", kJoined, ""), "2015"),
                                                  Event("CCC", kWithdrew, "2010")};
  EXPECT_EQ(Members(after, "2012-01-01"), "");
  EXPECT_EQ(Members(after, "2016-01-01"), "CCC");
  EXPECT_EQ(Members(after, ""), "CCC");
}

TEST(MembershipTimeline, OnTheAnchorDayTheUndatedEventComesFirst) {
  const std::vector<v1::MembershipEvent> events = {Told(Event("SRB", kObserver, ""), "2013-05-20"),
                                                   Event("SRB", kObserverEnded, "2013-05-20")};
  const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(FormatDate(periods[0].from_at_latest()), "2013-05-20");
  EXPECT_EQ(FormatDate(periods[0].to()), "2013-05-20");
  EXPECT_EQ(Members(events, "2013-05-20", true), "");
}

TEST(MembershipTimeline, AnUndatedEventRepeatingADatedOneIsSkippedWhateverItsPublication) {
  const std::vector<v1::MembershipEvent> later = {Event("UZB", kSigned, "1992-05-15"),
                                                  Event("UZB", kWithdrew, "2012"),
                                                  Told(Event("UZB", kWithdrew, ""), "2014")};
  ASSERT_EQ(ComputePeriods(later).size(), 1u);
  EXPECT_EQ(FormatDate(ComputePeriods(later)[0].to()), "2012");
  EXPECT_EQ(Members(later, "2011"), "UZB");
  const std::vector<v1::MembershipEvent> earlier = {Event("UZB", kSigned, "1992-05-15"),
                                                    Event("UZB", kWithdrew, "2012"),
                                                    Told(Event("UZB", kWithdrew, ""), "2005")};
  ASSERT_EQ(ComputePeriods(earlier).size(), 1u);
  EXPECT_EQ(FormatDate(ComputePeriods(earlier)[0].to()), "2012");
  EXPECT_EQ(Members(earlier, "2008"), "UZB");
  // A dated suspension is a dated closing too: an undated exit told before it
  // does not end the membership (a frozen membership is not an exit).
  const std::vector<v1::MembershipEvent> frozen = {Event("ARM", kSigned, "1992-05-15"),
                                                   Event("ARM", kSuspended, "2024-02-22"),
                                                   Told(Event("ARM", kWithdrew, ""), "2022-09-22")};
  EXPECT_EQ(Members(frozen, "2023-12-01"), "ARM");
  EXPECT_EQ(Members(frozen, "", true), "ARM(MEMBERSHIP_STATUS_SUSPENDED)");
  const std::vector<v1::MembershipEvent> opening = {Event("SRB", kObserver, "2013-04"),
                                                    Told(Event("SRB", kObserver, ""), "2010")};
  ASSERT_EQ(ComputePeriods(opening).size(), 1u);
  EXPECT_EQ(FormatDate(ComputePeriods(opening)[0].from()), "2013-04");
}

TEST(MembershipTimeline, RenewalOpensMembershipOnlyWhenNotAMember) {
  const std::vector<v1::MembershipPeriod> periods =
      ComputePeriods({Event("KAZ", kRenewed, "1999-04"), Event("KAZ", kSigned, "1992-05-15"),
                      Event("TJK", kRenewed, "1999-04")});
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(FormatDate(periods[0].from()), "1992-05-15");
  EXPECT_EQ(FormatDate(periods[1].from()), "1999-04");
  EXPECT_EQ(periods[1].country(), "TJK");
}

TEST(MembershipTimeline, ObserverStatusEndsWhenTheCountryJoins) {
  const std::vector<v1::MembershipEvent> events = {Event("QQX", kObserver, "2010"), Event("QQX", kJoined, "2015")};
  EXPECT_EQ(Members(events, "2012-01-01", true), "QQX(MEMBERSHIP_STATUS_OBSERVER)");
  EXPECT_EQ(Members(events, "2012-01-01"), "");
  EXPECT_EQ(Members(events, "2016-01-01", true), "QQX");
}

TEST(MembershipTimeline, EventOrderDoesNotMatter) {
  std::vector<v1::MembershipEvent> events = SeedGoldEvents();
  events.push_back(Event("UZB", kSuspended, "2012"));
  events.push_back(Event("SRB", kObserver, ""));
  events.push_back(Told(Event("AFG", kObserver, ""), "2010"));
  events.push_back(Told(Event("AFG", kObserverEnded, ""), "2010"));
  events.push_back(Reported(Told(Event("GEO", kWithdrew, ""), "2001"), "Tbilisi"));
  std::string reference;
  for (const auto& p : ComputePeriods(events)) reference += p.SerializeAsString();
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(events.begin(), events.end(), random);
    std::string again;
    for (const auto& p : ComputePeriods(events)) again += p.SerializeAsString();
    ASSERT_EQ(again, reference);
  }
}

// An independent model of the header's rules for the brute-force test below:
// replay, in timeline order, the events that have happened by `as_of`, and
// report the state reached. (Periods are a different representation: the
// events that happened by a date form a prefix of the timeline, so both must
// agree.)
class ReplayOracle {
 public:
  explicit ReplayOracle(const std::vector<v1::MembershipEvent>& events) {
    for (const v1::MembershipEvent& event : events) {
      const v1::Factuality f = event.factuality();
      if (f == v1::FACTUALITY_ASSERTED || f == v1::FACTUALITY_REPORTED || f == v1::FACTUALITY_UNSPECIFIED) {
        counted_.push_back(event);
      }
    }
    std::vector<const v1::MembershipEvent*> kept;
    for (const v1::MembershipEvent& event : counted_) {
      if (!Skipped(event)) kept.push_back(&event);
    }
    std::sort(kept.begin(), kept.end(), [this](const v1::MembershipEvent* a, const v1::MembershipEvent* b) {
      return Key(*a) < Key(*b);
    });
    timeline_ = kept;
  }

  // The members on `as_of_text` as MembersWithDoubt() writes them. The
  // events that have happened by a date are a prefix of the timeline: for
  // each country, every prefix that holds all its events that surely
  // happened and changed its state (a boundary), and none that surely did
  // not, is a world that may be; a country is answered with the first listed
  // status these worlds give (shortest prefix first), marked "?" when they do
  // not all give it.
  std::string Members(const std::string& as_of_text, bool include_observers) const {
    const v1::PartialDate as_of = Date(as_of_text);
    std::map<std::string, std::vector<const v1::MembershipEvent*>> by_country;
    for (const v1::MembershipEvent* event : timeline_) by_country[event->country()].push_back(event);
    std::vector<std::string> out;
    for (const auto& [country, events] : by_country) {
      size_t longest = 0;
      while (longest < events.size() && HappenedBy(*events[longest], as_of) != kNo) ++longest;
      size_t shortest = 0;
      for (size_t i = 0; i < longest; ++i) {
        if (HappenedBy(*events[i], as_of) == kYes && ChangesState(events, i)) shortest = i + 1;
      }
      std::vector<std::string> worlds;
      for (size_t n = shortest; n <= longest; ++n) worlds.push_back(Replay(events, n, include_observers));
      auto first = std::find_if(worlds.begin(), worlds.end(), [](const std::string& w) { return !w.empty(); });
      if (first == worlds.end()) continue;
      const bool doubt = std::any_of(worlds.begin(), worlds.end(), [&](const std::string& w) { return w != *first; });
      out.push_back(doubt ? *first + "?" : *first);
    }
    return absl::StrJoin(out, ",");
  }

 private:
  enum ByDate { kNo, kMaybe, kYes };

  struct State {
    int membership = 0;  // 0 none, 1 member, 2 suspended
    bool observer = false;
    bool operator==(const State& o) const { return membership == o.membership && observer == o.observer; }
  };

  static void Apply(const v1::MembershipEvent& event, State* state) {
    int& membership = state->membership;
    bool& observer = state->observer;
    switch (event.action()) {
      case kSigned: case kJoined: case kRejoined:
        membership = 1; observer = false; break;
      case kRenewed:
        if (membership == 0) { membership = 1; observer = false; }
        break;
      case kWithdrew: case kDeclined:
        membership = 0; break;
      case kSuspended:
        if (membership != 2) { membership = 2; observer = false; }
        break;
      case kObserver:
        if (membership == 0 && !observer) observer = true;
        break;
      case kObserverEnded:
        observer = false; break;
      default:
        break;
    }
  }

  // True when events[i] changes the state the events before it reached.
  static bool ChangesState(const std::vector<const v1::MembershipEvent*>& events, size_t i) {
    State state;
    for (size_t k = 0; k < i; ++k) Apply(*events[k], &state);
    const State before = state;
    Apply(*events[i], &state);
    return !(state == before);
  }

  // The listed status of one country after replaying the first `n` of its
  // `events`; "" when none is listed.
  static std::string Replay(const std::vector<const v1::MembershipEvent*>& events, size_t n, bool include_observers) {
    State state;
    for (size_t k = 0; k < n; ++k) Apply(*events[k], &state);
    const std::string& country = events.front()->country();
    if (state.membership == 1) return country;
    if (!include_observers) return "";
    if (state.membership == 2) return absl::StrCat(country, "(MEMBERSHIP_STATUS_SUSPENDED)");
    if (state.observer) return absl::StrCat(country, "(MEMBERSHIP_STATUS_OBSERVER)");
    return "";
  }

  static bool Opens(v1::MembershipAction a) {
    return a == kSigned || a == kJoined || a == kRejoined || a == kRenewed || a == kObserver;
  }
  static int TrackOf(v1::MembershipAction a) {
    if (a == kObserver || a == kObserverEnded) return 1;
    return a == kPartner ? -1 : 0;
  }
  static int Rank(v1::MembershipAction a) {
    if (a == kSigned || a == kJoined || a == kRejoined || a == kObserver) return 0;
    if (a == kRenewed) return 1;
    if (a == kSuspended) return 2;
    if (a == kDeclined || a == kWithdrew) return 3;
    return a == kObserverEnded ? 4 : 5;
  }
  static v1::PartialDate When(const v1::MembershipEvent& e) {
    return IsUnset(e.date()) ? UndatedAnchor(e) : e.date();
  }
  bool Skipped(const v1::MembershipEvent& e) const {
    if (!IsUnset(e.date())) return false;
    for (const v1::MembershipEvent& d : counted_) {
      if (!IsUnset(d.date()) && d.country() == e.country() && TrackOf(d.action()) == TrackOf(e.action()) &&
          Opens(d.action()) == Opens(e.action())) {
        return true;
      }
    }
    return false;
  }
  static std::tuple<std::string, int, int32_t, int32_t, int, int, std::string, int> Key(const v1::MembershipEvent& e) {
    const v1::PartialDate when = When(e);
    const int phase = !IsUnset(when) ? 1 : (Opens(e.action()) ? 0 : 2);
    return {e.country(), phase, FirstDayKey(when), -LastDayKey(when), IsUnset(e.date()) ? 0 : 1,
            Rank(e.action()), e.id(), e.action()};
  }
  static ByDate HappenedBy(const v1::MembershipEvent& e, const v1::PartialDate& as_of) {
    if (IsUnset(as_of)) return kYes;
    const v1::PartialDate when = When(e);
    if (IsUnset(when)) return Opens(e.action()) ? kYes : kNo;
    const int32_t day = FirstDayKey(as_of);
    if (FirstDayKey(when) > day) return kNo;
    return IsUnset(e.date()) || LastDayKey(when) <= day ? kYes : kMaybe;
  }

  std::vector<v1::MembershipEvent> counted_;
  std::vector<const v1::MembershipEvent*> timeline_;
};

// One line per event: "e3 AAA JOINED 1995 REPORTED told 1994,2003".
std::string Describe(const std::vector<v1::MembershipEvent>& events) {
  std::string out;
  for (const v1::MembershipEvent& e : events) {
    std::vector<std::string> told;
    for (const v1::Evidence& evidence : e.evidence()) told.push_back(FormatDate(evidence.document_published()));
    absl::StrAppend(&out, e.id(), " ", e.country(), " ", v1::MembershipAction_Name(e.action()), " ",
                    IsUnset(e.date()) ? "undated" : FormatDate(e.date()), " ", v1::Factuality_Name(e.factuality()),
                    " told ", absl::StrJoin(told, ","), "\n");
  }
  return out;
}

TEST(MembershipTimeline, RandomHistoriesAgreeWithAReplayOfTheEventsThatHadHappened) {
  const std::vector<v1::MembershipAction> actions = {kSigned,   kJoined,   kRenewed,        kDeclined, kWithdrew,
                                                     kRejoined, kSuspended, kObserver, kObserverEnded, kPartner};
  const std::vector<v1::Factuality> factualities = {
      v1::FACTUALITY_ASSERTED, v1::FACTUALITY_ASSERTED, v1::FACTUALITY_REPORTED, v1::FACTUALITY_REPORTED,
      v1::FACTUALITY_HYPOTHETICAL, v1::FACTUALITY_NEGATED, v1::FACTUALITY_PROPOSED};
  const std::vector<std::string> dates = {"", "", "", "1995", "1995-06", "1995-06-15", "1999", "2003-02", "2005"};
  const std::vector<std::string> published = {"", "1994", "1995-06-15", "1999-12-31", "2003", "2005-03-01"};
  const std::vector<std::string> as_ofs = {"",           "1990",       "1994-12-31", "1995",       "1995-06-14",
                                           "1995-06-15", "1996",       "1999-06-01", "1999-12-31", "2000",
                                           "2003-01-31", "2003-02-01", "2004",       "2005-03-01", "2030"};
  std::mt19937 random(8);
  auto pick = [&random](const auto& list) { return list[random() % list.size()]; };
  for (int round = 0; round < 2000; ++round) {
    std::vector<v1::MembershipEvent> events;
    const int count = 1 + static_cast<int>(random() % 9);
    for (int i = 0; i < count; ++i) {
      v1::MembershipEvent event =
          Event(random() % 3 == 0 ? "BBB" : "AAA", pick(actions), pick(dates), pick(factualities));
      event.set_id(absl::StrCat("e", i));
      for (int told = static_cast<int>(random() % 3); told > 0; --told) event = Told(event, pick(published));
      events.push_back(event);
    }
    const std::vector<v1::MembershipPeriod> periods = ComputePeriods(events);
    for (const v1::MembershipPeriod& period : periods) {
      const std::string label = absl::StrCat("round ", round, ": ", period.DebugString());
      EXPECT_TRUE(IsUnset(period.from_at_latest()) || IsUnset(period.from())) << label;
      EXPECT_TRUE(IsUnset(period.to_at_latest()) || period.to().as_written() == kUnknownEnd) << label;
      const v1::PartialDate& start = IsUnset(period.from()) ? period.from_at_latest() : period.from();
      const v1::PartialDate& end = IsUnset(period.to()) ? period.to_at_latest() : period.to();
      if (!IsUnset(start) && !IsUnset(end)) {
        EXPECT_LE(FirstDayKey(start), FirstDayKey(end)) << label;
      }
    }
    const ReplayOracle oracle(events);
    for (const std::string& as_of : as_ofs) {
      for (bool observers : {false, true}) {
        ASSERT_EQ(MembersWithDoubt(events, as_of, observers), oracle.Members(as_of, observers))
            << "round " << round << ", as_of \"" << as_of << "\", observers " << observers << "\n"
            << Describe(events);
      }
    }
    std::string reference;
    for (const auto& p : periods) reference += p.SerializeAsString();
    std::shuffle(events.begin(), events.end(), random);
    std::string shuffled;
    for (const auto& p : ComputePeriods(events)) shuffled += p.SerializeAsString();
    ASSERT_EQ(shuffled, reference) << "round " << round;
  }
}

TEST(MembershipTimeline, ABoundaryWhoseIntervalHoldsTheDateIsMarkedNotGuessed) {
  const std::vector<v1::MembershipEvent> events = {Event("ARM", kSigned, "1992-05-15"), Event("UZB", kJoined, "2006"),
                                                   Event("ARM", kWithdrew, "2012")};
  EXPECT_EQ(MembersWithDoubt(events, "2005-12-31"), "ARM");
  EXPECT_EQ(MembersWithDoubt(events, "2006-06-01", false, true),
            "ARM,UZB?membership/CSTO/UZB/MEMBERSHIP_ACTION_JOINED/2006");
  EXPECT_EQ(MembersWithDoubt(events, "2006-12-31"), "ARM,UZB");  // the year's last day: it has happened
  EXPECT_EQ(MembersWithDoubt(events, "2012-01-01", false, true),
            "ARM?membership/CSTO/ARM/MEMBERSHIP_ACTION_WITHDREW/2012,UZB");
  EXPECT_EQ(MembersWithDoubt(events, "2013-01-01"), "UZB");
  // A boundary before one that surely happened has happened too.
  const std::vector<v1::MembershipEvent> brief = {Event("UZB", kJoined, "2006"), Event("UZB", kWithdrew, "2006-05-02")};
  EXPECT_EQ(MembersWithDoubt(brief, "2006-05-01"), "UZB?");
  EXPECT_EQ(MembersWithDoubt(brief, "2006-06-01"), "");
}

TEST(MembershipTimeline, WrittenIntervalsDecideWhatIsSure) {
  v1::MembershipEvent suspended = Event("BLR", kSuspended, "2021");
  suspended.mutable_date()->set_approximate(true);
  suspended.mutable_date()->set_earliest("2021-03-01");
  suspended.mutable_date()->set_latest("2021-05-31");
  const std::vector<v1::MembershipEvent> events = {Event("BLR", kJoined, "1993"), suspended};
  EXPECT_EQ(MembersWithDoubt(events, "2021-02-28"), "BLR");
  EXPECT_EQ(MembersWithDoubt(events, "2021-04-01", false, true),
            "BLR?membership/CSTO/BLR/MEMBERSHIP_ACTION_SUSPENDED/2021");
  EXPECT_EQ(MembersWithDoubt(events, "2021-04-01", true), "BLR?");
  EXPECT_EQ(MembersWithDoubt(events, "2021-06-01"), "");
  // With observers the suspension shows once it surely began.
  EXPECT_EQ(Members(events, "2021-06-01", true), "BLR(MEMBERSHIP_STATUS_SUSPENDED)");
}

}  // namespace
}  // namespace alliance::query
