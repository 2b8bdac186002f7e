#include "query-service/consolidation/source_independence.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <utility>

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

const std::vector<uint64_t>* SourceIndependence::Fingerprints(const std::string& document_id) {
  auto cached = fingerprints_.find(document_id);
  if (cached != fingerprints_.end()) return &cached->second;
  const v1::DocumentInfo* document = Find(document_id);
  if (document == nullptr) return nullptr;
  return &fingerprints_.emplace(document_id, SortedUnique(*document)).first->second;
}

bool SourceIndependence::AreCopies(const std::string& a, const std::string& b) {
  if (a == b) return true;
  std::pair<std::string, std::string> key = a < b ? std::make_pair(a, b) : std::make_pair(b, a);
  auto cached = pair_cache_.find(key);
  if (cached != pair_cache_.end()) return cached->second;
  const std::vector<uint64_t>* fa = Fingerprints(a);
  const std::vector<uint64_t>* fb = Fingerprints(b);
  const bool copies = fa != nullptr && fb != nullptr && CopiesBySentences(*fa, *fb);
  pair_cache_.emplace(std::move(key), copies);
  return copies;
}

int SourceIndependence::CountSources(const std::vector<std::string>& document_ids) {
  std::vector<std::string> ids = document_ids;
  const std::vector<int> roots = ClusterRoots(&ids);
  return static_cast<int>(std::set<int>(roots.begin(), roots.end()).size());
}

SourceCount SourceIndependence::CountSources(const std::vector<std::string>& document_ids,
                                             const std::vector<std::string>& asserting_ids) {
  std::vector<std::string> ids = document_ids;
  const std::vector<int> roots = ClusterRoots(&ids);
  const std::set<std::string> asserting(asserting_ids.begin(), asserting_ids.end());
  std::set<int> clusters, asserted;
  for (size_t i = 0; i < ids.size(); ++i) {
    clusters.insert(roots[i]);
    if (asserting.count(ids[i]) > 0) asserted.insert(roots[i]);
  }
  SourceCount count;
  count.sources = static_cast<int>(clusters.size());
  count.reported = count.sources - static_cast<int>(asserted.size());
  return count;
}

std::vector<int> SourceIndependence::ClusterRoots(std::vector<std::string>* ids_out) {
  std::vector<std::string>& ids = *ids_out;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  // Copies share at least kMinSharedSentences fingerprints. Candidate pairs
  // come from prefix filtering (as in set-similarity joins): order each
  // document's fingerprints by how many of these documents hold them (rarest
  // first, ties by value) and index only the first size - (kMinSharedSentences
  // - 1) of them. Two documents sharing kMinSharedSentences fingerprints must
  // share one within both prefixes, whatever the order; putting the common
  // fingerprints last keeps a sentence that every document quotes from making
  // every pair a candidate. The pairs then checked are a superset of the
  // copies, so the clusters equal those of checking every pair.
  std::vector<const std::vector<uint64_t>*> prints(ids.size());
  absl::flat_hash_map<uint64_t, int> holders;
  for (size_t i = 0; i < ids.size(); ++i) {
    prints[i] = Fingerprints(ids[i]);
    if (prints[i] == nullptr) continue;
    for (uint64_t fingerprint : *prints[i]) ++holders[fingerprint];
  }
  std::vector<int> parent(ids.size());
  std::iota(parent.begin(), parent.end(), 0);
  absl::flat_hash_map<uint64_t, std::vector<int>> prefix_index;
  std::vector<int> checked_by(ids.size(), -1);
  std::vector<std::pair<int, uint64_t>> order;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (prints[i] == nullptr || prints[i]->size() < static_cast<size_t>(kMinSharedSentences)) continue;
    order.clear();
    for (uint64_t fingerprint : *prints[i]) order.emplace_back(holders[fingerprint], fingerprint);
    std::sort(order.begin(), order.end());
    const size_t prefix = order.size() - (kMinSharedSentences - 1);
    const int self = static_cast<int>(i);
    for (size_t k = 0; k < prefix; ++k) {
      std::vector<int>& earlier = prefix_index[order[k].second];
      for (int j : earlier) {
        if (checked_by[j] == self) continue;
        checked_by[j] = self;
        const int ri = Root(parent, self), rj = Root(parent, j);
        if (ri == rj || !AreCopies(ids[i], ids[j])) continue;
        parent[std::max(ri, rj)] = std::min(ri, rj);
      }
      earlier.push_back(self);
    }
  }
  std::vector<int> roots(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) roots[i] = Root(parent, static_cast<int>(i));
  return roots;
}

}  // namespace alliance::query
