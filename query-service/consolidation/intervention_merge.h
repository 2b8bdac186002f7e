// Consolidation of interventions: one fact per deployment of an organization's
// forces in a host country.
//
// Rules:
// * Records of one host join when their start dates are compatible at month
//   precision (same year, compatible months; days may differ as troops arrive
//   over days) or their start..end spans overlap; undated records follow
//   fact_clustering.h. start and end are ChooseDate()'s over the records'
//   starts and ends (a disagreement there picks silently; only troops and
//   competing claims about who/what are facts people ask about).
// * Factuality: CombineFactuality() of the records. When the fact is answered
//   by default (asserted or reported), only asserted and reported records
//   supply field values (start, end, troops, contributors, requester,
//   purpose), evidence and sources; a hypothetical mention is not support for
//   a deployment. A REPORTED fact names its speaker in reported_by; sources,
//   reported_sources and confidence come from FactSupport (fact_fields.h).
// * Troops, per contributor (empty country = the whole force): the count with
//   most independent sources wins (ties: an exact figure over an approximate
//   one, then the smaller count). Different counts for one contributor, or a
//   contributor's count above the whole force's, give Conflict "troops" with
//   claims "2500" (whole force) and "RUS:3000" (contributor); the fact is
//   disputed. Only when independent sources stand on two sides
//   (ClaimsFromIndependentSources): one article's own figures never conflict.
// * contributing_countries: the union of the records' lists and of the
//   countries that have troop figures, sorted.
// * requested_by and purpose: the value with most independent sources (ties:
//   the longer text, then the smaller).
// * Id "intervention/<ORG>/<HOST>/<YYYY|undated>", "-2"... on clashes.
//
// Thread-compatible: the merge updates the SourceIndependence cache and `out`;
// give each thread its own.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_INTERVENTION_MERGE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_INTERVENTION_MERGE_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Consolidates the intervention records of one group (organization and host),
// appending facts and conflicts to `out`. `records` must be in canonical order
// and hold only interventions; `organization` replaces an empty organization.
// `sources` and `out` must not be null.
void MergeInterventions(const std::vector<const SourcedRecord*>& records,
                        absl::string_view organization, SourceIndependence* sources,
                        GroupFacts* out);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_INTERVENTION_MERGE_H_
