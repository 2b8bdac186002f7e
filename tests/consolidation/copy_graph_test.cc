// CopyGraph: built at once or grown one document at a time, in any order, it
// holds exactly the pairs that AreSyndicatedCopies finds by comparing every
// pair (the brute-force oracle), also when a sentence is quoted by most
// documents.
#include "query-service/consolidation/copy_graph.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {
namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

// Random documents over a small pool of sentences (many overlaps); `common`
// sentences are in four documents of five.
DocumentMap RandomDocuments(std::mt19937* random, int common) {
  DocumentMap documents;
  const int n = 2 + static_cast<int>((*random)() % 40);
  for (int d = 0; d < n; ++d) {
    v1::DocumentInfo info;
    info.set_document_id("doc" + std::to_string(d));
    const int sentences = static_cast<int>((*random)() % 12);
    for (int k = 0; k < sentences; ++k) info.add_sentence_fingerprints((*random)() % 40);
    for (int c = 0; c < common; ++c) {
      if ((*random)() % 5 != 0) info.add_sentence_fingerprints(1000 + c);
    }
    documents[info.document_id()] = info;
  }
  return documents;
}

Pairs EveryPair(const DocumentMap& documents) {
  Pairs pairs;
  for (const auto& [a, da] : documents) {
    for (const auto& [b, db] : documents) {
      if (a != b && AreSyndicatedCopies(da, db)) pairs.emplace(a, b);
    }
  }
  return pairs;
}

Pairs PairsOf(const CopyGraph& graph, const DocumentMap& documents) {
  Pairs pairs;
  for (const auto& [a, da] : documents) {
    const int node = graph.NodeOf(a);
    EXPECT_GE(node, 0) << a;
    if (node < 0) continue;
    const std::vector<int>& copies = graph.CopiesOf(node);
    EXPECT_TRUE(std::is_sorted(copies.begin(), copies.end())) << a;
    for (const auto& [b, db] : documents) {
      if (std::binary_search(copies.begin(), copies.end(), graph.NodeOf(b))) pairs.emplace(a, b);
    }
  }
  return pairs;
}

void CheckAgainstEveryPair(uint32_t seed, int common) {
  std::mt19937 random(seed);
  for (int round = 0; round < 40; ++round) {
    const DocumentMap documents = RandomDocuments(&random, common);
    const Pairs expected = EveryPair(documents);

    const CopyGraph built = CopyGraph::Build(documents);
    EXPECT_EQ(built.size(), documents.size());
    EXPECT_EQ(PairsOf(built, documents), expected) << "built, seed " << seed << " round " << round;

    // Grown from a random part, one document at a time in random order.
    std::vector<std::string> ids;
    for (const auto& [id, document] : documents) ids.push_back(id);
    std::shuffle(ids.begin(), ids.end(), random);
    const size_t start = random() % (ids.size() + 1);
    DocumentMap first;
    for (size_t i = 0; i < start; ++i) first[ids[i]] = documents.at(ids[i]);
    CopyGraph grown = CopyGraph::Build(first);
    for (size_t i = start; i < ids.size(); ++i) grown.Add(ids[i], documents.at(ids[i]));
    EXPECT_EQ(grown.size(), documents.size());
    EXPECT_EQ(PairsOf(grown, documents), expected) << "grown, seed " << seed << " round " << round;
    EXPECT_EQ(grown.NodeOf("absent"), -1);
  }
}

TEST(CopyGraphTest, HoldsExactlyThePairsOfCopies) { CheckAgainstEveryPair(11, 0); }

TEST(CopyGraphTest, HoldsExactlyThePairsOfCopiesWhenSentencesAreWidelyQuoted) {
  for (int common = 1; common <= 4; ++common) CheckAgainstEveryPair(200 + common, common);
}

TEST(CopyGraphTest, CountsWithAKeptGraphEqualThoseWithABuiltOne) {
  std::mt19937 random(5);
  for (int round = 0; round < 20; ++round) {
    const DocumentMap documents = RandomDocuments(&random, 2);
    CopyGraph grown;
    for (const auto& [id, document] : documents) grown.Add(id, document);
    SourceIndependence with_graph(&documents, &grown), without(&documents);
    std::vector<std::string> some, asserting;
    for (const auto& [id, document] : documents) {
      if (random() % 2 == 0) some.push_back(id);
      if (random() % 3 == 0) asserting.push_back(id);
    }
    some.push_back("unknown");
    const SourceCount a = with_graph.CountSources(some, asserting), b = without.CountSources(some, asserting);
    EXPECT_EQ(a.sources, b.sources);
    EXPECT_EQ(a.reported, b.reported);
  }
}

}  // namespace
}  // namespace alliance::query
