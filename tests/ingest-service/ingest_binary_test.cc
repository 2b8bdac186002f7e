// The real ingest-service binary: starts on a free port, reports SERVING, ingests,
// exits 0 on SIGTERM, keeps its data across a restart, and refuses to start
// without --db.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "tests/ingest-service/test_support.h"
#include "tests/testing/health_check.h"
#include "tests/testing/subprocess.h"

namespace alliance::ingest {
namespace {

using ::alliance::ingest::testing::ScopedTempDir;
using ::alliance::testing::BinaryPath;
using ::alliance::testing::CheckHealth;
using ::alliance::testing::Subprocess;
using ::alliance::testing::WaitForPortFile;

constexpr absl::Duration kStartTimeout = absl::Seconds(30);
constexpr absl::Duration kStopTimeout = absl::Seconds(10);

void SetDeadline(grpc::ClientContext* context, absl::Duration timeout = absl::Seconds(10)) {
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class IngestBinaryTest : public ::testing::Test {
 protected:
  // Starts the binary on the test's database and waits for its port.
  void Start(const std::map<std::string, std::string>& env = {},
             std::vector<std::string> flags = {}) {
    std::remove(port_file_.c_str());
    std::vector<std::string> argv = {BinaryPath("ingest-service/ingest-service"),
                                     "--listen=127.0.0.1:0",
                                     absl::StrCat("--port_file=", port_file_),
                                     absl::StrCat("--lexicon_dir=", ALLIANCE_SOURCE_DIR, "/data/lexicon")};
    if (env.count("ALLIANCE_DB") == 0) argv.push_back(absl::StrCat("--db=", db_));
    argv.insert(argv.end(), flags.begin(), flags.end());
    ASSERT_TRUE(process_.Start(argv, env, log_).ok());
    absl::StatusOr<int> port = WaitForPortFile(port_file_, kStartTimeout);
    ASSERT_TRUE(port.ok()) << port.status() << "\n" << ReadFile(log_);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials());
    stub_ = v1::IngestService::NewStub(channel_);
  }

  // Sends SIGTERM and returns the exit status, failing when it does not exit in time.
  int Stop() {
    EXPECT_TRUE(process_.Signal(SIGTERM).ok());
    absl::StatusOr<int> status = process_.Wait(kStopTimeout);
    EXPECT_TRUE(status.ok()) << "did not exit after SIGTERM: " << status.status();
    return status.ok() ? *status : -1;
  }

  grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& service) {
    auto health = grpc::health::v1::Health::NewStub(channel_);
    grpc::health::v1::HealthCheckResponse::ServingStatus serving = grpc::health::v1::HealthCheckResponse::UNKNOWN;
    const grpc::Status status = CheckHealth(health.get(), service, absl::Seconds(10), &serving);
    EXPECT_TRUE(status.ok()) << service << ": " << status.error_message();
    return serving;
  }

  v1::IngestDocumentResponse Ingest(const std::string& text) {
    grpc::ClientContext context;
    SetDeadline(&context, absl::Seconds(30));
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(text);
    request.mutable_document()->set_title("A test article");
    v1::IngestDocumentResponse response;
    const grpc::Status status = stub_->IngestDocument(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    return response;
  }

  ScopedTempDir dir_{"ingest_binary_test"};
  const std::string db_ = dir_.Child("db");
  const std::string port_file_ = dir_.Child("port");
  const std::string log_ = dir_.Child("ingest.log");
  Subprocess process_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

const char kArticle[] =
    "Kazakhstan asked the CSTO for help\n"
    "On 5 January 2022 President Tokayev asked the CSTO for assistance.";

TEST_F(IngestBinaryTest, ServesIngestsAndExitsCleanlyOnSigterm) {
  Start();
  EXPECT_EQ(Health(""), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_EQ(Health("alliance.v1.IngestService"), grpc::health::v1::HealthCheckResponse::SERVING);

  const v1::IngestDocumentResponse response = Ingest(kArticle);
  EXPECT_EQ(response.document_id().size(), 32u);
  EXPECT_EQ(response.sequence(), 1u);
  EXPECT_FALSE(response.duplicate());

  const absl::Time stop_started = absl::Now();
  const int status = Stop();
  EXPECT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0) << ReadFile(log_);
  EXPECT_LT(absl::Now() - stop_started, absl::Seconds(5));
}

TEST_F(IngestBinaryTest, SigtermEndsAnOpenChangeStream) {
  Start();
  grpc::ClientContext context;
  SetDeadline(&context, absl::Seconds(30));
  auto reader = stub_->StreamChanges(&context, v1::StreamChangesRequest());
  absl::SleepFor(absl::Milliseconds(200));  // Let the stream start waiting.

  const int status = Stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  v1::Change change;
  EXPECT_FALSE(reader->Read(&change));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(IngestBinaryTest, RestartOnTheSameDatabaseDetectsTheDuplicate) {
  Start();
  const v1::IngestDocumentResponse first = Ingest(kArticle);
  ASSERT_EQ(Stop(), 0);

  Start();
  const v1::IngestDocumentResponse again = Ingest(kArticle);
  EXPECT_TRUE(again.duplicate());
  EXPECT_EQ(again.document_id(), first.document_id());
  EXPECT_EQ(again.sequence(), first.sequence());
  const v1::IngestDocumentResponse next = Ingest("Another article about the CSTO.");
  EXPECT_EQ(next.sequence(), first.sequence() + 1);
  EXPECT_EQ(Stop(), 0);
}

TEST_F(IngestBinaryTest, TakesFlagsFromTheEnvironment) {
  Start({{"ALLIANCE_DB", db_}, {"ALLIANCE_MAX_DOCUMENT_BYTES", "100"}});
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text(std::string(101, 'a'));
  v1::IngestDocumentResponse response;
  EXPECT_EQ(stub_->IngestDocument(&context, request, &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Stop(), 0);
  EXPECT_NE(ReadFile(log_).find(db_), std::string::npos) << "the log should name the database";
}

TEST_F(IngestBinaryTest, RefusesToStartWithoutADatabase) {
  Subprocess process;
  ASSERT_TRUE(process.Start({BinaryPath("ingest-service/ingest-service"), "--listen=127.0.0.1:0"},
                            {}, log_)
                  .ok());
  absl::StatusOr<int> status = process.Wait(kStopTimeout);
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_NE(WEXITSTATUS(*status), 0);
  EXPECT_NE(ReadFile(log_).find("--db is required"), std::string::npos) << ReadFile(log_);
}

}  // namespace
}  // namespace alliance::ingest
