// Links a granted request for help to the intervention it led to.
//
// A request that the organization granted precedes the deployment it asked
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

#include "query-service/consolidation/group_facts.h"

namespace alliance::query {

// Refines the dates of granted requests in `facts` from the interventions in
// `facts` they led to, and fills an intervention's empty requested_by from such
// a request. Deterministic: interventions are considered in id order.
void LinkGrantedRequestsToInterventions(GroupFacts* facts);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_REQUEST_INTERVENTION_LINK_H_
