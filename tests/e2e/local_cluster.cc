#include "tests/e2e/local_cluster.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace alliance::testing {
namespace {

constexpr absl::Duration kStartTimeout = absl::Seconds(30);

absl::StatusOr<int> ExitCode(absl::StatusOr<int> wait_status) {
  if (!wait_status.ok()) return wait_status.status();
  if (WIFEXITED(*wait_status)) return WEXITSTATUS(*wait_status);
  if (WIFSIGNALED(*wait_status)) return 128 + WTERMSIG(*wait_status);
  return absl::InternalError("unexpected wait status");
}

}  // namespace

std::string SourcePath(const std::string& relative) {
  return absl::StrCat(ALLIANCE_SOURCE_DIR, "/", relative);
}

LocalCluster::LocalCluster() : root_(MakeTempDir("alliance-e2e-")) {
  ingest_.db = absl::StrCat(root_, "/ingest-db");
  ingest_.port_file = absl::StrCat(root_, "/ingest.port");
  ingest_.log = absl::StrCat(root_, "/ingest.log");
}

LocalCluster::~LocalCluster() {
  for (auto& query : queries_) query->process.Kill();
  ingest_.process.Kill();
  if (std::getenv("ALLIANCE_KEEP_TEST_DIRS") == nullptr && !root_.empty()) {
    const std::string command = absl::StrCat("rm -rf '", root_, "'");
    if (std::system(command.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", root_.c_str());
  }
}

absl::Status LocalCluster::StartIngest(const std::vector<std::string>& extra_flags) {
  std::remove(ingest_.port_file.c_str());
  // A restart comes back on the same address, as a real deployment would, so
  // that followers can reconnect.
  std::vector<std::string> argv = {BinaryPath("ingest-service/ingest-service"),
                                   absl::StrCat("--listen=127.0.0.1:", ingest_.port),
                                   absl::StrCat("--port_file=", ingest_.port_file),
                                   absl::StrCat("--db=", ingest_.db),
                                   absl::StrCat("--lexicon_dir=", SourcePath("data/lexicon"))};
  argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
  if (absl::Status started = ingest_.process.Start(argv, {}, ingest_.log); !started.ok()) return started;
  absl::StatusOr<int> port = WaitForPortFile(ingest_.port_file, kStartTimeout);
  if (!port.ok()) return port.status();
  ingest_.port = *port;

  // Serving once the health check says so.
  auto channel = grpc::CreateChannel(ingest_address(), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  const absl::Time deadline = absl::Now() + kStartTimeout;
  while (absl::Now() < deadline) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("ingest service never became SERVING");
}

LocalCluster::Process& LocalCluster::QueryProcess(int replica) {
  while (static_cast<int>(queries_.size()) <= replica) {
    auto process = std::make_unique<Process>();
    const int index = static_cast<int>(queries_.size());
    process->db = absl::StrCat(root_, "/query-db-", index);
    process->port_file = absl::StrCat(root_, "/query-", index, ".port");
    process->log = absl::StrCat(root_, "/query-", index, ".log");
    queries_.push_back(std::move(process));
  }
  return *queries_[replica];
}

absl::Status LocalCluster::StartQuery(int replica, const std::vector<std::string>& extra_flags) {
  Process& query = QueryProcess(replica);
  std::remove(query.port_file.c_str());
  std::vector<std::string> argv = {BinaryPath("query-service/query-service"),
                                   absl::StrCat("--listen=127.0.0.1:", query.port),
                                   absl::StrCat("--port_file=", query.port_file),
                                   absl::StrCat("--db=", query.db),
                                   absl::StrCat("--ingest=", ingest_address()),
                                   absl::StrCat("--lexicon_dir=", SourcePath("data/lexicon")),
                                   "--heartbeat_seconds=1"};
  argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
  if (absl::Status started = query.process.Start(argv, {}, query.log); !started.ok()) return started;
  absl::StatusOr<int> port = WaitForPortFile(query.port_file, kStartTimeout);
  if (!port.ok()) return port.status();
  query.port = *port;
  return absl::OkStatus();
}

absl::StatusOr<int> LocalCluster::StopIngest() {
  if (absl::Status s = ingest_.process.Signal(SIGTERM); !s.ok()) return s;
  return ExitCode(ingest_.process.Wait(absl::Seconds(20)));
}

absl::StatusOr<int> LocalCluster::StopQuery(int replica) {
  Process& query = QueryProcess(replica);
  if (absl::Status s = query.process.Signal(SIGTERM); !s.ok()) return s;
  return ExitCode(query.process.Wait(absl::Seconds(20)));
}

void LocalCluster::CrashIngest() { ingest_.process.Kill(); }
void LocalCluster::CrashQuery(int replica) { QueryProcess(replica).process.Kill(); }

absl::StatusOr<v1::GetStatusResponse> LocalCluster::WaitForApplied(uint64_t sequence, int replica,
                                                                   absl::Duration timeout) {
  auto stub = QueryStub(replica);
  const absl::Time deadline = absl::Now() + timeout;
  v1::GetStatusResponse last;
  while (absl::Now() < deadline) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    v1::GetStatusResponse response;
    if (stub->GetStatus(&context, v1::GetStatusRequest(), &response).ok()) {
      last = response;
      if (response.caught_up() && response.applied_sequence() >= sequence) return response;
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("query replica ", replica, " applied ", last.applied_sequence(), ", wanted ", sequence));
}

std::unique_ptr<v1::IngestService::Stub> LocalCluster::IngestStub() const {
  return v1::IngestService::NewStub(grpc::CreateChannel(ingest_address(), grpc::InsecureChannelCredentials()));
}

std::unique_ptr<v1::QueryService::Stub> LocalCluster::QueryStub(int replica) const {
  return v1::QueryService::NewStub(grpc::CreateChannel(query_address(replica), grpc::InsecureChannelCredentials()));
}

std::string LocalCluster::ingest_address() const { return absl::StrCat("127.0.0.1:", ingest_.port); }

std::string LocalCluster::query_address(int replica) const {
  return absl::StrCat("127.0.0.1:", queries_.at(replica)->port);
}

pid_t LocalCluster::query_pid(int replica) const {
  return replica < static_cast<int>(queries_.size()) ? queries_[replica]->process.pid() : -1;
}

bool LocalCluster::query_running(int replica) const {
  return replica < static_cast<int>(queries_.size()) && queries_[replica]->process.running();
}

}  // namespace alliance::testing
