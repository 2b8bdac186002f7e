#include "ingest-service/extract/events/sentence_structure.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"

namespace alliance::ingest::events {
namespace {

using testing::AnnotateText;
using testing::Bundled;

// Returns the token index of the first token whose lower form is `word`.
int TokenOf(const AnnotatedDocument& doc, const std::string& word) {
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    if (doc.tokens[i].lower == word) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no token " << word;
  return 0;
}

std::vector<std::string> Codes(const std::vector<const Mention*>& mentions) {
  std::vector<std::string> out;
  for (const Mention* m : mentions) out.push_back(ActorCode(*m));
  return out;
}

TEST(SentenceStructure, OpensARelativeClauseAfterCommaWhichAndClosesItAtTheNextComma) {
  const AnnotatedDocument doc = AnnotateText("Uzbekistan, which rejoined the CSTO in 2006, remains a priority.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const int rejoined = TokenOf(doc, "rejoined");
  const int remains = TokenOf(doc, "remains");
  EXPECT_EQ(s.clauses()[static_cast<size_t>(s.ClauseOf(rejoined))].kind, ClauseKind::kRelative);
  EXPECT_EQ(s.clauses()[static_cast<size_t>(s.ClauseOf(remains))].kind, ClauseKind::kMain);
  EXPECT_THAT(Codes(s.Actors(rejoined, rejoined + 1, false)), ::testing::ElementsAre("UZB"));
}

TEST(SentenceStructure, ATokenPastTheSentenceIsInItsLastClause) {
  // A trigger that closes the sentence ends at the sentence's end token,
  // which callers ask about ("Freedonia sent troops").
  const AnnotatedDocument doc = AnnotateText("Ruritania asked for help, and Freedonia sent troops");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const int first = s.sentence().first_token;
  const int end = s.sentence().end_token;
  EXPECT_EQ(s.ClauseOf(end), s.ClauseOf(end - 1));
  EXPECT_EQ(s.ClauseOf(end + 5), s.ClauseOf(end - 1));
  EXPECT_EQ(s.ClauseOf(first - 1), s.ClauseOf(first));
  EXPECT_NE(s.ClauseOf(first), s.ClauseOf(end - 1));
}

TEST(SentenceStructure, SplitsCoordinateClausesButNotLists) {
  const AnnotatedDocument doc = AnnotateText("Armenia, Belarus, and Russia extended it, but Georgia declined.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const int extended = TokenOf(doc, "extended");
  const int declined = TokenOf(doc, "declined");
  EXPECT_NE(s.ClauseOf(extended), s.ClauseOf(declined));
  EXPECT_THAT(Codes(s.Actors(extended, extended + 1, false)), ::testing::ElementsAre("ARM", "BLR", "RUS"));
  EXPECT_THAT(Codes(s.Actors(declined, declined + 1, false)), ::testing::ElementsAre("GEO"));
}

TEST(SentenceStructure, CommaAndBeforeADateStartsAClause) {
  const AnnotatedDocument doc =
      AnnotateText("In June 2010 it refused when Kyrgyzstan begged for help, and last year it offered consultations.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  EXPECT_NE(s.ClauseOf(TokenOf(doc, "begged")), s.ClauseOf(TokenOf(doc, "offered")));
  const int begged = TokenOf(doc, "begged");
  ASSERT_NE(s.NearestDate(begged, begged + 1), nullptr);
  EXPECT_EQ(FormatDate(s.NearestDate(begged, begged + 1)->date), "2010-06");
}

TEST(SentenceStructure, OnlyAnOrganizationInTheClauseCountsAsTheOneBeforeInIt) {
  const AnnotatedDocument doc = AnnotateText("It happened without the CSTO, although Belarus let forces cross.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const int forces = TokenOf(doc, "forces");
  EXPECT_EQ(s.OrganizationBefore(forces, 12), "CSTO");
  EXPECT_EQ(s.OrganizationBeforeInClause(forces, 12), "");
}

TEST(SentenceStructure, TakesAgentsAfterByBeforeASubject) {
  const AnnotatedDocument doc = AnnotateText(
      "On May 15, 1992, in Tashkent (Uzbekistan), the treaty was signed by the leaders of Armenia and Russia.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const int signed_at = TokenOf(doc, "signed");
  EXPECT_THAT(Codes(s.Actors(signed_at, signed_at + 1, false)), ::testing::ElementsAre("ARM", "RUS"));
  const Mention* date = s.NearestDate(signed_at, signed_at + 1);
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(FormatDate(date->date), "1992-05-15");
}

TEST(SentenceStructure, ModifiersAndNonStateGroupsDoNotAct) {
  const AnnotatedDocument doc = AnnotateText("Some citizens of Armenia and the Russian-led bloc and the Kyrgyz government.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  std::vector<std::string> acting;
  for (const Mention* m : s.mentions()) {
    if (s.IsActingCountry(*m)) acting.push_back(m->code);
  }
  EXPECT_THAT(acting, ::testing::ElementsAre("KGZ"));
}

TEST(SentenceStructure, TheOrganizationMeansTheFocusOrganization) {
  const AnnotatedDocument doc = AnnotateText("They quit the organization in 2012.");
  const SentenceStructure s(doc, 0, *Bundled().words, "NPA");
  EXPECT_EQ(s.OrganizationAfter(TokenOf(doc, "quit") + 1, 3), "NPA");
}

TEST(SentenceStructure, ADescriptionMayHaveAHyphenatedNumberModifier) {
  const AnnotatedDocument doc = AnnotateText("The six-member bloc met.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  EXPECT_EQ(s.OrganizationBefore(TokenOf(doc, "met"), 6), "CSTO");
  // Three plain modifiers are too many for a generic noun.
  const AnnotatedDocument far = AnnotateText("The big old slow bloc met.");
  const SentenceStructure f(far, 0, *Bundled().words, "CSTO");
  EXPECT_EQ(f.OrganizationBefore(TokenOf(far, "met"), 6), "");
}

TEST(SentenceStructure, FocusOrganizationIsTheMostMentioned) {
  const AnnotatedDocument doc = AnnotateText("NATO and the CSTO met. The CSTO spoke. NATO left. The CSTO stayed.");
  EXPECT_EQ(FocusOrganization(doc), "CSTO");
  EXPECT_EQ(FocusOrganization(doc, "NATO"), "CSTO");  // a preference does not outvote
  // Ties go to the ledger's own organization, else to the first mentioned.
  const AnnotatedDocument tie = AnnotateText("Finland joined NATO; the CSTO met in Minsk.");
  EXPECT_EQ(FocusOrganization(tie), "NATO");
  EXPECT_EQ(FocusOrganization(tie, "CSTO"), "CSTO");
}

TEST(SentenceStructure, ACapitalAfterAPrepositionOfPlaceIsAVenue) {
  const AnnotatedDocument doc = AnnotateText("The summit in Minsk ended and Minsk said so.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  std::vector<bool> acting;
  for (const Mention* m : s.mentions()) acting.push_back(s.IsActingCountry(*m));
  EXPECT_THAT(acting, ::testing::ElementsAre(false, true));
}

TEST(SentenceStructure, FindsTheHostAfterInOrAsADemonymBefore) {
  const AnnotatedDocument doc = AnnotateText("The CSTO's Kazakh operation and its intervention in Kyrgyzstan.");
  const SentenceStructure s(doc, 0, *Bundled().words, "CSTO");
  const int operation = TokenOf(doc, "operation");
  const int intervention = TokenOf(doc, "intervention");
  ASSERT_NE(s.HostOf(operation, operation + 1), nullptr);
  EXPECT_EQ(s.HostOf(operation, operation + 1)->code, "KAZ");
  ASSERT_NE(s.HostOf(intervention, intervention + 1), nullptr);
  EXPECT_EQ(s.HostOf(intervention, intervention + 1)->code, "KGZ");
  // A demonym before troops is their sender.
  const AnnotatedDocument troops = AnnotateText("The Russian contingent has arrived.");
  const SentenceStructure t(troops, 0, *Bundled().words, "CSTO");
  const int contingent = TokenOf(troops, "contingent");
  EXPECT_EQ(t.HostOf(contingent, contingent + 1), nullptr);
}

}  // namespace
}  // namespace alliance::ingest::events
