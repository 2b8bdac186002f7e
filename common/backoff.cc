#include "common/backoff.h"

#include <algorithm>
#include <utility>

namespace alliance {

Backoff::Backoff(BackoffOptions options)
    : options_(std::move(options)),
      current_(options_.initial),
      random_(options_.seed.has_value() ? *options_.seed : std::random_device{}()) {}

absl::Duration Backoff::Next() {
  absl::Duration delay = current_;
  if (options_.jitter_min != 1.0 || options_.jitter_max != 1.0) {
    std::uniform_real_distribution<double> factor(options_.jitter_min, options_.jitter_max);
    delay = delay * factor(random_);
  }
  current_ = std::min(current_ * 2, options_.max);
  return delay;
}

void Backoff::Reset() { current_ = options_.initial; }

}  // namespace alliance
