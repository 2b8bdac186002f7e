#include "ingest-service/ingest_server.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"

namespace alliance::ingest {

constexpr char IngestServer::kServiceName[];

namespace {

// Time gRPC gets at shutdown to deliver the last responses once our calls are done.
constexpr absl::Duration kDeliveryMargin = absl::Milliseconds(250);

}  // namespace

absl::StatusOr<std::unique_ptr<IngestServer>> IngestServer::Start(
    IngestServerOptions options, std::unique_ptr<Extractor> extractor) {
  if (extractor == nullptr) return absl::InvalidArgumentError("an extractor is required");
  GrpcServerSettings settings;
  settings.listen_address = options.listen_address;
  settings.max_message_bytes = options.max_message_bytes;
  settings.health_name = kServiceName;
  // Checked before the store opens.
  if (absl::Status checked = CheckListenSettings(settings); !checked.ok()) return checked;
  if (options.service.max_streams <= 0) {
    return absl::InvalidArgumentError("max_streams: must be positive");
  }
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials(options.tls);
  if (!credentials.ok()) return credentials.status();

  std::unique_ptr<IngestServer> server(new IngestServer());
  absl::StatusOr<std::unique_ptr<IngestStore>> store = IngestStore::Open(options.db_path);
  if (!store.ok()) return store.status();
  server->store_ = *std::move(store);
  server->extractor_ = std::move(extractor);
  server->service_ =
      std::make_unique<IngestServiceImpl>(server->store_.get(), *server->extractor_, options.service);
  server->options_ = std::move(options);

  settings.credentials = *std::move(credentials);
  settings.services = {server->service_.get()};
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> runner = GrpcServerRunner::Start(std::move(settings));
  if (!runner.ok()) return runner.status();
  server->runner_ = *std::move(runner);
  server->port_ = server->runner_->port();
  LogInfo("ingest", "serving on ", server->options_.listen_address, " (port ", server->port_, ", ",
          server->options_.tls.cert_file.empty() ? "plaintext" : "TLS",
          server->options_.service.authenticator.enabled() ? ", bearer token required" : "",
          "), store ", server->options_.db_path, " at sequence ", server->store_->last_sequence());
  return server;
}

IngestServer::~IngestServer() { Shutdown(); }

void IngestServer::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) return;
    shut_down_ = true;
  }
  if (runner_ != nullptr) runner_->StopServing();  // NOT_SERVING for every service, from now on.
  // Our calls get the grace period to finish: ingests in progress commit and
  // are acknowledged, streams end with UNAVAILABLE. Then gRPC gets a short
  // moment to deliver their last messages, rather than the whole grace period:
  // it would otherwise wait for every idle client connection to go away.
  const absl::Time grace_deadline = absl::Now() + options_.shutdown_grace;
  if (service_ != nullptr) {
    service_->Shutdown();
    if (!service_->WaitForCallsToFinish(grace_deadline)) {
      LogWarning("ingest", "calls still running after the grace period are cancelled");
    }
  }
  if (runner_ != nullptr) runner_->Close(std::min(grace_deadline, absl::Now() + kDeliveryMargin));
  if (store_ != nullptr) store_->Close();
  LogInfo("ingest", "shut down; store ", options_.db_path, " closed");
}

}  // namespace alliance::ingest
