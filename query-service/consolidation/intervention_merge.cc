#include "query-service/consolidation/intervention_merge.h"

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/partial_date.h"
#include "query-service/consolidation/claim_tally.h"
#include "query-service/consolidation/date_merge.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/fact_clustering.h"
#include "query-service/consolidation/fact_fields.h"

namespace alliance::query {
namespace {

struct PendingFact {
  v1::Intervention fact;
  std::vector<v1::Conflict> conflicts;
};

// The troop figures one contributor is given, by count.
struct ContributorFigures {
  explicit ContributorFigures(SourceIndependence* sources) : tally(sources) {}
  ClaimTally tally;  // value: decimal count
  // The figure kept for each count: an exact one over an approximate one, then
  // the one whose serialization sorts first.
  std::map<std::string, v1::TroopContribution> figures;
};

std::string Serialized(const v1::TroopContribution& troop) {
  std::string bytes;
  troop.SerializeToString(&bytes);
  return bytes;
}

std::string TroopClaimValue(const std::string& country, const std::string& count) {
  return country.empty() ? count : absl::StrCat(country, ":", count);
}

PendingFact BuildFact(const std::vector<const SourcedRecord*>& records,
                      const std::vector<size_t>& members, absl::string_view organization,
                      SourceIndependence* sources) {
  const DocumentMap* documents = &sources->documents();
  EvidenceSet evidence(documents);
  FactSupport support(sources);
  std::set<std::string> contributors;
  std::vector<DateClaim> starts, ends;
  std::vector<v1::Factuality> factualities;
  ClaimTally requesters(sources), purposes(sources), reporters(sources);
  std::map<std::string, ContributorFigures> troops;  // by contributor ("" = whole force)
  for (size_t index : members) factualities.push_back(records[index]->record.intervention().factuality());
  const v1::Factuality factuality = CombineFactuality(factualities);
  for (size_t index : members) {
    const SourcedRecord& sourced = *records[index];
    const v1::Intervention& record = sourced.record.intervention();
    std::vector<std::string> scratch;
    const std::vector<std::string>& ids = DocumentIdsOf(sourced, &scratch);
    // An asserted or reported fact is supported by asserted and reported
    // records only: a hypothetical "could send 5,000" adds neither evidence,
    // sources nor field values to it.
    if (!SupportsFact(record.factuality(), factuality)) continue;
    support.Add(ids, record.factuality());
    evidence.AddAll(record.evidence());
    std::vector<const v1::Evidence*> cited;
    for (const v1::Evidence& e : record.evidence()) cited.push_back(&e);
    // Only the winning speaker, requester and purpose are used: no evidence kept.
    if (!record.reported_by().empty()) reporters.AddValue(record.reported_by(), ids);
    starts.push_back({record.start(), ids, cited});
    if (!IsUnset(record.end())) ends.push_back({record.end(), ids, cited});
    if (!record.requested_by().empty()) requesters.AddValue(record.requested_by(), ids);
    if (!record.purpose().empty()) purposes.AddValue(record.purpose(), ids);
    for (const std::string& country : record.contributing_countries()) {
      if (!country.empty()) contributors.insert(country);
    }
    for (const v1::TroopContribution& troop : record.troops()) {
      if (troop.count() <= 0) continue;
      if (!troop.country().empty()) contributors.insert(troop.country());
      auto it = troops.try_emplace(troop.country(), sources).first;
      const std::string count = absl::StrCat(troop.count());
      if (!troop.evidence().document_id().empty()) {
        it->second.tally.Add(count, {troop.evidence().document_id()}, std::vector<v1::Evidence>{troop.evidence()});
      } else {
        it->second.tally.Add(count, ids, record.evidence());
      }
      auto [kept, inserted] = it->second.figures.emplace(count, troop);
      if (!inserted) {
        const bool better = kept->second.approximate() != troop.approximate()
                                ? !troop.approximate()
                                : Serialized(troop) < Serialized(kept->second);
        if (better) kept->second = troop;
      }
    }
  }
  PendingFact pending;
  v1::Intervention& fact = pending.fact;
  const v1::Intervention& first = records[members.front()]->record.intervention();
  SetGroupFields(first, organization, factuality, support, reporters, &evidence, &fact);
  fact.set_host_country(first.host_country());
  *fact.mutable_start() = ChooseDate(starts, sources).date;
  *fact.mutable_end() = ChooseDate(ends, sources).date;
  if (!requesters.empty()) fact.set_requested_by(requesters.Winner(LongerTextTieBreak));
  if (!purposes.empty()) fact.set_purpose(purposes.Winner(LongerTextTieBreak));
  for (const std::string& country : contributors) fact.add_contributing_countries(country);

  // Troops: the winning figure per contributor; disagreements become claims.
  v1::Conflict conflict;
  std::set<std::string> claimed;
  auto add_claim = [&conflict, &claimed](const std::string& country, const RankedClaim& claim) {
    RankedClaim labelled = claim;
    labelled.value = TroopClaimValue(country, claim.value);
    if (claimed.insert(labelled.value).second) *conflict.add_claims() = ToConflictClaim(labelled);
  };
  std::map<std::string, RankedClaim> winners;
  for (auto& [country, figures] : troops) {
    const std::map<std::string, v1::TroopContribution>& kept = figures.figures;
    const std::vector<RankedClaim> ranked =
        figures.tally.Rank([&kept](const std::string& a, const std::string& b) {
          const bool approx_a = kept.at(a).approximate(), approx_b = kept.at(b).approximate();
          if (approx_a != approx_b) return !approx_a;
          return kept.at(a).count() < kept.at(b).count();
        });
    v1::TroopContribution* troop = fact.add_troops();
    *troop = kept.at(ranked.front().value);
    troop->set_country(country);
    if (!ranked.front().evidence.empty()) *troop->mutable_evidence() = ranked.front().evidence.front();
    winners.emplace(country, ranked.front());
    if (ClaimsFromIndependentSources(ranked, sources)) {
      for (const RankedClaim& claim : ranked) add_claim(country, claim);
    }
  }
  auto whole = winners.find("");
  if (whole != winners.end()) {
    int whole_count = 0;
    (void)absl::SimpleAtoi(whole->second.value, &whole_count);
    for (const auto& [country, claim] : winners) {
      int count = 0;
      if (country.empty() || !absl::SimpleAtoi(claim.value, &count) || count <= whole_count) continue;
      if (!ClaimsFromIndependentSources({whole->second, claim}, sources)) continue;
      add_claim("", whole->second);
      add_claim(country, claim);
    }
  }
  if (conflict.claims_size() > 0) {
    fact.set_disputed(true);
    conflict.set_field("troops");
    conflict.set_organization(fact.organization());
    conflict.set_summary(absl::StrCat(fact.host_country(), " intervention ",
                                      YearLabel(fact.start()), ": troops"));
    pending.conflicts.push_back(std::move(conflict));
  }
  return pending;
}

// Starts in the same month of the same year (days may differ: troops arrive
// over several days), or spans that overlap.
bool SameDeployment(const v1::Intervention& a, const v1::Intervention& b) {
  if (IsUnset(a.start()) || IsUnset(b.start())) return false;
  if (DatesCompatible(MakeDate(a.start().year(), a.start().month()),
                      MakeDate(b.start().year(), b.start().month()))) {
    return true;
  }
  const int32_t a_last = LastDayKey(IsUnset(a.end()) ? a.start() : a.end());
  const int32_t b_last = LastDayKey(IsUnset(b.end()) ? b.start() : b.end());
  return FirstDayKey(a.start()) <= b_last && FirstDayKey(b.start()) <= a_last;
}

}  // namespace

void MergeInterventions(const std::vector<const SourcedRecord*>& records,
                        absl::string_view organization, SourceIndependence* sources,
                        GroupFacts* out) {
  if (records.empty()) return;
  std::vector<v1::PartialDate> dates;
  for (const SourcedRecord* record : records) dates.push_back(record->record.intervention().start());
  // SameDeployment reads the start (the clustering date) and the end: records
  // with equal ends are one class.
  std::vector<int> classes;
  std::map<std::tuple<int, int, int>, int> class_of_end;
  for (const SourcedRecord* record : records) {
    const v1::PartialDate& end = record->record.intervention().end();
    classes.push_back(class_of_end.emplace(std::make_tuple(end.year(), end.month(), end.day()),
                                           static_cast<int>(class_of_end.size()))
                          .first->second);
  }
  const auto clusters = ClusterByDate(
      dates, [](size_t, size_t) { return true; },
      [&records](size_t i, size_t j) {
        return SameDeployment(records[i]->record.intervention(), records[j]->record.intervention());
      },
      nullptr, nullptr, &classes);
  std::vector<PendingFact> facts;
  std::vector<std::string> base_ids;
  std::vector<v1::PartialDate> fact_dates;
  for (const std::vector<size_t>& members : clusters) {
    facts.push_back(BuildFact(records, members, organization, sources));
    const v1::Intervention& fact = facts.back().fact;
    base_ids.push_back(absl::StrCat("intervention/", fact.organization(), "/", fact.host_country(),
                                    "/", YearLabel(fact.start())));
    fact_dates.push_back(fact.start());
  }
  const std::vector<std::string> ids = AssignFactIds(base_ids, fact_dates);
  for (size_t i = 0; i < facts.size(); ++i) facts[i].fact.set_id(ids[i]);
  MoveFactsAndConflicts(&facts, &out->interventions, &out->conflicts);
}

}  // namespace alliance::query
