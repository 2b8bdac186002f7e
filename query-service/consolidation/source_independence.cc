#include "query-service/consolidation/source_independence.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <utility>

#include "absl/strings/string_view.h"

namespace alliance::query {
namespace {

// sqrt(1/2): the doubt one attributed source leaves, as a literal so that every
// replica uses the same double.
constexpr double kSqrtHalf = 0.70710678118654752440;

std::vector<uint64_t> SortedUnique(const v1::DocumentInfo& document) {
  std::vector<uint64_t> out(document.sentence_fingerprints().begin(),
                            document.sentence_fingerprints().end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int Root(std::vector<int>& parent, int i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

int SharedCount(const std::vector<uint64_t>& fa, const std::vector<uint64_t>& fb) {
  int shared = 0;
  size_t i = 0, j = 0;
  while (i < fa.size() && j < fb.size()) {
    if (fa[i] < fb[j]) {
      ++i;
    } else if (fb[j] < fa[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

bool CopiesBySentences(const std::vector<uint64_t>& fa, const std::vector<uint64_t>& fb) {
  const int shared = SharedCount(fa, fb);
  if (shared < kMinSharedSentences) return false;
  const int64_t smaller = static_cast<int64_t>(std::min(fa.size(), fb.size()));
  // Integer arithmetic: shared / smaller >= kMinSharedPercent / 100.
  return static_cast<int64_t>(shared) * 100 >= kMinSharedPercent * smaller;
}

}  // namespace

int SharedFingerprintCount(const v1::DocumentInfo& a, const v1::DocumentInfo& b) {
  return SharedCount(SortedUnique(a), SortedUnique(b));
}

bool AreSyndicatedCopies(const v1::DocumentInfo& a, const v1::DocumentInfo& b) {
  if (!a.document_id().empty() && a.document_id() == b.document_id()) return true;
  return CopiesBySentences(SortedUnique(a), SortedUnique(b));
}

double ConfidenceForSources(int sources, int reported_sources) {
  if (sources <= 0) return 0.0;
  const int reported = std::clamp(reported_sources, 0, sources);
  // w = whole + (odd ? 1/2 : 0) halvings of the doubt.
  const int whole = (sources - reported) + reported / 2;
  double doubt = 1.0;
  for (int i = 0; i < whole && doubt > 0.0; ++i) doubt *= 0.5;  // exact in binary
  if (reported % 2 == 1) doubt *= kSqrtHalf;
  return std::min(kMaxConfidence, 1.0 - doubt);
}

SourceIndependence::SourceIndependence(const DocumentMap* documents) : documents_(documents) {}

const v1::DocumentInfo* SourceIndependence::Find(const std::string& document_id) const {
  auto it = documents_->find(document_id);
  return it == documents_->end() ? nullptr : &it->second;
}

const SourceIndependence::CopyGraph& SourceIndependence::Graph() {
  if (graph_built_) return graph_;
  graph_built_ = true;
  std::vector<const std::string*> ids;
  ids.reserve(documents_->size());
  for (const auto& [id, document] : *documents_) ids.push_back(&id);
  std::sort(ids.begin(), ids.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  const size_t n = ids.size();
  std::vector<std::vector<uint64_t>> prints(n);
  absl::flat_hash_map<uint64_t, int> holders;
  graph_.node_of.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    graph_.node_of.emplace(*ids[i], static_cast<int>(i));
    prints[i] = SortedUnique(documents_->at(*ids[i]));
    for (uint64_t fingerprint : prints[i]) ++holders[fingerprint];
  }
  graph_.copies.assign(n, {});
  counted_index_.assign(n, -1);
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
  std::vector<std::pair<int, uint64_t>> order;
  for (size_t i = 0; i < n; ++i) {
    if (prints[i].size() < static_cast<size_t>(kMinSharedSentences)) continue;
    order.clear();
    for (uint64_t fingerprint : prints[i]) order.emplace_back(holders[fingerprint], fingerprint);
    std::sort(order.begin(), order.end());
    const size_t prefix = order.size() - (kMinSharedSentences - 1);
    const int self = static_cast<int>(i);
    for (size_t k = 0; k < prefix; ++k) {
      std::vector<int>& earlier = prefix_index[order[k].second];
      for (int j : earlier) {
        if (checked_by[j] == self) continue;
        checked_by[j] = self;
        if (!CopiesBySentences(prints[i], prints[j])) continue;
        graph_.copies[i].push_back(j);
        graph_.copies[j].push_back(self);
      }
      earlier.push_back(self);
    }
  }
  for (std::vector<int>& copies : graph_.copies) std::sort(copies.begin(), copies.end());
  return graph_;
}

bool SourceIndependence::AreCopies(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const CopyGraph& graph = Graph();
  auto na = graph.node_of.find(a), nb = graph.node_of.find(b);
  if (na == graph.node_of.end() || nb == graph.node_of.end()) return false;
  const std::vector<int>& copies = graph.copies[na->second];
  return std::binary_search(copies.begin(), copies.end(), nb->second);
}

int SourceIndependence::CountSources(const std::vector<std::string>& document_ids) {
  return Count(document_ids, nullptr).sources;
}

SourceCount SourceIndependence::CountSources(const std::vector<std::string>& document_ids,
                                             const std::vector<std::string>& asserting_ids) {
  return Count(document_ids, &asserting_ids);
}

SourceCount SourceIndependence::Count(const std::vector<std::string>& document_ids,
                                      const std::vector<std::string>* asserting_ids) {
  const CopyGraph& graph = Graph();
  // Known documents as graph nodes; unknown ids stand alone.
  std::vector<int> nodes;
  std::vector<absl::string_view> unknown;
  nodes.reserve(document_ids.size());
  for (const std::string& id : document_ids) {
    auto node = graph.node_of.find(id);
    if (node == graph.node_of.end()) {
      unknown.push_back(id);
    } else {
      nodes.push_back(node->second);
    }
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::sort(unknown.begin(), unknown.end());
  unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
  // Union-find over the counted nodes, joined by the copies among them only.
  for (size_t k = 0; k < nodes.size(); ++k) counted_index_[nodes[k]] = static_cast<int>(k);
  std::vector<int> parent(nodes.size());
  std::iota(parent.begin(), parent.end(), 0);
  int clusters = static_cast<int>(nodes.size());
  for (size_t k = 0; k < nodes.size(); ++k) {
    for (int copy : graph.copies[nodes[k]]) {
      const int other = counted_index_[copy];
      if (other < 0) continue;
      const int a = Root(parent, static_cast<int>(k)), b = Root(parent, other);
      if (a == b) continue;
      parent[std::max(a, b)] = std::min(a, b);
      --clusters;
    }
  }
  SourceCount count;
  count.sources = clusters + static_cast<int>(unknown.size());
  if (asserting_ids != nullptr) {
    std::set<int> asserted_roots;
    std::set<absl::string_view> asserted_unknown;
    for (const std::string& id : *asserting_ids) {
      auto node = graph.node_of.find(id);
      if (node == graph.node_of.end()) {
        if (std::binary_search(unknown.begin(), unknown.end(), absl::string_view(id))) asserted_unknown.insert(id);
      } else if (counted_index_[node->second] >= 0) {
        asserted_roots.insert(Root(parent, counted_index_[node->second]));
      }
    }
    count.reported = count.sources - static_cast<int>(asserted_roots.size() + asserted_unknown.size());
  }
  for (int node : nodes) counted_index_[node] = -1;
  return count;
}

}  // namespace alliance::query
