// Runs `alliancectl watch` in-process against the fake query service: the
// changes it prints, and how it resumes a lost stream.
#include "cli/watch_command.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/command_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using WatchCommandTest = CommandTest;

TEST_F(WatchCommandTest, WatchPrintsChangesAndSkipsProgressNotifications) {
  commands_.watch.after = 41;
  ASSERT_EQ(Run({"watch"}), kExitOk) << err_.str();
  EXPECT_THAT(Lines(out_.str()), ElementsAre("seq 42  ADDED    UZB WITHDREW 2012 (CSTO)",
                                             "  “Uzbekistan left in 2012.” — CSTO at thirty (s.4)"));
}

TEST_F(WatchCommandTest, WatchResumesAfterTheLastSequenceWhenTheStreamIsLost) {
  query_service_.set_watch_drops(2);
  commands_.watch.after = 41;
  ASSERT_EQ(Run({"watch"}), kExitOk) << err_.str();
  const std::vector<v1::WatchRequest> requests = query_service_.watch_requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].after_sequence(), 41u);
  EXPECT_EQ(requests[1].after_sequence(), 42u);
  EXPECT_EQ(requests[2].after_sequence(), 43u);
  EXPECT_THAT(out_.str(), HasSubstr("seq 42  ADDED"));
  EXPECT_THAT(out_.str(), HasSubstr("seq 43  ADDED"));
  EXPECT_THAT(out_.str(), HasSubstr("seq 44  ADDED"));
  EXPECT_THAT(err_.str(), HasSubstr("resuming after sequence 42"));
}

TEST_F(WatchCommandTest, WatchOfAnUnreachableServiceExitsTwo) {
  options_.query_address = "127.0.0.1:1";
  EXPECT_EQ(Run({"watch"}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr("cannot reach the query service at 127.0.0.1:1"));
}

}  // namespace
}  // namespace alliance::cli
