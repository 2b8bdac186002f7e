#include "query-service/consolidation/membership_merge.h"

#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Document;
using testing::Documents;
using testing::Membership;

constexpr v1::MembershipAction kSigned = v1::MEMBERSHIP_ACTION_SIGNED;
constexpr v1::MembershipAction kJoined = v1::MEMBERSHIP_ACTION_JOINED;
constexpr v1::MembershipAction kRejoined = v1::MEMBERSHIP_ACTION_REJOINED;
constexpr v1::MembershipAction kWithdrew = v1::MEMBERSHIP_ACTION_WITHDREW;
constexpr v1::MembershipAction kDeclined = v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL;

GroupFacts Merge(const std::vector<SourcedRecord>& records, const DocumentMap& documents) {
  return testing::MergeGroup(MergeMembershipEvents, records, documents);
}

TEST(MembershipMerge, ThreeArticlesBecomeOneFactWithThreeEvidence) {
  const DocumentMap documents =
      Documents({Document("a", "2013-01-10"), Document("b", "2012-07-01"), Document("c", "2020-05-05")});
  const GroupFacts facts = Merge({Membership(1, "a", "UZB", kWithdrew, "2012"),
                                  Membership(2, "b", "UZB", kWithdrew, "2012-06"),
                                  Membership(3, "c", "UZB", kWithdrew, "2012")},
                                 documents);
  ASSERT_EQ(facts.membership_events.size(), 1u);
  const v1::MembershipEvent& fact = facts.membership_events[0];
  EXPECT_EQ(fact.id(), "membership/CSTO/UZB/WITHDREW/2012");
  EXPECT_EQ(fact.organization(), "CSTO");
  EXPECT_EQ(FormatDate(fact.date()), "2012-06");
  EXPECT_EQ(fact.sources(), 3);
  EXPECT_DOUBLE_EQ(fact.confidence(), 0.875);
  ASSERT_EQ(fact.evidence_size(), 3);
  // Ordered by publication date.
  EXPECT_EQ(fact.evidence(0).document_id(), "b");
  EXPECT_EQ(fact.evidence(1).document_id(), "a");
  EXPECT_EQ(fact.evidence(2).document_id(), "c");
  EXPECT_FALSE(fact.disputed());
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(MembershipMerge, SyndicatedCopyAddsEvidenceButNotASource) {
  const DocumentMap documents = Documents({Document("a", "2022-01-01", 3, "wire", 20),
                                           Document("a-reprint", "2022-03-25", 6, "wire", 20),
                                           Document("b", "2021-07-09")});
  const GroupFacts facts = Merge({Membership(1, "a", "GEO", kDeclined, "1999"),
                                  Membership(2, "a-reprint", "GEO", kDeclined, "1999"),
                                  Membership(3, "b", "GEO", kDeclined, "1999")},
                                 documents);
  ASSERT_EQ(facts.membership_events.size(), 1u);
  EXPECT_EQ(facts.membership_events[0].evidence_size(), 3);
  EXPECT_EQ(facts.membership_events[0].sources(), 2);
  EXPECT_DOUBLE_EQ(facts.membership_events[0].confidence(), 0.75);
}

TEST(MembershipMerge, WithdrawingTwiceStaysTwoFacts) {
  const GroupFacts facts = Merge({Membership(1, "a", "UZB", kWithdrew, "1999"),
                                  Membership(2, "b", "UZB", kWithdrew, "2012"),
                                  Membership(3, "c", "UZB", kWithdrew, "1999-04")},
                                 {});
  ASSERT_EQ(facts.membership_events.size(), 2u);
  EXPECT_EQ(facts.membership_events[0].id(), "membership/CSTO/UZB/WITHDREW/1999");
  EXPECT_EQ(FormatDate(facts.membership_events[0].date()), "1999-04");
  EXPECT_EQ(facts.membership_events[0].sources(), 2);
  EXPECT_EQ(facts.membership_events[1].id(), "membership/CSTO/UZB/WITHDREW/2012");
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(MembershipMerge, FinerDateRefinesCoarser) {
  const GroupFacts facts = Merge({Membership(1, "a", "ARM", kSigned, "1992"),
                                  Membership(2, "b", "ARM", kSigned, "1992-05-15")},
                                 {});
  ASSERT_EQ(facts.membership_events.size(), 1u);
  EXPECT_EQ(FormatDate(facts.membership_events[0].date()), "1992-05-15");
  EXPECT_EQ(facts.membership_events[0].id(), "membership/CSTO/ARM/SIGNED/1992");
}

TEST(MembershipMerge, DisagreeingMonthsUnderOneYearBecomeADateConflict) {
  const GroupFacts facts = Merge({Membership(1, "a", "KAZ", v1::MEMBERSHIP_ACTION_RENEWED, "1999"),
                                  Membership(2, "b", "KAZ", v1::MEMBERSHIP_ACTION_RENEWED, "1999-03"),
                                  Membership(3, "c", "KAZ", v1::MEMBERSHIP_ACTION_RENEWED, "1999-04"),
                                  Membership(4, "d", "KAZ", v1::MEMBERSHIP_ACTION_RENEWED, "1999-04")},
                                 {});
  ASSERT_EQ(facts.membership_events.size(), 1u);
  const v1::MembershipEvent& fact = facts.membership_events[0];
  EXPECT_EQ(FormatDate(fact.date()), "1999-04");
  EXPECT_TRUE(fact.disputed());
  ASSERT_EQ(facts.conflicts.size(), 1u);
  const v1::Conflict& conflict = facts.conflicts[0];
  EXPECT_EQ(conflict.subject_id(), fact.id());
  EXPECT_EQ(conflict.field(), "date");
  EXPECT_EQ(conflict.organization(), "CSTO");
  ASSERT_EQ(conflict.claims_size(), 2);
  EXPECT_EQ(conflict.claims(0).value(), "1999-04");
  EXPECT_EQ(conflict.claims(0).evidence_size(), 2);
  EXPECT_EQ(conflict.claims(1).value(), "1999-03");
}

TEST(MembershipMerge, OneArticleTellingSigningAndAccessionIsNoConflict) {
  const GroupFacts facts = Merge({Membership(1, "a", "AZE", kSigned, "1992", "", v1::FACTUALITY_ASSERTED, 1),
                                  Membership(2, "a", "AZE", kJoined, "1993", "", v1::FACTUALITY_ASSERTED, 2)},
                                 {});
  EXPECT_EQ(facts.membership_events.size(), 2u);
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(MembershipMerge, SignedAndJoinedInDifferentYearsWithoutExitConflict) {
  const GroupFacts facts = Merge({Membership(1, "a", "AZE", kSigned, "1992"),
                                  Membership(2, "b", "AZE", kJoined, "1993"),
                                  Membership(3, "c", "AZE", kJoined, "1993")},
                                 {});
  ASSERT_EQ(facts.membership_events.size(), 2u);
  EXPECT_EQ(facts.membership_events[0].id(), "membership/CSTO/AZE/SIGNED/1992");
  EXPECT_EQ(facts.membership_events[1].id(), "membership/CSTO/AZE/JOINED/1993");
  EXPECT_TRUE(facts.membership_events[0].disputed());
  EXPECT_TRUE(facts.membership_events[1].disputed());
  ASSERT_EQ(facts.conflicts.size(), 1u);
  EXPECT_EQ(facts.conflicts[0].subject_id(), "membership/CSTO/AZE/JOINED/1993");
  EXPECT_EQ(facts.conflicts[0].field(), "date");
  EXPECT_EQ(facts.conflicts[0].summary(), "AZE joined: 1992 or 1993");
  ASSERT_EQ(facts.conflicts[0].claims_size(), 2);
  EXPECT_EQ(facts.conflicts[0].claims(0).value(), "1992");
  EXPECT_EQ(facts.conflicts[0].claims(1).evidence_size(), 2);
}

TEST(MembershipMerge, EntriesSeparatedByAnExitDoNotConflict) {
  const GroupFacts facts = Merge({Membership(1, "a", "UZB", kSigned, "1992-05-15"),
                                  Membership(2, "b", "UZB", kDeclined, "1999"),
                                  Membership(3, "c", "UZB", kRejoined, "2006"),
                                  Membership(4, "c", "UZB", kWithdrew, "2012", "", v1::FACTUALITY_ASSERTED, 1)},
                                 {});
  EXPECT_EQ(facts.membership_events.size(), 4u);
  EXPECT_TRUE(facts.conflicts.empty());
  for (const v1::MembershipEvent& fact : facts.membership_events) EXPECT_FALSE(fact.disputed());
}

TEST(MembershipMerge, SynonymousActionsOfOneEventMerge) {
  const GroupFacts facts = Merge({Membership(1, "a", "GEO", kWithdrew, "1999"),
                                  Membership(2, "b", "GEO", kDeclined, "1999-04"),
                                  Membership(3, "c", "GEO", kDeclined, "1999")},
                                 {});
  ASSERT_EQ(facts.membership_events.size(), 1u);
  EXPECT_EQ(facts.membership_events[0].action(), kDeclined);
  EXPECT_EQ(facts.membership_events[0].id(), "membership/CSTO/GEO/DECLINED_RENEWAL/1999");
  EXPECT_EQ(facts.membership_events[0].sources(), 3);
}

TEST(MembershipMerge, UndatedRecordJoinsTheOnlyDatedFactOfItsAction) {
  const GroupFacts one = Merge({Membership(1, "a", "UZB", kRejoined, "2006"),
                                Membership(2, "b", "UZB", kRejoined, "")},
                               {});
  ASSERT_EQ(one.membership_events.size(), 1u);
  EXPECT_EQ(one.membership_events[0].sources(), 2);
  const GroupFacts two = Merge({Membership(1, "a", "UZB", kWithdrew, "1999"),
                                Membership(2, "b", "UZB", kWithdrew, "2012"),
                                Membership(3, "c", "UZB", kWithdrew, "")},
                               {});
  ASSERT_EQ(two.membership_events.size(), 3u);
  EXPECT_EQ(two.membership_events[2].id(), "membership/CSTO/UZB/WITHDREW/undated");
}

TEST(MembershipMerge, FactIsAssertedWhenAnySourceAssertsIt) {
  const GroupFacts asserted =
      Merge({Membership(1, "a", "ARM", kWithdrew, "2024", "", v1::FACTUALITY_HYPOTHETICAL),
             Membership(2, "b", "ARM", kWithdrew, "2024", "", v1::FACTUALITY_ASSERTED)},
            {});
  ASSERT_EQ(asserted.membership_events.size(), 1u);
  EXPECT_EQ(asserted.membership_events[0].factuality(), v1::FACTUALITY_ASSERTED);
  const GroupFacts proposed =
      Merge({Membership(1, "a", "ARM", kWithdrew, "2024", "", v1::FACTUALITY_HYPOTHETICAL),
             Membership(2, "b", "ARM", kWithdrew, "2024", "", v1::FACTUALITY_PROPOSED)},
            {});
  EXPECT_EQ(proposed.membership_events[0].factuality(), v1::FACTUALITY_PROPOSED);
}

TEST(MembershipMerge, OnlyAssertedRecordsChooseTheDate) {
  const GroupFacts facts =
      Merge({Membership(1, "a", "ARM", kWithdrew, "2024-03", "", v1::FACTUALITY_HYPOTHETICAL),
             Membership(2, "b", "ARM", kWithdrew, "2024", "", v1::FACTUALITY_ASSERTED)},
            {});
  ASSERT_EQ(facts.membership_events.size(), 1u);
  EXPECT_EQ(FormatDate(facts.membership_events[0].date()), "2024");
  EXPECT_EQ(facts.membership_events[0].evidence_size(), 1) << "a hypothetical is not evidence for an assertion";
  EXPECT_EQ(facts.membership_events[0].sources(), 1);
}

TEST(MembershipMerge, UnassertedEntriesDoNotRaiseEntryConflicts) {
  const GroupFacts facts =
      Merge({Membership(1, "a", "UKR", kJoined, "2030", "", v1::FACTUALITY_HYPOTHETICAL),
             Membership(2, "b", "UKR", kSigned, "1992")},
            {});
  EXPECT_EQ(facts.membership_events.size(), 2u);
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(MembershipMerge, AFactOnlyReportedIsReportedWithItsSpeakerAndWeaker) {
  std::vector<SourcedRecord> records = {
      Membership(1, "a", "AZE", kJoined, "1993", "", v1::FACTUALITY_REPORTED),
      Membership(2, "b", "AZE", kJoined, "1993", "", v1::FACTUALITY_REPORTED),
      Membership(3, "c", "AZE", kJoined, "1993", "", v1::FACTUALITY_HYPOTHETICAL)};
  records[0].record.mutable_membership_event()->set_reported_by("Ilham Aliyev");
  records[1].record.mutable_membership_event()->set_reported_by("AZE");
  records[2].record.mutable_membership_event()->set_reported_by("someone");
  records[0].record.mutable_membership_event()->set_factuality_cue("according to");
  records[1].record.mutable_membership_event()->set_factuality_cue("said");
  records[2].record.mutable_membership_event()->set_factuality_cue("would");
  const GroupFacts facts = Merge(records, {});
  ASSERT_EQ(facts.membership_events.size(), 1u);
  const v1::MembershipEvent& fact = facts.membership_events[0];
  EXPECT_EQ(fact.factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(fact.reported_by(), "Ilham Aliyev") << "tied speakers: the longer text";
  EXPECT_EQ(fact.factuality_cue(), "") << "each source's cue stays with its record";
  EXPECT_EQ(fact.sources(), 2) << "a hypothetical is not support for a reported fact";
  EXPECT_EQ(fact.reported_sources(), 2);
  EXPECT_EQ(fact.evidence_size(), 2);
  EXPECT_DOUBLE_EQ(fact.confidence(), 0.5) << "two reporting sources weigh as one asserting source";
  // The same two sources asserting it would give 0.75.
  const GroupFacts asserted = Merge({Membership(1, "a", "AZE", kJoined, "1993"), Membership(2, "b", "AZE", kJoined, "1993")}, {});
  EXPECT_GT(asserted.membership_events[0].confidence(), fact.confidence());
}

TEST(MembershipMerge, AnAssertedAndAReportedClaimCombineToAnAssertedFact) {
  std::vector<SourcedRecord> records = {Membership(1, "a", "UZB", kWithdrew, "2012", "", v1::FACTUALITY_REPORTED),
                                        Membership(2, "b", "UZB", kWithdrew, "2012-06"),
                                        Membership(3, "c", "UZB", kWithdrew, "2012", "", v1::FACTUALITY_PROPOSED)};
  records[0].record.mutable_membership_event()->set_reported_by("Tashkent");
  const GroupFacts facts = Merge(records, {});
  ASSERT_EQ(facts.membership_events.size(), 1u);
  const v1::MembershipEvent& fact = facts.membership_events[0];
  EXPECT_EQ(fact.factuality(), v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(fact.reported_by(), "") << "an asserted fact is nobody's claim";
  EXPECT_EQ(fact.evidence_size(), 2) << "the reported claim is evidence too; the proposal is not";
  EXPECT_EQ(fact.sources(), 2);
  EXPECT_EQ(fact.reported_sources(), 1);
  EXPECT_DOUBLE_EQ(fact.confidence(), ConfidenceForSources(2, 1));
  EXPECT_LT(fact.confidence(), ConfidenceForSources(2));
  EXPECT_GT(fact.confidence(), ConfidenceForSources(1));
}

TEST(MembershipMerge, ReportedEntriesRaiseEntryConflictsLikeAssertedOnes) {
  const GroupFacts facts = Merge({Membership(1, "a", "ZMB", kJoined, "2030", "", v1::FACTUALITY_REPORTED),
                                  Membership(2, "b", "ZMB", kJoined, "2031")},
                                 {});
  ASSERT_EQ(facts.membership_events.size(), 2u);
  ASSERT_EQ(facts.conflicts.size(), 1u);
  EXPECT_EQ(facts.conflicts[0].summary(), "ZMB joined: 2030 or 2031");
}

}  // namespace
}  // namespace alliance::query
