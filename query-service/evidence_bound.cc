#include "query-service/evidence_bound.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace alliance::query {

namespace {

// Returns the indices of the evidence BoundEvidence keeps, ascending.
std::vector<int> KeptEvidence(int max, const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  const int total = evidence.size();
  std::vector<int> kept;
  if (max <= 0 || total <= max) {
    kept.resize(static_cast<size_t>(total));
    for (int i = 0; i < total; ++i) kept[static_cast<size_t>(i)] = i;
    return kept;
  }
  // Pick: one per document first, then fill in stored order.
  std::set<std::string> documents;
  for (int i = 0; i < total && static_cast<int>(kept.size()) < max; ++i) {
    if (documents.insert(evidence.Get(i).document_id()).second) kept.push_back(i);
  }
  const size_t firsts = kept.size();
  for (int i = 0; i < total && static_cast<int>(kept.size()) < max; ++i) {
    if (!std::binary_search(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(firsts), i)) kept.push_back(i);
  }
  std::sort(kept.begin(), kept.end());
  return kept;
}

template <typename Fact>
void CopyBoundedFact(int max, Fact* fact, Fact* out) {
  google::protobuf::RepeatedPtrField<v1::Evidence> evidence;
  evidence.Swap(fact->mutable_evidence());
  *out = *fact;
  fact->mutable_evidence()->Swap(&evidence);
  const google::protobuf::RepeatedPtrField<v1::Evidence>& all = fact->evidence();
  for (int i : KeptEvidence(max, all)) *out->add_evidence() = all.Get(i);
  out->set_evidence_total(std::max(out->evidence_total(), all.size()));
}

}  // namespace

int32_t BoundEvidence(int max, google::protobuf::RepeatedPtrField<v1::Evidence>* evidence) {
  const int32_t total = evidence->size();
  if (max <= 0 || total <= max) return total;
  google::protobuf::RepeatedPtrField<v1::Evidence> bounded;
  for (int i : KeptEvidence(max, *evidence)) *bounded.Add() = std::move(*evidence->Mutable(i));
  evidence->Swap(&bounded);
  return total;
}

void CopyBounded(int max, v1::MembershipEvent* fact, v1::MembershipEvent* out) { CopyBoundedFact(max, fact, out); }
void CopyBounded(int max, v1::Intervention* fact, v1::Intervention* out) { CopyBoundedFact(max, fact, out); }
void CopyBounded(int max, v1::AssistanceRequest* fact, v1::AssistanceRequest* out) {
  CopyBoundedFact(max, fact, out);
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
