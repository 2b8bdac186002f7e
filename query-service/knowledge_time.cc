#include "query-service/knowledge_time.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace alliance::query {
namespace {

// Ingest-time rows read per step (16 bytes of value and key each).
constexpr size_t kTimesPerRead = 1024;

}  // namespace

absl::StatusOr<uint64_t> SequenceKnownAt(const FactStore& store, int64_t known_as_of_unix) {
  if (known_as_of_unix < 0) {
    return absl::InvalidArgumentError(absl::StrCat("known_as_of_unix: ", known_as_of_unix,
                                                   " is negative; give seconds since 1970-01-01T00:00:00Z"));
  }
  if (!store.watch_log_reaches_start()) {
    return absl::OutOfRangeError(absl::StrCat("known_as_of_unix: this replica keeps only its latest watch-log "
                                              "entries (--watch_retention), from sequence ",
                                              store.watch_log_start(), ", so earlier states cannot be rebuilt"));
  }
  const uint64_t applied = store.applied_sequence();
  uint64_t known = 0;          // the last batch of the run stamped at or before the time
  uint64_t first_stamped = 0;  // the first batch with a stamp (0: none yet)
  uint64_t cursor = 0;
  bool passed = false;  // a batch stamped after the time was reached
  while (!passed && cursor < applied) {
    ASSIGN_OR_RETURN(const std::vector<BatchTime> times, store.ReadWatchTimes(cursor, applied, kTimesPerRead));
    if (times.empty()) break;
    for (const BatchTime& batch : times) {
      if (first_stamped == 0) first_stamped = batch.sequence;
      if (batch.ingested_at_unix > known_as_of_unix) {
        passed = true;
        break;
      }
      known = batch.sequence;
    }
    cursor = times.back().sequence;
  }
  if (known > 0) return known;
  // Before the first stamped batch: the empty state, unless batches without
  // a stamp (applied before ingest times were recorded) came first.
  const uint64_t unstamped_up_to = first_stamped > 0 ? first_stamped - 1 : applied;
  ASSIGN_OR_RETURN(const std::vector<v1::WatchResponse> unstamped, store.ReadWatchLog(0, unstamped_up_to, 1, 1));
  if (!unstamped.empty()) {
    return absl::OutOfRangeError(absl::StrCat("known_as_of_unix: the batches up to sequence ", unstamped_up_to,
                                              " were applied before this replica recorded ingest times; ask "
                                              "for them by known_as_of_sequence"));
  }
  return 0;
}

}  // namespace alliance::query
