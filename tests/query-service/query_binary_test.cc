// The real query-service binary against an in-process fake ingest service:
// health follows catch-up, GetStatus reports progress, a kill -9 loses and
// doubles nothing, and SIGTERM exits 0.
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/query-service/fake_ingest.h"
#include "tests/query-service/test_changes.h"
#include "tests/testing/eventually.h"
#include "tests/testing/health_check.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::FakeIngestServer;
using ::alliance::query::testing::FakeIngestService;
using ::alliance::query::testing::SampleLog;
using ::alliance::query::testing::ScopedTempDir;
using ::alliance::testing::BinaryPath;
using ::alliance::testing::CheckHealth;
using ::alliance::testing::Eventually;
using ::alliance::testing::MakeTempDir;
using ::alliance::testing::Subprocess;
using ::alliance::testing::WaitForPortFile;
using HealthStatus = ::grpc::health::v1::HealthCheckResponse::ServingStatus;

constexpr absl::Duration kTimeout = absl::Seconds(30);

class QueryBinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_ = SampleLog();
    ASSERT_TRUE(ingest_server_.Start());
  }

  void TearDown() override {
    query_.Kill();
    if (HasFailure()) {
      std::ifstream in(log_path());
      std::stringstream text;
      text << in.rdbuf();
      std::cerr << "---- query-service log ----\n" << text.str() << "---- end of log ----\n";
    }
  }

  std::string log_path() const { return absl::StrCat(dir_.path(), "/query.log"); }

  // Starts the binary and waits for its port.
  // Later flags in `extra_flags` override the defaults above them.
  void StartQuery(const std::vector<std::string>& extra_flags = {}) {
    const std::string port_file = absl::StrCat(dir_.path(), "/query.port");
    std::remove(port_file.c_str());
    std::vector<std::string> argv = {BinaryPath("query-service/query-service"), "--listen=127.0.0.1:0",
                                     absl::StrCat("--port_file=", port_file), absl::StrCat("--db=", dir_.path(), "/db"),
                                     absl::StrCat("--ingest=", ingest_address_), "--heartbeat_seconds=1",
                                     "--shutdown_grace_seconds=2"};
    argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
    ASSERT_TRUE(query_.Start(argv, {}, log_path()).ok());
    absl::StatusOr<int> port = WaitForPortFile(port_file, kTimeout);
    ASSERT_TRUE(port.ok()) << port.status();
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", *port), grpc::InsecureChannelCredentials());
    query_stub_ = v1::QueryService::NewStub(channel);
    health_stub_ = grpc::health::v1::Health::NewStub(channel);
  }

  // Returns the service's serving status, UNKNOWN when the call fails.
  HealthStatus Health(const std::string& service) {
    HealthStatus serving = grpc::health::v1::HealthCheckResponse::UNKNOWN;
    if (!CheckHealth(health_stub_.get(), service, absl::Seconds(2), &serving).ok()) {
      return grpc::health::v1::HealthCheckResponse::UNKNOWN;
    }
    return serving;
  }

  absl::StatusOr<v1::GetStatusResponse> Status() {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::GetStatusResponse response;
    grpc::Status status = query_stub_->GetStatus(&context, v1::GetStatusRequest(), &response);
    if (!status.ok()) return absl::UnavailableError(status.error_message());
    return response;
  }

  // Waits until the service has applied `sequence` and caught up.
  absl::StatusOr<v1::GetStatusResponse> WaitForApplied(uint64_t sequence) {
    absl::StatusOr<v1::GetStatusResponse> last;
    const bool reached = Eventually([&] {
      last = Status();
      return last.ok() && last->caught_up() && last->applied_sequence() >= sequence;
    }, kTimeout);
    if (!reached) return absl::DeadlineExceededError(absl::StrCat("not caught up to ", sequence));
    return last;
  }

  // Sends SIGTERM and returns the exit code (-1 when it did not exit normally).
  int Terminate() {
    if (!query_.Signal(SIGTERM).ok()) return -1;
    absl::StatusOr<int> status = query_.Wait(absl::Seconds(20));
    if (!status.ok() || !WIFEXITED(*status)) return -1;
    return WEXITSTATUS(*status);
  }

  std::vector<v1::Change> log_;
  ScopedTempDir dir_{MakeTempDir("query_binary_test")};
  FakeIngestService ingest_;
  FakeIngestServer ingest_server_{&ingest_};
  std::string ingest_address_ = "";
  Subprocess query_;
  std::unique_ptr<v1::QueryService::Stub> query_stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_stub_;
};

TEST_F(QueryBinaryTest, HealthBecomesServingOnlyAfterCatchingUp) {
  // The ingest service is down at first: the query service must not claim to serve.
  const int ingest_port = ingest_server_.port();
  ingest_address_ = ingest_server_.address();
  ingest_server_.Stop();
  ingest_.Append(log_);
  StartQuery();
  ASSERT_TRUE(Eventually([&] { return Health("") != grpc::health::v1::HealthCheckResponse::UNKNOWN; }, kTimeout));
  absl::SleepFor(absl::Seconds(1));
  EXPECT_EQ(Health(""), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(Health("alliance.v1.QueryService"), grpc::health::v1::HealthCheckResponse::NOT_SERVING);

  ASSERT_TRUE(ingest_server_.Start(ingest_port));

  EXPECT_TRUE(Eventually([&] { return Health("") == grpc::health::v1::HealthCheckResponse::SERVING; }, kTimeout));
  EXPECT_EQ(Health("alliance.v1.QueryService"), grpc::health::v1::HealthCheckResponse::SERVING);
  absl::StatusOr<v1::GetStatusResponse> status = Status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->applied_sequence(), log_.size());
}

TEST_F(QueryBinaryTest, GetStatusShowsTheAppliedSequence) {
  ingest_address_ = ingest_server_.address();
  ingest_.Append(log_);
  StartQuery();

  absl::StatusOr<v1::GetStatusResponse> status = WaitForApplied(log_.size());

  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(status->applied_sequence(), log_.size());
  EXPECT_EQ(status->documents(), static_cast<int64_t>(log_.size()));
  EXPECT_GT(status->facts(), 0);
  EXPECT_EQ(status->state_digest().size(), 64u);
  EXPECT_TRUE(status->caught_up());
  EXPECT_TRUE(status->connected());
  EXPECT_EQ(status->ingest_sequence(), log_.size());
  EXPECT_EQ(Terminate(), 0);
}

TEST_F(QueryBinaryTest, KillNineThenRestartKeepsStateAndDoublesNothing) {
  ingest_address_ = ingest_server_.address();
  ingest_.Append({log_.begin(), log_.begin() + 6});
  StartQuery();
  absl::StatusOr<v1::GetStatusResponse> before = WaitForApplied(6);
  ASSERT_TRUE(before.ok()) << before.status();

  query_.Kill();
  StartQuery();
  absl::StatusOr<v1::GetStatusResponse> after = WaitForApplied(6);

  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->applied_sequence(), before->applied_sequence());
  EXPECT_EQ(after->state_digest(), before->state_digest());
  EXPECT_EQ(after->documents(), before->documents());
  EXPECT_EQ(after->facts(), before->facts());

  ingest_.Append({log_.begin() + 6, log_.end()});
  absl::StatusOr<v1::GetStatusResponse> all = WaitForApplied(log_.size());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->documents(), static_cast<int64_t>(log_.size()));
  const std::vector<uint64_t> requests = ingest_.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_EQ(requests.back(), 6u) << "the restarted service resumes after its applied sequence";
}

TEST_F(QueryBinaryTest, SigtermWithAnOpenWatchExitsZero) {
  ingest_address_ = ingest_server_.address();
  ingest_.Append(log_);
  StartQuery();
  ASSERT_TRUE(WaitForApplied(log_.size()).ok());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto reader = query_stub_->Watch(&context, v1::WatchRequest());
  v1::WatchResponse response;
  ASSERT_TRUE(reader->Read(&response));

  const absl::Time start = absl::Now();
  EXPECT_EQ(Terminate(), 0);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  while (reader->Read(&response)) {
  }
  EXPECT_FALSE(reader->Finish().ok());
}

// A client that keeps its channel open between calls (every long-lived
// client does) must not hold a stop for the whole grace period: with nothing
// in flight the service closes at once.
TEST_F(QueryBinaryTest, SigtermWithAConnectedIdleClientStopsWithoutWaitingOutTheGrace) {
  ingest_address_ = ingest_server_.address();
  ingest_.Append(log_);
  StartQuery({"--shutdown_grace_seconds=30"});
  ASSERT_TRUE(WaitForApplied(log_.size()).ok());
  // The idle client lives in a process of its own: this one serves the fake
  // ingest service, whose threads would read the service's goodbye at once.
  absl::StatusOr<int> port = WaitForPortFile(absl::StrCat(dir_.path(), "/query.port"), kTimeout);
  ASSERT_TRUE(port.ok()) << port.status();
  const std::string ready_file = absl::StrCat(dir_.path(), "/client.ready");
  Subprocess client;
  ASSERT_TRUE(client
                  .Start({BinaryPath("tests/query-service/idle_query_client"), absl::StrCat("127.0.0.1:", *port),
                          ready_file},
                         {}, absl::StrCat(dir_.path(), "/client.log"))
                  .ok());
  ASSERT_TRUE(Eventually([&] { return std::ifstream(ready_file).good(); }, kTimeout));

  const absl::Time start = absl::Now();
  EXPECT_EQ(Terminate(), 0);
  // Waiting for the idle client took about 5 s (its channel's poll interval).
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
}

TEST_F(QueryBinaryTest, RefusesToStartWithoutDb) {
  Subprocess process;
  ASSERT_TRUE(process.Start({BinaryPath("query-service/query-service"), "--listen=127.0.0.1:0"}, {}, log_path()).ok());
  absl::StatusOr<int> status = process.Wait(absl::Seconds(20));
  ASSERT_TRUE(status.ok());
  ASSERT_TRUE(WIFEXITED(*status));
  EXPECT_NE(WEXITSTATUS(*status), 0);
}

TEST_F(QueryBinaryTest, RefusesMemoryAndEvidenceSettingsOutOfRange) {
  for (const char* bad :
       {"--block_cache_mb=0", "--memtable_mb=0", "--max_evidence_per_fact=-1", "--malloc_arenas=-1"}) {
    Subprocess process;
    ASSERT_TRUE(process
                    .Start({BinaryPath("query-service/query-service"), "--listen=127.0.0.1:0",
                            "--db=" + dir_.path() + "/db", bad},
                           {}, log_path())
                    .ok());
    absl::StatusOr<int> status = process.Wait(absl::Seconds(20));
    ASSERT_TRUE(status.ok()) << bad;
    ASSERT_TRUE(WIFEXITED(*status)) << bad;
    EXPECT_EQ(WEXITSTATUS(*status), 2) << bad;
  }
}

}  // namespace
}  // namespace alliance::query
