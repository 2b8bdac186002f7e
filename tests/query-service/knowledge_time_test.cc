// SequenceKnownAt over a real FactStore: which applied batch a moment resolves
// to, before the first batch, after the last, with stamps out of order, and
// the states it cannot tell (a pruned log, batches from before ingest times
// were recorded).
#include "query-service/knowledge_time.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "common/sequence_key.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/query-service/test_changes.h"
#include "tests/query-service/unsynced_store.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::DocumentId;
using ::alliance::query::testing::MakeChange;
using ::alliance::query::testing::Membership;
using ::alliance::query::testing::ScopedTempDir;
using ::testing::HasSubstr;

// Returns changes 1.. with one document each, document n stamped stamps[n - 1].
std::vector<v1::Change> StampedLog(const std::vector<int64_t>& stamps) {
  std::vector<v1::Change> log;
  for (size_t i = 0; i < stamps.size(); ++i) {
    const int document = 700 + static_cast<int>(i);
    v1::Change change = MakeChange(i + 1, document, {Membership(DocumentId(document), "QAT",
                                                                v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED,
                                                                absl::StrCat(2040 + i))});
    change.mutable_document()->set_ingested_at_unix(stamps[i]);
    log.push_back(std::move(change));
  }
  return log;
}

class KnowledgeTimeTest : public ::testing::Test {
 protected:
  std::unique_ptr<FactStore> Open(FactStoreOptions options = {}) {
    absl::StatusOr<std::unique_ptr<FactStore>> store = testing::OpenUnsyncedStore(dir_.path(), options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Returns what SequenceKnownAt resolves `unix_seconds` to on `store`, or
  // fails the test.
  static uint64_t KnownAt(const FactStore& store, int64_t unix_seconds) {
    absl::StatusOr<uint64_t> sequence = SequenceKnownAt(store, unix_seconds);
    EXPECT_TRUE(sequence.ok()) << unix_seconds << ": " << sequence.status();
    return sequence.value_or(~uint64_t{0});
  }

  ScopedTempDir dir_{alliance::testing::MakeTempDir("knowledge_time_test")};
};

TEST_F(KnowledgeTimeTest, AnEmptyReplicaKnewNothingAtAnyTime) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(KnownAt(*store, 1), 0u);
  EXPECT_EQ(KnownAt(*store, 4102444800), 0u);
}

TEST_F(KnowledgeTimeTest, ResolvesToTheLastBatchStampedAtOrBeforeTheTime) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  // Batches 1..2 (stamped 7000), 3..4 (7005: its latest change) and 5 (7010).
  const std::vector<v1::Change> log = StampedLog({6998, 7000, 7005, 7003, 7010});
  ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(0, 2)).ok());
  ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(2, 2)).ok());
  ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(4, 1)).ok());

  EXPECT_EQ(KnownAt(*store, 6999), 0u) << "before the first batch: the empty state";
  EXPECT_EQ(KnownAt(*store, 7000), 2u);
  EXPECT_EQ(KnownAt(*store, 7004), 2u) << "a batch is known once all of it was ingested";
  EXPECT_EQ(KnownAt(*store, 7005), 4u);
  EXPECT_EQ(KnownAt(*store, 7009), 4u);
  EXPECT_EQ(KnownAt(*store, 7010), 5u);
  EXPECT_EQ(KnownAt(*store, 4102444800), 5u) << "a time after the last batch: the latest state";
}

TEST_F(KnowledgeTimeTest, NeverReachesPastABatchStampedAfterTheTime) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  // The second batch's stamp is earlier than the first's (a clock stepped back).
  for (const v1::Change& change : StampedLog({7100, 7090, 7120})) ASSERT_TRUE(store->Apply(change).ok());
  EXPECT_EQ(KnownAt(*store, 7095), 0u) << "batch 2 came after batch 1, stamped later than this";
  EXPECT_EQ(KnownAt(*store, 7100), 2u);
  EXPECT_EQ(KnownAt(*store, 7119), 2u);
  EXPECT_EQ(KnownAt(*store, 7120), 3u);
}

TEST_F(KnowledgeTimeTest, RefusesANegativeTimeNamingTheField) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const absl::StatusOr<uint64_t> refused = SequenceKnownAt(*store, -1);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("known_as_of_unix"));
}

TEST_F(KnowledgeTimeTest, APrunedWatchLogCannotTellWhatWasKnownThen) {
  FactStoreOptions options;
  options.watch_log_retention = 2;
  auto store = Open(options);
  ASSERT_NE(store, nullptr);
  for (const v1::Change& change : StampedLog({7200, 7210, 7220})) ASSERT_TRUE(store->Apply(change).ok());
  for (int64_t time : {7100, 7215, 7300}) {
    const absl::StatusOr<uint64_t> refused = SequenceKnownAt(*store, time);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kOutOfRange) << time;
    EXPECT_THAT(refused.status().message(), HasSubstr("known_as_of_unix")) << time;
    EXPECT_THAT(refused.status().message(), HasSubstr("--watch_retention")) << time;
  }
}

TEST_F(KnowledgeTimeTest, BatchesAppliedBeforeIngestTimesWereRecordedAreOnlyKnownByTheirSuccessors) {
  const std::vector<v1::Change> log = StampedLog({7300, 7310, 7320});
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    for (const v1::Change& change : log) ASSERT_TRUE(store->Apply(change).ok());
  }
  {
    // Batch 1 loses its time row, as in a store written before they existed.
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options(), dir_.path(), &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), SequenceKey("watch_time/", 1)).ok());
  }
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(KnownAt(*store, 7310), 2u) << "batch 1 came before batch 2, ingested by then";
  const absl::StatusOr<uint64_t> refused = SequenceKnownAt(*store, 7305);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_THAT(refused.status().message(), HasSubstr("known_as_of_sequence"));
}

}  // namespace
}  // namespace alliance::query
