// Runs status, wait-caught-up and health in-process against the fake services.
#include "cli/service_status_commands.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/command_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

using ServiceStatusCommandsTest = CommandTest;

TEST_F(ServiceStatusCommandsTest, WaitCaughtUpPollsUntilCaughtUp) {
  query_service_.set_caught_up_after(3);
  ASSERT_EQ(Run({"wait-caught-up"}), kExitOk) << err_.str();
  EXPECT_EQ(query_service_.status_calls(), 3);
  EXPECT_EQ(out_.str(), "caught up at sequence 7\n");
}

TEST_F(ServiceStatusCommandsTest, WaitCaughtUpGivesUpAfterTheTimeout) {
  query_service_.set_caught_up_after(1 << 30);
  options_.timeout = absl::Milliseconds(300);
  commands_.wait_caught_up.limit = absl::Milliseconds(300);
  EXPECT_EQ(Run({"wait-caught-up"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("did not catch up within 300ms (applied 3, ingest 7"));
}

TEST_F(ServiceStatusCommandsTest, StatusPrintsTheFollowerState) {
  ASSERT_EQ(Run({"status"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), ContainsRegex("applied sequence +7\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("staged sequence +7\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("caught up +yes\n"));
}

TEST_F(ServiceStatusCommandsTest, HealthReportsServingForEitherService) {
  ASSERT_EQ(Run({"health"}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), absl::StrCat("query service at ", options_.query_address, ": SERVING\n"));
  ASSERT_EQ(Run({"health", "ingest"}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), absl::StrCat("ingest service at ", options_.ingest_address, ": SERVING\n"));
}

TEST_F(ServiceStatusCommandsTest, HealthOfAnUnknownServiceNameFails) {
  EXPECT_EQ(Run({"health", "query", "no.such.Service"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("NOT_FOUND"));
}

}  // namespace
}  // namespace alliance::cli
