// The quality bar of issue #3, end to end over gRPC: ingest the bundled corpus
// into the real binaries and compare the answers with seed-gold.json. Prints
// precision and recall per record kind. Every check here is a hard gate.
#include <cstdio>

#include "gtest/gtest.h"
#include "tests/e2e/gold_check.h"

namespace alliance::testing {
namespace {

struct SeedCorpus {
  static absl::StatusOr<std::vector<CorpusDocument>> Documents() { return BundledCorpusDocuments(); }
  static constexpr char kGoldPath[] = "tests/e2e/testdata/seed-gold.json";
};
using SeedGoldEndToEnd = GoldEndToEnd<SeedCorpus>;

TEST_F(SeedGoldEndToEnd, MembersAsOfEveryGoldDateAreExact) {
  for (const MembersOnDate& date : check().MembersOnGoldDates()) {
    std::printf("members as of %s\n", date.Describe().c_str());
    EXPECT_EQ(date.got, date.want) << date.Describe();
  }
}

TEST_F(SeedGoldEndToEnd, MembershipEventsMeetPrecisionAndRecall) {
  KindScore score = ScoreMembershipEvents(check().gold(), check().Events());
  std::printf("%s\n", score.Summary("membership events").c_str());
  EXPECT_GE(score.precision(), 0.95);
  EXPECT_GE(score.recall(), 0.95);
  EXPECT_TRUE(score.forbidden.empty());
}

TEST_F(SeedGoldEndToEnd, AssistanceRequestsMeetPrecisionAndRecall) {
  KindScore score = ScoreAssistanceRequests(check().gold(), check().Requests());
  std::printf("%s\n", score.Summary("assistance requests").c_str());
  EXPECT_GE(score.precision(), 0.95);
  EXPECT_GE(score.recall(), 0.95);
}

TEST_F(SeedGoldEndToEnd, RequiredInterventionIsCompleteAndForbiddenOnesAbsent) {
  InterventionCheck interventions = CheckInterventions(check().gold(), check().Interventions());
  std::printf("%s\n", interventions.Summary().c_str());
  EXPECT_TRUE(interventions.problems.empty());
}

TEST_F(SeedGoldEndToEnd, ExpectedConflictsAreRecorded) {
  ConflictCheck conflicts = check().CheckConflicts();
  std::printf("%s\n", conflicts.Describe().c_str());
  EXPECT_TRUE(conflicts.undisputed_requests.empty());
  EXPECT_TRUE(conflicts.troops_conflict);
  EXPECT_GE(conflicts.conflicts.size(), static_cast<size_t>(check().gold().conflicts_expected_size()));
}

TEST_F(SeedGoldEndToEnd, EveryEvidenceQuotesARealSentenceOfItsSource) {
  check().ExpectEvidenceQuotesVerbatim();
}

}  // namespace
}  // namespace alliance::testing
