#include "query-service/watch_log.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

class WatchLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_ + "/db", &raw).ok());
    db_.reset(raw);
  }

  // Appends entries for `sequences` one batch each, with `retention`; returns
  // the first kept sequence after the last. Each entry's ingest time is
  // 1000 + 10 * its sequence.
  uint64_t AppendAll(const std::vector<uint64_t>& sequences, uint64_t retention, uint64_t first_kept) {
    for (uint64_t sequence : sequences) {
      rocksdb::WriteBatch batch;
      v1::WatchResponse entry;
      entry.set_sequence(sequence);
      entry.set_ingested_at_unix(1000 + 10 * static_cast<int64_t>(sequence));
      first_kept = WatchLog::Append(&batch, sequence, entry, retention, first_kept);
      EXPECT_TRUE(db_->Write(rocksdb::WriteOptions(), &batch).ok());
    }
    return first_kept;
  }

  std::vector<uint64_t> Sequences(uint64_t after, uint64_t up_to, size_t limit, size_t max_bytes = SIZE_MAX) {
    absl::StatusOr<std::vector<v1::WatchResponse>> read = WatchLog::Read(db_.get(), after, up_to, limit, max_bytes);
    EXPECT_TRUE(read.ok()) << read.status();
    std::vector<uint64_t> out;
    if (read.ok()) {
      for (const auto& entry : *read) out.push_back(entry.sequence());
    }
    return out;
  }

  std::string dir_ = alliance::testing::MakeTempDir("watch_log_test");
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(WatchLogTest, ReadsTheEntriesInARangeInOrderUpToALimit) {
  EXPECT_EQ(*WatchLog::FirstKept(db_.get(), 1), 1u);
  AppendAll({3, 5, 9, 12}, 0, 1);
  // Nothing was pruned: the entry at 3 holds its whole batch, 1..3.
  EXPECT_EQ(*WatchLog::FirstKept(db_.get(), 13), 1u);
  EXPECT_EQ(Sequences(0, 12, 100), (std::vector<uint64_t>{3, 5, 9, 12}));
  EXPECT_EQ(Sequences(3, 9, 100), (std::vector<uint64_t>{5, 9}));
  EXPECT_EQ(Sequences(0, 12, 2), (std::vector<uint64_t>{3, 5}));
  EXPECT_TRUE(Sequences(12, 12, 100).empty());
  EXPECT_TRUE(Sequences(0, 12, 0).empty());
}

TEST_F(WatchLogTest, AReadStopsOnceItHoldsItsBytesButReturnsAtLeastOneEntry) {
  AppendAll({1, 2, 3, 4}, 0, 1);
  // Each entry here is a few bytes (its sequence and ingest time): 1 byte
  // stops after one, a budget of two entries' bytes after two.
  std::string bytes;
  v1::WatchResponse entry;
  entry.set_sequence(1);
  entry.set_ingested_at_unix(1010);
  entry.SerializeToString(&bytes);
  EXPECT_EQ(Sequences(0, 4, 100, 1), (std::vector<uint64_t>{1}));
  EXPECT_EQ(Sequences(0, 4, 100, 2 * bytes.size()), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(Sequences(0, 4, 100), (std::vector<uint64_t>{1, 2, 3, 4}));
}

TEST_F(WatchLogTest, ARetentionPrunesWhatItNoLongerKeeps) {
  const uint64_t first_kept = AppendAll({1, 2, 3, 4, 5, 6}, 3, 1);
  EXPECT_EQ(first_kept, 4u);
  EXPECT_EQ(*WatchLog::FirstKept(db_.get(), 7), 4u);
  EXPECT_EQ(*WatchLog::FirstKept(db_.get(), 7, 3), 4u);
  EXPECT_EQ(Sequences(0, 6, 100), (std::vector<uint64_t>{4, 5, 6}));
}

TEST_F(WatchLogTest, KeepsEachEntrysIngestTimeAndPrunesItWithTheEntry) {
  AppendAll({2, 5, 9}, 0, 1);
  absl::StatusOr<std::vector<BatchTime>> times = WatchLog::ReadTimes(db_.get(), 0, 9, 100);
  ASSERT_TRUE(times.ok()) << times.status();
  EXPECT_EQ(*times, (std::vector<BatchTime>{{2, 1020}, {5, 1050}, {9, 1090}}));
  EXPECT_EQ(*WatchLog::ReadTimes(db_.get(), 2, 5, 100), (std::vector<BatchTime>{{5, 1050}})) << "after < s <= up_to";
  EXPECT_EQ(WatchLog::ReadTimes(db_.get(), 0, 9, 2)->size(), 2u);
  EXPECT_EQ(Sequences(0, 9, 100), (std::vector<uint64_t>{2, 5, 9})) << "the time rows are not entries";

  AppendAll({10}, 2, 1);  // keeps 9 and 10
  EXPECT_EQ(*WatchLog::ReadTimes(db_.get(), 0, 10, 100), (std::vector<BatchTime>{{9, 1090}, {10, 1100}}));
}

TEST_F(WatchLogTest, BatchedEntriesWithoutPruningStartTheLogAtOne) {
  AppendAll({5, 9}, 0, 1);  // two batches, 1..5 and 6..9
  EXPECT_EQ(*WatchLog::FirstKept(db_.get(), 10), 1u);
  // Pruning records where the log now starts, whatever entries remain.
  AppendAll({20}, 4, 1);
  EXPECT_EQ(*WatchLog::FirstKept(db_.get(), 21), 17u);
}

}  // namespace
}  // namespace alliance::query
