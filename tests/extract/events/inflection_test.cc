#include "ingest-service/extract/events/inflection.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::ingest::events {
namespace {

using ::testing::Contains;
using ::testing::IsSupersetOf;
using ::testing::Not;

TEST(VerbForms, InflectsRegularVerbs) {
  EXPECT_THAT(VerbForms("join"), IsSupersetOf({"join", "joins", "joined", "joining"}));
  EXPECT_THAT(VerbForms("suspend"), IsSupersetOf({"suspends", "suspended", "suspending"}));
}

TEST(VerbForms, DropsAFinalEAndChangesAFinalY) {
  EXPECT_THAT(VerbForms("restore"), IsSupersetOf({"restores", "restored", "restoring"}));
  EXPECT_THAT(VerbForms("deny"), IsSupersetOf({"denies", "denied", "denying"}));
  EXPECT_THAT(VerbForms("agree"), IsSupersetOf({"agrees", "agreed", "agreeing"}));
  EXPECT_THAT(VerbForms("push"), Contains("pushes"));
}

TEST(VerbForms, DoublesAFinalConsonantWhereEnglishMay) {
  EXPECT_THAT(VerbForms("admit"), IsSupersetOf({"admitted", "admitting"}));
  EXPECT_THAT(VerbForms("stop"), IsSupersetOf({"stopped", "stopping"}));
  // No doubling after two vowels or of w/x/y.
  EXPECT_THAT(VerbForms("join"), Not(Contains("joinned")));
  EXPECT_THAT(VerbForms("renew"), Not(Contains("renewwed")));
}

TEST(VerbForms, InflectsTheFirstWordOfAPhrasalVerb) {
  EXPECT_THAT(VerbForms("pull out"), IsSupersetOf({"pull out", "pulls out", "pulled out", "pulling out"}));
}

TEST(VerbForms, AddsIrregularFormsAndKeepsTheLemmaFirst) {
  const std::vector<std::string> forms = VerbForms("freeze", {"froze", "frozen"});
  ASSERT_FALSE(forms.empty());
  EXPECT_EQ(forms.front(), "freeze");
  EXPECT_THAT(forms, IsSupersetOf({"freezes", "freezing", "froze", "frozen"}));
  EXPECT_THAT(ParticipleForms("freeze", {"froze", "frozen"}), Contains("frozen"));
  EXPECT_THAT(ParticipleForms("freeze"), Not(Contains("freezing")));
}

TEST(NounForms, InflectsTheLastWordOfACompound) {
  EXPECT_THAT(NounForms("request"), IsSupersetOf({"request", "requests"}));
  EXPECT_THAT(NounForms("body"), Contains("bodies"));
  EXPECT_THAT(NounForms("status"), Contains("statuses"));
  EXPECT_THAT(NounForms("observer seat"), Contains("observer seats"));
  EXPECT_THAT(NounForms("call for help"), Contains("calls for help"));
  EXPECT_THAT(NounForms("withdrawal from"), Contains("withdrawals from"));
}

}  // namespace
}  // namespace alliance::ingest::events
