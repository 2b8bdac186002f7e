#include "ingest-service/extract/events/request_extractor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"
#include "tests/extract/events/one_article_answers.h"

namespace alliance::ingest::events {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::DescribeAll;
using testing::ExtractText;
using testing::Interventions;
using testing::Requests;

std::vector<std::string> Found(const std::string& text, const std::string& published = "") {
  return DescribeAll(Requests(ExtractText(text, published)));
}

// The requests the query service answers from `text` alone, granted when the
// text tells of the deployment that answered them (request_intervention_link.h).
std::vector<std::string> Answered(const std::string& text) {
  return DescribeAll(Requests(testing::AnswersFromOneArticle(ExtractText(text))));
}

TEST(RequestExtractor, AnOwnedRequestNounStartsARequest) {
  EXPECT_THAT(Found("Armenia's appeal to the CSTO in May 2021 was ignored."), ElementsAre("ARM DENIED 2021-05"));
  EXPECT_THAT(Found("The CSTO declined Kyrgyzstan's request for peacekeepers in 2010."),
              ElementsAre("KGZ DENIED 2010"));
  // A second mention of the same country's request refers back to the first.
  EXPECT_THAT(Found("Kyrgyzstan asked the CSTO for help in June 2010. Kyrgyzstan's request was turned down."),
              ElementsAre("KGZ DENIED 2010-06"));
}

TEST(RequestExtractor, AtTheRequestOfBesideADeploymentIsGranted) {
  EXPECT_THAT(Found("CSTO troops arrived in Kazakhstan at the request of Kazakhstan's government."),
              ElementsAre("KAZ GRANTED"));
  EXPECT_THAT(Found("The CSTO deployed peacekeepers to Kazakhstan at Kazakhstan's request in 2022."),
              ElementsAre("KAZ GRANTED 2022"));
}

TEST(RequestExtractor, TheAddresseeMayFollowWhatIsAskedFor) {
  EXPECT_THAT(Found("In 2031 Belarus sent a request for military help to the CSTO."), ElementsAre("BLR PENDING 2031"));
}

TEST(RequestExtractor, AnAnswerBeforeAnOwnedRequestDecidesIt) {
  EXPECT_THAT(Found("The CSTO granted Kazakhstan's request for help in January 2022."),
              ElementsAre("KAZ GRANTED 2022-01"));
}

TEST(RequestExtractor, TheOwnerMayHaveATitleOrQuotes) {
  EXPECT_THAT(Found("The deployment of CSTO peacekeepers to Kazakhstan at the request of President Tokayev began."),
              ElementsAre("KAZ GRANTED"));
  EXPECT_THAT(Found("CSTO troops were deployed in Kazakhstan at Kazakhstan's \u201crequest\u201d."), ElementsAre("KAZ GRANTED"));
}

TEST(RequestExtractor, ALaterDeploymentIntoTheRequesterGrantsThePendingRequest) {
  EXPECT_THAT(Answered("Kazakhstan appealed to the CSTO on 5 January 2022. On 6 January 2022 CSTO troops were "
                       "deployed to Kazakhstan."),
              ElementsAre("KAZ GRANTED 2022-01-05"));
}

TEST(RequestExtractor, AReportedRequestNamesItsSpeaker) {
  const auto requests = Requests(ExtractText("Belarus asked the CSTO for help in August 2020, according to Poland."));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(requests[0].reported_by(), "POL");
}

TEST(RequestExtractor, TheRequesterDenyingAReportRefusesNothing) {
  EXPECT_THAT(Found("Media claimed that Armenia had asked the CSTO for troops in 2020, which Armenia denied."),
              ElementsAre("ARM PENDING 2020 REPORTED"));
}

TEST(RequestExtractor, APerfectRequestIsDatedByPublication) {
  // The day's news, not the date of another clause.
  EXPECT_THAT(Found("Officials met on Monday; Kazakhstan has asked the CSTO for help.", "2022-01-05"),
              ElementsAre("KAZ PENDING 2022-01-05"));
  // A negated perfect describes the time up to publication: its month.
  EXPECT_THAT(Found("Leaders met on Friday; Kyrgyzstan has not yet asked the CSTO for help.", "2010-06-12"),
              ElementsAre("KGZ NOT_REQUESTED 2010-06"));
}

TEST(RequestExtractor, AppealFollowedByRefusalIsDenied) {
  EXPECT_THAT(Found("Kyrgyzstan appealed to the CSTO to help end ethnic clashes in June 2010, but the organization "
                    "denied the request."),
              ElementsAre("KGZ DENIED 2010-06"));
  EXPECT_EQ(Requests(ExtractText("Kyrgyzstan appealed to the CSTO to help end ethnic clashes in June 2010."))[0]
                .context(),
            "to help end ethnic clashes in June 2010");
  EXPECT_THAT(Found("The Kyrgyz government had sought help from the CSTO in 2010, but the organization declined to "
                    "help restore order."),
              ElementsAre("KGZ DENIED 2010"));
}

TEST(RequestExtractor, NegatedAppealIsAnAssertedAbsenceOfRequest) {
  const auto requests = Requests(ExtractText(
      "Belarusian President Alexander Lukashenko did not appeal to the CSTO for assistance in 2020."));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(testing::Describe(requests[0]), "BLR NOT_REQUESTED 2020");
  EXPECT_EQ(requests[0].requester_person(), "Alexander Lukashenko");
  EXPECT_THAT(Found("The crisis was averted when Lukashenko failed to appeal to the CSTO."),
              ElementsAre("BLR NOT_REQUESTED"));
}

TEST(RequestExtractor, CallsOnALeaderToAppealThatHeIgnoresAreNoRequest) {
  EXPECT_THAT(Found("The Karabakh war last fall hurt Armenia. Citing this article, some Armenian politicians called "
                    "on Prime Minister Nikol Pashinyan to appeal to the CSTO, but he did not do so.",
                    "2021-07-09"),
              ElementsAre("ARM NOT_REQUESTED 2020"));
  EXPECT_THAT(Found("Some Armenian politicians called on Prime Minister Nikol Pashinyan to appeal to the CSTO."),
              ElementsAre("ARM PENDING PROPOSED"));
}

TEST(RequestExtractor, OutcomeInTheNextSentenceAnswersThePendingRequest) {
  const auto requests = Requests(ExtractText(
      "Pashinyan only made an official request for help to the CSTO in spring 2021, when clashes began. The request "
      "for help was declined at a ministerial summit in Dushanbe."));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(testing::Describe(requests[0]), "ARM DENIED 2021");
  EXPECT_EQ(requests[0].evidence_size(), 2);
}

TEST(RequestExtractor, RefusalByTheOrganizationToHelpACountryIsADeniedRequest) {
  EXPECT_THAT(Found("The CSTO met. In September 2022, the organization again refused to help Armenia following its "
                    "request."),
              ElementsAre("ARM DENIED 2022-09"));
  EXPECT_THAT(Found("In October 2020, Russia refused to help Armenia during the war."), IsEmpty());
}

TEST(RequestExtractor, AcceptanceGrantsTheRequest) {
  EXPECT_THAT(Found("In early 2022, President Kassym-Jomart Tokayev called for the introduction of CSTO "
                    "peacekeepers into the country, which the organization's leadership quickly agreed to."),
              ElementsAre("KAZ GRANTED 2022"));
}

TEST(RequestExtractor, RequestsToNoOrganizationAreIgnored) {
  EXPECT_THAT(Found("Moscow asked its allies to send a contingent there, but only Armenia obliged."), IsEmpty());
}

TEST(RequestExtractor, RequestWithoutOutcomeIsPending) {
  EXPECT_THAT(Found("In 2021, Tajikistan asked the CSTO for help with its border."), ElementsAre("TJK PENDING 2021"));
}

TEST(RequestExtractor, UndatedRequestTakesTheDateOfTheSituationOfItsRequester) {
  EXPECT_THAT(Found("In 2010, a revolution occurred in Kyrgyzstan. Clashes broke out in the south. Acting President "
                    "Roza Otunbayeva called for the dispatch of CSTO police contingents, but these calls were "
                    "ignored."),
              ElementsAre("KGZ DENIED 2010"));
  // A date about other countries is not borrowed.
  EXPECT_THAT(Found("In April 2021, Kyrgyzstan and Tajikistan fought. Lukashenko failed to appeal to the CSTO."),
              ElementsAre("BLR NOT_REQUESTED"));
}

TEST(RequestExtractor, ARequestForHelpThatNamesNoAddresseeIsToTheDocumentsOrganization) {
  EXPECT_THAT(Found("The CSTO was founded in 1992. In June 2010 Kyrgyzstan begged for help."),
              ElementsAre("KGZ PENDING 2010-06"));
  EXPECT_THAT(Found("The CSTO met in 2021. Kyrgyzstan's appeal for peacekeepers in June 2010 was turned down."),
              ElementsAre("KGZ DENIED 2010-06"));
  // Another addressee in the clause, or no help asked for: no request to it.
  EXPECT_THAT(Found("The CSTO met in 2020. In October 2020 Pashinyan wrote to Putin asking for help."), IsEmpty());
  EXPECT_THAT(Found("The CSTO met in 2020. In 2016 Uzbekistan sought better relations."), IsEmpty());
  EXPECT_THAT(Found("The CSTO met in 2020. Moscow's reply was a call for restraint."), IsEmpty());
  // Without an organization in the text there is no one it was made to.
  EXPECT_THAT(Found("In June 2010 Kyrgyzstan begged for help."), IsEmpty());
}

TEST(RequestExtractor, ANegatedPerfectCoversTheYearUnlessNotYet) {
  EXPECT_THAT(Found("Despite weeks of protests, Lukashenko has not asked the CSTO to intervene in Belarus.",
                    "2020-09-01"),
              ElementsAre("BLR NOT_REQUESTED 2020"));
  EXPECT_THAT(Found("Kyrgyzstan itself has not yet asked the CSTO for help.", "2010-06-12"),
              ElementsAre("KGZ NOT_REQUESTED 2010-06"));
  // What was (not) asked for is no intervention.
  EXPECT_THAT(Interventions(ExtractText("Lukashenko has not asked the CSTO to intervene in Belarus.", "2020-09-01")),
              IsEmpty());
}

TEST(RequestExtractor, AnAnswerThatIsOnlyLessThanAskedIsARefusal) {
  EXPECT_THAT(Found("Armenia's appeal to the CSTO for help on 13 September 2022 was answered only with a "
                    "fact-finding mission."),
              ElementsAre("ARM DENIED 2022-09-13"));
}

TEST(RequestExtractor, ARequestNounHasNoTense) {
  // Not dated by publication as "Armenia pleas" would be.
  EXPECT_THAT(Found("Armenia's pleas to the CSTO went unanswered.", "2020-12-01"), ElementsAre("ARM DENIED"));
}

TEST(RequestExtractor, ThePassiveAgentOwnsTheRequest) {
  EXPECT_THAT(Found("A request for peacekeepers, sent to the CSTO by Kyrgyzstan's interim government on 12 June "
                    "2010, was turned down two days later."),
              ElementsAre("KGZ DENIED 2010-06-12"));
  EXPECT_THAT(Answered("Troops were sent by the CSTO after a request was made by President Tokayev on 5 January "
                       "2022."),
              ElementsAre("KAZ GRANTED 2022-01-05"));
}

TEST(RequestExtractor, AMonthAfterAPossessiveDatesTheRequest) {
  EXPECT_THAT(Found("Armenia's May request to the CSTO was met with nothing more.", "2021-06-05"),
              ElementsAre("ARM DENIED 2021-05"));
}

TEST(RequestExtractor, AnAnswerMetWithARefusalOrSilenceIsADenial) {
  // The frame "meet / greet + with + refusal | rejection | silence", whatever
  // the determiner.
  EXPECT_THAT(Found("Armenia's request to the CSTO for troops on 3 March 2019 was met with a refusal."),
              ElementsAre("ARM DENIED 2019-03-03"));
  EXPECT_THAT(Found("Armenia's appeal to the CSTO on 3 March 2019 was greeted with stony silence."),
              ElementsAre("ARM DENIED 2019-03-03"));
}

TEST(RequestExtractor, AnOffsetWithoutAnAnchorInItsSentenceCountsFromTheLastEventTold) {
  // The aside's 2020 is the last date written, but the story is in 2022.
  EXPECT_THAT(Found("Tokayev asked the CSTO for help on 5 January 2022. The move recalled the peacekeepers Moscow "
                    "sent to Nagorno-Karabakh in November 2020. Twelve years earlier, Kyrgyzstan asked the CSTO for "
                    "peacekeepers."),
              ElementsAre("KAZ PENDING 2022-01-05", "KGZ PENDING 2010"));
  // An anchor in the sentence itself stays the anchor.
  EXPECT_THAT(Found("Tokayev asked the CSTO for help on 5 January 2022. Kyrgyzstan was hit by clashes in 2008 and "
                    "two years later asked the CSTO for peacekeepers."),
              ElementsAre("KAZ PENDING 2022-01-05", "KGZ PENDING 2010"));
}

}  // namespace
}  // namespace alliance::ingest::events
