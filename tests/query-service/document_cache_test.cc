#include "query-service/document_cache.h"

#include <string>

#include "gtest/gtest.h"

namespace alliance::query {
namespace {

v1::DocumentInfo Document(const std::string& id, int fingerprints = 10) {
  v1::DocumentInfo document;
  document.set_document_id(id);
  for (int i = 0; i < fingerprints; ++i) document.add_sentence_fingerprints(static_cast<uint64_t>(i));
  return document;
}

size_t Footprint(const v1::DocumentInfo& document) {
  return document.SpaceUsedLong() + 2 * document.document_id().size();
}

TEST(DocumentCache, FindsWhatWasPutAndNothingElse) {
  DocumentCache cache(1 << 20);
  cache.Put(Document("a", 3));
  ASSERT_NE(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.Find("a")->sentence_fingerprints_size(), 3);
  EXPECT_EQ(cache.Find("b"), nullptr);
}

TEST(DocumentCache, APutReplacesTheDocumentOfTheSameId) {
  DocumentCache cache(1 << 20);
  cache.Put(Document("a", 3));
  cache.Put(Document("a", 5));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.Find("a")->sentence_fingerprints_size(), 5);
  EXPECT_EQ(cache.bytes(), Footprint(Document("a", 5)));
}

TEST(DocumentCache, ForgetsTheLeastRecentlyUsedToStayWithinItsBudget) {
  const size_t one = Footprint(Document("a"));
  DocumentCache cache(3 * one);
  cache.Put(Document("a"));
  cache.Put(Document("b"));
  cache.Put(Document("c"));
  ASSERT_NE(cache.Find("a"), nullptr);  // "b" is now the least recently used
  cache.Put(Document("d"));
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_NE(cache.Find("a"), nullptr);
  EXPECT_NE(cache.Find("c"), nullptr);
  EXPECT_NE(cache.Find("d"), nullptr);
  EXPECT_LE(cache.bytes(), 3 * one);
  EXPECT_EQ(cache.size(), 3u);
}

TEST(DocumentCache, KeepsNothingLargerThanItsBudgetAndNothingWithNoBudget) {
  DocumentCache small(Footprint(Document("a", 1)));
  small.Put(Document("a", 1000));
  EXPECT_EQ(small.Find("a"), nullptr);
  EXPECT_EQ(small.bytes(), 0u);
  DocumentCache none(0);
  none.Put(Document("a", 1));
  EXPECT_EQ(none.Find("a"), nullptr);
}

}  // namespace
}  // namespace alliance::query
