#include "query-service/change_queue.h"

namespace alliance::query {

ChangeQueue::ChangeQueue(size_t capacity, size_t capacity_bytes)
    : capacity_(capacity), capacity_bytes_(capacity_bytes) {}

bool ChangeQueue::Push(v1::Change change) {
  const size_t bytes = change.ByteSizeLong();
  absl::MutexLock lock(&mu_);
  auto room = [this, bytes]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return aborted_ || items_.empty() || (items_.size() < capacity_ && bytes_ + bytes <= capacity_bytes_);
  };
  mu_.Await(absl::Condition(&room));
  if (aborted_) return false;
  items_.emplace_back(std::move(change), bytes);
  bytes_ += bytes;
  return true;
}

bool ChangeQueue::PopAvailable(size_t most, size_t most_bytes, std::vector<v1::Change>* out) {
  out->clear();
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return closed_ || !items_.empty(); };
  mu_.Await(absl::Condition(&ready));
  size_t taken_bytes = 0;
  while (!items_.empty() && out->size() < most &&
         (out->empty() || taken_bytes + items_.front().second <= most_bytes)) {
    taken_bytes += items_.front().second;
    bytes_ -= items_.front().second;
    out->push_back(std::move(items_.front().first));
    items_.pop_front();
  }
  return !out->empty();
}

void ChangeQueue::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

void ChangeQueue::Abort() {
  absl::MutexLock lock(&mu_);
  aborted_ = true;
}

}  // namespace alliance::query
