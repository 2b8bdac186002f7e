// IngestServer: a running ingest service — its store, its IngestService, the
// health and reflection services, and the gRPC server that carries them. The
// binary's main() and in-process tests (with a fake Extractor) both use it.
#ifndef ALLIANCE_INGEST_INGEST_SERVER_H_
#define ALLIANCE_INGEST_INGEST_SERVER_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/grpc_server_runner.h"
#include "common/tls_credentials.h"
#include "ingest-service/extract/extractor.h"
#include "ingest-service/ingest_service_impl.h"
#include "ingest-service/ingest_store.h"

namespace alliance::ingest {

// Settings of an IngestServer.
struct IngestServerOptions {
  // Address to listen on, "HOST:PORT"; port 0 picks a free port (see port()).
  std::string listen_address = "127.0.0.1:50051";
  // RocksDB directory of the store. Required.
  std::string db_path;
  // Largest gRPC message the server accepts or sends, in bytes.
  int max_message_bytes = 8 << 20;
  // How long Shutdown() lets calls in progress finish before cancelling them.
  absl::Duration shutdown_grace = absl::Seconds(5);
  // TLS material of the listening port; all empty: plaintext.
  ServerTlsFiles tls;
  // Document size limits, stream tuning, the bearer token and the stream cap.
  IngestServiceOptions service;
};

// Owns the store, the extractor, the service and the gRPC server.
//
// Thread-safe. Health reports SERVING (overall "" and "alliance.v1.IngestService")
// from a successful Start() until Shutdown(), which reports NOT_SERVING first.
class IngestServer {
 public:
  // Name of the service in health checks.
  static constexpr char kServiceName[] = "alliance.v1.IngestService";

  // Opens the store, starts serving on options.listen_address and returns the
  // running server. Returns the store's error when it cannot open, UNAVAILABLE
  // when the address cannot be bound, INVALID_ARGUMENT for bad options.
  static absl::StatusOr<std::unique_ptr<IngestServer>> Start(IngestServerOptions options,
                                                             std::unique_ptr<Extractor> extractor);

  IngestServer(const IngestServer&) = delete;
  IngestServer& operator=(const IngestServer&) = delete;
  // Shuts down when Shutdown() has not been called.
  ~IngestServer();

  // Returns the port the server is bound to.
  int port() const { return port_; }

  // Reports NOT_SERVING, ends change streams with UNAVAILABLE, lets ingests in
  // progress finish within the grace period, stops the gRPC server (cancelling
  // what is left, without waiting for idle client connections) and closes the
  // store. Idempotent.
  void Shutdown() ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the store, e.g. for tests. Valid until the server is destroyed.
  IngestStore* store() const { return store_.get(); }

 private:
  IngestServer() = default;

  // Constant after Start().
  IngestServerOptions options_;
  std::unique_ptr<IngestStore> store_;
  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<IngestServiceImpl> service_;
  std::unique_ptr<GrpcServerRunner> runner_;
  int port_ = 0;

  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_INGEST_SERVER_H_
