// GrpcServerRunner: one running gRPC server as both services run theirs —
// listening on one address with the given credentials and message limit,
// carrying the given services plus gRPC's standard health and reflection
// services, and stopping in the order an orderly stop needs:
//
//   StopServing()   health answers NOT_SERVING from now on;
//   (the owner ends its own calls: its services refuse new work and it waits
//    for calls in flight, up to its grace period);
//   Close(deadline) gRPC cancels what is left at `deadline` and returns once
//                   every call has ended.
//
// Ownership: the runner owns the grpc::Server; the services it carries are
// not owned and must outlive Close() (or the runner). Thread-safe: health
// changes may come from any thread (after Close() they do nothing); the first
// Close() closes, later ones return at once.
#ifndef ALLIANCE_COMMON_GRPC_SERVER_RUNNER_H_
#define ALLIANCE_COMMON_GRPC_SERVER_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"

namespace alliance {

// What a GrpcServerRunner serves, and where.
struct GrpcServerSettings {
  // "HOST:PORT"; port 0 picks a free port (see GrpcServerRunner::port()).
  std::string listen_address;
  // Plaintext when null.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // Largest message received or sent, in bytes (> 0).
  int max_message_bytes = 8 << 20;
  // The services carried (not owned; not null). Not read by
  // CheckListenSettings().
  std::vector<grpc::Service*> services;
  // The name the health service reports besides the overall status "".
  std::string health_name;
  // Whether health reports SERVING from the start (else NOT_SERVING until
  // SetServing(true)).
  bool serving_at_start = true;
};

// Checks the address and the message limit of `settings`: INVALID_ARGUMENT
// naming the setting when either is bad. Start() runs it; a server that must
// open a store first can run it before, and fail before touching the store.
absl::Status CheckListenSettings(const GrpcServerSettings& settings);

class GrpcServerRunner {
 public:
  // Builds and starts the server. INVALID_ARGUMENT for bad settings (naming
  // the setting), UNAVAILABLE "listen: cannot serve on ADDRESS" when the
  // address cannot be bound, also when another server listens on it (gRPC's
  // default SO_REUSEPORT is turned off).
  static absl::StatusOr<std::unique_ptr<GrpcServerRunner>> Start(GrpcServerSettings settings);

  GrpcServerRunner(const GrpcServerRunner&) = delete;
  GrpcServerRunner& operator=(const GrpcServerRunner&) = delete;
  // Closes at once when Close() was not called.
  ~GrpcServerRunner();

  // The port the server is bound to.
  int port() const { return port_; }

  // Sets what health reports for "" and health_name, until StopServing().
  void SetServing(bool serving) ABSL_LOCKS_EXCLUDED(mu_);

  // Health reports NOT_SERVING for good, whatever SetServing says later.
  void StopServing() ABSL_LOCKS_EXCLUDED(mu_);

  // Stops accepting calls, cancels those still running at `deadline` and
  // returns once every call has ended. Idempotent.
  void Close(absl::Time deadline) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  GrpcServerRunner(std::string health_name, std::unique_ptr<grpc::Server> server, int port);

  const std::string health_name_;
  const int port_;
  // Owned by server_, so used only while server_ is set; may be null.
  grpc::HealthCheckServiceInterface* const health_;

  absl::Mutex mu_;
  std::unique_ptr<grpc::Server> server_ ABSL_GUARDED_BY(mu_);  // null once closed
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_GRPC_SERVER_RUNNER_H_
