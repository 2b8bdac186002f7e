#include "ingest-service/extract/events/trigger_lexicon.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"

namespace alliance::ingest::events {
namespace {

using ::testing::HasSubstr;
using testing::AnnotateText;
using testing::Bundled;

TEST(TriggerLexicon, LoadsTheBundledFile) {
  EXPECT_GT(Bundled().words->data().triggers_size() + Bundled().words->data().frames_size(), 10);
}

TEST(TriggerLexicon, PrefersTheLongestPhrase) {
  const AnnotatedDocument doc = AnnotateText("Azerbaijan and Georgia pulled out of it in 1999.");
  const auto matches = Bundled().words->FindTriggers(doc.tokens, 0, static_cast<int>(doc.tokens.size()));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].end_token - matches[0].first_token, 3);
  ASSERT_NE(matches[0].Find(TRIGGER_KIND_MEMBERSHIP), nullptr);
  EXPECT_EQ(TriggerLexicon::ActionOf(*matches[0].Find(TRIGGER_KIND_MEMBERSHIP)), v1::MEMBERSHIP_ACTION_WITHDREW);
}

TEST(TriggerLexicon, KeepsEveryMeaningOfAPhrase) {
  const AnnotatedDocument doc = AnnotateText("The troops left.");
  const auto matches = Bundled().words->FindTriggers(doc.tokens, 0, static_cast<int>(doc.tokens.size()));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_NE(matches[0].Find(TRIGGER_KIND_MEMBERSHIP), nullptr);
  EXPECT_NE(matches[0].Find(TRIGGER_KIND_INTERVENTION_END), nullptr);
}

TEST(TriggerLexicon, MatchesMultiWordCues) {
  const AnnotatedDocument doc = AnnotateText("Lukashenko failed to appeal.");
  EXPECT_EQ(Bundled().words->MatchWords(kNegation, doc.tokens, 1, static_cast<int>(doc.tokens.size())), 3);
  EXPECT_EQ(Bundled().words->MatchWords(kHypothetical, doc.tokens, 1, static_cast<int>(doc.tokens.size())), 1);
}

TEST(TriggerLexicon, AVerbFrameAndANounOfTheSameWordsKeepBothMeanings) {
  const AnnotatedDocument doc = AnnotateText("The Uzbek return to the CSTO was brief.");
  const auto matches = Bundled().words->FindTriggers(doc.tokens, 0, static_cast<int>(doc.tokens.size()));
  ASSERT_EQ(matches.size(), 1u);
  bool verb = false, noun = false;
  for (const Trigger* t : matches[0].triggers) {
    if (t->kind() != TRIGGER_KIND_MEMBERSHIP) continue;
    (t->nominal() ? noun : verb) = true;
  }
  EXPECT_TRUE(verb);
  EXPECT_TRUE(noun);
}

TEST(TriggerLexicon, RejectsANounThatRepeatsItsFramesParticle) {
  auto lexicon = TriggerLexicon::FromText(
      "t.textproto", "frames { kind: TRIGGER_KIND_MEMBERSHIP action: \"REJOINED\" confidence: 0.8 "
                     "verbs: \"return\" particles: \"to\" nouns: \"return to\" }");
  ASSERT_FALSE(lexicon.ok());
  EXPECT_THAT(lexicon.status().message(), HasSubstr("ending in its particle"));
}

TEST(TriggerLexicon, RejectsAnUnknownMembershipAction) {
  auto lexicon = TriggerLexicon::FromText(
      "t.textproto", "triggers { kind: TRIGGER_KIND_MEMBERSHIP action: \"ANNEXED\" phrases: \"x\" confidence: 0.5 }");
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(lexicon.status().message(), HasSubstr("t.textproto"));
  EXPECT_THAT(lexicon.status().message(), HasSubstr("triggers[0]"));
  EXPECT_THAT(lexicon.status().message(), HasSubstr("ANNEXED"));
}

TEST(TriggerLexicon, RejectsATriggerWithoutPhrasesOrConfidence) {
  EXPECT_THAT(TriggerLexicon::FromText("t", "triggers { kind: TRIGGER_KIND_REQUEST confidence: 0.5 }").status().message(),
              HasSubstr("no phrases"));
  EXPECT_THAT(TriggerLexicon::FromText("t", "triggers { kind: TRIGGER_KIND_REQUEST phrases: \"asked\" }").status().message(),
              HasSubstr("confidence"));
}

TEST(TriggerLexicon, ReportsSyntaxErrorsWithLineAndColumn) {
  auto lexicon = TriggerLexicon::FromText("bad.textproto", "triggers {\n  kind: NOT_A_KIND\n}");
  ASSERT_FALSE(lexicon.ok());
  EXPECT_THAT(std::string(lexicon.status().message()), ::testing::ContainsRegex("^bad\\.textproto:[0-9]+:[0-9]+: "));
}

TEST(TriggerLexicon, MissingFileIsNotFound) {
  EXPECT_EQ(TriggerLexicon::Load("/nonexistent/triggers.textproto").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace alliance::ingest::events
