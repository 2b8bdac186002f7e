#include "common/grpc_server_runner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/server_builder.h"

namespace alliance {

absl::Status CheckListenSettings(const GrpcServerSettings& settings) {
  if (settings.listen_address.empty()) return absl::InvalidArgumentError("listen: must not be empty");
  if (settings.max_message_bytes <= 0) return absl::InvalidArgumentError("max_message_bytes: must be positive");
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<GrpcServerRunner>> GrpcServerRunner::Start(GrpcServerSettings settings) {
  if (absl::Status checked = CheckListenSettings(settings); !checked.ok()) return checked;
  for (grpc::Service* service : settings.services) {
    if (service == nullptr) return absl::InvalidArgumentError("services: must not be null");
  }
  // Both are process-wide switches of gRPC, read by every builder.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(settings.listen_address,
                           settings.credentials != nullptr ? settings.credentials : grpc::InsecureServerCredentials(),
                           &port);
  // gRPC sets SO_REUSEPORT by default, so a second server on the same port
  // would quietly share its connections (a second ingest service on another
  // store, say). Refuse it instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(settings.max_message_bytes);
  builder.SetMaxSendMessageSize(settings.max_message_bytes);
  for (grpc::Service* service : settings.services) builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat("listen: cannot serve on ", settings.listen_address));
  }
  std::unique_ptr<GrpcServerRunner> runner(
      new GrpcServerRunner(std::move(settings.health_name), std::move(server), port));
  runner->SetServing(settings.serving_at_start);
  return runner;
}

GrpcServerRunner::GrpcServerRunner(std::string health_name, std::unique_ptr<grpc::Server> server, int port)
    : health_name_(std::move(health_name)),
      port_(port),
      health_(server->GetHealthCheckService()),
      server_(std::move(server)) {}

GrpcServerRunner::~GrpcServerRunner() { Close(absl::Now()); }

void GrpcServerRunner::SetServing(bool serving) {
  absl::MutexLock lock(&mu_);
  if (server_ == nullptr || health_ == nullptr) return;
  health_->SetServingStatus(serving);
  if (!health_name_.empty()) health_->SetServingStatus(health_name_, serving);
}

void GrpcServerRunner::StopServing() {
  absl::MutexLock lock(&mu_);
  if (server_ != nullptr && health_ != nullptr) health_->Shutdown();
}

void GrpcServerRunner::Close(absl::Time deadline) {
  std::unique_ptr<grpc::Server> server;
  {
    absl::MutexLock lock(&mu_);
    server = std::move(server_);
  }
  if (server == nullptr) return;
  if (health_ != nullptr) health_->Shutdown();
  server->Shutdown(absl::ToChronoTime(deadline));
  server->Wait();
}

}  // namespace alliance
