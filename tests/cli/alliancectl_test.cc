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
#include "alliance/v1/query_service.grpc.pb.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"
#include "tests/cli/run_alliancectl.h"
#include "tests/testing/subprocess.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;

// Lists two members on a single page (fake_services.h's FakeQueryService pages
// through four) and records the last request. Thread-safe.
class OnePageQueryService final : public v1::QueryService::Service {
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

using Result = AlliancectlResult;

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
  OnePageQueryService service;
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartServer(&service, &port);
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

TEST(Alliancectl, SendsKnownAsOfTimeAsUnixSeconds) {
  OnePageQueryService service;
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartServer(&service, &port);
  ASSERT_GT(port, 0);
  const Result result = RunAlliancectl(
      {"members", "--known-as-of-time", "2031-03-04T08:06:07+03:00", "--query", absl::StrCat("127.0.0.1:", port)});
  server->Shutdown();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(service.last_request().known_as_of_unix(), 1930367167);
  EXPECT_EQ(service.last_request().known_as_of_sequence(), 0u);
}

TEST(Alliancectl, RefusesKnownAsOfTogetherWithKnownAsOfTimeOrAnUnreadableTime) {
  const Result both = RunAlliancectl({"members", "--known-as-of=3", "--known-as-of-time=1930360000"});
  EXPECT_EQ(both.exit_code, 1);
  EXPECT_THAT(both.output, HasSubstr("alliancectl: --known-as-of and --known-as-of-time: give one or neither"));
  const Result unreadable = RunAlliancectl({"members", "--known-as-of-time=last tuesday"});
  EXPECT_EQ(unreadable.exit_code, 1);
  EXPECT_THAT(unreadable.output, HasSubstr("alliancectl: --known-as-of-time: \"last tuesday\""));
}

TEST(Alliancectl, RejectsABadEnvironmentValueNamingTheVariable) {
  const Result result = RunAlliancectl({"status"}, {{"ALLIANCE_TIMEOUT", "soon"}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("ALLIANCE_TIMEOUT"));
}

// A FakeIngestService on a loopback port, and an article for alliancectl to
// send it in a fresh temporary directory. Stops the server on destruction.
// Thread-compatible.
class ServedIngest {
 public:
  // Names the temporary directory after `temp_dir_prefix`.
  explicit ServedIngest(const std::string& temp_dir_prefix)
      : dir_(testing::MakeTempDir(temp_dir_prefix)), server_(StartServer(&service_, &port_)) {
    std::ofstream(Path("article.txt")) << "Armenia signed the treaty in 1992.";
  }
  ~ServedIngest() {
    if (server_ != nullptr) server_->Shutdown();
  }
  ServedIngest(const ServedIngest&) = delete;
  ServedIngest& operator=(const ServedIngest&) = delete;

  // Returns the path of `name` in the temporary directory.
  std::string Path(const std::string& name) const { return absl::StrCat(dir_, "/", name); }

  // Runs `alliancectl ingest` on the article against the server, with `env`.
  Result SendArticle(const std::map<std::string, std::string>& env) const {
    return RunAlliancectl({"ingest", Path("article.txt"), absl::StrCat("--ingest=127.0.0.1:", port_)}, env);
  }

  int port() const { return port_; }
  FakeIngestService& service() { return service_; }

 private:
  const std::string dir_;
  FakeIngestService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

TEST(Alliancectl, ReadsTheIngestTokenFromTheQueryServicesTokenFile) {
  ServedIngest ingest("alliancectl_token");
  ASSERT_GT(ingest.port(), 0);
  const std::string token_file = ingest.Path("token");
  std::ofstream(token_file) << "  s3cret \nignored\n";
  const Result result = ingest.SendArticle({{"ALLIANCE_INGEST_TOKEN_FILE", token_file}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(ingest.service().authorization(), "Bearer s3cret");
}

TEST(Alliancectl, TrimsATokenVariableAndPrefersTheTokenFileLikeTheServices) {
  ServedIngest ingest("alliancectl_token_env");
  ASSERT_GT(ingest.port(), 0);
  const std::string token_file = ingest.Path("token");
  std::ofstream(token_file) << "from-file\n";

  // A token from a Secret often ends with a newline.
  Result result = ingest.SendArticle({{"ALLIANCE_INGEST_TOKEN", "from-env\n"}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(ingest.service().authorization(), "Bearer from-env");

  result = ingest.SendArticle({{"ALLIANCE_INGEST_TOKEN", "from-env"}, {"ALLIANCE_INGEST_TOKEN_FILE", token_file}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(ingest.service().authorization(), "Bearer from-file");
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
