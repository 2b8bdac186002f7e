#include "common/log_tail.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance {
namespace {

using ::testing::ElementsAre;

// A log of `entries` committed up front, followed by a stream that writes
// what it delivers into `written` ("e1", "e2", … and "notice"), and a wait
// that commits the next of `later` entries, or ends the stream after
// `max_waits` waits.
struct ScriptedLog {
  int entries = 0;
  std::vector<int> later;  // entries committed during the waits, one wait each
  int batch = 2;
  int max_waits = 3;

  int cursor = 0;
  int waits = 0;
  std::vector<std::string> written;
  std::vector<absl::Duration> waited;
  absl::Status deliver_error;
  absl::Status notice_error;

  absl::Status Run(const LogTailOptions& options) {
    auto keep_going = [&] {
      return waits > max_waits ? absl::CancelledError("the client went away") : absl::OkStatus();
    };
    auto deliver = [&]() -> absl::StatusOr<LogTailSteps::Delivery> {
      if (!deliver_error.ok()) return deliver_error;
      LogTailSteps::Delivery delivery;
      for (int n = 0; n < batch && cursor < entries; ++n) {
        written.push_back("e" + std::to_string(++cursor));
        delivery.advanced = delivery.wrote = true;
      }
      return delivery;
    };
    auto notify_idle = [&] {
      if (!notice_error.ok()) return notice_error;
      written.push_back("notice");
      return absl::OkStatus();
    };
    auto wait = [&](absl::Duration at_most) {
      waited.push_back(at_most);
      if (waits < static_cast<int>(later.size())) entries += later[static_cast<size_t>(waits)];
      ++waits;
    };
    return FollowLog(options, {keep_going, deliver, notify_idle, wait});
  }
};

TEST(FollowLog, DeliversInBatchesWaitsWhenCaughtUpAndEndsWithTheReasonToStop) {
  ScriptedLog log;
  log.entries = 3;
  log.later = {2, 0, 1};
  const absl::Status ended = log.Run(LogTailOptions());
  EXPECT_EQ(ended.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(ended.message(), "the client went away");
  EXPECT_THAT(log.written, ElementsAre("e1", "e2", "e3", "e4", "e5", "e6")) << "no notice without an interval";
  EXPECT_EQ(log.waits, 4);
}

TEST(FollowLog, TheFirstCatchUpIsAnnouncedOnceWhenAsked) {
  ScriptedLog log;
  log.entries = 2;
  log.later = {1};
  LogTailOptions options;
  options.notice_when_first_caught_up = true;
  EXPECT_FALSE(log.Run(options).ok());
  EXPECT_THAT(log.written, ElementsAre("e1", "e2", "notice", "e3"));
}

TEST(FollowLog, AnIdleStreamIsNoticedEveryIntervalAndNeverWaitsPastTheNextNotice) {
  ScriptedLog log;
  LogTailOptions options;
  options.idle_notice_interval = absl::ZeroDuration();  // every turn is overdue
  options.poll_interval = absl::Seconds(1);
  EXPECT_FALSE(log.Run(options).ok());
  EXPECT_THAT(log.written, ElementsAre("notice", "notice", "notice", "notice"));
  for (absl::Duration d : log.waited) EXPECT_LE(d, absl::ZeroDuration()) << "the next notice is due at once";

  ScriptedLog busy;
  busy.entries = 1;
  options.idle_notice_interval = absl::Hours(1);
  EXPECT_FALSE(busy.Run(options).ok());
  EXPECT_THAT(busy.written, ElementsAre("e1")) << "an hour has not passed";
  for (absl::Duration d : busy.waited) EXPECT_EQ(d, absl::Seconds(1)) << "waits are bounded by the poll interval";
}

TEST(FollowLog, AFailingStepEndsTheStreamWithItsError) {
  ScriptedLog reading;
  reading.entries = 5;
  reading.deliver_error = absl::DataLossError("corrupt entry");
  EXPECT_EQ(reading.Run(LogTailOptions()), absl::DataLossError("corrupt entry"));
  EXPECT_TRUE(reading.written.empty());

  ScriptedLog noticing;
  noticing.notice_error = absl::CancelledError("write failed");
  LogTailOptions options;
  options.notice_when_first_caught_up = true;
  EXPECT_EQ(noticing.Run(options), absl::CancelledError("write failed"));
  EXPECT_EQ(noticing.waits, 0);
}

}  // namespace
}  // namespace alliance
