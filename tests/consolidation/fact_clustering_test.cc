#include "query-service/consolidation/fact_clustering.h"

#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Date;
using Clusters = std::vector<std::vector<size_t>>;

const SameKind kAnyKind = [](size_t, size_t) { return true; };

TEST(FactClustering, IncompatibleDatesStaySeparateFacts) {
  EXPECT_EQ(ClusterByDate({Date("1999"), Date("2012"), Date("1999-04")}, kAnyKind),
            (Clusters{{0, 2}, {1}}));
}

TEST(FactClustering, DisagreeingMonthsJoinThroughTheirYear) {
  EXPECT_EQ(ClusterByDate({Date("1999-03"), Date("1999-04")}, kAnyKind), (Clusters{{0}, {1}}));
  EXPECT_EQ(ClusterByDate({Date("1999-03"), Date("1999-04"), Date("1999")}, kAnyKind),
            (Clusters{{0, 1, 2}}));
}

TEST(FactClustering, UndatedRecordJoinsTheOnlyCandidate) {
  EXPECT_EQ(ClusterByDate({v1::PartialDate(), Date("2006")}, kAnyKind), (Clusters{{0, 1}}));
  EXPECT_EQ(ClusterByDate({v1::PartialDate(), Date("2006"), Date("2012"), v1::PartialDate()}, kAnyKind),
            (Clusters{{0, 3}, {1}, {2}}));
}

TEST(FactClustering, DifferentKindsNeverJoin) {
  const std::vector<int> kinds = {1, 2, 1, 2};
  const SameKind same = [&kinds](size_t i, size_t j) { return kinds[i] == kinds[j]; };
  EXPECT_EQ(ClusterByDate({Date("1999"), Date("1999"), v1::PartialDate(), v1::PartialDate()}, same),
            (Clusters{{0, 2}, {1, 3}}));
}

TEST(FactClustering, UndatedRecordPrefersTheFactOfItsExactKind) {
  // Kinds 1 and 2 are synonyms; record 2 (kind 1, undated) has one exact candidate.
  const std::vector<int> kinds = {1, 2, 1, 2};
  const SameKind synonyms = [](size_t, size_t) { return true; };
  const SameKind exact = [&kinds](size_t i, size_t j) { return kinds[i] == kinds[j]; };
  EXPECT_EQ(ClusterByDate({Date("1992"), Date("1993"), v1::PartialDate(), v1::PartialDate()}, synonyms, nullptr,
                          exact),
            (Clusters{{0, 2}, {1, 3}}));
  // Without an exact candidate, two synonymous candidates leave it apart.
  EXPECT_EQ(ClusterByDate({Date("1992"), Date("1993"), v1::PartialDate()}, synonyms, nullptr,
                          [](size_t, size_t) { return false; }),
            (Clusters{{0}, {1}, {2}}));
}

}  // namespace
}  // namespace alliance::query
