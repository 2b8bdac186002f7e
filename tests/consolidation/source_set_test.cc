// SourceSet: counts kept as documents are added equal a count made afresh by
// comparing every pair (the brute-force oracle), whatever the order of adds,
// repeats, unknown ids, and documents joining the graph between adds.
#include "query-service/consolidation/source_set.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"
#include "tests/consolidation/source_oracle.h"

namespace alliance::query {
namespace {

using testing::CountByEveryPair;
using testing::Documents;

TEST(SourceSet, ACopyBridgingTwoSourcesJoinsThem) {
  // a~b share "x", b~c share "y": a and c are two sources until b arrives.
  const DocumentMap documents = Documents(testing::CopiesInAChain());
  const CopyGraph graph = CopyGraph::Build(documents);
  SourceSet set;
  set.Add({"a"}, /*asserting=*/false, graph);
  set.Add({"c", "unknown"}, /*asserting=*/true, graph);
  EXPECT_EQ(set.sources(), 3);
  EXPECT_EQ(set.reported(), 1);  // a only reports
  set.Add({"b", "a"}, /*asserting=*/false, graph);
  EXPECT_EQ(set.sources(), 2);  // a, b, c are one source, which c asserts
  EXPECT_EQ(set.reported(), 0);
  EXPECT_EQ(set.SortedIds(), (std::vector<std::string>{"a", "b", "c", "unknown"}));
}

// Adds random documents to a graph grown one document at a time and to a set
// in random chunks, checking the counts against the oracle after every add;
// then merges two sets with AddAll.
void CheckAgainstEveryPair(uint32_t seed) {
  std::mt19937 random(seed);
  for (int round = 0; round < 60; ++round) {
    const int n = 2 + static_cast<int>(random() % 25);
    std::vector<v1::DocumentInfo> all;
    for (int d = 0; d < n; ++d) {
      v1::DocumentInfo info;
      info.set_document_id("doc" + std::to_string(d));
      const int sentences = 1 + static_cast<int>(random() % 10);
      for (int k = 0; k < sentences; ++k) info.add_sentence_fingerprints(random() % 30);
      all.push_back(info);
    }
    CopyGraph graph;
    DocumentMap in_graph;
    SourceSet set, other;
    std::vector<std::string> added, asserting, other_added, other_asserting;
    size_t next = 0;  // documents join the graph in order, some before they are cited
    for (int step = 0; step < 3 * n; ++step) {
      while (next < all.size() && random() % 2 == 0) {
        graph.Add(all[next].document_id(), all[next]);
        in_graph[all[next].document_id()] = all[next];
        ++next;
      }
      if (next == 0) continue;
      std::vector<std::string> ids;
      for (int k = 0; k <= static_cast<int>(random() % 3); ++k) ids.push_back("doc" + std::to_string(random() % next));
      if (random() % 7 == 0) ids.push_back("sequence:" + std::to_string(step));
      const bool asserts = random() % 3 == 0;
      const bool to_other = random() % 4 == 0;
      (to_other ? other : set).Add(ids, asserts, graph);
      std::vector<std::string>& list = to_other ? other_added : added;
      list.insert(list.end(), ids.begin(), ids.end());
      if (asserts) {
        std::vector<std::string>& marked = to_other ? other_asserting : asserting;
        marked.insert(marked.end(), ids.begin(), ids.end());
      }
      const SourceCount expected = CountByEveryPair(added, asserting, in_graph);
      ASSERT_EQ(set.sources(), expected.sources) << "seed " << seed << " round " << round << " step " << step;
      ASSERT_EQ(set.reported(), expected.reported) << "seed " << seed << " round " << round << " step " << step;
    }
    set.AddAll(other, graph);
    added.insert(added.end(), other_added.begin(), other_added.end());
    asserting.insert(asserting.end(), other_asserting.begin(), other_asserting.end());
    const SourceCount expected = CountByEveryPair(added, asserting, in_graph);
    EXPECT_EQ(set.sources(), expected.sources) << "seed " << seed << " round " << round << " merged";
    EXPECT_EQ(set.reported(), expected.reported) << "seed " << seed << " round " << round << " merged";
    std::sort(added.begin(), added.end());
    added.erase(std::unique(added.begin(), added.end()), added.end());
    EXPECT_EQ(set.SortedIds(), added);
  }
}

TEST(SourceSet, CountsMatchComparingEveryPair) {
  for (uint32_t seed = 1; seed <= 4; ++seed) CheckAgainstEveryPair(seed);
}

}  // namespace
}  // namespace alliance::query
