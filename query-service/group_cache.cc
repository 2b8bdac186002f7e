#include "query-service/group_cache.h"

namespace alliance::query {
namespace {

// Rough per-object overheads of parsed messages and containers.
constexpr size_t kRecordOverhead = 640;
constexpr size_t kDocumentOverhead = 160;
constexpr size_t kFactOverhead = 96;

}  // namespace

v1::DocumentInfo SlimDocument(const v1::DocumentInfo& document) {
  v1::DocumentInfo slim;
  slim.set_document_id(document.document_id());
  slim.set_title(document.title());
  if (document.has_published()) *slim.mutable_published() = document.published();
  *slim.mutable_sentence_fingerprints() = document.sentence_fingerprints();
  return slim;
}

size_t EstimateBytes(const GroupState& state) {
  size_t bytes = 0;
  // A parsed record takes about twice its encoded size, plus its objects.
  for (const SourcedRecord& record : state.records) bytes += 2 * record.record.ByteSizeLong() + kRecordOverhead;
  for (const auto& [id, document] : state.documents) {
    bytes += 2 * id.size() + document.title().size() + 8 * document.sentence_fingerprints_size() + kDocumentOverhead;
  }
  for (const std::string& id : state.missing_documents) bytes += id.size() + kDocumentOverhead;
  for (const auto& [key, value] : state.facts) bytes += key.size() + value.size() + kFactOverhead;
  return bytes;
}

GroupCache::GroupCache(size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

std::optional<GroupState> GroupCache::Take(const std::string& group) {
  auto found = by_group_.find(group);
  if (found == by_group_.end()) return std::nullopt;
  GroupState state = std::move(found->second->state);
  Erase(found->second);
  return state;
}

void GroupCache::Put(const std::string& group, GroupState state) {
  if (auto found = by_group_.find(group); found != by_group_.end()) Erase(found->second);
  const size_t bytes = EstimateBytes(state);
  if (bytes > capacity_bytes_) return;
  entries_.push_front(Entry{group, std::move(state), bytes});
  by_group_[group] = entries_.begin();
  bytes_ += bytes;
  while (bytes_ > capacity_bytes_) Erase(std::prev(entries_.end()));
}

void GroupCache::RefreshDocument(const v1::DocumentInfo& document) {
  const std::string& id = document.document_id();
  for (Entry& entry : entries_) {
    auto held = entry.state.documents.find(id);
    const bool missing = entry.state.missing_documents.erase(id) > 0;
    if (held == entry.state.documents.end() && !missing) continue;
    v1::DocumentInfo slim = SlimDocument(document);
    // Keep the byte count honest for the document's new size.
    const size_t old_bytes = entry.bytes;
    if (held != entry.state.documents.end()) {
      held->second = std::move(slim);
    } else {
      entry.state.documents.emplace(id, std::move(slim));
    }
    entry.bytes = EstimateBytes(entry.state);
    bytes_ = bytes_ - old_bytes + entry.bytes;
  }
  while (bytes_ > capacity_bytes_ && !entries_.empty()) Erase(std::prev(entries_.end()));
}

void GroupCache::Clear() {
  entries_.clear();
  by_group_.clear();
  bytes_ = 0;
}

void GroupCache::Erase(std::list<Entry>::iterator it) {
  bytes_ -= it->bytes;
  by_group_.erase(it->group);
  entries_.erase(it);
}

}  // namespace alliance::query
