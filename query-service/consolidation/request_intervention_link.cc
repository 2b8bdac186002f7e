#include "query-service/consolidation/request_intervention_link.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "common/partial_date.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/consolidation/evidence_set.h"

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

// True when `request` may be the appeal that `intervention`, told in the same
// document, answered.
bool MayHaveLedTo(const v1::AssistanceRequest& request, const v1::Intervention& intervention) {
  if (request.factuality() != v1::FACTUALITY_ASSERTED) return false;
  if (request.outcome() != v1::ASSISTANCE_OUTCOME_GRANTED && request.outcome() != v1::ASSISTANCE_OUTCOME_PENDING) {
    return false;
  }
  return IsUnset(intervention.start()) || IsUnset(request.date()) ||
         intervention.start().year() == request.date().year();
}

// The first sentence index of `request`'s evidence in `document_id` (a large
// number when it has none there).
int SentenceIn(const v1::AssistanceRequest& request, const std::string& document_id) {
  int first = std::numeric_limits<int>::max();
  for (const v1::Evidence& evidence : request.evidence()) {
    if (evidence.document_id() == document_id) first = std::min(first, evidence.sentence_index());
  }
  return first;
}

}  // namespace

// True when `intervention`, told in the same document, answered `request`:
// it happened and did not start before the request.
bool Answered(const v1::Intervention& intervention, const v1::AssistanceRequest& request) {
  if (intervention.factuality() != v1::FACTUALITY_ASSERTED && intervention.factuality() != v1::FACTUALITY_REPORTED) {
    return false;
  }
  return IsUnset(intervention.start()) || IsUnset(request.date()) ||
         LastDayKey(intervention.start()) >= FirstDayKey(request.date());
}

void LinkWithinArticles(absl::string_view default_organization, std::vector<const SourcedRecord*>* records,
                        std::deque<SourcedRecord>* completed) {
  // The positions in `records` of the requests and interventions told by one
  // document about one subject, in the order of `records`.
  using Key = std::pair<std::string, std::string>;  // (GroupKeyOf, document id)
  std::map<Key, std::vector<size_t>> requests, interventions;
  std::vector<std::string> scratch;
  for (size_t i = 0; i < records->size(); ++i) {
    const v1::Record& record = (*records)[i]->record;
    if (!record.has_assistance_request() && !record.has_intervention()) continue;
    auto& told = record.has_assistance_request() ? requests : interventions;
    for (const std::string& document_id : DocumentIdsOf(*(*records)[i], &scratch)) {
      told[Key(GroupKeyOf(record, default_organization), document_id)].push_back(i);
    }
  }
  if (requests.empty() || interventions.empty()) return;
  auto replace = [&](size_t i) {
    SourcedRecord& copy = completed->emplace_back(*(*records)[i]);
    (*records)[i] = &copy;
    return &copy.record;
  };

  for (const auto& [key, positions] : interventions) {
    auto told = requests.find(key);
    if (told == requests.end()) continue;
    for (size_t i : positions) {
      const v1::Intervention& intervention = (*records)[i]->record.intervention();
      if (!intervention.requested_by().empty() && !IsUnset(intervention.start())) continue;
      const v1::AssistanceRequest* appeal = nullptr;
      int appeal_sentence = 0;
      for (size_t j : told->second) {
        const v1::AssistanceRequest& candidate = (*records)[j]->record.assistance_request();
        if (!MayHaveLedTo(candidate, intervention)) continue;
        const int sentence = SentenceIn(candidate, key.second);
        if (appeal == nullptr || sentence < appeal_sentence) {
          appeal = &candidate;
          appeal_sentence = sentence;
        }
      }
      if (appeal == nullptr) continue;
      v1::Intervention* completing = replace(i)->mutable_intervention();
      if (completing->requested_by().empty()) completing->set_requested_by(appeal->requester_country());
      if (IsUnset(completing->start()) && !IsUnset(appeal->date())) {
        *completing->mutable_start() = appeal->date();
        for (const v1::Evidence& evidence : appeal->evidence()) *completing->add_evidence() = evidence;
      }
    }
  }

  for (const auto& [key, positions] : requests) {
    auto told = interventions.find(key);
    if (told == interventions.end()) continue;
    for (size_t j : positions) {
      const v1::AssistanceRequest& request = (*records)[j]->record.assistance_request();
      if (request.outcome() != v1::ASSISTANCE_OUTCOME_PENDING || request.factuality() != v1::FACTUALITY_ASSERTED) {
        continue;
      }
      const bool granted = std::any_of(told->second.begin(), told->second.end(), [&](size_t i) {
        return Answered((*records)[i]->record.intervention(), request);
      });
      if (granted) replace(j)->mutable_assistance_request()->set_outcome(v1::ASSISTANCE_OUTCOME_GRANTED);
    }
  }
}

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
