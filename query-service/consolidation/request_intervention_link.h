// Links requests for help to the interventions they led to. The one place
// where requests and interventions meet (extraction reads each on its own).
//
// Within one article (LinkWithinArticles, before the merge): an article that
// tells of an appeal for help and of troops sent tells one story, so the
// intervention takes the requester as requested_by and, when the article dates
// only the appeal, the appeal's date as its start; and a pending appeal that
// the article's deployment answered was granted.
//
// Across articles (LinkGrantedRequestsToInterventions, after the merge): a
// request that the organization granted precedes the deployment it asked
// for, so when an intervention by the same organization in the requesting
// country starts inside the request's (coarser) date, the request happened
// between the start of its own date and the intervention's start. Intersecting
// the two gives the request's date as precisely as the texts allow ("early
// 2022" and a start of 2022-01-05 give 2022-01), and the intervention learns who
// asked for it when no article said so. The sentence that dates the start is
// added to the request's evidence, so the refined date keeps its source.
//
// Pure and thread-safe.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_REQUEST_INTERVENTION_LINK_H_
#define ALLIANCE_QUERY_CONSOLIDATION_REQUEST_INTERVENTION_LINK_H_

#include <deque>
#include <vector>

#include "absl/strings/string_view.h"
#include "query-service/consolidation/group_facts.h"

namespace alliance::query {

// Links the requests for help and the interventions in `records` that one
// document tells about the same organization and country (they share a
// document id, as DocumentIdsOf gives them; `default_organization` stands in
// for an empty organization):
// * an intervention record takes the request told first in the document
//   (lowest sentence index there, then the first in `records`) that is
//   asserted, granted or pending, and of the intervention's start year (or
//   either is undated): the requester becomes requested_by when it names none,
//   and, when it has no start, the request's date becomes its start, with the
//   request's sentences added to its evidence so the date keeps its source;
// * then a request that is asserted and still pending becomes granted when such
//   an intervention, asserted or reported, did not start before it ("the
//   president appealed to the bloc on 5 January. The next day its troops were
//   on the ground.").
// A record that changes is copied into `completed` (whose elements stay in
// place) and its pointer in `records` replaced; the caller's records are not
// modified. `records` should come in canonical order, which makes the result
// depend only on the set of records.
void LinkWithinArticles(absl::string_view default_organization, std::vector<const SourcedRecord*>* records,
                        std::deque<SourcedRecord>* completed);

// Refines the dates of granted requests in `facts` from the interventions in
// `facts` they led to, and fills an intervention's empty requested_by from such
// a request. Deterministic: interventions are considered in id order.
void LinkGrantedRequestsToInterventions(GroupFacts* facts);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_REQUEST_INTERVENTION_LINK_H_
