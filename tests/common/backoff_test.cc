// Backoff: doubling up to the cap, Reset, and jitter that stays in its range
// and repeats under one seed.
#include "common/backoff.h"

#include <vector>

#include "gtest/gtest.h"

namespace alliance {
namespace {

BackoffOptions Plain(absl::Duration initial, absl::Duration max) {
  BackoffOptions options;
  options.initial = initial;
  options.max = max;
  return options;
}

// Plain(initial, max) with delays scaled by [0.8, 1.2) from `seed`.
BackoffOptions Jittered(absl::Duration initial, absl::Duration max, uint64_t seed) {
  BackoffOptions options = Plain(initial, max);
  options.jitter_min = 0.8;
  options.jitter_max = 1.2;
  options.seed = seed;
  return options;
}

std::vector<absl::Duration> Take(Backoff& backoff, int n) {
  std::vector<absl::Duration> delays;
  for (int i = 0; i < n; ++i) delays.push_back(backoff.Next());
  return delays;
}

TEST(Backoff, DoublesFromTheInitialDelayUpToTheCap) {
  Backoff backoff(Plain(absl::Milliseconds(500), absl::Seconds(5)));
  EXPECT_EQ(Take(backoff, 6),
            (std::vector<absl::Duration>{absl::Milliseconds(500), absl::Seconds(1), absl::Seconds(2),
                                         absl::Seconds(4), absl::Seconds(5), absl::Seconds(5)}));
}

TEST(Backoff, ResetStartsOverFromTheInitialDelay) {
  Backoff backoff(Plain(absl::Milliseconds(100), absl::Seconds(10)));
  Take(backoff, 4);
  backoff.Reset();
  EXPECT_EQ(backoff.Next(), absl::Milliseconds(100));
  EXPECT_EQ(backoff.Next(), absl::Milliseconds(200));
}

TEST(Backoff, JitterScalesEachDelayWithinItsRangeButNotTheDoubling) {
  Backoff backoff(Jittered(absl::Milliseconds(100), absl::Milliseconds(800), 7));
  const absl::Duration unjittered[] = {absl::Milliseconds(100), absl::Milliseconds(200), absl::Milliseconds(400),
                                       absl::Milliseconds(800), absl::Milliseconds(800)};
  bool any_scaled = false;
  for (absl::Duration base : unjittered) {
    const absl::Duration delay = backoff.Next();
    EXPECT_GE(delay, base * 0.8);
    EXPECT_LT(delay, base * 1.2);
    any_scaled = any_scaled || delay != base;
  }
  EXPECT_TRUE(any_scaled) << "jitter changed no delay";
}

TEST(Backoff, OneSeedGivesOneSequenceOfDelays) {
  const BackoffOptions options = Jittered(absl::Milliseconds(100), absl::Seconds(10), 42);
  Backoff first(options);
  Backoff second(options);
  EXPECT_EQ(Take(first, 8), Take(second, 8));

  Backoff other(Jittered(absl::Milliseconds(100), absl::Seconds(10), 43));
  Backoff again(options);
  EXPECT_NE(Take(other, 8), Take(again, 8));
}

}  // namespace
}  // namespace alliance
