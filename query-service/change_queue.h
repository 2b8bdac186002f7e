// ChangeQueue: the bounded queue of change-feed messages between the change
// follower's reader thread (which takes them off the StreamChanges stream) and
// its applier (which hands them to the store in batches).
//
// The queue is bounded by a count and by the bytes of the messages, so a full
// queue stops the reader, and gRPC flow control then holds the ingest service
// back; one message larger than the byte bound still goes in, alone. The
// reader Close()s it at the end of the stream; the applier Abort()s it when it
// gives up, so a reader waiting for room stops.
//
// Ownership: the queue owns the messages it holds; PopAvailable moves them to
// the caller.
//
// Thread-safety: thread-safe; meant for one pushing and one popping thread.
#ifndef ALLIANCE_QUERY_CHANGE_QUEUE_H_
#define ALLIANCE_QUERY_CHANGE_QUEUE_H_

#include <cstddef>
#include <deque>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance::query {

class ChangeQueue {
 public:
  // Holds at most `capacity` messages and `capacity_bytes` bytes of them
  // (except for a single larger message).
  ChangeQueue(size_t capacity, size_t capacity_bytes);
  ChangeQueue(const ChangeQueue&) = delete;
  ChangeQueue& operator=(const ChangeQueue&) = delete;

  // Waits for room and appends `change`; false once Abort() was called. A
  // change larger than the byte capacity still goes in, alone.
  bool Push(v1::Change change) ABSL_LOCKS_EXCLUDED(mu_);

  // Waits for at least one message (or the end) and moves up to `most` of the
  // queued ones, and up to `most_bytes` of them (at least one), into `out`
  // (not null; cleared first); false when the queue is closed and empty.
  bool PopAvailable(size_t most, size_t most_bytes, std::vector<v1::Change>* out) ABSL_LOCKS_EXCLUDED(mu_);

  // Says no more messages will be pushed.
  void Close() ABSL_LOCKS_EXCLUDED(mu_);

  // Says the applier gave up: pending and future pushes fail.
  void Abort() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // Constant after construction
  const size_t capacity_;
  const size_t capacity_bytes_;

  absl::Mutex mu_;
  // Each message with its encoded size.
  std::deque<std::pair<v1::Change, size_t>> items_ ABSL_GUARDED_BY(mu_);
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool aborted_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CHANGE_QUEUE_H_
