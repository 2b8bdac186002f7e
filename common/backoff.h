// Backoff: the one exponential backoff of Alliance Ledger, for loops that
// retry a connection (the query service's change follower, `alliancectl
// watch`).
//
// The first delay is `initial`; each later one doubles, up to `max`. With a
// jitter range [min, max) every delay handed out is the current one scaled by
// a random factor in that range, so that replicas cut off together do not
// reconnect in step; the doubling itself is not jittered. Reset() starts over
// from `initial` (call it after a success). The random generator is seeded
// from the options, so a test can fix the sequence of delays.
//
// Ownership: a Backoff owns its state and keeps no pointers.
//
// Thread-safety: thread-compatible; use one per retry loop.
#ifndef ALLIANCE_COMMON_BACKOFF_H_
#define ALLIANCE_COMMON_BACKOFF_H_

#include <cstdint>
#include <optional>
#include <random>

#include "absl/time/time.h"

namespace alliance {

// Settings of a Backoff.
struct BackoffOptions {
  // The first delay, and the cap it doubles up to.
  absl::Duration initial = absl::Milliseconds(100);
  absl::Duration max = absl::Seconds(10);
  // Delays are scaled by a factor drawn uniformly from [jitter_min,
  // jitter_max); 1 and 1 (the default) turn jitter off.
  double jitter_min = 1.0;
  double jitter_max = 1.0;
  // Seed of the jitter's generator; unset: a random seed.
  std::optional<uint64_t> seed;
};

class Backoff {
 public:
  explicit Backoff(BackoffOptions options);

  // Returns the delay to wait before the next attempt and doubles the next
  // one (up to the cap).
  absl::Duration Next();

  // Starts over from the initial delay.
  void Reset();

 private:
  const BackoffOptions options_;
  absl::Duration current_;
  std::mt19937_64 random_;
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_BACKOFF_H_
