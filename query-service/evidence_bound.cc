#include "query-service/evidence_bound.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace alliance::query {

int32_t BoundEvidence(int max, google::protobuf::RepeatedPtrField<v1::Evidence>* evidence) {
  const int32_t total = evidence->size();
  if (max <= 0 || total <= max) return total;
  // Pick: one per document first, then fill in stored order.
  std::vector<bool> keep(static_cast<size_t>(total), false);
  std::set<std::string> documents;
  int kept = 0;
  for (int i = 0; i < total && kept < max; ++i) {
    if (documents.insert(evidence->Get(i).document_id()).second) {
      keep[static_cast<size_t>(i)] = true;
      ++kept;
    }
  }
  for (int i = 0; i < total && kept < max; ++i) {
    if (!keep[static_cast<size_t>(i)]) {
      keep[static_cast<size_t>(i)] = true;
      ++kept;
    }
  }
  google::protobuf::RepeatedPtrField<v1::Evidence> bounded;
  for (int i = 0; i < total; ++i) {
    if (keep[static_cast<size_t>(i)]) *bounded.Add() = std::move(*evidence->Mutable(i));
  }
  evidence->Swap(&bounded);
  return total;
}

void BoundEvidenceOf(int max, v1::MembershipEvent* event) {
  event->set_evidence_total(std::max(event->evidence_total(), BoundEvidence(max, event->mutable_evidence())));
}

void BoundEvidenceOf(int max, v1::Intervention* intervention) {
  intervention->set_evidence_total(std::max(intervention->evidence_total(), BoundEvidence(max, intervention->mutable_evidence())));
}

void BoundEvidenceOf(int max, v1::AssistanceRequest* request) {
  request->set_evidence_total(std::max(request->evidence_total(), BoundEvidence(max, request->mutable_evidence())));
}

void BoundEvidenceOf(int max, v1::Conflict* conflict) {
  for (v1::ConflictClaim& claim : *conflict->mutable_claims()) {
    claim.set_evidence_total(std::max(claim.evidence_total(), BoundEvidence(max, claim.mutable_evidence())));
  }
}

void BoundEvidenceOf(int max, v1::Member* member) {
  member->set_evidence_total(std::max(member->evidence_total(), BoundEvidence(max, member->mutable_evidence())));
}

}  // namespace alliance::query
