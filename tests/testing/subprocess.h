// Starts and stops real service binaries for integration tests.
#ifndef ALLIANCE_TESTS_TESTING_SUBPROCESS_H_
#define ALLIANCE_TESTS_TESTING_SUBPROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace alliance::testing {

// A child process. The destructor kills it (SIGKILL) and reaps it if it is still
// running, so a failing test never leaves a process behind. Thread-compatible.
class Subprocess {
 public:
  Subprocess() = default;
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Starts `argv[0]` with `argv`, the current environment plus `extra_env`, and
  // stderr/stdout appended to `log_path` (when non-empty).
  absl::Status Start(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& extra_env = {},
                     const std::string& log_path = "");

  // Sends `signal_number` to the process.
  absl::Status Signal(int signal_number);

  // Waits up to `timeout` for the process to exit and returns its wait status
  // (as from waitpid). DEADLINE_EXCEEDED when it is still running.
  absl::StatusOr<int> Wait(absl::Duration timeout);

  // Sends SIGKILL and reaps the process.
  void Kill();

  // True between a successful Start and the process being reaped.
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

// Waits up to `timeout` for `path` to hold a port number (written by a service
// started with --port_file) and returns it.
absl::StatusOr<int> WaitForPortFile(const std::string& path, absl::Duration timeout);

// Returns a fresh empty directory under $TEST_TMPDIR or /tmp.
std::string MakeTempDir(const std::string& prefix);

// Returns the path of a built binary, e.g. BinaryPath("ingest-service/ingest-service").
std::string BinaryPath(const std::string& relative);

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_TESTING_SUBPROCESS_H_
