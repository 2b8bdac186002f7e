#include "query-service/consolidation/consolidator.h"

#include <algorithm>
#include <deque>
#include <map>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/deterministic_bytes.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/intervention_merge.h"
#include "query-service/consolidation/membership_merge.h"
#include "query-service/consolidation/request_intervention_link.h"
#include "query-service/consolidation/request_merge.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {
namespace {


const std::string& OrganizationOf(const v1::Record& record) {
  switch (record.kind_case()) {
    case v1::Record::kMembershipEvent:
      return record.membership_event().organization();
    case v1::Record::kIntervention:
      return record.intervention().organization();
    case v1::Record::kAssistanceRequest:
      return record.assistance_request().organization();
    default:
      return record.membership_event().organization();  // the empty default
  }
}

// Merges conflicts that share (subject_id, field): claims with the same value
// are combined, evidence deduplicated and re-sorted; the first summary stays.
std::vector<v1::Conflict> NormalizeConflicts(std::vector<v1::Conflict> conflicts,
                                             const DocumentMap& documents) {
  std::map<std::pair<std::string, std::string>, v1::Conflict> merged;
  for (v1::Conflict& conflict : conflicts) {
    auto key = std::make_pair(conflict.subject_id(), conflict.field());
    // try_emplace leaves `conflict` as it is when the key is there already.
    auto [it, inserted] = merged.try_emplace(std::move(key), std::move(conflict));
    if (inserted) continue;
    for (const v1::ConflictClaim& claim : conflict.claims()) {
      v1::ConflictClaim* target = nullptr;
      for (v1::ConflictClaim& existing : *it->second.mutable_claims()) {
        if (existing.value() == claim.value()) target = &existing;
      }
      if (target == nullptr) {
        *it->second.add_claims() = claim;
        continue;
      }
      EvidenceSet evidence(&documents);
      evidence.AddAll(target->evidence());
      evidence.AddAll(claim.evidence());
      target->clear_evidence();
      evidence.MoveTo(target->mutable_evidence());
    }
  }
  std::vector<v1::Conflict> out;
  out.reserve(merged.size());
  for (auto& [key, conflict] : merged) out.push_back(std::move(conflict));
  return out;
}

template <typename Fact>
void SortById(std::vector<Fact>* facts) {
  std::stable_sort(facts->begin(), facts->end(),
                   [](const Fact& a, const Fact& b) { return a.id() < b.id(); });
}

// Prefixes naming what a key covers, per record kind.
struct KeyPrefixes {
  absl::string_view membership;
  absl::string_view intervention;
  absl::string_view request;
};

// Returns "<prefix><ORG>/<COUNTRY>" for a record: the country acting (membership),
// hosting (intervention) or asking (request); "" for a record with no kind.
std::string SubjectKey(const v1::Record& record, absl::string_view default_organization,
                       const KeyPrefixes& prefixes) {
  const std::string& own = OrganizationOf(record);
  const absl::string_view organization = own.empty() ? default_organization : absl::string_view(own);
  switch (record.kind_case()) {
    case v1::Record::kMembershipEvent:
      return absl::StrCat(prefixes.membership, organization, "/", record.membership_event().country());
    case v1::Record::kIntervention:
      return absl::StrCat(prefixes.intervention, organization, "/", record.intervention().host_country());
    case v1::Record::kAssistanceRequest:
      return absl::StrCat(prefixes.request, organization, "/", record.assistance_request().requester_country());
    default:
      return "";
  }
}

// Storage groups: requests and interventions of one country share a group.
constexpr KeyPrefixes kGroupPrefixes = {"membership/", "aid/", "aid/"};

// Records merge into facts only within one kind, organization and country.
std::string MergeKeyOf(const v1::Record& record, absl::string_view default_organization) {
  return SubjectKey(record, default_organization, {"membership/", "intervention/", "request/"});
}

}  // namespace

// Requests and interventions of one country are consolidated together: a
// granted request and the intervention it led to inform each other.
std::string GroupKeyOf(const v1::Record& record, absl::string_view default_organization) {
  return SubjectKey(record, default_organization, kGroupPrefixes);
}

std::vector<std::string> GroupKeyPrefixesOf(absl::string_view organization) {
  std::vector<std::string> prefixes;
  for (absl::string_view kind : {kGroupPrefixes.membership, kGroupPrefixes.intervention, kGroupPrefixes.request}) {
    std::string prefix = absl::StrCat(kind, organization, "/");
    if (std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) prefixes.push_back(std::move(prefix));
  }
  return prefixes;
}

void PrepareForConsolidation(SourcedRecord* record) {
  record->document_ids = RecordDocumentIds(record->sequence, EvidenceOf(record->record));
}

namespace {

// What every consolidation does last: links, sorting, one conflict per
// (subject_id, field).
void FinishGroupFacts(const DocumentMap& documents, GroupFacts* out) {
  LinkGrantedRequestsToInterventions(out);
  SortById(&out->membership_events);
  SortById(&out->interventions);
  SortById(&out->assistance_requests);
  out->conflicts = NormalizeConflicts(std::move(out->conflicts), documents);
}

// Returns the positions of `records` in canonical order.
std::vector<size_t> CanonicalOrder(const std::vector<SourcedRecord>& records) {
  std::vector<std::string> bytes;
  bytes.reserve(records.size());
  for (const SourcedRecord& record : records) bytes.push_back(DeterministicBytes(record.record));
  std::vector<size_t> order(records.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (bytes[a] != bytes[b]) return bytes[a] < bytes[b];
    return records[a].sequence < records[b].sequence;
  });
  return order;
}

}  // namespace

void SortCanonically(std::vector<SourcedRecord>* records) {
  const std::vector<size_t> order = CanonicalOrder(*records);
  std::vector<SourcedRecord> sorted;
  sorted.reserve(records->size());
  for (size_t i : order) sorted.push_back(std::move((*records)[i]));
  *records = std::move(sorted);
}

void InsertCanonically(SourcedRecord record, std::vector<SourcedRecord>* records) {
  const std::string bytes = DeterministicBytes(record.record);
  auto position = std::upper_bound(records->begin(), records->end(), record,
                                   [&bytes](const SourcedRecord& a, const SourcedRecord& b) {
                                     const std::string b_bytes = DeterministicBytes(b.record);
                                     if (bytes != b_bytes) return bytes < b_bytes;
                                     return a.sequence < b.sequence;
                                   });
  records->insert(position, std::move(record));
}

GroupFacts ConsolidateGroup(const std::vector<SourcedRecord>& records,
                            const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                            absl::string_view default_organization, const ConsolidationAids& aids) {
  std::vector<const SourcedRecord*> canonical;
  canonical.reserve(records.size());
  if (aids.records_in_canonical_order) {
    for (const SourcedRecord& record : records) canonical.push_back(&record);
  } else {
    for (size_t i : CanonicalOrder(records)) canonical.push_back(&records[i]);
  }
  std::deque<SourcedRecord> completed;  // owns the records LinkWithinArticles changed
  LinkWithinArticles(default_organization, &canonical, &completed);
  std::map<std::string, std::vector<const SourcedRecord*>> groups;
  for (const SourcedRecord* record : canonical) {
    std::string key = MergeKeyOf(record->record, default_organization);
    if (!key.empty()) groups[key].push_back(record);
  }
  GroupFacts out;
  SourceIndependence sources(&documents, aids.copies);
  for (const auto& [key, members] : groups) {
    const v1::Record& first = members.front()->record;
    const std::string& own = OrganizationOf(first);
    const absl::string_view organization = own.empty() ? default_organization : absl::string_view(own);
    switch (first.kind_case()) {
      case v1::Record::kMembershipEvent:
        MergeMembershipEvents(members, organization, &sources, &out);
        break;
      case v1::Record::kIntervention:
        MergeInterventions(members, organization, &sources, &out);
        break;
      case v1::Record::kAssistanceRequest:
        MergeAssistanceRequests(members, organization, &sources, &out);
        break;
      default:
        break;
    }
  }
  FinishGroupFacts(documents, &out);
  return out;
}

std::optional<GroupFacts> ConsolidateAdded(const std::vector<SourcedRecord>& added,
                                           const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                                           const ConsolidationAids& aids, KeptConsolidation* kept) {
  if (!kept->membership.has_value()) return std::nullopt;
  SourceIndependence sources(&documents, aids.copies);
  for (const SourcedRecord& record : added) {
    if (!kept->membership->TryAdd(record, &sources)) {
      kept->membership.reset();
      return std::nullopt;
    }
  }
  ++kept->updates;
  GroupFacts out;
  kept->membership->AppendTo(&sources, &out);
  FinishGroupFacts(documents, &out);
  return out;
}

GroupFacts ConsolidateAndKeep(const std::vector<SourcedRecord>& records,
                              const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                              absl::string_view default_organization, const ConsolidationAids& aids,
                              KeptConsolidation* kept) {
  kept->membership.reset();
  ++kept->rebuilds;
  const bool membership_only =
      !records.empty() && std::all_of(records.begin(), records.end(), [](const SourcedRecord& record) {
        return record.record.has_membership_event();
      });
  if (!membership_only || !aids.records_in_canonical_order) {
    return ConsolidateGroup(records, documents, default_organization, aids);
  }
  SourceIndependence sources(&documents, aids.copies);
  std::vector<const SourcedRecord*> canonical;
  canonical.reserve(records.size());
  for (const SourcedRecord& record : records) canonical.push_back(&record);
  const std::string& own = records.front().record.membership_event().organization();
  kept->membership.emplace();
  kept->membership->Rebuild(canonical, own.empty() ? default_organization : absl::string_view(own), &sources);
  GroupFacts out;
  kept->membership->AppendTo(&sources, &out);
  FinishGroupFacts(documents, &out);
  return out;
}

GroupFacts ConsolidateGroupKeeping(const std::vector<SourcedRecord>& records,
                                   const std::vector<SourcedRecord>& added,
                                   const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                                   absl::string_view default_organization, const ConsolidationAids& aids,
                                   KeptConsolidation* kept) {
  std::optional<GroupFacts> updated = ConsolidateAdded(added, documents, aids, kept);
  if (updated.has_value()) return std::move(*updated);
  return ConsolidateAndKeep(records, documents, default_organization, aids, kept);
}

}  // namespace alliance::query
