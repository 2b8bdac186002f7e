// Checks that the command table prints usage for "help" and no command, and
// refuses an unknown command.
#include "cli/command_table.h"

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
using ::testing::Not;

using CommandTableTest = CommandTest;

TEST_F(CommandTableTest, HelpAndNoArgumentsPrintUsage) {
  ASSERT_EQ(Run({}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("wait-caught-up"));
  ASSERT_EQ(Run({"help"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("members [--as-of DATE]"));
}

TEST_F(CommandTableTest, UnknownCommandIsAnError) {
  EXPECT_EQ(Run({"frobnicate"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("unknown command \"frobnicate\""));
  EXPECT_THAT(out_.str(), Not(HasSubstr("Usage")));
}

}  // namespace
}  // namespace alliance::cli
