// SourceSet: the documents behind one claim and the independent sources among
// them, counted as documents are added, so that a claim kept between
// consolidations (a busy story's fact) takes a new article in time in
// proportion to that article and its copies, not to the thousands before it.
//
// The counts are SourceIndependence::CountSources()'s for the same documents
// and graph: the sources are the connected components of the copy relation on
// the set alone, ids the graph does not hold each stand alone, and the
// reported sources are the components holding no asserting document.
//
// The set keeps graph node numbers, so every Add() must be given the same
// CopyGraph (grown only by CopyGraph::Add, never rebuilt) that earlier calls
// were given. An id is classified (known or not) when first added: a set must
// be rebuilt when an id it holds as unknown joins the graph later.
//
// Thread-compatible.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_SOURCE_SET_H_
#define ALLIANCE_QUERY_CONSOLIDATION_SOURCE_SET_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "query-service/consolidation/copy_graph.h"

namespace alliance::query {

class SourceSet {
 public:
  // Adds the documents `document_ids` (repeats and ids held already are
  // fine); `asserting` says whether they assert the claim rather than only
  // report it (an id once added as asserting stays so).
  void Add(const std::vector<std::string>& document_ids, bool asserting, const CopyGraph& graph);

  // Adds every document of `other` (made with the same graph), keeping
  // whether each asserts.
  void AddAll(const SourceSet& other, const CopyGraph& graph);

  // The independent sources among the documents, and those of them in which
  // no document asserts the claim.
  int sources() const { return components_; }
  int reported() const { return components_ - asserting_components_; }

  // Returns the documents, sorted.
  std::vector<std::string> SortedIds() const;

  // Returns the number of documents.
  size_t size() const { return ids_.size(); }

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

 private:
  // Adds one document not held yet and returns its member index.
  int AddOne(const std::string& id, const CopyGraph& graph);
  int Root(int member);
  // Marks the component of `member` as asserting.
  void MarkAsserting(int member);

  // Per member: its id (the key in member_of_id_), and its union-find parent.
  std::vector<const std::string*> ids_;
  std::vector<int> parent_;
  // Per root member: whether some document of its component asserts.
  std::vector<bool> asserting_;
  absl::node_hash_map<std::string, int> member_of_id_;
  // Graph node -> member, for the documents the graph holds.
  absl::flat_hash_map<int, int> member_of_node_;
  int components_ = 0;
  int asserting_components_ = 0;
};

// A SourceSet that takes documents at once and counts them only when asked,
// so that a tally never ranked (a field with one value) never counts. The
// graph given to Counted() follows SourceSet's contract.
//
// Thread-compatible.
class DeferredSourceSet {
 public:
  // Adds the documents `document_ids` (repeats are fine), asserting.
  void Add(const std::vector<std::string>& document_ids) {
    pending_.insert(pending_.end(), document_ids.begin(), document_ids.end());
  }

  // Returns the set of every document added, counted with `graph`.
  const SourceSet& Counted(const CopyGraph& graph) {
    if (!pending_.empty()) {
      counted_.Add(pending_, /*asserting=*/true, graph);
      pending_.clear();
    }
    return counted_;
  }

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

 private:
  // Added since the last count, with repeats.
  std::vector<std::string> pending_;
  SourceSet counted_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_SOURCE_SET_H_
