// Starts the real ingest-service and query-service binaries on loopback ports,
// each with its own RocksDB directory, for end-to-end tests.
#ifndef ALLIANCE_TESTS_E2E_LOCAL_CLUSTER_H_
#define ALLIANCE_TESTS_E2E_LOCAL_CLUSTER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "tests/testing/subprocess.h"

namespace alliance::testing {

// One ingest service and any number of query replicas following it. Owns the
// processes and their directories; the destructor kills what is still running.
// Thread-compatible.
class LocalCluster {
 public:
  LocalCluster();
  ~LocalCluster();
  LocalCluster(const LocalCluster&) = delete;
  LocalCluster& operator=(const LocalCluster&) = delete;

  // Starts the ingest service (reusing its database on a restart) and waits
  // until its health check says SERVING.
  absl::Status StartIngest(const std::vector<std::string>& extra_flags = {});
  // Starts query replica `replica` (0-based) following the ingest service and
  // waits until it accepts calls (not necessarily caught up).
  absl::Status StartQuery(int replica = 0, const std::vector<std::string>& extra_flags = {});

  // Sends SIGTERM and waits for the process; returns its exit code.
  absl::StatusOr<int> StopIngest();
  absl::StatusOr<int> StopQuery(int replica = 0);
  // SIGKILL, as a crash.
  void CrashIngest();
  void CrashQuery(int replica = 0);

  // Waits until replica `replica` reports caught_up and applied_sequence >= `sequence`.
  absl::StatusOr<v1::GetStatusResponse> WaitForApplied(uint64_t sequence, int replica = 0,
                                                       absl::Duration timeout = absl::Seconds(60));

  // Stubs on fresh channels to the running processes.
  std::unique_ptr<v1::IngestService::Stub> IngestStub() const;
  std::unique_ptr<v1::QueryService::Stub> QueryStub(int replica = 0) const;
  std::string ingest_address() const;
  std::string query_address(int replica = 0) const;
  bool query_running(int replica = 0) const;
  // Process ids (-1 when not running), e.g. to read /proc/<pid>/status.
  pid_t ingest_pid() const { return ingest_.process.pid(); }
  pid_t query_pid(int replica = 0) const;
  // The directory holding databases, port files and logs.
  const std::string& root() const { return root_; }

 private:
  struct Process {
    Subprocess process;
    int port = 0;
    std::string db;
    std::string port_file;
    std::string log;
  };
  Process& QueryProcess(int replica);

  std::string root_;
  Process ingest_;
  std::vector<std::unique_ptr<Process>> queries_;
};

// Returns the repository's source directory (data/, tests/ ...).
std::string SourcePath(const std::string& relative);

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_E2E_LOCAL_CLUSTER_H_
