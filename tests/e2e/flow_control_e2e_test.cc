// Flow control against the real ingest binary: a bulk client that writes far
// ahead without reading its acknowledgements, and a change-feed client that
// stops reading, are held back by gRPC flow control instead of making the
// server buffer without bound; once they read again they get everything, in
// order.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/local_cluster.h"
#include "bench/load/synthetic_corpus.h"
#include "bench/load/process_memory.h"

namespace alliance::testing {
namespace {

using ::alliance::load::SyntheticArticle;
using ::alliance::load::ReadProcessMemory;
using ::alliance::load::ProcessMemory;

// 300 documents of about 128 KiB: ~38 MiB, far more than gRPC's flow-control
// windows, and each takes the server milliseconds to extract and sync.
constexpr int kDocuments = 300;
constexpr size_t kDocumentBytes = 128 << 10;

std::string LargeArticle(int index) {
  std::string text = SyntheticArticle(index);
  for (int k = 0; text.size() < kDocumentBytes; ++k) {
    absl::StrAppend(&text, "Background paragraph ", k, " of dispatch ", index,
                    " repeats what the regional office filed earlier in the week.\n");
  }
  return text;
}

// Follows the change feed and publishes the latest committed sequence.
class CommitWatcher {
 public:
  explicit CommitWatcher(v1::IngestService::Stub* stub) {
    context_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(300));
    thread_ = std::thread([this, stub] {
      v1::StreamChangesRequest request;
      request.set_heartbeat_seconds(1);
      auto reader = stub->StreamChanges(&context_, request);
      v1::Change change;
      while (reader->Read(&change)) latest_.store(change.sequence());
      reader->Finish();
    });
  }
  ~CommitWatcher() {
    context_.TryCancel();
    thread_.join();
  }
  uint64_t latest() const { return latest_.load(); }

 private:
  grpc::ClientContext context_;
  std::atomic<uint64_t> latest_{0};
  std::thread thread_;
};

TEST(FlowControlEndToEnd, AClientThatDoesNotReadIsHeldBackAndThenGetsEverythingInOrder) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  auto stub = cluster.IngestStub();
  CommitWatcher commits(stub.get());

  // A change-feed client that opens its stream and then does not read.
  grpc::ClientContext stalled_context;
  stalled_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(300));
  auto stalled_feed = stub->StreamChanges(&stalled_context, v1::StreamChangesRequest());

  // The server's memory before the bulk client writes (started, lexicons loaded).
  absl::StatusOr<ProcessMemory> before = ReadProcessMemory(cluster.ingest_pid());
  ASSERT_TRUE(before.ok()) << before.status();

  // The bulk client writes everything before it reads a single acknowledgement.
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(300));
  auto stream = stub->IngestDocuments(&context);
  std::vector<std::string> texts;
  for (int i = 0; i < kDocuments; ++i) texts.push_back(LargeArticle(i));
  uint64_t most_ahead = 0;  // documents written but not yet committed, at worst
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kDocuments; ++i) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(texts[i]);
    ASSERT_TRUE(stream->Write(request)) << "document " << i;
    const uint64_t written = static_cast<uint64_t>(i) + 1;
    const uint64_t committed = commits.latest();
    most_ahead = std::max(most_ahead, written > committed ? written - committed : 0);
  }
  const double write_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(stream->WritesDone());

  // The writer could only run ahead of the server by what the flow-control
  // windows hold (a few MiB: tens of documents), never by the whole batch,
  // although it never read an acknowledgement.
  std::printf("flow control: %d documents of %zu KiB written in %.2f s; at most %llu written ahead of commits\n",
              kDocuments, kDocumentBytes >> 10, write_seconds, static_cast<unsigned long long>(most_ahead));
  EXPECT_LT(most_ahead, static_cast<uint64_t>(kDocuments / 2));

  // Every acknowledgement arrives, in order, after its document is durable.
  for (int i = 0; i < kDocuments; ++i) {
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(stream->Read(&ack)) << "acknowledgement " << i;
    EXPECT_FALSE(ack.has_error()) << ack.error().message();
    EXPECT_EQ(ack.sequence(), static_cast<uint64_t>(i) + 1);
  }
  const grpc::Status finished = stream->Finish();
  EXPECT_TRUE(finished.ok()) << finished.error_message();

  // The stalled feed reader now reads: every change, in order, none missing.
  uint64_t previous = 0;
  v1::Change change;
  while (previous < kDocuments && stalled_feed->Read(&change)) {
    if (change.heartbeat()) continue;
    ASSERT_EQ(change.sequence(), previous + 1);
    previous = change.sequence();
  }
  EXPECT_EQ(previous, static_cast<uint64_t>(kDocuments));
  stalled_context.TryCancel();
  stalled_feed->Finish();

  // The server's memory grew by less than twice the payload: the store's
  // write buffer holds what was committed (the payload once, until it
  // flushes), and nothing else held the stream; a server buffering it would
  // hold every document again, several times over (text, decoded request,
  // normalized copy, records).
  absl::StatusOr<ProcessMemory> memory = ReadProcessMemory(cluster.ingest_pid());
  ASSERT_TRUE(memory.ok()) << memory.status();
  const int64_t payload = int64_t{kDocuments} * static_cast<int64_t>(kDocumentBytes);
  const int64_t growth = memory->peak_rss_bytes - before->rss_bytes;
  std::printf("flow control: ingest-service RSS %.1f MiB before, peak %.1f MiB (+%.1f MiB for %.1f MiB sent)\n",
              before->rss_bytes / 1048576.0, memory->peak_rss_bytes / 1048576.0, growth / 1048576.0,
              payload / 1048576.0);
  EXPECT_LT(growth, 2 * payload);
}

}  // namespace
}  // namespace alliance::testing
