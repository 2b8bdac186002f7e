// CopyGraph: which documents of a set are syndicated copies of one another
// (AreSyndicatedCopies in source_independence.h), as adjacency lists, so that
// counting the independent sources behind a fact costs in proportion to its
// documents and their copies, not to comparing fingerprints.
//
// Built once for a set of documents, then grown one document at a time: a
// query replica keeps the graph of a busy group between applies (group
// cache), so a live change adds its one document instead of rebuilding the
// graph of thousands. Both ways give exactly the pairs of copies, so counts
// do not depend on how the graph was made.
//
// Thread-compatible.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_COPY_GRAPH_H_
#define ALLIANCE_QUERY_CONSOLIDATION_COPY_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance::query {

// Fewest shared sentences for two documents to count as copies.
inline constexpr int kMinSharedSentences = 3;
// Smallest share (percent of the smaller document's fingerprints) for copies.
inline constexpr int kMinSharedPercent = 20;

// Returns the document's sentence fingerprints, sorted and unique.
std::vector<uint64_t> SortedFingerprints(const v1::DocumentInfo& document);

// Returns the number of values two sorted, unique lists share.
int SharedSortedCount(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Returns true when documents with these sorted, unique fingerprints are
// copies: at least kMinSharedSentences shared, making up at least
// kMinSharedPercent of the smaller list.
bool CopiesBySentences(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

class CopyGraph {
 public:
  // The empty graph.
  CopyGraph() = default;

  // Returns the graph of `documents` (document id -> document).
  static CopyGraph Build(const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents);

  // Adds `document` under `id`, which the graph must not hold yet, and its
  // copies among the documents it holds. Costs in proportion to the
  // documents that share a sentence with it.
  void Add(const std::string& id, const v1::DocumentInfo& document);

  // Returns the node of document `id`, or -1 when the graph does not hold it.
  int NodeOf(const std::string& id) const;

  // Returns the nodes that `node` is a copy of, ascending.
  const std::vector<int>& CopiesOf(int node) const { return copies_[node]; }

  // Returns the number of documents held.
  size_t size() const { return copies_.size(); }

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

 private:
  // Adds a node for `id` with `prints` (sorted, unique) and no edges.
  int AddNode(const std::string& id, std::vector<uint64_t> prints);

  absl::flat_hash_map<std::string, int> node_of_;
  // Per node: its sorted unique fingerprints and its copies.
  std::vector<std::vector<uint64_t>> prints_;
  std::vector<std::vector<int>> copies_;
  // Every fingerprint to the nodes holding it, ascending.
  absl::flat_hash_map<uint64_t, std::vector<int>> holders_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_COPY_GRAPH_H_
