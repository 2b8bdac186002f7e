// QueryServiceImpl's guards, in process: the optional bearer token on every
// QueryService RPC, and the cap on concurrent Watch streams.
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/bearer_token.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "query-service/query_service_impl.h"
#include "tests/query-service/loopback_query_server.h"
#include "tests/query-service/test_changes.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::SampleLog;
using ::testing::HasSubstr;

constexpr char kToken[] = "query-s3cret";

class QueryAccessTest : public testing::LoopbackQueryServiceTest {
 protected:
  QueryAccessTest() : LoopbackQueryServiceTest("query_access_test") {}

  void Start(QueryServiceOptions options) { StartService(FactStoreOptions(), options); }

  // Sets a deadline and, unless `token` is empty, the bearer token.
  static void Prepare(grpc::ClientContext* context, const std::string& token) {
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }

  grpc::Status ListMembers(const std::string& token) {
    grpc::ClientContext context;
    Prepare(&context, token);
    v1::ListMembersResponse response;
    return stub_->ListMembers(&context, v1::ListMembersRequest(), &response);
  }

  grpc::Status GetStatus(const std::string& token) {
    grpc::ClientContext context;
    Prepare(&context, token);
    v1::GetStatusResponse response;
    return stub_->GetStatus(&context, v1::GetStatusRequest(), &response);
  }

  // Opens a Watch; returns OK when its first message arrived, else its status.
  grpc::Status WatchFirst(grpc::ClientContext* context, const std::string& token,
                          std::unique_ptr<grpc::ClientReader<v1::WatchResponse>>* reader) {
    Prepare(context, token);
    *reader = stub_->Watch(context, v1::WatchRequest());
    v1::WatchResponse response;
    if ((*reader)->Read(&response)) return grpc::Status::OK;
    return (*reader)->Finish();
  }
};

TEST_F(QueryAccessTest, WithoutAConfiguredTokenQueriesAreOpen) {
  Start(QueryServiceOptions());
  EXPECT_TRUE(ListMembers("").ok());
  EXPECT_TRUE(ListMembers("anything").ok());
}

TEST_F(QueryAccessTest, WithATokenEveryRpcRequiresIt) {
  QueryServiceOptions options;
  options.authenticator = BearerTokenAuthenticator(kToken);
  Start(options);

  grpc::Status status = ListMembers("");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("authorization"));
  EXPECT_EQ(ListMembers("query-s3creT").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(GetStatus("").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader;
    EXPECT_EQ(WatchFirst(&context, "", &reader).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }

  EXPECT_TRUE(ListMembers(kToken).ok());
  EXPECT_TRUE(GetStatus(kToken).ok());
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader;
  EXPECT_TRUE(WatchFirst(&context, kToken, &reader).ok());
  context.TryCancel();
  reader->Finish();
}

TEST_F(QueryAccessTest, WatchesOverTheCapAreResourceExhaustedUntilOneCloses) {
  QueryServiceOptions options;
  options.max_streams = 1;
  Start(options);

  grpc::ClientContext first_context;
  std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> first;
  ASSERT_TRUE(WatchFirst(&first_context, "", &first).ok());
  {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader;
    const grpc::Status status = WatchFirst(&context, "", &reader);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(status.error_message(), HasSubstr("max_streams"));
  }
  // Unary queries are not streams and are not capped.
  EXPECT_TRUE(ListMembers("").ok());

  first_context.TryCancel();
  first->Finish();
  bool reopened = false;
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!reopened && absl::Now() < deadline) {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader;
    reopened = WatchFirst(&context, "", &reader).ok();
    if (reopened) {
      context.TryCancel();
      reader->Finish();
    } else {
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  EXPECT_TRUE(reopened) << "a closed Watch frees its slot";
}

}  // namespace
}  // namespace alliance::query
