// Issue #8's development set end to end over gRPC: the 15 articles in
// tests/e2e/testdata/dev (their first line gives url, title and publication
// date, and is not sent as text) ingested into the real binaries, the answers
// compared with tests/e2e/testdata/dev-gold.json. Prints the same figures as
// seed_gold_e2e_test.
//
// The targets are far above what extraction does today, so apart from the
// verbatim evidence quotes (a hard gate) each check is a ratchet: a floor at
// today's figure, to be raised as extraction improves and never lowered.
#include <cstdio>

#include "gtest/gtest.h"
#include "tests/e2e/gold_check.h"

namespace alliance::testing {
namespace {

// Today's figures as floors, with issue #8's targets. Measured at 973ad44
// when the test was added, raised where later commits improved them.
// Membership events: F1 0.439 at 973ad44, 0.726 at 7dd3286, 0.978 (P 23/23,
// R 22/23) at 6df9eb9, 1.000 (P 24/24, R 23/23) when membership frames took
// the document's organization; target >= 0.95 (met).
constexpr double kMembershipF1Floor = 1.0;
// Assistance requests: F1 0.500 at 973ad44, 1.000 at 261d419; target >= 0.95 (met).
constexpr double kRequestF1Floor = 1.0;
// Forbidden membership examples returned: 1 at 973ad44, 0 since 8f768dc; target 0.
constexpr int kForbiddenMembershipCeiling = 0;
// members_as_of dates answered exactly: 7 of 8 at 973ad44, 8 of 8 since eac481b
// (target met).
constexpr int kExactMembersAsOfFloor = 8;
// Checks of the KAZ intervention passed: 2 of 10 at 973ad44, 8 at 6df9eb9, all
// 10 once ends in clauses of their own and troops sent where help was asked
// for were read; target all 10 with no forbidden one (met).
constexpr int kInterventionChecksFloor = 10;
constexpr int kForbiddenInterventionsCeiling = 0;
// Conflicts recorded: 0 at 973ad44, 2 at 53d8373 (UZB suspension date, ARM 2020
// request outcome), 3 at f693f9e (and the KAZ whole force, 2,030 or 2,500), 4
// once "sign up" joined (GEO's accession date); target at least the gold's four
// expected ones. The count is met, but the gold's KGZ contingent conflict (150
// or roughly 200) is still not found: the UZB suspension date is counted instead.
constexpr int kConflictsFloor = 4;
// F1 is compared with this much slack, so that a floor equal to today's
// figure is not missed by rounding.
constexpr double kSlack = 1e-9;

struct DevCorpus {
  static absl::StatusOr<std::vector<CorpusDocument>> Documents() { return ReadDevCorpus(); }
  static constexpr char kGoldPath[] = "tests/e2e/testdata/dev-gold.json";
};
using DevGoldEndToEnd = GoldEndToEnd<DevCorpus>;

TEST(DevCorpus, EveryArticleHasItsHeaderAndText) {
  absl::StatusOr<std::vector<CorpusDocument>> documents = ReadDevCorpus();
  ASSERT_TRUE(documents.ok()) << documents.status();
  EXPECT_EQ(documents->size(), 15u);
  for (const CorpusDocument& d : *documents) {
    EXPECT_FALSE(d.document.url().empty()) << d.name;
    EXPECT_FALSE(d.document.title().empty()) << d.name;
    EXPECT_EQ(d.document.published().size(), 10u) << d.name << ": " << d.document.published();
    EXPECT_FALSE(d.document.text().empty()) << d.name;
    EXPECT_NE(d.document.text().front(), '\n') << d.name;
    EXPECT_EQ(d.document.text().find("SOURCE: "), std::string::npos) << d.name;
  }
}

TEST_F(DevGoldEndToEnd, MembersAsOfGoldDates) {
  int exact = 0;
  const std::vector<MembersOnDate> dates = check().MembersOnGoldDates();
  for (const MembersOnDate& date : dates) {
    std::printf("members as of %s\n", date.Describe().c_str());
    exact += date.exact() ? 1 : 0;
  }
  std::printf("members_as_of: %d of %zu dates exact\n", exact, dates.size());
  EXPECT_GE(exact, kExactMembersAsOfFloor);
}

TEST_F(DevGoldEndToEnd, MembershipEvents) {
  KindScore score = ScoreMembershipEvents(check().gold(), check().Events());
  std::printf("%s\nmembership events F1 %.3f\n", score.Summary("membership events").c_str(), score.f1());
  EXPECT_GE(score.f1() + kSlack, kMembershipF1Floor);
  EXPECT_LE(static_cast<int>(score.forbidden.size()), kForbiddenMembershipCeiling);
}

TEST_F(DevGoldEndToEnd, AssistanceRequests) {
  KindScore score = ScoreAssistanceRequests(check().gold(), check().Requests());
  std::printf("%s\nassistance requests F1 %.3f\n", score.Summary("assistance requests").c_str(), score.f1());
  EXPECT_GE(score.f1() + kSlack, kRequestF1Floor);
}

TEST_F(DevGoldEndToEnd, Interventions) {
  InterventionCheck interventions = CheckInterventions(check().gold(), check().Interventions());
  std::printf("%s\n", interventions.Summary().c_str());
  EXPECT_GE(interventions.passed, kInterventionChecksFloor);
  EXPECT_LE(interventions.forbidden, kForbiddenInterventionsCeiling);
}

TEST_F(DevGoldEndToEnd, Conflicts) {
  ConflictCheck conflicts = check().CheckConflicts();
  std::printf("%s\n(the gold expects %d)\n", conflicts.Describe().c_str(), check().gold().conflicts_expected_size());
  EXPECT_GE(static_cast<int>(conflicts.conflicts.size()), kConflictsFloor);
}

TEST_F(DevGoldEndToEnd, EveryEvidenceQuotesItsSourceVerbatim) {
  check().ExpectEvidenceQuotesVerbatim();
}

}  // namespace
}  // namespace alliance::testing
