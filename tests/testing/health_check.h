// CheckHealth: one call of the standard gRPC health service, for tests that
// watch a server's serving status. Header-only; users link the health proto
// library (alliance_health_proto) and gRPC.
#ifndef ALLIANCE_TESTS_TESTING_HEALTH_CHECK_H_
#define ALLIANCE_TESTS_TESTING_HEALTH_CHECK_H_

#include <chrono>
#include <string>

#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"

namespace alliance::testing {

// Asks `stub` about `service` ("" for the server as a whole), waiting at most
// `timeout`, and returns the call's status; on OK stores the answer in
// `*serving`. Neither pointer may be null.
inline grpc::Status CheckHealth(grpc::health::v1::Health::Stub* stub, const std::string& service,
                                absl::Duration timeout,
                                grpc::health::v1::HealthCheckResponse::ServingStatus* serving) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub->Check(&context, request, &response);
  if (status.ok()) *serving = response.status();
  return status;
}

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_TESTING_HEALTH_CHECK_H_
