// GroupCache: states come out as they went in, the least used (then the
// least recently put) go first when the bytes run out, and a document
// delivered again reaches every state that cites it.
#include "query-service/group_cache.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace alliance::query {
namespace {

v1::DocumentInfo Document(const std::string& id, const std::string& title) {
  v1::DocumentInfo document;
  document.set_document_id(id);
  document.set_title(title);
  document.set_url("https://example.org/" + id);
  document.set_source("Freedonia Daily");
  document.set_author("A. Writer");
  document.mutable_published()->set_year(2001);
  document.add_sentence_fingerprints(7);
  document.add_sentence_fingerprints(9);
  return document;
}

// A state of `records` records citing document "d", holding it.
GroupState State(int records) {
  GroupState state;
  for (int n = 0; n < records; ++n) {
    SourcedRecord record;
    record.sequence = static_cast<uint64_t>(n + 1);
    record.record.mutable_membership_event()->set_country("RUR");
    record.record.mutable_membership_event()->add_evidence()->set_document_id("d");
    state.records.push_back(record);
  }
  state.documents["d"] = SlimDocument(Document("d", "Ruritania joins"));
  state.facts["fact/m/membership/CSTO/RUR/JOINED/2001"] = "bytes";
  return state;
}

// One use of `group`: its state taken and put back, or a new one put.
void Use(GroupCache* cache, const std::string& group) {
  std::optional<GroupState> state = cache->Take(group);
  cache->Put(group, state.has_value() ? std::move(*state) : State(10));
}

TEST(SlimDocument, KeepsOnlyWhatConsolidationReads) {
  const v1::DocumentInfo slim = SlimDocument(Document("d", "Ruritania joins"));

  EXPECT_EQ(slim.document_id(), "d");
  EXPECT_EQ(slim.title(), "Ruritania joins");
  EXPECT_EQ(slim.published().year(), 2001);
  EXPECT_EQ(slim.sentence_fingerprints_size(), 2);
  EXPECT_TRUE(slim.url().empty());
  EXPECT_TRUE(slim.source().empty());
  EXPECT_TRUE(slim.author().empty());
}

TEST(GroupCache, TakeReturnsWhatWasPutAndRemovesIt) {
  GroupCache cache(1 << 20);
  cache.Put("membership/CSTO/RUR", State(3));

  std::optional<GroupState> taken = cache.Take("membership/CSTO/RUR");

  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->records.size(), 3u);
  EXPECT_EQ(taken->facts.size(), 1u);
  EXPECT_FALSE(cache.Take("membership/CSTO/RUR").has_value());
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_FALSE(cache.Take("membership/CSTO/FRE").has_value());
}

TEST(GroupCache, EvictsTheLeastUsedWhenFull) {
  const size_t one = EstimateBytes(State(10));
  GroupCache cache(2 * one + one / 2);
  cache.Put("a", State(10));
  cache.Put("b", State(10));
  // Using "a" again makes "b" the least used.
  cache.Put("a", *cache.Take("a"));

  cache.Put("c", State(10));

  EXPECT_EQ(cache.size(), 2u);
  EXPECT_LE(cache.bytes(), 2 * one + one / 2);
  EXPECT_TRUE(cache.Take("a").has_value());
  EXPECT_TRUE(cache.Take("c").has_value());
  EXPECT_FALSE(cache.Take("b").has_value());
}

TEST(GroupCache, AGroupUsedOftenOutlivesGroupsUsedOnce) {
  const size_t one = EstimateBytes(State(10));
  GroupCache cache(3 * one);
  cache.Put("hot", State(10));
  for (int n = 0; n < 50; ++n) {
    // Every few changes retell the hot group; the others come once each.
    if (n % 5 == 0) Use(&cache, "hot");
    cache.Put("cold" + std::to_string(n), State(10));
  }

  EXPECT_TRUE(cache.Take("hot").has_value());
  EXPECT_TRUE(cache.Take("cold49").has_value()) << "the newest of the others is there too";
  EXPECT_FALSE(cache.Take("cold0").has_value());
  EXPECT_LE(cache.bytes(), 3 * one);
}

TEST(GroupCache, ABigGroupUsedAsOftenAsSmallOnesStays) {
  // A miss of the big group stalls the changes behind it for as long as
  // several misses of small ones: it is kept, and the small ones take turns.
  const size_t big = EstimateBytes(State(8000));
  const size_t small = EstimateBytes(State(1500));
  ASSERT_GT(big, 4 * kMissCostUnitBytes);
  GroupCache cache(big + 3 * small);
  int big_misses = 0;
  for (int round = 0; round < 20; ++round) {
    std::optional<GroupState> state = cache.Take("big");
    if (!state.has_value()) {
      ++big_misses;
      state = State(8000);
    }
    cache.Put("big", std::move(*state));
    for (int n = 0; n < 6; ++n) {
      const std::string group = "small" + std::to_string(n);
      std::optional<GroupState> taken = cache.Take(group);
      cache.Put(group, taken.has_value() ? std::move(*taken) : State(1500));
    }
  }
  EXPECT_EQ(big_misses, 1) << "only its first use misses";
  EXPECT_LE(cache.bytes(), big + 3 * small);
}

TEST(GroupCache, AGroupNoLongerUsedAgesOut) {
  const size_t one = EstimateBytes(State(10));
  GroupCache cache(2 * one);
  for (int n = 0; n < 5; ++n) cache.Put("once hot", State(10));
  // Many groups come and go, some of them used twice: the cache ages.
  for (int n = 0; n < 40; ++n) {
    const std::string group = "group" + std::to_string(n);
    Use(&cache, group);
    Use(&cache, group);
  }

  EXPECT_FALSE(cache.Take("once hot").has_value());
}

TEST(GroupCache, AGroupEvictedComesBackWithItsUses) {
  const size_t one = EstimateBytes(State(10));
  GroupCache cache(2 * one);
  for (int n = 0; n < 5; ++n) Use(&cache, "hot");
  // The cache ages (groups come, each used twice) until the hot group,
  // unused meanwhile, goes.
  for (int n = 0; n < 40; ++n) {
    Use(&cache, "group" + std::to_string(n));
    Use(&cache, "group" + std::to_string(n));
  }
  ASSERT_FALSE(cache.Take("hot").has_value());

  // Back with its count of uses, it outlives newer groups used twice; with
  // its count started afresh it would be the first to go.
  Use(&cache, "hot");
  for (int n = 0; n < 3; ++n) {
    Use(&cache, "later" + std::to_string(n));
    Use(&cache, "later" + std::to_string(n));
  }
  EXPECT_TRUE(cache.Take("hot").has_value());
  EXPECT_LE(cache.bytes(), 2 * one);
}

TEST(GroupCache, AStateLargerThanTheCapacityIsNotKept) {
  GroupCache cache(EstimateBytes(State(10)));
  cache.Put("small", State(10));

  cache.Put("large", State(100));

  EXPECT_FALSE(cache.Take("large").has_value());
  EXPECT_TRUE(cache.Take("small").has_value());
}

TEST(GroupCache, NothingIsKeptAtCapacityZero) {
  GroupCache cache(0);
  cache.Put("a", State(1));
  EXPECT_EQ(cache.size(), 0u);
}

TEST(GroupCache, PuttingAGroupAgainReplacesIt) {
  GroupCache cache(1 << 20);
  cache.Put("a", State(1));
  cache.Put("a", State(4));

  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), EstimateBytes(State(4)));
  EXPECT_EQ(cache.Take("a")->records.size(), 4u);
}

TEST(GroupCache, ADocumentDeliveredAgainReachesTheStatesThatCiteIt) {
  GroupCache cache(1 << 20);
  cache.Put("holds", State(1));
  GroupState missing = State(1);
  missing.documents.clear();
  missing.missing_documents.insert("d");
  cache.Put("missing", std::move(missing));
  GroupState other = State(1);
  other.documents.clear();
  other.documents["e"] = SlimDocument(Document("e", "Sylvania"));
  cache.Put("other", std::move(other));

  cache.RefreshDocument(Document("d", "Ruritania joins, updated"));

  const size_t bytes = cache.bytes();
  GroupState holds = *cache.Take("holds");
  EXPECT_EQ(holds.documents.at("d").title(), "Ruritania joins, updated");
  EXPECT_TRUE(holds.documents.at("d").url().empty()) << "refreshed documents are slim too";
  GroupState found = *cache.Take("missing");
  EXPECT_EQ(found.documents.at("d").title(), "Ruritania joins, updated");
  EXPECT_TRUE(found.missing_documents.empty());
  GroupState untouched = *cache.Take("other");
  EXPECT_FALSE(untouched.documents.contains("d"));
  // The byte count follows the refreshed documents.
  EXPECT_EQ(bytes, EstimateBytes(holds) + EstimateBytes(found) + EstimateBytes(untouched));
}

TEST(GroupCache, ACopyGraphFollowsItsStatesDocuments) {
  GroupState state = State(1);
  // Three shared sentences of three: "e" is a copy of "d".
  v1::DocumentInfo copy = Document("e", "Ruritania joins (wire)");
  copy.add_sentence_fingerprints(11);
  state.documents["d"].add_sentence_fingerprints(11);
  state.documents["e"] = SlimDocument(copy);
  const CopyGraph& built = CurrentCopyGraph(&state);
  ASSERT_EQ(built.size(), 2u);
  EXPECT_EQ(built.CopiesOf(built.NodeOf("d")), std::vector<int>{built.NodeOf("e")});

  // A document the state comes to hold is added; the copies found stay.
  state.documents["f"] = SlimDocument(Document("f", "Sylvania"));
  const CopyGraph& grown = CurrentCopyGraph(&state);
  EXPECT_EQ(grown.size(), 3u);
  EXPECT_GE(grown.NodeOf("f"), 0);
  EXPECT_EQ(grown.CopiesOf(grown.NodeOf("e")), std::vector<int>{grown.NodeOf("d")});

  // A held document delivered with other sentences drops the graph, and the
  // byte count with it; one delivered with the same sentences keeps it.
  GroupCache cache(1 << 20);
  cache.Put("g", std::move(state));
  v1::DocumentInfo same = Document("f", "Sylvania, retitled");
  cache.RefreshDocument(same);
  GroupState kept = *cache.Take("g");
  EXPECT_TRUE(kept.copies.has_value());
  cache.Put("g", std::move(kept));
  v1::DocumentInfo reworded = Document("d", "Ruritania joins");
  reworded.clear_sentence_fingerprints();
  reworded.add_sentence_fingerprints(99);
  cache.RefreshDocument(reworded);
  const size_t bytes = cache.bytes();
  GroupState dropped = *cache.Take("g");
  EXPECT_FALSE(dropped.copies.has_value());
  EXPECT_EQ(bytes, EstimateBytes(dropped));
  EXPECT_TRUE(CurrentCopyGraph(&dropped).CopiesOf(dropped.copies->NodeOf("e")).empty());
}

TEST(GroupCache, ClearDropsEverything) {
  GroupCache cache(1 << 20);
  cache.Put("a", State(1));
  cache.Put("b", State(1));

  cache.Clear();

  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_FALSE(cache.Take("a").has_value());
}

}  // namespace
}  // namespace alliance::query
