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

int Root(std::vector<int>& parent, int i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

}  // namespace

int SharedFingerprintCount(const v1::DocumentInfo& a, const v1::DocumentInfo& b) {
  return SharedSortedCount(SortedFingerprints(a), SortedFingerprints(b));
}

bool AreSyndicatedCopies(const v1::DocumentInfo& a, const v1::DocumentInfo& b) {
  if (!a.document_id().empty() && a.document_id() == b.document_id()) return true;
  return CopiesBySentences(SortedFingerprints(a), SortedFingerprints(b));
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

SourceIndependence::SourceIndependence(const DocumentMap* documents, const CopyGraph* copies)
    : documents_(documents), graph_(copies) {}

const v1::DocumentInfo* SourceIndependence::Find(const std::string& document_id) const {
  auto it = documents_->find(document_id);
  return it == documents_->end() ? nullptr : &it->second;
}

const CopyGraph& SourceIndependence::Graph() {
  if (graph_ == nullptr) {
    built_ = CopyGraph::Build(*documents_);
    graph_ = &built_;
  }
  if (counted_index_.size() != graph_->size()) counted_index_.assign(graph_->size(), -1);
  return *graph_;
}

bool SourceIndependence::AreCopies(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const CopyGraph& graph = Graph();
  const int na = graph.NodeOf(a), nb = graph.NodeOf(b);
  if (na < 0 || nb < 0) return false;
  const std::vector<int>& copies = graph.CopiesOf(na);
  return std::binary_search(copies.begin(), copies.end(), nb);
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
    const int node = graph.NodeOf(id);
    if (node < 0) {
      unknown.push_back(id);
    } else {
      nodes.push_back(node);
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
    for (int copy : graph.CopiesOf(nodes[k])) {
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
      const int node = graph.NodeOf(id);
      if (node < 0) {
        if (std::binary_search(unknown.begin(), unknown.end(), absl::string_view(id))) asserted_unknown.insert(id);
      } else if (counted_index_[node] >= 0) {
        asserted_roots.insert(Root(parent, counted_index_[node]));
      }
    }
    count.reported = count.sources - static_cast<int>(asserted_roots.size() + asserted_unknown.size());
  }
  for (int node : nodes) counted_index_[node] = -1;
  return count;
}

}  // namespace alliance::query
