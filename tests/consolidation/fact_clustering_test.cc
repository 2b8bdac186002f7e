#include "query-service/consolidation/fact_clustering.h"

#include <map>
#include <numeric>
#include <random>
#include <set>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "query-service/consolidation/date_merge.h"
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

TEST(FactClustering, UndatedRecordIsPlacedOnlyAmongTheFactsItMayJoin) {
  // Record 0 (asserted, undated); 1 asserted 1993; 2 hypothetical 2019.
  const std::vector<bool> happened = {true, true, false};
  const SameKind may_place = [&happened](size_t i, size_t j) { return happened[i] == happened[j]; };
  EXPECT_EQ(ClusterByDate({v1::PartialDate(), Date("1993"), Date("2019")}, kAnyKind, nullptr, nullptr, may_place),
            (Clusters{{0, 1}, {2}}));
  // Without the limit, two candidates leave it apart.
  EXPECT_EQ(ClusterByDate({v1::PartialDate(), Date("1993"), Date("2019")}, kAnyKind), (Clusters{{0}, {1}, {2}}));
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

// ClusterByDate decides date compatibility once per distinct date and skips
// pairs already in one fact; dated records must still cluster exactly as
// trying every pair does.
TEST(FactClustering, DatedClustersMatchTryingEveryPair) {
  std::mt19937 random(11);
  for (int round = 0; round < 40; ++round) {
    const size_t n = 2 + random() % 60;
    std::vector<v1::PartialDate> dates;
    std::vector<int> kinds;
    for (size_t i = 0; i < n; ++i) {
      v1::PartialDate date = MakeDate(2000 + static_cast<int>(random() % 3), static_cast<int>(random() % 3),
                                      static_cast<int>(random() % 3));
      if (date.month() == 0) date.set_day(0);
      date.set_approximate(random() % 4 == 0);
      dates.push_back(date);
      kinds.push_back(static_cast<int>(random() % 2));
    }
    const SameKind same_kind = [&kinds](size_t i, size_t j) { return kinds[i] == kinds[j]; };
    // Reference: every pair.
    std::vector<size_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&parent](size_t i) {
      while (parent[i] != i) i = parent[i];
      return i;
    };
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        if (!same_kind(i, j) || !DatesCompatible(dates[i], dates[j])) continue;
        const size_t a = root(i), b = root(j);
        parent[std::max(a, b)] = std::min(a, b);
      }
    }
    std::map<size_t, std::vector<size_t>> by_root;
    for (size_t i = 0; i < n; ++i) by_root[root(i)].push_back(i);
    Clusters expected;
    for (auto& [r, members] : by_root) expected.push_back(members);
    EXPECT_EQ(ClusterByDate(dates, same_kind), expected) << "round " << round;
  }
}


// Records the predicates cannot tell apart (same class, same date) are weighed
// once; every record, dated or not, must still land where it lands when each
// is weighed on its own.
TEST(FactClustering, ClassesGiveTheSameClustersAsWeighingEveryRecord) {
  std::mt19937 random(23);
  for (int round = 0; round < 200; ++round) {
    const size_t n = 1 + random() % 80;
    std::vector<v1::PartialDate> dates;
    std::vector<int> actions, happened, spans, classes;
    for (size_t i = 0; i < n; ++i) {
      v1::PartialDate date;
      if (random() % 4 != 0) {
        date = MakeDate(2000 + static_cast<int>(random() % 3), static_cast<int>(random() % 3),
                        static_cast<int>(random() % 3));
        if (date.month() == 0) date.set_day(0);
        date.set_approximate(random() % 5 == 0);
      }
      dates.push_back(date);
      actions.push_back(static_cast<int>(random() % 4));  // 0~1 and 2~3 are synonyms
      happened.push_back(static_cast<int>(random() % 2));
      spans.push_back(static_cast<int>(random() % 3));
      classes.push_back((actions.back() * 2 + happened.back()) * 3 + spans.back());
    }
    const SameKind same_kind = [&actions](size_t i, size_t j) { return actions[i] / 2 == actions[j] / 2; };
    const SameKind also_same = [&spans](size_t i, size_t j) { return spans[i] == 2 && spans[j] == 2; };
    const SameKind same_exact = [&actions](size_t i, size_t j) { return actions[i] == actions[j]; };
    const SameKind may_place = [&happened](size_t i, size_t j) { return happened[i] == happened[j]; };
    EXPECT_EQ(ClusterByDate(dates, same_kind, also_same, same_exact, may_place, &classes),
              ClusterByDate(dates, same_kind, also_same, same_exact, may_place))
        << "round " << round;
  }
}

}  // namespace
}  // namespace alliance::query
