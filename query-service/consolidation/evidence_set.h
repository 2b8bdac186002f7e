// Evidence of a consolidated fact: every sentence behind it, once, in an order
// that depends only on the set of sentences.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_EVIDENCE_SET_H_
#define ALLIANCE_QUERY_CONSOLIDATION_EVIDENCE_SET_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "google/protobuf/repeated_field.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Returns the sorted, unique document ids of `evidence`; when there is none,
// a pseudo id "sequence:<n>" so that the record still counts as one source.
std::vector<std::string> RecordDocumentIds(
    uint64_t sequence, const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence);

// Returns the evidence of the record's kind (an intervention's troop figures
// aside; empty for a record of no kind).
const google::protobuf::RepeatedPtrField<v1::Evidence>& EvidenceOf(const v1::Record& record);

// Returns the document ids of `record`'s evidence as RecordDocumentIds()
// gives them: the ones it keeps, or else computed into `scratch` (not null).
const std::vector<std::string>& DocumentIdsOf(const SourcedRecord& record, std::vector<std::string>* scratch);

// Collects evidence, dropping duplicates of the same (document_id, begin, end),
// filling document_title and document_published from the document map when the
// evidence lacks them, and ordering by document publication date (unknown
// last), document id, then offset.
//
// Thread-compatible.
class EvidenceSet {
 public:
  // What makes two pieces of evidence the same: (document_id, begin, end).
  using Key = std::tuple<std::string, int32_t, int32_t>;
  static Key KeyOf(const v1::Evidence& evidence) {
    return Key(evidence.document_id(), evidence.begin(), evidence.end());
  }

  // `documents` is not owned, may be null (nothing is filled in) and must
  // outlive this object, or until Rebind().
  explicit EvidenceSet(const DocumentMap* documents) : documents_(documents) {}

  // Makes later Add() calls fill in from `documents` (same contract): a set
  // kept between consolidations is given each one's map.
  void Rebind(const DocumentMap* documents) { documents_ = documents; }

  // Adds one piece of evidence. Of two with the same key, the one whose
  // serialization sorts first is kept, so the result does not depend on order.
  void Add(const v1::Evidence& evidence);

  // Adds every element of `range`.
  template <typename Range>
  void AddAll(const Range& range) {
    for (const v1::Evidence& evidence : range) Add(evidence);
  }

  // Returns true when nothing was added.
  bool empty() const { return items_.empty(); }

  // Returns the evidence in canonical order.
  std::vector<v1::Evidence> Sorted() const;

  // Returns the evidence held under `keys` (repeats and keys not held are
  // ignored), in canonical order.
  std::vector<v1::Evidence> SortedOf(std::vector<Key> keys) const;

  // Copies the evidence, in canonical order, to the end of `out` (not null).
  void CopyTo(google::protobuf::RepeatedPtrField<v1::Evidence>* out) const;

  // Returns the number of pieces held.
  size_t size() const { return items_.size(); }

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

  // Moves the evidence, in canonical order, to the end of `out` (not null);
  // the set is empty afterwards.
  void MoveTo(google::protobuf::RepeatedPtrField<v1::Evidence>* out);

 private:
  // Not owned.
  const DocumentMap* documents_;

  std::map<Key, v1::Evidence> items_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_EVIDENCE_SET_H_
