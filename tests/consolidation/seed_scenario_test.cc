// Consolidation and the membership timeline together, on records shaped like
// those the extraction pipeline reads from the seed articles (five documents,
// one a syndicated copy of another). The expectations mirror the shape of
// corpus/seed-gold.json; the records are written by hand.
#include <map>
#include <set>

#include "absl/strings/str_join.h"
#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/consolidation/membership_timeline.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Approximate;
using testing::Date;
using testing::Document;
using testing::Documents;
using testing::Intervention;
using testing::Membership;
using testing::Request;
using testing::Troops;

constexpr auto kSigned = v1::MEMBERSHIP_ACTION_SIGNED;
constexpr auto kJoined = v1::MEMBERSHIP_ACTION_JOINED;
constexpr auto kRenewed = v1::MEMBERSHIP_ACTION_RENEWED;
constexpr auto kDeclined = v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL;
constexpr auto kWithdrew = v1::MEMBERSHIP_ACTION_WITHDREW;
constexpr auto kDenied = v1::ASSISTANCE_OUTCOME_DENIED;

class SeedScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    documents_ = Documents({Document("d0", "", 5, "ruehl", 40), Document("d4", "2022-03-25", 12, "ruehl", 40),
                            Document("d1", "2022-02-01"), Document("d2", "2022-10-01"),
                            Document("d3", "2021-07-09")});
    uint64_t seq = 0;
    auto add = [this, &seq](SourcedRecord record) {
      record.sequence = ++seq;
      records_.push_back(std::move(record));
    };
    const std::vector<std::string> nine = {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"};
    // d0 and its reprint d4: "the signing of the CST ... by Armenia, Azerbaijan, ..." (no date).
    for (const char* doc : {"d0", "d4"}) {
      for (const std::string& c : nine) add(Membership(0, doc, c, kSigned, "", "", v1::FACTUALITY_ASSERTED, 1));
      for (const char* c : {"AZE", "GEO", "UZB"}) add(Membership(0, doc, c, kWithdrew, "1999", "", v1::FACTUALITY_ASSERTED, 2));
      add(Request(0, doc, "KGZ", kDenied, Date("2010-06"), "", 5));
      add(Request(0, doc, "TJK", kDenied, Date("2010-09"), "", 6));
      add(Request(0, doc, "TJK", kDenied, Date("2021"), "", 7));
      add(Request(0, doc, "ARM", kDenied, Date("2020"), "", 9));
      add(Intervention(0, doc, "KAZ", Date("2022-01-05"), {Troops("", 2500, false, doc, 10)}, "", 10));
      SourcedRecord ukraine = Intervention(0, doc, "UKR", v1::PartialDate(), {}, "", 12);
      ukraine.record.mutable_intervention()->set_factuality(v1::FACTUALITY_HYPOTHETICAL);
      add(ukraine);
    }
    // d1: "signed the Collective Security Treaty (CST) in 1992 ... Consisting of ...".
    for (const std::string& c : nine) add(Membership(0, "d1", c, kSigned, "1992", "", v1::FACTUALITY_ASSERTED, 3));
    for (const char* c : {"AZE", "GEO", "UZB"}) add(Membership(0, "d1", c, kWithdrew, "1999", "", v1::FACTUALITY_ASSERTED, 4));
    add(Intervention(0, "d1", "KAZ", Date("2022-01"), {Troops("", 2500, false, "d1", 1)}, "", 1));
    add(Request(0, "d1", "KGZ", kDenied, Date("2010"), "", 6));
    add(Request(0, "d1", "ARM", kDenied, Date("2020"), "", 8));
    add(Request(0, "d1", "TJK", kDenied, Date("2021"), "", 7));
    // d2: the detailed history.
    for (const char* c : {"ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"}) add(Membership(0, "d2", c, kSigned, "1992-05-15", "", v1::FACTUALITY_ASSERTED, 7));
    for (const char* c : {"AZE", "BLR", "GEO"}) add(Membership(0, "d2", c, kJoined, "1993", "", v1::FACTUALITY_ASSERTED, 8));
    for (const char* c : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}) add(Membership(0, "d2", c, kRenewed, "1999-04", "", v1::FACTUALITY_ASSERTED, 10));
    for (const char* c : {"AZE", "GEO", "UZB"}) add(Membership(0, "d2", c, kDeclined, "1999-04", "", v1::FACTUALITY_ASSERTED, 10));
    add(Membership(0, "d2", "UZB", kJoined, "2006", "", v1::FACTUALITY_ASSERTED, 20));
    add(Membership(0, "d2", "UZB", kWithdrew, "2012", "", v1::FACTUALITY_ASSERTED, 20));
    add(Membership(0, "d2", "SRB", v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED, "", "", v1::FACTUALITY_ASSERTED, 30));
    add(Membership(0, "d2", "AFG", v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED, "", "", v1::FACTUALITY_ASSERTED, 31));
    add(Membership(0, "d2", "AFG", v1::MEMBERSHIP_ACTION_OBSERVER_ENDED, "", "", v1::FACTUALITY_ASSERTED, 31));
    add(Membership(0, "d2", "AZE", v1::MEMBERSHIP_ACTION_PARTNER_PROPOSED, "2019", "", v1::FACTUALITY_PROPOSED, 32));
    add(Membership(0, "d2", "ARM", kWithdrew, "", "", v1::FACTUALITY_PROPOSED, 33));
    add(Intervention(0, "d2", "KAZ", Date("2022-01"), {Troops("RUS", 3000, true, "d2", 40)}, "", 40));
    add(Request(0, "d2", "KAZ", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2022-01"), "", 40));
    add(Request(0, "d2", "ARM", kDenied, Date("2022-09"), "", 41));
    // d3 (July 2021): "he did not do so" (last fall) and "only made an official request ... in spring 2021".
    add(Request(0, "d3", "ARM", v1::ASSISTANCE_OUTCOME_NOT_REQUESTED, Approximate(2020, 10), "", 5));
    add(Request(0, "d3", "ARM", kDenied, Approximate(2021, 4), "", 6));
    add(Request(0, "d3", "BLR", v1::ASSISTANCE_OUTCOME_NOT_REQUESTED, Date("2020"), "", 12));

    // The query service consolidates group by group.
    std::map<std::string, std::vector<SourcedRecord>> groups;
    for (const SourcedRecord& r : records_) groups[GroupKeyOf(r.record, "CSTO")].push_back(r);
    for (const auto& [key, members] : groups) {
      GroupFacts facts = ConsolidateGroup(members, documents_, "CSTO");
      for (auto& f : facts.membership_events) events_.push_back(f);
      for (auto& f : facts.interventions) interventions_.push_back(f);
      for (auto& f : facts.assistance_requests) requests_.push_back(f);
      for (auto& f : facts.conflicts) conflicts_.push_back(f);
    }
  }

  const v1::MembershipEvent* FindEvent(const std::string& country, v1::MembershipAction action,
                                       const std::string& date) const {
    for (const auto& e : events_) {
      if (e.country() == country && e.action() == action && FormatDate(e.date()) == date) return &e;
    }
    return nullptr;
  }

  std::string MembersOn(const std::string& as_of) const {
    std::vector<std::string> out;
    for (const v1::Member& m : MembersAsOf(ComputePeriods(events_), Date(as_of), false)) out.push_back(m.country());
    return absl::StrJoin(out, ",");
  }

  DocumentMap documents_;
  std::vector<SourcedRecord> records_;
  std::vector<v1::MembershipEvent> events_;
  std::vector<v1::Intervention> interventions_;
  std::vector<v1::AssistanceRequest> requests_;
  std::vector<v1::Conflict> conflicts_;
};

TEST_F(SeedScenario, MembersAsOfMatchTheGold) {
  EXPECT_EQ(MembersOn("1995-01-01"), "ARM,AZE,BLR,GEO,KAZ,KGZ,RUS,TJK,UZB");
  EXPECT_EQ(MembersOn("2000-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(MembersOn("2008-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK,UZB");
  EXPECT_EQ(MembersOn("2013-01-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
  EXPECT_EQ(MembersOn("2022-06-01"), "ARM,BLR,KAZ,KGZ,RUS,TJK");
}

TEST_F(SeedScenario, FoundingSignaturesMergeAcrossArticlesAndCopiesCountOnce) {
  const v1::MembershipEvent* uzb = FindEvent("UZB", kSigned, "1992-05-15");
  ASSERT_NE(uzb, nullptr);
  EXPECT_EQ(uzb->sources(), 3);  // d0 = d4, d1, d2
  EXPECT_EQ(uzb->evidence_size(), 4);
  const v1::MembershipEvent* exit = FindEvent("UZB", kWithdrew, "1999-04");
  ASSERT_NE(exit, nullptr);
  EXPECT_EQ(exit->id(), "membership/CSTO/UZB/WITHDREW/1999");
  EXPECT_NE(FindEvent("UZB", kJoined, "2006"), nullptr);
  EXPECT_NE(FindEvent("UZB", kWithdrew, "2012"), nullptr);
  for (const char* c : {"AZE", "BLR", "GEO"}) EXPECT_NE(FindEvent(c, kJoined, "1993"), nullptr) << c;
  // No undated duplicates of dated events.
  for (const auto& e : events_) {
    if (e.factuality() == v1::FACTUALITY_ASSERTED && IsUnset(e.date())) {
      EXPECT_TRUE(e.action() == v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED ||
                  e.action() == v1::MEMBERSHIP_ACTION_OBSERVER_ENDED)
          << e.id();
    }
  }
}

TEST_F(SeedScenario, ExpectedConflictsAreRecorded) {
  std::set<std::string> keys;
  for (const v1::Conflict& c : conflicts_) keys.insert(c.subject_id() + "#" + c.field());
  EXPECT_EQ(keys, (std::set<std::string>{"intervention/CSTO/KAZ/2022#troops", "request/CSTO/ARM/2020#outcome",
                                          "membership/CSTO/AZE/JOINED/1993#date",
                                          "membership/CSTO/BLR/JOINED/1993#date",
                                          "membership/CSTO/GEO/JOINED/1993#date"}));
}

TEST_F(SeedScenario, RequestsAndInterventionsHaveTheGoldShape) {
  std::map<std::string, const v1::AssistanceRequest*> by_id;
  for (const auto& r : requests_) by_id[r.id()] = &r;
  ASSERT_TRUE(by_id.count("request/CSTO/ARM/2020"));
  EXPECT_TRUE(by_id["request/CSTO/ARM/2020"]->disputed());
  EXPECT_EQ(by_id["request/CSTO/ARM/2020"]->outcome(), kDenied);
  ASSERT_TRUE(by_id.count("request/CSTO/ARM/2021"));
  ASSERT_TRUE(by_id.count("request/CSTO/ARM/2022"));
  EXPECT_EQ(FormatDate(by_id["request/CSTO/ARM/2022"]->date()), "2022-09");
  ASSERT_TRUE(by_id.count("request/CSTO/KGZ/2010"));
  EXPECT_EQ(FormatDate(by_id["request/CSTO/KGZ/2010"]->date()), "2010-06");
  EXPECT_EQ(by_id["request/CSTO/KGZ/2010"]->sources(), 2);
  EXPECT_TRUE(by_id.count("request/CSTO/TJK/2010") && by_id.count("request/CSTO/TJK/2021"));
  EXPECT_EQ(by_id["request/CSTO/BLR/2020"]->outcome(), v1::ASSISTANCE_OUTCOME_NOT_REQUESTED);
  EXPECT_EQ(by_id["request/CSTO/KAZ/2022"]->outcome(), v1::ASSISTANCE_OUTCOME_GRANTED);
  EXPECT_EQ(requests_.size(), 8u);

  ASSERT_EQ(interventions_.size(), 2u);
  const v1::Intervention& kaz = interventions_[0];
  EXPECT_EQ(kaz.id(), "intervention/CSTO/KAZ/2022");
  EXPECT_EQ(kaz.sources(), 3);
  EXPECT_EQ(kaz.troops(0).country(), "");
  EXPECT_EQ(kaz.troops(0).count(), 2500);
  EXPECT_TRUE(kaz.disputed());
  EXPECT_EQ(interventions_[1].host_country(), "UKR");
  EXPECT_EQ(interventions_[1].factuality(), v1::FACTUALITY_HYPOTHETICAL);
}

}  // namespace
}  // namespace alliance::query
