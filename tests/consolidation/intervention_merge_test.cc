#include "query-service/consolidation/intervention_merge.h"

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Date;
using testing::Intervention;
using testing::Troops;

GroupFacts Merge(const std::vector<SourcedRecord>& records, const DocumentMap& documents = {}) {
  return testing::MergeGroup(MergeInterventions, records, documents);
}

const v1::TroopContribution* FindTroops(const v1::Intervention& fact, const std::string& country) {
  for (const v1::TroopContribution& troop : fact.troops()) {
    if (troop.country() == country) return &troop;
  }
  return nullptr;
}

TEST(InterventionMerge, ContributorAboveTheWholeForceIsATroopConflict) {
  const GroupFacts facts = Merge({Intervention(1, "a", "KAZ", Date("2022-01-05"), {Troops("", 2500, false, "a")}),
                                  Intervention(2, "b", "KAZ", Date("2022-01"), {Troops("", 2500, false, "b")}),
                                  Intervention(3, "c", "KAZ", Date("2022"), {Troops("RUS", 3000, true, "c")})});
  ASSERT_EQ(facts.interventions.size(), 1u);
  const v1::Intervention& fact = facts.interventions[0];
  EXPECT_EQ(fact.id(), "intervention/CSTO/KAZ/2022");
  EXPECT_EQ(FormatDate(fact.start()), "2022-01-05");
  EXPECT_EQ(fact.sources(), 3);
  EXPECT_TRUE(fact.disputed());
  ASSERT_NE(FindTroops(fact, ""), nullptr);
  EXPECT_EQ(FindTroops(fact, "")->count(), 2500);
  ASSERT_NE(FindTroops(fact, "RUS"), nullptr);
  EXPECT_TRUE(FindTroops(fact, "RUS")->approximate());
  EXPECT_EQ(std::vector<std::string>(fact.contributing_countries().begin(), fact.contributing_countries().end()),
            std::vector<std::string>{"RUS"});
  ASSERT_EQ(facts.conflicts.size(), 1u);
  const v1::Conflict& conflict = facts.conflicts[0];
  EXPECT_EQ(conflict.subject_id(), fact.id());
  EXPECT_EQ(conflict.field(), "troops");
  EXPECT_EQ(conflict.summary(), "KAZ intervention 2022: troops");
  ASSERT_EQ(conflict.claims_size(), 2);
  EXPECT_EQ(conflict.claims(0).value(), "2500");
  EXPECT_EQ(conflict.claims(0).evidence_size(), 2);
  EXPECT_EQ(conflict.claims(1).value(), "RUS:3000");
}

TEST(InterventionMerge, DifferentCountsForTheWholeForceConflict) {
  const GroupFacts facts = Merge({Intervention(1, "a", "KAZ", Date("2022-01"), {Troops("", 2500, false, "a")}),
                                  Intervention(2, "b", "KAZ", Date("2022-01"), {Troops("", 2500, false, "b")}),
                                  Intervention(3, "c", "KAZ", Date("2022-01"), {Troops("", 2030, false, "c")})});
  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_EQ(facts.interventions[0].troops_size(), 1);
  EXPECT_EQ(facts.interventions[0].troops(0).count(), 2500);
  ASSERT_EQ(facts.conflicts.size(), 1u);
  ASSERT_EQ(facts.conflicts[0].claims_size(), 2);
  EXPECT_EQ(facts.conflicts[0].claims(0).value(), "2500");
  EXPECT_EQ(facts.conflicts[0].claims(1).value(), "2030");
}

TEST(InterventionMerge, OneArticlesOwnFiguresNeverConflict) {
  const GroupFacts facts = Merge({Intervention(1, "a", "KAZ", Date("2022-01"),
                                               {Troops("", 2500, false, "a", 1), Troops("", 2030, false, "a", 2),
                                                Troops("RUS", 3000, true, "a", 3)})});
  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_FALSE(facts.interventions[0].disputed());
  EXPECT_TRUE(facts.conflicts.empty());
  EXPECT_EQ(facts.interventions[0].troops(0).count(), 2030);  // equal support, both exact: the smaller
}

TEST(InterventionMerge, ConsistentFiguresRaiseNoConflict) {
  const GroupFacts facts = Merge({Intervention(1, "a", "KAZ", Date("2022-01"),
                                               {Troops("", 2500, false, "a"), Troops("RUS", 1500, false, "a")}),
                                  Intervention(2, "b", "KAZ", Date("2022-01"), {Troops("BLR", 500, true, "b")})});
  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_FALSE(facts.interventions[0].disputed());
  EXPECT_EQ(facts.interventions[0].troops_size(), 3);
  EXPECT_EQ(facts.interventions[0].contributing_countries_size(), 2);
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(InterventionMerge, StartsInDifferentYearsOrMonthsStaySeparate) {
  const GroupFacts facts = Merge({Intervention(1, "a", "KAZ", Date("2022-01")),
                                  Intervention(2, "b", "KAZ", Date("2022-03")),
                                  Intervention(3, "c", "KAZ", Date("2023"))});
  ASSERT_EQ(facts.interventions.size(), 3u);
  EXPECT_EQ(facts.interventions[0].id(), "intervention/CSTO/KAZ/2022");
  EXPECT_EQ(facts.interventions[1].id(), "intervention/CSTO/KAZ/2022-2");
  EXPECT_EQ(facts.interventions[2].id(), "intervention/CSTO/KAZ/2023");
}

TEST(InterventionMerge, RequesterAndPurposeAreTheMostSupported) {
  std::vector<SourcedRecord> records = {Intervention(1, "a", "KAZ", Date("2022-01")),
                                        Intervention(2, "b", "KAZ", Date("2022-01")),
                                        Intervention(3, "c", "KAZ", Date("2022-01"))};
  records[0].record.mutable_intervention()->set_requested_by("RUS");
  records[1].record.mutable_intervention()->set_requested_by("KAZ");
  records[2].record.mutable_intervention()->set_requested_by("KAZ");
  records[0].record.mutable_intervention()->set_purpose("to secure critical infrastructure");
  records[0].record.mutable_intervention()->mutable_end()->set_year(2022);
  records[0].record.mutable_intervention()->mutable_end()->set_month(1);
  records[1].record.mutable_intervention()->mutable_end()->set_year(2022);
  const GroupFacts facts = Merge(records);
  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_EQ(facts.interventions[0].requested_by(), "KAZ");
  EXPECT_EQ(facts.interventions[0].purpose(), "to secure critical infrastructure");
  EXPECT_EQ(FormatDate(facts.interventions[0].end()), "2022-01");
}

TEST(InterventionMerge, UnassertedMentionsAddNothingToAnAssertedIntervention) {
  std::vector<SourcedRecord> records = {
      Intervention(1, "a", "ARM", Date("2022-09"), {Troops("", 300, false, "a")}),
      Intervention(2, "b", "ARM", Date("2022-09"), {Troops("", 5000, false, "b"), Troops("BLR", 900, false, "b")})};
  records[1].record.mutable_intervention()->set_factuality(v1::FACTUALITY_HYPOTHETICAL);
  const GroupFacts facts = Merge(records);
  ASSERT_EQ(facts.interventions.size(), 1u);
  const v1::Intervention& fact = facts.interventions[0];
  EXPECT_EQ(fact.factuality(), v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(fact.evidence_size(), 1);
  EXPECT_EQ(fact.sources(), 1);
  ASSERT_EQ(fact.troops_size(), 1);
  EXPECT_EQ(fact.troops(0).count(), 300);
  EXPECT_EQ(fact.contributing_countries_size(), 0);
  EXPECT_FALSE(fact.disputed());
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(InterventionMerge, AReportedInterventionIsAnAnswerWithItsSpeaker) {
  std::vector<SourcedRecord> records = {
      Intervention(1, "a", "KAZ", Date("2022-01-06"), {Troops("", 2500, false, "a")}),
      Intervention(2, "b", "KAZ", Date("2022-01"), {Troops("RUS", 3000, true, "b")}),
      Intervention(3, "c", "KAZ", Date("2022-01"), {Troops("", 9000, false, "c")})};
  for (SourcedRecord& record : records) record.record.mutable_intervention()->set_factuality(v1::FACTUALITY_REPORTED);
  records[0].record.mutable_intervention()->set_reported_by("TASS");
  records[1].record.mutable_intervention()->set_reported_by("the Kremlin");
  records[2].record.mutable_intervention()->set_factuality(v1::FACTUALITY_HYPOTHETICAL);
  records[0].record.mutable_intervention()->set_factuality_cue("said that");
  records[1].record.mutable_intervention()->set_factuality_cue("according to");
  records[2].record.mutable_intervention()->set_factuality_cue("could");
  const GroupFacts facts = Merge(records);
  ASSERT_EQ(facts.interventions.size(), 1u);
  const v1::Intervention& fact = facts.interventions[0];
  EXPECT_EQ(fact.factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(fact.reported_by(), "the Kremlin") << "tied speakers: the longer text";
  EXPECT_EQ(fact.factuality_cue(), "") << "each source's cue stays with its record";
  EXPECT_EQ(fact.sources(), 2);
  EXPECT_EQ(fact.reported_sources(), 2);
  EXPECT_DOUBLE_EQ(fact.confidence(), 0.5);
  EXPECT_EQ(fact.troops_size(), 2) << "the hypothetical 9,000 adds nothing";
}

}  // namespace
}  // namespace alliance::query
