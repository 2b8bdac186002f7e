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

std::vector<std::string> EventsOn(const std::string& text, const std::string& published) {
  return DescribeAll(Memberships(ExtractText(text, published)));
}

TEST(MembershipFrames, MatchEveryInflectionOfALemmaWithItsObject) {
  EXPECT_THAT(Events("Armenia halted its participation in the CSTO in February 2024."),
              ElementsAre("ARM SUSPENDED CSTO 2024-02"));
  EXPECT_THAT(Events("Belarus froze its membership of the CSTO in 2030."), ElementsAre("BLR SUSPENDED CSTO 2030"));
  EXPECT_THAT(Events("Uzbekistan restored its membership in the CSTO in 2006."),
              ElementsAre("UZB REJOINED CSTO 2006"));
}

TEST(MembershipFrames, AMembershipWithoutItsOrganizationIsTheDocuments) {
  EXPECT_THAT(Events("The CSTO was founded in 1992. Uzbekistan restored its membership under a protocol dated 16 "
                     "August 2006, and in June 2012 it suspended its participation."),
              ElementsAre("UZB REJOINED CSTO 2006-08-16", "UZB SUSPENDED CSTO 2012-06"));
  // No organization in the text: nothing to be a member of.
  EXPECT_THAT(Events("Uzbekistan restored its membership in 2006."), IsEmpty());
}

TEST(MembershipExtractor, AReportedEventIsDatedByItsDatedStatement) {
  EXPECT_THAT(EventsOn("Pashinyan said on Thursday that Armenia had frozen its participation in the CSTO.",
                       "2024-02-23"),
              ElementsAre("ARM SUSPENDED CSTO 2024-02 REPORTED"));
}

TEST(MembershipExtractor, ANameWithItsRangeInParenthesesStaysInItsList) {
  EXPECT_THAT(Events("Georgia (1993–1999) and Azerbaijan (1993–99) belonged to the Collective Security Treaty."),
              UnorderedElementsAre("GEO JOINED CSTO 1993", "GEO WITHDREW CSTO 1999", "AZE JOINED CSTO 1993",
                                   "AZE WITHDREW CSTO 1999"));
}

TEST(MembershipExtractor, ADemonymBeforeANounNamesTheMember) {
  EXPECT_THAT(Events("The Uzbek return to the CSTO in 2006 was brief."), ElementsAre("UZB REJOINED CSTO 2006"));
  EXPECT_THAT(Events("Georgia's refusal to renew the treaty in 1999 ended its CSTO membership."),
              ::testing::Contains("GEO DECLINED_RENEWAL CSTO 1999"));
}

TEST(MembershipFrames, AnAccessionHeadingOverADashedListDatesEachMember) {
  EXPECT_THAT(Events("Accession dates to the Collective Security Treaty: Azerbaijan – 24 September 1993; "
                     "Georgia – 9 December 1993; Belarus – 31 December 1993."),
              ElementsAre("AZE JOINED CSTO 1993-09-24", "GEO JOINED CSTO 1993-12-09", "BLR JOINED CSTO 1993-12-31"));
}

TEST(MembershipExtractor, AnElidedPossessorAfterATimePrepositionIsAPresupposedEvent) {
  EXPECT_THAT(EventsOn("If Pashinyan did take Armenia out of the bloc, it would be the first departure from the "
                       "CSTO since Uzbekistan's in 2012.",
                       "2023-11-24"),
              ::testing::Contains("UZB WITHDREW CSTO 2012"));
  // A possessor with its noun is no elision.
  EXPECT_THAT(Events("It was the first departure from the CSTO since Uzbekistan's elections in 2012."),
              ::testing::Not(::testing::Contains(::testing::HasSubstr("UZB"))));
}

TEST(MembershipFrames, SigningUpJoinsAndComingBackIntoTheFoldRejoins) {
  EXPECT_THAT(Events("Georgia signed up to the Collective Security Treaty in December 1993."),
              ElementsAre("GEO JOINED CSTO 1993-12"));
  EXPECT_THAT(Events("The CSTO is 30. In September 1993 Azerbaijan and Georgia signed up."),
              ElementsAre("AZE JOINED CSTO 1993-09", "GEO JOINED CSTO 1993-09"));
  EXPECT_THAT(Events("The CSTO is 30. In August 2006 Uzbekistan came back into the fold."),
              ElementsAre("UZB REJOINED CSTO 2006-08"));
}

TEST(MembershipFrames, ReadsAPassiveWithItsPossessorAsTheMember) {
  EXPECT_THAT(Events("Uzbekistan's CSTO membership was formally suspended in December 2012 by the council."),
              ElementsAre("UZB SUSPENDED CSTO 2012-12"));
}

TEST(MembershipFrames, ASignedProtocolThatExtendsTheTreatyIsARenewal) {
  EXPECT_THAT(Events("Kazakhstan and Kyrgyzstan signed a protocol extending the CST in April 1999."),
              ElementsAre("KAZ RENEWED CSTO 1999-04", "KGZ RENEWED CSTO 1999-04"));
  EXPECT_THAT(Events("The protocol prolonging the CST was signed by Armenia and Russia in 1999."),
              ElementsAre("ARM RENEWED CSTO 1999", "RUS RENEWED CSTO 1999"));
  // Not signing the renewal declines it; that is asserted.
  EXPECT_THAT(Events("Georgia did not sign the protocol renewing the CST in 1999."),
              ElementsAre("GEO DECLINED_RENEWAL CSTO 1999"));
}

TEST(MembershipFrames, ASignedProtocolIsNoSignatureOfTheTreaty) {
  EXPECT_THAT(Events("Uzbekistan's return to the CSTO was sealed by a protocol signed in 2006."),
              ElementsAre("UZB REJOINED CSTO 2006"));
}

TEST(MembershipExtractor, CopiesAGappedVerbToEachCountryWithItsDate) {
  EXPECT_THAT(Events("Azerbaijan joined the CST in September 1993, Georgia in December 1993 and Belarus in 1994."),
              ElementsAre("AZE JOINED CSTO 1993-09", "GEO JOINED CSTO 1993-12", "BLR JOINED CSTO 1994"));
  EXPECT_THAT(Events("Armenia joined the CST in 1993, and so did Belarus."),
              ElementsAre("ARM JOINED CSTO 1993", "BLR JOINED CSTO 1993"));
}

TEST(MembershipExtractor, RepeatsAnActionForEachOfItsDates) {
  EXPECT_THAT(Events("Uzbekistan quit the CSTO first in 1999 and again in 2012."),
              ElementsAre("UZB WITHDREW CSTO 1999", "UZB WITHDREW CSTO 2012"));
}

TEST(MembershipExtractor, CoordinatedVerbPhrasesShareTheirSubject) {
  EXPECT_THAT(Events("In 1999 Azerbaijan and Georgia refused to renew the CST and left."),
              UnorderedElementsAre("AZE DECLINED_RENEWAL CSTO 1999", "GEO DECLINED_RENEWAL CSTO 1999",
                                   "AZE WITHDREW CSTO 1999", "GEO WITHDREW CSTO 1999"));
}

TEST(MembershipFrames, TheObjectOfACausativeVerbIsTheMember) {
  const auto records = Memberships(ExtractText("Protesters called on the government to pull Armenia out of the CSTO."));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].country(), "ARM");
  EXPECT_EQ(records[0].action(), v1::MEMBERSHIP_ACTION_WITHDREW);
  EXPECT_EQ(records[0].factuality(), v1::FACTUALITY_PROPOSED);
}

TEST(MembershipFrames, APlanIsAProposalAndAReturnNeedsNoObject) {
  const auto planned = Memberships(ExtractText("Armenia plans to leave the CSTO."));
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].factuality(), v1::FACTUALITY_PROPOSED);
  EXPECT_THAT(Events("The CSTO lost Uzbekistan in 1999. Uzbekistan left in 1999 and came back in 2006."),
              ElementsAre("UZB WITHDREW CSTO 1999", "UZB REJOINED CSTO 2006"));
}

TEST(MembershipFrames, AnOrganizationInsideTheFrameIsItsOwn) {
  EXPECT_THAT(Events("Uzbekistan joined NATO in 1999, the same year it let its membership of the CST lapse."),
              ElementsAre("UZB JOINED NATO 1999", "UZB DECLINED_RENEWAL CSTO 1999"));
  EXPECT_THAT(Events("Observer status in the CSTO Parliamentary Assembly was given to Serbia in 2013."),
              ElementsAre("SRB OBSERVER_GRANTED CSTO 2013"));
}

TEST(MembershipExtractor, ASecondListOfAgentsAfterADashCounts) {
  EXPECT_THAT(Events("The protocol extending the CST was signed by Armenia and Belarus – and by Russia and "
                     "Tajikistan – on 2 April 1999."),
              ElementsAre("ARM RENEWED CSTO 1999-04-02", "BLR RENEWED CSTO 1999-04-02", "RUS RENEWED CSTO 1999-04-02",
                          "TJK RENEWED CSTO 1999-04-02"));
}

TEST(MembershipExtractor, RefusingToSignBesideARenewalDeclinesIt) {
  EXPECT_THAT(Events("Armenia -- and Tajikistan -- signed the protocol prolonging the CST in 1999; Uzbekistan "
                     "declined to sign."),
              ElementsAre("ARM RENEWED CSTO 1999", "TJK RENEWED CSTO 1999", "UZB DECLINED_RENEWAL CSTO 1999"));
  const auto alone = Memberships(ExtractText("In 1992 Turkmenistan refused to sign the CST."));
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(alone[0].action(), v1::MEMBERSHIP_ACTION_SIGNED);
  EXPECT_EQ(alone[0].factuality(), v1::FACTUALITY_NEGATED);
}

TEST(MembershipExtractor, AStateWithARangeOpensAndClosesIt) {
  EXPECT_THAT(Events("Uzbekistan was a member of the CSTO in 1992–1999 and again in 2006–2012."),
              ElementsAre("UZB JOINED CSTO 1992", "UZB WITHDREW CSTO 1999", "UZB JOINED CSTO 2006",
                          "UZB WITHDREW CSTO 2012"));
  EXPECT_THAT(Events("Azerbaijan belonged to the CST from 1993 to 1999."),
              ElementsAre("AZE JOINED CSTO 1993", "AZE WITHDREW CSTO 1999"));
  EXPECT_THAT(Events("Serbia was an observer in the CSTO from 2013 until 2021."),
              ElementsAre("SRB OBSERVER_GRANTED CSTO 2013", "SRB OBSERVER_ENDED CSTO 2021"));
  // Without a range a state is no event.
  EXPECT_THAT(Events("Armenia remains a member of the CSTO."), IsEmpty());
}

TEST(MembershipExtractor, DatesAnUndatedAnnouncementByItsTense) {
  EXPECT_THAT(EventsOn("Armenia freezes its participation in the CSTO.", "2024-02-23"),
              ElementsAre("ARM SUSPENDED CSTO 2024-02-23"));
  EXPECT_THAT(EventsOn("Armenia has frozen its participation in the CSTO.", "2024-02-23"),
              ElementsAre("ARM SUSPENDED CSTO 2024-02"));
  EXPECT_THAT(EventsOn("Armenia froze its participation in the CSTO.", "2024-02-23"),
              ElementsAre("ARM SUSPENDED CSTO"));
}

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

TEST(MembershipExtractor, TheTreatyIsTheLedgersOwnWhenNoOrganizationIsNamed) {
  // The bundled lexicon makes the CSTO the default focus.
  EXPECT_THAT(Events("In 1999, Georgia declined to renew the treaty."), ElementsAre("GEO DECLINED_RENEWAL CSTO 1999"));
  // A named organization wins; another one's description refers to nothing.
  EXPECT_THAT(Events("In 2009, Georgia left the CIS and the pact."), ElementsAre("GEO WITHDREW CIS 2009"));
  EXPECT_THAT(Events("In 1999 Uzbekistan joined GUUAM, the pro-Western grouping."), IsEmpty());
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
