#include "query-service/consolidation/membership_merge.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/deterministic_bytes.h"
#include "common/partial_date.h"
#include "query-service/consolidation/claim_tally.h"
#include "query-service/consolidation/date_merge.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/fact_clustering.h"
#include "query-service/consolidation/fact_fields.h"

namespace alliance::query {
namespace {

bool IsEntry(v1::MembershipAction action) {
  return action == v1::MEMBERSHIP_ACTION_SIGNED || action == v1::MEMBERSHIP_ACTION_JOINED ||
         action == v1::MEMBERSHIP_ACTION_REJOINED;
}

bool IsExit(v1::MembershipAction action) {
  return action == v1::MEMBERSHIP_ACTION_WITHDREW ||
         action == v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL;
}

// A fact being built, with conflicts waiting for its final id.
struct PendingFact {
  v1::MembershipEvent fact;
  std::vector<v1::Conflict> conflicts;  // subject_id filled in later
};

// Flags entries of one country that no exit separates (see the header).
void AddEntryConflicts(std::vector<PendingFact>* facts, SourceIndependence* sources) {
  std::vector<PendingFact*> timeline;
  for (PendingFact& pending : *facts) {
    const v1::MembershipEvent& fact = pending.fact;
    if (!AnsweredByDefault(fact.factuality()) || IsUnset(fact.date())) continue;
    if (IsEntry(fact.action()) || IsExit(fact.action())) timeline.push_back(&pending);
  }
  std::stable_sort(timeline.begin(), timeline.end(), [](const PendingFact* a, const PendingFact* b) {
    const int by_date = CompareDates(a->fact.date(), b->fact.date());
    if (by_date != 0) return by_date < 0;
    return IsExit(a->fact.action()) && !IsExit(b->fact.action());  // an exit closes first
  });
  std::vector<PendingFact*> episode;
  auto flush = [&episode, sources]() {
    std::set<std::string> distinct_dates;
    for (const PendingFact* entry : episode) distinct_dates.insert(FormatDate(entry->fact.date()));
    std::vector<RankedClaim> claims;  // one per entry, for the independence test
    if (distinct_dates.size() >= 2) {
      for (const PendingFact* entry : episode) {
        RankedClaim claim;
        for (const v1::Evidence& e : entry->fact.evidence()) claim.document_ids.push_back(e.document_id());
        claims.push_back(std::move(claim));
      }
    }
    if (distinct_dates.size() >= 2 && ClaimsFromIndependentSources(claims, sources)) {
      PendingFact* subject = episode.back();
      v1::Conflict conflict;
      conflict.set_field("date");
      conflict.set_organization(subject->fact.organization());
      std::vector<std::string> values;
      for (PendingFact* entry : episode) {
        entry->fact.set_disputed(true);
        v1::ConflictClaim* claim = conflict.add_claims();
        claim->set_value(DateClaimValue(entry->fact.date()));
        *claim->mutable_evidence() = entry->fact.evidence();
        values.push_back(claim->value());
      }
      conflict.set_summary(absl::StrCat(subject->fact.country(), " joined: ",
                                        absl::StrJoin(values, " or ")));
      subject->conflicts.push_back(std::move(conflict));
    }
    episode.clear();
  };
  for (PendingFact* pending : timeline) {
    if (IsExit(pending->fact.action())) {
      flush();
    } else {
      episode.push_back(pending);
    }
  }
  flush();
}

}  // namespace

bool SameMembershipEvent(v1::MembershipAction a, v1::MembershipAction b) {
  if (a == b) return true;
  auto is_pair = [a, b](v1::MembershipAction x, v1::MembershipAction y) {
    return (a == x && b == y) || (a == y && b == x);
  };
  return is_pair(v1::MEMBERSHIP_ACTION_SIGNED, v1::MEMBERSHIP_ACTION_JOINED) ||
         is_pair(v1::MEMBERSHIP_ACTION_JOINED, v1::MEMBERSHIP_ACTION_REJOINED) ||
         is_pair(v1::MEMBERSHIP_ACTION_WITHDREW, v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL);
}

// One fact: its running tallies, and the fact they last gave.
struct MembershipMerge::Fact {
  Fact(const v1::MembershipEvent& first, absl::string_view default_organization, v1::Factuality factuality,
       SourceIndependence* sources)
      : factuality(factuality),
        country(first.country()),
        organization(first.organization().empty() ? std::string(default_organization) : first.organization()),
        evidence(&sources->documents()),
        support(sources),
        actions(sources),
        reporters(sources),
        dates(sources) {}

  // Points the tallies at this consolidation's documents and graph.
  void Rebind(SourceIndependence* sources) {
    evidence.Rebind(&sources->documents());
    support.Rebind(sources);
    actions.Rebind(sources);
    reporters.Rebind(sources);
    dates.Rebind(sources);
  }

  // Adds a record that supports the fact (SupportsFact).
  void Add(const SourcedRecord& sourced) {
    const v1::MembershipEvent& event = sourced.record.membership_event();
    std::vector<std::string> scratch;
    const std::vector<std::string>& ids = DocumentIdsOf(sourced, &scratch);
    support.Add(ids, event.factuality());
    evidence.AddAll(event.evidence());
    // Only the winning speaker and action are used: no evidence kept for them.
    if (!event.reported_by().empty()) reporters.AddValue(event.reported_by(), ids);
    actions.AddValue(ActionName(event.action()), ids);
    dates.Add(event.date(), ids, event.evidence());
  }

  // Returns the fact the tallies give (without its id); with `consume`, moves
  // the evidence out, leaving the tallies unusable.
  PendingFact Build(SourceIndependence* sources, bool consume) {
    PendingFact pending;
    v1::MembershipEvent& fact = pending.fact;
    fact.set_country(country);
    fact.set_organization(organization);
    const v1::MembershipAction action =
        ActionFromName(actions.Winner([](const std::string& a, const std::string& b) {
          return ActionFromName(a) < ActionFromName(b);
        }));
    fact.set_action(action);
    DateChoice date = dates.Choose(&evidence);
    *fact.mutable_date() = date.date;
    if (consume) {
      evidence.MoveTo(fact.mutable_evidence());
    } else {
      evidence.CopyTo(fact.mutable_evidence());
    }
    support.SetOn(&fact);
    fact.set_factuality(factuality);
    if (fact.factuality() == v1::FACTUALITY_REPORTED && !reporters.empty()) {
      fact.set_reported_by(reporters.Winner(LongerTextTieBreak));
    }
    if (ClaimsFromIndependentSources(date.alternatives, sources)) {
      fact.set_disputed(true);
      v1::Conflict conflict;
      conflict.set_field("date");
      conflict.set_organization(fact.organization());
      std::vector<std::string> values;
      for (const RankedClaim& claim : date.alternatives) {
        *conflict.add_claims() = ToConflictClaim(claim);
        values.push_back(claim.value);
      }
      conflict.set_summary(absl::StrCat(fact.country(), " ", ActionWords(action), ": ",
                                        absl::StrJoin(values, " or ")));
      pending.conflicts.push_back(std::move(conflict));
    }
    return pending;
  }

  // The canonical order key of the fact's first record.
  std::string first_bytes;
  uint64_t first_sequence = 0;
  // CombineFactuality() of all of its records.
  v1::Factuality factuality;
  std::string country;
  std::string organization;
  EvidenceSet evidence;
  FactSupport support;
  ClaimTally actions;
  ClaimTally reporters;
  DateTally dates;
};

MembershipMerge::MembershipMerge() = default;
MembershipMerge::~MembershipMerge() = default;
MembershipMerge::MembershipMerge(MembershipMerge&&) noexcept = default;
MembershipMerge& MembershipMerge::operator=(MembershipMerge&&) noexcept = default;

MembershipMerge::ClaimKey MembershipMerge::ClaimKeyOf(const v1::MembershipEvent& event) {
  const v1::PartialDate& date = event.date();
  return ClaimKey(static_cast<int>(event.action()) * 2 + AnsweredByDefault(event.factuality()), date.year(),
                  date.month(), date.day(), date.approximate());
}

void MembershipMerge::Rebuild(const std::vector<const SourcedRecord*>& records, absl::string_view organization,
                              SourceIndependence* sources) {
  facts_.clear();
  fact_of_claim_.clear();
  reorder_ = false;
  if (records.empty()) return;
  std::vector<v1::PartialDate> dates;
  dates.reserve(records.size());
  for (const SourcedRecord* record : records) dates.push_back(record->record.membership_event().date());
  auto action = [&records](size_t i) { return records[i]->record.membership_event().action(); };
  // Asserted and reported claims say it happened; the others do not.
  auto happened = [&records](size_t i) {
    return AnsweredByDefault(records[i]->record.membership_event().factuality());
  };
  // The predicates below read only the action and whether it happened.
  std::vector<int> classes;
  classes.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) classes.push_back(static_cast<int>(action(i)) * 2 + happened(i));
  const auto clusters = ClusterByDate(
      dates, [&action](size_t i, size_t j) { return SameMembershipEvent(action(i), action(j)); },
      nullptr, [&action](size_t i, size_t j) { return action(i) == action(j); },
      [&happened](size_t i, size_t j) { return happened(i) == happened(j); }, &classes);
  facts_.reserve(clusters.size());
  for (const std::vector<size_t>& members : clusters) {
    std::vector<v1::Factuality> factualities;
    for (size_t index : members) factualities.push_back(records[index]->record.membership_event().factuality());
    const SourcedRecord& first = *records[members.front()];
    auto fact = std::make_unique<Fact>(first.record.membership_event(), organization,
                                       CombineFactuality(factualities), sources);
    fact->first_bytes = DeterministicBytes(first.record);
    fact->first_sequence = first.sequence;
    for (size_t index : members) {
      const v1::MembershipEvent& event = records[index]->record.membership_event();
      fact_of_claim_[ClaimKeyOf(event)] = fact.get();
      // An asserted or reported fact is supported by asserted and reported
      // records only: proposals and hypotheticals add neither evidence,
      // sources nor the action or date to it.
      if (SupportsFact(event.factuality(), fact->factuality)) fact->Add(*records[index]);
    }
    facts_.push_back(std::move(fact));
  }
}

bool MembershipMerge::TryAdd(const SourcedRecord& record, SourceIndependence* sources) {
  if (!record.record.has_membership_event()) return false;
  const v1::MembershipEvent& event = record.record.membership_event();
  auto found = fact_of_claim_.find(ClaimKeyOf(event));
  if (found == fact_of_claim_.end()) return false;
  Fact& fact = *found->second;
  if (FactualityStrength(event.factuality()) > FactualityStrength(fact.factuality)) return false;
  std::string bytes = DeterministicBytes(record.record);
  if (std::tie(bytes, record.sequence) < std::tie(fact.first_bytes, fact.first_sequence)) {
    fact.first_bytes = std::move(bytes);
    fact.first_sequence = record.sequence;
    reorder_ = true;
  }
  if (SupportsFact(event.factuality(), fact.factuality)) {
    fact.Rebind(sources);
    fact.Add(record);
  }
  return true;
}

void MembershipMerge::AppendTo(SourceIndependence* sources, GroupFacts* out, bool keep) {
  if (reorder_) {
    std::sort(facts_.begin(), facts_.end(), [](const std::unique_ptr<Fact>& a, const std::unique_ptr<Fact>& b) {
      return std::tie(a->first_bytes, a->first_sequence) < std::tie(b->first_bytes, b->first_sequence);
    });
    reorder_ = false;
  }
  std::vector<PendingFact> facts;
  facts.reserve(facts_.size());
  for (std::unique_ptr<Fact>& fact : facts_) {
    fact->Rebind(sources);
    facts.push_back(fact->Build(sources, /*consume=*/!keep));
  }
  if (!keep) {
    facts_.clear();
    fact_of_claim_.clear();
  }
  std::vector<std::string> base_ids;
  for (const PendingFact& pending : facts) {
    const v1::MembershipEvent& fact = pending.fact;
    base_ids.push_back(absl::StrCat("membership/", fact.organization(), "/", fact.country(), "/",
                                    ActionName(fact.action()), "/", YearLabel(fact.date())));
  }
  std::vector<v1::PartialDate> fact_dates;
  for (const PendingFact& pending : facts) fact_dates.push_back(pending.fact.date());
  const std::vector<std::string> ids = AssignFactIds(base_ids, fact_dates);
  for (size_t i = 0; i < facts.size(); ++i) facts[i].fact.set_id(ids[i]);

  AddEntryConflicts(&facts, sources);
  MoveFactsAndConflicts(&facts, &out->membership_events, &out->conflicts);
}

size_t MembershipMerge::EstimateBytes() const {
  size_t bytes = 64 * fact_of_claim_.size();
  for (const std::unique_ptr<Fact>& fact : facts_) {
    bytes += 256 + fact->first_bytes.size() + fact->evidence.EstimateBytes() + fact->support.EstimateBytes() +
             fact->actions.EstimateBytes() + fact->reporters.EstimateBytes() + fact->dates.EstimateBytes();
  }
  return bytes;
}

void MergeMembershipEvents(const std::vector<const SourcedRecord*>& records,
                           absl::string_view organization, SourceIndependence* sources,
                           GroupFacts* out) {
  MembershipMerge merge;
  merge.Rebuild(records, organization, sources);
  merge.AppendTo(sources, out, /*keep=*/false);
}

}  // namespace alliance::query
