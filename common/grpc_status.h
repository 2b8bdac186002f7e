// Conversion of absl::Status to grpc::Status, used only at RPC edges.
#ifndef ALLIANCE_COMMON_GRPC_STATUS_H_
#define ALLIANCE_COMMON_GRPC_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace alliance {

// Returns the grpc::Status with the same code and message as `status`.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Returns the absl::Status with the same code and message as `status`.
absl::Status FromGrpcStatus(const grpc::Status& status);

// Returns the canonical name of `code` ("NOT_FOUND"), for logs and messages;
// "CODE_<n>" for a number outside the canonical codes.
std::string GrpcCodeName(grpc::StatusCode code);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_GRPC_STATUS_H_
