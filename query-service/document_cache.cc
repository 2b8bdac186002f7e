#include "query-service/document_cache.h"

#include <utility>

namespace alliance::query {

const v1::DocumentInfo* DocumentCache::Find(absl::string_view document_id) {
  auto it = entries_.find(document_id);
  if (it == entries_.end()) return nullptr;
  recency_.splice(recency_.begin(), recency_, it->second.position);
  return &it->second.document;
}

void DocumentCache::Put(const v1::DocumentInfo& document) {
  if (auto old = entries_.find(document.document_id()); old != entries_.end()) Erase(old);
  // The id is held twice (key and recency list) beside the message itself.
  const size_t bytes = document.SpaceUsedLong() + 2 * document.document_id().size();
  if (bytes > capacity_bytes_) return;
  recency_.push_front(document.document_id());
  Entry& entry = entries_[document.document_id()];
  entry.document = document;
  entry.bytes = bytes;
  entry.position = recency_.begin();
  bytes_ += bytes;
  while (bytes_ > capacity_bytes_) Erase(entries_.find(recency_.back()));
}

void DocumentCache::Erase(absl::flat_hash_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.bytes;
  recency_.erase(it->second.position);
  entries_.erase(it);
}

}  // namespace alliance::query
