// ChangeApplier on a bare database: the progress it returns is the progress
// it wrote, a refused batch (gap, cancel) writes nothing, staging defers
// consolidation without changing the answer, and its kept digest matches the
// fact rows it wrote.
#include "query-service/change_applier.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "common/rocksdb_status.h"
#include "gtest/gtest.h"
#include "query-service/fact_rows.h"
#include "rocksdb/db.h"
#include "tests/query-service/test_changes.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::SampleLog;
using ::alliance::query::testing::ScopedTempDir;

class ChangeApplierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.sync = false;
    db_ = OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
  }

  static std::unique_ptr<rocksdb::DB> OpenDb(const std::string& path) {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, path, &raw).ok()) return nullptr;
    return std::unique_ptr<rocksdb::DB>(raw);
  }

  // Every key and value of the database, in order.
  static std::vector<std::pair<std::string, std::string>> Rows(rocksdb::DB* db) {
    std::vector<std::pair<std::string, std::string>> rows;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) rows.emplace_back(it->key().ToString(), it->value().ToString());
    return rows;
  }

  // The digest of the fact rows as stored.
  static StateDigest DigestOfFactRows(rocksdb::DB* db) {
    StateDigest digest;
    for (const auto& [key, value] : Rows(db)) {
      if (key.rfind(rows::kFactPrefix, 0) == 0) digest.Add(key, value);
    }
    return digest;
  }

  uint64_t Counter(const char* key) { return *alliance::ReadCounter(db_.get(), key, 0, "fact store"); }

  FactStoreOptions options_;
  ScopedTempDir dir_{alliance::testing::MakeTempDir("change_applier_test")};
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(ChangeApplierTest, ReturnsTheProgressItWrote) {
  ChangeApplier applier(db_.get(), &options_);
  const std::vector<v1::Change> log = SampleLog();
  StoreProgress progress;
  for (const v1::Change& change : log) {
    absl::StatusOr<StoreProgress> next = applier.Apply({change}, progress, nullptr);
    ASSERT_TRUE(next.ok()) << next.status();
    progress = *next;
  }
  EXPECT_EQ(progress.applied, log.size());
  EXPECT_EQ(progress.staged, log.size());
  EXPECT_EQ(Counter(rows::kAppliedKey), log.size());
  EXPECT_EQ(static_cast<int64_t>(Counter(rows::kDocumentsKey)), progress.documents);
  EXPECT_EQ(static_cast<int64_t>(Counter(rows::kFactsKey)), progress.facts);
  EXPECT_EQ(progress.documents, static_cast<int64_t>(log.size()));
  EXPECT_GT(progress.facts, 0);
  EXPECT_EQ(progress.digest, DigestOfFactRows(db_.get()));
  std::string stored_digest;
  ASSERT_TRUE(db_->Get(rocksdb::ReadOptions(), rows::kDigestKey, &stored_digest).ok());
  EXPECT_EQ(stored_digest, progress.digest.Encode());
}

TEST_F(ChangeApplierTest, AGapOrACancelWritesNothing) {
  ChangeApplier applier(db_.get(), &options_);
  const std::vector<v1::Change> log = SampleLog();
  absl::StatusOr<StoreProgress> first = applier.Apply({log[0]}, StoreProgress(), nullptr);
  ASSERT_TRUE(first.ok()) << first.status();
  const auto before = Rows(db_.get());

  absl::StatusOr<StoreProgress> gap = applier.Apply({log[2]}, *first, nullptr);
  EXPECT_EQ(gap.status().code(), absl::StatusCode::kFailedPrecondition) << gap.status();
  const std::atomic<bool> cancel{true};
  absl::StatusOr<StoreProgress> cancelled = applier.Apply({log[1]}, *first, &cancel);
  EXPECT_EQ(cancelled.status().code(), absl::StatusCode::kCancelled) << cancelled.status();

  EXPECT_EQ(Rows(db_.get()), before);
  // And the applier goes on from where the database is.
  EXPECT_TRUE(applier.Apply({log[1]}, *first, nullptr).ok());
}

TEST_F(ChangeApplierTest, StagedChangesAreConsolidatedByTheNextApplyAsIfAppliedOneByOne) {
  const std::vector<v1::Change> log = SampleLog();
  // One store applies every change; another stages all but the last, then
  // applies the last.
  ChangeApplier one_by_one(db_.get(), &options_);
  StoreProgress expected;
  for (const v1::Change& change : log) expected = *one_by_one.Apply({change}, expected, nullptr);

  ScopedTempDir other_dir(alliance::testing::MakeTempDir("change_applier_test"));
  std::unique_ptr<rocksdb::DB> other = OpenDb(other_dir.path());
  ASSERT_NE(other, nullptr);
  ChangeApplier staging(other.get(), &options_);
  absl::StatusOr<StoreProgress> staged =
      staging.Stage(absl::MakeConstSpan(log).subspan(0, log.size() - 1), StoreProgress());
  ASSERT_TRUE(staged.ok()) << staged.status();
  EXPECT_EQ(staged->applied, 0u);
  EXPECT_EQ(staged->staged, log.size() - 1);
  EXPECT_EQ(DigestOfFactRows(other.get()), StateDigest());  // nothing consolidated yet

  absl::StatusOr<StoreProgress> applied = staging.Apply({log.back()}, *staged, nullptr);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(applied->applied, log.size());
  EXPECT_EQ(applied->documents, expected.documents);
  EXPECT_EQ(applied->facts, expected.facts);
  EXPECT_EQ(applied->digest, expected.digest);
  EXPECT_EQ(applied->digest, DigestOfFactRows(other.get()));
  for (const auto& [key, value] : Rows(other.get())) {
    EXPECT_NE(key.rfind(rows::kDirtyPrefix, 0), 0u) << "dirty row left: " << key;
    EXPECT_NE(key, rows::kStagedKey);
  }
}

TEST_F(ChangeApplierTest, GroupsPutBackLateOrAtOnceGiveTheSameRows) {
  // One applier puts each batch's groups back right after it (as the store
  // does once it has published the batch), the other leaves them for its
  // next apply; a document delivered again in between must reach both.
  const std::vector<v1::Change> log = SampleLog();
  std::vector<v1::Change> longer = log;
  v1::Change again = testing::MakeChange(longer.size() + 1, 3, {});
  again.mutable_document()->set_title("Test document 3, corrected");
  longer.push_back(again);
  longer.push_back(testing::MakeChange(longer.size() + 1, 11,
                                       {testing::Membership(testing::DocumentId(11), "UZB",
                                                            v1::MEMBERSHIP_ACTION_REJOINED, "2006-08")}));
  ChangeApplier at_once(db_.get(), &options_);
  StoreProgress a;
  for (const v1::Change& change : longer) {
    a = *at_once.Apply({change}, a, nullptr);
    at_once.CacheWrittenGroups();
  }
  ScopedTempDir other_dir(alliance::testing::MakeTempDir("change_applier_test"));
  std::unique_ptr<rocksdb::DB> other = OpenDb(other_dir.path());
  ASSERT_NE(other, nullptr);
  ChangeApplier late(other.get(), &options_);
  StoreProgress b;
  for (const v1::Change& change : longer) b = *late.Apply({change}, b, nullptr);

  EXPECT_EQ(a.digest, b.digest);
  EXPECT_EQ(Rows(db_.get()), Rows(other.get()));
}

}  // namespace
}  // namespace alliance::query
