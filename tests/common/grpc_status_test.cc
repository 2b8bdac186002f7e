// The status conversions at RPC edges keep code and message both ways, and
// every canonical code has its name.
#include "common/grpc_status.h"

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(GrpcStatus, ConversionsKeepCodeAndMessage) {
  const absl::Status status = absl::NotFoundError("fact_id: no fact membership/CSTO/RUR/JOINED/2001");
  const grpc::Status converted = ToGrpcStatus(status);
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(converted.error_message(), status.message());
  EXPECT_EQ(FromGrpcStatus(converted), status);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatus, NamesEveryCanonicalCode) {
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::INVALID_ARGUMENT), "INVALID_ARGUMENT");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  for (int code = 0; code <= 16; ++code) {
    const std::string name = GrpcCodeName(static_cast<grpc::StatusCode>(code));
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(name.find("CODE_"), std::string::npos) << code;
  }
  EXPECT_EQ(GrpcCodeName(static_cast<grpc::StatusCode>(99)), "CODE_99");
}

}  // namespace
}  // namespace alliance
