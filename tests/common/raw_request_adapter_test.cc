// The raw-request adapter, through a real gRPC server on loopback: unary calls
// answered on the callback thread or on their own, a server stream written by a
// blocking handler, a bidirectional stream read and written by one, requests
// that do not parse, and handlers released before their call ends.
#include "common/raw_request_adapter.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace alliance {
namespace {

using ::testing::HasSubstr;

// WithMethods applies the mixins outermost first, as written.
static_assert(std::is_same_v<WithMethods<v1::QueryService::Service, v1::QueryService::WithRawCallbackMethod_ListMembers,
                                         v1::QueryService::WithRawCallbackMethod_Watch>::type,
                             v1::QueryService::WithRawCallbackMethod_ListMembers<
                                 v1::QueryService::WithRawCallbackMethod_Watch<v1::QueryService::Service>>>);
static_assert(std::is_same_v<WithMethods<v1::QueryService::Service>::type, v1::QueryService::Service>);

// How many unary calls the own-thread test keeps waiting at once: more than
// gRPC's callback executor has threads on a small machine.
constexpr int kConcurrentBlockingCalls = 12;

// ListMembers answers with one member named after the request's organization,
// on the callback thread. ListConflicts blocks (own thread) until
// kConcurrentBlockingCalls calls wait together. Watch writes `count` responses
// (the request's after_sequence), then ends with the status its kinds name.
class TestQueryService final
    : public v1::QueryService::WithRawCallbackMethod_ListMembers<
          v1::QueryService::WithRawCallbackMethod_ListConflicts<
              v1::QueryService::WithRawCallbackMethod_Watch<v1::QueryService::Service>>> {
 public:
  grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override {
    return ServeUnary<v1::ListMembersRequest, v1::ListMembersResponse>(
        context, request, response, HandlerThread::kCallbackThread,
        [](const v1::ListMembersRequest& parsed, v1::ListMembersResponse* answer) {
          answer->add_members()->set_country(parsed.organization());
          return grpc::Status::OK;
        });
  }

  grpc::ServerUnaryReactor* ListConflicts(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override {
    return ServeUnary<v1::ListConflictsRequest, v1::ListConflictsResponse>(
        context, request, response, HandlerThread::kOwnThread,
        [this](const v1::ListConflictsRequest&, v1::ListConflictsResponse* answer) {
          absl::MutexLock lock(&mu_);
          ++waiting_;
          auto all_here = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return waiting_ >= kConcurrentBlockingCalls; };
          if (!mu_.AwaitWithTimeout(absl::Condition(&all_here), absl::Seconds(20))) {
            return grpc::Status(grpc::StatusCode::ABORTED, "the calls did not run at once");
          }
          answer->set_next_page_token("together");
          return grpc::Status::OK;
        });
  }

  grpc::ServerWriteReactor<grpc::ByteBuffer>* Watch(grpc::CallbackServerContext* context,
                                                    const grpc::ByteBuffer* request) override {
    return new BlockingWriteReactor<v1::WatchRequest, v1::WatchResponse>(
        request, [this, context, held = held_](const v1::WatchRequest& parsed, MessageWriter<v1::WatchResponse>* writer) {
          for (uint64_t i = 1; i <= parsed.after_sequence(); ++i) {
            v1::WatchResponse out;
            out.set_sequence(i);
            if (!writer->Write(out)) return grpc::Status(grpc::StatusCode::CANCELLED, "gone");
          }
          if (parsed.kinds_size() > 0 && parsed.kinds(0) == "forever") {
            // Writes until the client goes away; says whether Write noticed.
            v1::WatchResponse out;
            while (writer->Write(out)) {
              if (context->IsCancelled()) break;
            }
            write_failed_after_cancel_.Notify();
            return grpc::Status(grpc::StatusCode::CANCELLED, "gone");
          }
          if (parsed.kinds_size() > 0) return grpc::Status(grpc::StatusCode::NOT_FOUND, parsed.kinds(0));
          return grpc::Status::OK;
        });
  }

  // Held by every Watch handler while it lives.
  std::shared_ptr<int> held_ = std::make_shared<int>(0);
  absl::Notification write_failed_after_cancel_;

 private:
  absl::Mutex mu_;
  int waiting_ ABSL_GUARDED_BY(mu_) = 0;
};

// IngestDocuments acknowledges each request with its client tag, or with the
// parse error of a request that does not parse, taking them two at a time from
// an inbox that reads at most three ahead.
class TestIngestService final
    : public v1::IngestService::WithRawCallbackMethod_IngestDocuments<v1::IngestService::Service> {
 public:
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IngestDocuments(
      grpc::CallbackServerContext*) override {
    StreamLimits limits;
    limits.read_ahead_messages = 3;  // small, so reading stops and resumes
    limits.queued_writes = 2;
    return new BlockingBidiReactor<v1::IngestDocumentResponse>(
        limits, [](MessageInbox* inbox, MessageWriter<v1::IngestDocumentResponse>* writer) {
          std::vector<grpc::ByteBuffer> taken;
          while (inbox->Take(2, &taken)) {
            if (taken.size() > 2) return grpc::Status(grpc::StatusCode::INTERNAL, "took more than asked");
            for (const grpc::ByteBuffer& message : taken) {
              absl::StatusOr<v1::IngestDocumentRequest> request = ParseRequest<v1::IngestDocumentRequest>(message);
              v1::IngestDocumentResponse ack;
              if (request.ok()) {
                ack.set_client_tag(request->client_tag());
              } else {
                ack.mutable_error()->set_message(std::string(request.status().message()));
              }
              if (!writer->Write(ack)) return grpc::Status(grpc::StatusCode::CANCELLED, "gone");
            }
          }
          return grpc::Status::OK;
        });
  }
};

class RawRequestAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&query_);
    builder.RegisterService(&ingest_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
    query_stub_ = v1::QueryService::NewStub(channel_);
    ingest_stub_ = v1::IngestService::NewStub(channel_);
  }

  void TearDown() override {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  }

  // A generic call of `method` with raw request bytes, as a client in a
  // language that does not check UTF-8 would send them.
  grpc::Status CallRaw(const std::string& method, const std::string& wire, grpc::ByteBuffer* response) {
    grpc::GenericStub generic(channel_);
    grpc::ClientContext context;
    grpc::Slice slice(wire);
    grpc::ByteBuffer request(&slice, 1);
    absl::Notification done;
    grpc::Status status;
    generic.UnaryCall(&context, method, grpc::StubOptions(), &request, response, [&](grpc::Status s) {
      status = std::move(s);
      done.Notify();
    });
    done.WaitForNotification();
    return status;
  }

  TestQueryService query_;
  TestIngestService ingest_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::QueryService::Stub> query_stub_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
};

TEST_F(RawRequestAdapterTest, AUnaryCallIsAnsweredFromItsParsedRequest) {
  grpc::ClientContext context;
  v1::ListMembersRequest request;
  request.set_organization("RURITANIA");
  v1::ListMembersResponse response;
  const grpc::Status status = query_stub_->ListMembers(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.members_size(), 1);
  EXPECT_EQ(response.members(0).country(), "RURITANIA");
}

TEST_F(RawRequestAdapterTest, AStringThatIsNotUtf8IsInvalidArgumentNamingTheField) {
  v1::ListMembersRequest request;
  request.set_organization("RUR\xff");
  grpc::ByteBuffer response;
  const grpc::Status status = CallRaw("/alliance.v1.QueryService/ListMembers", request.SerializeAsString(), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "organization: invalid UTF-8 at byte offset 3");
}

TEST_F(RawRequestAdapterTest, BlockingUnaryHandlersRunAtOnceOnThreadsOfTheirOwn) {
  std::vector<std::thread> clients;
  std::vector<grpc::Status> statuses(kConcurrentBlockingCalls);
  std::vector<v1::ListConflictsResponse> responses(kConcurrentBlockingCalls);
  for (int i = 0; i < kConcurrentBlockingCalls; ++i) {
    clients.emplace_back([&, i] {
      grpc::ClientContext context;
      statuses[i] = query_stub_->ListConflicts(&context, v1::ListConflictsRequest(), &responses[i]);
    });
  }
  for (std::thread& client : clients) client.join();
  for (int i = 0; i < kConcurrentBlockingCalls; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    EXPECT_EQ(responses[i].next_page_token(), "together");
  }
}

TEST_F(RawRequestAdapterTest, AServerStreamDeliversEveryWriteAndTheHandlersStatus) {
  grpc::ClientContext context;
  v1::WatchRequest request;
  request.set_after_sequence(50);
  request.add_kinds("the end");
  std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader = query_stub_->Watch(&context, request);
  std::vector<uint64_t> sequences;
  v1::WatchResponse response;
  while (reader->Read(&response)) sequences.push_back(response.sequence());
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "the end");
  ASSERT_EQ(sequences.size(), 50u);
  for (size_t i = 0; i < sequences.size(); ++i) EXPECT_EQ(sequences[i], i + 1);
}

TEST_F(RawRequestAdapterTest, AServerStreamRequestThatDoesNotParseEndsTheStreamNamingTheField) {
  v1::WatchRequest request;
  request.set_organization("\xc0");
  grpc::GenericStub generic(channel_);
  grpc::ClientContext context;
  const std::string wire = request.SerializeAsString();
  grpc::Slice slice(wire);
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      generic.PrepareCall(&context, "/alliance.v1.QueryService/Watch", &cq);
  void* tag = nullptr;
  bool ok = false;
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(cq.Next(&tag, &ok));
  grpc::ByteBuffer buffer(&slice, 1);
  call->WriteLast(buffer, grpc::WriteOptions(), reinterpret_cast<void*>(2));
  ASSERT_TRUE(cq.Next(&tag, &ok));
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(3));
  ASSERT_TRUE(cq.Next(&tag, &ok));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "organization: invalid UTF-8 at byte offset 0");
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

TEST_F(RawRequestAdapterTest, AWriteFailsOnceTheClientCancels) {
  grpc::ClientContext context;
  v1::WatchRequest request;
  request.add_kinds("forever");
  std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader = query_stub_->Watch(&context, request);
  v1::WatchResponse response;
  ASSERT_TRUE(reader->Read(&response));
  context.TryCancel();
  EXPECT_TRUE(query_.write_failed_after_cancel_.WaitForNotificationWithTimeout(absl::Seconds(20)));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(RawRequestAdapterTest, ABidiStreamIsReadAndWrittenByItsHandler) {
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<v1::IngestDocumentRequest, v1::IngestDocumentResponse>> stream =
      ingest_stub_->IngestDocuments(&context);
  constexpr int kRequests = 200;
  for (int i = 0; i < kRequests; ++i) {
    v1::IngestDocumentRequest request;
    request.set_client_tag("tag-" + std::to_string(i));
    request.mutable_document()->set_text(i == 7 ? "bad \xff text" : "text");
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::IngestDocumentResponse> acks;
  v1::IngestDocumentResponse ack;
  while (stream->Read(&ack)) acks.push_back(ack);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(acks.size(), static_cast<size_t>(kRequests));
  for (int i = 0; i < kRequests; ++i) {
    if (i == 7) {
      EXPECT_THAT(acks[i].error().message(), HasSubstr("document.text: invalid UTF-8 at byte offset 4"));
    } else {
      EXPECT_EQ(acks[i].client_tag(), "tag-" + std::to_string(i));
    }
  }
}

TEST_F(RawRequestAdapterTest, StreamHandlersAreReleasedBeforeTheirCallEnds) {
  for (int i = 0; i < 20; ++i) {
    grpc::ClientContext context;
    v1::WatchRequest request;
    request.set_after_sequence(1);
    std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader = query_stub_->Watch(&context, request);
    v1::WatchResponse response;
    while (reader->Read(&response)) {
    }
    ASSERT_TRUE(reader->Finish().ok());
    // The stream's status arrived, so its handler (and what it held) is gone.
    EXPECT_EQ(query_.held_.use_count(), 1) << "after stream " << i;
  }
}

}  // namespace
}  // namespace alliance
