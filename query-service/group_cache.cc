#include "query-service/group_cache.h"

#include <algorithm>

namespace alliance::query {
namespace {

// Rough per-object overheads of parsed messages and containers.
constexpr size_t kRecordOverhead = 640;
constexpr size_t kDocumentOverhead = 160;
constexpr size_t kFactOverhead = 96;

// The estimated bytes of one held document, and of one missing id.
size_t HeldDocumentBytes(const std::string& id, const v1::DocumentInfo& document) {
  return 2 * id.size() + document.title().size() + 8 * document.sentence_fingerprints_size() + kDocumentOverhead;
}
size_t MissingDocumentBytes(const std::string& id) { return id.size() + kDocumentOverhead; }

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
  for (const SourcedRecord& record : state.records) {
    bytes += 2 * record.record.ByteSizeLong() + kRecordOverhead;
    for (const std::string& id : record.document_ids) bytes += id.size() + 32;
  }
  for (const auto& [id, document] : state.documents) bytes += HeldDocumentBytes(id, document);
  for (const std::string& id : state.missing_documents) bytes += MissingDocumentBytes(id);
  for (const auto& [key, value] : state.facts) bytes += key.size() + value.size() + kFactOverhead;
  if (state.copies.has_value()) bytes += state.copies->EstimateBytes();
  return bytes + state.kept.EstimateBytes();
}

const CopyGraph& CurrentCopyGraph(GroupState* state) {
  if (!state->copies.has_value()) {
    state->kept = KeptConsolidation();  // it numbers documents as the old graph did
    state->copies = CopyGraph::Build(state->documents);
  } else if (state->copies->size() != state->documents.size()) {
    // Documents are only ever added to a state (a changed one drops the
    // graph), so the graph holds a subset: add the rest.
    for (const auto& [id, document] : state->documents) {
      if (state->copies->NodeOf(id) < 0) state->copies->Add(id, document);
    }
  }
  return *state->copies;
}

GroupCache::GroupCache(size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

std::optional<GroupState> GroupCache::Take(const std::string& group) {
  auto found = entries_.find(group);
  if (found == entries_.end() || found->second.taken || found->second.evicted) return std::nullopt;
  Entry& entry = found->second;
  GroupState state = std::move(entry.state);
  entry.state = GroupState();
  bytes_ -= entry.bytes;
  entry.bytes = 0;
  entry.taken = true;
  --held_;
  return state;
}

void GroupCache::Put(const std::string& group, GroupState state) {
  const size_t bytes = EstimateBytes(state);
  Entry& entry = entries_[group];
  if (!entry.taken && !entry.evicted && entry.uses > 0) {
    bytes_ -= entry.bytes;
    --held_;
  }
  if (bytes > capacity_bytes_) {
    entries_.erase(group);
    return;
  }
  entry.bytes = bytes;
  entry.state = std::move(state);
  entry.taken = false;
  entry.evicted = false;
  ++entry.uses;
  entry.priority = age_ + entry.uses * (1 + bytes / kMissCostUnitBytes);
  entry.order = ++puts_;
  bytes_ += bytes;
  ++held_;
  while (bytes_ > capacity_bytes_) EvictOne();
}

void GroupCache::EvictOne() {
  auto lowest = entries_.end();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.taken || it->second.evicted) continue;
    if (lowest == entries_.end() || it->second.priority < lowest->second.priority ||
        (it->second.priority == lowest->second.priority && it->second.order < lowest->second.order)) {
      lowest = it;
    }
  }
  if (lowest == entries_.end()) return;
  Entry& evicted = lowest->second;
  age_ = evicted.priority;
  bytes_ -= evicted.bytes;
  --held_;
  disposer_.Dispose(std::move(evicted.state));
  evicted.state = GroupState();
  evicted.bytes = 0;
  evicted.evicted = true;
}

void GroupCache::RefreshDocument(const v1::DocumentInfo& document) {
  const std::string& id = document.document_id();
  for (auto& [group, entry] : entries_) {
    if (entry.taken || entry.evicted) continue;
    auto held = entry.state.documents.find(id);
    const bool missing = entry.state.missing_documents.erase(id) > 0;
    if (held == entry.state.documents.end() && !missing) continue;
    // What the last consolidation kept was filled in from, and counted with,
    // the document as it was: consolidate from scratch next time.
    const size_t kept_bytes = entry.state.kept.EstimateBytes();
    entry.state.kept = KeptConsolidation();
    entry.bytes -= kept_bytes;
    bytes_ -= kept_bytes;
    // Keep the byte count honest for the document's new size, counting only
    // what changed (the state may hold thousands of records).
    const size_t old_bytes = (missing ? MissingDocumentBytes(id) : 0) +
                             (held != entry.state.documents.end() ? HeldDocumentBytes(id, held->second) : 0);
    v1::DocumentInfo slim = SlimDocument(document);
    const size_t new_bytes = HeldDocumentBytes(id, slim);
    if (held != entry.state.documents.end()) {
      const bool same_sentences = std::equal(
          held->second.sentence_fingerprints().begin(), held->second.sentence_fingerprints().end(),
          slim.sentence_fingerprints().begin(), slim.sentence_fingerprints().end());
      if (!same_sentences && entry.state.copies.has_value()) {
        // Its copies may differ: the graph is built afresh when next used.
        const size_t graph_bytes = entry.state.copies->EstimateBytes();
        entry.state.copies.reset();
        entry.bytes -= graph_bytes;
        bytes_ -= graph_bytes;
      }
      held->second = std::move(slim);
    } else {
      entry.state.documents.emplace(id, std::move(slim));
    }
    entry.bytes = entry.bytes - old_bytes + new_bytes;
    bytes_ = bytes_ - old_bytes + new_bytes;
  }
  while (bytes_ > capacity_bytes_) EvictOne();
}

void GroupCache::Clear() {
  entries_.clear();
  held_ = 0;
  bytes_ = 0;
}

}  // namespace alliance::query
