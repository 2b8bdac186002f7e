#include "query-service/consolidation/request_intervention_link.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "common/partial_date.h"

namespace alliance::query {
namespace {

// Returns the coarsest date that still lies within [first, last] (yyyymmdd
// keys), or an unset date when the interval spans more than one year.
v1::PartialDate NarrowestDateWithin(int32_t first, int32_t last) {
  const int first_year = first / 10000, last_year = last / 10000;
  if (first_year != last_year) return v1::PartialDate();
  const int first_month = first / 100 % 100, last_month = last / 100 % 100;
  if (first_month != last_month) return MakeDate(first_year);
  if (first != last) return MakeDate(first_year, first_month);
  return MakeDate(first_year, first_month, first % 100);
}

// Returns true when `finer` says strictly more than `coarser` about the date.
bool MorePrecise(const v1::PartialDate& finer, const v1::PartialDate& coarser) {
  return LastDayKey(finer) - FirstDayKey(finer) < LastDayKey(coarser) - FirstDayKey(coarser);
}

}  // namespace

void LinkGrantedRequestsToInterventions(GroupFacts* facts) {
  std::vector<v1::Intervention*> interventions;
  for (v1::Intervention& intervention : facts->interventions) interventions.push_back(&intervention);
  std::sort(interventions.begin(), interventions.end(),
            [](const v1::Intervention* a, const v1::Intervention* b) { return a->id() < b->id(); });

  for (v1::AssistanceRequest& request : facts->assistance_requests) {
    if (request.outcome() != v1::ASSISTANCE_OUTCOME_GRANTED || IsUnset(request.date())) continue;
    for (v1::Intervention* intervention : interventions) {
      if (intervention->organization() != request.organization() ||
          intervention->host_country() != request.requester_country() || IsUnset(intervention->start()) ||
          !Refines(intervention->start(), request.date())) {
        continue;
      }
      if (intervention->requested_by().empty()) intervention->set_requested_by(request.requester_country());
      const v1::PartialDate narrowed =
          NarrowestDateWithin(FirstDayKey(request.date()), LastDayKey(intervention->start()));
      if (IsUnset(narrowed) || !MorePrecise(narrowed, request.date())) break;
      const std::string as_written = request.date().as_written();
      *request.mutable_date() = narrowed;
      request.mutable_date()->set_as_written(as_written);
      // Quote the sentences that date the start, so the refinement has a source.
      const std::string& start_words = intervention->start().as_written();
      for (const v1::Evidence& evidence : intervention->evidence()) {
        if (!start_words.empty() && absl::StrContains(evidence.quote(), start_words)) {
          *request.add_evidence() = evidence;
          break;
        }
      }
      break;
    }
  }
}

}  // namespace alliance::query
