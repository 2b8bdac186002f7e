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

// The cue words of the first trigger of `kind` in `text`, as the text writes them.
std::string CueOf(const std::string& text, TriggerKind kind) { return Classify(text, kind).cue; }

TEST(Modality, AnAssertionHasNoCue) {
  const Modality m = Classify("Ruritania left the CSTO in 2034.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(m.cue, "");
  EXPECT_EQ(m.cue_first, -1);
  EXPECT_EQ(m.cue_end, -1);
}

TEST(Modality, KeepsTheWholeNegationThatDecidedIt) {
  const Modality m = Classify("Ruritania did not leave the CSTO in 2034.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_NEGATED);
  EXPECT_EQ(m.cue, "did not");
  EXPECT_EQ(m.cue_end - m.cue_first, 2);
  EXPECT_EQ(CueOf("Freedonia failed to appeal to the CSTO.", TRIGGER_KIND_REQUEST), "failed to");
}

TEST(Modality, AContractedNegationNegates) {
  const Modality m = Classify("Ruritania didn't leave the CSTO in 2034.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_NEGATED);
  EXPECT_EQ(m.cue, "didn't");
  EXPECT_EQ(m.cue_end - m.cue_first, 1);
  EXPECT_EQ(Classify("Freedonia hasn’t appealed to the CSTO.", TRIGGER_KIND_REQUEST).factuality,
            v1::FACTUALITY_NEGATED);
  // A word that merely ends like the clitic's letters is no negation.
  EXPECT_EQ(Classify("Ruritania left the CSTO in 2034.", TRIGGER_KIND_MEMBERSHIP).factuality,
            v1::FACTUALITY_ASSERTED);
}

TEST(Modality, KeepsTheHypotheticalWordOrTheQuestionMark) {
  const Modality would = Classify("Ruritania would quit the CSTO within a year.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(would.factuality, v1::FACTUALITY_HYPOTHETICAL);
  EXPECT_EQ(would.cue, "would");
  // After a nominal trigger: the longest phrase that matched.
  EXPECT_EQ(CueOf("A CSTO deployment in Freedonia would be costly.", TRIGGER_KIND_INTERVENTION), "would be");
  const Modality question = Classify("Should Freedonia leave the CSTO?", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(question.factuality, v1::FACTUALITY_HYPOTHETICAL);
  EXPECT_EQ(question.cue, "?");
  EXPECT_EQ(question.cue_end - question.cue_first, 1);
}

TEST(Modality, KeepsTheCallThatProposedIt) {
  const Modality m =
      Classify("Opposition deputies called on Ruritania to leave the CSTO.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_PROPOSED);
  EXPECT_EQ(m.cue, "called on");
}

TEST(Modality, KeepsTheAttributionAsWritten) {
  const Modality said =
      Classify("A Freedonian minister said that Ruritania had left the CSTO.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(said.factuality, v1::FACTUALITY_REPORTED);
  EXPECT_EQ(said.cue, "said that");
  const Modality after =
      Classify("Ruritania left the CSTO in 2033, according to a Freedonian newspaper.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(after.factuality, v1::FACTUALITY_REPORTED);
  EXPECT_EQ(after.cue, "according to");
  // The words as the text writes them, capital included.
  EXPECT_EQ(CueOf("According to a Freedonian newspaper, Ruritania left the CSTO in 2033.", TRIGGER_KIND_MEMBERSHIP),
            "According to");
}

TEST(Modality, ANegatedAttributionKeepsTheNegationAndTheVerb) {
  const Modality m = Classify("Ruritania never said that it was leaving the CSTO.", TRIGGER_KIND_MEMBERSHIP);
  EXPECT_EQ(m.factuality, v1::FACTUALITY_HYPOTHETICAL);
  EXPECT_EQ(m.cue, "never said that");
}

}  // namespace
}  // namespace alliance::ingest::events
