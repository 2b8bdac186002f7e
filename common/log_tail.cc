#include "common/log_tail.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "common/status_macros.h"

namespace alliance {

absl::Status FollowLog(const LogTailOptions& options, const LogTailSteps& steps) {
  absl::Time last_sent = absl::Now();
  bool notified = false;
  while (true) {
    RETURN_IF_ERROR(steps.keep_going());
    ASSIGN_OR_RETURN(const LogTailSteps::Delivery delivery, steps.deliver());
    if (delivery.wrote) last_sent = absl::Now();
    if (delivery.advanced) continue;
    // Caught up: a notice when due, then wait for a commit (or the next notice).
    const absl::Time now = absl::Now();
    if ((options.notice_when_first_caught_up && !notified) || now - last_sent >= options.idle_notice_interval) {
      RETURN_IF_ERROR(steps.notify_idle());
      notified = true;
      last_sent = now;
    }
    steps.wait(std::min(options.poll_interval, last_sent + options.idle_notice_interval - now));
  }
}

}  // namespace alliance
