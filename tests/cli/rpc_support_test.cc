// Checks how failed calls are explained and which exit code they give, through
// commands run in-process against the fake services.
#include "cli/rpc_support.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/command_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;

using RpcSupportTest = CommandTest;

TEST_F(RpcSupportTest, InvalidArgumentFromTheServiceIsShownAsIs) {
  EXPECT_EQ(Run({"history", "XYZ"}), kExitError);
  EXPECT_EQ(err_.str(), "alliancectl: country: \"XYZ\" is not a known ISO alpha-3 code\n");
}

TEST_F(RpcSupportTest, UnreachableQueryServiceGivesExitCodeTwoAndAHint) {
  const int port = DeadPort();
  ASSERT_GT(port, 0);
  options_.query_address = absl::StrCat("127.0.0.1:", port);
  EXPECT_EQ(Run({"members"}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr(absl::StrCat("alliancectl: cannot reach the query service at 127.0.0.1:",
                                                 port, " (UNAVAILABLE: ")));
  EXPECT_THAT(err_.str(), HasSubstr("Is query-service running?"));
}

}  // namespace
}  // namespace alliance::cli
