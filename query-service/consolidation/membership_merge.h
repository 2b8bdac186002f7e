// Consolidation of membership records: one fact per membership event of a
// country, however many articles tell it.
//
// Rules:
// * Records of one country join when their actions name the same kind of
//   event and their dates are compatible (date_merge.h). Same kind: equal
//   actions, and the synonyms SIGNED~JOINED, JOINED~REJOINED and
//   WITHDREW~DECLINED_RENEWAL (articles word one accession or exit either way).
//   The fact's action is the one with most independent sources; ties go to the
//   lower enum value. Incompatible dates stay separate facts (a country can
//   withdraw twice). An undated record joins the one dated fact with its exact
//   action, else the one dated fact of a synonymous action (fact_clustering.h).
// * The date is ChooseDate()'s; competing finer dates give Conflict "date".
// * Factuality: CombineFactuality() of the records (ASSERTED when any record
//   asserts it; REPORTED when the best is an attributed claim). When the fact
//   is answered by default (AnsweredByDefault: asserted or reported), only
//   asserted and reported records supply the action, the date, evidence and
//   sources: a proposal is not support for a fact. A REPORTED fact names its
//   speaker in reported_by (the one with most independent sources).
// * sources, reported_sources and confidence: FactSupport (fact_fields.h); a
//   source whose records only report the event counts half in confidence.
// * Entry conflict: two dated entries (SIGNED, JOINED, REJOINED) of one
//   country answered by default, with no such exit (WITHDREW,
//   DECLINED_RENEWAL) between them, cannot both be right; both stay, marked
//   disputed, and a Conflict "date" on the later one lists each date ("ZMB
//   joined: 2030 or 2031").
// * Conflicts need independent sources on two sides (ClaimsFromIndependentSources).
// * Id "membership/<ORG>/<COUNTRY>/<ACTION>/<YYYY|undated>", "-2"... on clashes.
//
// Thread-compatible: the merge updates the SourceIndependence cache and `out`;
// give each thread its own.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_MERGE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_MERGE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Returns true when two actions may describe the same event.
bool SameMembershipEvent(v1::MembershipAction a, v1::MembershipAction b);

// Consolidates the membership-event records of one group (one organization
// and country), appending facts and conflicts to `out`. `records` must be in
// canonical order and hold only membership events; `organization` replaces an
// empty organization. `sources` and `out` must not be null.
void MergeMembershipEvents(const std::vector<const SourcedRecord*>& records,
                           absl::string_view organization, SourceIndependence* sources,
                           GroupFacts* out);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_MERGE_H_
