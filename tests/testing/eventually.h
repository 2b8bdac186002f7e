// Eventually: polls a condition until it holds or a timeout passes, for tests
// that wait on work done by other threads or processes.
#ifndef ALLIANCE_TESTS_TESTING_EVENTUALLY_H_
#define ALLIANCE_TESTS_TESTING_EVENTUALLY_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace alliance::testing {

// Calls `condition` every `poll_interval` until it returns true or `timeout`
// passes, and returns its last answer. Thread-safe as far as `condition` is.
template <typename Condition>
bool Eventually(Condition condition, absl::Duration timeout,
                absl::Duration poll_interval = absl::Milliseconds(20)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(poll_interval);
  }
  return condition();
}

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_TESTING_EVENTUALLY_H_
