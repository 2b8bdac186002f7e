// Source independence: which documents are syndicated copies of one another,
// and how many independent sources stand behind a set of documents.
//
// Two documents are copies when they share at least kMinSharedSentences
// sentence fingerprints AND the shared fingerprints make up at least
// kMinSharedPercent of the smaller document's fingerprints. Copies are grouped
// transitively (union-find): a reprint of a reprint is still one source.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_SOURCE_INDEPENDENCE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_SOURCE_INDEPENDENCE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "alliance/v1/ingest_service.pb.h"
#include "query-service/consolidation/copy_graph.h"

namespace alliance::query {

// Documents by document id, as the query service knows them.
using DocumentMap = absl::flat_hash_map<std::string, v1::DocumentInfo>;

// Confidence never reaches certainty.
inline constexpr double kMaxConfidence = 0.99;

// Returns the number of fingerprints `a` and `b` have in common (each counted
// once; the inputs need not be sorted or unique).
int SharedFingerprintCount(const v1::DocumentInfo& a, const v1::DocumentInfo& b);

// Returns true when `a` and `b` are the same document or syndicated copies.
bool AreSyndicatedCopies(const v1::DocumentInfo& a, const v1::DocumentInfo& b);

// Returns the confidence of a fact told by `sources` independent sources, of
// which `reported_sources` only report it (FACTUALITY_REPORTED: attributed to a
// speaker): 1 - 0.5^w with w = (sources - reported_sources) + reported_sources / 2,
// capped at kMaxConfidence; 0 for no source. So an attributed source is weaker
// evidence than an asserting one (one source: 0.29 against 0.50) and two
// attributed sources weigh as much as one asserting source. Monotone in both
// (more sources: higher; more of them only reported: lower), and computed from
// integers and the constant sqrt(1/2) only, so it is the same on every replica.
double ConfidenceForSources(int sources, int reported_sources = 0);

// The independent sources behind one fact.
struct SourceCount {
  // Independence clusters (syndicated copies count once).
  int sources = 0;
  // Of those, clusters in which no document asserts the fact: every record of
  // it there only reports it.
  int reported = 0;
};

// Counts independent sources among documents. Two documents are copies when
// AreSyndicatedCopies says so; the sources among a set of documents are the
// connected components of the copy relation on that set alone (a copy outside
// the set does not join two of its documents).
//
// The copies among all documents of the map are found once, on first use
// (CopyGraph::Build), or given as a graph kept between consolidations, so
// each count costs in proportion to the documents counted and their copies,
// not to comparing fingerprints.
// Documents missing from the map (or pseudo ids for records without evidence)
// are independent of every other document.
//
// Thread-compatible: the copy graph is built by const-looking queries, so one
// instance must not be shared between threads without external locking.
class SourceIndependence {
 public:
  // `documents` is not owned, must not be null and must outlive this object.
  // `copies`, when not null (not owned; must outlive this object), is the
  // CopyGraph of exactly `documents` with their current fingerprints; null
  // builds the graph on first use.
  explicit SourceIndependence(const DocumentMap* documents, const CopyGraph* copies = nullptr);

  SourceIndependence(const SourceIndependence&) = delete;
  SourceIndependence& operator=(const SourceIndependence&) = delete;

  // Returns true when the documents with these ids are copies (or equal).
  bool AreCopies(const std::string& a, const std::string& b);

  // Returns the number of independence clusters among `document_ids`
  // (duplicates ignored). Order of `document_ids` does not matter.
  int CountSources(const std::vector<std::string>& document_ids);

  // Returns the independence clusters among `document_ids` and how many of them
  // contain no document of `asserting_ids` (ids there but not in
  // `document_ids` are ignored). Order does not matter.
  SourceCount CountSources(const std::vector<std::string>& document_ids,
                           const std::vector<std::string>& asserting_ids);

  // Returns the document's info, or null when unknown.
  const v1::DocumentInfo* Find(const std::string& document_id) const;

  // Returns the document map this object reads.
  const DocumentMap& documents() const { return *documents_; }

  // Returns the copy graph of the documents: the one given, or built on
  // first use.
  const CopyGraph& Graph();

 private:

  // Counts the clusters among `document_ids` and, when `asserting_ids` is not
  // null, those holding none of them.
  SourceCount Count(const std::vector<std::string>& document_ids, const std::vector<std::string>* asserting_ids);

  // Constant after construction
  const DocumentMap* const documents_;

  // The given graph, or &built_ once built.
  const CopyGraph* graph_ = nullptr;
  CopyGraph built_;
  // Scratch of Count(): a node's index among the counted documents, or -1.
  std::vector<int> counted_index_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_SOURCE_INDEPENDENCE_H_
