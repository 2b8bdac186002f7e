// What the query service answers from one article: the article's records
// consolidated (query-service/consolidation) as one group set, which is where
// requests for help and the interventions the article tells with them are
// linked (request_intervention_link.h). For tests that read a text end to end;
// the extraction stages alone leave those links out.
#ifndef ALLIANCE_TESTS_EXTRACT_EVENTS_ONE_ARTICLE_ANSWERS_H_
#define ALLIANCE_TESTS_EXTRACT_EVENTS_ONE_ARTICLE_ANSWERS_H_

#include <string>
#include <utility>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/consolidator.h"

namespace alliance::ingest::events::testing {

// Consolidates `records`, all from one article, into facts, returned as
// records: membership events, then requests, then interventions, each by id.
// `default_organization` stands in for an empty organization.
inline std::vector<v1::Record> AnswersFromOneArticle(const std::vector<v1::Record>& records,
                                                     const std::string& default_organization = "") {
  std::vector<query::SourcedRecord> sourced;
  for (const v1::Record& record : records) sourced.push_back(query::SourcedRecord{1, record, {}});
  query::GroupFacts facts = query::ConsolidateGroup(sourced, {}, default_organization);
  std::vector<v1::Record> answers;
  for (v1::MembershipEvent& e : facts.membership_events) *answers.emplace_back().mutable_membership_event() = std::move(e);
  for (v1::AssistanceRequest& r : facts.assistance_requests) {
    *answers.emplace_back().mutable_assistance_request() = std::move(r);
  }
  for (v1::Intervention& i : facts.interventions) *answers.emplace_back().mutable_intervention() = std::move(i);
  return answers;
}

}  // namespace alliance::ingest::events::testing

#endif  // ALLIANCE_TESTS_EXTRACT_EVENTS_ONE_ARTICLE_ANSWERS_H_
