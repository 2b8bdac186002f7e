// Consolidation of assistance requests: one fact per request of a country to
// an organization (or per recorded absence of one).
//
// Rules:
// * Records of one requester join when their dates are compatible
//   (date_merge.h: "fall 2020" joins "2020" and "2020-10"); undated records
//   follow fact_clustering.h. The date is ChooseDate()'s over the records that
//   do not claim a different definite outcome (all records when none of
//   those is dated).
// * Factuality: CombineFactuality() of the records. A fact answered by default
//   (asserted or reported) takes its evidence, sources and outcome votes from
//   asserted and reported records only (all records vote otherwise). A
//   REPORTED fact names its speaker in reported_by; sources, reported_sources
//   and confidence come from FactSupport (fact_fields.h).
//   PENDING and UNSPECIFIED yield to any definite outcome without conflict.
//   When definite outcomes differ, the one with more independent sources wins
//   (ties: GRANTED, DENIED, NOT_REQUESTED in enum order), the fact is disputed,
//   and Conflict "outcome" lists every definite value with its evidence -- if
//   independent sources stand on two sides (ClaimsFromIndependentSources);
//   one article contradicting itself only picks the outcome.
// * requester_person and context: the value with most independent sources
//   among records of the winning outcome (ties: the longer text).
// * Id "request/<ORG>/<COUNTRY>/<YYYY|undated>", "-2"... on clashes.
//
// Thread-compatible: the merge updates the SourceIndependence cache and `out`;
// give each thread its own.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_REQUEST_MERGE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_REQUEST_MERGE_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Consolidates the assistance-request records of one group (organization and
// requester), appending facts and conflicts to `out`. `records` must be in
// canonical order and hold only assistance requests; `organization` replaces
// an empty organization. `sources` and `out` must not be null.
void MergeAssistanceRequests(const std::vector<const SourcedRecord*>& records,
                             absl::string_view organization, SourceIndependence* sources,
                             GroupFacts* out);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_REQUEST_MERGE_H_
