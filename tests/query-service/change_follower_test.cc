// ChangeFollower against an in-process fake ingest service: catching up, live
// changes, reconnecting after the ingest restarts, and giving up on UNIMPLEMENTED.
#include "query-service/change_follower.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/query-service/fake_ingest.h"
#include "tests/query-service/test_changes.h"
#include "tests/query-service/unsynced_store.h"
#include "tests/testing/eventually.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::FakeIngestServer;
using ::alliance::query::testing::FakeIngestService;
using ::alliance::query::testing::OpenUnsyncedStore;
using ::alliance::query::testing::SampleLog;
using ::alliance::query::testing::ScopedTempDir;
using ::alliance::testing::Eventually;

constexpr absl::Duration kTimeout = absl::Seconds(20);

class ChangeFollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<FactStore>> store = OpenUnsyncedStore(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  std::unique_ptr<ChangeFollower> MakeFollower(const std::string& address) {
    ChangeFollowerOptions options;
    options.ingest_address = address;
    options.heartbeat_seconds = 1;
    options.initial_backoff = absl::Milliseconds(50);
    options.max_backoff = absl::Milliseconds(500);
    options.on_progress = [this](const FollowerProgress&) { ++notifications_; };
    return std::make_unique<ChangeFollower>(store_.get(), options);
  }

  // Starts a follower on `address` and waits for its first catch-up; null (and
  // a test failure) when it does not catch up in time.
  std::unique_ptr<ChangeFollower> FollowUntilCaughtUp(const std::string& address) {
    auto follower = MakeFollower(address);
    follower->Start();
    const bool caught_up = follower->WaitUntilCaughtUp(kTimeout);
    EXPECT_TRUE(caught_up);
    return caught_up ? std::move(follower) : nullptr;
  }

  // Serves `log` from ingest_ and starts a follower on it, waiting for its
  // first catch-up; null (and a test failure) when the server does not start
  // or the follower does not catch up in time.
  std::unique_ptr<ChangeFollower> ServeAndFollow(const std::vector<v1::Change>& log) {
    ingest_.Append(log);
    if (!ingest_server_.Start()) {
      ADD_FAILURE() << "the fake ingest service did not start";
      return nullptr;
    }
    return FollowUntilCaughtUp(ingest_server_.address());
  }

  // Serves `log`, follows it until the store has caught up, and stops the
  // follower (a test failure when it does not catch up).
  void FollowToTheEnd(const std::vector<v1::Change>& log) {
    auto follower = ServeAndFollow(log);
    ASSERT_NE(follower, nullptr);
    follower->Stop();
  }

  // Returns the state digest of a fresh store that applied `log` one change at a time.
  std::string OneByOneDigest(const std::vector<v1::Change>& log) {
    ScopedTempDir dir(alliance::testing::MakeTempDir("change_follower_one_by_one"));
    absl::StatusOr<std::unique_ptr<FactStore>> store = OpenUnsyncedStore(dir.path());
    EXPECT_TRUE(store.ok()) << store.status();
    if (!store.ok()) return "";
    for (const v1::Change& change : log) EXPECT_TRUE((*store)->Apply(change).ok());
    return (*store)->StateDigest().value_or("");
  }

  ScopedTempDir dir_{alliance::testing::MakeTempDir("change_follower_test")};
  std::unique_ptr<FactStore> store_;
  std::atomic<int> notifications_{0};
  FakeIngestService ingest_;  // served by ServeAndFollow
  FakeIngestServer ingest_server_{&ingest_};
};

TEST_F(ChangeFollowerTest, CatchesUpWithTheFeed) {
  const std::vector<v1::Change> log = SampleLog();
  auto follower = ServeAndFollow(log);
  ASSERT_NE(follower, nullptr);
  EXPECT_EQ(store_->applied_sequence(), log.size());
  const FollowerProgress progress = follower->progress();
  EXPECT_TRUE(progress.caught_up);
  EXPECT_TRUE(progress.connected);
  EXPECT_EQ(progress.ingest_sequence, log.size());
  // on_progress runs on the follower's thread after it publishes the progress
  // WaitUntilCaughtUp saw, so the last notification may still be on its way.
  Eventually([&] { return notifications_.load() >= 2; }, absl::Seconds(5), absl::Milliseconds(5));
  EXPECT_GE(notifications_.load(), 2) << "connected, then applied";
  follower->Stop();
  EXPECT_FALSE(follower->progress().connected);
}

TEST_F(ChangeFollowerTest, AppliesABacklogInBatchesWithTheSameResultAsOneByOne) {
  const std::vector<v1::Change> log = SampleLog();
  FollowToTheEnd(log);
  if (HasFatalFailure()) return;

  // The backlog queued up faster than it was applied, so it was applied in batches:
  // fewer watch-log entries than changes, the last at the last sequence.
  absl::StatusOr<std::vector<v1::WatchResponse>> watch = store_->ReadWatchLog(0, log.size(), 1000);
  ASSERT_TRUE(watch.ok());
  ASSERT_FALSE(watch->empty());
  EXPECT_LT(watch->size(), log.size());
  EXPECT_EQ(watch->back().sequence(), log.size());

  // And it holds exactly what applying the changes one by one gives.
  EXPECT_EQ(*store_->StateDigest(), OneByOneDigest(log));
  EXPECT_EQ(store_->document_count(), static_cast<int64_t>(log.size()));
}

TEST_F(ChangeFollowerTest, StagesALongBacklogAndAppliesItWithTheSameResultAsOneBatch) {
  // More than three full batches of changes about a few groups.
  std::vector<v1::Change> log;
  const char* countries[] = {"RUR", "FRE", "BOR", "SYL", "BOT"};
  for (int n = 1; n <= 3 * static_cast<int>(kMaxBatchChanges) + 100; ++n) {
    log.push_back(testing::MakeChange(n, n, {testing::Membership(testing::DocumentId(n), countries[n % 5],
                                                                 v1::MEMBERSHIP_ACTION_JOINED,
                                                                 std::to_string(1995 + n % 10))}));
  }

  FollowToTheEnd(log);
  if (HasFatalFailure()) return;

  EXPECT_EQ(store_->applied_sequence(), log.size());
  EXPECT_EQ(store_->staged_sequence(), log.size());
  // Staged, not applied batch by batch: the first watch entry covers more
  // than any one batch (at most kMaxBatchChanges changes) could.
  absl::StatusOr<std::vector<v1::WatchResponse>> watch = store_->ReadWatchLog(0, log.size(), 1000);
  ASSERT_TRUE(watch.ok());
  ASSERT_FALSE(watch->empty());
  EXPECT_GT(watch->front().sequence(), kMaxBatchChanges);
  // The same state as applying the log in one batch.
  ScopedTempDir dir(alliance::testing::MakeTempDir("change_follower_one_batch"));
  auto one_batch = OpenUnsyncedStore(dir.path());
  ASSERT_TRUE(one_batch.ok());
  ASSERT_TRUE((*one_batch)->ApplyBatch(log).ok());
  EXPECT_EQ(*store_->StateDigest(), *(*one_batch)->StateDigest());
  EXPECT_EQ(store_->document_count(), static_cast<int64_t>(log.size()));
  EXPECT_EQ(store_->fact_count(), (*one_batch)->fact_count());
  EXPECT_GT(store_->fact_count(), 0);
}

TEST_F(ChangeFollowerTest, AppliesLiveChangesAfterCatchingUp) {
  const std::vector<v1::Change> log = SampleLog();
  auto follower = ServeAndFollow({log.begin(), log.begin() + 3});
  ASSERT_NE(follower, nullptr);

  ingest_.Append({log.begin() + 3, log.end()});

  EXPECT_TRUE(Eventually([&] { return store_->applied_sequence() == log.size(); }, kTimeout));
  EXPECT_EQ(ingest_.requests().size(), 1u) << "one stream carried the backlog and the live changes";
}

TEST_F(ChangeFollowerTest, ReconnectsAfterIngestRestartAndMissesOrDoublesNothing) {
  const std::vector<v1::Change> log = SampleLog();
  FakeIngestService ingest;
  ingest.Append({log.begin(), log.begin() + 5});
  auto server = std::make_unique<FakeIngestServer>(&ingest);
  ASSERT_TRUE(server->Start());
  const int port = server->port();
  auto follower = FollowUntilCaughtUp(server->address());
  ASSERT_NE(follower, nullptr);
  ASSERT_EQ(store_->applied_sequence(), 5u);

  server->Stop();
  ASSERT_TRUE(Eventually([&] { return !follower->progress().connected; }, kTimeout));
  absl::SleepFor(absl::Milliseconds(300));  // let a reconnect attempt or two fail
  ingest.Append({log.begin() + 5, log.end()});
  server = std::make_unique<FakeIngestServer>(&ingest);
  ASSERT_TRUE(server->Start(port));

  ASSERT_TRUE(Eventually([&] { return store_->applied_sequence() == log.size(); }, kTimeout));
  EXPECT_TRUE(Eventually([&] { return follower->progress().connected; }, kTimeout));
  EXPECT_EQ(store_->document_count(), static_cast<int64_t>(log.size()));
  EXPECT_EQ(*store_->StateDigest(), OneByOneDigest(log));
  absl::StatusOr<std::vector<v1::WatchResponse>> watch = store_->ReadWatchLog(0, 1000, 1000);
  ASSERT_TRUE(watch.ok());
  ASSERT_FALSE(watch->empty());
  for (size_t i = 1; i < watch->size(); ++i) EXPECT_GT((*watch)[i].sequence(), (*watch)[i - 1].sequence());
  EXPECT_EQ(watch->back().sequence(), log.size());
  const std::vector<uint64_t> requests = ingest.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_EQ(requests.front(), 0u);
  EXPECT_EQ(requests.back(), 5u) << "resumes after the last applied sequence";
}

TEST_F(ChangeFollowerTest, KeepsRetryingWhileIngestIsDownAndStopsPromptly) {
  FakeIngestService ingest;
  FakeIngestServer server(&ingest);
  ASSERT_TRUE(server.Start());
  const std::string address = server.address();
  server.Stop();
  auto follower = MakeFollower(address);
  follower->Start();
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_FALSE(follower->progress().caught_up);
  EXPECT_FALSE(follower->progress().stopped);

  const absl::Time before = absl::Now();
  follower->Stop();
  EXPECT_LT(absl::Now() - before, absl::Seconds(2));
  EXPECT_TRUE(follower->progress().stopped);
}

TEST_F(ChangeFollowerTest, RefusesAGapAndResumesAfterTheLastAppliedChange) {
  std::vector<v1::Change> log = SampleLog();
  FakeIngestService ingest;
  ingest.Append({log[0], log[1], log[3]});  // sequence 3 is missing
  FakeIngestServer server(&ingest);
  ASSERT_TRUE(server.Start());
  auto follower = MakeFollower(server.address());

  follower->Start();

  ASSERT_TRUE(Eventually([&] { return ingest.requests().size() >= 3; }, kTimeout));
  EXPECT_EQ(store_->applied_sequence(), 2u);
  EXPECT_EQ(ingest.requests().back(), 2u);
  EXPECT_FALSE(follower->progress().caught_up);
}

// A change feed that accepts the stream and then says nothing at all.
class SilentIngestService final : public v1::IngestService::Service {
 public:
  grpc::Status StreamChanges(grpc::ServerContext* context, const v1::StreamChangesRequest*,
                             grpc::ServerWriter<v1::Change>*) override {
    calls_.fetch_add(1);
    while (!context->IsCancelled()) absl::SleepFor(absl::Milliseconds(20));
    return grpc::Status::OK;
  }
  int calls() const { return calls_.load(); }

 private:
  std::atomic<int> calls_{0};
};

TEST_F(ChangeFollowerTest, DropsAStreamSilentForThreeHeartbeatsAndReconnects) {
  SilentIngestService silent;
  FakeIngestServer server(&silent);
  ASSERT_TRUE(server.Start());
  auto follower = MakeFollower(server.address());

  follower->Start();

  EXPECT_TRUE(Eventually([&] { return silent.calls() >= 2; }, absl::Seconds(10)));
  follower->Stop();
}

TEST_F(ChangeFollowerTest, StopsRetryingOnUnimplemented) {
  v1::IngestService::Service unimplemented;  // every method answers UNIMPLEMENTED
  FakeIngestServer server(&unimplemented);
  ASSERT_TRUE(server.Start());
  auto follower = MakeFollower(server.address());

  follower->Start();

  EXPECT_TRUE(Eventually([&] { return follower->progress().stopped; }, kTimeout));
  EXPECT_FALSE(follower->progress().caught_up);
  follower->Stop();
}

}  // namespace
}  // namespace alliance::query
