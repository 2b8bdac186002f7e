// Runs `alliancectl timeline` in-process against the fake services: what it
// refuses before calling, and how a failed call is reported.
#include "cli/timeline_command.h"

#include <fstream>
#include <string>

#include "cli/command_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

using TimelineCommandTest = CommandTest;

TEST_F(TimelineCommandTest, RefusesArgumentsAndJson) {
  EXPECT_EQ(Run({"timeline", "out.svg"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("timeline takes no arguments; name the file with --output"));
  options_.json = true;
  EXPECT_EQ(Run({"timeline"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("--json does not apply"));
  EXPECT_THAT(out_.str(), IsEmpty());
}

TEST_F(TimelineCommandTest, ReportsAFailedCallAndWritesNothing) {
  // The fake answers GetMembershipHistory for UZB alone; all countries is an error.
  commands_.timeline.output = WriteTempFile("timeline.svg", "before");
  EXPECT_EQ(Run({"timeline"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("is not a known ISO alpha-3 code"));
  EXPECT_THAT(out_.str(), IsEmpty());
  std::ifstream in(commands_.timeline.output);
  std::string kept;
  std::getline(in, kept);
  EXPECT_EQ(kept, "before");
}

}  // namespace
}  // namespace alliance::cli
