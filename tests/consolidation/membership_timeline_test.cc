#include "query-service/consolidation/membership_timeline.h"

#include <algorithm>
#include <random>
#include <string>
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

TEST(MembershipTimeline, EventsCountFromTheFirstDayOfTheirDate) {
  const std::vector<v1::MembershipEvent> events = {Event("AAA", kJoined, "1993"), Event("AAA", kDeclined, "1999")};
  EXPECT_EQ(Members(events, "1992-12-31"), "");
  EXPECT_EQ(Members(events, "1993-01-01"), "AAA");
  EXPECT_EQ(Members(events, "1995-01-01"), "AAA");
  EXPECT_EQ(Members(events, "1998-12-31"), "AAA");
  EXPECT_EQ(Members(events, "1999-06-01"), "");
  EXPECT_EQ(Members(events, "2000-01-01"), "");
  EXPECT_EQ(Members(events, "1995"), "AAA");
}

TEST(MembershipTimeline, UndatedEventsOpenBeforeAnyDateAndCloseOnlyInTheLatestState) {
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

TEST(MembershipTimeline, OnlyAssertedEventsCount) {
  const std::vector<v1::MembershipEvent> events = {
      Event("ARM", kSigned, "1992-05-15"), Event("ARM", kWithdrew, "2024", v1::FACTUALITY_PROPOSED),
      Event("UKR", kJoined, "2030", v1::FACTUALITY_HYPOTHETICAL), Event("AZE", kPartner, "2019")};
  EXPECT_EQ(Members(events, ""), "ARM");
  EXPECT_EQ(ComputePeriods(events).size(), 1u);
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

}  // namespace
}  // namespace alliance::query
