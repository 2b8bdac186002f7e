// IngestService over a real gRPC channel: an in-process IngestServer on
// 127.0.0.1:0 with a fake Extractor that returns fixed records.
#include "ingest-service/ingest_server.h"

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "common/bearer_token.h"
#include "common/content_hash.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "tests/ingest-service/test_support.h"
#include "tests/testing/health_check.h"

namespace alliance::ingest {
namespace {

using ::alliance::ingest::testing::FakeExtractor;
using ::alliance::ingest::testing::ScopedTempDir;
using ::testing::HasSubstr;

constexpr absl::Duration kCallTimeout = absl::Seconds(20);

void SetDeadline(grpc::ClientContext* context, absl::Duration timeout = kCallTimeout) {
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
}

v1::IngestDocumentRequest Request(const std::string& text, const std::string& tag = "") {
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text(text);
  request.set_client_tag(tag);
  return request;
}

class IngestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(IngestServiceOptions()); }

  void StartServer(IngestServiceOptions service_options) {
    IngestServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.db_path = dir_.Child("db");
    options.shutdown_grace = absl::Seconds(2);
    options.service = service_options;
    absl::StatusOr<std::unique_ptr<IngestServer>> server =
        IngestServer::Start(options, std::make_unique<FakeExtractor>());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::IngestService::NewStub(channel_);
  }

  void RestartServer(IngestServiceOptions service_options) {
    stub_.reset();
    channel_.reset();
    server_.reset();
    StartServer(service_options);
  }

  // Ingests `text` and returns the response, failing the test on an error.
  v1::IngestDocumentResponse Ingest(const std::string& text, const std::string& tag = "") {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestDocumentResponse response;
    const grpc::Status status = stub_->IngestDocument(&context, Request(text, tag), &response);
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    return response;
  }

  grpc::Status IngestStatus(const v1::IngestDocumentRequest& request) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestDocumentResponse response;
    return stub_->IngestDocument(&context, request, &response);
  }

  ScopedTempDir dir_{"ingest_service_test"};
  std::unique_ptr<IngestServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

TEST_F(IngestServiceTest, IngestDocumentStampsIdsAndEvidenceAndReturnsTheSequence) {
  const std::string text = "CSTO troops leave Kazakhstan\nThe withdrawal ended on 13 January.";
  v1::IngestDocumentRequest request = Request(text, "tag-1");
  request.mutable_document()->set_published("2022-01-13");
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::IngestDocumentResponse response;
  const grpc::Status status = stub_->IngestDocument(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const std::string id = ContentHash(text);
  EXPECT_EQ(response.document_id(), id);
  EXPECT_FALSE(response.duplicate());
  EXPECT_EQ(response.sequence(), 1u);
  EXPECT_EQ(response.client_tag(), "tag-1");
  EXPECT_EQ(response.counts().membership_events(), 2);
  EXPECT_EQ(response.counts().interventions(), 1);
  EXPECT_EQ(response.counts().assistance_requests(), 1);
  EXPECT_FALSE(response.has_error());

  // What was stored is what the change feed delivers.
  grpc::ClientContext stream_context;
  SetDeadline(&stream_context);
  v1::StreamChangesRequest stream_request;
  auto reader = stub_->StreamChanges(&stream_context, stream_request);
  v1::Change change;
  ASSERT_TRUE(reader->Read(&change));
  stream_context.TryCancel();
  EXPECT_EQ(change.sequence(), 1u);
  EXPECT_FALSE(change.heartbeat());
  EXPECT_EQ(change.document().document_id(), id);
  EXPECT_EQ(change.document().title(), "CSTO troops leave Kazakhstan");
  EXPECT_EQ(change.document().length(), static_cast<int64_t>(text.size()));
  EXPECT_GT(change.document().ingested_at_unix(), 0);
  ASSERT_EQ(change.records_size(), 4);
  EXPECT_EQ(change.records(0).membership_event().id(), id + "/m0");
  EXPECT_EQ(change.records(2).intervention().id(), id + "/i0");
  EXPECT_EQ(change.records(3).assistance_request().id(), id + "/r0");
  const v1::Evidence& evidence = change.records(0).membership_event().evidence(0);
  EXPECT_EQ(evidence.document_id(), id);
  EXPECT_EQ(evidence.document_title(), "CSTO troops leave Kazakhstan");
  EXPECT_EQ(evidence.document_published().year(), 2022);
  EXPECT_EQ(change.records(2).intervention().troops(0).evidence().document_id(), id);
}

TEST_F(IngestServiceTest, DuplicateIsFlaggedWithTheFirstIdAndSequence) {
  const v1::IngestDocumentResponse first = Ingest("First article.");
  const v1::IngestDocumentResponse other = Ingest("Second article.");
  const v1::IngestDocumentResponse again = Ingest("First article.", "again");
  EXPECT_FALSE(first.duplicate());
  EXPECT_EQ(other.sequence(), 2u);
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.document_id(), first.document_id());
  EXPECT_EQ(again.sequence(), first.sequence());
  EXPECT_EQ(again.counts().membership_events(), first.counts().membership_events());
  EXPECT_EQ(again.client_tag(), "again");
  EXPECT_EQ(server_->store()->last_sequence(), 2u);
}

TEST_F(IngestServiceTest, EmptyTextIsInvalidArgumentAndNothingIsStored) {
  for (const std::string text : {"", "  \n\t "}) {
    const grpc::Status status = IngestStatus(Request(text));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("document.text"));
  }
  v1::IngestDocumentRequest no_document;
  EXPECT_EQ(IngestStatus(no_document).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // The feed has nothing: its first message is a heartbeat at sequence 0.
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::StreamChangesRequest request;
  request.set_heartbeat_seconds(1);
  auto reader = stub_->StreamChanges(&context, request);
  v1::Change change;
  ASSERT_TRUE(reader->Read(&change));
  context.TryCancel();
  EXPECT_TRUE(change.heartbeat());
  EXPECT_EQ(change.sequence(), 0u);
  EXPECT_EQ(change.records_size(), 0);
}

TEST_F(IngestServiceTest, MalformedPublishedDateIsInvalidArgument) {
  v1::IngestDocumentRequest request = Request("Text.");
  request.mutable_document()->set_published("2022-13-01");
  const grpc::Status status = IngestStatus(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("document.published"));
  EXPECT_EQ(server_->store()->last_sequence(), 0u);
}

TEST_F(IngestServiceTest, TextOverTheLimitIsResourceExhausted) {
  IngestServiceOptions options;
  options.limits.max_text_bytes = 1000;
  RestartServer(options);
  const grpc::Status status = IngestStatus(Request(std::string(1001, 'a')));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("1001 bytes"));
  EXPECT_THAT(status.error_message(), HasSubstr("1000"));
  EXPECT_EQ(server_->store()->last_sequence(), 0u);
  EXPECT_FALSE(Ingest(std::string(1000, 'a')).document_id().empty());
}

TEST_F(IngestServiceTest, InvalidUtf8IsInvalidArgumentNamingFieldAndOffset) {
  // Protobuf itself would refuse these bytes; the service names what is wrong.
  const grpc::Status status = IngestStatus(Request("Bad \xFF byte."));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("document.text: invalid UTF-8 at byte offset 4"));

  v1::IngestDocumentRequest bad_title = Request("Fine text.");
  bad_title.mutable_document()->set_title("Ti\xC3tle");
  const grpc::Status title_status = IngestStatus(bad_title);
  EXPECT_EQ(title_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(title_status.error_message(), HasSubstr("document.title"));
  EXPECT_EQ(server_->store()->last_sequence(), 0u);
}

TEST_F(IngestServiceTest, ExtractorErrorsKeepTheirCode) {
  const grpc::Status status = IngestStatus(Request("EXTRACTOR-REFUSES this one"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("fake extractor"));
  EXPECT_EQ(server_->store()->last_sequence(), 0u);
}

TEST_F(IngestServiceTest, IngestDocumentsAcknowledgesInOrderWithPerDocumentErrors) {
  const std::vector<v1::IngestDocumentRequest> requests = {
      Request("Article A.", "a"),
      Request("", "b"),
      Request("Article C.", "c"),
      Request("Article A.", "d"),
      Request("Bad \xFF byte.", "e"),
      Request(std::string("Bad \0 byte.", 11), "e2"),
      Request("EXTRACTOR-REFUSES", "f"),
      Request("Article G.", "g"),
  };
  grpc::ClientContext context;
  SetDeadline(&context);
  auto stream = stub_->IngestDocuments(&context);
  for (const auto& request : requests) ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<v1::IngestDocumentResponse> acks;
  v1::IngestDocumentResponse ack;
  while (stream->Read(&ack)) acks.push_back(ack);
  const grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();

  ASSERT_EQ(acks.size(), requests.size());
  std::vector<std::string> tags;
  for (const auto& a : acks) tags.push_back(a.client_tag());
  EXPECT_THAT(tags, ::testing::ElementsAre("a", "b", "c", "d", "e", "e2", "f", "g"));

  EXPECT_FALSE(acks[0].has_error());
  EXPECT_EQ(acks[0].sequence(), 1u);
  EXPECT_EQ(acks[1].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(acks[1].error().message(), HasSubstr("document.text"));
  EXPECT_TRUE(acks[1].document_id().empty());
  EXPECT_EQ(acks[2].sequence(), 2u);
  EXPECT_TRUE(acks[3].duplicate());
  EXPECT_EQ(acks[3].sequence(), 1u);
  EXPECT_EQ(acks[3].document_id(), acks[0].document_id());
  EXPECT_EQ(acks[4].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(acks[4].error().message(), HasSubstr("document.text: invalid UTF-8 at byte offset 4"));
  EXPECT_EQ(acks[5].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(acks[5].error().message(), HasSubstr("NUL byte at byte offset 4"));
  EXPECT_EQ(acks[6].error().code(), static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_EQ(acks[7].sequence(), 3u);
  EXPECT_FALSE(acks[7].has_error());
  EXPECT_EQ(server_->store()->last_sequence(), 3u);
}

TEST_F(IngestServiceTest, DocumentsThatArriveTogetherAreCommittedInOrderAndAcknowledgedOnceDurable) {
  constexpr int kDocuments = 300;
  grpc::ClientContext context;
  SetDeadline(&context);
  auto stream = stub_->IngestDocuments(&context);
  for (int i = 1; i <= kDocuments; ++i) {
    ASSERT_TRUE(stream->Write(Request(absl::StrCat("Article number ", i, "."), absl::StrCat("t", i))));
  }
  ASSERT_TRUE(stream->WritesDone());
  for (int i = 1; i <= kDocuments; ++i) {
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(stream->Read(&ack)) << i;
    EXPECT_EQ(ack.client_tag(), absl::StrCat("t", i));
    EXPECT_EQ(ack.sequence(), static_cast<uint64_t>(i));
    // Acknowledged means durable: the store already has it.
    EXPECT_GE(server_->store()->last_sequence(), ack.sequence());
  }
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(server_->store()->last_sequence(), static_cast<uint64_t>(kDocuments));
}

TEST_F(IngestServiceTest, EachBulkAcknowledgementArrivesBeforeTheNextDocumentIsSent) {
  grpc::ClientContext context;
  SetDeadline(&context);
  auto stream = stub_->IngestDocuments(&context);
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(stream->Write(Request(absl::StrCat("Article ", i, "."))));
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(stream->Read(&ack));
    EXPECT_EQ(ack.sequence(), static_cast<uint64_t>(i));
    // Acknowledged means durable: the store already has it.
    EXPECT_EQ(server_->store()->last_sequence(), static_cast<uint64_t>(i));
  }
  ASSERT_TRUE(stream->WritesDone());
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(IngestServiceTest, StreamChangesDeliversTheBacklogThenALiveChange) {
  IngestServiceOptions options;
  options.stream_batch_size = 2;  // The backlog takes several reads of the log.
  RestartServer(options);
  for (int i = 1; i <= 5; ++i) Ingest(absl::StrCat("Backlog article ", i, "."));

  grpc::ClientContext context;
  SetDeadline(&context);
  v1::StreamChangesRequest request;
  request.set_after_sequence(1);
  auto reader = stub_->StreamChanges(&context, request);
  std::vector<uint64_t> sequences;
  v1::Change change;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(reader->Read(&change));
    sequences.push_back(change.sequence());
  }
  EXPECT_THAT(sequences, ::testing::ElementsAre(2, 3, 4, 5));

  const v1::IngestDocumentResponse live = Ingest("A live article.");
  ASSERT_TRUE(reader->Read(&change));
  EXPECT_EQ(change.sequence(), 6u);
  EXPECT_EQ(change.document().document_id(), live.document_id());
  context.TryCancel();
}

TEST_F(IngestServiceTest, HeartbeatsOnceCaughtUpAndThenEveryIdleInterval) {
  Ingest("One.");
  Ingest("Two.");
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::StreamChangesRequest request;
  request.set_after_sequence(2);
  request.set_heartbeat_seconds(1);
  auto reader = stub_->StreamChanges(&context, request);
  v1::Change change;
  // The stream starts caught up: it says so at once, so a follower need not
  // wait an interval to learn it has everything.
  ASSERT_TRUE(reader->Read(&change));
  EXPECT_TRUE(change.heartbeat());
  EXPECT_EQ(change.sequence(), 2u);
  const absl::Time first = absl::Now();
  ASSERT_TRUE(reader->Read(&change));  // And again once it has been idle an interval.
  EXPECT_TRUE(change.heartbeat());
  EXPECT_EQ(change.sequence(), 2u);
  EXPECT_GE(absl::Now() - first, absl::Milliseconds(900));
  context.TryCancel();
}

TEST_F(IngestServiceTest, NegativeHeartbeatIsInvalidArgument) {
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::StreamChangesRequest request;
  request.set_heartbeat_seconds(-1);
  auto reader = stub_->StreamChanges(&context, request);
  v1::Change change;
  EXPECT_FALSE(reader->Read(&change));
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("heartbeat_seconds"));
}

TEST_F(IngestServiceTest, ShutdownEndsAWaitingStreamWithUnavailable) {
  grpc::ClientContext context;
  SetDeadline(&context);
  auto reader = stub_->StreamChanges(&context, v1::StreamChangesRequest());
  // Let the stream reach its wait before shutting down.
  absl::SleepFor(absl::Milliseconds(200));
  std::thread stopper([this] { server_->Shutdown(); });
  v1::Change change;
  EXPECT_FALSE(reader->Read(&change));
  const grpc::Status status = reader->Finish();
  stopper.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("shutting down"));
}

TEST_F(IngestServiceTest, HealthReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  for (const std::string service : {"", "alliance.v1.IngestService"}) {
    grpc::health::v1::HealthCheckResponse::ServingStatus serving = grpc::health::v1::HealthCheckResponse::UNKNOWN;
    const grpc::Status status = alliance::testing::CheckHealth(health.get(), service, kCallTimeout, &serving);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(serving, grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
}

TEST_F(IngestServiceTest, ConcurrentIngestsGetGaplessSequences) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5;
  std::vector<std::thread> threads;
  std::vector<std::vector<uint64_t>> sequences(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        sequences[t].push_back(Ingest(absl::StrCat("Thread ", t, " article ", i, ".")).sequence());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<uint64_t> all;
  for (const auto& s : sequences) all.insert(all.end(), s.begin(), s.end());
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i + 1);
}

// A server that requires the token "s3cret-token".
class IngestServiceTokenTest : public IngestServiceTest {
 protected:
  void SetUp() override {
    IngestServiceOptions options;
    options.authenticator = BearerTokenAuthenticator("s3cret-token");
    StartServer(options);
  }

  // Sets a deadline and, unless `token` is empty, the bearer token.
  static void Prepare(grpc::ClientContext* context, const std::string& token) {
    SetDeadline(context);
    if (!token.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }

  grpc::Status IngestWithToken(const std::string& token, v1::IngestDocumentResponse* response) {
    grpc::ClientContext context;
    Prepare(&context, token);
    return stub_->IngestDocument(&context, Request("The CSTO met in Minsk."), response);
  }

  grpc::Status BulkWithToken(const std::string& token) {
    grpc::ClientContext context;
    Prepare(&context, token);
    auto stream = stub_->IngestDocuments(&context);
    stream->Write(Request("A bulk article."));
    stream->WritesDone();
    v1::IngestDocumentResponse ack;
    while (stream->Read(&ack)) {
    }
    return stream->Finish();
  }

  grpc::Status StreamWithToken(const std::string& token, v1::Change* first) {
    grpc::ClientContext context;
    Prepare(&context, token);
    auto reader = stub_->StreamChanges(&context, v1::StreamChangesRequest());
    if (reader->Read(first)) {
      context.TryCancel();
      return grpc::Status::OK;
    }
    return reader->Finish();
  }
};

TEST_F(IngestServiceTokenTest, CallsWithoutTheTokenAreUnauthenticatedAndStoreNothing) {
  v1::IngestDocumentResponse response;
  grpc::Status status = IngestWithToken("", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("authorization"));
  status = BulkWithToken("");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("authorization"));
  v1::Change change;
  status = StreamWithToken("", &change);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(server_->store()->last_sequence(), 0u);
}

TEST_F(IngestServiceTokenTest, CallsWithAWrongTokenAreUnauthenticatedAndStoreNothing) {
  v1::IngestDocumentResponse response;
  grpc::Status status = IngestWithToken("s3cret-tokeN", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("authorization"));
  EXPECT_EQ(BulkWithToken("wrong").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::Change change;
  EXPECT_EQ(StreamWithToken("s3cret-token-and-more", &change).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(server_->store()->last_sequence(), 0u);
}

TEST_F(IngestServiceTokenTest, CallsWithTheTokenSucceed) {
  v1::IngestDocumentResponse response;
  const grpc::Status status = IngestWithToken("s3cret-token", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.sequence(), 1u);
  EXPECT_TRUE(BulkWithToken("s3cret-token").ok());
  v1::Change change;
  ASSERT_TRUE(StreamWithToken("s3cret-token", &change).ok());
  EXPECT_EQ(change.sequence(), 1u);
  EXPECT_EQ(server_->store()->last_sequence(), 2u);
}

TEST_F(IngestServiceTokenTest, HealthStaysOpen) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  SetDeadline(&context);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = health->Check(&context, grpc::health::v1::HealthCheckRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(IngestServiceTest, StreamsOverTheCapAreResourceExhaustedUntilOneCloses) {
  IngestServiceOptions options;
  options.max_streams = 2;
  RestartServer(options);
  Ingest("One.");
  auto open_stream = [this](grpc::ClientContext* context, v1::Change* first) {
    SetDeadline(context);
    auto reader = stub_->StreamChanges(context, v1::StreamChangesRequest());
    const bool read = reader->Read(first);
    return std::make_pair(read, std::move(reader));
  };
  grpc::ClientContext first_context, second_context;
  v1::Change change;
  auto first = open_stream(&first_context, &change);
  ASSERT_TRUE(first.first);
  auto second = open_stream(&second_context, &change);
  ASSERT_TRUE(second.first);

  {
    grpc::ClientContext third_context;
    auto third = open_stream(&third_context, &change);
    EXPECT_FALSE(third.first);
    const grpc::Status status = third.second->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(status.error_message(), HasSubstr("max_streams"));
  }

  // Closing a stream frees its slot (the server notices within its poll interval).
  first_context.TryCancel();
  first.second->Finish();
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  bool reopened = false;
  while (!reopened && absl::Now() < deadline) {
    grpc::ClientContext again_context;
    auto again = open_stream(&again_context, &change);
    reopened = again.first;
    again_context.TryCancel();
    again.second->Finish();
    if (!reopened) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(reopened);
  second_context.TryCancel();
  second.second->Finish();
}

}  // namespace
}  // namespace alliance::ingest
