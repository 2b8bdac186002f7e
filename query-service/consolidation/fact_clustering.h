// Partitions the records of one group into facts: records whose dates are
// compatible (see date_merge.h) and whose kinds agree tell the same event.
// Pure and thread-safe (given thread-safe predicates).
#ifndef ALLIANCE_QUERY_CONSOLIDATION_FACT_CLUSTERING_H_
#define ALLIANCE_QUERY_CONSOLIDATION_FACT_CLUSTERING_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "alliance/v1/records.pb.h"

namespace alliance::query {

// Returns true when records `i` and `j` may describe the same event apart
// from their dates (e.g. synonymous membership actions).
using SameKind = std::function<bool(size_t i, size_t j)>;

// Partitions records 0..dates.size()-1 into facts and returns each fact's
// record indices, ascending; facts are ordered by their first index.
//
// Dated records of the same kind are joined when their dates are compatible,
// transitively (so 1999-03 and 1999-04 join through a 1999 record and their
// disagreement becomes a conflict; without such a link they stay two facts).
// An undated record joins the one dated fact that holds a record of its exact
// kind (`same_exact`, when given) if exactly one exists; when none exists, the
// one dated fact of its kind if exactly one exists; otherwise undated records
// of the same kind form a fact of their own.
// `also_same`, when given, joins dated records of the same kind whose dates
// are not compatible but that still tell one event (e.g. overlapping spans).
// `may_place`, when given, limits the dated records an undated one is weighed
// against (e.g. an asserted "Azerbaijan joined" is not placed by a
// hypothetical "the possibility of Azerbaijan joining" of some year).
// `classes`, when given (one per record), says which records the predicates
// cannot tell apart: records with the same class and the same date must get
// the same answer from every predicate against any record, and `same_kind`
// must hold between them. Only one record per (class, date) is then weighed,
// and the others follow it, so a group that repeats one claim in thousands of
// articles costs what its distinct claims cost; the result is the same as
// without `classes`.
// Deterministic for a given order of records; callers sort records first.
std::vector<std::vector<size_t>> ClusterByDate(const std::vector<v1::PartialDate>& dates,
                                               const SameKind& same_kind,
                                               const SameKind& also_same = nullptr,
                                               const SameKind& same_exact = nullptr,
                                               const SameKind& may_place = nullptr,
                                               const std::vector<int>* classes = nullptr);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_FACT_CLUSTERING_H_
