// Checks that flag names typed with dashes reach the flag library with
// underscores, and that values and arguments after "--" are left alone.
#include "cli/flag_spelling.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;

TEST(CanonicalFlagSpelling, TurnsDashesInFlagNamesIntoUnderscores) {
  EXPECT_THAT(CanonicalFlagSpelling({"alliancectl", "members", "--as-of", "2005-01-01", "--include-unasserted",
                                     "--page-size=5", "-", "--title=a-b", "--", "--keep-this"}),
              ElementsAre("alliancectl", "members", "--as_of", "2005-01-01", "--include_unasserted",
                          "--page_size=5", "-", "--title=a-b", "--", "--keep-this"));
}

}  // namespace
}  // namespace alliance::cli
