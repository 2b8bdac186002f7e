// End to end over gRPC: the real ingest-service and query-service binaries on
// loopback ports, the bundled corpus, and every QueryService method.
#include <chrono>

#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/corpus.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {
namespace {

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
}

// Ingests every corpus file through the bulk stream; returns the acknowledgements.
std::vector<v1::IngestDocumentResponse> IngestCorpus(v1::IngestService::Stub* stub) {
  grpc::ClientContext context;
  SetDeadline(&context);
  auto stream = stub->IngestDocuments(&context);
  std::vector<v1::IngestDocumentResponse> acks;
  for (const CorpusFile& file : ReadBundledCorpus()) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(file.text);
    request.set_client_tag(file.name);
    EXPECT_TRUE(stream->Write(request));
    v1::IngestDocumentResponse ack;
    EXPECT_TRUE(stream->Read(&ack));
    acks.push_back(ack);
  }
  stream->WritesDone();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  return acks;
}

class ServiceEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.StartIngest().ok());
    ASSERT_TRUE(cluster_.StartQuery().ok());
  }
  LocalCluster cluster_;
};

TEST_F(ServiceEndToEnd, IngestedCorpusReachesTheQueryServiceAndEveryMethodAnswers) {
  auto ingest = cluster_.IngestStub();
  std::vector<v1::IngestDocumentResponse> acks = IngestCorpus(ingest.get());
  ASSERT_EQ(acks.size(), ReadBundledCorpus().size());
  uint64_t expected_sequence = 0;
  for (size_t i = 0; i < acks.size(); ++i) {
    EXPECT_FALSE(acks[i].has_error()) << acks[i].error().message();
    EXPECT_FALSE(acks[i].duplicate());
    EXPECT_EQ(acks[i].sequence(), ++expected_sequence) << "sequences are gapless and in order";
    EXPECT_EQ(acks[i].document_id().size(), 32u);
  }

  absl::StatusOr<v1::GetStatusResponse> status = cluster_.WaitForApplied(expected_sequence);
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(status->documents(), static_cast<int64_t>(acks.size()));
  EXPECT_FALSE(status->state_digest().empty());

  auto query = cluster_.QueryStub();
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::GetMembershipHistoryResponse response;
    EXPECT_TRUE(query->GetMembershipHistory(&context, v1::GetMembershipHistoryRequest(), &response).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListMembersRequest request;
    request.mutable_as_of()->set_as_written("2005-01-01");
    v1::ListMembersResponse response;
    EXPECT_TRUE(query->ListMembers(&context, request, &response).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListMembershipEventsResponse response;
    EXPECT_TRUE(query->ListMembershipEvents(&context, v1::ListMembershipEventsRequest(), &response).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListInterventionsResponse response;
    EXPECT_TRUE(query->ListInterventions(&context, v1::ListInterventionsRequest(), &response).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListAssistanceRequestsResponse response;
    EXPECT_TRUE(query->ListAssistanceRequests(&context, v1::ListAssistanceRequestsRequest(), &response).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListConflictsResponse response;
    EXPECT_TRUE(query->ListConflicts(&context, v1::ListConflictsRequest(), &response).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::WatchRequest request;
    auto reader = query->Watch(&context, request);
    v1::WatchResponse response;
    EXPECT_TRUE(reader->Read(&response)) << "Watch replays history or sends a progress notification";
    context.TryCancel();
    reader->Finish();
  }
}

TEST_F(ServiceEndToEnd, DuplicateTextIsFlaggedAndAddsNoChange) {
  auto ingest = cluster_.IngestStub();
  const std::string text = ReadBundledCorpus().front().text;
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text(text);
  v1::IngestDocumentResponse first, second;
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    ASSERT_TRUE(ingest->IngestDocument(&context, request, &first).ok());
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    ASSERT_TRUE(ingest->IngestDocument(&context, request, &second).ok());
  }
  EXPECT_FALSE(first.duplicate());
  EXPECT_TRUE(second.duplicate());
  EXPECT_EQ(second.document_id(), first.document_id());
  EXPECT_EQ(second.sequence(), first.sequence());
  absl::StatusOr<v1::GetStatusResponse> status = cluster_.WaitForApplied(first.sequence());
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(status->applied_sequence(), first.sequence());
  EXPECT_EQ(status->documents(), 1);
}

TEST_F(ServiceEndToEnd, BadInputGetsItsCodeAndStoresNothing) {
  auto ingest = cluster_.IngestStub();
  // (Invalid UTF-8 cannot be sent from a C++ protobuf client at all; the ingest
  // service's own tests send it as raw bytes.)
  struct Case {
    std::string text;
    grpc::StatusCode code;
  };
  const std::vector<Case> cases = {
      {"", grpc::StatusCode::INVALID_ARGUMENT},
      {"  \n\t ", grpc::StatusCode::INVALID_ARGUMENT},
      {std::string(5 * 1024 * 1024, 'a'), grpc::StatusCode::RESOURCE_EXHAUSTED},
  };
  for (const Case& c : cases) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(c.text);
    v1::IngestDocumentResponse response;
    grpc::Status status = ingest->IngestDocument(&context, request, &response);
    EXPECT_EQ(status.error_code(), c.code) << status.error_message();
    if (c.code == grpc::StatusCode::INVALID_ARGUMENT) {
      EXPECT_THAT(status.error_message(), ::testing::HasSubstr("document.text"));
    }
  }
  // A good document now gets sequence 1: nothing was stored before it.
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text("The alliance met in 2020.");
  v1::IngestDocumentResponse response;
  ASSERT_TRUE(ingest->IngestDocument(&context, request, &response).ok());
  EXPECT_EQ(response.sequence(), 1u);
}

TEST_F(ServiceEndToEnd, QueryServiceKilledAndRestartedHasNothingMissingOrDoubled) {
  auto ingest = cluster_.IngestStub();
  std::vector<v1::IngestDocumentResponse> acks = IngestCorpus(ingest.get());
  ASSERT_FALSE(acks.empty());
  const uint64_t last = acks.back().sequence();
  absl::StatusOr<v1::GetStatusResponse> before = cluster_.WaitForApplied(last);
  ASSERT_TRUE(before.ok()) << before.status();

  cluster_.CrashQuery();
  ASSERT_TRUE(cluster_.StartQuery().ok());
  absl::StatusOr<v1::GetStatusResponse> after = cluster_.WaitForApplied(last);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->applied_sequence(), before->applied_sequence());
  EXPECT_EQ(after->documents(), before->documents());
  EXPECT_EQ(after->facts(), before->facts());
  EXPECT_EQ(after->state_digest(), before->state_digest());

  // A replica that starts from scratch builds the same view.
  ASSERT_TRUE(cluster_.StartQuery(1).ok());
  absl::StatusOr<v1::GetStatusResponse> fresh = cluster_.WaitForApplied(last, 1);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(fresh->state_digest(), before->state_digest());
}

TEST_F(ServiceEndToEnd, QueryServiceFollowsAnIngestRestart) {
  auto ingest = cluster_.IngestStub();
  std::vector<v1::IngestDocumentResponse> acks = IngestCorpus(ingest.get());
  ASSERT_FALSE(acks.empty());
  absl::StatusOr<int> code = cluster_.StopIngest();
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0) << "SIGTERM is a clean shutdown";
  ASSERT_TRUE(cluster_.StartIngest().ok());

  ingest = cluster_.IngestStub();
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text("A new article arrives after the restart and names no alliance.");
  v1::IngestDocumentResponse response;
  ASSERT_TRUE(ingest->IngestDocument(&context, request, &response).ok());
  EXPECT_EQ(response.sequence(), acks.back().sequence() + 1);
  absl::StatusOr<v1::GetStatusResponse> status = cluster_.WaitForApplied(response.sequence());
  ASSERT_TRUE(status.ok()) << status.status();

  absl::StatusOr<int> query_code = cluster_.StopQuery();
  ASSERT_TRUE(query_code.ok()) << query_code.status();
  EXPECT_EQ(*query_code, 0);
}

}  // namespace
}  // namespace alliance::testing
