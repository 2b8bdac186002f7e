// StreamSlots: caps the long-lived streams a service serves at once
// (--max_streams), so that idle clients cannot take every server thread. A
// Slot holds one place for its lifetime (RAII), so a stream that ends by any
// path gives its place back.
//
// Thread-safe.
#ifndef ALLIANCE_COMMON_STREAM_SLOTS_H_
#define ALLIANCE_COMMON_STREAM_SLOTS_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace alliance {

class StreamSlots {
 public:
  // Holds one place, when it got one, until destroyed. Movable, not copyable.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
      if (slots_ != nullptr) slots_->Release();
    }

    // True when a place was free.
    bool acquired() const { return slots_ != nullptr; }

   private:
    friend class StreamSlots;
    explicit Slot(StreamSlots* slots) : slots_(slots) {}
    StreamSlots* slots_;  // null: none held
  };

  // At most `capacity` places (at least one).
  explicit StreamSlots(int capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

  StreamSlots(const StreamSlots&) = delete;
  StreamSlots& operator=(const StreamSlots&) = delete;

  // Takes a place if one is free; the slot says whether it got one.
  Slot TryAcquire() {
    absl::MutexLock lock(&mu_);
    if (open_ >= capacity_) return Slot(nullptr);
    ++open_;
    return Slot(this);
  }

  // The places held now.
  int open() const {
    absl::MutexLock lock(&mu_);
    return open_;
  }

  int capacity() const { return capacity_; }

 private:
  void Release() {
    absl::MutexLock lock(&mu_);
    --open_;
  }

  const int capacity_;
  mutable absl::Mutex mu_;
  int open_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_STREAM_SLOTS_H_
