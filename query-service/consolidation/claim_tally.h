// Votes on the value of one field of one fact: each value is supported by the
// independent sources that claim it. Used to pick a value and, when sources
// disagree, to build the claims of a v1::Conflict.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_CLAIM_TALLY_H_
#define ALLIANCE_QUERY_CONSOLIDATION_CLAIM_TALLY_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/source_independence.h"
#include "query-service/consolidation/source_set.h"

namespace alliance::query {

// One claimed value with its support.
struct RankedClaim {
  std::string value;
  // Independent sources behind the value.
  int sources = 0;
  // Documents that claim it, sorted.
  std::vector<std::string> document_ids;
  // Their sentences, in canonical order.
  std::vector<v1::Evidence> evidence;
};

// Orders two values that have equal support; returns true when `a` wins.
using TieBreak = std::function<bool(const std::string& a, const std::string& b)>;

// Prefers the lexicographically smaller value.
bool LexicographicTieBreak(const std::string& a, const std::string& b);

// Prefers the longer (more complete) text, then the lexicographically smaller.
bool LongerTextTieBreak(const std::string& a, const std::string& b);

// Collects claims for one field. Thread-compatible.
class ClaimTally {
 public:
  // `sources` is not owned, must not be null and must outlive this object,
  // or until Rebind().
  explicit ClaimTally(SourceIndependence* sources) : sources_(sources) {}

  // Makes later calls use `sources` (same contract; its graph must be the
  // one grown from the graph used before): a tally kept between
  // consolidations is given each one's.
  void Rebind(SourceIndependence* sources);

  // Records that `document_ids` claim `value`, citing `evidence`.
  template <typename EvidenceRange>
  void Add(const std::string& value, const std::vector<std::string>& document_ids,
           const EvidenceRange& evidence) {
    Entry& entry = Find(value);
    entry.documents.Add(document_ids);
    entry.evidence.AddAll(evidence);
  }

  // Records that `document_ids` claim `value`, keeping no evidence: for a
  // tally only ranked to pick its winning value (its claims' evidence stays
  // empty). Ranking is the same as with Add().
  void AddValue(const std::string& value, const std::vector<std::string>& document_ids) {
    Find(value).documents.Add(document_ids);
  }

  // Returns true when no value was claimed.
  bool empty() const { return entries_.empty(); }

  // Returns the number of distinct values.
  size_t size() const { return entries_.size(); }

  // Returns the claims, the winner first: more independent sources first, then
  // `tie_break`.
  std::vector<RankedClaim> Rank(const TieBreak& tie_break) const;

  // Returns the value Rank() puts first, without copying any claim's
  // documents or evidence. Must not be called when empty().
  std::string Winner(const TieBreak& tie_break) const;

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

 private:
  struct Entry {
    explicit Entry(const DocumentMap* documents) : evidence(documents) {}
    // Counted only when a ranking needs the counts.
    mutable DeferredSourceSet documents;
    EvidenceSet evidence;
  };

  Entry& Find(const std::string& value);
  // Returns the documents of `entry`, counted.
  const SourceSet& Counted(const Entry& entry) const { return entry.documents.Counted(sources_->Graph()); }

  // Not owned.
  SourceIndependence* sources_;

  std::map<std::string, Entry> entries_;
};

// Returns true when at least two of `claims` are made by independent sources:
// some document behind one claim is not a copy of some document behind
// another. One article (or its reprints) contradicting itself is not a
// dispute between sources. `sources` must not be null.
bool ClaimsFromIndependentSources(const std::vector<RankedClaim>& claims, SourceIndependence* sources);

// Converts a ranked claim to a conflict claim.
v1::ConflictClaim ToConflictClaim(const RankedClaim& claim);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_CLAIM_TALLY_H_
