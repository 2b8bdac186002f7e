// Faults injected into the real binaries: kill -9 of the ingest service during a
// bulk ingest, kill -9 of a query replica while it applies, replicas converging.
#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/local_cluster.h"
#include "bench/load/synthetic_corpus.h"

namespace alliance::testing {
namespace {

using ::alliance::load::SyntheticArticle;

constexpr int kDocuments = 2000;

void SetDeadline(grpc::ClientContext* context, int seconds = 30) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

// Sends articles [first, last) through one bulk stream and records every
// acknowledgement (document id -> sequence) until the stream breaks.
void BulkIngest(v1::IngestService::Stub* stub, int first, int last, std::map<std::string, uint64_t>* acked,
                std::atomic<int>* acked_count) {
  grpc::ClientContext context;
  SetDeadline(&context, 300);
  auto stream = stub->IngestDocuments(&context);
  for (int i = first; i < last; ++i) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(SyntheticArticle(i));
    if (!stream->Write(request)) break;
    v1::IngestDocumentResponse ack;
    if (!stream->Read(&ack)) break;
    if (ack.has_error()) continue;
    (*acked)[ack.document_id()] = ack.sequence();
    if (acked_count != nullptr) acked_count->fetch_add(1);
  }
  stream->WritesDone();
  stream->Finish();
}

// Reads the whole change log and checks it is gapless and every change whole.
uint64_t CheckChangeLog(v1::IngestService::Stub* stub, uint64_t expected_last, std::map<std::string, uint64_t>* ids) {
  grpc::ClientContext context;
  SetDeadline(&context, 120);
  v1::StreamChangesRequest request;
  auto reader = stub->StreamChanges(&context, request);
  v1::Change change;
  uint64_t previous = 0;
  while (previous < expected_last && reader->Read(&change)) {
    if (change.heartbeat()) continue;
    EXPECT_EQ(change.sequence(), previous + 1) << "the change log has no gaps";
    previous = change.sequence();
    EXPECT_EQ(change.document().document_id().size(), 32u) << "every change carries its document";
    EXPECT_GT(change.document().length(), 0);
    (*ids)[change.document().document_id()] = change.sequence();
  }
  context.TryCancel();
  reader->Finish();
  return previous;
}

TEST(FaultEndToEnd, IngestKilledDuringBulkIngestKeepsEveryAcknowledgedDocument) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  auto stub = cluster.IngestStub();

  std::map<std::string, uint64_t> acked;
  std::atomic<int> acked_count{0};
  std::thread sender(BulkIngest, stub.get(), 0, kDocuments, &acked, &acked_count);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (acked_count.load() < kDocuments / 4 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  cluster.CrashIngest();
  sender.join();
  ASSERT_GE(acked.size(), static_cast<size_t>(kDocuments / 4));
  ASSERT_LT(acked.size(), static_cast<size_t>(kDocuments)) << "the crash came mid-stream";

  ASSERT_TRUE(cluster.StartIngest().ok());
  stub = cluster.IngestStub();
  std::map<std::string, uint64_t> logged;
  uint64_t max_acked = 0;
  for (const auto& [id, sequence] : acked) max_acked = std::max(max_acked, sequence);
  const uint64_t last = CheckChangeLog(stub.get(), max_acked, &logged);
  EXPECT_GE(last, max_acked);
  for (const auto& [id, sequence] : acked) {
    auto it = logged.find(id);
    ASSERT_NE(it, logged.end()) << "acknowledged document " << id << " is missing after the crash";
    EXPECT_EQ(it->second, sequence);
  }

  // The sender resends everything: what was stored is recognised, the rest is added.
  std::map<std::string, uint64_t> resent;
  BulkIngest(stub.get(), 0, kDocuments, &resent, nullptr);
  ASSERT_EQ(resent.size(), static_cast<size_t>(kDocuments));
  for (const auto& [id, sequence] : acked) EXPECT_EQ(resent[id], sequence) << "duplicate keeps its first sequence";
  uint64_t max_sequence = 0;
  for (const auto& [id, sequence] : resent) max_sequence = std::max(max_sequence, sequence);
  std::map<std::string, uint64_t> final_log;
  EXPECT_EQ(CheckChangeLog(stub.get(), max_sequence, &final_log), max_sequence);
  EXPECT_EQ(final_log.size(), static_cast<size_t>(kDocuments)) << "each document stored exactly once";
  EXPECT_EQ(max_sequence, static_cast<uint64_t>(kDocuments)) << "no sequence was burnt by the crash";
}

TEST(FaultEndToEnd, QueryReplicaKilledWhileApplyingConvergesWithOneThatNeverCrashed) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  auto stub = cluster.IngestStub();
  std::map<std::string, uint64_t> acked;
  BulkIngest(stub.get(), 0, kDocuments / 2, &acked, nullptr);
  ASSERT_EQ(acked.size(), static_cast<size_t>(kDocuments / 2));
  const uint64_t last = kDocuments / 2;

  ASSERT_TRUE(cluster.StartQuery(0).ok());
  ASSERT_TRUE(cluster.StartQuery(1).ok());
  // Crash replica 0 part-way through the backlog: while it stages changes
  // (stored unsynced, not yet applied) or applies them.
  auto query = cluster.QueryStub(0);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < give_up) {
    grpc::ClientContext context;
    SetDeadline(&context, 2);
    v1::GetStatusResponse status;
    if (query->GetStatus(&context, v1::GetStatusRequest(), &status).ok() && status.staged_sequence() >= last / 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  cluster.CrashQuery(0);
  // More documents arrive while replica 0 is down.
  BulkIngest(stub.get(), kDocuments / 2, kDocuments / 2 + 100, &acked, nullptr);
  ASSERT_TRUE(cluster.StartQuery(0).ok());

  const uint64_t final_sequence = last + 100;
  absl::StatusOr<v1::GetStatusResponse> crashed = cluster.WaitForApplied(final_sequence, 0, absl::Seconds(180));
  absl::StatusOr<v1::GetStatusResponse> steady = cluster.WaitForApplied(final_sequence, 1, absl::Seconds(180));
  ASSERT_TRUE(crashed.ok()) << crashed.status();
  ASSERT_TRUE(steady.ok()) << steady.status();
  EXPECT_EQ(crashed->applied_sequence(), steady->applied_sequence());
  EXPECT_EQ(crashed->documents(), static_cast<int64_t>(final_sequence));
  EXPECT_EQ(crashed->documents(), steady->documents());
  EXPECT_EQ(crashed->facts(), steady->facts());
  EXPECT_EQ(crashed->state_digest(), steady->state_digest());
}

}  // namespace
}  // namespace alliance::testing
