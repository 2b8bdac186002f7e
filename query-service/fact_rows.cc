#include "query-service/fact_rows.h"

#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/deterministic_bytes.h"
#include "common/rocksdb_status.h"
#include "common/sequence_key.h"
#include "query-service/evidence_bound.h"
#include "rocksdb/db.h"

namespace alliance::query::rows {

absl::string_view View(const rocksdb::Slice& slice) { return absl::string_view(slice.data(), slice.size()); }

std::string ConflictKey(const v1::Conflict& conflict) {
  return absl::StrCat(kConflictPrefix, conflict.subject_id(), std::string(1, '\0'), conflict.field());
}

std::string GroupFactPrefix(absl::string_view group) {
  return absl::StrCat(kGroupFactPrefix, group, std::string(1, '\0'));
}

std::string RecordPrefix(absl::string_view group) { return absl::StrCat(kRecordPrefix, group, "/"); }

std::string RecordKey(absl::string_view group, uint64_t sequence, uint32_t index) {
  std::string key = SequenceKey(RecordPrefix(group), sequence);
  key.push_back('/');
  key.append(EncodeFixed64BigEndian(index).substr(4));
  return key;
}

std::string DirtyKey(absl::string_view group) { return absl::StrCat(kDirtyPrefix, group); }

absl::Status Corrupt(absl::string_view what, absl::string_view key) {
  return absl::DataLossError(absl::StrCat("fact store: cannot parse ", what, " at key \"",
                                          absl::CHexEscape(key), "\""));
}

bool IsCountedFact(absl::string_view fact_key) { return !absl::StartsWith(fact_key, kConflictPrefix); }

std::string BriefKeyOf(absl::string_view fact_key) {
  if (absl::StartsWith(fact_key, kConflictPrefix)) return "";
  return absl::StrCat(kBriefPrefix, fact_key.substr(sizeof(kFactPrefix) - 1));
}

absl::Status SetFact(absl::string_view fact_key, const std::string& bytes, int evidence_per_fact,
                     v1::RecordChange* change) {
  bool parsed = false;
  if (absl::StartsWith(fact_key, kMembershipPrefix)) {
    parsed = change->mutable_membership_event()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_membership_event());
  } else if (absl::StartsWith(fact_key, kInterventionPrefix)) {
    parsed = change->mutable_intervention()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_intervention());
  } else if (absl::StartsWith(fact_key, kRequestPrefix)) {
    parsed = change->mutable_assistance_request()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_assistance_request());
  } else if (absl::StartsWith(fact_key, kConflictPrefix)) {
    parsed = change->mutable_conflict()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_conflict());
  }
  return parsed ? absl::OkStatus() : Corrupt("fact", fact_key);
}

std::string BriefBytes(const v1::RecordChange& change) {
  switch (change.fact_case()) {
    case v1::RecordChange::kMembershipEvent:
      return DeterministicBytes(change.membership_event());
    case v1::RecordChange::kIntervention:
      return DeterministicBytes(change.intervention());
    case v1::RecordChange::kAssistanceRequest:
      return DeterministicBytes(change.assistance_request());
    default:
      return "";
  }
}

}  // namespace alliance::query::rows
