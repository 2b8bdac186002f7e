#include "query-service/consolidation/source_independence.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"
#include "tests/consolidation/source_oracle.h"

namespace alliance::query {
namespace {

using testing::Document;
using testing::Documents;
using testing::CountByEveryPair;

TEST(SourceIndependence, SyndicatedCopiesShareManySentences) {
  const v1::DocumentInfo original = Document("a", "2022-03-25", 2, "wire", 12);
  const v1::DocumentInfo reprint = Document("b", "2022-03-26", 5, "wire", 12);
  EXPECT_EQ(SharedFingerprintCount(original, reprint), 12);
  EXPECT_TRUE(AreSyndicatedCopies(original, reprint));
}

TEST(SourceIndependence, TwoSharedSentencesAreNotEnough) {
  EXPECT_FALSE(AreSyndicatedCopies(Document("a", "2022", 0, "quote", 2),
                                   Document("b", "2022", 0, "quote", 2)));
  EXPECT_TRUE(AreSyndicatedCopies(Document("a", "2022", 0, "quote", 3),
                                  Document("b", "2022", 0, "quote", 3)));
}

TEST(SourceIndependence, SmallShareOfLongDocumentsIsIndependent) {
  // 5 shared of 105 sentences is under 20%: two long articles quoting the same statement.
  EXPECT_FALSE(AreSyndicatedCopies(Document("a", "2022", 100, "statement", 5),
                                   Document("b", "2022", 100, "statement", 5)));
  // The share is measured against the smaller document: a short excerpt of a long article.
  EXPECT_TRUE(AreSyndicatedCopies(Document("a", "2022", 100, "statement", 5),
                                  Document("b", "2022", 15, "statement", 5)));
}

TEST(SourceIndependence, CountsCopiesOfCopiesAsOneSource) {
  // a~b share "x", b~c share "y"; d stands alone.
  std::vector<v1::DocumentInfo> list = testing::CopiesInAChain();
  list.push_back(Document("d", "2020", 8));
  const DocumentMap documents = Documents(list);
  SourceIndependence independence(&documents);
  EXPECT_FALSE(independence.AreCopies("a", "c"));
  EXPECT_EQ(independence.CountSources({"a", "b", "c", "d"}), 2);
  EXPECT_EQ(independence.CountSources({"d", "c", "a"}), 3);
  EXPECT_EQ(independence.CountSources({"a", "a", "a"}), 1);
}

TEST(SourceIndependence, UnknownDocumentsAreIndependent) {
  const DocumentMap documents;
  SourceIndependence independence(&documents);
  EXPECT_EQ(independence.CountSources({"x", "y", "sequence:3"}), 3);
  EXPECT_EQ(independence.CountSources({}), 0);
}

TEST(SourceIndependence, ConfidenceGrowsWithSourcesAndIsCapped) {
  EXPECT_EQ(ConfidenceForSources(0), 0.0);
  EXPECT_EQ(ConfidenceForSources(1), 0.5);
  EXPECT_EQ(ConfidenceForSources(2), 0.75);
  EXPECT_EQ(ConfidenceForSources(3), 0.875);
  EXPECT_EQ(ConfidenceForSources(7), kMaxConfidence);
  EXPECT_EQ(ConfidenceForSources(1000), kMaxConfidence);
  for (int n = 1; n < 10; ++n) EXPECT_LE(ConfidenceForSources(n), ConfidenceForSources(n + 1));
}

// CountSources compares only documents that share a sentence; it must count
// exactly what comparing every pair would.
// Checks CountSources against the oracle on random documents, for all of them
// and for random subsets (with repeats, unknown ids and asserting ids some of
// which are not counted). `common` sentences are quoted by most documents (a
// wire sentence every report repeats), which the candidate index must rank
// last without missing a pair.
void CheckCountingAgainstEveryPair(uint32_t seed, int common) {
  std::mt19937 random(seed);
  for (int round = 0; round < 50; ++round) {
    DocumentMap documents;
    std::vector<std::string> ids;
    const int n = 2 + static_cast<int>(random() % 30);
    for (int d = 0; d < n; ++d) {
      v1::DocumentInfo info;
      info.set_document_id("doc" + std::to_string(d));
      const int sentences = 1 + static_cast<int>(random() % 12);
      for (int k = 0; k < sentences; ++k) info.add_sentence_fingerprints(random() % 40);  // many overlaps
      for (int c = 0; c < common; ++c) {
        if (random() % 5 != 0) info.add_sentence_fingerprints(1000 + c);
      }
      documents[info.document_id()] = info;
      ids.push_back(info.document_id());
    }
    ids.push_back("unknown-document");
    SourceIndependence independence(&documents);
    EXPECT_EQ(independence.CountSources(ids), CountByEveryPair(ids, {}, documents).sources)
        << "seed " << seed << " round " << round;
    for (int subset = 0; subset < 5; ++subset) {
      std::vector<std::string> some, asserting;
      for (const std::string& id : ids) {
        if (random() % 2 == 0) some.push_back(id);
        if (random() % 4 == 0) some.push_back(id);  // a repeat
        if (random() % 3 == 0) asserting.push_back(id);
      }
      if (random() % 2 == 0) some.push_back("sequence:" + std::to_string(subset));
      const SourceCount expected = CountByEveryPair(some, asserting, documents);
      const SourceCount got = independence.CountSources(some, asserting);
      EXPECT_EQ(got.sources, expected.sources) << "seed " << seed << " round " << round << " subset " << subset;
      EXPECT_EQ(got.reported, expected.reported) << "seed " << seed << " round " << round << " subset " << subset;
      EXPECT_EQ(independence.CountSources(some), expected.sources);
    }
    for (const std::string& a : ids) {
      for (const std::string& b : ids) {
        auto da = documents.find(a), db = documents.find(b);
        const bool expected =
            a == b || (da != documents.end() && db != documents.end() && AreSyndicatedCopies(da->second, db->second));
        EXPECT_EQ(independence.AreCopies(a, b), expected) << a << " " << b;
      }
    }
  }
}

TEST(SourceIndependence, CountingMatchesComparingEveryPair) { CheckCountingAgainstEveryPair(7, 0); }

TEST(SourceIndependence, CountingMatchesComparingEveryPairWhenSentencesAreWidelyQuoted) {
  for (int common = 1; common <= 4; ++common) CheckCountingAgainstEveryPair(100 + common, common);
}

TEST(SourceIndependence, ReportedSourcesCountHalfInConfidence) {
  EXPECT_EQ(ConfidenceForSources(0, 0), 0.0);
  EXPECT_EQ(ConfidenceForSources(1, 0), 0.5) << "the one-argument rule is the all-asserted case";
  EXPECT_NEAR(ConfidenceForSources(1, 1), 1.0 - 0.70710678118654752, 1e-15);
  EXPECT_EQ(ConfidenceForSources(2, 2), 0.5) << "two reporting sources weigh as one asserting source";
  EXPECT_EQ(ConfidenceForSources(3, 2), 0.75);
  EXPECT_NEAR(ConfidenceForSources(2, 1), 1.0 - 0.5 * 0.70710678118654752, 1e-15);
  EXPECT_EQ(ConfidenceForSources(14, 14), kMaxConfidence);
  EXPECT_EQ(ConfidenceForSources(1, 5), ConfidenceForSources(1, 1)) << "at most every source is reported";
  for (int n = 1; n < 12; ++n) {
    for (int r = 0; r <= n; ++r) {
      // Weaker than the same sources asserted, stronger than fewer of them.
      if (r > 0 && ConfidenceForSources(n, r - 1) < kMaxConfidence) {
        EXPECT_LT(ConfidenceForSources(n, r), ConfidenceForSources(n, r - 1)) << n << "," << r;
      }
      if (r > 0) {
        EXPECT_LE(ConfidenceForSources(n, r), ConfidenceForSources(n, r - 1)) << n << "," << r;
      }
      EXPECT_LE(ConfidenceForSources(n, r), ConfidenceForSources(n + 1, r)) << n << "," << r;
      EXPECT_GT(ConfidenceForSources(n, r), ConfidenceForSources(n - 1, std::min(r, n - 1)) - 1e-15)
          << n << "," << r;
    }
  }
}

TEST(SourceIndependence, ASourceOnlyReportsWhenNoneOfItsCopiesAsserts) {
  const DocumentMap documents = Documents({Document("wire", "2022-01-01", 3, "story", 20),
                                           Document("reprint", "2022-01-02", 3, "story", 20),
                                           Document("blog", "2022-02-01"), Document("paper", "2022-03-01")});
  SourceIndependence independence(&documents);
  // The wire story reports the claim, its reprint asserts it: one asserting source.
  SourceCount count = independence.CountSources({"wire", "reprint", "blog"}, {"reprint"});
  EXPECT_EQ(count.sources, 2);
  EXPECT_EQ(count.reported, 1);
  count = independence.CountSources({"wire", "reprint", "blog", "paper"}, {});
  EXPECT_EQ(count.sources, 3);
  EXPECT_EQ(count.reported, 3);
  count = independence.CountSources({"blog"}, {"paper", "blog"});
  EXPECT_EQ(count.sources, 1);
  EXPECT_EQ(count.reported, 0) << "asserting ids outside the documents are ignored";
}

}  // namespace
}  // namespace alliance::query
