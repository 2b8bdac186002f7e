#include "query-service/consolidation/request_merge.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/partial_date.h"
#include "query-service/consolidation/claim_tally.h"
#include "query-service/consolidation/date_merge.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/fact_clustering.h"
#include "query-service/consolidation/fact_fields.h"

namespace alliance::query {
namespace {

bool IsDefinite(v1::AssistanceOutcome outcome) {
  return outcome == v1::ASSISTANCE_OUTCOME_GRANTED || outcome == v1::ASSISTANCE_OUTCOME_DENIED ||
         outcome == v1::ASSISTANCE_OUTCOME_NOT_REQUESTED;
}

bool OutcomeTieBreak(const std::string& a, const std::string& b) {
  return OutcomeFromName(a) < OutcomeFromName(b);
}

struct PendingFact {
  v1::AssistanceRequest fact;
  std::vector<v1::Conflict> conflicts;
};

PendingFact BuildFact(const std::vector<const SourcedRecord*>& records,
                      const std::vector<size_t>& members, absl::string_view organization,
                      SourceIndependence* sources) {
  const DocumentMap* documents = &sources->documents();
  EvidenceSet evidence(documents);
  FactSupport support(sources);
  ClaimTally reporters(sources);
  std::vector<v1::Factuality> factualities;
  for (size_t index : members) factualities.push_back(records[index]->record.assistance_request().factuality());
  const v1::Factuality factuality = CombineFactuality(factualities);
  for (size_t index : members) {
    const SourcedRecord& sourced = *records[index];
    const v1::AssistanceRequest& request = sourced.record.assistance_request();
    // An asserted or reported fact is supported by asserted and reported records only.
    if (!SupportsFact(request.factuality(), factuality)) continue;
    std::vector<std::string> scratch;
    const std::vector<std::string>& ids = DocumentIdsOf(sourced, &scratch);
    support.Add(ids, request.factuality());
    evidence.AddAll(request.evidence());
    if (!request.reported_by().empty()) reporters.Add(request.reported_by(), ids, request.evidence());
  }
  PendingFact pending;
  v1::AssistanceRequest& fact = pending.fact;
  const v1::AssistanceRequest& first = records[members.front()]->record.assistance_request();
  SetGroupFields(first, organization, factuality, support, reporters, &evidence, &fact);
  fact.set_requester_country(first.requester_country());

  // Outcome vote among the supporting records (asserted and reported ones, or
  // all when there are none).
  ClaimTally definite(sources), tentative(sources);
  for (size_t index : members) {
    const SourcedRecord& sourced = *records[index];
    const v1::AssistanceRequest& request = sourced.record.assistance_request();
    if (!SupportsFact(request.factuality(), factuality)) continue;
    if (request.outcome() == v1::ASSISTANCE_OUTCOME_UNSPECIFIED) continue;
    std::vector<std::string> scratch;
    const std::vector<std::string>& ids = DocumentIdsOf(sourced, &scratch);
    ClaimTally& tally = IsDefinite(request.outcome()) ? definite : tentative;
    tally.Add(OutcomeName(request.outcome()), ids, request.evidence());
  }
  const std::vector<RankedClaim> outcomes =
      (definite.empty() ? tentative : definite).Rank(OutcomeTieBreak);
  const std::string winner = outcomes.empty() ? "" : outcomes.front().value;
  fact.set_outcome(outcomes.empty() ? v1::ASSISTANCE_OUTCOME_UNSPECIFIED : OutcomeFromName(winner));
  if (!definite.empty() && ClaimsFromIndependentSources(outcomes, sources)) {
    fact.set_disputed(true);
    v1::Conflict conflict;
    conflict.set_field("outcome");
    conflict.set_organization(fact.organization());
    for (const RankedClaim& claim : outcomes) *conflict.add_claims() = ToConflictClaim(claim);
    pending.conflicts.push_back(std::move(conflict));
  }

  // The date from records that do not contradict the winning outcome; person
  // and context from the records that support it (all records when those say
  // nothing).
  std::vector<DateClaim> dates, winner_dates;
  for (size_t index : members) {
    const SourcedRecord& sourced = *records[index];
    const v1::AssistanceRequest& request = sourced.record.assistance_request();
    if (IsUnset(request.date())) continue;
    std::vector<std::string> scratch;
    DateClaim claim{request.date(), DocumentIdsOf(sourced, &scratch), {}};
    for (const v1::Evidence& e : request.evidence()) claim.evidence.push_back(&e);
    if (!IsDefinite(request.outcome()) || OutcomeName(request.outcome()) == winner) {
      winner_dates.push_back(claim);
    }
    dates.push_back(std::move(claim));
  }
  *fact.mutable_date() = ChooseDate(winner_dates.empty() ? dates : winner_dates, sources).date;
  for (v1::Conflict& conflict : pending.conflicts) {
    conflict.set_summary(absl::StrCat(fact.requester_country(), " assistance request ",
                                      YearLabel(fact.date()), ": outcome"));
  }

  ClaimTally persons(sources), contexts(sources);
  for (int pass = 0; pass < 2 && persons.empty() && contexts.empty(); ++pass) {
    for (size_t index : members) {
      const SourcedRecord& sourced = *records[index];
      const v1::AssistanceRequest& request = sourced.record.assistance_request();
      if (pass == 0 && OutcomeName(request.outcome()) != winner) continue;
      std::vector<std::string> scratch;
      const std::vector<std::string>& ids = DocumentIdsOf(sourced, &scratch);
      if (!request.requester_person().empty()) persons.Add(request.requester_person(), ids, request.evidence());
      if (!request.context().empty()) contexts.Add(request.context(), ids, request.evidence());
    }
  }
  if (!persons.empty()) fact.set_requester_person(persons.Winner(LongerTextTieBreak));
  if (!contexts.empty()) fact.set_context(contexts.Winner(LongerTextTieBreak));
  return pending;
}

}  // namespace

void MergeAssistanceRequests(const std::vector<const SourcedRecord*>& records,
                             absl::string_view organization, SourceIndependence* sources,
                             GroupFacts* out) {
  if (records.empty()) return;
  std::vector<v1::PartialDate> dates;
  for (const SourcedRecord* record : records) dates.push_back(record->record.assistance_request().date());
  // Every request is of one kind: only dates tell them apart.
  const std::vector<int> classes(records.size(), 0);
  const auto clusters = ClusterByDate(dates, [](size_t, size_t) { return true; }, nullptr, nullptr, nullptr, &classes);
  std::vector<PendingFact> facts;
  std::vector<std::string> base_ids;
  for (const std::vector<size_t>& members : clusters) {
    facts.push_back(BuildFact(records, members, organization, sources));
    const v1::AssistanceRequest& fact = facts.back().fact;
    base_ids.push_back(absl::StrCat("request/", fact.organization(), "/", fact.requester_country(),
                                    "/", YearLabel(fact.date())));
  }
  std::vector<v1::PartialDate> fact_dates;
  for (const PendingFact& pending : facts) fact_dates.push_back(pending.fact.date());
  const std::vector<std::string> ids = AssignFactIds(base_ids, fact_dates);
  for (size_t i = 0; i < facts.size(); ++i) facts[i].fact.set_id(ids[i]);
  MoveFactsAndConflicts(&facts, &out->assistance_requests, &out->conflicts);
}

}  // namespace alliance::query
