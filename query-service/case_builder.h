// Cases: one crisis from the appeal for help to the last soldier leaving.
//
// BuildCases links an organization's consolidated requests for help and its
// interventions into cases (v1::Case). Rules:
// * every request is a case, except one the texts say was never made
//   (ASSISTANCE_OUTCOME_NOT_REQUESTED): there was no appeal to follow;
// * an intervention belongs to the case of the request it answered: a request
//   of its host country that was granted or is pending and that
//   - when both are dated, was made in the year the deployment began and no
//     later than it began (of several, the latest such request);
//   - when either is undated, is the host's only granted or pending request
//     and the intervention names the host as requested_by;
// * an intervention no request led to is a case of its own (a deployment
//   without a known appeal);
// * the timeline: REQUESTED (the request's date), DECIDED when the outcome is
//   granted or denied (undated: the texts date an answer with the request),
//   then each intervention's DEPLOYED (its start) and WITHDRAWN (its end, when
//   known), in stage order, then by date;
// * status: WITHDRAWN when every deployment ended, DEPLOYED when one goes on,
//   otherwise the request's outcome (pending: REQUESTED).
// Each step names its fact and carries that fact's evidence (the quotes the
// fact carries, on its first step only), so a case's parts keep their sources.
// Cases come sorted by SortKeyOf (sort_keys.h): their first dated step, then id.
//
// Pure and thread-safe.
#ifndef ALLIANCE_QUERY_CASE_BUILDER_H_
#define ALLIANCE_QUERY_CASE_BUILDER_H_

#include <vector>

#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::query {

// Builds the cases of `requests` and `interventions`, all facts of one
// organization (`organization` names it in each case) that are answered by
// default (asserted or reported).
std::vector<v1::Case> BuildCases(const std::string& organization, const std::vector<v1::AssistanceRequest>& requests,
                                 const std::vector<v1::Intervention>& interventions);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CASE_BUILDER_H_
