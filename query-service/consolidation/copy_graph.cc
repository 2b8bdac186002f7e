#include "query-service/consolidation/copy_graph.h"

#include <algorithm>
#include <utility>

namespace alliance::query {

std::vector<uint64_t> SortedFingerprints(const v1::DocumentInfo& document) {
  std::vector<uint64_t> out(document.sentence_fingerprints().begin(), document.sentence_fingerprints().end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int SharedSortedCount(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  int shared = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

bool CopiesBySentences(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  const int shared = SharedSortedCount(a, b);
  if (shared < kMinSharedSentences) return false;
  const int64_t smaller = static_cast<int64_t>(std::min(a.size(), b.size()));
  // Integer arithmetic: shared / smaller >= kMinSharedPercent / 100.
  return static_cast<int64_t>(shared) * 100 >= kMinSharedPercent * smaller;
}

int CopyGraph::AddNode(const std::string& id, std::vector<uint64_t> prints) {
  const int node = static_cast<int>(copies_.size());
  node_of_.emplace(id, node);
  prints_.push_back(std::move(prints));
  copies_.emplace_back();
  return node;
}

CopyGraph CopyGraph::Build(const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents) {
  CopyGraph graph;
  std::vector<const std::string*> ids;
  ids.reserve(documents.size());
  for (const auto& [id, document] : documents) ids.push_back(&id);
  std::sort(ids.begin(), ids.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  const size_t n = ids.size();
  graph.node_of_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const int node = graph.AddNode(*ids[i], SortedFingerprints(documents.at(*ids[i])));
    for (uint64_t fingerprint : graph.prints_[node]) graph.holders_[fingerprint].push_back(node);
  }
  // Copies share at least kMinSharedSentences fingerprints. Candidate pairs
  // come from prefix filtering (as in set-similarity joins): order each
  // document's fingerprints by how many documents hold them (rarest first,
  // ties by value) and index only the first size - (kMinSharedSentences - 1)
  // of them. Two documents sharing kMinSharedSentences fingerprints must share
  // one within both prefixes, whatever the order; putting the common
  // fingerprints last keeps a sentence that every document quotes from making
  // every pair a candidate. Every candidate is then checked, so the graph
  // holds exactly the pairs of copies.
  absl::flat_hash_map<uint64_t, std::vector<int>> prefix_index;
  std::vector<int> checked_by(n, -1);
  std::vector<std::pair<size_t, uint64_t>> order;
  for (size_t i = 0; i < n; ++i) {
    const std::vector<uint64_t>& prints = graph.prints_[i];
    if (prints.size() < static_cast<size_t>(kMinSharedSentences)) continue;
    order.clear();
    for (uint64_t fingerprint : prints) order.emplace_back(graph.holders_[fingerprint].size(), fingerprint);
    std::sort(order.begin(), order.end());
    const size_t prefix = order.size() - (kMinSharedSentences - 1);
    const int self = static_cast<int>(i);
    for (size_t k = 0; k < prefix; ++k) {
      std::vector<int>& earlier = prefix_index[order[k].second];
      for (int j : earlier) {
        if (checked_by[j] == self) continue;
        checked_by[j] = self;
        if (!CopiesBySentences(prints, graph.prints_[j])) continue;
        graph.copies_[i].push_back(j);
        graph.copies_[j].push_back(self);
      }
      earlier.push_back(self);
    }
  }
  for (std::vector<int>& copies : graph.copies_) std::sort(copies.begin(), copies.end());
  return graph;
}

void CopyGraph::Add(const std::string& id, const v1::DocumentInfo& document) {
  std::vector<uint64_t> prints = SortedFingerprints(document);
  // Candidates: every held document sharing kMinSharedSentences of these
  // fingerprints, counted through the index.
  std::vector<int> candidates;
  if (prints.size() >= static_cast<size_t>(kMinSharedSentences)) {
    absl::flat_hash_map<int, int> shared;
    for (uint64_t fingerprint : prints) {
      auto holders = holders_.find(fingerprint);
      if (holders == holders_.end()) continue;
      for (int node : holders->second) ++shared[node];
    }
    for (const auto& [node, count] : shared) {
      if (count >= kMinSharedSentences && CopiesBySentences(prints, prints_[node])) candidates.push_back(node);
    }
  }
  const int self = AddNode(id, std::move(prints));
  for (uint64_t fingerprint : prints_[self]) holders_[fingerprint].push_back(self);
  std::sort(candidates.begin(), candidates.end());
  for (int node : candidates) copies_[node].push_back(self);  // self is the largest node
  copies_[self] = std::move(candidates);
}

int CopyGraph::NodeOf(const std::string& id) const {
  auto found = node_of_.find(id);
  return found == node_of_.end() ? -1 : found->second;
}

size_t CopyGraph::EstimateBytes() const {
  // Per node: its id in the map, its lists and their headers; per fingerprint
  // held: the value, and the node in the index.
  size_t bytes = 0;
  for (const auto& [id, node] : node_of_) bytes += id.size() + 64;
  for (size_t node = 0; node < copies_.size(); ++node) {
    bytes += 48 + 8 * prints_[node].size() + 4 * copies_[node].size() + 12 * prints_[node].size();
  }
  bytes += 48 * holders_.size();
  return bytes;
}

}  // namespace alliance::query
