#include "ingest-service/extract/events/intervention_extractor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"
#include "tests/extract/events/one_article_answers.h"

namespace alliance::ingest::events {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testing::AnswersFromOneArticle;
using testing::ExtractText;
using testing::Interventions;

// The asserted interventions the query service answers from `text` alone,
// linked to the requests the text tells (request_intervention_link.h).
std::vector<v1::Intervention> AnsweredAsserted(const std::string& text) {
  std::vector<v1::Intervention> out;
  for (const auto& i : Interventions(AnswersFromOneArticle(ExtractText(text)))) {
    if (i.factuality() == v1::FACTUALITY_ASSERTED) out.push_back(i);
  }
  return out;
}

std::vector<v1::Intervention> Asserted(const std::string& text) {
  std::vector<v1::Intervention> out;
  for (const auto& i : Interventions(ExtractText(text))) {
    if (i.factuality() == v1::FACTUALITY_ASSERTED) out.push_back(i);
  }
  return out;
}

// "KGZ=150 TJK=200~" for a record's troop figures ("" country: the whole force).
std::string Troops(const v1::Intervention& i) {
  std::string out;
  for (const auto& t : i.troops()) {
    out += (out.empty() ? "" : " ") + (t.country().empty() ? std::string("ALL") : t.country()) + "=" +
           std::to_string(t.count()) + (t.approximate() ? "~" : "");
  }
  return out;
}

TEST(InterventionTroops, AFigureListedUnderACountryIsThatCountrysShare) {
  // A unit count is no head count, and a state listed without a figure still
  // contributes.
  const auto found = Asserted(
      "Contingents in the CSTO mission in Kazakhstan: Russia -- the bulk; Tajikistan -- around 200 soldiers; "
      "Kyrgyzstan -- 150; Belarus -- one paratrooper company.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(Troops(found[0]), "TJK=200~ KGZ=150");
  EXPECT_THAT(found[0].contributing_countries(), ::testing::UnorderedElementsAre("RUS", "TJK", "KGZ", "BLR"));
}

TEST(InterventionTroops, TheSubjectOfAContributionVerbContributesTheFigure) {
  const auto found =
      Asserted("Armenia contributed 100 troops to the CSTO mission in Kazakhstan and Tajikistan about 200.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(Troops(found[0]), "ARM=100 TJK=200~");
  EXPECT_THAT(found[0].contributing_countries(), ElementsAre("ARM", "TJK"));
}

TEST(InterventionTroops, AUnitIsNoHeadCountButItsSenderContributes) {
  const auto found = Asserted("Belarus sent a company of paratroopers to the CSTO mission in Kazakhstan.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(Troops(found[0]), "");
  EXPECT_THAT(found[0].contributing_countries(), ElementsAre("BLR"));
}

TEST(InterventionTroops, ADemonymBeforeTroopsContributesAndOfThemCountsThem) {
  const auto russians = Asserted("Russian paratroopers began arriving in Kazakhstan under the CSTO flag.");
  ASSERT_THAT(russians, SizeIs(1));
  EXPECT_THAT(russians[0].contributing_countries(), ElementsAre("RUS"));
  const auto all = Asserted("CSTO troops were in Kazakhstan in January 2022, about 2,500 of them.");
  ASSERT_THAT(all, SizeIs(1));
  EXPECT_EQ(Troops(all[0]), "ALL=2500~");
}

TEST(InterventionExtractor, AnEndOutOfACountryAndTroopsTheyReferBackToKeepWhatWasTold) {
  const auto records = ExtractText(
      "The six-member bloc that Moscow leads finished pulling its troops out of Kazakhstan on 19 January 2022. They "
      "had arrived on 6 January at the request of the country's president.");
  const auto found = Interventions(records);
  ASSERT_THAT(found, SizeIs(2));
  for (const auto& i : found) {
    EXPECT_EQ(i.organization(), "CSTO");
    EXPECT_EQ(i.host_country(), "KAZ");
    EXPECT_EQ(FormatDate(i.end()), "2022-01-19");
  }
  EXPECT_EQ(FormatDate(found[1].start()), "2022-01-06");
  // The request the second sentence tells is linked to them in consolidation.
  for (const auto& i : Interventions(AnswersFromOneArticle(records))) EXPECT_EQ(i.requested_by(), "KAZ");
  // "They" after a sentence without troops is not troops.
  EXPECT_THAT(Asserted("The CSTO sent troops to Kazakhstan in 2022. Leaders met. They arrived in Minsk."), SizeIs(1));
}

TEST(InterventionExtractor, AStatesOwnTroopsAreNotTheOrganizations) {
  EXPECT_THAT(Asserted("On 14 May 2021 Armenia asked for consultations under the treaty after Azerbaijani soldiers "
                       "moved into its Syunik province."),
              IsEmpty());
  // Unless the organization is named with them.
  EXPECT_THAT(Asserted("Russian paratroopers began arriving in Kazakhstan under the CSTO flag."), SizeIs(1));
}

TEST(InterventionExtractor, ACountedForceWithoutDestinationAnswersTheRequestBefore) {
  const auto found = Interventions(ExtractText(
      "Tokayev asked Kazakhstan's partners in the CSTO to rescue his government on 5 January 2022. Within days a "
      "force of 2,030 servicemen had taken up positions at airports. The other members sent smaller units: "
      "Tajikistan about 200 soldiers, Kyrgyzstan — roughly 200, Armenia — 100."));
  ASSERT_THAT(found, SizeIs(2));
  EXPECT_EQ(found[0].host_country(), "KAZ");
  EXPECT_EQ(Troops(found[0]), "ALL=2030");
  EXPECT_EQ(Troops(found[1]), "TJK=200~ KGZ=200~ ARM=100");
}

TEST(InterventionExtractor, APlaceInsideACountryIsWhereTheTroopsAre) {
  const auto found = Asserted("The first troops of the alliance were in Almaty by 6 January 2022.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].organization(), "CSTO");
  EXPECT_EQ(found[0].host_country(), "KAZ");
  EXPECT_EQ(FormatDate(found[0].start()), "2022-01-06");
  // A place never acts: "Osh asked" is no request of Kyrgyzstan's.
  EXPECT_THAT(testing::Requests(ExtractText("In 2010 Osh asked the CSTO for help.")), IsEmpty());
}

TEST(InterventionExtractor, TheCountryIsTheOneNamedBefore) {
  const auto found = AnsweredAsserted("Kazakhstan's president appealed to the CSTO on 5 January 2022. The next day "
                                      "the bloc had troops on the ground in the country.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].host_country(), "KAZ");
  EXPECT_EQ(found[0].requested_by(), "KAZ");
}

TEST(InterventionExtractor, AnEndAloneClosesADeployment) {
  const auto found = Interventions(ExtractText("The last CSTO peacekeepers left Kazakhstan today.", "2022-01-19"));
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].host_country(), "KAZ");
  EXPECT_EQ(FormatDate(found[0].end()), "2022-01-19");
}

TEST(InterventionExtractor, ARangeGivesStartAndEnd) {
  const auto found = Asserted("The CSTO mission in Kazakhstan lasted from 6 to 19 January 2022.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(FormatDate(found[0].start()), "2022-01-06");
  EXPECT_EQ(FormatDate(found[0].end()), "2022-01-19");
}

TEST(InterventionExtractor, APresentProgressiveIsDatedByPublication) {
  const auto found = Interventions(ExtractText("The CSTO is sending about 2,500 troops to Kazakhstan.", "2022-01-06"));
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(FormatDate(found[0].start()), "2022-01-06");
  EXPECT_EQ(Troops(found[0]), "ALL=2500~");
}

TEST(InterventionExtractor, ReadsOrganizationHostDateAndWholeForce) {
  const auto found = Asserted(
      "The alliance, the Collective Security Treaty Organization (CSTO), made headlines in January 2022 after 2,500 "
      "of its troops entered Kazakhstan to restore order.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].organization(), "CSTO");
  EXPECT_EQ(found[0].host_country(), "KAZ");
  EXPECT_EQ(FormatDate(found[0].start()), "2022-01");
  ASSERT_THAT(found[0].troops(), SizeIs(1));
  EXPECT_EQ(found[0].troops(0).country(), "");
  EXPECT_EQ(found[0].troops(0).count(), 2500);
  EXPECT_EQ(found[0].purpose(), "to restore order");
}

TEST(InterventionExtractor, APrepositionalToIsNoPurpose) {
  const auto found = Asserted("In 2023, CSTO troops were sent to Kyrgyzstan.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].host_country(), "KGZ");
  EXPECT_EQ(found[0].purpose(), "");
}

TEST(InterventionExtractor, HypotheticalDeploymentsAreNotAsserted) {
  EXPECT_THAT(Asserted("A CSTO intervention in Ukraine during the war would be a different operation."), IsEmpty());
  EXPECT_THAT(Asserted("Zas stated that CSTO peacekeepers could be sent to the Donbas region in Ukraine."), IsEmpty());
  EXPECT_THAT(Asserted("It is unclear if the Kremlin is considering a CSTO intervention in Ukraine."), IsEmpty());
  const auto all = Interventions(ExtractText("A CSTO intervention in Ukraine would be a different operation."));
  ASSERT_THAT(all, SizeIs(1));
  EXPECT_EQ(all[0].factuality(), v1::FACTUALITY_HYPOTHETICAL);
}

TEST(InterventionExtractor, DeploymentsByStatesAloneAreNoInterventions) {
  EXPECT_THAT(Interventions(ExtractText("In 2019, Armenian forces also joined Russian forces in Syria.")), IsEmpty());
  EXPECT_THAT(Interventions(ExtractText("In early 2019, Armenia deployed dozens of its soldiers to Syria.")),
              IsEmpty());
}

TEST(InterventionExtractor, ReferencesTakeTheDatedInterventionOfTheDocument) {
  const auto found = Asserted(
      "The CSTO's intervention in Kazakhstan on January 5, 2022, proved useful. Protests had begun on January 2, "
      "2022. The CSTO intervention successfully left a week later.");
  ASSERT_THAT(found, SizeIs(2));
  EXPECT_EQ(found[1].host_country(), "KAZ");
  EXPECT_EQ(FormatDate(found[1].start()), "2022-01-05");
  // "a week later" counts from the intervention's start, not from the last date written.
  EXPECT_EQ(FormatDate(found[1].end()), "2022-01-12");
}

TEST(InterventionExtractor, UnrelatedOperationsDoNotCorefer) {
  const auto found = Asserted(
      "The CSTO's intervention in Kazakhstan on January 5, 2022, proved useful. The Russians met resistance, and "
      "this military operation escalated into a war. CSTO members conduct joint exercises and operations.");
  EXPECT_THAT(found, SizeIs(1));
}

TEST(InterventionExtractor, AttachesAContributorsShareToTheRecentIntervention) {
  const auto found = Asserted(
      "In Kazakhstan, in January 2022, CSTO peacekeeping forces were used. Naturally, Russia took the lead in "
      "providing assistance, sending the largest number of servicemen, about 3,000 paratroopers.");
  ASSERT_THAT(found, SizeIs(2));
  ASSERT_THAT(found[1].troops(), SizeIs(1));
  EXPECT_EQ(found[1].troops(0).country(), "RUS");
  EXPECT_EQ(found[1].troops(0).count(), 3000);
  EXPECT_TRUE(found[1].troops(0).approximate());
  EXPECT_EQ(found[1].host_country(), "KAZ");
  EXPECT_EQ(found[1].contributing_countries(0), "RUS");
}

TEST(InterventionExtractor, TakesTheRequesterFromAGrantedRequest) {
  const auto found = AnsweredAsserted(
      "In January 2022, President Kassym-Jomart Tokayev called for the introduction of CSTO peacekeepers into the "
      "country, which the organization quickly agreed to. Thus, in Kazakhstan, CSTO peacekeeping forces were used.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].requested_by(), "KAZ");
  EXPECT_EQ(FormatDate(found[0].start()), "2022-01");
}

TEST(InterventionExtractor, PhrasesThatOnlyContainATriggerAnnounceNothing) {
  EXPECT_THAT(Interventions(ExtractText("In October 2002, in Chisinau, the CSTO Charter was signed and entered into "
                                        "force in September 2003.")),
              IsEmpty());
}

TEST(InterventionExtractor, ADemonymBeforeTroopsNamesWhoSendsThemNotTheHost) {
  EXPECT_THAT(Asserted("The CSTO said advance units of the Russian contingent have arrived."), IsEmpty());
  // Nor does an organization across a clause break own them.
  EXPECT_THAT(Asserted("Russia invaded Ukraine without any involvement of the CSTO, although Belarus let Russian "
                       "forces cross its territory."),
              IsEmpty());
}

TEST(InterventionTroops, TheSenderOfAFigureInsideTheVerbsObjectContributesIt) {
  const auto found = Asserted("The CSTO sent peacekeepers to Kazakhstan in January 2022. Tajikistan sent around 200 "
                              "troops, Kyrgyzstan 150 and Armenia 100, while Belarus contributed a company of "
                              "paratroopers.");
  ASSERT_THAT(found, SizeIs(2));
  EXPECT_EQ(Troops(found[1]), "TJK=200~ KGZ=150 ARM=100");
  EXPECT_THAT(found[1].contributing_countries(), ElementsAre("TJK", "KGZ", "ARM", "BLR"));
}

TEST(InterventionExtractor, AnEndInAClauseOfItsOwnEndsTheDeployment) {
  const std::string start = "The CSTO sent peacekeepers to Kazakhstan on 6 January 2022. ";
  auto end_of = [&](const std::string& text) {
    std::string end;
    for (const auto& i : Interventions(ExtractText(start + text))) {
      if (!IsUnset(i.end())) end = FormatDate(i.end());
    }
    return end;
  };
  EXPECT_EQ(end_of("Its withdrawal was completed on 19 January."), "2022-01-19");
  EXPECT_EQ(end_of("On 11 January Tokayev said that the mission had been accomplished; the last aircraft carrying "
                   "peacekeepers left on 19 January."),
            "2022-01-19");
  // A withdrawal that begins has not ended.
  EXPECT_EQ(end_of("The peacekeepers began withdrawing on 13 January."), "");
  EXPECT_EQ(end_of("Their withdrawal started on 13 January."), "");
}

TEST(InterventionExtractor, AReferenceToTheDeploymentDoesNotRedateItsStart) {
  const auto found = Interventions(ExtractText(
      "The CSTO sent peacekeepers to Kazakhstan on 6 January 2022. The force began handing its sites back to "
      "Kazakh units on 13 January."));
  ASSERT_THAT(found, SizeIs(2));
  EXPECT_EQ(FormatDate(found[1].start()), "2022-01-06");
}

TEST(InterventionExtractor, TroopsSentWithoutADestinationGoWhereHelpWasAskedFor) {
  const auto found = Asserted("Tokayev asked the CSTO for help on 5 January 2022. About 2,500 troops arrived the "
                              "next day.");
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0].host_country(), "KAZ");
  EXPECT_EQ(found[0].organization(), "CSTO");
  EXPECT_EQ(Troops(found[0]), "ALL=2500~");
  // With no request before them they go nowhere the text says: no record.
  EXPECT_THAT(Asserted("The CSTO held a summit in 2021. About 2,500 troops arrived the next day."), IsEmpty());
  // A refused request is not where troops went.
  EXPECT_THAT(Asserted("Kyrgyzstan asked the CSTO for help in June 2010, but the CSTO refused. The alliance later "
                       "sent 300 troops."),
              IsEmpty());
}

}  // namespace
}  // namespace alliance::ingest::events
