#include "ingest-service/extract/events/modality.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"

namespace alliance::ingest::events {
namespace {

using testing::AnnotateText;
using testing::Bundled;

// Classifies the first trigger of `kind` in the one-sentence `text`.
Modality Classify(const std::string& text, TriggerKind kind) {
  const AnnotatedDocument doc = AnnotateText(text);
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const auto matches = Bundled().words->FindTriggers(doc.tokens, doc.sentences[0].first_token,
                                                     doc.sentences[0].end_token);
  for (const TriggerMatch& m : matches) {
    if (const Trigger* t = m.Find(kind)) return ClassifyFactuality(s, m.first_token, m.end_token, *t);
  }
  ADD_FAILURE() << "no trigger in: " << text;
  return Modality();
}

TEST(Modality, AQuestionAssertsNothing) {
  EXPECT_EQ(Classify("Should Armenia quit the CSTO?", TRIGGER_KIND_MEMBERSHIP).factuality,
            v1::FACTUALITY_HYPOTHETICAL);
  EXPECT_EQ(Classify("What If Russia's Partners Intervene in Ukraine?", TRIGGER_KIND_INTERVENTION).factuality,
            v1::FACTUALITY_HYPOTHETICAL);
}

TEST(Modality, AMonthNameIsNoModal) {
  EXPECT_EQ(Classify("Armenia's May request to the CSTO was ignored.", TRIGGER_KIND_REQUEST).factuality,
            v1::FACTUALITY_ASSERTED);
}

TEST(Modality, NegationRightBeforeTheTriggerNegates) {
  EXPECT_EQ(Classify("Lukashenko did not appeal to the CSTO.", TRIGGER_KIND_REQUEST).factuality,
            v1::FACTUALITY_NEGATED);
  EXPECT_EQ(Classify("Lukashenko failed to appeal to the CSTO.", TRIGGER_KIND_REQUEST).factuality,
            v1::FACTUALITY_NEGATED);
}

TEST(Modality, NegationInAnotherClauseDoesNotCount) {
  EXPECT_EQ(Classify("The CST failed to integrate, and Georgia chose to leave in 1999.", TRIGGER_KIND_MEMBERSHIP)
                .factuality,
            v1::FACTUALITY_ASSERTED);
}

TEST(Modality, AModalAfterANominalTriggerMakesItHypothetical) {
  EXPECT_EQ(Classify("A CSTO intervention in Ukraine during the war would be different.", TRIGGER_KIND_INTERVENTION)
                .factuality,
            v1::FACTUALITY_HYPOTHETICAL);
}

TEST(Modality, AComplementizerEndsTheScopeOfANominalTrigger) {
  EXPECT_EQ(Classify("The CSTO's intervention in Kazakhstan proved that the alliance could help.",
                     TRIGGER_KIND_INTERVENTION)
                .factuality,
            v1::FACTUALITY_ASSERTED);
}

TEST(Modality, ConditionsAndPredictionsAreHypothetical) {
  EXPECT_EQ(Classify("If Minsk asked, CSTO troops could be sent to Belarus.", TRIGGER_KIND_INTERVENTION).factuality,
            v1::FACTUALITY_HYPOTHETICAL);
  EXPECT_EQ(Classify("Azerbaijan is unlikely to join the CSTO.", TRIGGER_KIND_MEMBERSHIP).factuality,
            v1::FACTUALITY_HYPOTHETICAL);
}

TEST(Modality, CallsByOthersAreProposals) {
  EXPECT_EQ(Classify("Citizens appealed to their government to withdraw from the CSTO.", TRIGGER_KIND_MEMBERSHIP)
                .factuality,
            v1::FACTUALITY_PROPOSED);
}

TEST(Modality, AProposalTriggerIsNotItselfProposed) {
  EXPECT_NE(Classify("Russia was open to the idea of giving Azerbaijan partner status in the CSTO.",
                     TRIGGER_KIND_MEMBERSHIP)
                .factuality,
            v1::FACTUALITY_PROPOSED);
}

TEST(Modality, AttributionIsReportedWithTheSpeaker) {
  const Modality m = Classify("Stanislav Zas stated that CSTO troops entered Kazakhstan.", TRIGGER_KIND_INTERVENTION);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_REPORTED);
  EXPECT_EQ(m.reported_by, "Stanislav Zas");
}

TEST(Modality, AnAttributionAfterTheClaimReportsIt) {
  const Modality m =
      Classify("CSTO troops were deployed to Tajikistan in 2001, according to Moscow.", TRIGGER_KIND_INTERVENTION);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_REPORTED);
  EXPECT_EQ(m.reported_by, "RUS");
}

TEST(Modality, TheMonthMayIsNotAModal) {
  EXPECT_EQ(Classify("On May 15, 1992, Armenia signed the treaty.", TRIGGER_KIND_MEMBERSHIP).factuality,
            v1::FACTUALITY_ASSERTED);
}

}  // namespace
}  // namespace alliance::ingest::events
