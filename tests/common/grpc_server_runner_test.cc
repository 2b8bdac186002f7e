// GrpcServerRunner on loopback: it serves what it is given with health and
// reflection, reports health as told, and closes in order.
#include "common/grpc_server_runner.h"

#include <memory>
#include <string>

#include "alliance/v1/query_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace alliance {
namespace {

constexpr char kName[] = "alliance.v1.QueryService";

// A query service whose GetStatus answers with a fixed sequence.
class FixedStatusService final : public v1::QueryService::Service {
 public:
  grpc::Status GetStatus(grpc::ServerContext*, const v1::GetStatusRequest*, v1::GetStatusResponse* response) override {
    response->set_applied_sequence(7);
    return grpc::Status::OK;
  }
};

GrpcServerSettings Settings(grpc::Service* service, bool serving_at_start = true) {
  GrpcServerSettings settings;
  settings.listen_address = "127.0.0.1:0";
  settings.services = {service};
  settings.health_name = kName;
  settings.serving_at_start = serving_at_start;
  return settings;
}

// The health of `service` as the server reports it, or the call's error code.
std::string Health(int port, const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);
  if (!status.ok()) return "error " + std::to_string(status.error_code());
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
}

TEST(GrpcServerRunner, ServesItsServicesAndReportsHealth) {
  FixedStatusService service;
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> runner = GrpcServerRunner::Start(Settings(&service));
  ASSERT_TRUE(runner.ok()) << runner.status();
  const int port = (*runner)->port();
  ASSERT_GT(port, 0);
  EXPECT_EQ(Health(port, ""), "SERVING");
  EXPECT_EQ(Health(port, kName), "SERVING");

  auto stub = v1::QueryService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::GetStatusResponse response;
  ASSERT_TRUE(stub->GetStatus(&context, v1::GetStatusRequest(), &response).ok());
  EXPECT_EQ(response.applied_sequence(), 7u);
}

TEST(GrpcServerRunner, HealthFollowsSetServingUntilStopServing) {
  FixedStatusService service;
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> runner =
      GrpcServerRunner::Start(Settings(&service, /*serving_at_start=*/false));
  ASSERT_TRUE(runner.ok()) << runner.status();
  const int port = (*runner)->port();
  EXPECT_EQ(Health(port, ""), "NOT_SERVING");
  EXPECT_EQ(Health(port, kName), "NOT_SERVING");
  (*runner)->SetServing(true);
  EXPECT_EQ(Health(port, kName), "SERVING");
  (*runner)->StopServing();
  (*runner)->SetServing(true);  // too late: stopping is for good
  EXPECT_EQ(Health(port, ""), "NOT_SERVING");
  EXPECT_EQ(Health(port, kName), "NOT_SERVING");
}

TEST(GrpcServerRunner, CloseStopsTheServerAndLaterCallsDoNothing) {
  FixedStatusService service;
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> runner = GrpcServerRunner::Start(Settings(&service));
  ASSERT_TRUE(runner.ok()) << runner.status();
  const int port = (*runner)->port();
  (*runner)->Close(absl::Now());
  (*runner)->Close(absl::Now());
  (*runner)->SetServing(true);
  (*runner)->StopServing();
  EXPECT_EQ(Health(port, ""), "error " + std::to_string(grpc::StatusCode::UNAVAILABLE));
}

TEST(GrpcServerRunner, BadSettingsNameTheSetting) {
  FixedStatusService service;
  GrpcServerSettings no_address = Settings(&service);
  no_address.listen_address.clear();
  EXPECT_EQ(GrpcServerRunner::Start(no_address).status().message(), "listen: must not be empty");
  GrpcServerSettings no_size = Settings(&service);
  no_size.max_message_bytes = 0;
  EXPECT_EQ(GrpcServerRunner::Start(no_size).status().message(), "max_message_bytes: must be positive");
  // The same check, before a server is built (the services are not read).
  EXPECT_EQ(CheckListenSettings(no_address).message(), "listen: must not be empty");
  EXPECT_EQ(CheckListenSettings(no_size).message(), "max_message_bytes: must be positive");
  EXPECT_TRUE(CheckListenSettings(Settings(nullptr)).ok());
  GrpcServerSettings null_service = Settings(nullptr);
  EXPECT_EQ(GrpcServerRunner::Start(null_service).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(GrpcServerRunner, AnAddressInUseIsUnavailable) {
  FixedStatusService first_service;
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> first = GrpcServerRunner::Start(Settings(&first_service));
  ASSERT_TRUE(first.ok()) << first.status();
  FixedStatusService second_service;
  GrpcServerSettings same_port = Settings(&second_service);
  same_port.listen_address = "127.0.0.1:" + std::to_string((*first)->port());
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> second = GrpcServerRunner::Start(same_port);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(second.status().message(), "listen: cannot serve on " + same_port.listen_address);
}

}  // namespace
}  // namespace alliance
