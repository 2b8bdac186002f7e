// BackgroundDisposer: destroys values on a thread of its own, so that freeing
// a large object graph (a group's thousands of parsed records, evicted from a
// cache) does not hold up the thread that let it go.
//
// Values handed over are destroyed in the order given, soon after. The
// destructor waits until every value handed over is destroyed, then stops the
// thread, so a disposer must not outlive what its values' destructors touch.
//
// Thread-safe: Dispose() may be called from any thread.
#ifndef ALLIANCE_COMMON_BACKGROUND_DISPOSER_H_
#define ALLIANCE_COMMON_BACKGROUND_DISPOSER_H_

#include <deque>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace alliance {

template <typename T>
class BackgroundDisposer {
 public:
  BackgroundDisposer() : thread_([this] { Run(); }) {}

  ~BackgroundDisposer() {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    thread_.join();
  }

  BackgroundDisposer(const BackgroundDisposer&) = delete;
  BackgroundDisposer& operator=(const BackgroundDisposer&) = delete;

  // Takes `value`, to be destroyed on the disposer's thread.
  void Dispose(T value) {
    absl::MutexLock lock(&mu_);
    queue_.push_back(std::move(value));
  }

 private:
  void Run() {
    while (true) {
      std::deque<T> batch;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](BackgroundDisposer* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
              return self->stopping_ || !self->queue_.empty();
            },
            this));
        if (queue_.empty()) return;  // stopping, and nothing is left
        batch.swap(queue_);
      }
      // The destruction, outside the lock, in order (clear() is not).
      while (!batch.empty()) batch.pop_front();
    }
  }

  absl::Mutex mu_;
  std::deque<T> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Last: started once the members above exist.
  std::thread thread_;
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_BACKGROUND_DISPOSER_H_
