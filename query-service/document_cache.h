// DocumentCache: the documents a replica's applies read most, kept parsed.
//
// Every apply consolidates the groups it touches, and consolidation needs
// every document their records cite (publication dates, titles, sentence
// fingerprints). A group told by thousands of articles would otherwise read
// and parse thousands of documents from the database on every change that
// touches it. The cache keeps the most recently used documents up to a byte
// budget (their in-memory size, as protobuf counts it) and forgets the least
// recently used first.
//
// Holds only what the database holds: the owner puts a document in after it
// was read from the database or after the batch that wrote it committed.
//
// Thread-compatible: the owner serializes every call (FactStore calls it
// under its apply lock).
#ifndef ALLIANCE_QUERY_DOCUMENT_CACHE_H_
#define ALLIANCE_QUERY_DOCUMENT_CACHE_H_

#include <cstddef>
#include <list>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance::query {

class DocumentCache {
 public:
  // Keeps documents up to `capacity_bytes`; 0 keeps none.
  explicit DocumentCache(size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

  DocumentCache(const DocumentCache&) = delete;
  DocumentCache& operator=(const DocumentCache&) = delete;

  // Returns the document with this id, or null; a hit makes it the most
  // recently used. The pointer is valid until the next Put().
  const v1::DocumentInfo* Find(absl::string_view document_id);

  // Adds or replaces `document` (by its document_id) as the most recently
  // used, then forgets the least recently used until the budget holds. A
  // document larger than the whole budget is not kept.
  void Put(const v1::DocumentInfo& document);

  // The bytes and documents kept now.
  size_t bytes() const { return bytes_; }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    v1::DocumentInfo document;
    size_t bytes = 0;
    std::list<std::string>::iterator position;  // in recency_
  };

  // Forgets the entry `it` points at.
  void Erase(absl::flat_hash_map<std::string, Entry>::iterator it);

  // Constant after construction
  const size_t capacity_bytes_;

  // Ids, most recently used first.
  std::list<std::string> recency_;
  absl::flat_hash_map<std::string, Entry> entries_;
  size_t bytes_ = 0;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_DOCUMENT_CACHE_H_
