// The Watch loop on its own, over a FactStore holding the sample log: replay
// through the filters, the progress notification, entries in parts, and the
// ways a stream ends.
#include "query-service/watch_stream.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "query-service/fact_store.h"
#include "tests/query-service/loopback_query_server.h"
#include "tests/query-service/test_changes.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::DocumentId;
using ::alliance::query::testing::MakeChange;
using ::alliance::query::testing::Membership;
using ::alliance::query::testing::SampleLog;
using ::alliance::query::testing::ScopedTempDir;

// Keeps what is written; fails writes once `accept` runs out.
class RecordingWriter : public MessageWriter<v1::WatchResponse> {
 public:
  bool Write(const v1::WatchResponse& message) override {
    if (accept == 0) return false;
    --accept;
    written.push_back(message);
    return true;
  }

  int accept = 1 << 20;
  std::vector<v1::WatchResponse> written;
};

class WatchStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<FactStore>> store =
        testing::OpenStoreWithSampleLog(dir_.path(), FactStoreOptions());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    options_.default_organization = "CSTO";
    options_.poll_interval = absl::Milliseconds(10);
  }

  // Streams `request` until the first progress notification, then stops the
  // stream with CANCELLED; returns what was written.
  std::vector<v1::WatchResponse> UntilProgress(const v1::WatchRequest& request) {
    RecordingWriter writer;
    const absl::Status ended = StreamWatch(
        store_.get(), request, options_,
        [&writer]() -> absl::Status {
          if (!writer.written.empty() && writer.written.back().progress_notify()) return absl::CancelledError("done");
          return absl::OkStatus();
        },
        &writer);
    EXPECT_EQ(ended.code(), absl::StatusCode::kCancelled) << ended;
    EXPECT_EQ(ended.message(), "done");
    return writer.written;
  }

  ScopedTempDir dir_{alliance::testing::MakeTempDir("watch_stream_test")};
  std::unique_ptr<FactStore> store_;
  WatchStreamOptions options_;
};

TEST_F(WatchStreamTest, ReplaysTheMatchingChangesThenNotifiesProgressAtTheAppliedSequence) {
  v1::WatchRequest request;
  request.set_country("KAZ");
  request.add_kinds("intervention");
  const std::vector<v1::WatchResponse> written = UntilProgress(request);

  ASSERT_GE(written.size(), 2u);
  const v1::WatchResponse& progress = written.back();
  EXPECT_TRUE(progress.progress_notify());
  EXPECT_EQ(progress.sequence(), SampleLog().size());
  EXPECT_EQ(progress.changes_size(), 0);
  for (size_t i = 0; i + 1 < written.size(); ++i) {
    EXPECT_FALSE(written[i].progress_notify()) << i;
    EXPECT_FALSE(written[i].continued()) << i;
    for (const v1::RecordChange& change : written[i].changes()) {
      ASSERT_EQ(change.fact_case(), v1::RecordChange::kIntervention) << i;
      EXPECT_EQ(change.intervention().host_country(), "KAZ") << i;
    }
  }
  // The only intervention in Kazakhstan is told by document 5, change 5.
  EXPECT_EQ(written.front().sequence(), 5u);
}

TEST_F(WatchStreamTest, StartsAfterTheRequestedSequence) {
  v1::WatchRequest request;
  request.set_after_sequence(5);
  request.add_kinds("membership_event");
  const std::vector<v1::WatchResponse> written = UntilProgress(request);
  ASSERT_FALSE(written.empty());
  for (size_t i = 0; i + 1 < written.size(); ++i) {
    EXPECT_GT(written[i].sequence(), 5u) << i;
    for (const v1::RecordChange& change : written[i].changes()) {
      EXPECT_EQ(change.fact_case(), v1::RecordChange::kMembershipEvent) << i;
    }
  }
}

TEST_F(WatchStreamTest, AnOrganizationNoFactBelongsToGetsOnlyProgress) {
  v1::WatchRequest request;
  request.set_organization("RURIPACT");
  const std::vector<v1::WatchResponse> written = UntilProgress(request);
  ASSERT_EQ(written.size(), 1u);
  EXPECT_TRUE(written[0].progress_notify());
}

TEST_F(WatchStreamTest, SendsAnEntryTooLargeForOneResponseInPartsThatResumeBeforeIt) {
  const uint64_t before = store_->applied_sequence();
  std::vector<v1::Change> batch = testing::ThreeCountryBatch(before, 300);
  for (size_t i = 0; i < batch.size(); ++i) {
    batch[i].mutable_document()->set_ingested_at_unix(8100 + static_cast<int64_t>(i));
  }
  ASSERT_TRUE(store_->ApplyBatch(batch).ok());
  options_.response_bytes = 1;
  v1::WatchRequest request;
  request.set_after_sequence(before);
  std::vector<v1::WatchResponse> parts = UntilProgress(request);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts.back().ingested_at_unix(), 0) << "a progress notification has no ingest time";
  parts.pop_back();  // the progress notification
  for (size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    EXPECT_EQ(parts[i].continued(), !last) << i;
    EXPECT_EQ(parts[i].sequence(), last ? before + 3 : before) << i;
    EXPECT_EQ(parts[i].changes_size(), 1) << i;
    EXPECT_EQ(parts[i].ingested_at_unix(), 8102) << "every part carries the entry's ingest time, " << i;
  }
}

TEST_F(WatchStreamTest, FollowsChangesAppliedAfterTheReplay) {
  RecordingWriter writer;
  const uint64_t next = store_->applied_sequence() + 1;
  bool applied = false;
  v1::WatchRequest request;
  request.set_country("UZB");
  const absl::Status ended = StreamWatch(
      store_.get(), request, options_,
      [&]() -> absl::Status {
        if (writer.written.empty()) return absl::OkStatus();
        const v1::WatchResponse& last = writer.written.back();
        if (last.progress_notify() && !applied) {
          applied = true;
          return store_->Apply(MakeChange(
              next, 301, {Membership(DocumentId(301), "UZB", v1::MEMBERSHIP_ACTION_SUSPENDED, "2011")}));
        }
        if (!last.progress_notify() && last.sequence() == next) return absl::CancelledError("seen");
        return absl::OkStatus();
      },
      &writer);
  EXPECT_EQ(ended.message(), "seen") << ended;
  ASSERT_FALSE(writer.written.empty());
  ASSERT_EQ(writer.written.back().changes_size(), 1);
  EXPECT_EQ(writer.written.back().changes(0).membership_event().action(), v1::MEMBERSHIP_ACTION_SUSPENDED);
}

TEST_F(WatchStreamTest, EndsWithTheErrorOfKeepGoingBeforeWriting) {
  RecordingWriter writer;
  const absl::Status ended = StreamWatch(
      store_.get(), v1::WatchRequest(), options_,
      []() { return absl::UnavailableError("the query service is shutting down"); }, &writer);
  EXPECT_EQ(ended.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(writer.written.empty());
}

TEST_F(WatchStreamTest, EndsCancelledWhenAWriteFails) {
  RecordingWriter writer;
  writer.accept = 1;
  const absl::Status ended =
      StreamWatch(store_.get(), v1::WatchRequest(), options_, []() { return absl::OkStatus(); }, &writer);
  EXPECT_EQ(ended.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(ended.message(), "the client went away");
  EXPECT_EQ(writer.written.size(), 1u);
}

}  // namespace
}  // namespace alliance::query
