// Runs the built alliancectl binary: flag spelling, environment variables and
// exit codes, which the in-process command tests do not cover.
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/cli/run_alliancectl.h"
#include "tests/testing/subprocess.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;

// Lists two members and records the last request. Thread-safe.
class FakeQueryService final : public v1::QueryService::Service {
 public:
  grpc::Status ListMembers(grpc::ServerContext*, const v1::ListMembersRequest* request,
                           v1::ListMembersResponse* response) override {
    std::lock_guard<std::mutex> lock(mu_);
    last_request_ = *request;
    for (const char* country : {"ARM", "KAZ"}) {
      v1::Member* member = response->add_members();
      member->set_country(country);
      member->set_status(v1::MEMBERSHIP_STATUS_MEMBER);
      *member->mutable_since() = MakeDate(1992);
    }
    return grpc::Status::OK;
  }

  v1::ListMembersRequest last_request() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_request_;
  }

 private:
  std::mutex mu_;
  v1::ListMembersRequest last_request_;
};

// Acknowledges every document and records the authorization header. Thread-safe.
class FakeIngestService final : public v1::IngestService::Service {
 public:
  grpc::Status IngestDocuments(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::IngestDocumentResponse, v1::IngestDocumentRequest>* stream) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = context->client_metadata().find("authorization");
      if (it != context->client_metadata().end()) authorization_.assign(it->second.data(), it->second.size());
    }
    v1::IngestDocumentRequest request;
    uint64_t sequence = 0;
    while (stream->Read(&request)) {
      v1::IngestDocumentResponse response;
      response.set_document_id("doc");
      response.set_sequence(++sequence);
      stream->Write(response);
    }
    return grpc::Status::OK;
  }

  std::string authorization() {
    std::lock_guard<std::mutex> lock(mu_);
    return authorization_;
  }

 private:
  std::mutex mu_;
  std::string authorization_;
};

using Result = AlliancectlResult;

// Serves `service` (not owned) on a loopback port, which it stores in `port`.
std::unique_ptr<grpc::Server> ServeOnLoopback(grpc::Service* service, int* port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

// Returns a loopback port on which nothing listens (a server's, just stopped).
int DeadPort() {
  FakeQueryService unused;
  int port = 0;
  std::unique_ptr<grpc::Server> server = ServeOnLoopback(&unused, &port);
  server->Shutdown();
  return port;
}

TEST(Alliancectl, PrintsUsageWithoutArguments) {
  const Result result = RunAlliancectl({});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.output, HasSubstr("Usage: alliancectl"));
}

TEST(Alliancectl, AcceptsDashedFlagNamesAndValidatesDates) {
  const Result result = RunAlliancectl({"members", "--as-of", "2005-13-01"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("alliancectl: --as-of: \"2005-13-01\""));
}

TEST(Alliancectl, TakesTheQueryAddressFromTheEnvironmentAndExitsTwoWhenUnreachable) {
  const int port = DeadPort();
  ASSERT_GT(port, 0);
  const Result result = RunAlliancectl({"status"}, {{"ALLIANCE_QUERY", absl::StrCat("127.0.0.1:", port)}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.output,
              HasSubstr(absl::StrCat("alliancectl: cannot reach the query service at 127.0.0.1:", port)));
}

TEST(Alliancectl, CommandLineFlagsWinOverTheEnvironment) {
  FakeQueryService service;
  int port = 0;
  std::unique_ptr<grpc::Server> server = ServeOnLoopback(&service, &port);
  ASSERT_GT(port, 0);
  const Result result = RunAlliancectl(
      {"members", "--observers", "--page-size", "2", "--timeout", "5s", "--query",
       absl::StrCat("127.0.0.1:", port)},
      {{"ALLIANCE_QUERY", "127.0.0.1:1"}, {"ALLIANCE_PAGE_SIZE", "7"}});
  server->Shutdown();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("ARM      MEMBER  1992\nKAZ      MEMBER  1992\n"));
  EXPECT_EQ(service.last_request().page_size(), 2);
  EXPECT_TRUE(service.last_request().include_observers());
}

TEST(Alliancectl, RejectsABadEnvironmentValueNamingTheVariable) {
  const Result result = RunAlliancectl({"status"}, {{"ALLIANCE_TIMEOUT", "soon"}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("ALLIANCE_TIMEOUT"));
}

TEST(Alliancectl, ReadsTheIngestTokenFromTheQueryServicesTokenFile) {
  FakeIngestService service;
  int port = 0;
  std::unique_ptr<grpc::Server> server = ServeOnLoopback(&service, &port);
  ASSERT_GT(port, 0);
  const std::string dir = testing::MakeTempDir("alliancectl_token");
  const std::string token_file = absl::StrCat(dir, "/token");
  std::ofstream(token_file) << "  s3cret \nignored\n";
  const std::string article = absl::StrCat(dir, "/article.txt");
  std::ofstream(article) << "Armenia signed the treaty in 1992.";
  const Result result = RunAlliancectl({"ingest", article, absl::StrCat("--ingest=127.0.0.1:", port)},
                                       {{"ALLIANCE_INGEST_TOKEN_FILE", token_file}});
  server->Shutdown();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(service.authorization(), "Bearer s3cret");
}

TEST(Alliancectl, TrimsATokenVariableAndPrefersTheTokenFileLikeTheServices) {
  FakeIngestService service;
  int port = 0;
  std::unique_ptr<grpc::Server> server = ServeOnLoopback(&service, &port);
  ASSERT_GT(port, 0);
  const std::string dir = testing::MakeTempDir("alliancectl_token_env");
  const std::string article = absl::StrCat(dir, "/article.txt");
  std::ofstream(article) << "Armenia signed the treaty in 1992.";
  const std::string token_file = absl::StrCat(dir, "/token");
  std::ofstream(token_file) << "from-file\n";

  // A token from a Secret often ends with a newline.
  Result result = RunAlliancectl({"ingest", article, absl::StrCat("--ingest=127.0.0.1:", port)},
                                 {{"ALLIANCE_INGEST_TOKEN", "from-env\n"}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(service.authorization(), "Bearer from-env");

  result = RunAlliancectl({"ingest", article, absl::StrCat("--ingest=127.0.0.1:", port)},
                          {{"ALLIANCE_INGEST_TOKEN", "from-env"}, {"ALLIANCE_INGEST_TOKEN_FILE", token_file}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(service.authorization(), "Bearer from-file");
  server->Shutdown();
}

TEST(Alliancectl, RefusesATokenThatCannotBeSentInAHeader) {
  const Result result = RunAlliancectl({"status", "--token=bad\x01token"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("--token: byte 3 of the token is not a visible ASCII character"));
}

TEST(Alliancectl, ReportsAnUnreadableTokenFile) {
  const Result result = RunAlliancectl({"status", "--token-file=/nonexistent/token"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("--token_file: cannot read a token from /nonexistent/token"));
}

}  // namespace
}  // namespace alliance::cli
