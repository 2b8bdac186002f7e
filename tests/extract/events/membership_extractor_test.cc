#include "ingest-service/extract/events/membership_extractor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"

namespace alliance::ingest::events {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testing::DescribeAll;
using testing::ExtractText;
using testing::Memberships;

std::vector<std::string> Events(const std::string& text) { return DescribeAll(Memberships(ExtractText(text))); }

TEST(MembershipExtractor, SplitsCoordinatedSubjectsIntoOneEventEach) {
  EXPECT_THAT(Events("In 1993, Azerbaijan, Belarus, and Georgia joined the CST."),
              ElementsAre("AZE JOINED CSTO 1993", "BLR JOINED CSTO 1993", "GEO JOINED CSTO 1993"));
}

TEST(MembershipExtractor, ReadsAgentsOfAPassive) {
  EXPECT_THAT(Events("The Collective Security Treaty was signed by Armenia, Kazakhstan and Russia on May 15, 1992."),
              ElementsAre("ARM SIGNED CSTO 1992-05-15", "KAZ SIGNED CSTO 1992-05-15", "RUS SIGNED CSTO 1992-05-15"));
}

TEST(MembershipExtractor, KeepsADateOfARelativeClauseAwayFromTheMainVerb) {
  EXPECT_THAT(Events("This led to the signing of the Collective Security Treaty (CST), which came into effect in "
                     "1994, by Armenia and Belarus."),
              ElementsAre("ARM SIGNED CSTO", "BLR SIGNED CSTO"));
}

TEST(MembershipExtractor, GivesEachVerbOfARelativeClauseItsOwnDate) {
  EXPECT_THAT(Events("Uzbekistan, which rejoined the CSTO in 2006 and left again in 2012, remains a priority."),
              ElementsAre("UZB REJOINED CSTO 2006", "UZB WITHDREW CSTO 2012"));
}

TEST(MembershipExtractor, ReadsRenewalAndDeclinedRenewalOfOneSentence) {
  EXPECT_THAT(Events("The CST was weak. In April 1999, the presidents of Armenia, Belarus and Russia extended the treaty for another "
                     "five-year period, but Azerbaijan and Georgia declined to renew."),
              ElementsAre("ARM RENEWED CSTO 1999-04", "BLR RENEWED CSTO 1999-04", "RUS RENEWED CSTO 1999-04",
                          "AZE DECLINED_RENEWAL CSTO 1999-04", "GEO DECLINED_RENEWAL CSTO 1999-04"));
}

TEST(MembershipExtractor, ReadsAListBetweenDashesAsTheSubject) {
  EXPECT_THAT(Events("The CST was weak. But the initiative failed, and three of the nine members—Azerbaijan, Georgia and "
                     "Uzbekistan—chose to leave in 1999, during the renewal of the treaty."),
              ElementsAre("AZE WITHDREW CSTO 1999", "GEO WITHDREW CSTO 1999", "UZB WITHDREW CSTO 1999"));
}

TEST(MembershipExtractor, ResolvesAPronounAfterAPossessiveSubject) {
  EXPECT_THAT(Events("These events influenced Uzbekistan's decision to leave the CSTO in 2012, where it had been a "
                     "member since 2006."),
              ElementsAre("UZB WITHDREW CSTO 2012", "UZB JOINED CSTO 2006"));
}

TEST(MembershipExtractor, StatementsOfCurrentMembershipProduceNothing) {
  EXPECT_THAT(Events("At present, six countries hold membership in the Organization: Armenia, Belarus, Kazakhstan, "
                     "Kyrgyzstan, Russia and Tajikistan."),
              IsEmpty());
}

TEST(MembershipExtractor, CitizensCallingForWithdrawalIsNoWithdrawal) {
  for (const std::string& e : Events("Some citizens of Armenia appealed to their government to withdraw or suspend "
                                     "Armenia's membership in the CSTO.")) {
    EXPECT_THAT(e, ::testing::Not(::testing::EndsWith("CSTO"))) << e;  // never asserted
  }
}

TEST(MembershipExtractor, ObserverStatusIsUndatedWhenTheTextGivesNoDate) {
  EXPECT_THAT(Events("Serbia currently holds observer status in the parliamentary assembly of the CSTO, while the "
                     "former Islamic Republic of Afghanistan was also an observer in the organization."),
              ElementsAre("SRB OBSERVER_GRANTED CSTO", "AFG OBSERVER_GRANTED CSTO"));
}

TEST(MembershipExtractor, MarksSpeculationAsHypothetical) {
  EXPECT_THAT(Events("There was speculation in 2016 that Tashkent would return to the CSTO, having quit the "
                     "organization in 2012."),
              ElementsAre("UZB REJOINED CSTO 2016 HYPOTHETICAL", "UZB WITHDREW CSTO 2012"));
}

TEST(MembershipExtractor, NegatedJoiningIsNotAsserted) {
  EXPECT_THAT(Events("Turkmenistan never joined the CSTO."), ElementsAre("TKM JOINED CSTO NEGATED"));
}

TEST(MembershipExtractor, ModifiersAndTroopsAreNotMembers) {
  EXPECT_THAT(Events("In 2021, the CSTO complained as U.S. troops pulled out of Afghanistan."), IsEmpty());
  EXPECT_THAT(Events("The Russian-led CSTO intervention left a week later."), IsEmpty());
}

TEST(MembershipExtractor, TheTreatyMeansNothingWhenNoOrganizationIsNamed) {
  EXPECT_THAT(Events("In 1999, Georgia declined to renew the treaty."), IsEmpty());
}

TEST(MembershipExtractor, EachVerbTakesTheDateThatFollowsIt) {
  EXPECT_THAT(Events("Sudan and the CSTO differ. Georgia, which left the CSTO in 1999 and rejoined the CSTO in 2004, "
                     "is calm."),
              ElementsAre("GEO WITHDREW CSTO 1999", "GEO REJOINED CSTO 2004"));
}

TEST(MembershipExtractor, WithoutAnOrganizationThereIsNoEvent) {
  EXPECT_THAT(Events("In 2019, Armenian forces also joined Russian forces in Syria."), IsEmpty());
}

TEST(MembershipExtractor, FoundingMemberTakesTheFocusOrganization) {
  EXPECT_THAT(Events("The CSTO met in Moscow. Russia was the initiator and founding member."),
              UnorderedElementsAre("RUS SIGNED CSTO"));
}

}  // namespace
}  // namespace alliance::ingest::events
